"""Pilot tests of the evidence import dialog: read, preview, deselect, import in one write."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from textual.widgets import Button, DataTable, Input, Static

from pmtui.ui.modals.import_evidence import PREVIEW_ROWS, ImportEvidenceModal
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import SharedWorkspace, open_sample, shared_workspace

FIXTURES = Path(__file__).parent.parent / "importers" / "fixtures"
ALERTS = FIXTURES / "alertmanager_webhook_deliveries.jsonl"
PAGERDUTY = FIXTURES / "pagerduty_log_entries.json"


# The tests that import nothing share one app (SHARED): the module stays in one xdist worker.
pytestmark = pytest.mark.xdist_group("import_dialog_shared_app")
SHARED = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[SharedWorkspace]:
    folder = tmp_path_factory.mktemp("import-dialog")
    async with shared_workspace(folder, (100, 30), "timeline") as workspace:
        yield workspace


async def _open_shared_dialog(shared: SharedWorkspace) -> tuple[Any, ImportEvidenceModal]:
    """The shared app's pilot and a fresh import dialog opened with I on its timeline."""
    pilot = await shared.fresh()
    return pilot, await _press_import(pilot)


async def _open_dialog(pilot) -> ImportEvidenceModal:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="timeline")
    return await _press_import(pilot)


async def _press_import(pilot) -> ImportEvidenceModal:  # type: ignore[no-untyped-def]
    await pilot.press("I")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ImportEvidenceModal)
    return screen


async def _read(pilot, path: Path | str, *, type_it: bool = False) -> None:  # type: ignore[no-untyped-def]
    if type_it:
        await pilot.press(*str(path))
    else:  # typing a long path key by key is slow; the first test does it
        path_input = pilot.app.screen.query_one("#import-path", Input)
        path_input.value = str(path)
        path_input.focus()
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _text(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector, Static).render())


def _checks(table: DataTable) -> list[str]:
    return [str(table.get_cell_at((row, 0))) for row in range(table.row_count)]


async def test_deselected_row_stays_out_and_the_rest_lands_once(make_ui) -> None:
    ui = make_ui()
    before = len(ui.saved().events)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        screen = await _open_dialog(pilot)
        await _read(pilot, ALERTS, type_it=True)
        summary = _text(screen, "#import-summary")
        assert "Alertmanager webhook bodies" in summary
        assert "5 events" in summary
        table = screen.query_one("#import-preview", DataTable)
        assert table.row_count == 5 and table.has_focus
        assert _checks(table) == ["✓"] * 5
        await pilot.press("down", "space")
        assert _checks(table)[1] == ""
        button = screen.query_one("#import-commit", Button)
        assert str(button.label) == "Import 4 events"
        await pilot.click("#import-commit")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        # The cursor lands on the earliest imported event.
        cursor = pilot.app.screen.query_one("#timeline-table").cursor_event
        assert cursor is not None and cursor.source == "alertmanager"
    saved = ui.saved()
    imported = [event for event in saved.events if event.source == "alertmanager"]
    assert len(saved.events) == before + 4
    assert len(imported) == 4
    assert all(event.original for event in imported)


async def test_importing_the_same_file_again_adds_nothing(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await _open_dialog(pilot)
        await _read(pilot, PAGERDUTY)
        await pilot.press("ctrl+s")
        await pilot.pause()
        first = len(ui.saved().events)
        await pilot.press("I")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ImportEvidenceModal)
        await _read(pilot, PAGERDUTY)
        table = screen.query_one("#import-preview", DataTable)
        assert set(_checks(table)) == {"dup"}
        assert f"{table.row_count} already in the timeline" in _text(screen, "#import-summary")
        await pilot.press("space", "a")  # duplicates cannot be selected
        assert set(_checks(table)) == {"dup"}
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
    assert len(ui.saved().events) == first


async def test_toggle_all_deselects_and_reselects(make_ui) -> None:
    ui = make_ui()
    before = len(ui.saved().events)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        screen = await _open_dialog(pilot)
        await _read(pilot, ALERTS)
        table = screen.query_one("#import-preview", DataTable)
        await pilot.press("a")
        assert _checks(table) == [""] * 5
        assert screen.query_one("#import-commit", Button).disabled
        await pilot.press("a")
        assert _checks(table) == ["✓"] * 5
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert len(ui.saved().events) == before + 5


