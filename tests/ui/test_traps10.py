"""Pilot tests of traps the ninth new-user mock meeting found (issue 12, Fastly 2021-06-08):
the owner was searched for in the header after creating (tab x3 from Summary put "Priya Raman"
into Detection). Each test checks the screen and what reached the file."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import TextArea

from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import wait_for_palette_hit, wait_for_screen, wait_until


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_the_new_post_mortem_dialog_names_its_owner(make_ui, size) -> None:  # type: ignore[no-untyped-def]
    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        # Title, then severity, date and the owner, in the order the dialog shows them.
        await pilot.press(*"Fastly global CDN outage", "tab", "tab", "tab")
        assert pilot.app.focused is not None and pilot.app.focused.id == "owner"
        await pilot.press(*"Priya Raman", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        summary = pilot.app.screen.query_one("#field-summary", TextArea)
        await wait_until(pilot, lambda: pilot.app.focused is summary)
        await pilot.pause()
        said = [note.message for note in pilot.app._notifications]
        # At 80x24 the header is out of view: what is left up there is named, not the owner.
        assert not any("Owner, attendees" in note for note in said)
        assert any("Attendees and tags are above" in note for note in said) is (size[1] == 24)
        # What was given in the dialog, out of view at 80x24, is said back (mock meeting 14).
        assert any("Created: SEV" in n and "owner Priya Raman" in n for n in said) is (
            size[1] == 24
        )
    (pm,) = [ui.service.get(summary.id) for summary in ui.service.summaries()]
    assert pm.owner == "Priya Raman"
    assert pm.title == "Fastly global CDN outage"


async def test_the_roll_call_marks_ticked_names_with_a_tick_and_leaves_the_others_empty(
    make_ui,
) -> None:
    """Mock meeting 9: ticked and unticked names differed only by a shade, and a copy of the
    screen (tmux capture) showed an X in every box."""
    from textual.widgets import SelectionList

    from pmtui.ui.modals.attendees import AttendeesModal
    from pmtui.ui.screens.meeting import MeetingScreen
    from pmtui.ui.widgets.tick_list import TICKED
    from tests.ui.support import open_sample

    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot)
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("6", "r")
        await wait_for_screen(pilot, AttendeesModal)
        names = pilot.app.screen.query_one(SelectionList)
        await pilot.press("shift+tab", "space")  # untick the first name: Priya Raman
        await wait_until(pilot, lambda: "Priya Raman" not in names.selected)
        lines = [names.render_line(y).text for y in range(names.size.height)]
        rows = {line.strip()[3:].strip(): line.strip()[:3] for line in lines if line.strip()}
        assert rows["Priya Raman"] == "▐ ▌"
        assert rows["Jonas Weber"] == f"▐{TICKED}▌"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MeetingScreen)
    assert "Priya Raman" not in ui.saved().attendees


async def test_undo_and_redo_of_an_action_edit_in_the_meeting_open_no_form(make_ui) -> None:
    """Mock meeting 10: after `o` assigned an owner on step 5, ctrl+z said "Undid: edit action"
    and opened the item's form, so the next ctrl+z went into that form."""
    from pmtui.ui.screens.meeting import MeetingScreen
    from tests.ui.support import open_sample

    ui = make_ui()
    action_id = ui.saved().actions[0].id
    owner = ui.saved().actions[0].owner
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot)
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        await pilot.press("5", "o")
        await wait_until(pilot, lambda: pilot.app.focused is not None)
        await wait_until(pilot, lambda: pilot.app.focused.id == "action-owner")
        await pilot.press(*"Noor Aziz", "ctrl+s")
        await wait_until(pilot, lambda: pilot.app.screen is meeting)
        await wait_until(pilot, lambda: ui.saved().action(action_id).owner == "Noor Aziz")
        for key, want in (("ctrl+z", owner), ("ctrl+y", "Noor Aziz"), ("ctrl+z", owner)):
            await pilot.press(key)
            await wait_until(pilot, lambda want=want: ui.saved().action(action_id).owner == want)
            await pilot.pause()
            assert pilot.app.screen is meeting, key


