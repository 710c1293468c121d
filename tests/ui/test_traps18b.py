"""Pilot tests of traps the seventeenth new-user mock meeting found: a waived finding kept the
Checks selection (enter then opened its place), a place opened from Checks left no word of
the way back, and ctrl+s on the roll call's "Discard?" question threw the typed name away."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Button, Input, SelectionList

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.attendees import AttendeesModal
from pmtui.ui.modals.discard import DiscardTypingModal
from pmtui.ui.modals.event_form import EventFormModal
from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.modals.section_edit import SectionEditModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import (
    SAMPLE_ID,
    UI,
    open_sample,
    recorded_notifications,
    wait_for_screen,
    wait_until,
)

SMALL = (80, 24)


# 3. ctrl+s on a "Discard?" question saves what was typed ------------------------------------


async def _ctrl_s_on_the_question(pilot, form_type: type) -> list[str]:  # type: ignore[no-untyped-def]
    """Escape the form in front (its typing asks "Discard?"), then ctrl+s on the question,
    as a facilitator who meant to save does a second later. Returns what was told since."""
    form = pilot.app.screen
    assert isinstance(form, form_type)
    await pilot.press("escape")
    await wait_for_screen(pilot, DiscardTypingModal)
    # The question names the key that saves, on a button of its own.
    assert "Save (ctrl+s)" in [str(button.label) for button in pilot.app.screen.query(Button)]
    told = recorded_notifications(pilot.app)
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: not form.is_attached)
    return told


async def test_ctrl_s_on_the_roll_calls_discard_question_saves_the_typed_name(
    make_ui: Callable[..., UI],
) -> None:
    """Mock meeting 17: a name typed, escape, ctrl+s a second later: the question went, the
    roll call stayed open and nothing was saved."""
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("r")
        await wait_for_screen(pilot, AttendeesModal)
        await pilot.press(*"Dana Ortiz")
        told = await _ctrl_s_on_the_question(pilot, AttendeesModal)
        await wait_for_screen(pilot, MeetingScreen)
        await wait_until(pilot, lambda: any("Attendees saved" in said for said in told))
    assert "Dana Ortiz" in ui.saved().attendees


async def test_the_roll_calls_saved_notice_stands_alone(make_ui: Callable[..., UI]) -> None:
    """The form's "Saved" and the roll call's "Attendees saved" came a moment apart: the
    second replaced the first in the app's notices, but both toasts stayed on the screen."""
    from textual.widgets._toast import Toast

    ui = make_ui()
    async with ui.app.run_test(size=SMALL, notifications=True) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("r")
        await wait_for_screen(pilot, AttendeesModal)
        await pilot.press(*"Dana Ortiz")
        await _ctrl_s_on_the_question(pilot, AttendeesModal)
        await wait_for_screen(pilot, MeetingScreen)

        def toasts() -> list[str]:
            return [str(toast._notification.message) for toast in pilot.app.screen.query(Toast)]

        await wait_until(pilot, lambda: "Attendees saved: 6 present." in toasts())
        await pilot.pause()
        assert toasts() == ["Attendees saved: 6 present."]


async def test_ctrl_s_on_the_question_saves_the_action_item_and_says_so(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = len(ui.saved().actions)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="actions")
        pilot.app.screen.query_one(ActionsPane).table.focus()
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        await pilot.press(*"Alert on certificate age", "tab", *"Priya Raman")
        told = await _ctrl_s_on_the_question(pilot, ActionItemModal)
        await wait_for_screen(pilot, WorkspaceScreen)
        assert told and told[-1].startswith("Saved")
    saved = ui.saved().actions
    assert len(saved) == before + 1
    assert saved[-1].text == "Alert on certificate age"


async def test_ctrl_s_on_the_question_saves_the_event(make_ui: Callable[..., UI]) -> None:
    ui = make_ui()
    before = len(ui.saved().events)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        pilot.app.screen.query_one(TimelinePane).table.focus()
        await pilot.press("a")
        await wait_for_screen(pilot, EventFormModal)
        form = pilot.app.screen
        text = form.query_one("#text", Input)
        text.focus()
        await wait_until(pilot, lambda: text.has_focus)
        await pilot.press(*"Edge reloaded by hand")
        told = await _ctrl_s_on_the_question(pilot, EventFormModal)
        await wait_for_screen(pilot, WorkspaceScreen)
        assert told and told[-1].startswith("Saved")
    assert len(ui.saved().events) == before + 1
    assert any(event.text == "Edge reloaded by hand" for event in ui.saved().events)


async def test_ctrl_s_on_the_question_creates_the_new_post_mortem(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        await pilot.press(*"Checkout latency spike")
        await _ctrl_s_on_the_question(pilot, NewPostMortemModal)
        await wait_for_screen(pilot, WorkspaceScreen)
    (pm_id,) = set(ui.saved_ids()) - {SAMPLE_ID}
    assert ui.saved(pm_id).title == "Checkout latency spike"


async def test_ctrl_s_on_the_meetings_section_question_saves_the_summary(
    make_ui: Callable[..., UI],
) -> None:
    """The section dialog asked a question of its own, on which ctrl+s did nothing."""
    ui = make_ui()
    summary = ui.saved().summary
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("2", "e")
        await wait_for_screen(pilot, SectionEditModal)
        await pilot.press(*" Partners saw it first.")
        await _ctrl_s_on_the_question(pilot, SectionEditModal)
        await wait_for_screen(pilot, MeetingScreen)
    assert ui.saved().summary == summary + " Partners saw it first."


async def test_ctrl_s_on_the_question_with_a_refused_name_keeps_the_roll_call_open(
    make_ui: Callable[..., UI],
) -> None:
    """A name too long to save: the roll call stays, the reason under the box, nothing lost."""
    ui = make_ui()
    before = ui.saved().attendees
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("r")
        await wait_for_screen(pilot, AttendeesModal)
        form = pilot.app.screen
        box = form.query_one("#attendee-new", Input)
        box.value = "x" * 500
        await pilot.press("escape")
        await wait_for_screen(pilot, DiscardTypingModal)
        told = recorded_notifications(pilot.app)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, AttendeesModal)
        await wait_until(pilot, lambda: form.query_one("#ff-attendee-new").has_class("-invalid"))
        assert box.value == "x" * 500
        assert not any(said.startswith("Saved") for said in told)
        assert form.query_one(SelectionList).option_count > 0
    assert ui.saved().attendees == before
