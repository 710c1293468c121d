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
    assert parse_names(value, "attendees", split_entries=True) == names
    # A file's entries are read as they are (its round trip is lossless).
    assert parse_names(["Lena, Omar"], "attendees") == ("Lena, Omar",)


async def test_the_timezone_box_completes_a_zone_and_a_refusal_names_the_likely_one(
    make_ui,  # type: ignore[no-untyped-def]
) -> None:
    """Mock meeting 19a: "America/Los" was refused with examples of other zones, and the
    rest typed after the refusal replaced the selected name."""
    from textual.widgets import Input

    from pmtui.ui.modals.new_postmortem import NewPostMortemModal
    from pmtui.ui.screens.workspace import WorkspaceScreen
    from pmtui.ui.widgets.form_field import FormField

    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        dialog = pilot.app.screen
        zone = dialog.query_one("#timezone", Input)
        zone.focus()
        await wait_until(pilot, lambda: zone.has_focus)
        await pilot.press("ctrl+a", *"America/Los", "enter")
        field = dialog.query_one("#ff-timezone", FormField)
        await wait_until(pilot, lambda: field.holds_refused)
        said = str(field.query_one(".field-error").render())
        assert "did you mean 'America/Los_Angeles'?" in said
        assert pilot.app.screen is dialog and not ui.saved_ids()
        await pilot.press("end")  # the refused name kept, to complete it
        await wait_until(pilot, lambda: zone._suggestion == "America/Los_Angeles")
        await pilot.press("right")
        assert zone.value == "America/Los_Angeles"
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab", *"Roblox", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
    (pm_id,) = ui.saved_ids()
    assert ui.saved(pm_id).timezone == "America/Los_Angeles"


async def test_escape_puts_a_wrong_owner_suggestion_away_and_tab_moves_on_without_it(
    make_ui,  # type: ignore[no-untyped-def]
) -> None:
    """Mock meeting 19b: "Lena Fischer" typed, "Lena Fischer, Omar Haddad" suggested; escape
    asked to discard the whole action, and tab took the suggestion."""
    from textual.widgets import Input

    from pmtui.ui.modals.action_form import ActionItemModal
    from pmtui.ui.panes.actions import ActionsPane
    from pmtui.ui.screens.workspace import WorkspaceScreen
    from tests.ui.support import SAMPLE_ID, open_sample

    ui = make_ui()
    ui.service.edit_action(ui.service.get(SAMPLE_ID), "act-edge-probe", owner="Tom Okafor (SRE)")
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="actions")
        pilot.app.screen.query_one(ActionsPane).table.focus()
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        form = pilot.app.screen
        owner = form.query_one("#action-owner", Input)
        await pilot.press(*"Rotate the edge certificate", "tab", *"Tom")
        await wait_until(pilot, lambda: owner.value == "Tom" and owner.suggestion != "")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not owner.suggestion)
        assert pilot.app.screen is form  # no "Discard …?" question
        await pilot.press("tab")
        await wait_until(pilot, lambda: not owner.has_focus)
        assert owner.value == "Tom"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    added = ui.saved().actions[-1]
    assert (added.text, added.owner) == ("Rotate the edge certificate", "Tom")


async def test_one_undo_takes_back_the_last_sentence_typed_not_the_whole_paragraph(
    make_ui,  # type: ignore[no-untyped-def]
) -> None:
    """Mock meeting 19a: a paragraph typed without a pause was one save, so the ctrl+z meant
    for a typo emptied the whole Response section in front of the room."""
    from textual.widgets import TextArea

    from tests.ui.support import open_sample, screen_lines

    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="overview")
        area = pilot.app.screen.query_one("#field-response", TextArea)
        area.focus()
        await wait_until(pilot, lambda: area.has_focus)
        await pilot.press("ctrl+a", "backspace")
        for key in "Nodes were replaced. Then sss":  # typed as a person types, key by key
            await pilot.press(key)
            await pilot.pause()
        await wait_until(pilot, lambda: ui.saved().response == "Nodes were replaced. Then sss")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved().response.strip() == "Nodes were replaced.")
        assert "Nodes were replaced." in "\n".join(screen_lines(pilot.app))


@pytest.mark.parametrize(
    ("rule", "example"),
    [
        ("missing-section", "e.g. nothing fits here for this incident"),
        ("blame-language", "e.g. a quote from the customer's own report"),
        ("milestone-order", "e.g. why the team accepts it as it is"),
    ],
)
async def test_the_waive_dialog_offers_an_example_reason_that_fits_the_check(
    make_ui,  # type: ignore[no-untyped-def]
    rule: str,
    example: str,
) -> None:
    """Mock meeting 19a: waiving a missing Lessons section offered "e.g. a quote from the
    customer's own report"."""
    from textual.widgets import Input

    from pmtui.analysis.findings import Finding, FindingSeverity
    from pmtui.ui.modals.waive import WaiveModal

    finding = Finding(rule, FindingSeverity.WARNING, "lessons", "Lessons learned is empty")
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        pilot.app.push_screen(WaiveModal(finding, "Lessons learned", lambda reason: True))
        await wait_for_screen(pilot, WaiveModal)
        assert pilot.app.screen.query_one("#waive-reason", Input).placeholder == example


async def test_enter_on_the_empty_name_box_of_the_roll_call_says_what_to_do(make_ui) -> None:  # type: ignore[no-untyped-def]
    from pmtui.ui.widgets.form_field import FormField

    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        modal = await _roll_call(pilot, "Priya Raman", "Jonas Weber")
        await pilot.press("enter")
        field = modal.query_one("#ff-attendee-new", FormField)
        await wait_until(pilot, lambda: field.holds_refused)
        assert "type a name first" in str(field.query_one(".field-error").render())
        assert pilot.app.screen is modal
        await pilot.press(*"Sam Lee", "enter")  # the next name clears it
        await wait_until(pilot, lambda: ("Sam Lee", True) in _listed(modal))
        assert not field.holds_refused


async def test_f5_from_the_summary_of_a_new_postmortem_then_a_adds_an_action(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 20b: the empty Actions pane says "Press a to add one"; after F5 from
    Summary the focus was nowhere and `a` was "no key here"."""
    from pmtui.ui.modals.action_form import ActionItemModal
    from pmtui.ui.modals.new_postmortem import NewPostMortemModal
    from pmtui.ui.screens.workspace import WorkspaceScreen

    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        await pilot.press(*"Sites deleted", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        workspace = pilot.app.screen
        await wait_until(pilot, lambda: pilot.app.focused is not None)
        await pilot.press("f5")
        await wait_until(pilot, lambda: workspace.current_pane().TAB_ID == "actions")
        await wait_until(pilot, lambda: pilot.app.focused is not None)
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        await pilot.press(*"Dry-run every deletion script", "ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    (pm_id,) = ui.saved_ids()
    assert [a.text for a in ui.saved(pm_id).actions] == ["Dry-run every deletion script"]
