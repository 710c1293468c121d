"""Provides the reading Alertmanager and Grafana share: webhook bodies to alert events.

Both send the same shape: a body with `status`, `commonLabels` and `alerts[]`, each alert with
`status`, `labels`, `annotations`, `startsAt`, `endsAt` and `fingerprint`. Receivers store one
body, a JSON array of them, or JSON Lines. Every group notification repeats the alerts already
sent, so an alert is one firing event at `startsAt` and, once a body says it is resolved, one
resolution event at `endsAt`, however many times it was re-sent. A firing alert's `endsAt` is
meaningless (Prometheus sends a "valid until" a few minutes ahead, other senders Go's zero
time), so only `status` decides whether an alert is resolved.

Each event names the receiver the body was sent to ("→ slack-alerts-low (no page)"): which
receiver got an alert, and whether it could page anyone, is often the story. A receiver is
said to page nobody only when its name says so (chat, mail, low, info, ...) and nothing in it
says page, pager, on-call or a paging service. The same alert sent to two receivers is two
events, one per receiver.

A resolution becomes a `note`, not `mitigated`: an alert going quiet is a symptom falling
under a threshold (or flapping, or a silenced or deleted rule), not proof that someone
mitigated the incident, and the first `mitigated` event sets the mitigation metrics. The author
promotes the resolution that really marks recovery; its text starts with "Resolved:".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import orjson

from pmtui.importers.base import (
    Collector,
    ImportedEvent,
    ImporterError,
    Record,
    RowError,
    clean_text,
    clip_original,
    join_where,
)
from pmtui.importers.early_alerts import RESOLVED
from pmtui.importers.source import Input, json_values
from pmtui.importers.stamps import GO_ZERO_TIME, parse_json_time
from pmtui.model.enums import EventKind

# Anywhere in the name: "identity-pagerduty", "team-oncall". Doubt is never called quiet.
_PAGING_WORDS = ("page", "pager", "oncall", "on-call", "on_call", "opsgenie", "victorops")
# Whole words only: "log" must not make "login-team" quiet, nor "low" "workflow".
_QUIET_WORDS = frozenset(
    {
        "slack", "mail", "email", "chat", "teams", "discord", "low", "info", "warn",
        "warning", "warnings", "ticket", "tickets", "jira", "null", "blackhole", "devnull",
        "log", "logs",
    }
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Flavour:
    """What differs between the senders: the source name, the link, extra text."""

    source: str
    label: str  # for messages: "an Alertmanager webhook body"
    link: Callable[[Record], str]
    details: Callable[[Record, Collector], str] = lambda alert, collector: ""


def read_webhooks(inp: Input, collector: Collector, flavour: Flavour) -> None:
    values = json_values(inp, collector)
    state = _State(collector, flavour)
    bodies = 0
    for where, body in _bodies(values, collector):
        alerts = body.get("alerts")
        if not isinstance(alerts, list):
            collector.reject(where or "body", f'not {flavour.label}: no "alerts" list')
            continue
        bodies += 1
        common = body.get("commonLabels")
        common_labels = common if isinstance(common, dict) else {}
        for index, alert in enumerate(alerts):
            try:
                events, problem = state.events(alert, body, common_labels, where, index)
            except RowError as error:
                events, problem = [], str(error)
            for event in events:
                collector.add(event)
            if problem:
                collector.reject(join_where(where, f"alerts[{index}]"), problem)
    if not bodies and not collector.events:
        raise ImporterError(
            f'{inp.name} is not {flavour.label}: expected an object with an "alerts" list, '
            "a JSON array of them, or one per line"
        )


def _bodies(values: list[tuple[str, object]], collector: Collector) -> Iterator[tuple[str, Record]]:
    for where, value in values:
        if isinstance(value, dict):
            yield where, value
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    yield join_where(where, f"[{index}]"), item
                else:
                    collector.reject(join_where(where, f"[{index}]"), "not a webhook body")
        else:
            collector.reject(where or "document", "not a webhook body (a JSON object)")


def scalar_text(value: object) -> str:
    """A JSON value as short text. Nested values are written as JSON when they are shallow:
    str() of a list 1,000 levels deep (orjson reads up to 1,024) raises RecursionError."""
    if isinstance(value, str):
        return value
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:  # deeper than orjson writes
        return "[…]" if isinstance(value, list) else "{…}"


def text_map(value: object) -> dict[str, str]:
    """Labels or annotations as text; the usual all-text mapping is returned as it is."""
    if not isinstance(value, dict):
        return {}
    if all(type(item) is str for item in value.values()):
        return value
    return {key: scalar_text(item) for key, item in value.items()}


def _word(value: object) -> str:
    return value if isinstance(value, str) else ""


def label_text(labels: Mapping[str, object]) -> str:
    """Labels as Prometheus writes them: {alertname="X", team="identity"}."""
    return _braced(sorted(labels.items()))


def _braced(items: Sequence[tuple[str, object]]) -> str:
    return "{" + ", ".join([f'{key}="{value}"' for key, value in items]) + "}"


def receiver_text(receiver: str) -> str:
    """ " → identity-pager", or " → slack-alerts-low (no page)" when its name says it pages
    nobody; "" without a receiver."""
    if not receiver:
        return ""
    name = receiver.lower()
    quiet = not any(word in name for word in _PAGING_WORDS) and not _QUIET_WORDS.isdisjoint(
        _WORD.findall(name)
    )
    return f" → {receiver}" + (" (no page)" if quiet else "")


def _describe(
    labels: dict[str, str], alert: Record, common: dict[str, object], identity: str
) -> tuple[str, str]:
    """What an alert is about ("Name (label=value) — summary") and its original's tail."""
    annotations = text_map(alert.get("annotations"))
    name = labels.get("alertname") or _word(common.get("alertname")) or "alert"
    summary = (
        annotations.get("summary") or annotations.get("description") or annotations.get("message")
    )
    items = sorted(labels.items())
    # Labels the whole group shares say nothing about which alert this is.
    scope = ", ".join([f"{k}={v}" for k, v in items if k != "alertname" and common.get(k) != v])
    about = f"{name} ({scope})" if scope else f"{name}"
    if summary:
        about = f"{about} — {summary}"
    braced = _braced(items)
    return about, braced if identity == braced else f"{identity} {braced}"


