"""Pilot tests of traps the fourteenth new-user mock meeting found (issue 12, Rogers 2022-07-08/09)
in the evidence import, the Timeline's empty header, the quick-add hint and the notice for a
sentence typed on the table. Each test checks the screen and, where something is saved, what
reached the file."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from textual.widgets import DataTable, Input, Static

from pmtui.model.times import zone_label
from pmtui.ui.modals.import_evidence import ImportEvidenceModal
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.timeline_table import TimelineTable
from tests.ui.support import (
    open_sample,
    recorded_notifications,
    wait_for_screen,
    wait_until,
)
from tests.ui.test_key_order import burst, typed

SIZE = (80, 24)

ROUTER_LOG = (
    "2025-03-19 04:43:10 core-rtr-01 BGP routes exceeded threshold\n"
    "2025-03-19 04:44:10 noc paged\n"
    "this line has no time at all\n"
    "2025-03-19 04:50:00 rollback started\n"
    "    on core-rtr-01 and core-rtr-02\n"
)

MERCHANTS_CSV = (
    "time,event,kind\n"
    "2025-03-19 04:43,Rogers core router pushed a BGP update that withdrew routes for "
    "Rogers-connected merchants across Canada,start\n"
    "2025-03-19 04:50,Interac debit payments failing at Rogers-connected merchants,detected\n"
    "yesterday,bad row,note\n"
    "2025-03-19 05:10,NOC paged the network team,notified\n"
)


def _text(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def _read_in_dialog(pilot: Any, path: Path) -> ImportEvidenceModal:
    """On the Timeline, I, the path typed, enter: the dialog with its preview read."""
    await pilot.press("I")
    await wait_for_screen(pilot, ImportEvidenceModal)
    dialog = pilot.app.screen
    path_input = dialog.query_one("#import-path", Input)
    path_input.value = str(path)
    path_input.focus()
    await pilot.press("enter")
    await wait_until(pilot, lambda: dialog.query_one("#import-preview-box").display)
    return dialog


async def test_a_log_line_without_a_time_mid_file_is_listed_as_rejected_and_told(
    make_ui, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: the untimed line after "noc paged" was joined to that event's stored
    original, visible nowhere; the preview said 3 events and nothing rejected."""
    log = tmp_path / "router.log"
    log.write_text(ROUTER_LOG, encoding="utf-8")
    ui = make_ui()
    before = len(ui.saved().events)
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        dialog = await _read_in_dialog(pilot, log)
        assert "3 events · 1 rejected" in _text(dialog, "#import-summary")
        assert "line 3: no time at the start of the line" in _text(dialog, "#import-rejected")
        # The indented line is kept with its event, and said to be.
        assert "1 line joined to the line above" in _text(dialog, "#import-details")
        table = dialog.query_one(DataTable)
        assert "rollback started / on" in str(table.get_cell_at((2, 4)))
        told = recorded_notifications(pilot.app)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
        await wait_until(pilot, lambda: any("Added 3 events" in said for said in told))
        assert "1 row rejected" in next(said for said in told if "Added 3 events" in said)
    saved = ui.saved().events
    assert len(saved) == before + 3
    texts = {event.text: event.original for event in saved if event.source == "log"}
    assert texts["noc paged"] == "2025-03-19 04:44:10 noc paged"
    assert texts["rollback started / on core-rtr-01 and core-rtr-02"].endswith(
        "\n    on core-rtr-01 and core-rtr-02"
    )