async def test_the_factor_form_marks_linked_events_with_a_tick_and_leaves_the_others_empty(
    make_ui,
) -> None:
    """Mock meeting 10: in "Timeline events that show it" every row showed an X, linked or not."""
    from textual.widgets import ListView, SelectionList

    from pmtui.ui.modals.factor_form import FactorModal
    from pmtui.ui.panes.whys import WhysPane
    from pmtui.ui.widgets.tick_list import TICKED
    from tests.ui.support import open_sample

    ui = make_ui()
    linked = set(ui.saved().factor("why-renewal").event_ids)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pilot.app.screen.query_one(WhysPane).query_one("#whys-ladder", ListView).focus()
        await pilot.press("f")
        await wait_for_screen(pilot, FactorModal)
        events = pilot.app.screen.query_one("#factor-events", SelectionList)
        events.focus()
        await pilot.press("home", "space")  # the first event was linked: unlinked
        first = events.get_option_at_index(0).value
        await wait_until(pilot, lambda: first not in events.selected)
        boxes = [events.render_line(y).text.strip()[:3] for y in range(events.size.height)]
        ids = [events.get_option_at_index(n).value for n in range(len(boxes))]
        assert first in linked and len(linked & set(ids)) > 1
        for event_id, box in zip(ids, boxes, strict=True):
            ticked = event_id in linked and event_id != first
            assert box == (f"▐{TICKED}▌" if ticked else "▐ ▌"), event_id


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+l"])
async def test_quitting_or_leaving_with_a_refused_tag_says_so_first(make_ui, key: str) -> None:
    """Mock meeting 10: a 248-character tag was refused ("✗ Not saved") and ctrl+q quit at
    once, dropping what was typed in the field without a word."""
    from textual.widgets import Input

    from pmtui.ui.screens.home import HomeScreen
    from tests.ui.support import open_sample, recorded_notifications

    ui = make_ui()
    before = ui.saved().services
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        box = workspace.query_one("#field-services", Input)
        box.focus()
        await pilot.press("end", *(", " + "x" * 248), "tab")
        field = workspace.query_one("#ff-services")
        await wait_until(pilot, lambda: field.has_class("-invalid"))
        told = recorded_notifications(pilot.app)
        told_here = recorded_notifications(workspace)
        await pilot.press(key)
        await wait_until(pilot, lambda: any("Not saved: typing in" in t for t in told + told_here))
        assert pilot.app.is_running and pilot.app.screen is workspace
        await pilot.press(key)  # again: goes without it
        if key == "ctrl+l":
            await wait_for_screen(pilot, HomeScreen)
        else:
            await wait_until(pilot, lambda: not pilot.app.is_running)
    assert ui.saved().services == before


async def test_palette_edit_owner_replaces_the_owner_typed_next(make_ui) -> None:
    """Mock meeting 11: ctrl+p "Edit owner" put the cursor after the owner's name, so the
    name typed next made "Priya RamanPriya Raman"."""
    from textual.widgets import Input

    from tests.ui.support import open_sample
    from tests.ui.test_traps8c import _palette_run

    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="timeline")
        await _palette_run(pilot, "Edit owner")
        owner = pilot.app.screen.query_one("#field-owner", Input)
        await wait_until(pilot, lambda: owner.has_focus and owner.selected_text == owner.value)
        await pilot.press(*"Dana Whitfield", "tab")
        await wait_until(pilot, lambda: ui.saved().owner == "Dana Whitfield")


