"""Pilot tests of the traps a facilitator met in a live mock review (issue 12): each presses
the keys a user would and checks the screen, and the saved file where something is saved."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from textual.widgets import (
    DataTable,
    Input,
    Select,
    SelectionList,
    TabbedContent,
    Tabs,
    TextArea,
)

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.attendees import AttendeesModal
from pmtui.ui.modals.event_form import EventFormModal
from pmtui.ui.modals.help import HelpScreen
from pmtui.ui.modals.section_edit import SectionEditModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.screens.home import HomeScreen
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.meeting_steps import actions_content
from pmtui.ui.widgets.status_bar import MetricsLine
from pmtui.ui.widgets.timeline_table import TimelineTable
from tests.ui.support import SAMPLE_ID, open_sample, wait_for_screen, wait_until

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
        assert hint_of(pilot, "ff-quick-add").startswith("→ Thu 2025-03-20 18:14 CET · ")
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
        # Meeting mode has no tooltips on a shared screen: the reason is printed.
        await pilot.press("escape", "m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("3")
        await wait_until(pilot, lambda: pilot.app.screen.step == 2)
        shown = pilot.app.screen.step_widget.text
        assert "TTM ⚠-" in shown
        assert "⚠ TTM is negative: 'mitigated' (2025-03-18 10:00) is before 'start'" in shown


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


# Forms: suggestions, examples, the first field first -------------------------------------


async def _until(pilot, condition) -> bool:  # type: ignore[no-untyped-def]
    await wait_until(pilot, condition)
    return True


async def test_tab_takes_the_suggested_owner_and_says_so(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="actions")
        pilot.app.screen.query_one(ActionsPane).table.focus()
        await pilot.press("a")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ActionItemModal)
        due = form.query_one("#action-due", Input)
        assert "e.g. +2w" in "".join(due.render_line(y).text for y in range(due.size.height))
        assert form.query_one("#action-tracker", Input).placeholder == "e.g. OPS-123"
        await pilot.press(*"Add an expiry probe for every edge hostname", "tab", *"len")
        owner = form.query_one("#action-owner", Input)
        assert await _until(pilot, lambda: "Lena" in hint_of(pilot, "ff-owner"))
        assert hint_of(pilot, "ff-owner") == "tab takes “Lena Hoffmann” and moves on · → takes it"
        await pilot.press("tab")
        assert owner.value == "Lena Hoffmann" and due.has_focus
        await pilot.press(*"+2w", "enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ActionItemModal)
    assert ui.saved().actions[-1].owner == "Lena Hoffmann"


async def test_the_edit_event_dialog_focuses_the_time_it_shows_first(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("e")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EventFormModal)
        assert form.query_one("#at", Input).has_focus


# Meeting mode ---------------------------------------------------------------------------


async def test_roll_call_starts_in_the_name_field_and_the_facilitator_is_present(
    make_ui,
) -> None:
    ui = make_ui()
    ui.service.update(ui.service.get(SAMPLE_ID), attendees="Jonas Weber")
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, AttendeesModal)
        assert modal.query_one("#attendee-new", Input).has_focus
        assert "Priya Raman" in modal.query_one(SelectionList).selected  # the owner
        await pilot.press(*"Noor Aziz", "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MeetingScreen)
    assert ui.saved().attendees == ("Jonas Weber", "Priya Raman", "Noor Aziz")


async def test_a_blaming_why_answer_is_marked_on_the_meeting_step(make_ui) -> None:
    ui = make_ui()
    pm, chain = ui.service.add_why_chain(ui.service.get(SAMPLE_ID), "The page came late")
    ui.service.answer_why(pm, chain.id, "The on-call engineer forgot to check the channel")
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("4")
        screen = pilot.app.screen
        assert isinstance(screen, MeetingScreen)
        for _ in range(len(ui.saved().whys)):  # the new chain is the last one
            await pilot.press("down")
        content = screen.step_widget.text
        assert "forgot to check the channel" in content
        assert "⚠ “forgot”: Forgetting is normal." in content


async def test_summary_and_impact_are_edited_live_on_step_2(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("2")
        screen = pilot.app.screen
        assert "e edit summary · i edit impact" in str(screen.query_one("#meeting-keys").render())
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SectionEditModal)
        await pilot.press("enter", *"- Partners confirmed no data loss.", "ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        content = screen.step_widget.text
        assert "- Partners confirmed no data loss." in content
    assert ui.saved().impact.endswith("\n- Partners confirmed no data loss.")


# Stamp now in the review of an older incident ------------------------------------------


async def test_stamp_now_in_an_older_incident_asks_for_the_time(make_ui) -> None:
    ui = make_ui()
    ui.service.clock = lambda: utc(2025, 4, 10, 9, 0)  # three weeks after the incident
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EventFormModal)
        assert "Not today's incident" in str(form.query_one(".modal-title").render())
        assert form.query_one("#at", Input).value == "2025-03-19 10:36:30"
        form.query_one("#at", Input).value = "2025-03-19 10:40"
        form.query_one("#text", Input).focus()
        await pilot.press(*"Customer success confirms partners restarted", "ctrl+s")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, EventFormModal)
    added = ui.saved().events[-1]
    assert (added.at, added.text) == (
        utc(2025, 3, 19, 9, 40),
        "Customer success confirms partners restarted",
    )


async def test_add_in_an_older_incident_offers_the_selected_events_time(make_ui) -> None:
    """`a` in a review three weeks later: the form offers the incident's time, not today's."""
    ui = make_ui()
    ui.service.clock = lambda: utc(2025, 4, 10, 9, 0)
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        table = pilot.app.screen.query_one(TimelineTable)
        selected = table.cursor_event
        assert selected is not None
        await pilot.press("a")
        await wait_for_screen(pilot, EventFormModal)
        form = pilot.app.screen
        assert "not today's incident" in str(form.query_one(".modal-title").render())
        offered = form.query_one("#at", Input).value
        assert offered.startswith("2025-03-19 ")
        assert (
            offered
            == selected.at.astimezone(ZoneInfo("Europe/Berlin")).strftime("%Y-%m-%d %H:%M:%S")[
                : len(offered)
            ]
        )


async def test_stamp_now_in_meeting_mode_of_an_older_incident_asks_too(make_ui) -> None:
    ui = make_ui()
    ui.service.clock = lambda: utc(2025, 4, 10, 9, 0)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EventFormModal)
        assert form.query_one("#at", Input).value == "2025-03-19 10:36:30"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MeetingScreen)
    assert len(ui.saved().events) == 24


# The timeline shows the selected event in full --------------------------------------------


async def test_the_selected_events_full_text_source_and_link_follow_the_cursor(make_ui) -> None:
    ui = make_ui()
    pm = ui.service.get(SAMPLE_ID)
    pm = ui.service.edit_event(pm, "ev-openssl", link="https://chat.example.com/p/1742371530")
    full = pm.event("ev-openssl").text
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="timeline")
        table = pilot.app.screen.query_one(TimelineTable)
        table.select_event("ev-openssl")
        await pilot.pause()
        detail = pilot.app.screen.query_one("#timeline-detail")
        shown = " ".join(str(detail.render()).split())
        assert len(full) > 70 and full in shown
        assert "2025-03-19 09:15:30 · action · source: " in shown
        assert "https://chat.example.com/p/1742371530" in shown
        table.focus()
        await pilot.press("down")
        await pilot.pause()
        assert pilot.app.screen.query_one(TimelineTable).cursor_event.id == "ev-statuspage"
        assert "Status page incident posted" in str(detail.render())


# Text areas: select all, and F1 lists the editing keys ------------------------------------


async def test_ctrl_a_selects_a_whole_section_and_f1_lists_the_editing_keys(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot)
        area = pilot.app.screen.query_one("#field-lessons", TextArea)
        area.focus()
        await pilot.press("ctrl+a")
        assert area.selected_text == ui.saved().lessons
        await pilot.press(*"Monitor what automation does.")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        await wait_until(pilot, lambda: pilot.app.screen.keys_listed)  # every tab's keys
        table = pilot.app.screen.query_one(DataTable)
        rows = {
            tuple(str(cell) for cell in table.get_row_at(i)[:3]) for i in range(table.row_count)
        }
        assert ("Editing", "^a", "Select all (text boxes)") in rows
        assert ("Editing", "^x", "Cut") in rows
        # A binding with two keys shows both, each as Textual displays it.
        assert ("Workspace", "^y / shift+^z", "Redo") in rows
        await pilot.press("escape")
        await pilot.pause()
        pilot.app.screen.flush_pending()
    assert ui.saved().lessons == "Monitor what automation does."


def test_one_action_item_is_counted_in_the_singular_on_the_meeting_step(make_ui) -> None:
    ui = make_ui()
    pm = ui.service.create("Checkout latency", timezone="Europe/Berlin")
    pm, _ = ui.service.add_action(pm, text="Cap cache eviction", owner="Bo", due="+2w")
    content = actions_content(pm, ui.service.today(pm), 100)
    assert str(content).startswith("1 action item · 1 open")


async def test_markup_and_huge_offsets_typed_in_quick_add_are_refused_in_words(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("colon", *"+5[/]m x")  # the preview quotes it: text, not markup
        assert hint_of(pilot, "ff-quick-add") == (
            "'+5[/]m' is not a duration; use +5m, +90s, +1h30m or -2m"
        )
        await pilot.press("enter")
        await pilot.pause()
        error = str(pilot.app.screen.query_one("#ff-quick-add .field-error").render())
        assert error.startswith("'+5[/]m' is not a duration")
        pilot.app.screen.query_one("#quick-add", Input).value = "+" + "9" * 30 + "h x"
        await pilot.pause()
        assert "is out of range" in hint_of(pilot, "ff-quick-add")
    assert len(ui.saved().events) == 24
