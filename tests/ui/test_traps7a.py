"""Pilot tests of three traps a new user met in a mock review of a multi-day outage at 80x24
(issue 12, part 7a): a bare time after a late event, the focus after a tab key, and the focus
after a meeting step change. Each presses the keys a user would and checks the screen and the
file."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.app import App
from textual.screen import ModalScreen
from textual.widgets import Input, TabbedContent, TextArea

from pmtui.model.postmortem import SECTIONS
from pmtui.ui.screens.meeting import MeetingScreen
from tests.ui.support import SAMPLE_ID, open_sample, wait_for_screen, wait_until

SMALL = (80, 24)


def screen_lines(app: App) -> list[str]:  # type: ignore[type-arg]
    """The screen as drawn, one string per row."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


async def test_a_small_hour_after_a_late_event_is_saved_on_the_next_day(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        line = pilot.app.screen.query_one("#quick-add")
        await pilot.press("colon", *"2025-03-19 22:30 note Still degraded", "enter")
        await wait_until(pilot, lambda: "19:30" in str(line.border_subtitle))
        # The hint says the rule: a bare time counts forward from three hours before.
        assert "14:32 → the first 14:32 after 19:30 (3 h before the selected event)" in str(
            line.border_subtitle
        )
        await pilot.press(*"02:00 action New hardware did not help")
        await wait_until(
            pilot, lambda: any("Thu 2025-03-20 02:00" in r for r in screen_lines(pilot.app))
        )
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: any(e.text == "New hardware did not help" for e in ui.saved().events)
        )
    [added] = [e for e in ui.saved().events if e.text == "New hardware did not help"]
    assert added.at == datetime(2025, 3, 20, 1, 0, tzinfo=UTC)  # 02:00 CET, the next day


async def test_a_step_change_from_the_quick_add_line_gives_the_keys_back(make_ui) -> None:
    ui = make_ui()
    before = len(ui.saved().events)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        capture = meeting.query_one("#meeting-capture", Input)
        keys = meeting.query_one("#meeting-keys")
        await pilot.press("3", "slash")
        await wait_until(pilot, lambda: meeting.step == 2 and capture.has_focus)
        await pilot.press("right")  # from the empty line: step 4, and its keys work
        await wait_until(pilot, lambda: meeting.step == 3)
        assert meeting.focused is None
        await wait_until(pilot, lambda: "w " in str(keys.render()))
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ModalScreen))
        assert capture.value == ""
        await pilot.press("escape")
        await wait_for_screen(pilot, MeetingScreen)
        # Back a step from the empty line, and on with page down from a half-typed one: each
        # step starts with the keys, and a half-typed line keeps its text.
        await pilot.press("slash", "left")
        await wait_until(pilot, lambda: meeting.step == 2)
        assert meeting.focused is None
        await pilot.press("slash", *"09:1", "pagedown")
        await wait_until(pilot, lambda: meeting.step == 3)
        assert meeting.focused is None and capture.value == "09:1"
        await pilot.press("2")  # a number key is a step key again, not text
        await wait_until(pilot, lambda: meeting.step == 1)
        assert capture.value == "09:1"
    assert len(ui.saved().events) == before


async def test_f2_puts_the_focus_in_the_overview_so_typing_is_text_not_commands(make_ui) -> None:
    ui = make_ui()
    # Lessons left to the meeting: the first empty section, far down the form at 80x24.
    ui.service.update(ui.service.get(SAMPLE_ID), lessons="", open_questions="")
    empty = next(key for key, _ in SECTIONS if not getattr(ui.saved(), key).strip())
    assert empty == "lessons"
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        workspace = pilot.app.screen
        tabs = workspace.query_one(TabbedContent)
        await pilot.press("f2")
        box = workspace.query_one(f"#field-{empty}", TextArea)
        await wait_until(pilot, lambda: box.has_focus)
        # Visibly: the box is on the screen, inside the form's scrolled view.
        assert workspace.query_one("#overview-scroll").region.contains_region(box.region)
        await pilot.press(*"Racks 3 and 4 ran hot")
        assert tabs.active == "overview" and box.text == "Racks 3 and 4 ran hot"
        # Back from another tab, the field last typed in has the focus again.
        owner = workspace.query_one("#field-owner", Input)
        owner.focus()
        await pilot.press("end", *" (IC)")
        await pilot.press("f3")
        await wait_until(pilot, lambda: tabs.active == "timeline")
        await pilot.press("1")
        await wait_until(pilot, lambda: owner.has_focus)
        await pilot.press(*" 2")
        assert tabs.active == "overview"
        await pilot.press("f3")  # leaving saves the typing
        await wait_until(pilot, lambda: ui.saved().owner.endswith("(IC) 2"))
    assert getattr(ui.saved(), empty) == "Racks 3 and 4 ran hot"
