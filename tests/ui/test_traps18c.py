"""Pilot tests of four traps first-time facilitators hit in mock review meeting 17: the
add-event form of an empty timeline named a selected event, the export dialog's File box
showed the end of its path after a format change, the Document preview cut long headings at
the right edge, and a redo's notice named the text from before the edit. Each presses the keys
a user would and checks the screen and what reached the file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static
from textual.widgets.input import Selection
from textual.widgets.markdown import MarkdownBlock

from pmtui.ui.commands import palette_entries
from pmtui.ui.modals.event_form import EventFormModal
from pmtui.ui.modals.export_file import ExportFileModal
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.document_preview import DocumentPreview
from pmtui.ui.widgets.timeline_table import TimelineTable
from tests.ui.support import (
    SAMPLE_ID,
    UI,
    open_postmortem,
    open_sample,
    recorded_notifications,
    screen_lines,
    wait_for_screen,
    wait_until,
)

SMALL = (80, 24)
#: Three weeks after the sample incident (2025-03-19): "now" is not the incident's time.
WEEKS_LATER = datetime(2025, 4, 10, 9, 0, tzinfo=UTC)


def _text(pilot, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one(selector, Static).render())


# 1. The add-event form of an empty timeline says what it offers ------------------------------


def _empty_older_incident(ui: UI) -> str:
    """A new post-mortem of an incident ten days before the fixed clock, with no events."""
    pm = ui.service.create("Checkout outage", timezone="Europe/Berlin", incident_date="2025-03-10")
    return pm.id


async def test_a_on_an_empty_older_timeline_offers_the_incident_date_and_says_so(
    make_ui,
) -> None:
    """Mock meeting 17: the form of a new post-mortem said "the selected event's time" with no
    event to select, offered today's date, and read a typed 14:32 as today."""
    ui = make_ui(with_sample=False)
    pm_id = _empty_older_incident(ui)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_postmortem(pilot, pm_id, "timeline")
        await pilot.press("a")
        await wait_for_screen(pilot, EventFormModal)
        form = pilot.app.screen
        heading = _text(pilot, ".modal-title")
        assert "selected" not in heading
        assert "incident date" in heading
        at = form.query_one("#at", Input)
        assert at.value == "2025-03-10 00:00"
        rule = _text(pilot, "#at-rule")
        assert "selected" not in rule
        assert "14:32 → on 2025-03-10, the incident date" in rule
        await pilot.press(*"14:32")
        await wait_until(pilot, lambda: at.value == "14:32")
        assert _text(pilot, "#at-preview") == "→ Mon 2025-03-10 14:32 CET"
        form.query_one("#text", Input).value = "Checkout errors spike"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    (event,) = ui.saved(pm_id).events
    assert (event.text, event.at) == (
        "Checkout errors spike",
        datetime(2025, 3, 10, 13, 32, tzinfo=UTC),
    )


async def test_a_now_line_on_an_empty_older_timeline_offers_the_incident_date(make_ui) -> None:
    """The quick-add line said "(last event's offered)" with no event at all."""
    ui = make_ui(with_sample=False)
    pm_id = _empty_older_incident(ui)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_postmortem(pilot, pm_id, "timeline")
        await pilot.press("colon", *"now Pager fired")
        hint = _text(pilot, "#ff-quick-add .field-hint")
        assert "event's" not in hint
        assert "the incident date offered" in hint
        await pilot.press("enter")
        await wait_for_screen(pilot, EventFormModal)
        form = pilot.app.screen
        assert "the incident date offered" in _text(pilot, ".modal-title")
        at = form.query_one("#at", Input)
        assert at.value == "2025-03-10 00:00"
        await pilot.press(*"14:32")
        await wait_until(pilot, lambda: at.value == "14:32")
        assert _text(pilot, "#at-preview") == "→ Mon 2025-03-10 14:32 CET"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    (event,) = ui.saved(pm_id).events
    assert (event.text, event.at) == ("Pager fired", datetime(2025, 3, 10, 13, 32, tzinfo=UTC))


async def test_the_meeting_capture_line_names_the_event_it_offers(make_ui) -> None:
    """In meeting mode, off the timeline step, the line counts from the last event: it said
    "selected event's offered", and nothing was selected."""
    ui = make_ui()
    ui.service.clock = lambda: WEEKS_LATER
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        assert meeting.step == 0
        await pilot.press("slash", *"now failover done")
        hint = _text(pilot, "#ff-meeting-capture .field-hint")
        assert "(last event's offered)" in hint
        await pilot.press("enter")
        await wait_for_screen(pilot, EventFormModal)
        assert "(last event's offered)" in _text(pilot, ".modal-title")
        assert pilot.app.screen.query_one("#at", Input).value == "2025-03-19 10:36:30"


