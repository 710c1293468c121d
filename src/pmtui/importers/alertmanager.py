"""Provides the Prometheus Alertmanager webhook importer (`webhook_config` POST bodies).

One body, a JSON array of bodies, or JSON Lines (one body per line, as receivers store them).
Keys beyond the documented ones (`notification_reason` since v0.32, `routeLabels` in v0.34)
are ignored. How firing and resolved alerts become events is in `importers.webhook`:
firing → `alert` at `startsAt`; resolved → `note` at `endsAt` (see there for why not
`mitigated`); re-sent alerts are de-duplicated by fingerprint, start time and status.
"""

from __future__ import annotations

from pmtui.importers.base import Collector, Record, text_field
from pmtui.importers.source import Input
from pmtui.importers.webhook import Flavour, read_webhooks


def _link(alert: Record) -> str:
    # The Prometheus graph of the rule's expression, when the sender filled it in.
    return text_field(alert, "generatorURL")


ALERTMANAGER = Flavour("alertmanager", "an Alertmanager webhook body", _link)


def read_alertmanager(inp: Input, collector: Collector) -> None:
    read_webhooks(inp, collector, ALERTMANAGER)
