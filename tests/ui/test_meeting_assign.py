"""Pilot tests of step 5 of meeting mode: an action item already on the list gets its owner
and deadline by keyboard, saved in the file, and ctrl+z takes it back from the meeting."""

from __future__ import annotations

from textual.widgets import Input

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.screens.meeting import MeetingScreen
from tests.ui.support import SAMPLE_ID, open_sample, wait_for_screen, wait_until


async def _actions_step(pilot) -> MeetingScreen:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="timeline")
    await pilot.press("m")
    await wait_for_screen(pilot, MeetingScreen)
    await pilot.press("5")
    meeting = pilot.app.screen
    await wait_until(pilot, lambda: meeting.step == 4)
    return meeting


def _marked_line(meeting: MeetingScreen) -> str:
    return next(line for line in meeting.step_widget.text.splitlines() if line.startswith("▶"))


async def test_an_existing_action_gets_an_owner_and_a_deadline_and_undo_takes_it_back(
    make_ui,
) -> None:
    ui = make_ui()
    before = ui.service.get(SAMPLE_ID).actions
    async with ui.app.run_test(size=(80, 24)) as pilot:
        meeting = await _actions_step(pilot)
        assert _marked_line(meeting).startswith(f"▶ ✓ {before[0].owner}")
        await pilot.press("down", "down", "down")
        target = before[3]
        assert target.owner in _marked_line(meeting)
        assert "o owner" in str(meeting.query_one("#meeting-keys").render())
        await pilot.press("o")
        await wait_for_screen(pilot, ActionItemModal)
        form = pilot.app.screen
        owner = form.query_one("#action-owner", Input)
        assert owner.has_focus and owner.value == target.owner
        # The owner shown is selected: typing replaces it, tab takes the suggested name.
        await pilot.press(*"len")
        await wait_until(pilot, lambda: owner.suggestion == "Lena Hoffmann")
        # Tab moves on to the saved deadline, cursor at its end: ctrl+a, and "+2w" replaces it.
        await pilot.press("tab", "ctrl+a", *"+2w", "enter")
        await wait_for_screen(pilot, MeetingScreen)
        assert _marked_line(meeting).startswith("▶ ○ Lena Hoffmann  due Thu 03 Apr")
        saved = ui.saved().action(target.id)
        assert (saved.owner, saved.due.isoformat()) == ("Lena Hoffmann", "2025-04-03")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: target.owner in _marked_line(meeting))
        assert isinstance(pilot.app.screen, MeetingScreen)
    restored = ui.saved().action(target.id)
    assert (restored.owner, restored.due) == (target.owner, target.due)