@SHARED
async def test_binary_file_is_an_inline_error_and_nothing_is_saved(
    shared: SharedWorkspace, tmp_path
) -> None:
    junk = tmp_path / "capture.bin"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    before = shared.ui.saved()
    pilot, screen = await _open_shared_dialog(shared)
    await _read(pilot, junk)
    assert pilot.app.screen is screen
    error = _text(screen, "#ff-import-path .field-error")
    assert "binary" in error
    assert screen.query_one("#import-path", Input).value == str(junk)
    assert not screen.query_one("#import-preview-box").display
    await pilot.press("ctrl+s")  # nothing read: nothing to import
    await pilot.pause()
    assert pilot.app.screen is screen
    assert shared.ui.saved().events == before.events


@SHARED
async def test_missing_file_and_bad_timezone_are_inline_errors(shared: SharedWorkspace) -> None:
    pilot, screen = await _open_shared_dialog(shared)
    await _read(pilot, "~/no-such-evidence.json")
    assert "no file or folder" in _text(screen, "#ff-import-path .field-error")
    tz = screen.query_one("#import-tz", Input)
    assert tz.value == "Europe/Berlin"
    screen.query_one("#import-path", Input).value = str(ALERTS)
    tz.value = "Mars/Olympus"
    tz.focus()
    await pilot.press("enter")
    await pilot.pause()
    assert "not a known timezone" in _text(screen, "#ff-import-tz .field-error")
    assert not screen.query_one("#import-preview-box").display


@SHARED
async def test_a_name_too_long_for_the_disk_is_an_inline_error(
    shared: SharedWorkspace, tmp_path: Path
) -> None:
    before = shared.ui.saved()
    pilot, screen = await _open_shared_dialog(shared)
    # Looking the name up raised ENAMETOOLONG, which closed pmtui with the dialog.
    await _read(pilot, tmp_path / ("x" * 300 + ".json"))
    assert pilot.app.screen is screen
    assert "File name too long" in _text(screen, "#ff-import-path .field-error")
    assert shared.ui.saved().events == before.events


@SHARED
async def test_escape_after_reading_saves_nothing(shared: SharedWorkspace) -> None:
    before = shared.ui.saved()
    pilot, _ = await _open_shared_dialog(shared)
    await _read(pilot, ALERTS)
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, WorkspaceScreen)
    assert shared.ui.saved().events == before.events
    assert shared.ui.saved().updated_at == before.updated_at


async def test_a_big_log_shows_a_capped_preview_but_imports_every_row(make_ui, tmp_path) -> None:
    ui = make_ui()
    before = len(ui.saved().events)
    count = PREVIEW_ROWS + 100
    log = tmp_path / "big.log"
    log.write_text(
        "".join(
            f"2025-03-19T09:{minute // 60:02d}:{minute % 60:02d}Z edge-ingress line {minute}\n"
            for minute in range(count)
        )
    )
    async with ui.app.run_test(size=(100, 30)) as pilot:
        screen = await _open_dialog(pilot)
        await _read(pilot, log)
        table = screen.query_one("#import-preview", DataTable)
        assert table.row_count == PREVIEW_ROWS
        assert f"first {PREVIEW_ROWS} of {count}" in _text(screen, "#import-details")
        await pilot.press("a", "a")  # none, then all: the rows not shown included
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert len(ui.saved().events) == before + count


async def test_import_is_in_the_palette(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="timeline")
        pane = pilot.app.screen.query_one("#timeline-pane")
        titles = [command.title for command in pane.palette_commands()]
        assert "Import evidence into the timeline" in titles


async def test_import_is_greyed_out_read_only(make_ui) -> None:
    ui = make_ui(read_only_reason="Read-only: another pmtui is writing.")
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="timeline")
        pane = pilot.app.screen.query_one("#timeline-pane")
        assert pane.check_action("import_evidence", ()) is None
        command = next(c for c in pane.palette_commands() if c.title.startswith("Import"))
        command.callback()
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)