async def test_the_meeting_capture_line_of_an_empty_timeline_offers_the_incident_date(
    make_ui,
) -> None:
    ui = make_ui(with_sample=False)
    pm_id = _empty_older_incident(ui)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_postmortem(pilot, pm_id, "timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("slash", *"now failover done")
        assert "the incident date offered" in _text(pilot, "#ff-meeting-capture .field-hint")


# 2. After a format change the File box shows its path from the start ------------------------


async def test_a_format_change_leaves_the_file_box_showing_its_path_from_the_start(
    make_ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mock meeting 17: after picking HTML the File box read "…tmortem.html", scrolled to its
    end while the user was on the format, unlike every other box not being typed in."""
    # A folder long enough that the path does not fit the box at 80 columns.
    folder = tmp_path / "incident-reviews" / "payments-and-checkout-team"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="document")
        await pilot.press("x")
        await wait_for_screen(pilot, ExportFileModal)
        modal = pilot.app.screen
        path_input = modal.query_one("#export-path", Input)
        assert len(path_input.value) > path_input.content_size.width
        await pilot.press("shift+tab", "enter", "down", "enter")
        await wait_until(pilot, lambda: path_input.value.endswith(".html"))
        assert modal.query_one("#export-format", Select).value == 1
        await pilot.pause()
        assert modal.focused is not path_input
        assert path_input.scroll_offset.x == 0
        assert any(f"▊  {str(tmp_path)[:40]}" in line for line in screen_lines(pilot.app))
        # Entered, the box is as any filled box entered by tab: all selected, the file's name
        # (the end, what people change) in view.
        await pilot.press("tab")
        assert modal.focused is path_input
        await pilot.pause()
        assert path_input.selection == Selection(0, len(path_input.value))
        assert path_input.scroll_offset.x > 0
        assert any("-2025-03-19.html" in line for line in screen_lines(pilot.app))
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert list(folder.glob("*.html")) != []


# 3. The Document preview wraps long lines, never cuts them ----------------------------------

LONG_FACTOR = (
    "The certificate renewal job had been failing silently for six weeks because its alert "
    "was routed to a channel nobody watched"
)
LONG_ACTION = (
    "Route certificate renewal failures to the on-call pager and add a weekly expiry report "
    "for every public endpoint"
)


@pytest.mark.parametrize("size", [SMALL, (120, 30)])
async def test_the_document_preview_wraps_a_long_factor_heading(
    make_ui, size: tuple[int, int]
) -> None:
    ui = make_ui()
    pm = ui.service.get(SAMPLE_ID)
    pm, _ = ui.service.add_factor(pm, title=LONG_FACTOR)
    ui.service.add_action(pm, text=LONG_ACTION, owner="Priya Raman", due="2025-04-30")
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot, tab="document")
        preview = pilot.app.screen.query_one("#document-preview", DocumentPreview)
        await wait_until(pilot, lambda: preview.renders > 0 and not preview._rendering)
        blocks = [
            block
            for block in preview.query(MarkdownBlock)
            if LONG_FACTOR[:40] in str(block.content) or LONG_ACTION[:40] in str(block.content)
        ]
        assert blocks
        right = preview.scrollable_content_region.right
        # No line of the preview (headings, list items, tables) runs past its right edge.
        assert [block for block in preview.query(MarkdownBlock) if block.region.right > right] == []
        for block in blocks:
            # Within the preview's width: nothing of it is past the right edge.
            assert block.region.right <= right, str(block.content)
            preview.scroll_to_widget(block, animate=False, immediate=True)
            await pilot.pause()
            shown = " ".join(" ".join(screen_lines(pilot.app)).split())
            text = LONG_FACTOR if LONG_FACTOR[:40] in str(block.content) else LONG_ACTION
            assert text in shown


# 4. Undo and redo notices name what they take back or make again ----------------------------


async def test_redo_of_an_event_edit_names_the_new_text(make_ui) -> None:
    """Mock meeting 17: edit "Pager fired", undo, redo: the notice said "Redid: edit event
    'old text'", the very text the redo had just replaced."""
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        workspace = pilot.app.screen
        told = recorded_notifications(workspace)
        table = workspace.query_one(TimelineTable)
        table.select_event("ev-openssl")
        old = ui.saved().event("ev-openssl").text
        await pilot.press("e")
        await wait_for_screen(pilot, EventFormModal)
        pilot.app.screen.query_one("#text", Input).value = "Pager fired"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved().event("ev-openssl").text == old)
        assert told[-1] == f"Undid: event text → “Pager fired” (back to “{old[:59].rstrip()}…”)"
        # The palette names the redo as the notice will.
        titles = [command.title for command in palette_entries(workspace)]
        assert "Redo event text → “Pager fired”" in titles
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: ui.saved().event("ev-openssl").text == "Pager fired")
        assert told[-1] == "Redid: event text → “Pager fired”"


async def test_a_checks_count_arriving_as_the_workspace_is_taken_down_labels_nothing(
    make_ui,
) -> None:  # type: ignore[no-untyped-def]
    """CI: the background count of the checks came back while the workspace was being taken
    down at a test's end, its tab already gone, and the label's lookup raised NoMatches."""
    from textual.widgets._tabbed_content import ContentTabs

    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot)
        workspace = pilot.app.screen
        assert isinstance(workspace, WorkspaceScreen)
        await workspace.query_one(ContentTabs).query("#--content-tab-checks").remove()
        workspace._label_checks(3)  # the tabs going first, as in a take-down
