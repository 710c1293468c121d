"""Pilot tests of escape in a form with typing in it (issue 12, third mock review).

A reflex escape threw away a typed action item and a whole roll call without a word. Every
form dialog now asks "Discard …?" once anything differs from what it opened with: only y
discards; any other key goes back to the form with the typing intact. An untouched form still
closes at once.
"""

from __future__ import annotations

from textual.widgets import Input, SelectionList

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.attendees import AttendeesModal
from pmtui.ui.modals.discard import DiscardTypingModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import open_sample, wait_for_screen

SMALL = (80, 24)


async def open_action_form(pilot) -> ActionItemModal:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="actions")
    pilot.app.screen.query_one(ActionsPane).table.focus()
    await pilot.press("a")
    await wait_for_screen(pilot, ActionItemModal)
    return pilot.app.screen


async def test_escape_on_a_typed_action_item_asks_and_keeps_it_unless_y(make_ui) -> None:
    ui = make_ui()
    before = len(ui.saved().actions)
    async with ui.app.run_test(size=SMALL) as pilot:
        form = await open_action_form(pilot)
        await pilot.press(*"Scratch", "escape")
        await wait_for_screen(pilot, DiscardTypingModal)
        assert "Discard this action item?" in str(
            pilot.app.screen.query_one(".modal-question").render()
        )
        question = pilot.app.screen
        await pilot.press("a")  # a reflex key for the next item answers nothing (mock 30a)
        await pilot.pause(0.8)
        assert pilot.app.screen is question
        await pilot.press("n")  # keeps editing, typing intact
        await wait_for_screen(pilot, ActionItemModal)
        text = form.query_one("#action-text", Input)
        assert text.value == "Scratch" and text.has_focus
        await pilot.press("escape", "y")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert len(ui.saved().actions) == before


async def test_escape_on_an_edited_saved_item_asks_about_the_changes_not_the_item(make_ui) -> None:
    # "Discard this action item?" over a saved item read like deleting it (fourth mock review).
    ui = make_ui()
    before = ui.saved().action("act-edge-probe")
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="actions")
        pane = pilot.app.screen.query_one(ActionsPane)
        pane.select("act-edge-probe")
        pane.table.focus()
        await pilot.press("enter")
        await wait_for_screen(pilot, ActionItemModal)
        pilot.app.screen.query_one("#action-owner", Input).focus()
        await pilot.press(*"x", "escape")
        await wait_for_screen(pilot, DiscardTypingModal)
        question = str(pilot.app.screen.query_one(".modal-question").render())
        assert "Discard your changes to this action item?" in question
        await pilot.press("y")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert ui.saved().action("act-edge-probe") == before


async def test_escape_on_an_untouched_action_form_closes_at_once(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_action_form(pilot)
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)


async def test_escape_after_a_roll_call_asks_before_the_names_are_lost(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("r")
        await wait_for_screen(pilot, AttendeesModal)
        modal = pilot.app.screen
        names = modal.query_one(SelectionList)
        count = names.option_count
        await pilot.press(*"Dana Ortiz", "enter", *"Sam Lee", "enter", "escape")
        await wait_for_screen(pilot, DiscardTypingModal)
        await pilot.press("n")
        await wait_for_screen(pilot, AttendeesModal)
        assert names.option_count == count + 2
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MeetingScreen)
    saved = ui.saved().attendees
    assert "Dana Ortiz" in saved and "Sam Lee" in saved


async def test_escape_mashed_in_a_typed_form_leaves_the_question_up(make_ui) -> None:
    """Mock meeting 7: six escapes opened and closed the question three times and left the
    form as it was, which looked frozen. The repeats keep the question up; only an answer
    (here y) closes it."""
    ui = make_ui()
    before = len(ui.saved().actions)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_action_form(pilot)
        await pilot.press(*"test", *["escape"] * 6)
        await wait_for_screen(pilot, DiscardTypingModal)
        await pilot.pause(0.3)
        assert isinstance(pilot.app.screen, DiscardTypingModal)  # still asking
        await pilot.press("y")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert len(ui.saved().actions) == before


async def test_escape_after_a_pause_answers_nothing_and_n_keeps_editing(make_ui) -> None:
    """Mock meeting 11: escapes a second apart still flipped the question open and shut in
    front of the room. An escape is no answer: the question stays until n, enter or y."""
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        form = await open_action_form(pilot)
        await pilot.press(*"test", "escape")
        await wait_for_screen(pilot, DiscardTypingModal)
        for _ in range(3):
            await pilot.pause(0.6)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(pilot.app.screen, DiscardTypingModal)  # still asking
        await pilot.press("n")
        await wait_for_screen(pilot, ActionItemModal)
        assert form.query_one("#action-text", Input).value == "test"
