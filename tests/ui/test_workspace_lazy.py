"""Pilot tests of the workspace's lazy panes: opening builds only the pane of the tab in
front, each other pane is built when its tab is first shown, and the tab bar, the palette and
F1 still say what every tab holds."""

from __future__ import annotations

import asyncio

import pytest
from textual import events
from textual.command import CommandList, CommandPalette
from textual.strip import Strip
from textual.widgets import DataTable, TabbedContent, Tabs

from pmtui.store import PostMortemStore
from pmtui.ui.modals.help import HelpScreen
from pmtui.ui.panes.base import WorkspacePane
from pmtui.ui.screens.workspace import TABS, WorkspaceScreen
from pmtui.ui.widgets.timeline_table import TimelineTable
from tests.ui.support import (
    SAMPLE_ID,
    UI,
    build_ui,
    open_sample,
    wait_for_palette_hit,
    wait_for_screen,
    wait_until,
    workspace_settled,
)


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


async def test_a_tab_asked_for_at_once_is_the_only_pane_built(make_ui, order: list[str]) -> None:
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
        await wait_until(pilot, lambda: "painted" in order and workspace_settled(workspace))
        assert workspace.query_one("#tabs").active == "timeline"
        checks = workspace.query_one(TabbedContent).get_tab("checks")
        assert str(checks.label) == "Checks"  # the sample has nothing to fix
        # The Checks tab counts what is open without its pane: the screen asks the service.
        workspace.commit(lambda pm: ui.service.update(pm, impact="Dana forgot the renewal."))
        await wait_until(pilot, lambda: workspace_settled(workspace))
        readiness = ui.service.readiness(workspace.pm)
        assert str(checks.label) == f"Checks {len(readiness.to_fix)}" != "Checks"
        assert order == ["timeline", "painted"]
        assert [pane.TAB_ID for pane in workspace.panes()] == ["timeline"]


async def test_opening_builds_the_overview_alone_and_each_tab_when_first_shown(
    make_ui, order: list[str]
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        pilot.app.screen.open_postmortem(SAMPLE_ID)
        workspace = pilot.app.screen
        assert isinstance(workspace, WorkspaceScreen)
        await wait_until(pilot, lambda: workspace_settled(workspace))
        for _ in range(3):
            await pilot.pause()  # nothing else is built a few refreshes later either
        assert order == ["overview"]
        # About 300 widgets when every pane was built at opening.
        assert len(list(workspace.walk_children())) < 200
        await pilot.press("f3")
        await wait_until(pilot, lambda: workspace.panes_ready and "painted" in order)
        assert order == ["overview", "timeline", "painted"]
        # A pane composed late still follows every change, and so does the Checks count.
        workspace.commit(lambda pm: workspace.service.update(pm, title="Renamed late"))
        await wait_until(pilot, lambda: workspace_settled(workspace))
        for pane in workspace.panes():
            assert pane.pm is workspace.pm
        await pilot.press("f7")
        await wait_until(pilot, lambda: workspace.panes_ready)
        assert order == ["overview", "timeline", "painted", "checks"]
        assert all(pane.pm is workspace.pm for pane in workspace.panes())


async def test_the_palette_and_help_list_the_keys_of_tabs_never_shown(make_ui) -> None:
    # Panes are built when first shown, but ctrl+p and F1 offer every tab's commands.
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot)
        workspace = pilot.app.screen
        assert isinstance(workspace, WorkspaceScreen)
        assert [pane.TAB_ID for pane in workspace.panes()] == ["overview"]
        await pilot.press("f1")
        await wait_for_screen(pilot, HelpScreen)
        table = pilot.app.screen.query_one("#help-keys", DataTable)
        await wait_until(pilot, lambda: table.row_count > 0)
        areas = {str(table.get_row_at(row)[0]) for row in range(table.row_count)}
        assert {"Timeline", "Whys", "Actions", "Document", "Checks"} <= areas
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
        await pilot.press("ctrl+p")
        await pilot.press(*"add timeline event")
        await wait_for_palette_hit(pilot, "add timeline event")
        await pilot.press("enter")
        await wait_until(pilot, lambda: workspace.query_one(TabbedContent).active == "timeline")


async def _help_rows(pilot) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """Every row F1 lists on the workspace, as text."""
    await pilot.press("f1")
    await wait_for_screen(pilot, HelpScreen)
    table = pilot.app.screen.query_one("#help-keys", DataTable)
    await wait_until(pilot, lambda: table.row_count > 0)
    rows = [tuple(map(str, table.get_row_at(row))) for row in range(table.row_count)]
    await pilot.press("escape")
    await wait_for_screen(pilot, WorkspaceScreen)
    return rows


async def _palette_titles(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    """Every command ctrl+p offers before anything is typed."""
    await pilot.press("ctrl+p")
    await wait_for_screen(pilot, CommandPalette)
    palette = pilot.app.screen

    def listed() -> bool:
        running = [w for w in pilot.app.workers if w.node is palette and not w.is_finished]
        return not running and palette.query_one(CommandList).option_count > 0

    await wait_until(pilot, listed)
    hits = palette.query_one(CommandList)
    titles = [str(hits.get_option_at_index(index).prompt) for index in range(hits.option_count)]
    await pilot.press("escape")
    await wait_for_screen(pilot, WorkspaceScreen)
    return titles


async def _keys_offered(ui: UI, tabs_shown: str) -> tuple[list[tuple[str, ...]], list[str]]:
    """F1's rows and the palette's commands on the sample's Overview, after the user has
    pressed `tabs_shown` (function keys, ending on F2: back to the Overview)."""
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot)
        workspace = pilot.app.screen
        for key in tabs_shown.split():
            await pilot.press(key)
            await wait_until(pilot, lambda: workspace.panes_ready)
        await wait_until(pilot, lambda: workspace_settled(workspace))
        workspace.query_one(Tabs).focus()  # the same keys apply from the same focus
        await pilot.pause()
        built = [pane.TAB_ID for pane in workspace.panes()]
        assert len(built) == (1 if not tabs_shown else len(TABS))
        return await _help_rows(pilot), await _palette_titles(pilot)


async def test_f1_and_the_palette_list_the_same_as_when_every_tab_was_shown(tmp_path) -> None:
    # Lazy panes must not shorten what a user who knows no key can find.
    stores: list[PostMortemStore] = []
    try:
        fresh_rows, fresh_titles = await _keys_offered(build_ui(tmp_path / "a", stores), "")
        shown = build_ui(tmp_path / "b", stores)
        shown_rows, shown_titles = await _keys_offered(shown, "f3 f4 f5 f6 f7 f2")
    finally:
        for store in stores:
            store.close()
    assert fresh_rows == shown_rows
    assert fresh_titles == shown_titles
    assert any(title.startswith("Checks: ") for title in fresh_titles)
