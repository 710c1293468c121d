"""Pilot tests of the traps a first-time facilitator met in a mock review (issue 12, part 2):
each presses the keys a user would and checks the screen and the saved file."""

from __future__ import annotations

from textual.widgets import Input

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.panes.overview import OverviewPane
from tests.ui.support import open_sample, wait_until

SIZE = (120, 35)


async def test_tab_into_a_filled_title_puts_the_cursor_at_the_end(make_ui) -> None:
    ui = make_ui()
    title = ui.saved().title
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="overview")
        box = pilot.app.screen.query_one("#field-title", Input)
        for _ in range(10):
            if box.has_focus:
                break
            await pilot.press("tab")
        assert box.has_focus
        assert box.selection.is_empty and box.cursor_position == len(title)
        await pilot.press("X")
        assert box.value == title + "X"
        pilot.app.screen.query_one(OverviewPane).flush_pending()
        await wait_until(pilot, lambda: ui.saved().title == title + "X")


async def test_shift_tab_back_to_a_typed_action_text_after_a_refused_save_keeps_it(
    make_ui,
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="actions")
        pilot.app.screen.query_one(ActionsPane).table.focus()
        await pilot.press("a")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ActionItemModal)
        await pilot.press(*"Add an expiry probe", "tab", "tab", *"not a date", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ActionItemModal)
        text = form.query_one("#action-text", Input)
        while not text.has_focus:
            await pilot.press("shift+tab")
        await pilot.press(*" TBD")
        assert text.value == "Add an expiry probe TBD"
