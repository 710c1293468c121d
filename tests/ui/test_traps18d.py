"""Pilot tests of traps mock meeting 18a found (80x24) where keys are commands: keys typed as
text must never land in another pane's box.

1. On the Timeline table, "12:44 action Capacity addition" typed at 0.06-0.15 s a key ran `1`
   (to the Overview, whose Incident date took the focus) and the rest went into that date. A
   line that starts like a quick-add time goes to the quick-add line, as the Timeline's hint
   says to type it; a digit-led word elsewhere runs nothing; a digit that switched tabs and
   is followed by more typing is taken back, so nothing lands in the pane it switched to.
2. In the meeting, "next one" at 0.35 s a key ran `n` (next step) and the meeting stayed a
   step on. A take-back also undoes where the first key went, and then does not say it ran.
3. On the Actions table "next one" at 0.35 s a key: `n` runs nothing, so a word starts, but
   `e` ran Edit. A word that has started goes on over command letters.
4. `w` on the Five Whys ladder moves the focus into the answer box: "we should…" typed slowly
   left "e should…" there. `s` (stamp now) in the meeting opens a box to type into at once,
   as `a` does.

Every test checks the screen and what reached the file. The keys carry the times a typist
would give them (see tests.ui.test_traps18a).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from textual.widgets import Input, ListView, TabbedContent, TextArea

from pmtui.model.enums import EventKind
from pmtui.model.postmortem import PostMortem
from pmtui.ui.modals.event_form import StampEventModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.panes.whys import WhysPane
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.typed_words import LOOKAHEAD_SECONDS, TYPING_SECONDS
from tests.ui.support import (
    SAMPLE_ID,
    UI,
    open_sample,
    pane_of,
    recorded_notifications,
    wait_for_screen,
    wait_until,
)
from tests.ui.test_traps18a import (
    LOOKAHEAD,
    SMALL,
    _actions_step,
    first_letter_opens,
    rest_typed_after,
    send_key,
)

#: The round-18 tester's line, as the Timeline's hint asks for one.
LINE = "12:44 action Capacity addition"
#: The paces the tester typed at: within the lookahead, and slower than it.
FAST_PACES = (0.06, 0.15)
SLOW = 0.35


def tab_shown(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one(TabbedContent).active)


async def first_key_runs(pilot, key: str, ran: Callable[[], bool]) -> float:  # type: ignore[no-untyped-def]
    """`key`, typed alone: it outwaits the lookahead and runs until `ran()`. Returns its time."""
    pilot.app.word_lookahead = LOOKAHEAD
    at = send_key(pilot, key)
    await wait_until(pilot, ran)
    return at


async def _timeline_after_an_overview_field(pilot) -> TimelinePane:  # type: ignore[no-untyped-def]
    """As the tester: in the Overview's Incident date, then F3 (the focus on the events)."""
    await open_sample(pilot, tab="overview")
    date = pilot.app.screen.query_one("#field-incident_date", Input)
    date.focus()
    await wait_until(pilot, lambda: date.has_focus)
    await pilot.press("f3")
    pane = await pane_of(pilot, "timeline")
    assert isinstance(pane, TimelinePane)
    await wait_until(pilot, lambda: pane.table.has_focus)
    return pane


def _incident_date_box(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one("#field-incident_date", Input).value)


def _in_a_box(pilot) -> bool:  # type: ignore[no-untyped-def]
    return isinstance(pilot.app.focused, Input | TextArea)


def _only_the_event_added(before: PostMortem, after: PostMortem) -> bool:
    """Nothing but the timeline changed: no Overview field took any of the line."""
    return replace(after, events=before.events, updated_at=before.updated_at) == before


async def _line_added(pilot, ui: UI, pane: TimelinePane, count: int) -> None:  # type: ignore[no-untyped-def]
    """The quick-add line holds LINE, typed there in full; enter adds it."""
    await wait_until(pilot, lambda: pane.quick_add.value == LINE)
    assert pane.quick_add.has_focus
    assert tab_shown(pilot) == "timeline"
    await pilot.press("enter")
    await wait_until(pilot, lambda: len(ui.saved().events) == count + 1)


def _added_at_12_44(ui: UI, before_ids: set[str]) -> None:
    saved = ui.saved()
    (added,) = [event for event in saved.events if event.id not in before_ids]
    assert (added.kind, added.text) == (EventKind.ACTION, "Capacity addition")
    assert f"{added.at.astimezone(saved.zone):%H:%M}" == "12:44"


