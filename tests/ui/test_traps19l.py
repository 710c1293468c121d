"""Pilot tests from mock meeting 18c (issue 12): a time typed without its colon (`1244`, as
ops logs write it) was refused by the quick-add line and the event forms, and a line whose
first word names no kind was saved as a note without a word while it was typed. Each presses
the keys a facilitator would and checks the screen and what reached the file."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Input, Static

from pmtui.model.enums import EventKind
from pmtui.ui.modals.event_form import EventFormModal
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.timeline_table import TimelineTable
from tests.ui.support import open_sample, screen_lines, wait_for_screen, wait_until

SMALL = (80, 24)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


async def test_a_colonless_time_and_a_word_naming_no_kind_on_the_quick_add_line(make_ui) -> None:  # type: ignore[no-untyped-def]
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        line = pilot.app.screen.query_one(TimelinePane).quick_line
        line.input.focus()
        await wait_until(pilot, lambda: line.input.has_focus)
        # The sample's last event is at 10:36:30 CET on 2025-03-19: 1244 is that day's.
        await pilot.press(*"1244 rollback: config reverted")
        said = "→ Wed 2025-03-19 12:44 CET · note (“rollback” is no kind)"
        await wait_until(pilot, lambda: said in screen_lines(pilot.app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: any("config reverted" in e.text for e in ui.saved().events))
    (event,) = [e for e in ui.saved().events if "config reverted" in e.text]
    assert event.at == utc(2025, 3, 19, 11, 44)
    assert event.kind is EventKind.NOTE and event.text == "rollback: config reverted"


async def test_the_edit_form_reads_a_colonless_time_on_the_events_day(make_ui) -> None:  # type: ignore[no-untyped-def]
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        assert pilot.app.screen.query_one(TimelineTable).select_event("ev-openssl")
        await pilot.press("e")
        await wait_for_screen(pilot, EventFormModal)
        form = pilot.app.screen
        assert isinstance(form, EventFormModal)
        box = form.query_one("#at", Input)
        await wait_until(pilot, lambda: box.has_focus and box.selected_text == box.value)
        await pilot.press(*"0212")  # the selected time is replaced by what is typed
        preview = form.query_one("#at-preview", Static)
        await wait_until(pilot, lambda: str(preview.render()) == "→ Wed 2025-03-19 02:12 CET")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert ui.saved().event("ev-openssl").at == utc(2025, 3, 19, 1, 12)


async def test_a_time_typed_in_one_burst_on_the_table_leaves_no_notice_of_its_first_digit(
    make_ui,  # type: ignore[no-untyped-def]
) -> None:
    """tmux sent "06:20 Backlog drained" at once to the Timeline's table: the line took it
    all, and beside it stood "“0” is no key here", a notice its next digit had already taken
    back before it was shown."""
    from tests.ui.test_typing_bursts import burst

    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        pane = pilot.app.screen.query_one(TimelinePane)
        pane.query_one(TimelineTable).focus()
        await wait_until(pilot, lambda: pane.query_one(TimelineTable).has_focus)
        burst(pilot, *"06:20 Backlog drained")
        line = pane.quick_line
        await wait_until(pilot, lambda: line.input.value == "06:20 Backlog drained")
        for _ in range(5):
            await pilot.pause()
        notices = [str(shown.message) for shown in pilot.app._notifications]
        assert not [said for said in notices if "no key here" in said], notices
        assert not any("no key here" in row for row in screen_lines(pilot.app))


async def test_a_relative_incident_date_shows_its_day_while_typed_in_the_new_dialog(
    make_ui,  # type: ignore[no-untyped-def]
) -> None:
    """Mock meeting 18c: "-3d" in Incident date said nothing of the day it meant."""
    from pmtui.ui.modals.new_postmortem import NewPostMortemModal
    from pmtui.ui.widgets.form_field import FormField

    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        dialog = pilot.app.screen
        field = dialog.query_one("#ff-incident_date", FormField)
        assert field.hint == "YYYY-MM-DD, -3d or yesterday"
        await pilot.press(*"Queue backlog", "tab", "tab")
        await wait_until(pilot, lambda: dialog.query_one("#incident_date", Input).has_focus)
        await pilot.press(*"-2d")  # the offered date is selected: typing replaces it
        await wait_until(pilot, lambda: field.hint == "→ Tue 2025-03-18")
        assert "→ Tue 2025-03-18" in "\n".join(screen_lines(pilot.app))
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
    (pm_id,) = ui.saved_ids()
    assert ui.saved(pm_id).incident_date.isoformat() == "2025-03-18"


async def test_a_relative_incident_date_shows_its_day_while_typed_on_the_overview(
    make_ui,  # type: ignore[no-untyped-def]
) -> None:
    from pmtui.ui.widgets.form_field import FormField

    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        box = workspace.query_one("#field-incident_date", Input)
        field = workspace.query_one("#ff-incident_date", FormField)
        box.focus()
        await wait_until(pilot, lambda: box.has_focus)
        await pilot.press("ctrl+a", *"-3d")
        await wait_until(pilot, lambda: field.hint == "→ Mon 2025-03-17")
        await wait_until(pilot, lambda: ui.saved().incident_date.isoformat() == "2025-03-17")
        await pilot.press("tab")  # left, the box shows the date itself, and the usual hint
        await wait_until(pilot, lambda: box.value == "2025-03-17")
        assert field.hint == "YYYY-MM-DD"


def test_an_action_whose_facts_do_not_fit_shows_them_on_an_indented_line(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Meeting step 5 at 80x24: the facts wrapped at the edge, "in-progress" alone at the
    margin under the owner, reading as a new item."""
    from pmtui.ui.widgets.meeting_steps import actions_content

    ui = make_ui()
    pm = ui.service.create("Checkout latency", timezone="Europe/Berlin")
    pm, _ = ui.service.add_action(
        pm,
        text="Cap cache eviction",
        owner="Mateo Alvarez",
        due="+2w",
        status="in-progress",
        priority="P2",
        kind="process",
    )
    width = 50
    lines = actions_content(pm, ui.service.today(pm), width).plain.splitlines()
    assert all(len(line) <= width for line in lines), lines
    header = next(n for n, line in enumerate(lines) if "Mateo Alvarez" in line)
    assert lines[header + 1].startswith("    P") and lines[header + 1].endswith("in-progress")
    # Wide enough, the facts stay on the owner's line.
    wide = actions_content(pm, ui.service.today(pm), 100).plain.splitlines()
    assert any("Mateo Alvarez" in line and "in-progress" in line for line in wide)


async def test_the_quick_add_rule_tells_a_colonless_time_as_the_time_it_reads(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 19a: the border said "1352 → the first 1352 after 10:37"."""
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        line = pilot.app.screen.query_one(TimelinePane).quick_line
        line.input.focus()
        await wait_until(pilot, lambda: line.input.has_focus)
        await pilot.press(*"1352 paged the edge team")
        subtitle = str(line.input.border_subtitle)
        assert subtitle.startswith("13:52 → the first 13:52 after "), subtitle
