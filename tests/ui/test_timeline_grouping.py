"""Pilot and snapshot tests of a timeline holding moments several sources saw: one row per
moment, its sources named, s splits it into one row per record and ctrl+z joins them again."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from pmtui.importers import read_evidence
from pmtui.model.postmortem import PostMortem
from pmtui.ui.modals.import_evidence import JOINS
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.widgets.timeline_table import TimelineTable
from tests.ui.support import UI, recorded_notifications, wait_until

EVIDENCE = Path(__file__).resolve().parents[1] / "data" / "evidence"
SOURCES = ("pagerduty_log_entries.json", "slack_export", "alertmanager_webhook_deliveries.jsonl")
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]


def grouped(ui: UI) -> PostMortem:
    service = ui.service
    pm = service.create("Login errors", timezone="UTC", incident_date="2025-03-11")
    for name in SOURCES:
        pm = service.import_evidence(pm, read_evidence(EVIDENCE / name, tz="UTC").events).pm
    return pm


def page_id(pm: PostMortem) -> str:
    return next(e.id for e in pm.events if len(e.seen_in) > 1 and "AuthErrorRate" in e.text)


async def open_timeline(pilot, pm: PostMortem, select: str) -> TimelineTable:  # type: ignore[no-untyped-def]
    await pilot.pause()
    pilot.app.screen.open_postmortem(pm.id)
    await wait_until(pilot, lambda: getattr(pilot.app.screen, "panes_ready", False))
    pilot.app.screen.action_show_tab("timeline")
    await pilot.pause()
    table = pilot.app.screen.query_one(TimelineTable)
    table.select_event(select)
    table.focus()
    await pilot.pause()
    return table


def detail(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one("#timeline-detail").render())


async def test_a_moment_is_one_row_naming_its_sources_and_s_splits_it(make_ui) -> None:
    ui = make_ui(with_sample=False)
    pm = grouped(ui)
    row = pm.event(page_id(pm))
    async with ui.app.run_test(size=(100, 30)) as pilot:
        table = await open_timeline(pilot, pm, row.id)
        assert len(table.events) == len(pm.events)
        assert "seen in Alertmanager, PagerDuty, Slack (s splits)" in detail(pilot)
        line = "".join(s.text for s in table.render_line(table.cursor_index + 1))
        assert "×3 sources" in line and "Firing: AuthErrorRateHigh" in line
        notes = recorded_notifications(pilot.app.screen.query_one(TimelinePane))
        await pilot.press("s")
        await wait_until(pilot, lambda: len(ui.saved(pm.id).events) == len(pm.events) + 3)
        saved = ui.saved(pm.id)
        assert not any(e.seen_in for e in saved.events if e.at <= row.seen_in[-1].at)
        assert {(r.at, r.source) for r in row.seen_in} <= {(e.at, e.source) for e in saved.events}
        assert table.cursor_event is not None and table.cursor_event.id == row.id
        assert any("Split into 4 events" in note for note in notes)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved(pm.id).events == pm.events)
        assert "seen in Alertmanager, PagerDuty, Slack" in detail(pilot)


async def test_s_on_an_event_seen_once_changes_nothing(make_ui) -> None:
    ui = make_ui(with_sample=False)
    pm = grouped(ui)
    single = next(e for e in pm.events if not e.seen_in)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_timeline(pilot, pm, single.id)
        assert "source: " in detail(pilot)
        await pilot.press("s")
        await pilot.pause()
    assert ui.saved(pm.id).events == pm.events


async def test_the_import_dialog_marks_records_that_join_another_sources_row(make_ui) -> None:
    ui = make_ui(with_sample=False)
    service = ui.service
    pm = service.create("Login errors", timezone="UTC", incident_date="2025-03-11")
    for name in SOURCES[:2]:
        pm = service.import_evidence(pm, read_evidence(EVIDENCE / name, tz="UTC").events).pm
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_timeline(pilot, pm, pm.events[0].id)
        await pilot.press("I")
        await pilot.pause()
        dialog = pilot.app.screen
        path = dialog.query_one("#import-path", Input)
        path.value = str(EVIDENCE / SOURCES[2])
        path.focus()
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        summary = str(dialog.query_one("#import-summary", Static).render())
        assert "4 seen by another source too" in summary
        table = dialog.query_one("#import-preview", DataTable)
        texts = [str(table.get_cell_at((row, 4))) for row in range(table.row_count)]
        assert [text.startswith(JOINS) for text in texts] == [False, True, True, True, True]
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(ui.saved(pm.id).events) == len(pm.events) + 1)
    rows = ui.saved(pm.id).events
    assert sum(len(e.seen_in) for e in rows) == 7  # the page's 4 records, the clearing's 3


@pytest.mark.parametrize("size", SIZES)
def test_grouped_timeline_snapshot(snap_compare, make_ui, size: tuple[int, int]) -> None:
    ui = make_ui(with_sample=False)
    pm = grouped(ui)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_timeline(pilot, pm, page_id(pm))

    assert snap_compare(ui.app, terminal_size=size, run_before=run_before)
