"""Pilot tests of the workspace's one undo/redo history: each change comes back with ctrl+z
and goes again with ctrl+y, on the screen and in the file, named in a notification and in the
footer."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Footer, Input, TextArea

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.event_form import EventFormModal
from pmtui.ui.modals.import_evidence import ImportEvidenceModal
from pmtui.ui.panes.action_table import ActionTable
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.timeline_table import TimelineTable
from tests.ui.support import SAMPLE_ID, open_sample, recorded_notifications, wait_until

SIZE = (120, 30)
ALERTS = Path(__file__).parent.parent / "importers" / "fixtures" / "alertmanager_webhook.json"


def _footer(pilot) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(key.render()) for key in pilot.app.screen.query_one(Footer).children)


def _row_text(table: TimelineTable, event_id: str) -> str:
    index = next(i for i, e in enumerate(table.events) if e.id == event_id)
    return table.render_line(index + 1 - round(table.scroll_y)).text


async def test_edit_an_event_then_undo_and_redo(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        screen = pilot.app.screen
        told = recorded_notifications(screen)
        table = screen.query_one(TimelineTable)
        old_text = ui.saved().event("ev-openssl").text
        table.select_event("ev-openssl")
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EventFormModal)
        form.query_one("#text", Input).value = "Pager fired"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ui.saved().event("ev-openssl").text == "Pager fired"
        assert "Undo edit event" in _footer(pilot)
        table.select_event("ev-detected")  # the cursor elsewhere: undo brings it back
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert ui.saved().event("ev-openssl").text == old_text
        assert table.cursor_event is not None and table.cursor_event.id == "ev-openssl"
        assert old_text[:20] in _row_text(table, "ev-openssl")
        assert told[-1] == (
            f"Undid: event text → “Pager fired” (back to “{old_text[:59].rstrip()}…”)"
        )
        assert "Redo edit event" in _footer(pilot)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert ui.saved().event("ev-openssl").text == "Pager fired"
        assert "Pager fired" in _row_text(table, "ev-openssl")
        assert told[-1] == "Redid: event text → “Pager fired”"
        assert "Redo" not in _footer(pilot)


async def test_add_an_action_then_undo(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="actions")
        told = recorded_notifications(pilot.app.screen)
        pilot.app.screen.query_one(ActionTable).focus()
        await pilot.press("a")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ActionItemModal)
        form.query_one("#action-text", Input).value = "Alert on certificate expiry at 21 days"
        form.query_one("#action-owner", Input).value = "Sam Okafor"
        form.query_one("#action-due", Input).value = "+2w"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert len(ui.saved().actions) == 6
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(ui.saved().actions) == 5
        assert len(pilot.app.screen.query_one(ActionsPane).row_order()) == 5
        assert told[-1] == "Undid: add action 'Alert on certificate expiry at 21 days'"


async def test_import_evidence_then_one_undo_takes_every_imported_event_away(make_ui) -> None:
    ui = make_ui()
    before = ui.saved().events
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("I")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ImportEvidenceModal)
        path = dialog.query_one("#import-path", Input)
        path.value = str(ALERTS)
        path.focus()
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        dialog.query_one("#import-commit", Button).press()
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        added = len(ui.saved().events) - len(before)
        assert added > 1
        assert f"Undo add {added} events" in _footer(pilot)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert ui.saved().events == before
        assert pilot.app.screen.query_one(TimelineTable).events == before


async def test_typing_in_a_narrative_is_one_undo_step_per_save(make_ui) -> None:
    ui = make_ui()
    old_summary = ui.saved().summary
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot)
        area = pilot.app.screen.query_one("#field-summary", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.press(*" More.")
        await wait_until(pilot, lambda: ui.saved().summary != old_summary)  # the debounced save
        assert ui.saved().summary == old_summary + " More."
        await pilot.press(*" Again.")  # not saved yet: ctrl+z saves it, then takes it back
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert ui.saved().summary == old_summary + " More."
        assert area.text == old_summary + " More."
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert ui.saved().summary == old_summary
        assert area.text == old_summary  # the field shows it though it has the focus
        assert pilot.app.screen.history.undo_next is None


async def test_read_only_undo_and_redo_do_nothing_and_say_why(make_ui) -> None:
    ui = make_ui(read_only_reason="Read-only: db.json is open in another pmtui (pid 42)")
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        told = recorded_notifications(pilot.app.screen)
        stamp = ui.path.stat().st_mtime_ns
        await pilot.press("ctrl+z")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert told == [
            "Nothing to undo: Read-only: db.json is open in another pmtui (pid 42)",
            "Nothing to redo: Read-only: db.json is open in another pmtui (pid 42)",
        ]
        assert ui.path.stat().st_mtime_ns == stamp


async def test_the_palette_names_what_undo_would_take_back(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        screen = pilot.app.screen
        screen.query_one(TimelineTable).select_event("ev-detected")
        await pilot.press("d")
        await pilot.pause()
        titles = {command.title for command in screen.palette_commands()}
        assert any(title.startswith("Undo delete event '") for title in titles)
        assert "Redo" not in titles  # nothing undone yet: the palette lists what applies
    assert "ev-detected" not in {e.id for e in ui.saved(SAMPLE_ID).events}
