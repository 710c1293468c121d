"""Pilot tests of the traps a first-time facilitator met in a mock review (issue 12, part 2):
each presses the keys a user would and checks the screen and the saved file."""

from __future__ import annotations

from textual.widgets import DataTable, Input, TabbedContent, TextArea

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.confirm import ConfirmModal
from pmtui.ui.modals.help import HelpScreen
from pmtui.ui.modals.section_edit import SectionEditModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.panes.overview import OverviewPane
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.widgets.meeting_steps import WrapUpStep
from tests.ui.support import open_sample, wait_for_screen, wait_until

SIZE = (120, 35)


async def test_tab_into_a_filled_title_selects_it_and_end_keeps_it(make_ui) -> None:
    # The rule every filled one-line box follows (pmtui.ui.widgets.entered_box): entered by
    # tab its text is selected, so typing replaces it, and → or end keeps it to add to it.
    ui = make_ui()
    title = ui.saved().title
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="overview")
        # The tab key put the focus in the Summary (issue 12); escape goes to the tab bar.
        await pilot.press("escape")
        box = pilot.app.screen.query_one("#field-title", Input)
        for _ in range(10):
            if box.has_focus:
                break
            await pilot.press("tab")
        assert box.has_focus
        assert (box.selection.start, box.selection.end) == (0, len(title))
        await pilot.press("end")
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
        # Shift+tab into it selects it, shown (issue 12, 80x24 mock): end keeps the text.
        assert text.selected_text == "Add an expiry probe"
        await pilot.press("end", *" TBD")
        assert text.value == "Add an expiry probe TBD"


async def test_ctrl_a_in_a_one_line_field_selects_all_so_a_typed_date_replaces_it(
    make_ui,
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="overview")
        box = pilot.app.screen.query_one("#field-incident_date", Input)
        box.focus()
        await pilot.pause()
        await pilot.press("ctrl+a", *"2025-03-18")
        assert box.value == "2025-03-18"
        pilot.app.screen.query_one(OverviewPane).flush_pending()
        await wait_until(pilot, lambda: str(ui.saved().incident_date) == "2025-03-18")
        await pilot.press("f1")
        await wait_for_screen(pilot, HelpScreen)
        await wait_until(pilot, lambda: pilot.app.screen.keys_listed)  # every tab's keys
        table = pilot.app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        (select_all,) = [row for row in rows if row[1] == "^a"]
        assert select_all[2] == "Select all (text boxes)"
        assert "one-line" in select_all[3] and "goes to the start of the line" not in select_all[3]


async def _open_new_action_form(pilot) -> ActionItemModal:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="actions")
    pilot.app.screen.query_one(ActionsPane).table.focus()
    await pilot.press("a")
    await wait_for_screen(pilot, ActionItemModal)
    return pilot.app.screen


async def test_tab_takes_the_suggested_owner_and_moves_on_to_the_deadline(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        form = await _open_new_action_form(pilot)
        # One burst, as typed in the room: the "+2w" after tab is the deadline.
        await pilot.press(*"Add an expiry probe", "tab", *"Len", "tab", *"+2w")
        owner = form.query_one("#action-owner", Input)
        due = form.query_one("#action-due", Input)
        assert owner.value == "Lena Hoffmann"
        assert due.value == "+2w" and due.has_focus
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActionItemModal))
    saved = ui.saved().actions[-1]
    assert (saved.owner, saved.due is not None) == ("Lena Hoffmann", True)


async def test_right_arrow_takes_the_suggested_owner_and_stays(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        form = await _open_new_action_form(pilot)
        await pilot.press(*"Add an expiry probe", "tab", *"Len")
        owner = form.query_one("#action-owner", Input)
        hint = form.query_one("#ff-owner .field-hint")
        await wait_until(pilot, lambda: "Lena" in str(hint.render()))
        assert str(hint.render()) == "tab takes “Lena Hoffmann” and moves on · → takes it"
        await pilot.press("right", *" (SRE)")
        assert owner.value == "Lena Hoffmann (SRE)" and owner.has_focus


async def test_undo_in_the_timeline_leaves_the_focus_in_the_quick_add_line(make_ui) -> None:
    ui = make_ui()
    before = len(ui.saved().events)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("colon", *"2025-03-20 02:00 note Night shift hands over", "enter")
        await wait_until(pilot, lambda: len(ui.saved().events) == before + 1)
        line = pilot.app.screen.query_one("#quick-add", Input)
        assert line.has_focus
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: len(ui.saved().events) == before)
        await pilot.pause()
        assert line.has_focus
        # The next line is typed into the box, not run as one-letter commands.
        await pilot.press(*"3 note")
        assert line.value == "3 note"
        assert pilot.app.screen.query_one(TabbedContent).active == "timeline"


async def test_an_owner_typed_as_tbd_is_still_missing_in_the_wrap_up(make_ui) -> None:
    ui = make_ui()
    first = next(action for action in ui.saved().actions if action.is_open)
    async with ui.app.run_test(size=(160, 45)) as pilot:
        await open_sample(pilot, tab="actions")
        pane = pilot.app.screen.query_one(ActionsPane)
        pane.select(first.id)
        pane.table.focus()
        await pilot.press("e")
        await wait_for_screen(pilot, ActionItemModal)
        form = pilot.app.screen
        owner = form.query_one("#action-owner", Input)
        while not owner.has_focus:
            await pilot.press("tab")
        await pilot.press("ctrl+a", *"TBD", "enter")
        await wait_until(pilot, lambda: ui.saved().action(first.id).owner == "TBD")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("6")
        meeting = pilot.app.screen
        await wait_until(pilot, lambda: meeting.step == 5)
        await pilot.pause()
        shown = meeting.query_one(WrapUpStep).render()
        missing = str(shown).split("Still missing")[1]
        assert "has no owner ('TBD' names nobody)" in missing


async def _edit_summary_in_the_meeting(pilot) -> MeetingScreen:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="timeline")
    await pilot.press("m")
    await wait_for_screen(pilot, MeetingScreen)
    meeting = pilot.app.screen
    await pilot.press("2")
    await wait_until(pilot, lambda: meeting.step == 1)
    await pilot.press("e")
    await wait_for_screen(pilot, SectionEditModal)
    return meeting


async def test_escape_after_a_change_in_the_section_dialog_asks_before_discarding(
    make_ui,
) -> None:
    ui = make_ui()
    summary = ui.saved().summary
    async with ui.app.run_test(size=(80, 24)) as pilot:
        meeting = await _edit_summary_in_the_meeting(pilot)
        dialog = pilot.app.screen
        await pilot.press(*" Partners saw it first.", "escape")
        await wait_for_screen(pilot, ConfirmModal)
        question = str(pilot.app.screen.query_one(".modal-question").render())
        assert question == "Discard your changes to the summary?"
        # Escape answers nothing (as in every form); n keeps editing: the text is all there
        # and typing goes on.
        await pilot.press("escape", "n")
        await wait_until(pilot, lambda: pilot.app.screen is dialog)
        await pilot.press(*" Twice.")
        area = dialog.query_one(TextArea)
        assert area.text == summary + " Partners saw it first. Twice."
        # Asked again, y discards: nothing saved, back in the meeting.
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("y")
        await wait_until(pilot, lambda: pilot.app.screen is meeting)
    assert ui.saved().summary == summary


async def test_escape_in_an_unchanged_section_dialog_closes_at_once(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        meeting = await _edit_summary_in_the_meeting(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: pilot.app.screen is meeting)
