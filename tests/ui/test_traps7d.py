"""Pilot tests of two traps a new user met in a mock review at 120x35 (issue 12, part 7d):
ctrl+z after refused typing, and form dialogs whose buttons and keys must stay in sight. Each
presses the keys a user would and checks the screen and what reached the file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Input, TabbedContent

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.attendees import AttendeesModal
from pmtui.ui.modals.event_form import EventFormModal
from pmtui.ui.modals.export_file import ExportFileModal, ExportFormat
from pmtui.ui.modals.factor_form import FactorModal
from pmtui.ui.modals.form_modal import FormModal
from pmtui.ui.modals.import_evidence import ImportEvidenceModal
from pmtui.ui.modals.section_edit import SectionEditModal
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.footer import PmtuiFooter
from pmtui.ui.widgets.form_field import FormField
from tests.ui.support import (
    open_sample,
    recorded_notifications,
    screen_lines,
    wait_for_screen,
    wait_until,
)

WIDE = (120, 35)
SMALL = (80, 24)
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


async def test_ctrl_z_takes_back_refused_typing_with_nothing_saved_yet(make_ui) -> None:
    ui = make_ui()
    title = ui.saved().title
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot)
        screen = pilot.app.screen
        told = recorded_notifications(screen)
        box = screen.query_one("#field-title", Input)
        box.focus()
        box.value = title + "y" * 200
        await pilot.press("enter")  # refused on enter
        await pilot.pause()
        assert screen.query_one("#ff-title", FormField).holds_refused
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert told[-1:] == ["Undid: typing in Title"]  # not "Nothing to undo", not nothing
        assert box.value == title and ui.saved().title == title
        assert box.has_focus  # still typing in the Title


def _nothing(*_: Any) -> bool:
    return False


#: Every kind of form dialog, built over the opened sample (tall ones with long texts in).
FORMS: dict[str, Callable[[WorkspaceScreen], FormModal[Any]]] = {
    "action": lambda ws: ActionItemModal(ws),
    "event": lambda ws: EventFormModal("New event", {}, _nothing, time_hint=""),
    "factor": lambda ws: FactorModal(ws.pm, _nothing),
    "why": lambda ws: WhyTextModal("Why?", "Answer", _nothing, text="because\n" * 40),
    "roll call": lambda ws: AttendeesModal([f"Person {n}" for n in range(40)], [], _nothing),
    "section edit": lambda ws: SectionEditModal("Summary", "line\n" * 60, _nothing),
    "export": lambda ws: ExportFileModal(
        (ExportFormat("JSON", "JSON", ("json",), lambda: "{}"),), Path("pm.json")
    ),
    "import": lambda ws: ImportEvidenceModal(ws.pm, date(2025, 3, 19)),
}


def _footer_keys(screen) -> list[str]:  # type: ignore[no-untyped-def]
    footer = screen.query_one(PmtuiFooter)
    return [" ".join(str(key.render()).split()) for key in footer.children]


def _assert_buttons_in_sight(dialog, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    body = dialog.query_one(".modal-body")
    for button in dialog.query(".modal-buttons Button"):
        region = button.region
        assert region.height > 0, f"{button.id} not laid out"
        # Inside the dialog's box (not cut by its edge) and above the footer.
        assert body.region.contains_region(region), (button.id, region, body.region)
        assert region.bottom <= size[1] - 1  # the bottom row is the footer's


@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "120x35"])
async def test_every_form_keeps_its_buttons_and_keys_in_sight(make_ui, size) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot, tab="timeline")
        workspace = pilot.app.screen
        for name, build in FORMS.items():
            dialog = build(workspace)
            pilot.app.push_screen(dialog)
            await wait_until(pilot, lambda d=dialog: d.is_current)
            await pilot.pause()
            _assert_buttons_in_sight(dialog, size)
            keys = _footer_keys(dialog)
            assert "esc Cancel" in keys, (name, keys)
            save = dialog.active_bindings.get("ctrl+s")
            if save is not None and save.enabled:  # the import's only once it shows a preview
                assert f"^s {save.binding.description}" in keys, (name, keys)
            dialog.dismiss(getattr(dialog, "CANCELLED", None))
            await wait_until(pilot, lambda: pilot.app.screen is workspace)


async def test_the_action_form_in_a_meeting_at_120x35_shows_save_and_ctrl_s(make_ui) -> None:
    ui = make_ui()
    count = len(ui.saved().actions)
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        await pilot.pause()
        dialog = pilot.app.screen
        _assert_buttons_in_sight(dialog, WIDE)
        assert _footer_keys(dialog)[:2] == ["esc Cancel", "^s Save"]
        dialog.query_one("#action-text", Input).value = "Alert on certificate expiry at 21 days"
        dialog.query_one("#action-owner", Input).value = "Sam Okafor"
        dialog.query_one("#action-due", Input).value = "+2w"
        assert await pilot.click("#save")  # where the user sees it, without tabbing to it
        await wait_for_screen(pilot, MeetingScreen)
        assert len(ui.saved().actions) == count + 1


async def test_ctrl_z_takes_back_a_change_saved_after_the_refused_typing_first(make_ui) -> None:
    """Mock 31b: Title emptied (refused), then an event deleted on the Timeline; the notice
    said ctrl+z brings the event back, but ctrl+z took back the Title typing first."""
    ui = make_ui()
    saved = ui.saved()
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, WorkspaceScreen)
        told = recorded_notifications(screen)
        box = screen.query_one("#field-title", Input)
        field = screen.query_one("#ff-title", FormField)
        box.focus()
        box.value = ""
        await pilot.press("enter")  # refused: a title is required
        await wait_until(pilot, lambda: field.holds_refused)
        await pilot.press("f3")  # the Timeline
        await wait_until(pilot, lambda: screen.query_one(TabbedContent).active == "timeline")
        await pilot.press("d")
        await wait_until(pilot, lambda: len(ui.saved().events) == len(saved.events) - 1)
        # The Title's typing is still not saved, so the status bar does not say it all is.
        assert screen.save_state is not None and screen.save_state.kind == "failed"
        await wait_until(pilot, lambda: "Undo delete event" in screen_lines(pilot.app)[-1])
        # A first ctrl+q stays, and says what ctrl+z will do first (mock 32a).
        told_by_app = recorded_notifications(pilot.app)
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: any("Not saved: typing in Title" in n for n in told_by_app))
        assert "ctrl+z takes back the changes saved after it first" in told_by_app[-1]
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: told[-1].startswith("Undid: delete event"))
        assert ui.saved().events == saved.events
        assert field.holds_refused and box.value == ""  # the typing waits its turn
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: told[-1] == "Undid: typing in Title")
        assert box.value == saved.title and not field.holds_refused
    assert ui.saved().title == saved.title and ui.saved().events == saved.events


async def test_a_refused_title_fixed_shows_saved_again(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, WorkspaceScreen)
        box = screen.query_one("#field-title", Input)
        field = screen.query_one("#ff-title", FormField)
        box.focus()
        box.value = ""
        await pilot.press("enter")
        await wait_until(pilot, lambda: field.holds_refused)
        assert screen.save_state is not None and screen.save_state.kind == "failed"
        await pilot.press(*"Edge TLS outage", "enter")
        await wait_until(pilot, lambda: ui.saved().title == "Edge TLS outage")
        await wait_until(pilot, lambda: not field.holds_refused)
        assert screen.save_state is not None and screen.save_state.kind == "saved"