async def test_escapes_mashed_to_close_a_form_in_the_meeting_stay_in_the_meeting(make_ui) -> None:
    """Mock meeting 11: `o` on step 5, nothing changed, escape x6: the form closed and the
    escapes after it left the meeting, skipping the wrap-up."""
    from pmtui.ui.modals.action_form import ActionItemModal
    from pmtui.ui.screens.meeting import MeetingScreen
    from pmtui.ui.screens.workspace import WorkspaceScreen
    from tests.ui.support import open_sample
    from tests.ui.test_key_order import burst

    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot)
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        await pilot.press("5", "o")
        await wait_for_screen(pilot, ActionItemModal)
        burst(pilot, *["escape"] * 6)
        await wait_until(pilot, lambda: pilot.app.screen is meeting)
        await pilot.pause(0.3)
        assert pilot.app.screen is meeting
        # Mock meeting 13: four escapes 150 ms apart on an empty new-action form.
        await pilot.pause(0.7)
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        for _ in range(4):
            burst(pilot, "escape")
            await asyncio.sleep(0.15)
        await wait_until(pilot, lambda: pilot.app.screen is meeting)
        await pilot.pause(0.3)
        assert pilot.app.screen is meeting
        # An escape pressed on its own afterwards still leaves, as the footer says.
        await pilot.pause(0.7)
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)


async def test_palette_lists_edit_owner_above_the_undo_that_names_it(make_ui) -> None:
    """Mock meeting 11: after an owner edit, ctrl+p "edit owner" listed "Redo edit owner"
    first, and enter undid the change in front of the room."""
    from pmtui.ui.screens.workspace import WorkspaceScreen
    from tests.ui.support import open_sample
    from tests.ui.test_traps8c import _palette_run, _palette_titles

    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="timeline")
        await _palette_run(pilot, "Edit owner")
        await pilot.press(*"Dana Whitfield", "tab")
        await wait_until(pilot, lambda: ui.saved().owner == "Dana Whitfield")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved().owner != "Dana Whitfield")
        for typed in ("edit owner", "owner"):  # mock meeting 12 typed the one word
            await pilot.press("ctrl+p", *typed)
            # The search done ("Redo owner → “Dana Whitfield”" ranked for "owner"), then the
            # command the words name comes first.
            await wait_for_palette_hit(pilot, typed)
            assert _palette_titles(pilot)[0] == "Edit owner / facilitator"
            await pilot.press("escape")
            await wait_for_screen(pilot, WorkspaceScreen)


async def test_a_choice_typed_with_a_space_for_its_hyphen_is_chosen(make_ui) -> None:
    """Mock meeting 11: "in review" typed on Status was refused ("“in rev…” is not a choice:
    draft, in-review, …") although in-review is one."""
    from pmtui.ui.widgets.type_select import TypeSelect
    from tests.ui.support import open_sample

    ui = make_ui()
    ui.service.update(ui.saved(), status="draft")
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="overview")
        status = pilot.app.screen.query_one("#field-status", TypeSelect)
        status.focus()
        await wait_until(pilot, lambda: status.has_focus)
        await pilot.press(*"in review")
        await wait_until(pilot, lambda: ui.saved().status.value == "in-review")
        await pilot.pause()
        assert not status.expanded


async def test_a_letter_pressed_on_the_tab_bar_says_it_is_no_key_there(make_ui) -> None:
    """Mock meetings 10 and 11: a tab from the ladder reached the tab bar, whose footer has
    only the global keys, and `f` did nothing without a word."""
    from textual.widgets import Tabs

    from tests.ui.support import open_sample

    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="whys")
        tabs = pilot.app.screen.query_one(Tabs)
        tabs.focus()
        await wait_until(pilot, lambda: tabs.has_focus)
        await pilot.press("f")
        said = pilot.app._notifications
        await wait_until(pilot, lambda: any("“f” is no key here." in n.message for n in said))
        assert any("Tab goes into this pane" in n.message for n in said)


async def test_ctrl_q_right_after_typing_a_refused_tag_says_so_first(make_ui) -> None:
    """Mock meeting 12: ctrl+q pressed 0.3 s after a 210-character tag quit at once: the tag
    was refused only as pmtui quit, and went without a word."""
    from textual.widgets import Input

    from tests.ui.support import open_sample
    from tests.ui.test_key_order import burst, typed

    ui = make_ui()
    before = ui.saved().services
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="overview")
        box = pilot.app.screen.query_one("#field-services", Input)
        box.focus()
        await wait_until(pilot, lambda: box.has_focus)
        await pilot.press("end")
        # Mock meeting 13: pasted and ctrl+q with no gap, the characters still queued.
        burst(pilot, *typed(", " + "x" * 210), "ctrl+q")
        said = pilot.app._notifications
        await wait_until(pilot, lambda: any("Not saved: typing in" in n.message for n in said))
        assert pilot.app.is_running
    assert ui.saved().services == before


