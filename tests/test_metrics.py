"""Milestones and metrics: the exact definitions in pmtui.analysis.metrics."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from pmtui.analysis.findings import FindingSeverity
from pmtui.analysis.metrics import (
    METRIC_NAMES,
    Milestones,
    compute_metrics,
    find_milestones,
    milestone_findings,
)
from pmtui.model.codec import postmortem_from_dict
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import TimelineEvent

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "tls-cert-expiry.json"
NOW = datetime(2025, 3, 24, 16, 0, tzinfo=UTC)


def at(minute: int, second: int = 0) -> datetime:
    """Minutes after 10:00 UTC on the incident day (negative for earlier)."""
    base = datetime(2025, 3, 11, 10, 0, tzinfo=UTC).timestamp()
    return datetime.fromtimestamp(base + minute * 60 + second, tz=UTC)


def ev(kind: str, minute: int, second: int = 0, name: str = "") -> TimelineEvent:
    return TimelineEvent(
        id=name or f"{kind}-{minute}", at=at(minute, second), kind=EventKind(kind), text=kind
    )


def rules(milestones: Milestones) -> list[str]:
    return [f.message for f in milestone_findings(milestones)]


def test_complete_timeline_gives_every_metric_in_seconds() -> None:
    events = [
        ev("start", 0),
        ev("alert", 7, 30),
        ev("detected", 12),
        ev("notified", 12, 20),
        ev("acknowledged", 15),
        ev("mitigated", 50),
        ev("resolved", 95),
    ]
    metrics = compute_metrics(events)
    assert metrics.milestones == Milestones(
        start=at(0), detected=at(12), acknowledged=at(15), mitigated=at(50), resolved=at(95)
    )
    assert metrics.as_dict() == {
        "time_to_detect": 720.0,
        "time_to_acknowledge": 180.0,
        "time_to_mitigate": 3000.0,
        "time_to_resolve": 5700.0,
        "impact_duration": 3000.0,
    }
    assert list(metrics.as_dict()) == list(METRIC_NAMES)
    assert metrics.formatted("time_to_detect") == "12m"
    assert metrics.formatted("time_to_resolve") == "1h 35m"
    assert milestone_findings(metrics.milestones) == []


def test_earliest_of_each_milestone_kind_counts_regardless_of_input_order() -> None:
    events = [
        ev("resolved", 120, name="r2"),
        ev("mitigated", 60, name="m2"),
        ev("start", 5, name="s2"),
        ev("detected", 30, name="d2"),
        ev("resolved", 90, name="r1"),
        ev("start", 0, name="s1"),
        ev("mitigated", 40, name="m1"),
        ev("detected", 20, name="d1"),
    ]
    m = find_milestones(events)
    assert (m.start, m.detected, m.mitigated, m.resolved) == (at(0), at(20), at(40), at(90))


def test_detected_falls_back_to_the_earliest_alert_at_or_after_start() -> None:
    events = [ev("alert", -30), ev("start", 0), ev("alert", 9), ev("alert", 4), ev("note", 2)]
    metrics = compute_metrics(events)
    assert metrics.milestones.detected == at(4)
    assert metrics.time_to_detect == 240.0


def test_an_alert_at_exactly_start_counts_as_detection() -> None:
    metrics = compute_metrics([ev("alert", -1), ev("start", 0), ev("alert", 0)])
    assert metrics.milestones.detected == at(0)
    assert metrics.time_to_detect == 0.0


def test_an_alert_before_start_is_ignored() -> None:
    metrics = compute_metrics([ev("alert", -30), ev("start", 0)])
    assert metrics.milestones.detected is None
    assert metrics.time_to_detect is None
    assert metrics.formatted("time_to_detect") == "—"


def test_an_explicit_detected_event_wins_over_earlier_alerts() -> None:
    metrics = compute_metrics([ev("start", 0), ev("alert", 3), ev("detected", 11)])
    assert metrics.milestones.detected == at(11)
    assert metrics.time_to_detect == 660.0


def test_without_start_any_alert_is_detection() -> None:
    metrics = compute_metrics([ev("alert", 8), ev("alert", 3)])
    assert metrics.milestones.detected == at(3)
    assert metrics.time_to_detect is None  # no start, so no TTD


def test_acknowledged_is_the_earliest_ack_at_or_after_detected() -> None:
    events = [
        ev("start", 0),
        ev("acknowledged", 5),  # an ack of something else before detection
        ev("detected", 10),
        ev("acknowledged", 18),
        ev("acknowledged", 14),
    ]
    metrics = compute_metrics(events)
    assert metrics.milestones.acknowledged == at(14)
    assert metrics.time_to_acknowledge == 240.0


def test_ack_at_the_detection_instant_counts() -> None:
    metrics = compute_metrics([ev("detected", 10), ev("acknowledged", 10)])
    assert metrics.milestones.acknowledged == at(10)
    assert metrics.time_to_acknowledge == 0.0


def test_no_acknowledged_without_detected() -> None:
    metrics = compute_metrics([ev("start", 0), ev("acknowledged", 5)])
    assert metrics.milestones.acknowledged is None
    assert metrics.time_to_acknowledge is None


def test_impact_uses_mitigated_when_present() -> None:
    metrics = compute_metrics([ev("start", 0), ev("mitigated", 25), ev("resolved", 70)])
    assert metrics.impact_duration == 1500.0
    assert metrics.time_to_mitigate == 1500.0
    assert metrics.time_to_resolve == 4200.0


def test_impact_falls_back_to_resolved() -> None:
    metrics = compute_metrics([ev("start", 0), ev("resolved", 70)])
    assert metrics.impact_duration == 4200.0
    assert metrics.time_to_mitigate is None
    assert metrics.time_to_resolve == 4200.0


def test_missing_milestones_give_none_never_zero() -> None:
    empty = compute_metrics([])
    assert empty.milestones == Milestones()
    assert empty.as_dict() == dict.fromkeys(METRIC_NAMES)
    assert all(empty.formatted(name) == "—" for name in METRIC_NAMES)

    only_start = compute_metrics([ev("start", 0), ev("note", 1), ev("action", 2)])
    assert only_start.as_dict() == dict.fromkeys(METRIC_NAMES)

    no_start = compute_metrics([ev("detected", 5), ev("acknowledged", 6), ev("resolved", 9)])
    assert no_start.as_dict() == {
        "time_to_detect": None,
        "time_to_acknowledge": 60.0,
        "time_to_mitigate": None,
        "time_to_resolve": None,
        "impact_duration": None,
    }


def test_zero_durations_stay_zero_not_none() -> None:
    metrics = compute_metrics([ev("start", 0), ev("detected", 0), ev("mitigated", 0)])
    assert metrics.time_to_detect == 0.0
    assert metrics.time_to_mitigate == 0.0
    assert metrics.formatted("time_to_detect") == "0s"


def test_out_of_order_milestones_keep_negative_values() -> None:
    events = [ev("start", 30), ev("detected", 10), ev("mitigated", 20), ev("resolved", 15)]
    metrics = compute_metrics(events)
    assert metrics.time_to_detect == -1200.0
    assert metrics.time_to_mitigate == -600.0
    assert metrics.time_to_resolve == -900.0
    assert metrics.impact_duration == -600.0
    assert metrics.formatted("time_to_detect") == "-20m"


def test_out_of_order_milestones_are_reported() -> None:
    # Detection before the start is early detection, not an order problem (test_guides.py).
    events = [ev("start", 30), ev("detected", 10), ev("mitigated", 20), ev("resolved", 15)]
    findings = milestone_findings(find_milestones(events))
    assert [f.message for f in findings] == [
        "'mitigated' is earlier than 'start'",
        "'resolved' is earlier than 'start'",
        "'resolved' is earlier than 'mitigated'",
    ]
    assert {f.rule for f in findings} == {"milestone-order"}
    assert {f.severity for f in findings} == {FindingSeverity.BLOCKING}
    assert {f.where for f in findings} == {"timeline"}
    assert findings[0].hint == "check the times of the first 'start' and 'mitigated' events"
    assert findings[0].to_dict() == {
        "rule": "milestone-order",
        "severity": "blocking",
        "where": "timeline",
        "message": "'mitigated' is earlier than 'start'",
        "hint": "check the times of the first 'start' and 'mitigated' events",
    }


def test_resolved_before_mitigated_alone_is_reported() -> None:
    events = [ev("start", 0), ev("mitigated", 40), ev("resolved", 30)]
    assert rules(find_milestones(events)) == ["'resolved' is earlier than 'mitigated'"]


def test_order_checks_compare_milestones_directly() -> None:
    milestones = Milestones(start=at(10), detected=at(20), acknowledged=at(15))
    assert rules(milestones) == ["'acknowledged' is earlier than 'detected'"]
    assert rules(Milestones(start=at(10), resolved=at(10))) == []
    assert rules(Milestones(mitigated=at(5), resolved=at(1))) == [
        "'resolved' is earlier than 'mitigated'"
    ]


def test_metrics_of_the_sample_post_mortem() -> None:
    pm = postmortem_from_dict(json.loads(SAMPLE.read_text(encoding="utf-8")), now=NOW)
    metrics = compute_metrics(pm.events)
    assert metrics.milestones == Milestones(
        start=datetime(2025, 3, 19, 7, 41, 12, tzinfo=UTC),
        detected=datetime(2025, 3, 19, 8, 3, 10, tzinfo=UTC),
        acknowledged=datetime(2025, 3, 19, 8, 7, 55, tzinfo=UTC),
        mitigated=datetime(2025, 3, 19, 8, 52, 40, tzinfo=UTC),
        resolved=datetime(2025, 3, 19, 9, 35, 0, tzinfo=UTC),
    )
    assert metrics.as_dict() == {
        "time_to_detect": 1318.0,  # 21m 58s
        "time_to_acknowledge": 285.0,  # 4m 45s
        "time_to_mitigate": 4288.0,  # 1h 11m 28s
        "time_to_resolve": 6828.0,  # 1h 53m 48s
        "impact_duration": 4288.0,
    }
    assert [metrics.formatted(name) for name in METRIC_NAMES] == [
        "21m 58s",
        "4m 45s",
        "1h 11m",
        "1h 54m",  # to the nearest minute, as the metrics line shows it
        "1h 11m",
    ]
    assert milestone_findings(metrics.milestones) == []


def test_sample_without_its_detected_event_falls_back_to_the_first_alert_after_start() -> None:
    pm = postmortem_from_dict(json.loads(SAMPLE.read_text(encoding="utf-8")), now=NOW)
    start = datetime(2025, 3, 19, 7, 41, 12, tzinfo=UTC)
    # The expiry warnings days before the start are alerts too, but never count as detection.
    assert [e.id for e in pm.events if e.kind is EventKind.ALERT and e.at < start] == [
        "ev-warn-14d",
        "ev-warn-7d",
        "ev-warn-1d",
    ]
    metrics = compute_metrics(pm.without_event("ev-detected").events)
    assert metrics.milestones.detected == pm.event("ev-expired-low").at
    assert metrics.time_to_detect == 288.0
    # The page was acknowledged after that alert, so TTA now counts from it.
    assert metrics.time_to_acknowledge == 1315.0
