"""Pilot tests of traps the fifteenth new-user mock meeting found (issue 12, Square
2023-09-07/08): the factor form's events hint after ticks, the import preview's reason for a
bad time, the quick-add line's example date and `1` on the Overview already shown. Each test
checks the screen and what reached the file."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, SelectionList, Static, Tabs

from pmtui.ui.modals.factor_form import FactorModal
from pmtui.ui.modals.import_evidence import ImportEvidenceModal
from pmtui.ui.panes.timeline import TimelinePane
from tests.ui.support import (
    open_postmortem,
    open_sample,
    screen_lines,
    wait_for_screen,
    wait_until,
)

SIZE = (80, 24)


# 1. The factor form's events hint follows the ticks ---------------------------------------


def _square(ui) -> str:  # type: ignore[no-untyped-def]
    """A post-mortem with three events and a titled factor with no events linked."""
    service = ui.service
    pm = service.create("Square outage", timezone="America/Los_Angeles", incident_date="2023-09-07")
    for at, text in (
        ("2023-09-07 22:50", "Merchants report card payments failing"),
        ("2023-09-07 23:10", "DNS records for internal services deleted"),
        ("2023-09-08 00:40", "Remaining POS systems recovered"),
    ):
        pm, _ = service.add_event(pm, at=at, kind="note", text=text)
    service.add_factor(pm, title="A DNS change removed records services still used")
    return pm.id


def _events_hint(form: FactorModal) -> str:
    return str(form.query_one("#ff-events").query_one(".field-hint", Static).render())


async def test_factor_form_events_hint_counts_the_ticks(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 15: two events ticked, the hint still read "No event is linked yet". It
    counts what is ticked, as each space ticks or unticks, and ctrl+s saves those."""
    ui = make_ui(with_sample=False)
    pm_id = _square(ui)
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_postmortem(pilot, pm_id, "whys")
        await pilot.press("up", "f")  # from the answer box, as the pane's keys say
        await wait_for_screen(pilot, FactorModal)
        form = pilot.app.screen
        assert isinstance(form, FactorModal)
        events = form.query_one("#factor-events", SelectionList)
        await wait_until(pilot, lambda: events.has_focus)
        assert "no event is linked yet" in _events_hint(form).lower()
        await pilot.press("space", "down", "space")
        await wait_until(pilot, lambda: len(events.selected) == 2)
        await wait_until(pilot, lambda: _events_hint(form).startswith("2 events linked"))
        assert "no event" not in _events_hint(form).lower()
        await pilot.press("space")
        await wait_until(pilot, lambda: _events_hint(form).startswith("1 event linked"))
        await pilot.press("space", "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, FactorModal))
    saved = ui.saved(pm_id)
    (factor,) = saved.factors
    assert factor.event_ids == (saved.events[0].id, saved.events[1].id)


# 2. The import preview's reason for a bad time names the dialog's Timezone ----------------


async def test_import_preview_reason_for_a_bad_time_names_the_timezone_field(  # type: ignore[no-untyped-def]
    make_ui, tmp_path: Path
) -> None:
    """Mock meeting 15: a CSV row with a bad time was rejected "(with an offset, or give
    --tz)": no such thing in the dialog. The reason names its Timezone field."""
    csv = tmp_path / "square.csv"
    csv.write_text(
        "time,event\nlater,Cards declined\n2025-03-19 09:00,Pager fired\n", encoding="utf-8"
    )
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("I")
        await wait_for_screen(pilot, ImportEvidenceModal)
        dialog = pilot.app.screen
        path_input = dialog.query_one("#import-path", Input)
        path_input.value = str(csv)
        path_input.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: dialog.query_one("#import-rejected-box").display)
        rejected = " ".join(str(dialog.query_one("#import-rejected", Static).render()).split())
        assert "line 2: 'later' is not a time pmtui reads" in rejected, rejected
        assert "--tz" not in rejected, rejected
        assert "Timezone field" in rejected, rejected


# 3. The quick-add line's example date is the date the line resolves to --------------------


async def test_quick_add_example_date_is_the_date_it_will_save(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 15: "00:40 …" after the 23:10 event showed "→ Fri 2023-09-08 00:40 · or
    give the date: 2023-09-07 00:40 …", a day other than the one saved. The example writes
    the same moment in full."""
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        line = pilot.app.screen.query_one(TimelinePane).quick_line
        line.input.focus()
        await wait_until(pilot, lambda: line.input.has_focus)
        # The last event is at 2025-03-19 10:36:30: a bare 06:20 is the next morning's.
        await pilot.press(*"06:20 Backlog drained")
        said = "→ Thu 2025-03-20 06:20 CET · note · or give the date: 2025-03-20 06:20 …"
        await wait_until(pilot, lambda: said in screen_lines(pilot.app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(e.text == "Backlog drained" for e in ui.saved().events))
    (event,) = [e for e in ui.saved().events if e.text == "Backlog drained"]
    assert event.at.isoformat() == "2025-03-20T05:20:00+00:00"


# 4. `1` on the Overview already shown leaves the tab bar focused ----------------------------


async def _escape_from_incident_date_then(pilot, key: str) -> Input:  # type: ignore[no-untyped-def]
    """In the Overview, into Incident date, escape to the tab bar, `key`, tab: the box tab
    lands in."""
    await open_sample(pilot, tab="overview")
    workspace = pilot.app.screen
    date_box = workspace.query_one("#field-incident_date", Input)
    date_box.focus()
    await wait_until(pilot, lambda: date_box.has_focus)
    tabs = workspace.query_one(Tabs)
    await pilot.press("escape")
    await wait_until(pilot, lambda: tabs.has_focus)
    await pilot.press(key)
    await pilot.pause()
    await pilot.press("tab")
    await wait_until(pilot, lambda: not tabs.has_focus)
    await pilot.pause()
    focused = pilot.app.focused
    assert isinstance(focused, Input), focused
    return focused


async def test_1_on_the_overview_shown_then_tab_enters_at_the_title(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 15: escape out of Incident date, `1`, tab: the focus landed in Timezone,
    its text selected. `1` on the pane shown leaves the tab bar focused; tab enters the
    Overview at its Title, as escape then tab does."""
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        focused = await _escape_from_incident_date_then(pilot, "1")
        assert focused.id == "field-title"
        assert focused.selected_text == ui.saved().title
        await pilot.press(*"Cards declined")
        await wait_until(pilot, lambda: ui.saved().title == "Cards declined")


async def test_f2_on_the_overview_shown_then_tab_enters_at_the_title(make_ui) -> None:  # type: ignore[no-untyped-def]
    """The same with F2, the function key for the Overview."""
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        focused = await _escape_from_incident_date_then(pilot, "f2")
        assert focused.id == "field-title"
        assert focused.selected_text == ui.saved().title


async def test_1_from_another_pane_still_lands_in_the_overview_form(make_ui) -> None:  # type: ignore[no-untyped-def]
    """`1` from the Timeline still shows the Overview with the cursor in a field (its first
    empty section here), as the README says: a summary typed at once is typing."""
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        workspace = pilot.app.screen
        await wait_until(pilot, lambda: workspace.query_one(TimelinePane).table.has_focus)
        await pilot.press("1")
        await wait_until(pilot, lambda: workspace.current_pane().TAB_ID == "overview")
        await wait_until(pilot, lambda: (pilot.app.focused.id or "").startswith("field-"))
        assert not workspace.query_one(Tabs).has_focus
