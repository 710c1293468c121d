"""Pilot tests of a trap mock meeting 19a found on the Timeline table, where single letters are
commands: a first-time facilitator typed "detected" at 0.3 s a key, believing a box had the
focus. `d` outwaited the lookahead and deleted the selected event (the resolved milestone),
`e` ran too and opened the edit form, and at `t` the word guard took back `e` alone: the
delete stayed, the header's TTR went to "—", and the notice named only "etected".

Every letter of a word that ran as a command before the rest came (each within TYPING_SECONDS
of the one before, on the same screen) is taken back, latest first, and the notice names the
whole word. A key meant alone (`d`, a look, `d` again; `d`, a pause, `e`) still runs. Every
test checks the screen and what reached the file.

The keys carry the times a typist would give them (see tests.ui.test_traps18a).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual.widgets import Input, TextArea

from pmtui.model.postmortem import PostMortem
from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.event_form import EventFormModal
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.typed_words import TYPING_SECONDS
from tests.ui.support import (
    UI,
    open_sample,
    recorded_notifications,
    screen_lines,
    wait_for_screen,
    wait_until,
)
from tests.ui.test_traps18a import PACE, SMALL, rest_typed_after, send_key
from tests.ui.test_traps18d import _actions_table, first_key_runs

#: The sample's last event, the milestone TTR is measured to.
RESOLVED = "ev-resolved"


async def _timeline_on_the_resolved_milestone(pilot) -> TimelinePane:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="timeline")
    pane = pilot.app.screen.query_one(TimelinePane)
    pane.table.focus()
    await wait_until(pilot, lambda: pane.table.has_focus)
    assert pane.table.select_event(RESOLVED)
    return pane


def _header_ttr(pilot) -> str:  # type: ignore[no-untyped-def]
    """What the header's metrics line shows after "TTR "."""
    line = next(line for line in screen_lines(pilot.app) if "TTR " in line)
    return line.split("TTR ", 1)[1].split(" ", 1)[0]


def _unchanged_but_when_saved(before: PostMortem, after: PostMortem) -> bool:
    """Nothing of the post-mortem differs but when it was last saved (an undo saves it)."""
    return replace(after, updated_at=before.updated_at) == before


def _without_event(before: PostMortem, event_id: str) -> tuple[str, ...]:
    return tuple(event.id for event in before.events if event.id != event_id)


# The trap: words whose first two letters are commands -------------------------------------


async def test_detected_typed_slowly_on_the_timeline_keeps_the_resolved_milestone(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _timeline_on_the_resolved_milestone(pilot)
        ttr = _header_ttr(pilot)
        assert ttr != "—"
        told = recorded_notifications(pilot.app)
        # `d` outwaits the lookahead and deletes the milestone; `e` does too and opens the
        # edit form; the word's `t` takes both back.
        first = await first_key_runs(pilot, "d", lambda: len(pane.pm.events) < len(before.events))
        rest_typed_after(pilot, first, "etected")
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "tected")
        await wait_until(pilot, lambda: len(pane.pm.events) == len(before.events))
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert pane.table.has_focus
        assert pane.table.cursor_event is not None
        assert pane.table.cursor_event.id == RESOLVED
        assert _header_ttr(pilot) == ttr
        assert told[-1] == (
            "“detected” was typed here, where single keys are commands: “d” and “e” ran as "
            "commands before the rest came, the dialog “e” opened is closed unsaved, and what "
            "“d” changed is undone; the rest ran nothing. " + pane.where_to_type()
        )
    assert _unchanged_but_when_saved(before, ui.saved())


async def test_delete_it_typed_slowly_on_the_actions_table_deletes_no_action(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _actions_table(pilot)
        told = recorded_notifications(pilot.app)
        # Actions: `d` deletes the item, `e` opens the edit form, `l` is no key.
        first = await first_key_runs(pilot, "d", lambda: len(pane.pm.actions) < len(before.actions))
        rest_typed_after(pilot, first, "elete it")
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "lete it")
        await wait_until(pilot, lambda: len(pane.pm.actions) == len(before.actions))
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert "“delete it” was typed here" in told[-1]
        assert "“d” and “e” ran as commands" in told[-1]
    assert _unchanged_but_when_saved(before, ui.saved())


