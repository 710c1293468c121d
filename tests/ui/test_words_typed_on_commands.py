"""Pilot tests of letters typed as a word where single keys are commands (issue 12, mock
meeting 9): on the Five Whys ladder "Because …" ran `e` and opened the edit form with the
root cause selected, "okay" reopened a concluded chain. A word runs none of its letters and
is quoted back with where typing goes; commands typed in one go still run. Every test checks
the screen and what reached the file.
"""

from __future__ import annotations

import asyncio

from textual.widgets import ListView

from pmtui.ui.modals.event_form import EventFormModal
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.panes.whys import WhysPane
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.typed_words import TYPING_SECONDS
from tests.ui.support import open_sample, recorded_notifications, wait_for_screen, wait_until
from tests.ui.test_key_order import burst, typed

SIZE = (100, 30)
CONCLUDED = "why-renewal"


async def _on_the_ladder(pilot, chain_id: str = CONCLUDED) -> WhysPane:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="whys")
    pane = pilot.app.screen.query_one(WhysPane)
    pane.select_chain(chain_id)
    pane.query_one("#whys-ladder", ListView).focus()
    await wait_until(pilot, lambda: pane.selected_chain().id == chain_id)
    return pane


async def test_a_sentence_typed_on_a_concluded_chains_ladder_runs_no_command(make_ui) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SIZE) as pilot:
        await _on_the_ladder(pilot)
        told = recorded_notifications(pilot.app)
        # "B" is no command; before, the "e" after it opened the edit form with the root
        # cause selected, and "cause…⏎" replaced it.
        burst(pilot, *typed("Because the cert expired"), "enter")
        await wait_until(pilot, lambda: any("Because the cert expired" in t for t in told))
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert "“Because the cert expired” was not typed anywhere" in told[-1]
        assert "This chain is concluded: b starts a branch" in told[-1]
    assert ui.saved().whys == before.whys


async def test_a_lowercase_word_on_the_ladder_does_not_reopen_the_chain(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await _on_the_ladder(pilot)
        # o reopens, k and a letters that follow make it a word ("okay", in one go).
        burst(pilot, *typed("okay"))
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "okay")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
    assert ui.saved().why_chain(CONCLUDED).root_cause


async def test_a_word_typed_at_typing_pace_runs_no_command_either(make_ui) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SIZE) as pilot:
        await _on_the_ladder(pilot)
        # One key at a time, as a person types: "B" runs nothing, so "e" is writing too.
        for key in "Be":
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert pilot.app.typed_words.text == "Be"
    assert ui.saved().whys == before.whys


