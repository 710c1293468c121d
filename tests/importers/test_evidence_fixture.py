"""One incident seen by six sources (tests/data/evidence): rows in and events out per source,
the same page at nearby instants in PagerDuty, Slack and Alertmanager, and the combined
timeline's metrics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pmtui.analysis.metrics import compute_metrics, metric_notes
from pmtui.importers import read_evidence
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import TimelineEvent

EVIDENCE = Path(__file__).resolve().parents[1] / "data" / "evidence"

#: (file, format, records in the file, events out, notes): the records are counted by hand —
#: log entries, webhook alerts (one per body), Opsgenie log records, CSV rows, Slack messages.
SOURCES = [
    ("pagerduty_log_entries.json", "pagerduty", 6, 6, 0),
    ("slack_export", "slack", 13, 11, 1),  # two joins skipped, and said so
    ("alertmanager_webhook_deliveries.jsonl", "alertmanager", 5, 5, 1),  # the weeks-old alert
    ("grafana_webhook_deliveries.json", "grafana", 2, 2, 0),
    ("opsgenie_alert_logs.json", "opsgenie", 5, 5, 0),
    ("timeline.csv", "csv", 5, 5, 0),
]


def incident(hour: int, minute: int, second: int) -> datetime:
    return datetime(2025, 3, 11, hour, minute, second, tzinfo=UTC)


@pytest.mark.parametrize(("name", "fmt", "rows_in", "events_out", "notes"), SOURCES)
def test_each_source_is_detected_and_every_record_accounted_for(
    name: str, fmt: str, rows_in: int, events_out: int, notes: int
) -> None:
    result = read_evidence(EVIDENCE / name, tz="Europe/Lisbon")
    assert result.format == fmt
    assert (len(result.events), len(result.rejected), len(result.notes)) == (events_out, 0, notes)
    assert events_out <= rows_in
    # A CSV names its own sources (deploy, manual); every other format is its own source.
    assert all(event.source == fmt or fmt == "csv" for event in result.events)


def test_the_same_page_is_seen_by_pagerduty_slack_and_alertmanager_within_a_minute() -> None:
    def first(name: str, needle: str) -> datetime:
        events = read_evidence(EVIDENCE / name).events
        return next(e.at for e in events if needle in e.text)

    moments = [
        first("alertmanager_webhook_deliveries.jsonl", "Firing: AuthErrorRateHigh"),
        first("pagerduty_log_entries.json", "#4521 AuthErrorRateHigh"),
        first("slack_export", "[FIRING:1] AuthErrorRateHigh"),
        first("slack_export", "PagerDuty: Triggered #4521"),
    ]
    assert max(moments) - min(moments) < timedelta(minutes=1)


def test_the_combined_timeline_reads_like_the_incident() -> None:
    events = [
        event.to_event(f"e{index}")
        for name, *_ in SOURCES
        for index, event in enumerate(read_evidence(EVIDENCE / name, tz="Europe/Lisbon").events)
    ]
    texts = [event.text for event in events]
    assert "#4521: Acknowledged by Ana Lima." in texts
    assert not any("*" in text or "<@" in text or "U01ANA" in text for text in texts)
    resolved = sorted(event.at for event in events if event.kind is EventKind.RESOLVED)
    # Only people resolve: the IC's call in the CSV and Opsgenie's close by Bo Chen, not
    # PagerDuty's automatic resolve at 14:23:11.
    assert resolved == [incident(14, 40, 0), incident(14, 40, 30)]
    metrics = compute_metrics(events)
    assert metrics.time_to_acknowledge is None  # the disk alert firing since February
    [note] = metric_notes(metrics, ZoneInfo("UTC"))
    assert note.startswith("TTA not measured: the first alert (2025-02-18 09:12) fired 21d")
    start = TimelineEvent("start", incident(13, 58, 10), EventKind.START, "v2.42 rolled out")
    with_start = compute_metrics([*events, start])
    assert with_start.milestones.detected == incident(14, 0, 5) + timedelta(microseconds=220000)
    assert with_start.time_to_acknowledge == pytest.approx(246.78)
