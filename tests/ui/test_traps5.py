"""Pilot tests of the last traps a first-time facilitator met in a mock review of a three-day
datacenter outage (issue 12, part 5): each presses the keys a user would and checks the screen
and what reached the file."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from pmtui.ui.modals.help import HelpScreen, _binding_rows
from pmtui.ui.panes.findings import FindingsPane
from pmtui.ui.widgets.hint_line import BlameHintLine
from tests.ui.support import open_sample, wait_for_screen, wait_until

SIZES = [(80, 24), (120, 35)]
UNTESTED_HA = " Services assumed to be HA were never tested with PDX01 fully offline."


async def _type_at_end_of_summary(pilot, text: str) -> TextArea:  # type: ignore[no-untyped-def]
    area = pilot.app.screen.query_one("#field-summary", TextArea)
    area.focus()
    area.move_cursor(area.document.end)
    await pilot.press(*text)
    # Overview's typing debounce saves it, then the guides read the saved post-mortem.
    await wait_until(pilot, lambda: pilot.app.screen.pm.summary.endswith(text.strip()))
    pane = pilot.app.screen.query_one(FindingsPane)
    await wait_until(pilot, lambda: pane.up_to_date)
    return area


@pytest.mark.parametrize(
    "sentence",
    [
        UNTESTED_HA,
        # The same pattern said of other things: a plural common noun opening the sentence
        # is not a first name, and "were never <done>" has no person doing it.
        " Systems were never tested with the datacenter offline.",
        " The generators were never checked after the utility switch.",
    ],
)
async def test_a_passive_sentence_about_things_is_not_blame(make_ui, sentence: str) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot)
        await _type_at_end_of_summary(pilot, sentence)
        pane = pilot.app.screen.query_one(FindingsPane)
        assert [e.rule for e in pane.entries() if e.rule == "blame-language"] == []
        assert not pilot.app.screen.query_one("#blame-summary", BlameHintLine).display
    assert ui.saved().summary.endswith(sentence.strip())


async def test_a_person_as_the_agent_of_never_tested_is_still_blame_with_a_fitting_hint(
    make_ui,
) -> None:
    ui = make_ui()
    sentence = " Services assumed to be HA were never tested by the on-call team."
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot)
        await _type_at_end_of_summary(pilot, sentence)
        hint = pilot.app.screen.query_one("#blame-summary", BlameHintLine)
        assert hint.display
        # The hint speaks of what went untested, not of a change that shipped.
        assert "what let it go untested" in hint.text
        assert "the change ship" not in hint.text
        pane = pilot.app.screen.query_one(FindingsPane)
        assert [e.where for e in pane.entries() if e.rule == "blame-language"] == ["summary"]
    assert ui.saved().summary.endswith(sentence.strip())


@pytest.mark.parametrize("size", SIZES)
async def test_ctrl_end_and_ctrl_home_go_to_the_end_and_start_of_the_summary(
    make_ui, size: tuple[int, int]
) -> None:
    ui = make_ui()
    summary = ui.saved().summary
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot)
        area = pilot.app.screen.query_one("#field-summary", TextArea)
        area.focus()
        area.move_cursor((0, 3))
        await pilot.press("ctrl+end", *" Tail.")
        assert area.text == summary + " Tail."
        await pilot.press("ctrl+home", *"Head. ")
        assert area.text == "Head. " + summary + " Tail."
        # shift selects on the way: ctrl+shift+end then typing replaces to the end.
        await pilot.press("ctrl+home", "ctrl+shift+end", *"All new.")
        assert area.text == "All new."
        await wait_until(pilot, lambda: pilot.app.screen.pm.summary == "All new.")
        await pilot.press("f1")
        await wait_for_screen(pilot, HelpScreen)
        rows = _binding_rows(pilot.app.screen._origin)
        listed = {(key, does) for _, key, does, _ in rows}
        # Textual shows ctrl as ^.
        assert {("^home", "Start of text"), ("^end", "End of text")} <= listed
    assert ui.saved().summary == "All new."