# 1. A time typed on the Timeline table ------------------------------------------------------


@pytest.mark.parametrize("pace", FAST_PACES)
async def test_a_time_typed_fast_on_the_timeline_goes_into_the_quick_add_line(
    make_ui: Callable[..., UI], pace: float
) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _timeline_after_an_overview_field(pilot)
        pilot.app.word_lookahead = LOOKAHEAD_SECONDS  # as in a terminal
        first = send_key(pilot, LINE[0])
        rest_typed_after(pilot, first, LINE[1:], pace=pace)
        await _line_added(pilot, ui, pane, len(before.events))
        assert _incident_date_box(pilot) == "2025-03-19"
    assert _only_the_event_added(before, ui.saved())
    _added_at_12_44(ui, {event.id for event in before.events})


async def test_a_time_typed_slowly_on_the_timeline_takes_back_the_tab_and_goes_into_the_line(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _timeline_after_an_overview_field(pilot)
        # `1` alone outwaits the lookahead: the Overview, a box of it focused.
        first = await first_key_runs(
            pilot, "1", lambda: tab_shown(pilot) == "overview" and _in_a_box(pilot)
        )
        box = pilot.app.focused
        assert isinstance(box, Input | TextArea)
        text_before = box.text if isinstance(box, TextArea) else box.value
        rest_typed_after(pilot, first, LINE[1:], pace=SLOW)
        await _line_added(pilot, ui, pane, len(before.events))
        assert (box.text if isinstance(box, TextArea) else box.value) == text_before
    assert _only_the_event_added(before, ui.saved())
    _added_at_12_44(ui, {event.id for event in before.events})


async def _actions_table(pilot) -> ActionsPane:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="actions")
    pane = pilot.app.screen.query_one(ActionsPane)
    pane.table.focus()
    await wait_until(pilot, lambda: pane.table.has_focus)
    return pane


@pytest.mark.parametrize("pace", (*FAST_PACES, SLOW))
async def test_a_digit_led_word_on_the_actions_table_runs_nothing_and_stays_there(
    make_ui: Callable[..., UI], pace: float
) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _actions_table(pilot)
        told = recorded_notifications(pilot.app)
        pilot.app.word_lookahead = LOOKAHEAD_SECONDS if pace < SLOW else LOOKAHEAD
        first = send_key(pilot, "1")
        rest_typed_after(pilot, first, "2:44 capacity", pace=pace)
        await wait_until(pilot, lambda: any("“12:44 capacity”" in said for said in told))
        assert tab_shown(pilot) == "actions"
        assert pane.table.has_focus
        assert "“12:44 capacity” was not typed anywhere" in told[-1]
    assert ui.saved() == before


async def test_a_digit_alone_still_switches_and_typing_after_a_look_lands_there(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _timeline_after_an_overview_field(pilot)
        first = await first_key_runs(
            pilot, "1", lambda: tab_shown(pilot) == "overview" and _in_a_box(pilot)
        )
        box = pilot.app.focused
        assert isinstance(box, Input | TextArea)
        typed_before = box.text if isinstance(box, TextArea) else box.value
        # Looked at the Overview first: the typing is for the box it focused.
        rest_typed_after(pilot, first + TYPING_SECONDS, "X", pace=0.2)
        await wait_until(
            pilot,
            lambda: (box.text if isinstance(box, TextArea) else box.value) != typed_before,
        )
        assert tab_shown(pilot) == "overview"
        assert not pane.quick_add.value


# 2. Meeting mode: a take-back undoes where the first key went -------------------------------


async def test_next_one_typed_slowly_on_step_5_leaves_the_meeting_on_step_5(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        meeting = await _actions_step(pilot)
        told = recorded_notifications(pilot.app)
        first = await first_key_runs(pilot, "n", lambda: meeting.step == 5)
        rest_typed_after(pilot, first, "ext one", pace=SLOW)
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "ext one")
        assert pilot.app.screen is meeting
        assert meeting.step == 4
        assert told[-1] == (
            "“next one” was not typed anywhere: here single keys are commands, so none of "
            "them ran. a captures an action item."
        )
    assert ui.saved() == before


# 3. A word that has started goes on over command letters -----------------------------------


async def test_next_one_typed_slowly_on_the_actions_table_runs_no_letter(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _actions_table(pilot)
        told = recorded_notifications(pilot.app)
        pilot.app.word_lookahead = LOOKAHEAD
        # `n` is no key here: the word starts; `e` (edit) and `x` (done) are its letters.
        first = send_key(pilot, "n")
        rest_typed_after(pilot, first, "ext one", pace=SLOW)
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "next one")
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert pane.table.has_focus
        assert "“next one” was not typed anywhere" in told[-1]
    assert ui.saved() == before


# 4. A first letter that moved the focus into a box; stamp now --------------------------------


async def _ladder_of_an_open_chain(pilot) -> WhysPane:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="whys")
    pane = pilot.app.screen.query_one(WhysPane)
    pane.select_chain("why-renewal")
    ladder = pane.query_one("#whys-ladder", ListView)
    ladder.focus()
    await wait_until(pilot, lambda: ladder.has_focus)
    return pane


