"""Pilot and snapshot tests of the Checks tab and the blame hints under Overview sections:
what the guides point out is on the screen, and waivers reach the file."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TabbedContent, TextArea

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.waive import WaiveModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.panes.findings import FindingsPane
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.hint_line import BlameHintLine
from tests.ui.support import (
    SAMPLE_ID,
    open_sample,
    pane_of,
    wait_for_screen,
    wait_until,
    workspace_settled,
)
from tests.ui.test_snapshots import SIZES

VAGUE = "Look into monitoring"
BLAME = " The on-call engineer should have noticed the warnings."


def _checks(pilot) -> FindingsPane:  # type: ignore[no-untyped-def]
    return pilot.app.screen.query_one(FindingsPane)


def _tab_label(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one(TabbedContent).get_tab("checks").label)


async def _settled(pilot) -> FindingsPane:  # type: ignore[no-untyped-def]
    """Wait until the guides have read the current post-mortem."""
    pane = await pane_of(pilot, "checks")
    await wait_until(pilot, lambda: pane.up_to_date)
    assert pane.up_to_date
    return pane


async def _type_blame_into_impact(pilot) -> None:  # type: ignore[no-untyped-def]
    area = pilot.app.screen.query_one("#field-impact", TextArea)
    area.focus()
    area.move_cursor(area.document.end)
    await pilot.press(*BLAME)
    # Overview's typing debounce saves it, then the guides read the saved post-mortem.
    await wait_until(pilot, lambda: pilot.app.screen.pm.impact.endswith(BLAME.strip()))
    await _settled(pilot)


async def _change(pilot, ui, change) -> None:  # type: ignore[no-untyped-def]
    """Set up a finding the way any pane would: one service call through the screen."""
    pilot.app.screen.commit(change)
    await pilot.pause()


async def test_a_check_finishing_while_pmtui_quits_is_dropped(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        pane = await _settled(pilot)
        readiness = pane.readiness
        assert readiness is not None
        # Quitting takes the pane's widgets down while a check may still be running.
        await pane.query_one("#checks-list").remove()
        pane._show(pane.pm, readiness)
        await pilot.pause()
        assert pilot.app.return_code is None  # no crash on the way out


async def test_the_checks_tab_is_the_sixth_and_lists_the_sample_as_clean(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        await pilot.press("6")
        pane = await _settled(pilot)
        assert pilot.app.screen.query_one(TabbedContent).active == "checks"
        # At the fixed clock (2025-03-20) nothing is overdue and nothing else is wrong.
        assert pane.entries() == []
        assert _tab_label(pilot) == "Checks"
        assert "No open findings" in str(pane.query_one("#checks-summary").render())
        await pilot.press("f2")
        assert pilot.app.screen.query_one(TabbedContent).active == "overview"
        await pilot.press("f7")
        assert pilot.app.screen.query_one(TabbedContent).active == "checks"
    assert ui.saved().waivers == ()


async def test_a_finding_appears_after_a_change_with_the_count_on_the_tab(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="checks")
        await _change(
            pilot, ui, lambda pm: ui.service.edit_action(pm, "act-edge-probe", text=VAGUE)
        )
        pane = await _settled(pilot)
        assert [(e.rule, e.where) for e in pane.entries()] == [
            ("vague-action", "action_items[act-edge-probe].text")
        ]
        assert _tab_label(pilot) == "Checks 1"
        summary = str(pane.query_one("#checks-summary").render())
        assert "1 warning" in summary and "ready to publish" in summary
        detail = str(pane.query_one("#check-detail").render())
        assert "vague-action · Action “" in detail and "· text" in detail
    assert ui.saved().action("act-edge-probe").text == VAGUE


async def test_an_early_detection_is_a_note_not_counted_on_the_tab(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="checks")
        # Detected 11 minutes before the customer-visible start (07:41:12Z).
        await _change(
            pilot,
            ui,
            lambda pm: ui.service.edit_event(pm, "ev-detected", at="2025-03-19T07:30:00Z"),
        )
        pane = await _settled(pilot)
        assert [(e.rule, e.where) for e in pane.entries()] == [
            ("early-detection", "timeline.start-detected")
        ]
        assert _tab_label(pilot) == "Checks"
        summary = str(pane.query_one("#checks-summary").render())
        assert summary == "✓ No open findings (1 note)."
        heading = pane.finding_list.get_option_at_index(0).prompt
        assert str(heading).startswith("For information")


async def test_blame_typed_into_impact_gives_a_finding_and_an_inline_hint(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        hint = pilot.app.screen.query_one("#blame-impact", BlameHintLine)
        assert not hint.display
        await _type_blame_into_impact(pilot)
        assert hint.display
        assert "'should have'" in hint.text and "judges with hindsight" in hint.text
        # Only the section with blame gets a hint.
        assert not pilot.app.screen.query_one("#blame-summary", BlameHintLine).display
        pane = await _settled(pilot)
        assert [(e.rule, e.where) for e in pane.entries()] == [("blame-language", "impact")]
        assert _tab_label(pilot) == "Checks 1"
    assert ui.saved().impact.endswith(BLAME.strip())


async def test_waiving_with_a_reason_is_saved_and_shown_as_waived(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        await _type_blame_into_impact(pilot)
        await pilot.press("f7")
        pane = await _settled(pilot)
        await pilot.press("w")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, WaiveModal)
        await pilot.press("enter")  # an empty reason is refused inline
        await pilot.pause()
        assert pilot.app.screen is form
        assert "reason" in str(form.query_one("#ff-waive-reason .field-error").render())
        await pilot.press(*"Quoted from the customer's report", "enter")
        await pane.workers.wait_for_complete()
        pane = await _settled(pilot)
        assert not isinstance(pilot.app.screen, WaiveModal)
        (entry,) = pane.entries()
        assert entry.waiver is not None and entry.waiver.reason.startswith("Quoted")
        assert _tab_label(pilot) == "Checks"
        assert "1 waived" in str(pane.query_one("#checks-summary").render())
        # Nothing open is left, so nothing is selected (enter must not open the waived
        # place, mock meeting 17); down selects the waived row and shows who waived it.
        assert pane.selected_entry() is None
        await pilot.press("down")
        assert "Waived by Priya Raman" in str(pane.query_one("#check-detail").render())
        # The team accepted it: the hint under Impact stops nagging.
        assert not pilot.app.screen.query_one("#blame-impact", BlameHintLine).display
    (waiver,) = ui.saved().waivers
    assert (waiver.rule, waiver.where) == ("blame-language", "impact")
    assert waiver.reason == "Quoted from the customer's report"


async def test_unwaive_reopens_the_finding_and_undo_brings_the_waiver_back(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="checks")
        await _change(
            pilot, ui, lambda pm: ui.service.edit_action(pm, "act-edge-probe", text=VAGUE)
        )
        await _change(
            pilot,
            ui,
            lambda pm: ui.service.waive(
                pm, "vague-action", "action_items[act-edge-probe].text", "Team-owned"
            ),
        )
        pane = await _settled(pilot)
        pane.focus_default()
        await pilot.press("down", "u")  # nothing open, so nothing selected until down
        pane = await _settled(pilot)
        (entry,) = pane.entries()
        assert entry.waiver is None
        assert _tab_label(pilot) == "Checks 1"
        assert ui.saved().waivers == ()
        await pilot.press("ctrl+z")
        pane = await _settled(pilot)
        assert pane.entries()[0].waiver is not None
    assert [w.reason for w in ui.saved().waivers] == ["Team-owned"]


async def test_enter_on_a_finding_goes_to_its_place(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="checks")
        await _change(
            pilot, ui, lambda pm: ui.service.edit_action(pm, "act-edge-probe", text=VAGUE)
        )
        await _change(pilot, ui, lambda pm: ui.service.update(pm, impact=pm.impact + BLAME))
        await _change(
            pilot, ui, lambda pm: ui.service.edit_event(pm, "ev-ack", text="Sam forgot the page")
        )
        pane = await _settled(pilot)
        wheres = [e.where for e in pane.entries()]
        assert wheres == ["impact", "timeline[ev-ack].text", "action_items[act-edge-probe].text"]
        assert _tab_label(pilot) == "Checks 3"

        pane.focus_default()
        pane.select("vague-action", "action_items[act-edge-probe].text")
        await pilot.press("enter")
        # Ready to fix: the item's form, its cursor in the words the finding is about.
        await wait_for_screen(pilot, ActionItemModal)
        await wait_until(pilot, lambda: pilot.app.focused.id == "action-text")
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
        screen = pilot.app.screen
        assert screen.query_one(TabbedContent).active == "actions"
        assert screen.query_one(ActionsPane).selected_id() == "act-edge-probe"
        assert pilot.app.focused is screen.query_one(ActionsPane).table

        await pilot.press("f7")
        pane.select("blame-language", "timeline[ev-ack].text")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "timeline"
        assert screen.query_one(TimelinePane).table.cursor_event.id == "ev-ack"

        await pilot.press("f7")
        pane.select("blame-language", "impact")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "overview"
        assert pilot.app.focused is screen.query_one("#field-impact", TextArea)
    assert ui.saved().event("ev-ack").text == "Sam forgot the page"


async def test_enter_on_a_missing_owner_opens_the_form_at_the_owner(make_ui) -> None:
    """Mock meeting 9: after Checks' enter the Actions table had the focus, and the owner's
    name typed next ran `a` (a new action). Now the name lands in the owner's box."""
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="checks")
        await _change(
            pilot, ui, lambda pm: ui.service.edit_action(pm, "act-edge-probe", owner="TBD")
        )
        pane = await _settled(pilot)
        where = "action_items[act-edge-probe].owner"
        assert where in [e.where for e in pane.entries()]
        pane.focus_default()
        pane.select("missing-owner", where)
        await pilot.press("enter")
        await wait_for_screen(pilot, ActionItemModal)
        await wait_until(pilot, lambda: pilot.app.focused.id == "action-owner")
        await pilot.press(*"Priya Raman", "ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
        await wait_until(pilot, lambda: ui.saved().action("act-edge-probe").owner == "Priya Raman")
    assert len(ui.saved().actions) == len(ui.service.store.load(SAMPLE_ID).actions)


async def test_waiving_in_read_only_mode_saves_nothing(make_ui) -> None:
    ui = make_ui(read_only_reason="Another pmtui has this file open.")
    ui.service.edit_action(ui.service.store.load(SAMPLE_ID), "act-edge-probe", text=VAGUE)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="checks")
        await _settled(pilot)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"why not", "enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, WaiveModal)
        assert _checks(pilot).entries()[0].waiver is None
    assert ui.saved().waivers == ()


