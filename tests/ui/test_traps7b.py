"""Pilot tests of the drop-down and field traps a new-user mock meeting met at 80x24
(issue 12): each presses the keys a user would and checks the screen and the saved file."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Input, Select

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets import type_select
from tests.ui.support import SAMPLE_ID, UI, open_sample, wait_for_screen, wait_until

MOCK = (80, 24)


@pytest.fixture(autouse=True)
def one_run_of_typing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys pressed in one go are one type-ahead run however slowly a loaded machine hands
    them over (a test that needs a pause sets the pause to 0)."""
    monkeypatch.setattr(type_select, "TYPE_AHEAD_PAUSE", 60.0)


def screen_lines(app: App) -> list[str]:  # type: ignore[type-arg]
    """The screen's lines as drawn."""
    return [
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    ]


def stretch_to_days(ui: UI) -> None:
    """Mitigated two days and resolved three days after the start: multi-day TTM and TTR."""
    pm = ui.service.get(SAMPLE_ID)
    for event in pm.events:
        if event.kind == "mitigated":
            pm = ui.service.edit_event(pm, event.id, at="2025-03-21 10:02")
        elif event.kind == "resolved":
            pm = ui.service.edit_event(pm, event.id, at="2025-03-22 11:05")


# The status bar: the save state is always whole ------------------------------------------


async def test_at_80_columns_multi_day_metrics_give_way_to_the_whole_save_state(make_ui) -> None:
    ui = make_ui()
    stretch_to_days(ui)
    async with ui.app.run_test(size=MOCK) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        assert isinstance(workspace, WorkspaceScreen)
        bar = screen_lines(pilot.app)[0]
        assert bar.rstrip().endswith("✓ Saved"), bar
        assert "TTD 22m" in bar  # the metrics line gave way at its end, not its start
        workspace.save_state = type(workspace.save_state)("pending")
        await wait_until(pilot, lambda: "Unsaved" in screen_lines(pilot.app)[0])
        bar = screen_lines(pilot.app)[0]
        assert bar.rstrip().endswith("● Unsaved"), bar
        assert "TTD 22m" in bar


# Tab and shift+tab into a filled box select it ---------------------------------------------


async def open_action_form(pilot) -> ActionItemModal:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="actions")
    pilot.app.screen.query_one(ActionsPane).table.focus()
    await pilot.press("a")
    await wait_for_screen(pilot, ActionItemModal)
    return pilot.app.screen


async def test_shift_tab_back_into_a_filled_deadline_selects_it_so_typing_replaces_it(
    make_ui,
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=MOCK) as pilot:
        form = await open_action_form(pilot)
        due = form.query_one("#action-due", Input)
        await pilot.press(*"Alert on certificate expiry", "tab", *"Dana", "tab")
        await wait_until(pilot, lambda: due.has_focus)
        await pilot.press(*"2021-12-15", "tab")
        assert not due.has_focus
        await pilot.press("shift+tab")
        await wait_until(pilot, lambda: due.has_focus)
        assert due.selected_text == "2021-12-15"
        await pilot.press(*"+6w")
        assert due.value == "+6w"
        # Forward too: tab from the owner into the deadline selects it again.
        await pilot.press("shift+tab")
        await wait_until(pilot, lambda: not due.has_focus)
        await pilot.press("tab")
        await wait_until(pilot, lambda: due.has_focus)
        assert due.selected_text == "+6w"
        await pilot.press("end", *"x")
        assert due.value == "+6wx"  # end keeps the text and types after it


async def test_a_click_into_a_filled_box_puts_the_cursor_where_it_lands(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=MOCK) as pilot:
        form = await open_action_form(pilot)
        await pilot.press(*"Alert on expiry")
        owner = form.query_one("#action-owner", Input)
        owner.focus()
        await wait_until(pilot, lambda: owner.has_focus)
        text = form.query_one("#action-text", Input)
        await pilot.click(text, offset=(3, 0))
        await wait_until(pilot, lambda: text.has_focus)
        assert text.selection.is_empty
        await pilot.press("X")
        assert text.value != "X" and "X" in text.value


# Typing on a closed drop-down is a type-ahead run; a sentence changes nothing -------------


async def focus_on(pilot, control) -> None:  # type: ignore[no-untyped-def]
    """Tab through the form until `control` has the focus, as the user did."""
    for _ in range(12):
        if control.has_focus:
            return
        await pilot.press("tab")
    assert control.has_focus


async def test_a_sentence_typed_on_the_factor_drop_down_keeps_its_link(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=MOCK) as pilot:
        form = await open_action_form(pilot)
        await pilot.press(*"Page on expiry of any public certificate")
        factor = form.query_one("#action-factor_id", Select)
        factor.value = "why-expiry-check"  # the link the facilitator chose
        await focus_on(pilot, factor)
        await pilot.press(*"We now check Consul internals first")
        assert not factor.expanded  # the spaces were words, not "open the list"
        assert factor.value == "why-expiry-check"
        assert any("“We now…” is not a choice:" in line for line in screen_lines(pilot.app))
        # The first ctrl+s stays to say the sentence was not kept (mock meeting 15).
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    saved = ui.saved().actions[-1]
    assert saved.text == "Page on expiry of any public certificate"
    assert saved.factor_id == "why-expiry-check"


async def test_a_word_no_priority_means_keeps_it_and_says_so_on_screen_at_80x24(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=MOCK) as pilot:
        form = await open_action_form(pilot)
        priority = form.query_one("#action-priority", Select)
        await pilot.press(*"Page on expiry")
        await focus_on(pilot, priority)
        before = priority.value
        await pilot.press(*"urgent")  # "high" picks P2 since its label says "P2 · high"
        assert priority.value == before
        # Under the Priority box, wrapped in its column (where it breaks depends on the width
        # the dialog gives the column): every word of it is on screen.
        shown = " ".join(line.strip(" █▎▊") for line in screen_lines(pilot.app))
        words = " ".join(shown.split())
        assert "“urgent” is not a choice: —, P1 · critical, P2 · high, P3" in words, shown


async def test_space_opens_the_list_only_when_no_run_is_under_way(make_ui, monkeypatch) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=MOCK) as pilot:
        form = await open_action_form(pilot)
        factor = form.query_one("#action-factor_id", Select)
        await focus_on(pilot, factor)
        await pilot.press(*"the exp")  # "The expired certificate …", space and all
        assert factor.value == "why-expiry-check" and not factor.expanded
        monkeypatch.setattr(type_select, "TYPE_AHEAD_PAUSE", 0.0)  # the run is over
        await pilot.press("space")
        await wait_until(pilot, lambda: factor.expanded)
