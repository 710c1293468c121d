"""Pilot tests of the event form's Time field, from a new-user mock review (issue 12, part 8b):
the time an older incident's "now" line offers is selected, so a typed time replaces it, and
under the box stands the exact instant the typed time will be saved at (each form's own rule),
or why it cannot be read. Each presses the keys a user would and checks the screen and what
reached the file."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Input, Static
from textual.widgets.input import Selection

from pmtui.ui.modals.event_form import EventFormModal
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import open_sample, wait_for_screen

SMALL = (80, 24)
WIDE = (120, 35)
#: Three weeks after the sample incident (2025-03-19, Europe/Berlin): "now" is not meant.
REVIEW_DAY = datetime(2025, 4, 10, 9, 0, tzinfo=UTC)
#: The sample's last event, selected when the timeline opens (10:36:30 CET).
OFFERED = "2025-03-19 10:36:30"
#: What the rule line says a bare time counts from (three hours before the selected event).
RULE = "14:32 = the next 14:32 from 07:36"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def _shown(form: EventFormModal, selector: str) -> str:
    line = form.query_one(selector, Static)
    return str(line.render()) if line.display else ""


def _assert_fits(
    form: EventFormModal,
    size: tuple[int, int],
    selectors: tuple[str, ...] = ("#at-preview", "#at-rule", "#cancel", "#save"),
) -> None:
    """The preview, the rule and both buttons are inside the dialog and above the footer."""
    body = form.query_one(".modal-body").region
    for selector in selectors:
        region = form.query_one(selector).region
        assert region.height > 0 and body.contains_region(region), (selector, region, body)
        assert region.bottom <= size[1] - 1


async def _ask_time(pilot, line: str) -> EventFormModal:  # type: ignore[no-untyped-def]
    """Type `line` in the quick-add line of an older incident: enter asks for its time."""
    await pilot.press("slash", *line, "enter")
    await wait_for_screen(pilot, EventFormModal)
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, EventFormModal)
    return form


async def test_a_time_typed_in_the_asked_form_replaces_the_offered_one(make_ui) -> None:
    ui = make_ui()
    ui.service.clock = lambda: REVIEW_DAY
    count = len(ui.saved().events)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        form = await _ask_time(pilot, "now resolved all clear")
        box = form.query_one("#at", Input)
        assert box.value == OFFERED and box.has_focus
        assert box.selection == Selection(0, len(OFFERED))  # shown selected: typing replaces
        assert form.query_one("#text", Input).value == "all clear"
        await pilot.press(*"09:50")
        assert box.value == "09:50"  # not "2025-03-19 10:36:3009:50"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    events = ui.saved().events
    assert len(events) == count + 1
    [added] = [event for event in events if event.text == "all clear"]
    assert (added.at, added.kind.value) == (utc(2025, 3, 19, 8, 50), "resolved")


async def test_right_arrow_in_the_asked_form_keeps_the_offered_time(make_ui) -> None:
    ui = make_ui()
    ui.service.clock = lambda: REVIEW_DAY
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        form = await _ask_time(pilot, "now note partners told")
        await pilot.press("right", *"5")  # the cursor goes to the end: the 5 is added
        assert form.query_one("#at", Input).value == OFFERED + "5"
        await pilot.press("backspace", "ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    [added] = [event for event in ui.saved().events if event.text == "partners told"]
    assert added.at == utc(2025, 3, 19, 9, 36, 30)