# Snapshots ---------------------------------------------------------------------------------


def _checks_with_findings():  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        pilot.app.screen.open_postmortem(SAMPLE_ID)
        await pilot.pause()
        await wait_until(pilot, lambda: pilot.app.screen.panes_ready)
        screen = pilot.app.screen
        service = screen.service
        screen.commit(lambda pm: service.edit_action(pm, "act-edge-probe", text=VAGUE))
        screen.commit(lambda pm: service.update(pm, impact=pm.impact + BLAME))
        screen.commit(
            lambda pm: service.waive(
                pm, "vague-action", "action_items[act-edge-probe].text", "Team-owned"
            )
        )
        # Settled before the tab is shown: a label that changes under the active tab
        # would race the tab bar's underline animation.
        await _settled(pilot)
        screen.action_show_tab("checks")
        await wait_until(pilot, lambda: workspace_settled(screen))

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_checks_tab_snapshot(snap_compare, snapshot_ui, size) -> None:
    assert snap_compare(snapshot_ui().app, terminal_size=size, run_before=_checks_with_findings())


async def test_a_waiver_whose_finding_was_fixed_is_listed_and_can_be_removed(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="checks")
        await _change(pilot, ui, lambda pm: ui.service.update(pm, impact=pm.impact + BLAME))
        await _change(
            pilot, ui, lambda pm: ui.service.waive(pm, "blame-language", "impact", "A quote")
        )
        # The wording is fixed afterwards: the waiver now waives nothing.
        await _change(
            pilot,
            ui,
            lambda pm: ui.service.update(pm, impact=pm.impact.replace(BLAME, "")),
        )
        pane = await _settled(pilot)
        (entry,) = pane.entries()
        assert entry.finding is None and entry.waiver is not None
        assert "no longer found" in str(pane.finding_list.get_option_at_index(1).prompt)
        assert _tab_label(pilot) == "Checks"
        pane.focus_default()
        await pilot.press("down", "u")  # nothing open, so nothing selected until down
        pane = await _settled(pilot)
        assert pane.entries() == []
    assert ui.saved().waivers == ()


