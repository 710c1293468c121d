"""Pilot tests of traps a first-time facilitator hit in mock review meeting 18a (80x24): a
finding's "go there" lands on exactly the answer it names, and the selected answer shows
without colour; the Document preview scrolls with the obvious keys; the quick-add line's
hints speak of the time typed and fit; notices keep off the box being typed in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input, ListView

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.panes.findings import FindingsPane
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.panes.whys import WhysPane
from pmtui.ui.panes.whys_widgets import WhyStep
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import UI, open_sample, wait_for_screen, wait_until

SMALL = (80, 24)
WIDE = (120, 35)

# 1. "Go there" on a why-answer finding selects that answer ----------------------------------

BLAMING = "The on-call engineer should have read the alert channel"


def _blame_second_answer(ui: UI) -> tuple[str, tuple[str, ...]]:
    """Chain 1 of the sample (concluded, five answers) with its answer 2 blaming a person."""
    pm = ui.saved()
    chain = pm.whys[0]
    answers = (chain.answers[0], BLAMING, *chain.answers[2:])
    ui.service.edit_why(pm, chain.id, answers=answers)
    return chain.id, answers


async def _go_to_finding(pilot, label: str) -> None:  # type: ignore[no-untyped-def]
    """On the Checks tab, highlight the finding whose line holds `label` and press enter."""
    await pilot.press("6")
    workspace = pilot.app.screen
    pane = workspace.query_one(FindingsPane)
    await wait_until(pilot, lambda: pane.up_to_date and bool(pane.entries()))
    listing = pane.finding_list
    index = next(
        i
        for i in range(listing.option_count)
        if label in str(listing.get_option_at_index(i).prompt)
    )
    listing.focus()
    listing.highlighted = index
    await pilot.pause()
    await pilot.press("enter")


def _step_marks(pane: WhysPane) -> list[str]:
    """The words in front of each step of the ladder as drawn (its number label)."""
    return [str(step.query_one(".step-number").render()) for step in pane.query(WhyStep)]


@pytest.mark.parametrize("size", [SMALL, WIDE])
async def test_go_there_on_a_why_answer_finding_selects_that_answer(
    make_ui: Callable[..., UI], size: tuple[int, int]
) -> None:
    """Enter on "Why chain 1, answer 2 …" showed the chain with why 5 selected, so `e`
    edited the root cause instead of the blaming answer."""
    ui = make_ui()
    chain_id, answers = _blame_second_answer(ui)
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot)
        await _go_to_finding(pilot, "Why chain 1, answer 2")
        workspace = pilot.app.screen
        assert isinstance(workspace, WorkspaceScreen)
        pane = workspace.query_one(WhysPane)
        ladder = pane.query_one("#whys-ladder", ListView)
        await wait_until(pilot, lambda: pane.is_attached and workspace.focused is ladder)
        await wait_until(pilot, lambda: ladder.index == 2)
        assert pane.selected_step == 2
        # Not by colour alone: the selected step carries a marker, and only that one.
        marks = _step_marks(pane)
        assert marks[2].startswith("▶"), marks
        assert [mark for mark in marks if "▶" in mark] == [marks[2]], marks
        await pilot.press("e")
        await wait_for_screen(pilot, WhyTextModal)
        form = pilot.app.screen
        assert "why 2" in str(form.query_one(".modal-title").render())
        await pilot.press("end")
        await pilot.press(*" when paged")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
        await wait_until(pilot, lambda: ui.saved().why_chain(chain_id).answers[1] != BLAMING)
    saved = ui.saved().why_chain(chain_id).answers
    assert saved[1] == BLAMING + " when paged"
    assert saved[:1] + saved[2:] == answers[:1] + answers[2:]


async def test_go_there_on_an_event_an_action_and_a_field_lands_on_exactly_that(
    make_ui: Callable[..., UI],
) -> None:
    """The other kinds of finding land on their own item, not the first or the last."""
    ui = make_ui()
    pm = ui.saved()
    event = pm.events[len(pm.events) // 2]
    pm = ui.service.edit_event(pm, event.id, text="The on-call engineer forgot the pager")
    action = pm.actions[2]
    pm = ui.service.edit_action(pm, action.id, due="2025-03-01")  # overdue on FIXED_NOW
    ui.service.update(pm, impact="Bob failed to notice the errors for an hour")
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot)
        workspace = pilot.app.screen
        assert isinstance(workspace, WorkspaceScreen)
        await _go_to_finding(pilot, "forgot the pager")
        timeline = workspace.query_one(TimelinePane)
        await wait_until(pilot, lambda: workspace.focused is timeline.table)
        await wait_until(pilot, lambda: timeline.table.cursor_event is not None)
        assert timeline.table.cursor_event.id == event.id
        await _go_to_finding(pilot, action.text[:30])
        await wait_for_screen(pilot, ActionItemModal)
        form = pilot.app.screen
        assert form.query_one("#action-text", Input).value == action.text
        assert form.focused is form.query_one("#action-due")
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
        actions = workspace.query_one(ActionsPane)
        assert actions.selected_id() == action.id
        await _go_to_finding(pilot, "Impact")
        await wait_until(pilot, lambda: getattr(workspace.focused, "id", "") == "field-impact")
