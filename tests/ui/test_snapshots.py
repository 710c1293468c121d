"""Snapshot tests of every screen and pane at 80x24 (the shared-screen minimum) and 160x45,
with a fixed clock; the home screen names its database as SNAPSHOT_DATABASE (see
tests/ui/support.py) so nothing in the picture moves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pmtui.ui.app import PmtuiApp
from tests.ui.support import (
    SAMPLE_ID,
    nothing_pending,
    show_snapshot_database,
    wait_until,
    workspace_settled,
)

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]
TABS = ["overview", "timeline", "whys", "actions", "document"]


def open_tab(tab: str) -> Callable:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        pilot.app.screen.open_postmortem(SAMPLE_ID)
        await pilot.pause()
        # Every pane composed first, as a user switching tabs finds them (see WorkspaceScreen).
        await wait_until(pilot, lambda: pilot.app.screen.panes_ready)
        pilot.app.screen.action_show_tab(tab)
        # The document preview's debounce and first render, and the checks' count on their tab.
        await wait_until(pilot, lambda: workspace_settled(pilot.app.screen))
        # And what the pane queued for after a refresh (the Overview's focus lands so): Pilot's
        # idle test reads a process starved of CPU on a loaded machine as idle, and a picture
        # was once taken before the focus had landed.
        await wait_until(pilot, lambda: nothing_pending(pilot.app))

    return run_before


def test_each_snapshot_test_has_its_own_database(snapshot_ui, tmp_path: Path) -> None:
    # A fixed folder shared by every run let two runs at once delete each other's files.
    assert snapshot_ui().path.is_relative_to(tmp_path)


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, snapshot_ui, size: tuple[int, int]) -> None:
    app: PmtuiApp = snapshot_ui().app
    assert snap_compare(app, terminal_size=size, run_before=show_snapshot_database)


@pytest.mark.parametrize("tab", TABS)
@pytest.mark.parametrize("size", SIZES)
def test_workspace_pane(snap_compare, snapshot_ui, size: tuple[int, int], tab: str) -> None:
    assert snap_compare(snapshot_ui().app, terminal_size=size, run_before=open_tab(tab))


def test_home_in_a_light_theme(snap_compare, snapshot_ui) -> None:
    app = snapshot_ui().app

    async def light(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.theme = "textual-light"
        await show_snapshot_database(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=light)


def test_timeline_in_a_light_theme(snap_compare, snapshot_ui) -> None:
    app = snapshot_ui().app
    opened = open_tab("timeline")

    async def light(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.theme = "textual-light"
        await opened(pilot)

    assert snap_compare(app, terminal_size=(160, 45), run_before=light)
