"""Pilot tests of the traps a first-time facilitator hit in a mock review (issue 12).

tmux sends a group of keys in one burst, as a fast typist or a paste would: every key is
handed to the app before the first is handled. `burst` does the same; each test checks the
screen and what reached the file, and fails on the code before its fix.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, Select, SelectionList, Static

from pmtui.analysis.findings import FindingSeverity
from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.attendees import AttendeesModal
from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.screens.home import HomeScreen
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import (
    SAMPLE_ID,
    open_sample,
    recorded_notifications,
    wait_for_screen,
    wait_until,
)

#: The shared screen the mock review ran on.
SMALL = (80, 24)


def burst(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Hand `keys` to the app all at once, as the terminal driver does for a tmux burst.
    (pilot.press waits for the app to go idle between keys: a slow typist.)"""
    for key in keys:
        character = " " if key == "space" else key if len(key) == 1 else None
        event = events.Key(key, character)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)


def typed(text: str) -> list[str]:
    return ["space" if character == " " else character for character in text]


# 1. New post-mortem dialog ---------------------------------------------------------------

NEW_POSTMORTEM_KEYS = [
    *typed("Roblox outage, compact pass"),
    "tab",
    "enter",
    "up",
    "up",
    "enter",
    "tab",
    "ctrl+a",
    *typed("2021-10-28"),
    "tab",
    *typed("Dana Whitfield"),
    "tab",
    "ctrl+a",
    *typed("UTC"),
]


async def open_new_dialog(pilot) -> NewPostMortemModal:  # type: ignore[no-untyped-def]
    await wait_for_screen(pilot, HomeScreen)
    await pilot.press("n")
    await wait_for_screen(pilot, NewPostMortemModal)
    return pilot.app.screen


def form_values(form: NewPostMortemModal) -> dict[str, str]:
    values = {
        name: form.query_one(f"#{name}", Input).value
        for name in ("title", "owner", "incident_date", "timezone")
    }
    values["severity"] = str(form.query_one("#severity", Select).value)
    return values


async def test_a_burst_in_the_new_dialog_lands_where_slow_keys_land(make_ui) -> None:
    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=SMALL) as pilot:
        form = await open_new_dialog(pilot)
        burst(pilot, *NEW_POSTMORTEM_KEYS)
        timezone = form.query_one("#timezone", Input)
        await wait_until(pilot, lambda: timezone.value == "UTC" or ui.saved_ids())
        # The enters opened and closed the severity list: nothing was created yet.
        assert ui.saved_ids() == []
        assert pilot.app.screen is form
        assert timezone.has_focus
        assert form_values(form) == {
            "title": "Roblox outage, compact pass",
            "owner": "Dana Whitfield",
            "severity": "SEV1",
            "incident_date": "2021-10-28",
            "timezone": "UTC",
        }
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
    [created] = ui.saved_ids()
    saved = ui.saved(created)
    assert (saved.title, saved.severity.value) == ("Roblox outage, compact pass", "SEV1")
    assert (saved.incident_date.isoformat(), saved.timezone) == ("2021-10-28", "UTC")
    assert saved.owner == "Dana Whitfield"


async def test_one_submit_creates_one_postmortem_however_often_enter_comes(make_ui) -> None:
    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_new_dialog(pilot)
        burst(pilot, *typed("Twice"), "enter", "enter", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        await pilot.pause()
    assert len(ui.saved_ids()) == 1


# 2. Roll call --------------------------------------------------------------------------

ROLL_CALL = ["Dana Ortiz", "Sam Lee", "Priya Nair", "Chen Wu"]


async def open_roll_call(pilot) -> AttendeesModal:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="timeline")
    await pilot.press("m")
    await wait_for_screen(pilot, MeetingScreen)
    await pilot.press("r")
    await wait_for_screen(pilot, AttendeesModal)
    return pilot.app.screen


async def test_a_burst_of_names_adds_each_name_and_keeps_the_roll_call_open(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        modal = await open_roll_call(pilot)
        names = modal.query_one(SelectionList)
        before = names.option_count
        burst(pilot, *(key for name in ROLL_CALL for key in [*typed(name), "enter"]))
        await wait_until(
            pilot,
            lambda: names.option_count >= before + len(ROLL_CALL) or pilot.app.screen is not modal,
        )
        await pilot.pause()
        assert pilot.app.screen is modal  # no enter closed it
        added = [str(names.get_option_at_index(i).value) for i in range(before, names.option_count)]
        assert added == ROLL_CALL
        assert all(name in names.selected for name in ROLL_CALL)
        assert modal.query_one("#attendee-new", Input).value == ""
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MeetingScreen)
    saved = ui.saved().attendees
    assert all(name in saved for name in ROLL_CALL)
    assert not any("Priya NairChen" in name for name in saved)


def tick_box_style(names: SelectionList, row: int):  # type: ignore[no-untyped-def,type-arg]
    """The style of the X drawn in row `row`'s box (the second segment of its line)."""
    return list(names.render_line(row))[1].style


