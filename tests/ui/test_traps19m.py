"""Pilot tests from mock meeting 19b (issue 12): names typed in the roll call with a comma
between them ("Lena Fischer, Omar Haddad") were saved as one attendee, who then came up as
one action owner; the Overview's comma-separated Attendees split them again on its next save.
Each presses the keys a facilitator would and checks the screen and what reached the file."""

from __future__ import annotations

import pytest

from pmtui.model.codec import parse_names
from pmtui.ui.screens.meeting import MeetingScreen
from tests.ui.support import wait_for_screen, wait_until
from tests.ui.test_traps6b import _listed, _roll_call

SMALL = (80, 24)


async def test_names_typed_with_a_comma_in_the_roll_call_are_several_people(make_ui) -> None:  # type: ignore[no-untyped-def]
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        modal = await _roll_call(pilot, "Priya Raman", "Jonas Weber")
        await pilot.press(*"Lena Fischer, Omar Haddad", "enter")
        await wait_until(pilot, lambda: ("Omar Haddad", True) in _listed(modal))
        assert ("Lena Fischer", True) in _listed(modal)
        assert not [name for name, _ in _listed(modal) if "," in name]
        await pilot.press(*"Kim Lee ,  Raj Patel", "ctrl+s")  # typed, not entered: counted
        await wait_for_screen(pilot, MeetingScreen)
    attendees = ui.saved().attendees
    for name in ("Lena Fischer", "Omar Haddad", "Kim Lee", "Raj Patel"):
        assert name in attendees
    assert not [name for name in attendees if "," in name]


@pytest.mark.parametrize(
    ("value", "names"),
    [
        (["Lena Fischer, Omar Haddad", "Jonas"], ("Lena Fischer", "Omar Haddad", "Jonas")),
        ("Lena, , Omar", ("Lena", "Omar")),
        (("Sam",), ("Sam",)),
    ],
)
def test_a_listed_name_holding_commas_is_the_names_it_separates(
    value: object, names: tuple[str, ...]
) -> None:
    assert parse_names(value, "attendees") == names
