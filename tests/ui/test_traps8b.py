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
from pmtui.ui.widgets.form_field import FormField
from pmtui.ui.widgets.timeline_table import TimelineTable
from tests.ui.support import open_sample, wait_for_screen

SMALL = (80, 24)
WIDE = (120, 35)
#: Three weeks after the sample incident (2025-03-19, Europe/Berlin): "now" is not meant.
REVIEW_DAY = datetime(2025, 4, 10, 9, 0, tzinfo=UTC)
#: The sample's last event, selected when the timeline opens (10:36:30 CET).
OFFERED = "2025-03-19 10:36:30"
#: What the rule line says a bare time counts from (three hours before the selected event).
RULE = "14:32 → the first 14:32 after 07:36"


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
        assert form.query_one(".modal-body").max_scroll_y == 0  # the whole form in sight
        await pilot.press(*"09:50")
        assert box.value == "09:50"  # not "2025-03-19 10:36:3009:50"
        assert _shown(form, "#at-preview") == "→ Wed 2025-03-19 09:50 CET"
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


async def test_the_add_form_previews_the_day_a_bare_time_lands_on_at_80x24(make_ui) -> None:
    """A bare time after the selected 10:36:30 event: 23:13 is that night, 02:00 the next
    day, as the rule line says; what is saved is what the preview showed."""
    ui = make_ui()
    ui.service.clock = lambda: REVIEW_DAY
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("a")
        await wait_for_screen(pilot, EventFormModal)
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EventFormModal)
        assert form.query_one("#at", Input).value == OFFERED
        assert _shown(form, "#at-preview") == "→ Wed 2025-03-19 10:36:30 CET"
        assert RULE in _shown(form, "#at-rule")  # the rule stays beside its outcome
        _assert_fits(form, SMALL)
        assert form.query_one(".modal-body").max_scroll_y == 0
        await pilot.press(*"23:13")
        assert _shown(form, "#at-preview") == "→ Wed 2025-03-19 23:13 CET"
        await pilot.press(*["backspace"] * 5, *"26:10")
        assert _shown(form, "#at-preview") == "'26:10' is not a time of day (00:00 to 23:59)"
        _assert_fits(form, SMALL)
        box = form.query_one("#at", Input)
        box.value = "9" * 600  # pasted: the reason quotes it all
        await pilot.pause()
        assert form.query_one("#at-preview").region.height == 2
        _assert_fits(form, SMALL)
        box.value = "26:10"
        await pilot.press(*["backspace"] * 5, *"02:00")
        assert _shown(form, "#at-preview") == "→ Thu 2025-03-20 02:00 CET"
        await pilot.press("tab", "tab", *"Pager fires again", "ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
        await pilot.pause()
        assert pilot.app.screen.query_one(TimelineTable).cursor_event.text == "Pager fires again"
    [added] = [event for event in ui.saved().events if event.text == "Pager fires again"]
    assert added.at == utc(2025, 3, 20, 1, 0)


async def test_the_edit_form_previews_a_bare_time_on_the_events_own_day(make_ui) -> None:
    """The edit form reads 02:00 on the event's day (where the add form reads the next
    day), and its preview says so before the save does it."""
    ui = make_ui()
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot, tab="timeline")
        assert pilot.app.screen.query_one(TimelineTable).select_event("ev-openssl")
        await pilot.press("e")
        await wait_for_screen(pilot, EventFormModal)
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EventFormModal)
        box = form.query_one("#at", Input)
        # Selected as the form opens (typing replaces it); end keeps it to edit.
        assert box.value == "2025-03-19 09:15:30" and box.selected_text == box.value
        await pilot.press("end")
        assert not box.selected_text
        assert _shown(form, "#at-preview") == "→ Wed 2025-03-19 09:15:30 CET"
        assert "on this event's day" in _shown(form, "#at-rule")
        _assert_fits(form, WIDE)
        await pilot.press(*["backspace"] * len(box.value), *"02:00")
        assert _shown(form, "#at-preview") == "→ Wed 2025-03-19 02:00 CET"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert ui.saved().event("ev-openssl").at == utc(2025, 3, 19, 1, 0)


async def test_a_refused_time_says_why_once_and_the_next_one_is_previewed(make_ui) -> None:
    """At 80x24 the reason stands the form's width under the Time box: nothing scrolls."""
    ui = make_ui()
    ui.service.clock = lambda: REVIEW_DAY
    count = len(ui.saved().events)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        form = await _ask_time(pilot, "now resolved all clear")
        field = form.query_one("#ff-at", FormField)
        await pilot.press(*"half past two")
        reason = _shown(form, "#at-preview")
        assert reason.startswith("'half past two' is not a time")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form and field.holds_refused
        # The reason once, not twice, in the error's colours.
        assert not field.query_one(".field-error", Static).display
        assert _shown(form, "#at-preview") == reason
        assert form.query_one("#at-preview").has_class("field-error")
        _assert_fits(form, SMALL)
        assert form.query_one(".modal-body").max_scroll_y == 0
        await pilot.press(*["backspace"] * len("half past two"), *"11:45")
        assert not field.holds_refused
        assert _shown(form, "#at-preview") == "→ Wed 2025-03-19 11:45 CET"
        assert form.query_one("#at-preview").has_class("field-hint")
        assert len(ui.saved().events) == count  # nothing saved meanwhile
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    [added] = [event for event in ui.saved().events if event.text == "all clear"]
    assert added.at == utc(2025, 3, 19, 10, 45)


async def test_the_insert_form_previews_by_the_rule_of_the_add_form(make_ui) -> None:
    """Insert after 09:15:30: 02:00 is the next night (the quick-add rule), not that morning."""
    ui = make_ui()
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot, tab="timeline")
        assert pilot.app.screen.query_one(TimelineTable).select_event("ev-openssl")
        await pilot.press("i")
        await wait_for_screen(pilot, EventFormModal)
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EventFormModal)
        assert _shown(form, "#at-preview") == "→ Wed 2025-03-19 09:16:30 CET"
        assert "14:32 → the first 14:32 after 06:15" in _shown(form, "#at-rule")
        await pilot.press(*"02:00")
        assert _shown(form, "#at-preview") == "→ Thu 2025-03-20 02:00 CET"
        await pilot.press("tab", "tab", *"Night shift rechecks", "ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    [added] = [event for event in ui.saved().events if event.text == "Night shift rechecks"]
    assert added.at == utc(2025, 3, 20, 1, 0)
