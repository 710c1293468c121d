"""Pilot tests of the drop-down and field traps a new-user mock meeting met at 80x24
(issue 12): each presses the keys a user would and checks the screen and the saved file."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import SAMPLE_ID, UI, open_sample, wait_for_screen, wait_until

MOCK = (80, 24)


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
