"""Pilot tests of the form traps a first-time facilitator met in a mock review of the GitHub
2018-10-21 outage at 120x35 and 80x24 (issue 12, part 6b): each presses the keys a user
would and checks both the screen and what reached the file."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select, SelectionList, Static, TextArea

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.attendees import AttendeesModal
from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets import type_select
from tests.ui.support import SAMPLE_ID, open_sample, wait_for_screen, wait_until

SIZES = [(80, 24), (120, 35)]


def _shown(select: Select) -> str:  # type: ignore[type-arg]
    """What a closed select shows as its value."""
    return str(select.query_one("SelectCurrent #label").render())


async def _open_action_form(pilot) -> ActionItemModal:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one(ActionsPane).table.focus()
    await pilot.press("a")
    await wait_for_screen(pilot, ActionItemModal)
    return pilot.app.screen


# 4. The factor picker names each factor as the Five Whys pane does --------------------------


async def test_the_factor_picker_names_each_factor_by_its_title_and_category(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="actions")
        form = await _open_action_form(pilot)
        await pilot.press(*"Page on expiring certificates")
        # owner, deadline, priority, type, status, tracker, then the factor picker
        await pilot.press(*["tab"] * 7)
        picker = form.query_one("#action-factor_id", Select)
        assert form.focused is picker
        await pilot.press("enter")
        overlay = picker.query_one("SelectOverlay")
        prompts = [str(overlay.get_option_at_index(i).prompt) for i in range(3)]
        # Title first, category after: type-ahead finds a factor by the words it starts with.
        assert prompts[1].startswith("Certificate renewal failed for 15 days")
        assert prompts[1].endswith("(monitoring)")
        assert prompts[2].startswith("The expired certificate was served for 22")
        assert prompts[2].endswith("(process)")
        await pilot.press("down", "down", "enter")
        assert _shown(picker).startswith("The expired certificate")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
        await wait_until(pilot, lambda: len(pilot.app.screen.pm.actions) == 6)
    saved = ui.saved().actions[-1]
    assert (saved.text, saved.factor_id) == ("Page on expiring certificates", "why-expiry-check")


# 5. A new post-mortem opens with the cursor where its first words go ----------------------


@pytest.mark.parametrize("size", SIZES)
async def test_after_creating_a_post_mortem_the_next_letters_are_its_summary(
    make_ui, size: tuple[int, int]
) -> None:
    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        await pilot.press(*"GitHub 2018-10-21 outage", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        workspace = pilot.app.screen
        summary = workspace.query_one("#field-summary", TextArea)
        await wait_until(pilot, lambda: workspace.focused is summary)
        # Visibly: the box and its heading are scrolled into the Overview's view.
        scroll = workspace.query_one("#overview-scroll")
        heading = workspace.query_one("#heading-summary", Static)
        await wait_until(pilot, lambda: scroll.region.contains_region(heading.region))
        assert scroll.region.contains_region(summary.region)
        # From the tab bar, the first "m" typed opened meeting mode.
        await pilot.press(*"A network partition split the MySQL primaries")
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        await wait_until(pilot, lambda: workspace.pm.summary.endswith("primaries"))
        assert summary.text == "A network partition split the MySQL primaries"
    (pm_id,) = ui.saved_ids()
    assert ui.saved(pm_id).summary == "A network partition split the MySQL primaries"


# 2. A refused value stays in its field, the reason beside it -------------------------------

LONG_TAG = "mysql-primary-failover-" + "x" * 180  # 203 characters: a tag holds at most 200


@pytest.mark.parametrize(
    ("name", "typed", "reason"),
    [
        ("services", ", " + LONG_TAG, "entry 5: too long: 203 characters (at most 200)"),
        ("owner", " and the whole database team" + " of GitHub" * 18, "too long"),
        ("incident_date", "the 21st", "is not a date"),
        ("timezone", "/Eastern", "is not a known timezone"),
        ("customer_impact_start", "22:52 PDT", "is not a time"),
    ],
)
async def test_a_refused_overview_value_stays_in_its_field_after_other_saves(
    make_ui, name: str, typed: str, reason: str
) -> None:
    ui = make_ui()
    before = getattr(ui.saved(), name)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        box = workspace.query_one(f"#field-{name}", Input)
        box.focus()
        await pilot.press("end", *typed, "tab")  # leaving the field saves it: refused
        wanted = box.value
        field = workspace.query_one(f"#ff-{name}")
        await wait_until(pilot, lambda: field.has_class("-invalid"))
        # Then the facilitator goes on writing elsewhere, which is saved and shown again.
        workspace.query_one("#field-title", Input).focus()
        await pilot.press("end", *" (draft)")
        await wait_until(pilot, lambda: workspace.pm.title.endswith("(draft)"))
        workspace.query_one("#field-summary", TextArea).focus()  # the title saved on leaving
        await pilot.pause()
        assert box.value == wanted
        assert wanted.endswith(typed.strip()[-8:])
        error = field.query_one(".field-error", Static)
        assert error.display and reason in str(error.render())
    saved = ui.saved(SAMPLE_ID)
    assert getattr(saved, name) == before
    assert saved.title.endswith("(draft)")


# 1. Letters typed on a closed drop-down pick a choice, or say which it takes -------------


async def test_letters_on_the_action_forms_drop_downs_pick_their_choices(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="actions")
        form = await _open_action_form(pilot)
        await pilot.press(*"Fence writes to the old primary", "tab", "tab", "tab")
        priority = form.query_one("#action-priority", Select)
        assert form.focused is priority
        await pilot.press("2", "tab", *"pro", "tab", "d")
        kind = form.query_one("#action-kind", Select)
        status = form.query_one("#action-status", Select)
        assert (_shown(priority), _shown(kind), _shown(status)) == ("P2 · high", "process", "done")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
        await wait_until(pilot, lambda: len(pilot.app.screen.pm.actions) == 6)
    saved = ui.saved().actions[-1]
    assert saved.text == "Fence writes to the old primary"
    assert (saved.priority.value, saved.kind.value, saved.status.value) == ("P2", "process", "done")


@pytest.mark.parametrize("size", SIZES)
async def test_a_letter_no_severity_starts_with_says_which_it_takes(
    make_ui, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        dialog = pilot.app.screen
        await pilot.press(*"GitHub 2018-10-21", "tab")  # a slip: the rest lands on Severity
        severity = dialog.query_one("#severity", Select)
        hint = dialog.query_one("#ff-severity .field-hint", Static)
        await pilot.press("o")
        assert _shown(severity) == "SEV3"  # unchanged
        assert hint.display
        assert "“o” is not a choice: SEV1, SEV2, SEV3, SEV4, SEV5" in str(hint.render())
        monkeypatch.setattr(type_select, "TYPE_AHEAD_PAUSE", 0.0)  # "1" after a pause
        await pilot.press("1")
        assert _shown(severity) == "SEV1"
        assert not hint.display  # the field's own (empty) hint is back
        await pilot.press("shift+tab", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
    (pm_id,) = ui.saved_ids()
    assert (ui.saved(pm_id).title, ui.saved(pm_id).severity.value) == ("GitHub 2018-10-21", "SEV1")


async def test_a_digit_on_the_overviews_severity_picks_and_saves_it(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        severity = workspace.query_one("#field-severity", Select)
        severity.focus()
        await pilot.press("4")
        assert _shown(severity) == "SEV4"
        await wait_until(pilot, lambda: workspace.pm.severity.value == "SEV4")
    assert ui.saved().severity.value == "SEV4"


# 3. One person is listed once in the roll call ---------------------------------------------


async def _roll_call(pilot, owner: str, attendees: str) -> AttendeesModal:  # type: ignore[no-untyped-def]
    """The sample with `owner` and `attendees` (no action owned by a Priya), roll call open."""
    await open_sample(pilot, tab="timeline")
    workspace = pilot.app.screen
    service = workspace.service
    workspace.commit(lambda pm: service.update(pm, owner=owner, attendees=attendees))
    workspace.commit(lambda pm: service.edit_action(pm, "act-breakglass", owner="Lena Hoffmann"))
    await pilot.press("m")
    await wait_for_screen(pilot, MeetingScreen)
    await pilot.press("r")
    await wait_for_screen(pilot, AttendeesModal)
    return pilot.app.screen


def _listed(modal: AttendeesModal) -> list[tuple[str, bool]]:
    names = modal.query_one(SelectionList)
    values = [str(names.get_option_at_index(i).value) for i in range(names.option_count)]
    return [(value, value in names.selected) for value in values]


@pytest.mark.parametrize("size", SIZES)
async def test_the_owners_first_name_and_the_typed_full_name_are_one_entry(
    make_ui, size: tuple[int, int]
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        modal = await _roll_call(pilot, "Priya", "Jonas Weber, Sam Okafor")
        assert ("Priya", True) in _listed(modal)  # the owner is in the room by definition
        await pilot.press(*"Priya Raman", "enter")
        await wait_until(pilot, lambda: ("Priya Raman", True) in _listed(modal))
        assert [name for name, _ in _listed(modal) if name.startswith("Priya")] == ["Priya Raman"]
        hint = modal.query_one("#ff-attendee-new .field-hint", Static)
        assert hint.display
        told = " ".join(str(hint.render()).split())
        assert told == "Priya and Priya Raman are one person: listed once as Priya Raman"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MeetingScreen)
        # The header names her as the roll call did, and the notice says so.
        told_owner = "Attendees saved: 3 present. The owner is now Priya Raman."
        await wait_until(
            pilot, lambda: told_owner in [note.message for note in pilot.app._notifications]
        )
        await pilot.press("r")
        await wait_for_screen(pilot, AttendeesModal)
        again = pilot.app.screen
        assert [n for n, _ in _listed(again) if n.startswith("Priya")] == ["Priya Raman"]
    saved = ui.saved().attendees
    assert "Priya Raman" in saved
    assert "Priya" not in saved
    assert ui.saved().owner == "Priya Raman"


async def test_two_people_who_share_a_first_name_are_never_merged(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        # "Sam" could be either of them: all three stay as written.
        modal = await _roll_call(pilot, "Sam", "Sam Lee")
        await pilot.press(*"Sam Park", "enter")
        await wait_until(pilot, lambda: ("Sam Park", True) in _listed(modal))
        sams = [entry for entry in _listed(modal) if entry[0].split()[0] == "Sam"]
        # (Sam Okafor owns an action: listed, not ticked.)
        assert sams == [("Sam Lee", True), ("Sam", True), ("Sam Okafor", False), ("Sam Park", True)]
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MeetingScreen)
    saved = ui.saved().attendees
    assert {"Sam", "Sam Lee", "Sam Park"} <= set(saved)
    assert ui.saved().owner == "Sam"  # could be either: the header keeps what was written


async def test_a_roll_call_name_too_long_to_save_stays_in_the_box_with_the_reason(
    make_ui,
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        modal = await _roll_call(pilot, "Priya Raman", "Jonas Weber")
        box = modal.query_one("#attendee-new", Input)
        name = "Site reliability on-call for the US-East MySQL fleet " * 4  # 212 characters
        box.value = name.strip()[:-5]  # most of it typed before (keys are slow in a test)
        box.cursor_position = len(box.value)
        await pilot.press(*"fleet", "enter")
        field = modal.query_one("#ff-attendee-new")
        await wait_until(pilot, lambda: field.has_class("-invalid"))
        assert box.value == name.strip()
        error = " ".join(str(field.query_one(".field-error", Static).render()).split())
        assert error == "too long: 211 characters (at most 200)"
        assert name.strip() not in [entry for entry, _ in _listed(modal)]
        await pilot.press("ctrl+s")  # saving keeps refusing it, and keeps it
        await pilot.pause()
        assert pilot.app.screen is modal and box.value == name.strip()
        # Shortened, it joins the list ticked.
        await pilot.press("ctrl+a", *"MySQL on-call", "enter")
        await wait_until(pilot, lambda: ("MySQL on-call", True) in _listed(modal))
        assert not field.has_class("-invalid") and box.value == ""
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MeetingScreen)
    assert "MySQL on-call" in ui.saved().attendees
