"""Provides the import note about alerts that fired long before the rest of the evidence.

An alert that has been firing for weeks (a disk slowly filling, a certificate counting down)
is re-sent with every group notification, so it lands in the import at its old start. If
nothing in the timeline marks the incident's start or detection, the earliest alert stands in
for "detected" and the time to acknowledge would read as weeks: the import says so up front,
and the metrics (analysis.metrics) leave that time unmeasured with the same explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, tzinfo

from pmtui.importers.base import ImportedEvent
from pmtui.model.enums import EventKind
from pmtui.model.times import format_duration

#: The same span as analysis.metrics.LONG_BEFORE (a test keeps them equal; importers may not
#: import analysis).
LONG_BEFORE = timedelta(hours=24)
#: How the webhook formats (Alertmanager, Grafana) begin the note of an alert's resolution.
RESOLVED = "Resolved: "


def early_alert_notes(events: Sequence[ImportedEvent], zone: tzinfo | None) -> list[str]:
    """One note when alerts fired more than LONG_BEFORE before the rest of the evidence (its
    first event that is neither an alert nor an alert's resolution, else its last such alert);
    `events` sorted by time. An alert's own "Resolved:" record is not the rest of the evidence:
    one alert that fired and resolved 13 days later was said to fire "13d before" (mock 35b)."""
    rest = [e for e in events if not e.text.startswith(RESOLVED)]
    if not rest:
        return []
    anchor = next((e.at for e in rest if e.kind is not EventKind.ALERT), rest[-1].at)
    early = [e for e in rest if e.kind is EventKind.ALERT and anchor - e.at > LONG_BEFORE]
    if not early:
        return []
    first = early[0]
    text = first.text if len(first.text) <= 50 else first.text[:49].rstrip() + "…"
    more = f" and {len(early) - 1} more alerts" if len(early) > 1 else ""
    span = format_duration((anchor - first.at).total_seconds())
    return [
        f'"{text}"{more} already firing {span} before the rest of this evidence (since '
        f"{_shown(first.at, zone)}); without a start or detected event, TTA is not measured."
    ]


def _shown(moment: datetime, zone: tzinfo | None) -> str:
    if zone is None:
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")
