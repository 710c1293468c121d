"""Snapshot tests of every screen and pane at 80x24 (the shared-screen minimum) and 160x45,
with a fixed clock and a database at a fixed path so nothing in the picture moves."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pmtui.ui.app import PmtuiApp
from tests.ui.support import SAMPLE_ID, UI

#: The home screen shows the database path, so the snapshots need one that never changes.
SNAPSHOT_FOLDER = Path("/tmp/pmtui-snapshots")
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]
TABS = ["overview", "timeline", "whys", "actions", "document"]


@pytest.fixture
def snapshot_ui(make_ui, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., UI]]:
    shutil.rmtree(SNAPSHOT_FOLDER, ignore_errors=True)
    SNAPSHOT_FOLDER.mkdir(parents=True)
    monkeypatch.setattr(
        "tests.ui.support.database_path", lambda _tmp: SNAPSHOT_FOLDER / "postmortems.json"
    )
    yield make_ui
    shutil.rmtree(SNAPSHOT_FOLDER, ignore_errors=True)


def open_tab(tab: str) -> Callable:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        pilot.app.screen.open_postmortem(SAMPLE_ID)
        await pilot.pause()
        pilot.app.screen.action_show_tab(tab)
        # Long enough for the document preview's debounce and the first Markdown render.
        await pilot.pause(0.8)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, snapshot_ui, size: tuple[int, int]) -> None:
    app: PmtuiApp = snapshot_ui().app
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("tab", TABS)
@pytest.mark.parametrize("size", SIZES)
def test_workspace_pane(snap_compare, snapshot_ui, size: tuple[int, int], tab: str) -> None:
    assert snap_compare(snapshot_ui().app, terminal_size=size, run_before=open_tab(tab))


def test_home_in_a_light_theme(snap_compare, snapshot_ui) -> None:
    app = snapshot_ui().app

    async def light(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.theme = "textual-light"
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=light)


def test_timeline_in_a_light_theme(snap_compare, snapshot_ui) -> None:
    app = snapshot_ui().app
    opened = open_tab("timeline")

    async def light(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.theme = "textual-light"
        await opened(pilot)

    assert snap_compare(app, terminal_size=(160, 45), run_before=light)