def _reopened(ui: UI) -> None:
    ui.service.reopen_why_chain(ui.service.get(SAMPLE_ID), "why-renewal")


async def test_we_should_typed_slowly_on_the_ladder_leaves_the_answer_box_as_it_was(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    _reopened(ui)
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _ladder_of_an_open_chain(pilot)
        ladder = pane.query_one("#whys-ladder", ListView)
        answer = pane.query_one("#whys-answer", Input)
        told = recorded_notifications(pilot.app)
        first = await first_key_runs(pilot, "w", lambda: answer.has_focus)
        rest_typed_after(pilot, first, "e should stage", pace=SLOW)
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "e should stage")
        assert ladder.has_focus
        assert answer.value == ""
        assert "“we should stage” was not typed anywhere" in told[-1]
    assert ui.saved() == before


async def test_w_then_an_answer_typed_at_once_goes_into_the_answer_box(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    _reopened(ui)
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _ladder_of_an_open_chain(pilot)
        answer = pane.query_one("#whys-answer", Input)
        first = await first_key_runs(pilot, "w", lambda: answer.has_focus)
        # `w` opens a box for a new answer: a capital typed straight after it is its start.
        rest_typed_after(pilot, first, "Nobody owned renewals", pace=SLOW)
        await wait_until(pilot, lambda: answer.value == "Nobody owned renewals")
        assert answer.has_focus


async def test_s_then_what_happened_typed_at_once_in_the_meeting_stamps_that_event(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = ui.saved().events
    async with ui.app.run_test(size=SMALL) as pilot:
        await _actions_step(pilot)
        first = await first_letter_opens(pilot, "s", StampEventModal)
        form = pilot.app.screen
        # The stamp's box is for what happened, typed at once (as "a" and a title).
        rest_typed_after(pilot, first, "Pager fired", pace=SLOW)
        await wait_until(pilot, lambda: "Pager fired" in _values(form))
        assert pilot.app.screen is form
        await pilot.press("enter")
        await wait_for_screen(pilot, MeetingScreen)
    saved = ui.saved().events
    assert len(saved) == len(before) + 1
    assert any(event.text == "Pager fired" for event in saved)


def _values(form) -> list[str]:  # type: ignore[no-untyped-def]
    return [box.value for box in form.query(Input)]


async def test_ok_moving_on_typed_slowly_on_the_factor_list_leaves_the_chain_closed(
    make_ui: Callable[..., UI],
) -> None:
    """Mock meeting 18b: on the factor list, with the chain's root cause marked, "ok moving
    on" at 0.35 s a key: `o` reopened the chain and put the focus in the answer box, which
    then held "k moving on"; nothing was taken back."""
    ui = make_ui()
    before = ui.saved()
    assert any(chain.id == "why-renewal" and chain.root_cause for chain in before.whys)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="whys")
        pane = pilot.app.screen.query_one(WhysPane)
        pane.select_chain("why-renewal")
        factors = pane.query_one("#whys-chains", ListView)
        factors.focus()
        await wait_until(pilot, lambda: factors.has_focus)
        answer = pane.query_one("#whys-answer", Input)
        told = recorded_notifications(pilot.app)
        first = await first_key_runs(pilot, "o", lambda: answer.has_focus)
        rest_typed_after(pilot, first, "k moving on", pace=SLOW)
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "k moving on")
        # The undo puts back the post-mortem as it was before `o`, its time of change too.
        await wait_until(pilot, lambda: _but_its_time(ui.saved(), before) == before)
        assert answer.value == ""
        assert not answer.has_focus
        assert "“ok moving on” was typed here" in told[-1]
        assert "what it changed is undone" in told[-1]
    assert _but_its_time(ui.saved(), before) == before


def _but_its_time(pm: PostMortem, like: PostMortem) -> PostMortem:
    return replace(pm, updated_at=like.updated_at)
