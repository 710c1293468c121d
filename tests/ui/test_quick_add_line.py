"""QuickAddLine on its own: the live date preview, the anchor hint, errors under the line, and
the Submitted message its host turns into an event; then both hosts using it."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.app import App, ComposeResult
from textual.widgets import Input

from pmtui.model.enums import EventKind
from pmtui.model.postmortem import PostMortem
from pmtui.ui.controls.quick_add_line import Capture, CapturedEvent, QuickAddLine
from pmtui.ui.modals.event_form import EventFormModal, StampEventModal
from pmtui.ui.screens.meeting import MeetingScreen
from tests.ui.support import FIXED_NOW, SAMPLE_ID, open_sample


class Host(App[None]):
    """Holds one line and records what it asks to add, answering as a host would."""

    def __init__(self, pm: PostMortem, now: datetime, refuse: str = "") -> None:
        super().__init__()
        self.pm = pm
        self.now = now
        self.refuse = refuse
        self.captured: list[CapturedEvent] = []

    def compose(self) -> ComposeResult:
        yield QuickAddLine(placeholder="e.g. 14:32 detected", input_id="line", clock=self.clock)

    def clock(self) -> datetime:
        return self.now

    def on_mount(self) -> None:
        line = self.query_one(QuickAddLine)
        line.pm = self.pm
        line.anchor_at = self.pm.events[-1].at
        line.input.focus()

    def on_quick_add_line_submitted(self, message: QuickAddLine.Submitted) -> None:
        self.captured.append(message.event)
        if self.refuse:
            message.line.refused(self.refuse)
        else:
            message.line.accepted(message.event)


def line_of(app: App) -> QuickAddLine:
    return app.query_one(QuickAddLine)


def hint_and_error(app: App) -> tuple[str, str]:
    line = line_of(app)
    return str(line.query_one(".field-hint").render()), str(line.query_one(".field-error").render())


async def test_a_typed_line_previews_its_date_and_is_posted_for_the_host_to_add(make_ui) -> None:
    pm = make_ui().service.get(SAMPLE_ID)
    app = Host(pm, FIXED_NOW)
    async with app.run_test() as pilot:
        line = line_of(app)
        assert line.id == "ff-line"
        assert line.input.border_subtitle == (
            "14:32 → the first 14:32 after 07:36 (3 h before the selected event)"
        )
        await pilot.press(*"18:14 detected Pager fired")
        # The exact day, and how to give another one (a date first).
        said = "→ Wed 2025-03-19 18:14 CET · or give the date: 2025-03-19 18:14 …"
        assert hint_and_error(app)[0] == said
        await pilot.press("enter")
        await pilot.pause()
        [captured] = app.captured
        assert captured.how is Capture.TYPED
        assert captured.quick.kind is EventKind.DETECTED
        assert captured.quick.text == "Pager fired"
        assert captured.quick.at == datetime(2025, 3, 19, 17, 14, tzinfo=UTC)
        assert captured.anchor == pm.events[-1].at
        assert line.input.value == ""  # accepted: ready for the next line


async def test_a_line_that_means_nothing_keeps_its_text_and_says_why(make_ui) -> None:
    pm = make_ui().service.get(SAMPLE_ID)
    app = Host(pm, FIXED_NOW)
    async with app.run_test() as pilot:
        await pilot.press(*"26:10 detected", "enter")
        await pilot.pause()
        assert app.captured == []
        assert "26:10" in hint_and_error(app)[1]
        assert line_of(app).has_class("-invalid")
        assert line_of(app).input.value == "26:10 detected"
        await pilot.press("backspace")
        assert not line_of(app).has_class("-invalid")


async def test_a_refusal_from_the_host_shows_under_the_line_and_keeps_it(make_ui) -> None:
    pm = make_ui().service.get(SAMPLE_ID)
    app = Host(pm, FIXED_NOW, refuse="the timeline is full")
    async with app.run_test() as pilot:
        await pilot.press(*"+5m restarted api", "enter")
        await pilot.pause()
        assert len(app.captured) == 1
        assert hint_and_error(app)[1] == "the timeline is full"
        assert line_of(app).input.value == "+5m restarted api"


async def test_stamp_now_on_a_live_incident_asks_what_happened_at_the_key_press(make_ui) -> None:
    pm = make_ui().service.get(SAMPLE_ID)
    app = Host(pm, FIXED_NOW)
    async with app.run_test() as pilot:
        line_of(app).stamp_now()
        await pilot.pause()
        assert isinstance(app.screen, StampEventModal)
        app.now = FIXED_NOW.replace(minute=59)  # typing takes a while; the time stays
        await pilot.press(*"mitigated failover done", "enter")
        await pilot.pause()
        [captured] = app.captured
        assert captured.how is Capture.STAMPED
        assert (captured.quick.at, captured.quick.kind) == (FIXED_NOW, EventKind.MITIGATED)


async def test_stamp_now_in_an_older_incident_asks_for_the_time_and_checks_it(make_ui) -> None:
    pm = make_ui().service.get(SAMPLE_ID)
    app = Host(pm, datetime(2025, 4, 10, 9, 0, tzinfo=UTC))
    async with app.run_test() as pilot:
        line_of(app).input.value = "resolved all clear"
        line_of(app).stamp_now()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EventFormModal)
        assert form.query_one("#at", Input).value == "2025-03-19 10:36:30"
        assert form.query_one("#text", Input).value == "all clear"
        form.query_one("#at", Input).value = "yesterday-ish"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and app.captured == []
        assert form.query_one("#ff-at").has_class("-invalid")
        form.query_one("#at", Input).value = "11:45"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [captured] = app.captured
        assert captured.how is Capture.ASKED
        assert captured.quick.at == datetime(2025, 3, 19, 10, 45, tzinfo=UTC)
        assert captured.quick.kind is EventKind.RESOLVED
        assert line_of(app).input.value == ""


async def test_the_timeline_pane_and_meeting_mode_share_the_one_line(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="timeline")
        assert pilot.app.screen.query_one(QuickAddLine).id == "ff-quick-add"
        await pilot.press("m")
        await pilot.pause()
        meeting = pilot.app.screen
        assert isinstance(meeting, MeetingScreen)
        assert meeting.query_one(QuickAddLine).id == "ff-meeting-capture"
