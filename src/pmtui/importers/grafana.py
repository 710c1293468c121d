"""Provides the Grafana Alerting webhook importer (the webhook contact point's POST bodies).

Grafana sends the Alertmanager shape plus `orgId`, per-alert `values`, `silenceURL` and
`dashboardURL`/`panelURL`. Its times carry the Grafana server's UTC offset (+01:00 in winter
and +02:00 in summer for a server in Europe/Berlin); every one is converted to UTC. The
deprecated `title`, `state` and `message` keys are ignored. Events follow `importers.webhook`:
firing → `alert` at `startsAt`, resolved → `note` at `endsAt`. The query values that fired a
rule (`[B=1843, C=1]`, named by Grafana's internal query ids) are left out of the text unless
asked for (`keep_values`, `--keep-values`): a reader cannot tell what B or C was.
"""

from __future__ import annotations

from pmtui.importers.base import Collector, Record, text_field
from pmtui.importers.source import Input
from pmtui.importers.webhook import Flavour, read_webhooks, scalar_text


def _link(alert: Record) -> str:
    # The panel shows the incident's graph; the rule view is the fallback.
    for key in ("panelURL", "dashboardURL", "generatorURL"):
        value = text_field(alert, key)
        if value:
            return value
    return ""


def _values(alert: Record, collector: Collector) -> str:
    """The query results that fired the rule, e.g. " [B=0.97, C=1]", when asked for."""
    if not collector.options.keep_values:
        return ""
    values = alert.get("values")
    if not isinstance(values, dict) or not values:
        return ""
    shown = ", ".join(f"{ref}={scalar_text(value)}" for ref, value in list(values.items())[:6])
    return f" [{shown}]"


GRAFANA = Flavour("grafana", "a Grafana alerting webhook body", _link, _values)


def read_grafana(inp: Input, collector: Collector) -> None:
    read_webhooks(inp, collector, GRAFANA)
