"""Pilot tests of the traps a first-time facilitator hit in a mock review (issue 12).

tmux sends a group of keys in one burst, as a fast typist or a paste would: every key is
handed to the app before the first is handled. `burst` does the same; each test checks the
screen and what reached the file, and fails on the code before its fix.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, Select

from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.screens.home import HomeScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import wait_for_screen, wait_until

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