async def test_the_import_notice_names_the_rejected_csv_row(make_ui, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: the preview said "1 rejected", the notice only "Added 3 events,
    skipped 0 duplicates."; the preview is gone by then."""
    sheet = tmp_path / "merchants.csv"
    sheet.write_text(MERCHANTS_CSV, encoding="utf-8")
    ui = make_ui()
    before = len(ui.saved().events)
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        dialog = await _read_in_dialog(pilot, sheet)
        assert "1 rejected" in _text(dialog, "#import-summary")
        told = recorded_notifications(pilot.app)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
        await wait_until(pilot, lambda: any("Added 3 events" in said for said in told))
        said = next(said for said in told if "Added 3 events" in said)
        assert said == "Added 3 events, skipped 0 duplicates, 1 row rejected (not imported)."
    assert len(ui.saved().events) == before + 3


async def test_the_csv_preview_cuts_long_text_with_an_ellipsis_and_has_no_stray_bar(
    make_ui, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: at 80x24 the text ran off the right edge cut mid-word ("…Rogers-
    connected merch") and a horizontal scrollbar's thumb showed as a lone "▎"."""
    sheet = tmp_path / "merchants.csv"
    sheet.write_text(MERCHANTS_CSV, encoding="utf-8")
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        dialog = await _read_in_dialog(pilot, sheet)
        table = dialog.query_one(DataTable)
        await wait_until(pilot, lambda: table.size.width > 0)
        first = str(table.get_cell_at((0, 4)))
        assert first.startswith("Rogers core router") and first.endswith("…")
        assert str(table.get_cell_at((2, 4))).startswith("NOC paged")
        # Every column fits: nothing to scroll sideways, so no horizontal scrollbar.
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert not table.show_horizontal_scrollbar
        assert "▎" not in "".join(
            str(line.text) for line in table.render_lines(table.region.reset_offset)
        )


async def test_the_empty_timelines_header_names_the_incidents_zone_abbreviation(
    make_ui,
) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: a July incident in America/Toronto, no events yet, showed "When
    (EST)" (today's abbreviation) and "EDT" only after the first event."""
    toronto = ZoneInfo("America/Toronto")
    # The day whose abbreviation differs from today's, whatever the season the test runs in.
    today = zone_label(toronto)
    day = next(
        day
        for day in (date(2022, 7, 8), date(2022, 1, 14))
        if zone_label(toronto, datetime(day.year, day.month, day.day, 12, tzinfo=UTC)) != today
    )
    expected = zone_label(toronto, datetime(day.year, day.month, day.day, 12, tzinfo=UTC))
    ui = make_ui()
    pm = ui.service.create(
        "Rogers outage", timezone="America/Toronto", incident_date=day.isoformat()
    )
    async with ui.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pilot.app.screen.open_postmortem(pm.id)
        workspace = pilot.app.screen
        assert isinstance(workspace, WorkspaceScreen)
        await wait_until(pilot, lambda: bool(workspace.query("#--content-tab-timeline")))
        workspace.action_show_tab("timeline")
        await wait_until(pilot, lambda: bool(workspace.query(TimelineTable)))
        table = workspace.query_one(TimelineTable)
        await wait_until(pilot, lambda: table.size.width > 0)
        header = "".join(segment.text for segment in table.render_line(0))
        assert f"When ({expected})" in header
        assert f"When ({today})" not in header


async def test_the_quick_add_hint_explains_where_a_bare_time_counts_from(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: ":" showed "14:32 = the next 14:32 from …" (a moment nobody chose)
    and, for a typed bare time, an example date on the day before it, a day nobody named."""
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        pane = pilot.app.screen.query_one(TimelinePane)
        selected = pane.table.cursor_event
        assert selected is not None
        zone = ZoneInfo(ui.saved().timezone)
        local = selected.at.astimezone(zone)
        await pilot.press(":")
        line = pane.quick_line
        await wait_until(pilot, lambda: line.input.has_focus)
        subtitle = str(line.input.border_subtitle)
        start = f"{local.hour - 3:02d}:{local.minute:02d}"
        assert subtitle == f"14:32 → the first 14:32 after {start} (3 h before the selected event)"
        # One line at 80 columns: the border holds all of it.
        assert len(subtitle) <= line.input.size.width - 4
        await pilot.press(*"18:14 detected Pager fired")
        hint = str(line.query_one(".field-hint", Static).render())
        day = local.date().isoformat()  # 18:14 lands on the selected event's day here
        # The example is the date the line resolves to (mock meeting 15), shown before it.
        assert hint.startswith(f"→ {local:%a} {day} 18:14"), hint
        assert hint.endswith(f" · or give the date: {day} 18:14 …"), hint
        assert "\n" not in hint and len(hint) <= line.size.width
    assert not [event for event in ui.saved().events if event.text == "Pager fired"]


async def test_a_sentence_typed_on_the_table_names_the_key_the_footer_shows(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: the notice said "/ types an event as one line" while the footer
    said ": Quick add" (both keys open the line; the notice now names the footer's)."""
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        told = recorded_notifications(pilot.app)
        burst(pilot, *typed("hello world"))
        await wait_until(pilot, lambda: any("hello world" in said for said in told))
        await wait_until(pilot, lambda: "hello world" in told[-1])
        assert ": types an event as one line, e edits the selected one." in told[-1]
        footer_keys = [
            pilot.app.get_key_display(binding)
            for _, binding, _, _ in pilot.app.screen.active_bindings.values()
            if binding.id == "timeline.quick_add"
        ]
        assert footer_keys[0] == ":"
    assert ui.saved() == before
