"""Pilot tests of the workspace's lazy panes: the pane of the tab shown is composed and painted
first, the others follow once it is on screen, and every pane exists soon after for the
panes and dialogs that call on another one."""

from __future__ import annotations

import asyncio

import pytest
from textual import events
from textual.strip import Strip

from pmtui.ui.panes.base import WorkspacePane
from pmtui.ui.screens.workspace import TABS, WorkspaceScreen
from pmtui.ui.widgets.timeline_table import TimelineTable
from tests.ui.support import SAMPLE_ID, wait_until


@pytest.fixture
def order(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each pane's tab as it is mounted, and "painted" when the timeline first shows a row."""
    seen: list[str] = []

    def mounted(pane: WorkspacePane, event: events.Mount) -> None:
        seen.append(pane.TAB_ID)

    render_line = TimelineTable.render_line

    def painted(table: TimelineTable, y: int) -> Strip:
        strip = render_line(table, y)
        if "painted" not in seen and "2025-03-" in strip.text:
            seen.append("painted")
        return strip

    monkeypatch.setattr(WorkspacePane, "_on_mount", mounted, raising=False)
    monkeypatch.setattr(TimelineTable, "render_line", painted)
    return seen


async def test_a_tab_asked_for_at_once_is_painted_before_any_other_pane_is_built(
    make_ui, order: list[str]
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        pilot.app.screen.open_postmortem(SAMPLE_ID)
        # As soon as the tab bar exists, before it is mounted: F2 pressed at once.
        while not pilot.app.screen.query("#--content-tab-timeline"):
            await asyncio.sleep(0.001)
        workspace = pilot.app.screen
        assert isinstance(workspace, WorkspaceScreen)
        workspace.action_show_tab("timeline")
        await wait_until(pilot, lambda: "painted" in order)
        assert order[: order.index("painted")] == ["timeline"]
        await wait_until(pilot, lambda: len(workspace.panes()) == len(TABS))
        assert workspace.query_one("#tabs").active == "timeline"
        assert sorted(order[1:]) == sorted(
            ["painted", *(tab for tab, _ in TABS if tab != "timeline")]
        )


async def test_opening_shows_the_overview_and_builds_the_rest_after(
    make_ui, order: list[str]
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        pilot.app.screen.open_postmortem(SAMPLE_ID)
        await wait_until(pilot, lambda: bool(order))
        assert order[0] == "overview"
        workspace = pilot.app.screen
        await wait_until(pilot, lambda: len(workspace.panes()) == len(TABS))
        assert order.count("overview") == 1 and len(set(order) - {"painted"}) == len(TABS)
        # A pane composed late still follows every change.
        workspace.action_show_tab("checks")
        workspace.commit(lambda pm: workspace.service.update(pm, title="Renamed late"))
        await pilot.pause()
        for pane in workspace.panes():
            assert pane.pm is workspace.pm