async def test_the_highlighted_row_shows_whether_its_box_is_ticked(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        modal = await open_roll_call(pilot)
        names = modal.query_one(SelectionList)
        names.focus()
        names.highlighted = 0
        await pilot.pause()
        first = str(names.get_option_at_index(0).value)
        assert first in names.selected
        ticked = tick_box_style(names, 0)
        await pilot.press("space")  # untick the highlighted name
        await wait_until(pilot, lambda: first not in names.selected)
        unticked = tick_box_style(names, 0)
        assert names.highlighted == 0
        # Ticked: an X that stands out; unticked: no X to be read at all.
        assert ticked.color != ticked.bgcolor
        assert unticked.color == unticked.bgcolor
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MeetingScreen)
    assert first not in ui.saved().attendees


# 3. Action form: where the cursor is, and an action assigned later ------------------------


async def meeting_actions_step(pilot) -> MeetingScreen:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="timeline")
    await pilot.press("m")
    await wait_for_screen(pilot, MeetingScreen)
    await pilot.press("5")
    meeting = pilot.app.screen
    await wait_until(pilot, lambda: meeting.step == 4)
    return meeting


def look(box: Input) -> tuple[object, ...]:
    """The colours of a box's edges: the error mark and the focus ring are drawn there."""
    return (box.styles.border_left[1], box.styles.border_right[1])


@pytest.mark.parametrize("size", [SMALL, (120, 40)], ids=["compact", "bordered"])
async def test_the_focused_field_stands_out_among_refused_ones(make_ui, size) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        await meeting_actions_step(pilot)
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        form = pilot.app.screen
        text, due = (form.query_one(f"#action-{name}", Input) for name in ("text", "due"))
        tracker = form.query_one("#action-tracker", Input)
        due.focus()
        await pilot.pause()
        # No text, and a quarter is not a date; sent in one burst, ctrl+s last.
        burst(pilot, *typed("2022-Q1"), "ctrl+s")
        await wait_until(pilot, lambda: form.query_one("#ff-text").has_class("-invalid"))
        await pilot.pause()  # the typing's own change messages arrive after the refusal
        assert form.query_one("#ff-due").has_class("-invalid")
        assert text.has_focus  # the first refused field has the cursor
        # Both refused fields are marked, the focused one unlike the other one.
        assert look(due) != look(tracker)
        assert look(text) != look(due)
        await pilot.press("tab")  # to the owner; the deadline still refused
        await pilot.pause()
        assert look(text) == look(due)
    assert len(ui.saved().actions) == 5


async def test_a_meeting_saves_an_action_now_and_assigns_it_later(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        meeting = await meeting_actions_step(pilot)
        told = recorded_notifications(pilot.app)
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        burst(pilot, *typed("Alert on a failed certificate renewal"), "ctrl+s")
        await wait_for_screen(pilot, MeetingScreen)
        assert told == ["Saved without an owner or a deadline — o assigns them."]
        saved = ui.saved().actions[-1]
        assert (saved.text, saved.owner, saved.due) == (
            "Alert on a failed certificate renewal",
            "",
            None,
        )
        blocking = [
            finding.rule
            for finding in ui.service.findings(ui.saved())
            if f"[{saved.id}]" in finding.where and finding.severity is FindingSeverity.BLOCKING
        ]
        assert blocking == ["missing-owner"]  # one finding names both
        # The new item is the marked one: o assigns it.
        assert meeting.selected_action() == saved
        await pilot.press("o")
        await wait_for_screen(pilot, ActionItemModal)
        burst(pilot, *typed("Chen Wu"), "tab", *typed("+2w"), "ctrl+s")
        await wait_for_screen(pilot, MeetingScreen)
    assigned = ui.saved().action(saved.id)
    assert (assigned.owner, assigned.due.isoformat()) == ("Chen Wu", "2025-04-03")


# 4. Owner suggestions: the name only ----------------------------------------------------


async def open_action_form_with_people(ui, pilot) -> ActionItemModal:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="actions")
    pilot.app.screen.query_one(ActionsPane).table.focus()
    await pilot.press("a")
    await wait_for_screen(pilot, ActionItemModal)
    return pilot.app.screen


async def test_a_suggested_owner_is_the_name_without_its_note(make_ui) -> None:
    ui = make_ui()
    pm = ui.service.get(SAMPLE_ID)
    people = [*pm.attendees, "Dana Ortiz (facilitator)", "Sam Lee", "Sam Leeds"]
    ui.service.update(pm, attendees=people)
    async with ui.app.run_test(size=SMALL) as pilot:
        form = await open_action_form_with_people(ui, pilot)
        owner = form.query_one("#action-owner", Input)
        due = form.query_one("#action-due", Input)
        # A few letters: tab takes the name only; the note is shown beside it.
        burst(pilot, *typed("Probe certificate expiry"), "tab", *typed("Dan"))
        await wait_until(pilot, lambda: owner.value == "Dan")
        hint = str(form.query_one("#ff-owner .field-hint", Static).render())
        assert "“Dana Ortiz” (facilitator)" in hint
        burst(pilot, "tab")
        await wait_until(pilot, lambda: due.has_focus)
        assert owner.value == "Dana Ortiz"
        # The name typed in full: tab moves on and adds nothing.
        owner.focus()
        await pilot.pause()
        burst(pilot, "ctrl+a", *typed("Dana Ortiz"), "tab", *typed("+2w"))
        await wait_until(pilot, lambda: due.value == "+2w")
        assert owner.value == "Dana Ortiz"
        # A full name that starts a longer one is not lengthened either.
        owner.focus()
        await pilot.pause()
        burst(pilot, "ctrl+a", *typed("Sam Lee"), "tab", "ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert ui.saved().actions[-1].owner == "Sam Lee"
