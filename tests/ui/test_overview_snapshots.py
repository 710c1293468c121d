"""Snapshot tests of the Actions and Insights screens at 80x24 and 160x45, with the fixed
clock and a database at a fixed path (as in test_snapshots.py)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.ui.support import UI
from tests.ui.test_actions_overview import seed_outage

SNAPSHOT_FOLDER = Path("/tmp/pmtui-snapshots-overview")
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]


@pytest.fixture
def snapshot_ui(make_ui, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., UI]]:
    shutil.rmtree(SNAPSHOT_FOLDER, ignore_errors=True)
    SNAPSHOT_FOLDER.mkdir(parents=True)
    monkeypatch.setattr(
        "tests.ui.support.database_path", lambda _tmp: SNAPSHOT_FOLDER / "postmortems.json"
    )

    def build() -> UI:
        ui = make_ui()
        seed_outage(ui)
        return ui

    yield build
    shutil.rmtree(SNAPSHOT_FOLDER, ignore_errors=True)


def press(*keys: str) -> Callable:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause(0.3)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_actions_screen(snap_compare, snapshot_ui, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_ui().app, terminal_size=size, run_before=press("A"))


@pytest.mark.parametrize("size", SIZES)
def test_actions_screen_overdue(snap_compare, snapshot_ui, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_ui().app, terminal_size=size, run_before=press("A", "v"))


@pytest.mark.parametrize("size", SIZES)
def test_insights_screen(snap_compare, snapshot_ui, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_ui().app, terminal_size=size, run_before=press("I"))
