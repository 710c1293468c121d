"""Pilot tests of the traps a facilitator met in a live mock review (issue 12): each presses
the keys a user would and checks the screen, and the saved file where something is saved."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Input

from pmtui.ui.widgets.status_bar import MetricsLine
from pmtui.ui.widgets.timeline_table import TimelineTable
from tests.ui.support import open_sample

SIZE = (100, 30)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def hint_of(pilot, field_id: str) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one(f"#{field_id} .field-hint").render())


# Quick add: the line says which day it will use -------------------------------------------


async def test_quick_add_shows_the_exact_day_and_keeps_an_evening_time_on_the_events_day(
    make_ui,
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("colon", *"2025-03-20 02:00 note Night shift hands over", "enter")
        await pilot.pause()
        await pilot.press(*"18:14 mitigated Failover done")
        assert hint_of(pilot, "ff-quick-add") == "→ Thu 2025-03-20 18:14 CET"
        await pilot.press("enter")
        await pilot.pause()
        added = pilot.app.screen.query_one(TimelineTable).cursor_event
        assert added is not None and added.text == "Failover done"
        assert hint_of(pilot, "ff-quick-add") == ""
    assert ui.saved().event(added.id).at == utc(2025, 3, 20, 17, 14)


async def test_a_negative_metric_carries_a_marker_and_names_the_milestones(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("colon", *"2025-03-18 10:00 mitigated Too early", "enter")
        await pilot.pause()
        metrics = pilot.app.screen.query_one(MetricsLine)
        assert "TTM ⚠-" in str(metrics.render())
        tooltip = str(metrics.tooltip)
        assert "TTM is negative: 'mitigated' (2025-03-18 10:00) is before 'start'" in tooltip
        assert pilot.app.screen.query_one("#quick-add", Input).value == ""
