"""Pilot tests: the Actions screen and the Actions pane say when an action item was last
synced from a tracker and from which one; an item never synced says nothing of it."""

from __future__ import annotations

from pmtui.ui.panes.action_table import ActionTable
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.screens.actions_overview import ActionsOverviewScreen, OverviewActionTable
from tests.ui.support import SAMPLE_ID, UI, open_sample, wait_until

SYNCED = "synced from Jira 2025-03-20 09:30 UTC"


def synced_ui(make_ui) -> UI:  # type: ignore[no-untyped-def]
    ui = make_ui()
    pm = ui.service.get(SAMPLE_ID)
    ui.service.sync_actions(
        pm, {"act-edge-probe": {"status": "wont-do", "tracker": "OPS-1425"}}, source="jira"
    )
    return ui


async def move_to(pilot, table, key: str) -> None:  # type: ignore[no-untyped-def]
    table.focus()
    table.move_cursor(row=table.get_row_index(key))
    await pilot.pause()


async def test_the_actions_screen_shows_the_last_sync(make_ui) -> None:
    ui = synced_ui(make_ui)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ActionsOverviewScreen))
        table = pilot.app.screen.query_one(OverviewActionTable)
        detail = pilot.app.screen.query_one("#followup-detail")
        await move_to(pilot, table, f"{SAMPLE_ID}/act-edge-probe")
        assert SYNCED in str(detail.render())
        await move_to(pilot, table, f"{SAMPLE_ID}/act-breakglass")
        assert "synced" not in str(detail.render())


async def test_the_actions_pane_shows_the_last_sync(make_ui) -> None:
    ui = synced_ui(make_ui)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="actions")
        pane = pilot.app.screen.query_one(ActionsPane)
        table = pane.query_one(ActionTable)
        detail = pane.query_one("#action-detail")
        await move_to(pilot, table, "act-edge-probe")
        assert SYNCED in str(detail.render())
        await move_to(pilot, table, "act-renewal-alert")
        assert "synced" not in str(detail.render())
