"""Pilot tests of the Action items pane and its form: the screen and the saved file agree."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Select

from pmtui.model.enums import ActionStatus
from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.panes.action_table import ActionTable
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import SAMPLE_ID, open_sample, recorded_notifications, wait_for_screen

#: The fixed clock is 2025-03-20 09:30Z: 10:30 the same day in Europe/Berlin.
TODAY = date(2025, 3, 20)


def _pane(pilot) -> ActionsPane:  # type: ignore[no-untyped-def]
    return pilot.app.screen.query_one(ActionsPane)


def _text(widget) -> str:  # type: ignore[no-untyped-def]
    return str(widget.render())


async def _open_form(pilot, key: str = "a") -> ActionItemModal:  # type: ignore[no-untyped-def]
    _pane(pilot).table.focus()
    await pilot.press(key)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ActionItemModal)
    return form


def _fill(form: ActionItemModal, **values: str) -> None:
    for name, value in values.items():
        form.query_one(f"#action-{name}", Input).value = value


async def test_an_action_without_an_owner_is_saved_and_says_how_to_assign_it(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="actions")
        told = recorded_notifications(pilot.app)
        await _open_form(pilot)
        await pilot.press(*"Add expiry probe", "tab", "tab")  # owner left empty
        await pilot.press(*"+2w", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        assert told == ["Saved without an owner — e assigns one."]
    saved = ui.saved().actions
    assert len(saved) == 6
    assert (saved[-1].text, saved[-1].owner) == ("Add expiry probe", "")
    assert saved[-1].due is not None


async def test_a_quarter_is_not_a_deadline(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="actions")
        form = await _open_form(pilot)
        _fill(form, text="Add expiry probe", owner="Lena Hoffmann", due="2022-Q1")
        form.query_one("#action-due", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        error = _text(form.query_one("#ff-due .field-error"))
        assert "'2022-Q1' is not a date" in error
        assert form.query_one("#action-due", Input).value == "2022-Q1"
        assert pilot.app.screen is form
    assert len(ui.saved().actions) == 5


async def test_relative_deadline_is_read_in_the_post_mortems_timezone(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="actions")
        form = await _open_form(pilot)
        _fill(form, text="Add expiry probe", owner="Lena Hoffmann")
        form.query_one("#action-due", Input).focus()
        await pilot.press(*"+2w")
        await pilot.pause()
        assert "Thu 03 Apr 2025 · in 14 days" in _text(form.query_one("#ff-due .field-hint"))
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ActionItemModal)
        pane = _pane(pilot)
        added = ui.saved().actions[-1]
        assert pane.selected_id() == added.id
        assert "Add expiry probe" in _text(pane.query_one("#action-detail"))
    assert added.due == date(2025, 4, 3)
    assert added.owner == "Lena Hoffmann"
    assert added.status is ActionStatus.OPEN


async def test_edit_keeps_the_row_and_saves_the_change(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="actions")
        pane = _pane(pilot)
        pane.select("act-edge-probe")
        await pilot.pause()
        form = await _open_form(pilot, "enter")
        assert form.query_one("#action-owner", Input).value == "Lena Hoffmann"
        assert form.values()["factor_id"] == "why-expiry-check"
        _fill(form, owner="Jonas Weber", tracker="OPS-2000")
        form.query_one("#action-priority", Select).value = "P2"
        form.query_one("#action-text", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ActionItemModal)
        table = pane.table
        assert table.get_cell("act-edge-probe", "owner").text == "Jonas Weber"
        assert table.get_cell("act-edge-probe", "priority").text == "P2"
        assert pane.selected_id() == "act-edge-probe"
    edited = ui.saved().action("act-edge-probe")
    assert (edited.owner, edited.tracker) == ("Jonas Weber", "OPS-2000")
    assert edited.priority.value == "P2"
    assert edited.factor_id == "why-expiry-check"


async def test_the_detail_names_the_factor_by_its_title(make_ui) -> None:
    ui = make_ui()
    pm = ui.saved()
    factor = next(f for f in pm.factors if f.id == "why-expiry-check")
    assert pm.factor_statement(factor) != factor.title  # its chain has a root cause
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="actions")
        pane = _pane(pilot)
        pane.select("act-edge-probe")
        await pilot.pause()
        detail = _text(pilot.app.screen.query_one("#action-detail"))
        # The facilitator knows a factor by its title (the Five Whys pane, the action form).
        assert "addresses" in detail
        assert factor.title[:30] in detail
        assert pm.factor_statement(factor)[:30] not in detail


async def test_toggle_done_records_the_completion_date(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="actions")
        pane = _pane(pilot)
        pane.select("act-breakglass")
        pane.table.focus()
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert pane.table.get_cell("act-breakglass", "status").text == "✓ done"
        assert pane.row_look("act-breakglass") == "done"
        assert ui.saved().action("act-breakglass").completed_on == TODAY
        await pilot.press("x")  # and back to open, which forgets the date
        await pilot.pause()
        assert pane.table.get_cell("act-breakglass", "status").text == "open"
    reopened = ui.saved().action("act-breakglass")
    assert reopened.status is ActionStatus.OPEN
    assert reopened.completed_on is None


async def test_past_due_open_item_is_styled_overdue(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="actions")
        pane = _pane(pilot)
        form = await _open_form(pilot)
        _fill(form, text="Rotate the break-glass token", owner="Sam Okafor", due="2025-03-12")
        form.query_one("#action-text", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        late = ui.saved().actions[-1]
        assert late.is_overdue(TODAY)
        table: ActionTable = pane.table
        assert pane.row_look(late.id) == "overdue"
        assert table.get_cell(late.id, "due").text == "! 2025-03-12"
        style = table.look_style("overdue")
        assert style.bold
        assert style.color is not None
        assert style != table.look_style("")
        assert pane.row_look("act-edge-probe") == ""  # due 2025-04-04: not yet
        assert pane.row_look("act-renewal-alert") == "done"
        assert "1 overdue" in _text(pane.query_one("#actions-summary"))


async def test_sorting_changes_row_order_and_header(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="actions")
        pane = _pane(pilot)
        by_due = [
            "act-renewal-alert",
            "act-edge-probe",
            "act-rotation-check",
            "act-alert-routing",
            "act-breakglass",
        ]
        assert pane.row_order() == by_due
        assert "sorted by due date" in _text(pane.query_one("#actions-sort"))
        pane.table.focus()
        await pilot.press("s")
        await pilot.pause()
        assert "sorted by owner" in _text(pane.query_one("#actions-sort"))
        assert pane.row_order() == [
            "act-renewal-alert",  # Jonas
            "act-edge-probe",  # Lena
            "act-alert-routing",  # Mateo
            "act-breakglass",  # Priya
            "act-rotation-check",  # Sam
        ]
        await pilot.press("s")
        await pilot.pause()
        assert "sorted by status" in _text(pane.query_one("#actions-sort"))
        order = pane.row_order()
        assert order[:2] == ["act-edge-probe", "act-alert-routing"]  # in progress first
        assert order[-1] == "act-renewal-alert"  # done last
        await pilot.press("s")
        await pilot.pause()
        assert pane.row_order() == by_due
    assert len(ui.saved(SAMPLE_ID).actions) == 5


async def test_delete_and_undo(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="actions")
        pane = _pane(pilot)
        pane.select("act-rotation-check")
        pane.table.focus()
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert "act-rotation-check" not in pane.row_order()
        assert "act-rotation-check" not in {a.id for a in ui.saved().actions}
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "act-rotation-check" in pane.row_order()
    restored = ui.saved().action("act-rotation-check")
    assert restored.owner == "Sam Okafor"
    assert restored.factor_id == "why-renewal"


async def test_rows_are_updated_in_place_not_rebuilt(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="actions")
        pane = _pane(pilot)
        table = pane.table
        calls: list[str] = []
        original_clear = table.clear
        table.clear = lambda *a, **k: calls.append("clear") or original_clear(*a, **k)  # type: ignore
        pane.select("act-breakglass")
        table.focus()
        await pilot.press("x")
        await pilot.pause()
        assert calls == []
        assert table.row_count == 5


async def test_palette_has_the_action_commands(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        await pilot.app.screen.compose_all_panes()  # as ctrl+p does before it lists
        commands = {c.title: c for c in pilot.app.screen.palette_commands()}
        for title in (
            "Add action item",
            "Edit selected action item",
            "Delete selected action item",
            "Sort action items by due date",
            "Sort action items by owner",
            "Sort action items by status",
        ):
            assert title in commands
        # Only the one of done and reopen that the selected item can take.
        assert ("Mark action item done" in commands) != ("Reopen action item" in commands)
        commands["Sort action items by owner"].callback()
        await pilot.pause()
        assert pilot.app.screen.query_one("#tabs").active == "actions"
        assert _pane(pilot).sort_mode == "owner"


async def test_small_terminal_shows_table_and_fits_the_form(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="actions")
        await pilot.pause(0.2)
        pane = _pane(pilot)
        table = pane.table
        assert table.region.height >= 5
        assert not table.show_horizontal_scrollbar
        assert table.virtual_size.width <= table.scrollable_content_region.width
        form = await _open_form(pilot)
        await pilot.pause(0.2)
        assert form.has_class("-compact")
        body = form.query_one(".modal-body")
        assert form.region.contains_region(body.region)
        save = form.query_one("#save")
        assert body.region.contains_region(save.region)
        assert not body.show_vertical_scrollbar


async def test_a_new_action_leaves_priority_and_type_unset_until_chosen(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="actions")
        form = await _open_form(pilot)
        priority = form.query_one("#action-priority", Select)
        kind = form.query_one("#action-kind", Select)
        assert (priority.value, kind.value) == ("", "")
        _fill(form, text="Add an expiry probe", owner="Lena Hoffmann", due="+2w")
        form.query_one("#action-text", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ActionItemModal)
    added = [a for a in ui.saved().actions if a.text == "Add an expiry probe"]
    assert [(a.priority, a.kind) for a in added] == [(None, None)]
