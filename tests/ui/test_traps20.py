"""Pilot tests of traps first-time facilitators hit in mock meeting 20b (120x35): after a redo
the cursor stayed before the words put back, so the next words typed landed in the middle of
the section; `1` from the tab bar put the cursor in Summary, and the 4 then pressed for
Actions (and the `a` after it) was typed there. Every test checks the screen and what reached
the file."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, Tabs, TextArea

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.panes import overview
from pmtui.ui.typed_words import TYPING_SECONDS
from pmtui.ui.widgets.narrative_area import NarrativeArea
from tests.ui.support import (
    UI,
    nothing_pending,
    open_sample,
    recorded_notifications,
    wait_for_screen,
    wait_until,
)

WIDE = (120, 35)

# 1. After undo or redo the cursor is just after what changed ---------------------------------


class _OneArea(App[None]):
    def compose(self) -> ComposeResult:
        yield NarrativeArea("", id="area")


@pytest.mark.parametrize(
    ("shown", "loaded", "cursor"),
    [
        ("Edge down.", "Edge down. It was given back.", (0, 29)),  # a redo of words added
        ("Edge down. It was given back.", "Edge down.", (0, 10)),  # an undo of them
        ("A.\nC.", "A.\nB. C.", (1, 3)),  # words put back in the middle: after them
        ("A. B. C.", "A. C.", (0, 3)),  # words taken from the middle: where they were
        ("Same.", "Same. Same.", (0, 11)),  # a repeat: after the new copy, not the old
        ("One", "Two", (0, 0)),  # nothing in common: the start, as loaded
    ],
)
async def test_loading_at_change_puts_the_cursor_after_what_changed(
    shown: str, loaded: str, cursor: tuple[int, int]
) -> None:
    async with _OneArea().run_test() as pilot:
        area = pilot.app.query_one(NarrativeArea)
        area.load_text(shown)
        area.load_text_at_change(loaded)
        assert area.text == loaded
        assert area.cursor_location == cursor


async def _type_at_end(pilot, ui: UI, name: str, text: str) -> TextArea:  # type: ignore[no-untyped-def]
    workspace = pilot.app.screen
    area = workspace.query_one(f"#field-{name}", TextArea)
    area.focus()
    await wait_until(pilot, lambda: workspace.focused is area)
    await pilot.press("ctrl+end", *text)
    await wait_until(pilot, lambda: getattr(ui.saved(), name).endswith(text))
    return area


async def test_words_typed_after_a_redo_follow_the_words_it_put_back(
    make_ui: Callable[..., UI],
) -> None:
    """Redo put " More." back with the cursor before it: "Next." typed then read
    "… edge. Next. More."."""
    ui = make_ui()
    old = ui.saved().summary
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot, tab="overview")
        area = await _type_at_end(pilot, ui, "summary", " More.")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved().summary == old)
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: ui.saved().summary == old + " More.")
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        assert pilot.app.focused is area
        await pilot.press(*" Next.")
        await wait_until(pilot, lambda: ui.saved().summary != old + " More.")
        assert area.text == old + " More. Next."
    assert ui.saved().summary == old + " More. Next."


async def test_words_typed_after_an_undo_go_where_the_words_were_taken_back(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    old = ui.saved().summary
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot, tab="overview")
        area = await _type_at_end(pilot, ui, "summary", " Wrong.")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved().summary == old)
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        await pilot.press(*" Right.")
        await wait_until(pilot, lambda: ui.saved().summary != old)
        assert area.text == old + " Right."
    assert ui.saved().summary == old + " Right."


# 2. A pane digit pressed where a pane key had just put the cursor ---------------------------


async def _overview_from_the_tab_bar(pilot) -> TextArea | Input:  # type: ignore[no-untyped-def]
    """On the Timeline, the tab bar focused, press 1: the Overview shows, a field focused."""
    await open_sample(pilot, tab="timeline")
    workspace = pilot.app.screen
    workspace.query_one(Tabs).focus()
    await pilot.press("1")
    await wait_until(pilot, lambda: isinstance(workspace.focused, TextArea | Input))
    await wait_until(pilot, lambda: nothing_pending(pilot.app))
    field = workspace.focused
    assert isinstance(field, TextArea | Input)
    return field


def _field_text(field: TextArea | Input) -> str:
    return field.text if isinstance(field, TextArea) else field.value


async def test_1_then_4_from_the_tab_bar_shows_actions_and_a_adds_an_action(
    make_ui: Callable[..., UI],
) -> None:
    """Summary read "4a": the 4 was meant for Actions, the `a` to add an action there."""
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=WIDE) as pilot:
        field = await _overview_from_the_tab_bar(pilot)
        workspace = pilot.app.screen
        told = recorded_notifications(workspace)
        text = _field_text(field)
        await pilot.press("4")
        await wait_until(pilot, lambda: workspace.current_pane().TAB_ID == "actions")
        assert _field_text(field) == text
        assert told[-1].startswith("“4” showed Actions: the cursor had only just been put in")
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        await pilot.press("escape")
    assert ui.saved() == before  # nothing typed into any field


async def test_a_digit_typed_on_with_words_stays_text(make_ui: Callable[..., UI]) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=WIDE) as pilot:
        field = await _overview_from_the_tab_bar(pilot)
        name = (field.id or "").removeprefix("field-")
        text = _field_text(field)
        await pilot.press(*"12 regions")
        await wait_until(pilot, lambda: _field_text(field) == text + "12 regions")
        assert pilot.app.screen.current_pane().TAB_ID == "overview"
        assert pilot.app.focused is field
    assert str(getattr(ui.saved(), name)).endswith("12 regions")


async def test_a_digit_typed_a_while_after_the_cursor_was_put_is_text(
    make_ui: Callable[..., UI], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(overview, "_PANE_KEY_SECONDS", -1.0)  # the moment has passed
    ui = make_ui()
    async with ui.app.run_test(size=WIDE) as pilot:
        field = await _overview_from_the_tab_bar(pilot)
        text = _field_text(field)
        await pilot.press("4")
        await wait_until(pilot, lambda: _field_text(field) == text + "4")
        assert pilot.app.screen.current_pane().TAB_ID == "overview"


async def test_a_pane_digit_typed_slowly_alone_is_the_pane_key_and_with_words_text(
    make_ui: Callable[..., UI],
) -> None:
    """At a typist's pace: a digit with nothing after it switches; "3 regions" stays text."""
    ui = make_ui()
    async with ui.app.run_test(size=WIDE) as pilot:
        pilot.app.word_lookahead = 0.05
        field = await _overview_from_the_tab_bar(pilot)
        text = _field_text(field)
        await pilot.press(*"3 regions")
        await wait_until(pilot, lambda: _field_text(field) == text + "3 regions")
        await pilot.press("ctrl+z")  # the typing taken back: the field as it was
        await wait_until(pilot, lambda: _field_text(field) == text)
        workspace = pilot.app.screen
        workspace.action_show_tab("timeline")
        workspace.query_one(Tabs).focus()
        await asyncio.sleep(TYPING_SECONDS)  # the 1 below begins no word with the keys above
        await pilot.press("1")
        await wait_until(pilot, lambda: workspace.focused is field)
        await asyncio.sleep(TYPING_SECONDS)  # a look at the Overview: "15" is no number typed
        await pilot.press("5")
        await wait_until(pilot, lambda: workspace.current_pane().TAB_ID == "document")
        assert _field_text(field) == text
