"""Pilot tests of the traps a facilitator met in a live mock review (issue 12): each presses
the keys a user would and checks the screen, and the saved file where something is saved."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Input, Select, TabbedContent, Tabs

from pmtui.ui.screens.home import HomeScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
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


# Letter keys type in a form; escape never leaves the post-mortem ---------------------------


async def test_letters_typed_on_a_form_control_never_open_meeting_mode(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot)
        pilot.app.screen.query_one(Tabs).focus()
        await pilot.press("tab", "tab", "tab")  # title, severity, status: a drop-down
        assert isinstance(pilot.app.focused, Select)
        await pilot.press(*"mark r2")
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert pilot.app.screen.query_one(TabbedContent).active == "overview"
        # Typing may open the list to search it; escape closes it first.
        if pilot.app.screen.query_one("#field-status", Select).expanded:
            await pilot.press("escape")
        await pilot.press("escape")  # out of the form: now the keys are commands again
        assert isinstance(pilot.app.focused, Tabs)
        await pilot.press("2")
        assert pilot.app.screen.query_one(TabbedContent).active == "timeline"


async def test_escape_never_leaves_the_post_mortem_and_ctrl_l_does(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot)
        pilot.app.screen.query_one("#field-owner", Input).focus()
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert isinstance(pilot.app.focused, Tabs)
        assert "ctrl+l goes back to the list" in " ".join(
            str(n.message) for n in pilot.app._notifications
        ).replace("^l", "ctrl+l")
        footer = " ".join(str(key.render()) for key in pilot.app.screen.query("FooterKey"))
        assert "Home" in footer
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