async def test_a_key_that_opens_a_box_still_takes_the_words_typed_after_it(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await _on_the_ladder(pilot)
        # b opens the branch form empty: what follows in the same burst is its answer.
        burst(pilot, "b", *typed("Renewals ran unmonitored"))
        await wait_for_screen(pilot, WhyTextModal)
        await wait_until(pilot, lambda: "Renewals ran unmonitored" in _box_text(pilot))
        assert pilot.app.typed_words.text == ""


async def test_a_key_pressed_again_is_not_a_word_and_a_command_after_it_runs(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        table = pilot.app.screen.query_one(TimelinePane).table
        table.focus()
        await wait_until(pilot, lambda: table.has_focus)
        told = recorded_notifications(pilot.app)
        # j moves nothing here; pressed twice it is not writing, and e right after edits.
        await pilot.press("j", "j")
        await wait_until(pilot, lambda: any("“jj” is no key here." in t for t in told))
        await pilot.press("e")
        await wait_for_screen(pilot, EventFormModal)
        assert not any("was not typed anywhere" in t for t in told)


async def typed_at_typing_pace(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """`text` handed to the app one key every 120 ms, as a person types it (pilot.press
    would wait for each key to be read, and a command key waits for the next one)."""
    for key in typed(text):
        burst(pilot, key)
        await asyncio.sleep(0.12)


def _box_text(pilot) -> str:  # type: ignore[no-untyped-def]
    from textual.widgets import Input

    return " ".join(box.value for box in pilot.app.screen.query(Input))


async def test_lowercase_running_on_from_a_box_key_opens_no_box(make_ui) -> None:
    """Mock meeting 10: "because of capacity" on a concluded chain opened the branch form
    holding "ecause of capacity"."""
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SIZE) as pilot:
        await _on_the_ladder(pilot)
        told = recorded_notifications(pilot.app)
        burst(pilot, *typed("because of capacity"), "enter")
        await wait_until(pilot, lambda: any("“because of capacity”" in t for t in told))
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
    assert ui.saved().whys == before.whys


async def test_a_word_typed_at_typing_pace_from_a_command_letter_runs_nothing(make_ui) -> None:
    """Mock meeting 10: "done now" typed one key at a time (120 ms apart) on the Actions
    table ran `d` and deleted the selected item; in a terminal a command key waits for the
    next character before it runs."""
    from pmtui.ui.panes.actions import ActionsPane

    ui = make_ui()
    before = ui.saved().actions
    async with ui.app.run_test(size=SIZE) as pilot:
        pilot.app.word_lookahead = 0.3  # as in a terminal (Pilot's default is 0)
        await open_sample(pilot, tab="actions")
        table = pilot.app.screen.query_one(ActionsPane).table
        table.focus()
        await wait_until(pilot, lambda: table.has_focus)
        told = recorded_notifications(pilot.app)
        await typed_at_typing_pace(pilot, "done now")
        await wait_until(pilot, lambda: any("“done now”" in t for t in told))
        # A command key pressed alone, once the typing has stopped, still runs.
        await pilot.pause(TYPING_SECONDS)
        await pilot.press("d")
        await wait_until(pilot, lambda: len(ui.saved().actions) == len(before) - 1)
    assert ui.saved().actions == before[1:]


async def test_a_word_keeps_its_first_letter_when_that_letter_runs_nothing(make_ui) -> None:
    """Mock meeting 11: "because it was late" typed at typing pace on the timeline was quoted
    back as "ecause it was late": b runs nothing there, and the word was counted from e."""
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        pilot.app.word_lookahead = 0.3  # as in a terminal
        await open_sample(pilot, tab="timeline")
        table = pilot.app.screen.query_one(TimelinePane).table
        table.focus()
        await wait_until(pilot, lambda: table.has_focus)
        told = recorded_notifications(pilot.app)
        await typed_at_typing_pace(pilot, "because it")
        await wait_until(pilot, lambda: any("“because it”" in t for t in told))
        assert isinstance(pilot.app.screen, WorkspaceScreen)


async def test_the_word_notice_goes_when_a_command_runs(make_ui) -> None:
    """Mock meeting 11: the notice about a typed word sat over the Checks detail for eight
    seconds after F7 switched to Checks."""
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await _on_the_ladder(pilot)
        burst(pilot, *typed("Because nobody checked"))
        shown = pilot.app._notifications
        await wait_until(pilot, lambda: any("not typed anywhere" in n.message for n in shown))
        await pilot.press("f7")
        await wait_until(
            pilot, lambda: not any("not typed anywhere" in n.message for n in shown), timeout=2
        )


async def test_a_word_typed_slower_than_the_lookahead_takes_back_its_first_letters_delete(
    make_ui,
) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 17: "done now" typed at 0.3 s a key on the Actions table: `d` outwaited
    the lookahead and deleted the selected item, and the notice then said of "one now" that
    none of its keys ran. The word that follows a letter run as a command takes back what
    that letter changed, and the notice says the letter ran."""
    from pmtui.ui.panes.actions import ActionsPane

    ui = make_ui()
    before = ui.saved().actions
    async with ui.app.run_test(size=SIZE) as pilot:
        pilot.app.word_lookahead = 0.1  # shorter than the typist's pause below
        await open_sample(pilot, tab="actions")
        table = pilot.app.screen.query_one(ActionsPane).table
        table.focus()
        await wait_until(pilot, lambda: table.has_focus)
        told = recorded_notifications(pilot.app)
        burst(pilot, typed("d")[0])
        await wait_until(pilot, lambda: len(ui.saved().actions) == len(before) - 1)
        for key in typed("one"):
            burst(pilot, key)
            await asyncio.sleep(0.12)
        await wait_until(pilot, lambda: ui.saved().actions == before)
        await wait_until(
            pilot,
            lambda: any("“done”" in t and "“d” ran as one" in t and "is undone" in t for t in told),
        )
