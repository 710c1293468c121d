"""Pilot tests of the timeline traps a facilitator met in a mock review of an older, multi-day
incident (issue 12, mock meeting 6, part 9b): the asked time of a "now" line, events added on
meeting step 3, edit forms that typed after the old text, and the Timeline's `s` key. Each
presses the keys a user would and checks the screen and what reached the file."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.widgets import Input

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.event_form import EventFormModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.widgets.timeline_table import TimelineTable
from tests.ui.support import (
    SAMPLE_ID,
    UI,
    open_sample,
    wait_for_palette_hit,
    wait_for_screen,
    wait_until,
)

SIZE = (100, 30)
SMALL = (80, 24)
#: Three weeks after the sample incident (2025-03-19): "now" is not the incident's time.
WEEKS_LATER = datetime(2025, 4, 10, 9, 0, tzinfo=UTC)
NOW_LINE = "now mitigated failover done"


def _text(pilot, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one(selector).render())


def _screen_lines(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    strips = pilot.app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def _older_incident(make_ui) -> UI:  # type: ignore[no-untyped-def]
    ui: UI = make_ui()
    ui.service.clock = lambda: WEEKS_LATER
    return ui


def _add_night_event(ui: UI) -> None:
    """An event half an hour after midnight (Berlin), the fourth row of the timeline."""
    ui.service.add_event(
        ui.service.get(SAMPLE_ID), at="2025-03-06 00:30", kind="note", text="Night page"
    )


async def _select_row(pilot, row: int) -> TimelineTable:  # type: ignore[no-untyped-def]
    table = pilot.app.screen.query_one(TimelineTable)
    table.focus()
    await pilot.press("home", *["down"] * row)
    await wait_until(pilot, lambda: table.cursor_index == row)
    return table


# 1. The asked time offers the instant a bare time counts from ---------------------------------


async def test_the_asked_time_offers_the_selected_event_and_reads_a_bare_time_from_it(
    make_ui,
) -> None:
    ui = _older_incident(make_ui)
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await _select_row(pilot, 0)
        await pilot.press("colon", *NOW_LINE)
        assert "selected event's offered" in _text(pilot, "#ff-quick-add .field-hint")
        await pilot.press("enter")
        await wait_for_screen(pilot, EventFormModal)
        form = pilot.app.screen
        assert "selected event's offered" in _text(pilot, ".modal-title")
        box = form.query_one("#at", Input)
        # The first event's time (Berlin), not the last event's on the 19th.
        assert box.value == "2025-03-03 10:05"
        box.value = "09:30"
        await wait_until(pilot, lambda: "09:30" in _text(pilot, "#at-preview"))
        assert _text(pilot, "#at-preview") == "→ Mon 2025-03-03 09:30 CET"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, EventFormModal))
    event = next(e for e in ui.saved().events if e.text == "failover done")
    assert (event.at, event.kind.value) == (datetime(2025, 3, 3, 8, 30, tzinfo=UTC), "mitigated")


async def test_the_bare_time_rule_names_the_day_when_it_starts_the_evening_before(
    make_ui,
) -> None:
    ui = _older_incident(make_ui)
    _add_night_event(ui)
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await _select_row(pilot, 3)
        await pilot.press("colon", *NOW_LINE, "enter")
        await wait_for_screen(pilot, EventFormModal)
        form = pilot.app.screen
        assert form.query_one("#at", Input).value == "2025-03-06 00:30"
        # 00:30 less three hours is the evening before: "from 21:30" alone read as that night.
        assert "14:32 → the first 14:32 after Wed 05 Mar 21:30" in _text(pilot, "#at-rule")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, EventFormModal))
        # The insert form says the same.
        await _select_row(pilot, 3)
        await pilot.press("i")
        await wait_for_screen(pilot, EventFormModal)
        assert pilot.app.screen.query_one("#at", Input).value == "2025-03-06 00:31"
        assert "after Wed 05 Mar 21:30" in _text(pilot, "#at-rule")
        await pilot.press("escape")
    assert not any(e.text == "failover done" for e in ui.saved().events)


# 2. Meeting step 3 selects every event added there ----------------------------------------------


@pytest.mark.parametrize("out_of_order", [False, True])
async def test_an_event_added_through_the_asked_form_on_step_3_is_selected_and_shown(
    make_ui, out_of_order: bool
) -> None:
    ui = _older_incident(make_ui)
    if out_of_order:
        # Mitigated 15 days before the start: two warnings over the metrics, wrapped at 80
        # columns, pushed the events below the fold of the step's body.
        ui.service.add_event(
            ui.service.get(SAMPLE_ID), at="2025-03-03 23:05", kind="mitigated", text="Early"
        )
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        await pilot.press("3")
        await wait_until(pilot, lambda: meeting.step == 2)
        await pilot.press("slash", *NOW_LINE, "enter")
        await wait_for_screen(pilot, EventFormModal)
        # Long after the walk-through's event (the incident's start): out of its window.
        pilot.app.screen.query_one("#at", Input).value = "2025-03-19 10:40"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: pilot.app.screen is meeting)
        added = next(e for e in meeting.pm.events if e.text == "failover done")
        assert meeting.pm.events[meeting.state.event_cursor].id == added.id
        current = next(line for line in meeting.step_widget.text.splitlines() if "▶" in line)
        assert "failover done" in current
        # On the screen itself, not below the fold of the step's body.
        await wait_until(pilot, lambda: any("▶" in line for line in _screen_lines(pilot)))
        assert any("▶" in ln and "failover done" in ln for ln in _screen_lines(pilot))
    event = next(e for e in ui.saved().events if e.text == "failover done")
    assert event.at == datetime(2025, 3, 19, 9, 40, tzinfo=UTC)


# 3. An edit form opens with its first box selected: typing replaces, end keeps -----------------


async def test_the_event_edit_form_opens_with_the_time_selected_so_typing_replaces_it(
    make_ui,
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        table = await _select_row(pilot, 5)
        start = table.cursor_event
        assert start is not None and start.kind.value == "start"
        await pilot.press("e")
        await wait_for_screen(pilot, EventFormModal)
        box = pilot.app.screen.query_one("#at", Input)
        await wait_until(pilot, lambda: box.selected_text == "2025-03-19 08:41:12")
        await pilot.press(*"23:05")
        assert box.value == "23:05"
        assert _text(pilot, "#at-preview") == "→ Wed 2025-03-19 23:05 CET"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, EventFormModal))
        assert "23:05" in _text(pilot, "#timeline-detail")
    assert ui.saved().event(start.id).at == datetime(2025, 3, 19, 22, 5, tzinfo=UTC)


async def test_the_action_edit_form_opens_with_the_text_selected_and_end_keeps_it(
    make_ui,
) -> None:
    ui = make_ui()
    old = ui.saved().action("act-edge-probe").text
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="actions")
        pilot.app.screen.query_one(ActionsPane).select("act-edge-probe")
        await pilot.pause()
        await pilot.press("e")
        await wait_for_screen(pilot, ActionItemModal)
        box = pilot.app.screen.query_one("#action-text", Input)
        await wait_until(pilot, lambda: box.selected_text == old)
        await pilot.press("end", *" weekly")
        assert box.value == f"{old} weekly"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActionItemModal))
        await pilot.press("e")
        await wait_for_screen(pilot, ActionItemModal)
        box = pilot.app.screen.query_one("#action-text", Input)
        await wait_until(pilot, lambda: box.selected_text == f"{old} weekly")
        await pilot.press(*"Probe every edge certificate hourly")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActionItemModal))
    assert ui.saved().action("act-edge-probe").text == "Probe every edge certificate hourly"


# 4. The Timeline's `s` (Split) says why nothing happened, by key and by ctrl+p --------------------


def _toasts(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(toast.render()) for s in pilot.app.screen_stack for toast in s.query("Toast")]


async def test_split_on_a_one_source_event_says_why_nothing_happened_by_key_and_palette(
    make_ui,
) -> None:
    ui = make_ui()
    before = ui.saved().events
    async with ui.app.run_test(size=SIZE, notifications=True) as pilot:
        await open_sample(pilot, tab="timeline")
        table = await _select_row(pilot, 5)
        assert table.cursor_event is not None and len(table.cursor_event.seen_in) < 2
        await pilot.press("s")
        await wait_until(pilot, lambda: any("Nothing to split" in t for t in _toasts(pilot)))
        assert any("several sources" in t for t in _toasts(pilot))
        pilot.app.clear_notifications()
        await wait_until(pilot, lambda: not _toasts(pilot))
        await pilot.press("ctrl+p", *"split")
        await wait_for_palette_hit(pilot, "Split selected moment")
        await pilot.press("enter")
        await wait_until(pilot, lambda: any("Nothing to split" in t for t in _toasts(pilot)))
        assert table.cursor_index == 5
    assert ui.saved().events == before
