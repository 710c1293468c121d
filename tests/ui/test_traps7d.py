"""Pilot tests of two traps a new user met in a mock review at 120x35 (issue 12, part 7d):
ctrl+z after refused typing, and form dialogs whose buttons and keys must stay in sight. Each
presses the keys a user would and checks the screen and what reached the file."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, TabbedContent

from pmtui.ui.modals.import_evidence import ImportEvidenceModal
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.form_field import FormField
from tests.ui.support import open_sample, recorded_notifications, wait_until

WIDE = (120, 35)
ALERTS = Path(__file__).parent.parent / "importers" / "fixtures" / "alertmanager_webhook.json"


async def _import_alerts(pilot) -> None:  # type: ignore[no-untyped-def]
    """Import evidence on the Timeline: a saved change made before the typing."""
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
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))


async def test_ctrl_z_takes_back_refused_title_typing_before_the_saved_import(make_ui) -> None:
    ui = make_ui()
    title = ui.saved().title
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot, tab="timeline")
        await _import_alerts(pilot)
        imported = ui.saved().events
        screen = pilot.app.screen
        told = recorded_notifications(screen)
        screen.action_show_tab("overview")
        await pilot.pause()
        box = screen.query_one("#field-title", Input)
        field = screen.query_one("#ff-title", FormField)
        box.focus()
        box.value = "x" * 252
        await pilot.press("enter")  # saves at once: refused
        await pilot.pause()
        assert field.holds_refused
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert told[-1] == "Undid: typing in Title"
        assert box.value == title and not field.holds_refused
        assert screen.query_one(TabbedContent).active == "overview"  # no jump elsewhere
        assert ui.saved().events == imported and ui.saved().title == title
        await pilot.press("ctrl+y")  # the typing comes back, refused again
        await pilot.pause()
        assert told[-1] == "Redid: typing in Title"
        assert box.value == "x" * 252 and field.holds_refused
        assert ui.saved().title == title
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert box.value == title and not field.holds_refused
        await pilot.press("ctrl+z")  # only now the import goes
        await pilot.pause()
        assert told[-1].startswith("Undid: add")
        assert len(ui.saved().events) < len(imported)
