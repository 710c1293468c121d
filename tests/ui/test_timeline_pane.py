"""Pilot tests of the Timeline pane: every flow checked on the screen AND in the saved file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio
from textual.widgets import Input, Select, Static

from pmtui.model.enums import EventKind
from pmtui.ui.modals.event_form import EventFormModal, StampEventModal
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.timeline_table import EMPTY_HINT, TimelineTable
from tests.ui.support import (
    FIXED_NOW,
    SAMPLE_ID,
    SharedWorkspace,
    open_sample,
    recorded_notifications,
    shared_workspace,
    wait_for_palette_hit,
    wait_for_screen,
    wait_until,
)

SIZE = (100, 30)

# The tests that only look and move the cursor share one app (SHARED): one xdist worker.
pytestmark = pytest.mark.xdist_group("timeline_pane_shared_app")
SHARED = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[SharedWorkspace]:
    folder = tmp_path_factory.mktemp("timeline")
    async with shared_workspace(folder, SIZE, "timeline") as workspace:
        yield workspace


async def shared_table(shared: SharedWorkspace):  # type: ignore[no-untyped-def]
    """The shared app's pilot with the timeline table focused and its cursor on the last
    event, as the timeline opens."""
    pilot = await shared.fresh()
    table_of(pilot).focus()
    await pilot.press("end")
    return pilot


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def table_of(pilot) -> TimelineTable:  # type: ignore[no-untyped-def]
    return pilot.app.screen.query_one(TimelineTable)


def pane_of(pilot) -> TimelinePane:  # type: ignore[no-untyped-def]
    return pilot.app.screen.query_one(TimelinePane)


def screen_lines(table: TimelineTable) -> list[str]:
    """What the table shows right now, line by line."""
    return [table.render_line(y).text for y in range(table.size.height)]


def row_line(table: TimelineTable, event_id: str) -> int:
    """The screen line showing `event_id` (it must be scrolled into view)."""
    index = next(i for i, e in enumerate(table.events) if e.id == event_id)
    return index + 1 - round(table.scroll_y)


async def quick_add(pilot, line: str) -> None:  # type: ignore[no-untyped-def]
    if not pilot.app.screen.query_one("#quick-add", Input).has_focus:
        await pilot.press("colon")
    await pilot.press(*line, "enter")
    await pilot.pause()


def status_text(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one("#metrics").render())


# Showing the timeline ----------------------------------------------------------------


async def test_events_are_sorted_local_with_date_and_the_cursor_starts_at_the_end(
    make_ui,
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        table = table_of(pilot)
        assert table.has_focus
        lines = screen_lines(table)
        assert lines[0].split()[:4] == ["When", "(CET)", "Kind", "Event"]
        assert "Source" in lines[0]
        last = lines[row_line(table, "ev-status-closed")]
        assert last.startswith(" 2025-03-19 10:36:30  communication")
        assert last.rstrip().endswith("chat")
        assert "…" in last  # long text is cut to the width
        assert table.cursor_event is not None and table.cursor_event.id == "ev-status-closed"
        assert [e.at for e in table.events] == sorted(e.at for e in ui.saved().events)


@SHARED
async def test_milestone_rows_stand_out_with_their_component_style(shared: SharedWorkspace) -> None:
    pilot = await shared_table(shared)
    table = table_of(pilot)
    milestone = table.get_component_rich_style("timeline-table--milestone")
    line = row_line(table, "ev-mitigated")
    strip = table.render_line(line)
    assert "◆ mitigated" in strip.text
    assert all(seg.style.bgcolor == milestone.bgcolor for seg in strip if seg.text.strip())
    assert all(seg.style.bold for seg in strip if seg.text.strip())
    plain = table.render_line(row_line(table, "ev-sweep"))
    assert "◆" not in plain.text
    assert not any(seg.style.bgcolor == milestone.bgcolor for seg in plain)
    assert not any(seg.style.bold for seg in plain if seg.text.strip())
    kind = next(seg for seg in strip if "mitigated" in seg.text)
    recovery = table.get_component_rich_style("timeline-table--kind-recovery")
    assert kind.style.color == recovery.color


@SHARED
async def test_keys_and_mouse_move_the_cursor(shared: SharedWorkspace) -> None:
    pilot = await shared_table(shared)
    table = table_of(pilot)
    await pilot.press("home")
    assert table.cursor_event.id == "ev-token-rotation"
    await pilot.press("down", "down")
    assert table.cursor_event.id == "ev-warn-14d"
    await pilot.press("end", "up")
    assert table.cursor_event.id == "ev-resolved"
    await pilot.press("pageup")
    assert table.cursor_index == 22 - table.size.height + 1
    await pilot.click(TimelineTable, offset=(5, 3))
    assert table.cursor_index == round(table.scroll_y) + 2
    await pilot.press("home")
    assert round(table.scroll_y) == 0
    assert screen_lines(table)[1].startswith(" 2025-03-03 10:05")


@SHARED
async def test_double_click_opens_the_event(shared: SharedWorkspace) -> None:
    pilot = await shared_table(shared)
    table = table_of(pilot)
    await pilot.press("home")
    await pilot.double_click(TimelineTable, offset=(30, 2))
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, EventFormModal)
    assert form.query_one("#at", Input).value == "2025-03-04 08:41:15"
    await pilot.press("escape")
    await pilot.pause()
    assert table.cursor_event.id == "ev-renew-fail"
    assert shared.ui.saved().event("ev-renew-fail").kind is EventKind.NOTE


async def test_small_terminal_drops_the_source_column_and_keeps_the_form_usable(
    make_ui,
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="timeline")
        table = table_of(pilot)
        lines = screen_lines(table)
        assert "Source" not in lines[0]
        assert all(len(line) == table.scrollable_content_region.width for line in lines)
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        save = form.query_one("#save")
        assert save.region.bottom <= 24  # every field and the button on screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
    assert ui.saved().event("ev-status-closed").source == "chat"


# Quick add -------------------------------------------------------------------------------


async def test_quick_add_with_a_bare_time_and_kind(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await quick_add(pilot, "14:32 detected Pager fired")
        table = table_of(pilot)
        added = table.cursor_event
        assert added is not None and added.text == "Pager fired"
        line = screen_lines(table)[row_line(table, added.id)]
        assert line.startswith(" 2025-03-19 14:32     ◆ detected       Pager fired")
        assert pilot.app.screen.query_one("#quick-add", Input).value == ""
        assert pilot.app.screen.query_one("#quick-add", Input).has_focus
    saved = ui.saved().event(added.id)
    assert (saved.at, saved.kind, saved.text) == (
        utc(2025, 3, 19, 13, 32),
        EventKind.DETECTED,
        "Pager fired",
    )


async def test_quick_add_relative_counts_from_the_selected_event(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        table = table_of(pilot)
        table.select_event("ev-ack")  # 09:07:55 CET
        await quick_add(pilot, "+5m restarted api")
        added = table.cursor_event
        assert added is not None
        assert table.events[table.cursor_index - 1].id == "ev-declared"  # 09:12:00
        assert "2025-03-19 09:12:55  note" in screen_lines(table)[row_line(table, added.id)]
    saved = ui.saved().event(added.id)
    assert (saved.at, saved.kind, saved.text) == (
        utc(2025, 3, 19, 8, 12, 55),
        EventKind.NOTE,
        "restarted api",
    )


async def test_quick_add_now_and_metrics_update_after_a_detected_event(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        assert "TTD 22m" in status_text(pilot)
        await quick_add(pilot, "08:50 detected Support escalates the tickets")
        assert "TTD 9m" in status_text(pilot)
        await quick_add(pilot, "now mitigated failover done")
        now_event = table_of(pilot).cursor_event
        assert now_event is not None
        assert (
            "2025-03-20 10:30     ◆ mitigated"
            in screen_lines(table_of(pilot))[row_line(table_of(pilot), now_event.id)]
        )
    saved = ui.saved()
    assert saved.event(now_event.id).at == FIXED_NOW
    detected = [e for e in saved.events if e.text == "Support escalates the tickets"]
    assert detected[0].kind is EventKind.DETECTED
    assert detected[0].at == utc(2025, 3, 19, 7, 50)


async def test_quick_add_with_a_date(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        table = table_of(pilot)
        selected = table.cursor_event
        notices = recorded_notifications(pilot.app.screen.query_one(TimelinePane))
        await quick_add(pilot, "2025-03-02 16:00 note Token inventory exported")
        assert notices == [
            "Added at 2025-03-02 16:00, days before the selected event, which stays "
            "selected: bare times still count from it."
        ]
        # Weeks before the selected event: that one stays selected (see keeps_anchor).
        assert selected is not None and table.cursor_event is not None
        assert table.cursor_event.id == selected.id
    assert ui.saved().events[0].text == "Token inventory exported"
    assert ui.saved().events[0].at == utc(2025, 3, 2, 15, 0)


async def test_invalid_quick_add_shows_the_message_and_keeps_the_text(make_ui) -> None:
    ui = make_ui()
    before = None
    async with ui.app.run_test(size=SIZE) as pilot:
        before = ui.saved().events
        await open_sample(pilot, tab="timeline")
        await quick_add(pilot, "26:10 detected Pager fired")
        screen = pilot.app.screen
        error = str(screen.query_one("#ff-quick-add .field-error").render())
        assert "'26:10' is not a time of day" in error
        assert screen.query_one("#quick-add", Input).value == "26:10 detected Pager fired"
        await pilot.press("backspace")
        assert not screen.query_one("#ff-quick-add").has_class("-invalid")
    assert ui.saved().events == before


async def test_escape_leaves_the_quick_add_line_for_the_table(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("slash")
        assert pilot.app.screen.query_one("#quick-add", Input).has_focus
        await pilot.press(*"a d i")  # letters type, they do not run table keys
        assert pilot.app.screen.query_one("#quick-add", Input).value == "a d i"
        await pilot.press("escape")
        assert table_of(pilot).has_focus
        assert isinstance(pilot.app.screen, WorkspaceScreen)
    assert len(ui.saved().events) == 24


# Stamp now -------------------------------------------------------------------------------


async def test_stamp_now_fixes_the_time_then_asks_for_the_text(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("n")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, StampEventModal)
        assert "2025-03-20 10:30:00 CET" in str(modal.query_one(".modal-title").render())
        await pilot.press("enter")  # nothing typed yet: says so, stays open
        assert "type what happened" in str(modal.query_one(".field-error").render())
        await pilot.press(*"ack Jonas on it", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        added = table_of(pilot).cursor_event
        assert added is not None and added.text == "Jonas on it"
    saved = ui.saved().event(added.id)
    assert (saved.at, saved.kind) == (FIXED_NOW, EventKind.ACKNOWLEDGED)


async def test_stamp_key_commits_the_quick_add_line_at_now(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("colon", *"resolved all regions green", "ctrl+n")
        await pilot.pause()
        assert pilot.app.screen.query_one("#quick-add", Input).value == ""
        added = table_of(pilot).cursor_event
    saved = ui.saved().event(added.id)
    assert (saved.at, saved.kind, saved.text) == (
        FIXED_NOW,
        EventKind.RESOLVED,
        "all regions green",
    )


async def test_escape_cancels_the_stamp_prompt(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("n")
        await pilot.pause()
        # Typing in it, escape asks "Discard this event?" and only y throws it away.
        await pilot.press(*"never mind", "escape", "y")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert table_of(pilot).has_focus
    assert len(ui.saved().events) == 24


# The event form: add, insert, edit -------------------------------------------------------


async def test_add_with_the_form(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("a")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EventFormModal)
        assert form.query_one("#at", Input).value == "2025-03-20 10:30"
        form.query_one("#at", Input).value = ""
        await pilot.press(*"2025-03-19 08:55", "tab")
        form.query_one("#kind", Select).value = "alert"
        form.query_one("#text", Input).focus()
        await pilot.press(*"Support escalates", "ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        table = table_of(pilot)
        added = table.cursor_event
        assert added is not None and added.text == "Support escalates"
        assert "2025-03-19 08:55     alert" in screen_lines(table)[row_line(table, added.id)]
    saved = ui.saved().event(added.id)
    assert (saved.at, saved.kind, saved.source) == (
        utc(2025, 3, 19, 7, 55),
        EventKind.ALERT,
        "manual",
    )


async def test_a_bare_time_in_the_add_form_lands_where_its_hint_says(make_ui) -> None:
    """The add form reads 14:32 as the quick-add line does, and its hint says the rule."""
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        table = table_of(pilot)
        last = table.cursor_event
        assert last is not None
        await pilot.press("a")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EventFormModal)
        earliest = (last.at - timedelta(hours=3)).astimezone(ui.saved().zone)
        hint = str(form.query_one("#at-rule", Static).render())
        # The form offers today's time, a day after the rule's start: the hint names its day.
        assert f"14:32 → the first 14:32 after Wed 19 Mar {earliest:%H:%M}" in hint
        typed = (earliest - timedelta(minutes=1)).strftime("%H:%M")  # a minute too early
        form.query_one("#at", Input).value = typed
        form.query_one("#text", Input).focus()
        await pilot.press(*"Pager escalates", "ctrl+s")
        await pilot.pause()
        added = table_of(pilot).cursor_event
        assert added is not None and added.text == "Pager escalates"
    saved = ui.saved().event(added.id)
    too_early = (earliest - timedelta(minutes=1)).replace(second=0, microsecond=0)
    assert saved.at == too_early + timedelta(days=1)


async def test_invalid_time_in_the_form_shows_inline_and_keeps_the_text(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("a")
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#at", Input).value = "yesterday-ish"
        form.query_one("#text", Input).focus()
        await pilot.press(*"Typed with care", "enter")
        await pilot.pause()
        assert pilot.app.screen is form
        assert "is not a time" in str(form.query_one("#ff-at .field-error").render())
        assert form.query_one("#ff-at").has_class("-invalid")
        assert form.query_one("#at", Input).has_focus
        assert form.query_one("#text", Input).value == "Typed with care"
        await pilot.press("escape", "y")  # typing in it: escape asks first
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
    assert len(ui.saved().events) == 24
    assert not any(e.text == "Typed with care" for e in ui.saved().events)


async def test_insert_prefills_one_minute_after_the_selected_event(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        table = table_of(pilot)
        table.select_event("ev-paged")  # 09:03:25 CET
        await pilot.press("i")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EventFormModal)
        assert form.query_one("#at", Input).value == "2025-03-19 09:04:25"
        assert form.query_one("#source", Input).value == "pager"
        form.query_one("#text", Input).focus()
        await pilot.press(*"Secondary on-call joins", "enter")
        await pilot.pause()
        added = table.cursor_event
        assert added is not None and added.text == "Secondary on-call joins"
        assert table.events[table.cursor_index - 1].id == "ev-paged"
    saved = ui.saved().event(added.id)
    assert saved.at == utc(2025, 3, 19, 8, 3, 25) + timedelta(minutes=1)


async def test_edit_changes_only_what_was_typed(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        table = table_of(pilot)
        table.select_event("ev-openssl")
        await pilot.press("enter")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EventFormModal)
        assert form.query_one("#at", Input).value == "2025-03-19 09:15:30"
        at = form.query_one("#at", Input)
        assert at.has_focus  # the first field shown
        # ...and selected, as every form's first box: typing replaces it, → or end keeps it.
        assert at.selected_text == at.value
        text = form.query_one("#text", Input)
        text.focus()
        text.value = ""
        await pilot.press(*"openssl confirms the expired certificate", "ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert table.cursor_event.id == "ev-openssl"
        line = screen_lines(table)[row_line(table, "ev-openssl")]
        assert "openssl confirms the expired" in line
    saved = ui.saved().event("ev-openssl")
    assert saved.text == "openssl confirms the expired certificate"
    assert saved.at == utc(2025, 3, 19, 8, 15, 30)
    assert saved.kind is EventKind.ACTION


async def test_editing_the_time_moves_the_event_and_the_cursor_follows(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        table = table_of(pilot)
        table.select_event("ev-sweep")
        await pilot.press("e")
        await pilot.pause()
        at = pilot.app.screen.query_one("#at", Input)
        at.value = ""
        at.focus()
        await pilot.press(*"08:30", "enter")
        await pilot.pause()
        assert table.cursor_event.id == "ev-sweep"
        assert table.events[table.cursor_index + 1].id == "ev-expiry"  # 08:41:12
    assert ui.saved().event("ev-sweep").at == utc(2025, 3, 19, 7, 30)


# Duplicate, delete, undo -------------------------------------------------------------------


async def test_duplicate_puts_the_cursor_on_the_copy(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        table = table_of(pilot)
        table.select_event("ev-describe")
        await pilot.press("c")
        await pilot.pause()
        copy = table.cursor_event
        assert copy is not None and copy.id != "ev-describe"
        assert table.events[table.cursor_index - 1].id == "ev-describe"
    saved = ui.saved()
    original = saved.event("ev-describe")
    assert (saved.event(copy.id).at, saved.event(copy.id).text) == (original.at, original.text)
    assert len(saved.events) == 25


async def test_delete_then_undo_brings_the_event_back(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        table = table_of(pilot)
        table.select_event("ev-detected")
        await pilot.press("d")
        await pilot.pause()
        assert table.cursor_event.id == "ev-paged"  # the next event takes its place
        assert not any("public-api-tls fails from 3" in line for line in screen_lines(table))
        assert "TTD 5m TTA 22m" in status_text(pilot)  # detection falls back to an alert
        deleted = ui.saved()
        assert [e.id for e in deleted.events].count("ev-detected") == 0
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert table.cursor_event.id == "ev-detected"
        assert "TTD 22m" in status_text(pilot)
    assert ui.saved().event("ev-detected").kind is EventKind.DETECTED
    assert len(ui.saved().events) == 24


# Empty timeline, read-only, palette ---------------------------------------------------------


async def test_empty_timeline_shows_a_calm_hint_and_greys_out_row_actions(make_ui) -> None:
    ui = make_ui()
    pm = ui.service.create("Queue backlog", timezone="Europe/Berlin", incident_date="2025-03-19")
    async with ui.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pilot.app.screen.open_postmortem(pm.id)
        await pilot.pause()
        pilot.app.screen.action_show_tab("timeline")
        await pilot.pause()
        table = table_of(pilot)
        assert screen_lines(table)[1].strip() == EMPTY_HINT
        pane = pane_of(pilot)
        for action in ("edit", "delete", "duplicate", "insert"):
            assert pane.check_action(action, ()) is None
        assert pane.check_action("add", ()) is True
        await pilot.press("d", "e")  # greyed out: nothing happens, no error
        await quick_add(pilot, "08:41 start Queue depth alarm")
        assert table.cursor_event is not None
        await pilot.press("escape")
        assert pane.check_action("edit", ()) is True
    saved = ui.saved(pm.id)
    assert [(e.at, e.kind) for e in saved.events] == [(utc(2025, 3, 19, 7, 41), EventKind.START)]


async def test_read_only_greys_out_every_change(make_ui) -> None:
    ui = make_ui(read_only_reason="Another pmtui has this file open.")
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        pane = pane_of(pilot)
        for action in ("add", "insert", "edit", "delete", "duplicate", "stamp_now"):
            assert pane.check_action(action, ()) is None
        await pilot.press("n", "d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
    assert len(ui.saved().events) == 24


async def test_palette_has_every_timeline_command(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot)
        await pilot.app.screen.compose_all_panes()  # as ctrl+p does before it lists
        titles = {command.title for command in pilot.app.screen.palette_commands()}
        assert {
            "Add timeline event",
            "Stamp event now",
            "Insert event after selected",
            "Edit selected event",
            "Delete selected event",
            "Duplicate selected event",
            "Quick-add timeline event",
        } <= titles


async def test_stamp_from_the_palette_on_another_tab(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot)  # the overview tab
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Stamp event now")
        await wait_for_palette_hit(pilot, "Stamp event now")
        await pilot.press("enter")
        await wait_for_screen(pilot, StampEventModal)
        assert isinstance(pilot.app.screen, StampEventModal)
        await pilot.press(*"note Facilitator starts the review", "enter")
        await pilot.pause()
        workspace = pilot.app.screen
        assert isinstance(workspace, WorkspaceScreen)
        assert workspace.query_one("#tabs").active == "timeline"
    assert ui.saved().events[-1].text == "Facilitator starts the review"
    assert ui.saved().events[-1].at == FIXED_NOW


async def test_quick_add_from_the_palette_focuses_the_line(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Quick-add timeline event")
        await wait_for_palette_hit(pilot, "Quick-add timeline event")
        await pilot.press("enter")
        await wait_until(pilot, lambda: pilot.app.screen.query_one("#quick-add", Input).has_focus)
        assert pilot.app.screen.query_one("#quick-add", Input).has_focus
        await pilot.press(*"+1m note Palette works", "enter")
        await pilot.pause()
    assert ui.saved().events[-1].text == "Palette works"
    assert ui.saved(SAMPLE_ID).events[-1].at == utc(2025, 3, 19, 9, 37, 30)


async def test_an_event_in_the_future_gets_a_warning(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("colon", *"2025-03-21 08:00 note Retro scheduled", "enter")
        await pilot.pause()
        messages = [str(n.message) for n in pilot.app._notifications]
        assert any("in the future" in m for m in messages)
    assert any(e.text == "Retro scheduled" for e in ui.saved().events)


async def test_the_quick_add_anchor_follows_an_edited_event(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="timeline")
        pane = pilot.app.screen.query_one("#timeline-pane")
        await pilot.press("colon", *"2025-03-19 11:00 note Late note", "enter")
        await pilot.pause()
        # A bare time counts from three hours before the selected (new) event.
        assert "after 08:00 (3 h before" in str(pane.quick_add.border_subtitle)
        await pilot.press("escape", "e")
        await pilot.pause()
        form = pilot.app.screen
        form.query_one("#at").value = "2025-03-19 10:50"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "after 07:50 (3 h before" in str(pane.quick_add.border_subtitle)
    assert any(e.text == "Late note" for e in ui.saved().events)
