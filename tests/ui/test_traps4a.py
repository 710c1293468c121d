"""Pilot tests of the traps a first-time facilitator hit in a mock review (issue 12).

tmux sends a group of keys in one burst, as a fast typist or a paste would: every key is
handed to the app before the first is handled. `burst` does the same; each test checks the
screen and what reached the file, and fails on the code before its fix.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, Select, SelectionList

from pmtui.ui.modals.attendees import AttendeesModal
from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.screens.home import HomeScreen
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import open_sample, wait_for_screen, wait_until

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
        for name in ("title", "incident_date", "timezone")
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
