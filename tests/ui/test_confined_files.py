"""Pilot tests: under `pmtui serve` the import and export dialogs stay in the database's folder.

A browser user must not read or overwrite the server's files: a path outside the folder
(absolute, "..", or a symlink inside that points out) is refused with a message saying so,
and nothing is read or written; a file inside works as before.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from textual.widgets import Input, Static

from pmtui.ui.modals.export_file import ExportFileModal
from pmtui.ui.modals.import_evidence import ImportEvidenceModal
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import (
    SharedWorkspace,
    open_sample,
    pane_of,
    shared_workspace,
    wait_for_screen,
)

ALERTS = (
    Path(__file__).parent.parent
    / "importers"
    / "fixtures"
    / "alertmanager_webhook_deliveries.jsonl"
)
OUTSIDE = "outside the folder this workspace may use"

# The tests that are refused (or only read) share one confined app (SHARED): one xdist worker.
pytestmark = pytest.mark.xdist_group("confined_files_shared_app")
SHARED = pytest.mark.asyncio(loop_scope="module")


def served_folder(root: Path) -> Path:
    """The served folder, with evidence inside, a secret beside it and a link leading out."""
    folder = root / "team"
    (folder / ".git" / "hooks").mkdir(parents=True)
    shutil.copy(ALERTS, folder / "alerts.jsonl")
    shutil.copy(ALERTS, root / "secret.jsonl")
    (root / "secret.md").write_text("keep me\n", encoding="utf-8")
    (folder / "link.jsonl").symlink_to(root / "secret.jsonl")
    (folder / "link.md").symlink_to(root / "secret.md")
    return folder


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # The server's own folder is somewhere else again: relative paths must not start there.
    monkeypatch.chdir(tmp_path)
    return served_folder(tmp_path)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[SharedWorkspace]:
    """The sample opened on the timeline, confined to a served folder (its own, for this
    module): for the tests where nothing is written."""
    root = tmp_path_factory.mktemp("confined")
    async with shared_workspace(root, (100, 30), "timeline") as workspace:
        workspace.ui.app.confine_to = served_folder(root)
        yield workspace


@pytest.fixture
def shared_team(shared: SharedWorkspace, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shared app's served folder, with the working folder beside it (as `team`)."""
    folder = shared.ui.app.confine_to
    assert folder is not None
    monkeypatch.chdir(folder.parent)
    return folder


def _error(screen, field: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(f"#ff-{field} .field-error", Static).render())


async def _open_import(shared: SharedWorkspace) -> tuple[Any, ImportEvidenceModal]:
    pilot = await shared.fresh()
    await pilot.press("I")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ImportEvidenceModal)
    return pilot, screen


async def _try_import(pilot, screen: ImportEvidenceModal, typed: str) -> None:  # type: ignore[no-untyped-def]
    path_input = screen.query_one("#import-path", Input)
    path_input.value = typed
    path_input.focus()
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@SHARED
@pytest.mark.parametrize("typed", ["/etc/passwd", "../secret.jsonl", "link.jsonl", "~/x.json"])
async def test_confined_import_refuses_a_path_outside_the_folder(
    shared: SharedWorkspace, shared_team: Path, typed: str
) -> None:
    pilot, screen = await _open_import(shared)
    await _try_import(pilot, screen, typed)
    assert OUTSIDE in _error(screen, "import-path")
    assert not screen.query_one("#import-preview-box").display


@SHARED
async def test_confined_import_reads_a_file_inside_the_folder(
    shared: SharedWorkspace, shared_team: Path
) -> None:
    pilot, screen = await _open_import(shared)
    await _try_import(pilot, screen, "alerts.jsonl")  # relative: starts in the folder
    assert "5 events" in str(screen.query_one("#import-summary", Static).render())


@SHARED
async def test_confined_tab_completion_lists_nothing_outside(
    shared: SharedWorkspace, shared_team: Path
) -> None:
    pilot, screen = await _open_import(shared)
    path_input = screen.query_one("#import-path", Input)
    for typed, completed in (("/et", "/et"), ("../sec", "../sec"), ("al", "alerts.jsonl")):
        path_input.value = typed
        path_input.cursor_position = len(typed)
        path_input.focus()
        await pilot.press("tab")
        await pilot.pause()
        assert path_input.value == completed


async def _open_export(pilot) -> ExportFileModal:  # type: ignore[no-untyped-def]
    if isinstance(pilot.app.screen, WorkspaceScreen):  # the shared app
        pilot.app.screen.action_show_tab("document")
        await pane_of(pilot, "document")  # built when first shown
    else:
        await open_sample(pilot, tab="document")
    await pilot.press("x")
    await wait_for_screen(pilot, ExportFileModal)
    modal = pilot.app.screen
    assert isinstance(modal, ExportFileModal)
    return modal


@SHARED
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
    shared: SharedWorkspace, shared_team: Path, typed: str, message: str
) -> None:
    team = shared_team
    outside = team.parent
    pilot = await shared.fresh()
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
