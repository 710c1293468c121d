"""Pilot tests of the drop-down and field traps a new-user mock meeting met at 80x24
(issue 12): each presses the keys a user would and checks the screen and the saved file."""

from __future__ import annotations

from textual.app import App

from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import SAMPLE_ID, UI, open_sample, wait_until

MOCK = (80, 24)


def screen_lines(app: App) -> list[str]:  # type: ignore[type-arg]
    """The screen's lines as drawn."""
    return [
        "".join(segment.text for segment in strip)
        for strip in app.screen._compositor.render_strips()
    ]


def stretch_to_days(ui: UI) -> None:
    """Mitigated two days and resolved three days after the start: multi-day TTM and TTR."""
    pm = ui.service.get(SAMPLE_ID)
    for event in pm.events:
        if event.kind == "mitigated":
            pm = ui.service.edit_event(pm, event.id, at="2025-03-21 10:02")
        elif event.kind == "resolved":
            pm = ui.service.edit_event(pm, event.id, at="2025-03-22 11:05")


# The status bar: the save state is always whole ------------------------------------------


async def test_at_80_columns_multi_day_metrics_give_way_to_the_whole_save_state(make_ui) -> None:
    ui = make_ui()
    stretch_to_days(ui)
    async with ui.app.run_test(size=MOCK) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        assert isinstance(workspace, WorkspaceScreen)
        bar = screen_lines(pilot.app)[0]
        assert bar.rstrip().endswith("✓ Saved"), bar
        assert "TTD 22m" in bar  # the metrics line gave way at its end, not its start
        workspace.save_state = type(workspace.save_state)("pending")
        await wait_until(pilot, lambda: "Unsaved" in screen_lines(pilot.app)[0])
        bar = screen_lines(pilot.app)[0]
        assert bar.rstrip().endswith("● Unsaved"), bar
        assert "TTD 22m" in bar
