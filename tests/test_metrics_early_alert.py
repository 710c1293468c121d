"""An alert long before the first acknowledgement is a note, not weeks of time to acknowledge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from textual.app import App, ComposeResult

from pmtui.analysis.metrics import LONG_BEFORE, compute_metrics, metric_notes
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import PostMortem, TimelineEvent
from pmtui.ui.widgets.status_bar import MetricsLine

PAGE = datetime(2025, 3, 11, 14, 2, tzinfo=UTC)
WEEKS_AGO = PAGE - timedelta(days=21)
BERLIN = ZoneInfo("Europe/Berlin")


def event(name: str, at: datetime, kind: EventKind) -> TimelineEvent:
    return TimelineEvent(id=name, at=at, kind=kind, text=name)


STALE = (
    event("disk", WEEKS_AGO, EventKind.ALERT),
    event("page", PAGE, EventKind.ALERT),
    event("ack", PAGE + timedelta(minutes=3), EventKind.ACKNOWLEDGED),
)


def test_an_alert_weeks_before_the_first_acknowledgement_leaves_tta_absent_with_a_note() -> None:
    metrics = compute_metrics(STALE)
    assert metrics.milestones.detected == WEEKS_AGO  # the definitions are unchanged...
    assert metrics.time_to_acknowledge is None  # ...but weeks are not reported as TTA
    assert metric_notes(metrics, BERLIN) == [
        "TTA not measured: the first alert (2025-02-18 15:02) fired 21d 0h 03m before the "
        "first acknowledgement (2025-03-11 15:05), so it was already firing when the incident "
        "began; mark the event that detected this incident 'detected', or add a 'start'."
    ]


def test_a_start_or_a_detected_event_or_a_prompt_acknowledgement_measures_tta_as_before() -> None:
    with_start = (*STALE, event("start", PAGE - timedelta(minutes=5), EventKind.START))
    assert compute_metrics(with_start).time_to_acknowledge == 180
    with_detected = (*STALE, event("detected", PAGE, EventKind.DETECTED))
    assert compute_metrics(with_detected).time_to_acknowledge == 180
    prompt = compute_metrics(STALE[1:])
    assert prompt.time_to_acknowledge == 180 and metric_notes(prompt, BERLIN) == []
    just_in = (event("a", STALE[2].at - LONG_BEFORE, EventKind.ALERT), STALE[2])
    assert compute_metrics(just_in).time_to_acknowledge == LONG_BEFORE.total_seconds()


class _Line(App[None]):
    def compose(self) -> ComposeResult:
        yield MetricsLine(id="metrics")


async def test_the_metrics_line_says_so_instead_of_a_number() -> None:
    app = _Line()
    async with app.run_test(size=(100, 3)) as pilot:
        line = app.query_one(MetricsLine)
        line.pm = PostMortem(id="pm1", title="Disk", timezone="Europe/Berlin", events=STALE)
        await pilot.pause()
        assert "TTA n/a" in str(line.render())
        assert str(line.tooltip).startswith("TTA not measured: the first alert (2025-02-18")
