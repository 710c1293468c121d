"""Pilot tests: under `pmtui serve` the import and export dialogs stay in the database's folder.

A browser user must not read or overwrite the server's files: a path outside the folder
(absolute, "..", or a symlink inside that points out) is refused with a message saying so,
and nothing is read or written; a file inside works as before.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from pmtui.ui.modals.export_file import ExportFileModal
from pmtui.ui.modals.import_evidence import ImportEvidenceModal
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import open_sample

ALERTS = (
    Path(__file__).parent.parent
    / "importers"
    / "fixtures"
    / "alertmanager_webhook_deliveries.jsonl"
)
OUTSIDE = "outside the folder this workspace may use"


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The served folder, with evidence inside, a secret beside it and a link leading out."""
    folder = tmp_path / "team"
    (folder / ".git" / "hooks").mkdir(parents=True)
    shutil.copy(ALERTS, folder / "alerts.jsonl")
    shutil.copy(ALERTS, tmp_path / "secret.jsonl")
    (tmp_path / "secret.md").write_text("keep me\n", encoding="utf-8")
    (folder / "link.jsonl").symlink_to(tmp_path / "secret.jsonl")
    (folder / "link.md").symlink_to(tmp_path / "secret.md")
    # The server's own folder is somewhere else again: relative paths must not start there.
    monkeypatch.chdir(tmp_path)
    return folder


def _error(screen, field: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(f"#ff-{field} .field-error", Static).render())


async def _open_import(pilot) -> ImportEvidenceModal:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="timeline")
    await pilot.press("I")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ImportEvidenceModal)
    return screen


async def _try_import(pilot, screen: ImportEvidenceModal, typed: str) -> None:  # type: ignore[no-untyped-def]
    path_input = screen.query_one("#import-path", Input)
    path_input.value = typed
    path_input.focus()
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("typed", ["/etc/passwd", "../secret.jsonl", "link.jsonl", "~/x.json"])
async def test_confined_import_refuses_a_path_outside_the_folder(
    make_ui, team: Path, typed: str
) -> None:
    ui = make_ui()
    ui.app.confine_to = team
    async with ui.app.run_test(size=(100, 30)) as pilot:
        screen = await _open_import(pilot)
        await _try_import(pilot, screen, typed)
        assert OUTSIDE in _error(screen, "import-path")
        assert not screen.query_one("#import-preview-box").display


async def test_confined_import_reads_a_file_inside_the_folder(make_ui, team: Path) -> None:
    ui = make_ui()
    ui.app.confine_to = team
    async with ui.app.run_test(size=(100, 30)) as pilot:
        screen = await _open_import(pilot)
        await _try_import(pilot, screen, "alerts.jsonl")  # relative: starts in the folder
        assert "5 events" in str(screen.query_one("#import-summary", Static).render())


async def test_confined_tab_completion_lists_nothing_outside(make_ui, team: Path) -> None:
    ui = make_ui()
    ui.app.confine_to = team
    async with ui.app.run_test(size=(100, 30)) as pilot:
        screen = await _open_import(pilot)
        path_input = screen.query_one("#import-path", Input)
        for typed, completed in (("/et", "/et"), ("../sec", "../sec"), ("al", "alerts.jsonl")):
            path_input.value = typed
            path_input.cursor_position = len(typed)
            path_input.focus()
            await pilot.press("tab")
            await pilot.pause()
            assert path_input.value == completed


async def _open_export(pilot) -> ExportFileModal:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="document")
    await pilot.press("x")
    await pilot.pause()
    modal = pilot.app.screen
    assert isinstance(modal, ExportFileModal)
    return modal


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("{outside}/secret.md", OUTSIDE),
        ("../escape.md", OUTSIDE),
        ("link.md", OUTSIDE),
        (".git/hooks/post-commit", "hidden file or folder"),
    ],
)
async def test_confined_export_refuses_a_path_outside_the_folder(
    make_ui, team: Path, typed: str, message: str
) -> None:
    outside = team.parent
    ui = make_ui()
    ui.app.confine_to = team
    async with ui.app.run_test(size=(100, 30)) as pilot:
        modal = await _open_export(pilot)
        modal.query_one("#export-path", Input).value = typed.format(outside=outside)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert pilot.app.screen is modal
        assert message in _error(modal, "export-path")
    assert (outside / "secret.md").read_text(encoding="utf-8") == "keep me\n"
    assert not (outside / "escape.md").exists()
    assert not (team / ".git" / "hooks" / "post-commit").exists()


async def test_confined_export_starts_in_the_folder_and_writes_inside(make_ui, team: Path) -> None:
    ui = make_ui()
    ui.app.confine_to = team
    async with ui.app.run_test(size=(100, 30)) as pilot:
        modal = await _open_export(pilot)
        path_input = modal.query_one("#export-path", Input)
        assert Path(path_input.value).parent == team
        path_input.value = "report.md"
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
    assert (team / "report.md").read_text(encoding="utf-8").startswith("# ")