async def test_a_sentence_typed_on_the_roll_call_list_flips_no_box(make_ui) -> None:
    """Mock meeting 12: "marcus here" typed on the roll call's list unticked the highlighted
    name at its space; a space after a typed character is writing, not a tick."""

    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        names = await _on_the_roll_call_list(pilot)
        ticked = list(names.selected)
        await pilot.press(*"priya here")
        await pilot.pause()
        assert list(names.selected) == ticked
        said = [n.message for n in pilot.app._notifications]
        assert any("Typing here ticks nothing" in m for m in said)
        await pilot.pause(0.7)
        await pilot.press("space")  # on its own, a space still ticks
        await wait_until(pilot, lambda: list(names.selected) != ticked)


async def test_a_name_unticked_and_ticked_again_is_no_change_to_discard(make_ui) -> None:
    """Mock meeting 12: after unticking and ticking Marcus again, escape asked "Discard the
    roll call's changes?" though nothing had changed."""

    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        names = await _on_the_roll_call_list(pilot)
        meeting = pilot.app.screen_stack[-2]
        ticked = set(names.selected)
        await pilot.press("space")
        await wait_until(pilot, lambda: set(names.selected) != ticked)
        await pilot.pause(0.7)
        await pilot.press("space")
        await wait_until(pilot, lambda: set(names.selected) == ticked)
        await pilot.press("escape")
        await wait_until(pilot, lambda: pilot.app.screen is meeting)


async def _on_the_roll_call_list(pilot):  # type: ignore[no-untyped-def]
    """Meeting mode's roll call (step 6, r) open on the sample, the focus on its names."""
    from textual.widgets import SelectionList

    from pmtui.ui.modals.attendees import AttendeesModal
    from pmtui.ui.screens.meeting import MeetingScreen
    from tests.ui.support import open_sample

    await open_sample(pilot)
    await pilot.press("m")
    await wait_for_screen(pilot, MeetingScreen)
    await pilot.press("6", "r")
    await wait_for_screen(pilot, AttendeesModal)
    names = pilot.app.screen.query_one(SelectionList)
    await pilot.press("shift+tab")
    await wait_until(pilot, lambda: names.has_focus)
    return names


async def test_typing_the_same_owner_again_leaves_nothing_unsaved_on_screen(make_ui) -> None:
    """Mock meeting 13: "Dana Whitfield" typed over the same name left "● Unsaved typing" in
    the status bar for good, and ctrl+q then quit without a word about it."""
    from tests.ui.support import open_sample
    from tests.ui.test_traps8c import _palette_run

    ui = make_ui()
    owner = ui.saved().owner
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        await _palette_run(pilot, "Edit owner")
        await pilot.press(*owner)
        await wait_until(pilot, lambda: workspace.save_state.kind == "pending")
        await pilot.press("tab")
        await wait_until(pilot, lambda: workspace.save_state.kind == "saved")
    assert ui.saved().owner == owner


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_palette_edit_owner_from_another_pane_shows_the_owner(make_ui, size) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 13: with the Overview scrolled down to the customer message, ctrl+p
    "Edit owner" from the Five Whys pane left it scrolled there, and the owner was typed
    off screen."""
    from tests.ui.support import open_sample
    from tests.ui.test_traps8c import _in_view, _palette_run

    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        scroll = workspace.query_one("#overview-scroll")
        owner_field = workspace.query_one("#ff-owner")
        await pilot.pause()
        scroll.scroll_end(animate=False)
        await wait_until(pilot, lambda: not _in_view(owner_field, scroll))
        workspace.action_show_tab("whys")
        await pilot.pause()
        await _palette_run(pilot, "Edit owner")
        owner = workspace.query_one("#field-owner")
        await wait_until(pilot, lambda: owner.has_focus)
        await wait_until(pilot, lambda: _in_view(owner_field, scroll), timeout=3)