@SHARED
async def test_tab_completes_the_path_then_moves_on(shared: SharedWorkspace, monkeypatch) -> None:
    monkeypatch.chdir(FIXTURES)
    pilot, screen = await _open_shared_dialog(shared)
    path_input = screen.query_one("#import-path", Input)
    await pilot.press(*"pager", "tab")
    assert path_input.value == "pagerduty_log_entries"
    assert path_input.has_focus
    await pilot.press(*".j", "tab")
    assert path_input.value == "pagerduty_log_entries.json"
    await pilot.press("tab")  # nothing left to complete: on to the next field
    assert not path_input.has_focus
    await pilot.press("shift+tab")
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert "PagerDuty log entries" in _text(screen, "#import-summary")


@SHARED
async def test_rejected_rows_are_counted_and_listed(shared: SharedWorkspace) -> None:
    pilot, screen = await _open_shared_dialog(shared)
    await _read(pilot, FIXTURES / "app.log")
    assert "2 rejected" in _text(screen, "#import-summary")
    rejected = _text(screen, "#import-rejected")
    assert "2 rows rejected" in rejected and "line 1: no time" in rejected


@SHARED
async def test_slack_channel_field_only_for_a_slack_export(shared: SharedWorkspace) -> None:
    pilot, screen = await _open_shared_dialog(shared)
    channel = screen.query_one("#ff-import-channel")
    assert not channel.display
    await _read(pilot, FIXTURES / "slack_export")
    assert channel.display
    assert "Slack export" in _text(screen, "#import-summary")
    path_input = screen.query_one("#import-path", Input)
    path_input.value = str(ALERTS)
    await pilot.pause()
    assert not channel.display


@SHARED
async def test_a_file_of_rejected_rows_offers_nothing_to_import(
    shared: SharedWorkspace, tmp_path
) -> None:
    before = shared.ui.saved()
    notes = tmp_path / "notes.log"
    notes.write_text("2025-03-19T09:00:00Z\n2025-03-19T09:01:00Z \n")
    pilot, screen = await _open_shared_dialog(shared)
    await _read(pilot, notes)
    assert "0 events · 2 rejected" in _text(screen, "#import-summary")
    assert "line 1: nothing after the time" in _text(screen, "#import-rejected")
    assert screen.query_one("#import-commit", Button).disabled
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert pilot.app.screen is screen
    assert shared.ui.saved().events == before.events


@SHARED
async def test_empty_file_is_an_inline_error(shared: SharedWorkspace, tmp_path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    pilot, screen = await _open_shared_dialog(shared)
    await _read(pilot, empty)
    assert "empty" in _text(screen, "#ff-import-path .field-error")
    assert pilot.app.screen is screen


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_preview_snapshot(snap_compare, make_ui, monkeypatch, size: tuple[int, int]) -> None:
    # A relative path typed from the fixtures folder: the picture holds no machine's path.
    monkeypatch.chdir(FIXTURES)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_dialog(pilot)
        await _read(pilot, ALERTS.name)
        await pilot.press("down", "space")
        await pilot.pause(0.3)

    assert snap_compare(make_ui().app, terminal_size=size, run_before=run_before)


@SHARED
async def test_the_import_notes_reach_the_dialog(shared: SharedWorkspace) -> None:
    evidence = Path(__file__).parent.parent / "data" / "evidence"
    pilot, screen = await _open_shared_dialog(shared)
    await _read(pilot, evidence / "alertmanager_webhook_deliveries.jsonl")
    details = _text(screen, "#import-details")
    assert '"Firing: DiskWillFillIn4Days' in details
    assert "already firing 21d 4h 48m before the rest of this evidence" in details


@SHARED
async def test_log_lines_with_markup_brackets_are_previewed_as_written(
    shared: SharedWorkspace, tmp_path
) -> None:
    log = tmp_path / "edge.log"
    log.write_text(
        "no time [/] here\n2025-03-19T09:00:00Z edge [/] 502 on [bold]checkout[/bold]\n",
        encoding="utf-8",
    )
    pilot, screen = await _open_shared_dialog(shared)
    await _read(pilot, log)
    table = screen.query_one(DataTable)
    assert table.row_count == 1
    assert "edge [/] 502 on [bold]checkout[/bold]" in [str(cell) for cell in table.get_row_at(0)]
    assert "line 1: no time" in _text(screen, "#import-rejected")
