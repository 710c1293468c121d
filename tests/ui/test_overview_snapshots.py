"""Snapshot tests of the Actions and Insights screens at 80x24 and 160x45, with the fixed
clock (as in test_snapshots.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.ui.support import UI
from tests.ui.test_actions_overview import seed_outage

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]


@pytest.fixture
def snapshot_ui(make_ui: Callable[..., UI]) -> Callable[..., UI]:
    def build() -> UI:
        ui = make_ui()
        seed_outage(ui)
        return ui

    return build


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