async def test_running_the_checks_never_writes_out_the_whole_post_mortem(
    make_ui, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Textual names a worker by the repr of its arguments unless told otherwise; the repr
    # of a 100,000-event post-mortem took longer than checking it, on every edit.
    from pmtui.model.postmortem import PostMortem

    written: list[str] = []
    monkeypatch.setattr(PostMortem, "__repr__", lambda pm: written.append(pm.id) or "pm")
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, "checks")
        await _settled(pilot)
    assert written == []


async def test_the_waiver_records_who_waived_and_remembers_the_name(make_ui) -> None:
    """Mock reviews 28a and 28b: the facilitator waived, and the published document said
    "waived by" the post-mortem's owner, who had not."""
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        await _type_blame_into_impact(pilot)
        await pilot.press("f7")
        await _settled(pilot)
        await pilot.press("w")
        await wait_for_screen(pilot, WaiveModal)
        by = pilot.app.screen.query_one("#waive-by", Input)
        assert by.value == "Priya Raman"  # nobody named yet: the owner, to change
        await pilot.press(*"Quoted from the customer's report", "tab")
        await wait_until(pilot, lambda: by.has_focus)
        await pilot.press("ctrl+a", *"Sam Lee", "enter")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, WaiveModal))
        assert pilot.app.waived_by == "Sam Lee"
    (waiver,) = ui.saved().waivers
    assert waiver.waived_by == "Sam Lee"
