"""Pilot tests of a trap the eighteenth mock meeting found (round 17): a word typed slower
than the lookahead ran its first letter, and when that letter opens a dialog, the rest of the
word went into the dialog's box. On step 5 of the meeting "ok moving on" (0.3 s a key) ran
`o`, and "k moving on" replaced the selected item's owner in the form it opened; on the Five
Whys factor list "because…" ran `b` and the branch form held "ecause…".

A dialog a letter opened, still as it opened, is closed unsaved when the word's next letter
comes within TYPING_SECONDS: a person who meant the command waits to see the dialog before
typing. Keys opening an empty box for a title keep it ("a" and a capitalised title), and a
letter pressed, then typing after a pause, edits as before. Every test checks the screen and
what reached the file.

The keys carry the times a typist at 0.3 s a key would give them: what the app decides
depends on those times, not on how fast a loaded machine hands the keys over.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Input, ListView

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.event_form import EventFormModal
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.panes.whys import WhysPane
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.typed_words import TYPING_SECONDS
from tests.ui.support import (
    UI,
    open_sample,
    recorded_notifications,
    wait_for_screen,
    wait_until,
)
from tests.ui.test_key_order import typed

SMALL = (80, 24)
SIZE = (100, 30)
#: The pace of the round-17 tester, as /tmp/slowtype.sh types: slower than the lookahead.
PACE = 0.3
#: The lookahead in these tests: shorter than PACE, as LOOKAHEAD_SECONDS is in a terminal.
LOOKAHEAD = 0.1


def send_key(pilot, key: str, at: float | None = None) -> float:  # type: ignore[no-untyped-def]
    """Hand `key` to the app as the terminal driver does, stamped `at` (default: now);
    returns its time."""
    character = " " if key == "space" else key if len(key) == 1 else None
    event = events.Key(key, character)
    if at is not None:
        event.time = at
    event.set_sender(pilot.app)
    pilot.app._driver.send_message(event)
    return event.time


async def first_letter_opens(pilot, letter: str, dialog: type) -> float:  # type: ignore[no-untyped-def]
    """`letter`, typed alone: it outwaits the lookahead and opens `dialog`. Returns its time."""
    pilot.app.word_lookahead = LOOKAHEAD
    at = send_key(pilot, letter)
    await wait_for_screen(pilot, dialog)
    return at


def rest_typed_after(pilot, first: float, text: str, pace: float = PACE) -> None:  # type: ignore[no-untyped-def]
    """The rest of a word whose first letter was typed at `first`, one key every `pace`."""
    for number, key in enumerate(typed(text), start=1):
        send_key(pilot, key, first + number * pace)


async def _actions_step(pilot) -> MeetingScreen:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="timeline")
    await pilot.press("m")
    await wait_for_screen(pilot, MeetingScreen)
    await pilot.press("5")
    meeting = pilot.app.screen
    assert isinstance(meeting, MeetingScreen)
    await wait_until(pilot, lambda: meeting.step == 4)
    return meeting


# Meeting mode, step 5 ------------------------------------------------------------------------


async def test_ok_moving_on_typed_slowly_on_step_5_closes_the_owner_form_unsaved(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = ui.saved().actions
    async with ui.app.run_test(size=SMALL) as pilot:
        meeting = await _actions_step(pilot)
        told = recorded_notifications(pilot.app)
        first = await first_letter_opens(pilot, "o", ActionItemModal)
        rest_typed_after(pilot, first, "k moving on")
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "k moving on")
        assert pilot.app.screen is meeting
        assert told[-1] == (
            "“ok moving on” was typed here, where single keys are commands: “o” ran as one "
            "before the rest came, and the dialog it opened is closed unsaved; the rest ran "
            "nothing. a captures an action item."
        )
    assert ui.saved().actions == before


async def test_o_then_a_pause_then_typing_on_step_5_still_sets_the_owner(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    target = ui.saved().actions[0]
    async with ui.app.run_test(size=SMALL) as pilot:
        await _actions_step(pilot)
        first = await first_letter_opens(pilot, "o", ActionItemModal)
        form = pilot.app.screen
        owner = form.query_one("#action-owner", Input)
        # Looked at the form first: the owner typed after it replaces the one shown.
        rest_typed_after(pilot, first + TYPING_SECONDS, "Lena", pace=0.2)
        await wait_until(pilot, lambda: owner.value == "Lena")
        assert pilot.app.screen is form
        await pilot.press("enter")
        await wait_for_screen(pilot, MeetingScreen)
    assert ui.saved().action(target.id).owner == "Lena"


async def test_a_and_a_title_typed_at_once_on_step_5_add_that_action_item(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = ui.saved().actions
    async with ui.app.run_test(size=SMALL) as pilot:
        await _actions_step(pilot)
        first = await first_letter_opens(pilot, "a", ActionItemModal)
        form = pilot.app.screen
        text = form.query_one("#action-text", Input)
        # `a` opens an empty box for a title: typed straight after it, the title is its own.
        rest_typed_after(pilot, first, "Page the cert owner")
        await wait_until(pilot, lambda: text.value == "Page the cert owner")
        assert pilot.app.screen is form
        await pilot.press("enter")
        await wait_for_screen(pilot, MeetingScreen)
    saved = ui.saved().actions
    assert len(saved) == len(before) + 1
    assert saved[-1].text == "Page the cert owner"


async def test_r_of_right_typed_slowly_in_the_meeting_closes_the_roll_call(
    make_ui: Callable[..., UI],
) -> None:
    from pmtui.ui.modals.attendees import AttendeesModal

    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        meeting = await _actions_step(pilot)
        told = recorded_notifications(pilot.app)
        first = await first_letter_opens(pilot, "r", AttendeesModal)
        rest_typed_after(pilot, first, "ight then next")
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "ight then next")
        assert pilot.app.screen is meeting
        assert "“right then next” was typed here" in told[-1]
    after = ui.saved()
    assert (after.attendees, after.owner) == (before.attendees, before.owner)


# Five Whys factor list -------------------------------------------------------------------


async def test_because_typed_slowly_on_the_factor_list_leaves_no_branch_form(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = ui.saved().whys
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="whys")
        pane = pilot.app.screen.query_one(WhysPane)
        pane.select_chain("why-renewal")
        factors = pane.query_one("#whys-chains", ListView)
        factors.focus()
        await wait_until(pilot, lambda: factors.has_focus)
        told = recorded_notifications(pilot.app)
        first = await first_letter_opens(pilot, "b", WhyTextModal)
        rest_typed_after(pilot, first, "ecause it expired")
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "ecause it expired")
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert factors.has_focus
        assert told[-1].startswith(
            "“because it expired” was typed here, where single keys are commands: “b” ran as "
            "one before the rest came, and the dialog it opened is closed unsaved"
        )
    assert ui.saved().whys == before


# Timeline --------------------------------------------------------------------------------


async def test_e_of_everyone_typed_slowly_on_the_timeline_closes_the_edit_form(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = ui.saved().events
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        table = pilot.app.screen.query_one(TimelinePane).table
        table.focus()
        await wait_until(pilot, lambda: table.has_focus)
        told = recorded_notifications(pilot.app)
        first = await first_letter_opens(pilot, "e", EventFormModal)
        rest_typed_after(pilot, first, "veryone saw it")
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "veryone saw it")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
        assert table.has_focus
        assert "“everyone saw it” was typed here" in told[-1]
    assert ui.saved().events == before


async def test_e_then_a_pause_then_a_time_typed_on_the_timeline_edits_the_event(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        table = pilot.app.screen.query_one(TimelinePane).table
        table.focus()
        await wait_until(pilot, lambda: table.has_focus)
        event = table.cursor_event
        assert event is not None
        first = await first_letter_opens(pilot, "e", EventFormModal)
        form = pilot.app.screen
        at = form.query_one("#at", Input)
        # The form opens on the event's time, selected: typed after a look, a time replaces it.
        later = at.value[:-5] + "37:30"
        rest_typed_after(pilot, first + TYPING_SECONDS, later, pace=0.1)
        await wait_until(pilot, lambda: at.value == later)
        assert pilot.app.screen is form
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert (ui.saved().event(event.id).at - event.at).total_seconds() == 60