class _State:
    """What one import has seen: alerts already turned into events, and times already read
    (each group notification repeats the same alerts with the same time strings)."""

    def __init__(self, collector: Collector, flavour: Flavour) -> None:
        self.collector = collector
        self.flavour = flavour
        self.seen: set[tuple[str, datetime, str, str]] = set()
        self.times: dict[str, datetime] = {}
        # Text written for an alert's firing event, reused when a later body resolves it.
        self.described: dict[tuple[str, datetime, str, str], tuple[str, str]] = {}

    def time(self, value: object, what: str) -> datetime:
        if isinstance(value, str):
            known = self.times.get(value)
            if known is None:
                known = self.times[value] = parse_json_time(value, what, self.collector)
            return known
        return parse_json_time(value, what, self.collector)

    def events(
        self, alert: object, body: Record, common: dict[str, object], body_at: str, index: int
    ) -> tuple[list[ImportedEvent], str]:
        """The alert's new events, and why its resolution was refused (or "").

        Written for speed as well as sense: a receiver's log can hold 100,000 alerts."""
        if not isinstance(alert, dict):
            raise RowError("not an alert (a JSON object)")
        status = alert.get("status")
        if status != "firing" and status != "resolved":  # the usual spellings, checked first
            status = (_word(status) or _word(body.get("status"))).strip().lower()
            if status != "firing" and status != "resolved":
                raise RowError(f'status {status!r} is neither "firing" nor "resolved"')
        starts_raw = alert.get("startsAt")
        starts = self.times.get(starts_raw) if isinstance(starts_raw, str) else None
        if starts is None:
            starts = self.time(starts_raw, "startsAt")
        if starts == GO_ZERO_TIME:
            raise RowError("startsAt is Go's zero time (0001-01-01), not when the alert fired")
        labels = text_map(alert.get("labels"))
        identity = _word(alert.get("fingerprint")) or label_text(labels)
        receiver = _word(body.get("receiver")).strip()
        firing_key = (identity, starts, "firing", receiver)
        resolved_key = (identity, starts, "resolved", receiver)
        new_firing = firing_key not in self.seen
        new_resolution = status == "resolved" and resolved_key not in self.seen
        if not (new_firing or new_resolution):
            return [], ""  # a repeat of what an earlier notification said: nothing to read
        described = self.described.get(firing_key)
        if described is None:
            described = self.described[firing_key] = _describe(labels, alert, common, identity)
        about, origin = described
        to = receiver_text(receiver)
        link = self.flavour.link(alert)
        source = self.flavour.source
        where = join_where(body_at, f"alerts[{index}]")
        events = []
        if new_firing:
            self.seen.add(firing_key)
            events.append(
                ImportedEvent(
                    starts,
                    EventKind.ALERT,
                    clean_text(f"Firing: {about}{self.flavour.details(alert, self.collector)}{to}"),
                    source,
                    clip_original(f"firing {starts_raw} {origin}"),
                    link,
                    where,
                )
            )
        if new_resolution:
            ends_raw = alert.get("endsAt")
            try:
                ends = self.time(ends_raw, "endsAt")
            except RowError as error:
                return events, str(error)  # the firing event still stands
            if ends == GO_ZERO_TIME:
                return events, "resolved, but endsAt is Go's zero time (0001-01-01): no end"
            if ends < starts:
                return events, f"endsAt {ends_raw} is before startsAt {starts_raw}"
            self.seen.add(resolved_key)
            events.append(
                ImportedEvent(
                    ends,
                    EventKind.NOTE,
                    clean_text(f"{RESOLVED}{about}{to}"),
                    source,
                    clip_original(f"resolved {ends_raw} {origin}"),
                    link,
                    where,
                )
            )
        return events, ""