async def test_not_yet_typed_slowly_on_meeting_step_4_stays_on_step_4_with_no_form(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("4")
        meeting = pilot.app.screen
        assert isinstance(meeting, MeetingScreen)
        await wait_until(pilot, lambda: meeting.step == 3)
        told = recorded_notifications(pilot.app)
        # `n` moves on to step 5, where `o` opens the selected item's owner form.
        first = await first_key_runs(pilot, "n", lambda: meeting.step == 4)
        rest_typed_after(pilot, first, "ot yet")
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "t yet")
        await pilot.pause()
        assert pilot.app.screen is meeting
        assert meeting.step == 3
        assert told[-1].startswith(
            "“not yet” was typed here, where single keys are commands: “o” ran as one before "
            "the rest came, and the dialog it opened is closed unsaved; the rest ran nothing."
        )
    assert ui.saved() == before


async def test_d_then_the_rest_of_detected_in_one_go_keeps_the_resolved_milestone(
    make_ui: Callable[..., UI],
) -> None:
    """A typist who paused after the first letter: `d` outwaited the lookahead and deleted,
    then "etected" came in one go and was read as a word, with the delete left done and the
    notice saying that none of its keys ran."""
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _timeline_on_the_resolved_milestone(pilot)
        ttr = _header_ttr(pilot)
        told = recorded_notifications(pilot.app)
        first = await first_key_runs(pilot, "d", lambda: len(pane.pm.events) < len(before.events))
        rest_typed_after(pilot, first + PACE, "etected", pace=0.01)
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "etected")
        await wait_until(pilot, lambda: len(pane.pm.events) == len(before.events))
        await pilot.pause()
        assert _header_ttr(pilot) == ttr
        assert told[-1].startswith(
            "“detected” was typed here, where single keys are commands: “d” ran as one before "
            "the rest came, and what it changed is undone; the rest ran nothing."
        )
    assert _unchanged_but_when_saved(before, ui.saved())


# Keys meant alone still run ---------------------------------------------------------------


async def test_d_then_a_look_then_d_again_deletes_two_events(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _timeline_on_the_resolved_milestone(pilot)
        first = await first_key_runs(pilot, "d", lambda: len(pane.pm.events) < len(before.events))
        send_key(pilot, "d", first + TYPING_SECONDS + PACE)
        await wait_until(pilot, lambda: len(ui.saved().events) == len(before.events) - 2)
        assert isinstance(pilot.app.screen, WorkspaceScreen)
    assert tuple(event.id for event in ui.saved().events) == _without_event(before, RESOLVED)[:-1]


async def test_d_then_a_pause_then_e_edits_and_the_delete_stays(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _timeline_on_the_resolved_milestone(pilot)
        first = await first_key_runs(pilot, "d", lambda: len(pane.pm.events) < len(before.events))
        send_key(pilot, "e", first + TYPING_SECONDS + PACE)
        await wait_for_screen(pilot, EventFormModal)
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert tuple(event.id for event in ui.saved().events) == _without_event(before, RESOLVED)


async def test_d_then_a_with_a_title_typed_straight_away_deletes_and_adds(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _actions_table(pilot)
        doomed = pane.table.cursor_row
        first = await first_key_runs(pilot, "d", lambda: len(pane.pm.actions) < len(before.actions))
        # `a` within TYPING_SECONDS, then a capitalised title straight away: the title is for
        # the box `a` opens, so neither key was the start of a word.
        send_key(pilot, "a", first + PACE)
        await wait_for_screen(pilot, ActionItemModal)
        box = pilot.app.focused
        assert isinstance(box, Input | TextArea)
        rest_typed_after(pilot, first + PACE, "Page the owner", pace=0.1)
        await wait_until(
            pilot,
            lambda: (box.text if isinstance(box, TextArea) else box.value) == "Page the owner",
        )
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
        await wait_until(pilot, lambda: len(ui.saved().actions) == len(before.actions))
    saved = ui.saved().actions
    assert before.actions[doomed].id not in {action.id for action in saved}
    assert saved[-1].text == "Page the owner"
