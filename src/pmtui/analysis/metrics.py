"""Provides milestones and metrics derived from the timeline, never typed by hand.

Definitions (kept exactly; the README repeats them):
- start = earliest `start`; detected = earliest `detected`, else earliest `alert` at or after
  start; acknowledged = earliest `acknowledged` at or after detected; mitigated = earliest
  `mitigated`; resolved = earliest `resolved`.
- time_to_detect = detected - start; time_to_acknowledge = acknowledged - detected;
  time_to_mitigate = mitigated - start; time_to_resolve = resolved - start;
  impact_duration = (mitigated, else resolved) - start.
A missing milestone makes its metric absent (None), never zero. Out-of-order milestones are
still computed (a negative value is kept) and reported by `milestone_findings`.

One exception, so that imported evidence never reports a silly number: when nothing marks
the start or the detection, and the alert that stands in for "detected" fired more than
LONG_BEFORE before the first acknowledgement (a disk alert firing for weeks), that alert was
already firing when the incident began. Time to acknowledge is then absent, and
`metric_notes` says why instead of reporting weeks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from pmtui.analysis.findings import Finding, FindingSeverity
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import TimelineEvent
from pmtui.model.times import format_duration, format_instant

METRIC_NAMES: tuple[str, ...] = (
    "time_to_detect",
    "time_to_acknowledge",
    "time_to_mitigate",
    "time_to_resolve",
    "impact_duration",
)
#: An alert this long before the first acknowledgement was firing before the incident began.
LONG_BEFORE = timedelta(hours=24)
METRIC_LABELS: dict[str, tuple[str, str]] = {
    "time_to_detect": ("TTD", "Time to detect"),
    "time_to_acknowledge": ("TTA", "Time to acknowledge"),
    "time_to_mitigate": ("TTM", "Time to mitigate"),
    "time_to_resolve": ("TTR", "Time to resolve"),
    "impact_duration": ("Impact", "Impact duration"),
}


@dataclass(frozen=True, slots=True)
class Milestones:
    start: datetime | None = None
    detected: datetime | None = None
    acknowledged: datetime | None = None
    mitigated: datetime | None = None
    resolved: datetime | None = None


@dataclass(frozen=True, slots=True)
class Metrics:
    milestones: Milestones
    time_to_detect: float | None  # seconds
    time_to_acknowledge: float | None
    time_to_mitigate: float | None
    time_to_resolve: float | None
    impact_duration: float | None
    # The alert standing in for "detected" when it fired LONG_BEFORE the first acknowledgement
    # (time_to_acknowledge is then None); None otherwise.
    early_alert: datetime | None = None

    def as_dict(self) -> dict[str, float | None]:
        return {name: getattr(self, name) for name in METRIC_NAMES}

    def formatted(self, name: str) -> str:
        """The metric as '1h 05m', or '—' when a milestone is missing."""
        value = getattr(self, name)
        return "—" if value is None else format_duration(value)


def _earliest(times: list[datetime], not_before: datetime | None = None) -> datetime | None:
    eligible = [t for t in times if not_before is None or t >= not_before]
    return min(eligible) if eligible else None


def _seconds(later: datetime | None, earlier: datetime | None) -> float | None:
    if later is None or earlier is None:
        return None
    return (later - earlier).total_seconds()


def _times_by_kind(events: Iterable[TimelineEvent]) -> dict[EventKind, list[datetime]]:
    by_kind: dict[EventKind, list[datetime]] = {}
    for event in events:
        by_kind.setdefault(event.kind, []).append(event.at)
    return by_kind


def find_milestones(events: Iterable[TimelineEvent]) -> Milestones:
    return _milestones(_times_by_kind(events))


def _milestones(by_kind: dict[EventKind, list[datetime]]) -> Milestones:
    start = _earliest(by_kind.get(EventKind.START, []))
    detected = _earliest(by_kind.get(EventKind.DETECTED, []))
    if detected is None:
        detected = _earliest(by_kind.get(EventKind.ALERT, []), not_before=start)
    acknowledged = (
        _earliest(by_kind.get(EventKind.ACKNOWLEDGED, []), not_before=detected)
        if detected is not None
        else None
    )
    return Milestones(
        start=start,
        detected=detected,
        acknowledged=acknowledged,
        mitigated=_earliest(by_kind.get(EventKind.MITIGATED, [])),
        resolved=_earliest(by_kind.get(EventKind.RESOLVED, [])),
    )


def compute_metrics(events: Iterable[TimelineEvent]) -> Metrics:
    return _metrics(_times_by_kind(events))


def metrics_of_columns(kinds: Iterable[EventKind], times: Iterable[datetime]) -> Metrics:
    """compute_metrics of the events with these kinds and times (pairwise), for a timeline
    read a column at a time (model.stored_events) without building its events."""
    by_kind: dict[EventKind, list[datetime]] = {}
    for kind, at in zip(kinds, times, strict=True):
        by_kind.setdefault(kind, []).append(at)
    return _metrics(by_kind)


def _metrics(by_kind: dict[EventKind, list[datetime]]) -> Metrics:
    m = _milestones(by_kind)
    recovered = m.mitigated if m.mitigated is not None else m.resolved
    early_alert = None
    if (
        m.start is None
        and EventKind.DETECTED not in by_kind
        and m.detected is not None
        and m.acknowledged is not None
        and m.acknowledged - m.detected > LONG_BEFORE
    ):
        early_alert = m.detected
    return Metrics(
        milestones=m,
        time_to_detect=_seconds(m.detected, m.start),
        time_to_acknowledge=None if early_alert else _seconds(m.acknowledged, m.detected),
        time_to_mitigate=_seconds(m.mitigated, m.start),
        time_to_resolve=_seconds(m.resolved, m.start),
        impact_duration=_seconds(recovered, m.start),
        early_alert=early_alert,
    )


# Pairs that must happen in this order when both exist. Detection may come before the start
# (`start` is when customers began to see the impact): that is early detection, a note.
_ORDER = (
    ("detected", "acknowledged"),
    ("start", "mitigated"),
    ("start", "resolved"),
    ("mitigated", "resolved"),
)


def milestone_findings(milestones: Milestones) -> list[Finding]:
    """Out-of-order milestones (resolved before start, resolved before mitigated, ...)."""
    findings = []
    for earlier, later in _ORDER:
        first = getattr(milestones, earlier)
        second = getattr(milestones, later)
        if first is None or second is None or second >= first:
            continue
        findings.append(
            Finding(
                rule="milestone-order",
                severity=FindingSeverity.BLOCKING,
                where="timeline",
                message=f"'{later}' is earlier than '{earlier}'",
                hint=f"check the times of the first '{earlier}' and '{later}' events",
            )
        )
    return findings


def early_detection(milestones: Milestones) -> float | None:
    """Seconds by which detection came before the customer-visible start, if it did."""
    start, detected = milestones.start, milestones.detected
    if start is None or detected is None or detected >= start:
        return None
    return (start - detected).total_seconds()


#: The two milestones each metric measures between: (later, earlier).
METRIC_MILESTONES: dict[str, tuple[str, str]] = {
    "time_to_detect": ("detected", "start"),
    "time_to_acknowledge": ("acknowledged", "detected"),
    "time_to_mitigate": ("mitigated", "start"),
    "time_to_resolve": ("resolved", "start"),
    "impact_duration": ("mitigated", "start"),
}


def negative_metric_reasons(metrics: Metrics, zone: tzinfo) -> list[str]:
    """One sentence per negative metric naming the two milestones out of order and their
    times, e.g. "TTD is negative: 'detected' (2025-03-19 08:40) is before 'start' (...)"."""
    reasons = []
    for name in METRIC_NAMES:
        value = getattr(metrics, name)
        if value is None or value >= 0:
            continue
        later, earlier = METRIC_MILESTONES[name]
        if name == "impact_duration" and metrics.milestones.mitigated is None:
            later = "resolved"
        later_at = getattr(metrics.milestones, later)
        earlier_at = getattr(metrics.milestones, earlier)
        reasons.append(
            f"{METRIC_LABELS[name][0]} is negative: '{later}' "
            f"({format_instant(later_at, zone)}) is before '{earlier}' "
            f"({format_instant(earlier_at, zone)}); check their dates."
        )
    return reasons


def early_alert_note(metrics: Metrics, zone: tzinfo) -> str:
    """Why time to acknowledge is absent when "detected" would be an alert that fired long
    before the first acknowledgement; "" when it is not."""
    alert, acknowledged = metrics.early_alert, metrics.milestones.acknowledged
    if alert is None or acknowledged is None:
        return ""
    return (
        f"TTA not measured: the first alert ({format_instant(alert, zone)}) fired "
        f"{format_duration((acknowledged - alert).total_seconds())} before the first "
        f"acknowledgement ({format_instant(acknowledged, zone)}), so it was already firing "
        "when the incident began; mark the event that detected this incident 'detected', or "
        "add a 'start'."
    )


def metric_notes(metrics: Metrics, zone: tzinfo) -> list[str]:
    """Every sentence the metrics line owes its reader: negative metrics, and an alert long
    before the first acknowledgement (see early_alert_note)."""
    notes = negative_metric_reasons(metrics, zone)
    early = early_alert_note(metrics, zone)
    return [*notes, early] if early else notes
