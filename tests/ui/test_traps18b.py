"""Pilot tests of traps the seventeenth new-user mock meeting found: a waived finding kept the
Checks selection (enter then opened its place), a place opened from Checks left no word of
the way back, and ctrl+s on the roll call's "Discard?" question threw the typed name away."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Button, Input, SelectionList, TabbedContent, TextArea

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.attendees import AttendeesModal
from pmtui.ui.modals.discard import DiscardTypingModal
from pmtui.ui.modals.event_form import EventFormModal
from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.modals.section_edit import SectionEditModal
from pmtui.ui.modals.waive import WaiveModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.panes.findings import FindingsPane
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import (
    SAMPLE_ID,
    UI,
    open_sample,
    recorded_notifications,
    wait_for_screen,
    wait_until,
)
from tests.ui.test_findings_pane import VAGUE, _settled
from tests.ui.test_traps10b import screen_lines, screen_text

SMALL = (80, 24)


# 1. A waived (or fixed) finding hands the selection to the next open one -------------------

#: Blame in Impact, quick to take back by hand.
FORGOT = " Sam forgot."
IMPACT = ("blame-language", "impact")
EV_ACK = ("blame-language", "timeline[ev-ack].text")
EDGE_PROBE = ("vague-action", "action_items[act-edge-probe].text")


async def _three_findings(pilot, ui: UI) -> FindingsPane:  # type: ignore[no-untyped-def]
    """Checks in front, listing blame in Impact, blame in an event, and a vague action, in
    that order, the list focused."""
    await open_sample(pilot, tab="checks")
    screen = pilot.app.screen
    screen.commit(lambda pm: ui.service.update(pm, impact=pm.impact + FORGOT))
    screen.commit(lambda pm: ui.service.edit_event(pm, "ev-ack", text="Sam forgot the page"))
    screen.commit(lambda pm: ui.service.edit_action(pm, "act-edge-probe", text=VAGUE))
    pane = await _settled(pilot)
    assert [(e.rule, e.where) for e in pane.entries()] == [IMPACT, EV_ACK, EDGE_PROBE]
    pane.focus_default()
    await wait_until(pilot, lambda: pane.finding_list.has_focus)
    return pane


def _selected(pane: FindingsPane) -> tuple[str, str] | None:
    entry = pane.selected_entry()
    return (entry.rule, entry.where) if entry is not None else None


async def _go_down_to(pilot, pane: FindingsPane, row: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Walk the list down with the arrow key, as the facilitator does, to `row`."""
    for _ in pane.entries():
        if _selected(pane) == row:
            return
        await pilot.press("down")
    assert _selected(pane) == row


async def _rechecked(pilot, pane: FindingsPane, waivers: int) -> None:  # type: ignore[no-untyped-def]
    """Wait until the guides have read a post-mortem with `waivers` waivers."""
    await wait_until(pilot, lambda: pane.up_to_date and len(pane.pm.waivers) == waivers)


async def _waive(pilot, pane: FindingsPane, reason: str, waivers: int) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("w")
    await wait_for_screen(pilot, WaiveModal)
    await pilot.press(*reason, "enter")
    await wait_for_screen(pilot, WorkspaceScreen)
    await _rechecked(pilot, pane, waivers)


async def test_waiving_selects_the_next_open_finding_and_enter_opens_that_one(
    make_ui: Callable[..., UI],
) -> None:
    """Mock meeting 17: Impact waived, the selection stayed on it, and the next enter opened
    Impact, where the facilitator's typing landed."""
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _three_findings(pilot, ui)
        pane.select(*IMPACT)
        await _waive(pilot, pane, "Quoted from the customer's report", waivers=1)
        assert _selected(pane) == EV_ACK
        detail = str(pane.query_one("#check-detail").render())
        assert "Sam forgot the page" in detail
        assert any("Sam forgot the page" in line for line in screen_lines(pilot.app))
        await pilot.press("enter")
        screen = pilot.app.screen
        await wait_until(pilot, lambda: screen.query_one(TabbedContent).active == "timeline")
        assert not isinstance(pilot.app.focused, TextArea)
    (waiver,) = ui.saved().waivers
    assert (waiver.rule, waiver.where) == IMPACT


async def test_waiving_the_last_finding_of_the_list_selects_the_one_above(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _three_findings(pilot, ui)
        pane.select(*EDGE_PROBE)
        await _waive(pilot, pane, "Team-owned", waivers=1)
        assert _selected(pane) == EV_ACK


async def test_waiving_the_only_open_finding_leaves_a_calm_all_clear(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="checks")
        screen = pilot.app.screen
        screen.commit(lambda pm: ui.service.update(pm, impact=pm.impact + FORGOT))
        pane = await _settled(pilot)
        pane.focus_default()
        await wait_until(pilot, lambda: pane.finding_list.has_focus)
        await _waive(pilot, pane, "Quoted from the customer's report", waivers=1)
        assert pane.selected_entry() is None
        assert "✓ No open findings (1 waived)" in screen_text(pilot.app)
        assert not pane.query_one("#check-detail").display
        # Enter opens nothing: the waived Impact is not where typing goes.
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(TabbedContent).active == "checks"
        assert pilot.app.focused is pane.finding_list
        # Down still reaches the waived row, to read or withdraw it.
        await pilot.press("down")
        assert _selected(pane) == IMPACT


async def test_withdrawing_a_waiver_selects_the_next_waived_row(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _three_findings(pilot, ui)
        screen = pilot.app.screen
        screen.commit(lambda pm: ui.service.waive(pm, *IMPACT, "A quote"))
        screen.commit(lambda pm: ui.service.waive(pm, *EV_ACK, "Named with consent"))
        await _rechecked(pilot, pane, 2)
        pane.select(*IMPACT)
        told = recorded_notifications(pilot.app)
        await pilot.press("u")
        await _rechecked(pilot, pane, 1)
        entry = pane.selected_entry()
        assert entry is not None and entry.waiver is not None
        assert (entry.rule, entry.where) == EV_ACK
        # The selection stays among the waivers; the notice names the one withdrawn.
        assert any(
            said.startswith("Withdrew the waiver of blame-language at Impact") for said in told
        )
    assert [(w.rule, w.where) for w in ui.saved().waivers] == [EV_ACK]


async def test_a_finding_fixed_elsewhere_hands_the_selection_to_the_one_below(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    text = ui.saved().event("ev-ack").text
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _three_findings(pilot, ui)
        await _go_down_to(pilot, pane, EV_ACK)
        pilot.app.screen.commit(lambda pm: ui.service.edit_event(pm, "ev-ack", text=text))
        await wait_until(pilot, lambda: pane.up_to_date and len(pane.entries()) == 2)
        assert _selected(pane) == EDGE_PROBE


async def test_w_on_a_waived_finding_changes_its_reason_and_keeps_it_selected(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _three_findings(pilot, ui)
        pilot.app.screen.commit(lambda pm: ui.service.waive(pm, *IMPACT, "A quote"))
        await _rechecked(pilot, pane, 1)
        pane.select(*IMPACT)
        told = recorded_notifications(pilot.app)
        await pilot.press("w")
        await wait_for_screen(pilot, WaiveModal)
        assert "Change the reason of this waiver?" in screen_text(pilot.app)
        assert "enter saves" in screen_text(pilot.app)
        await pilot.press(*"Quoted from the customer's report", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        await wait_until(
            pilot, lambda: pane.up_to_date and pane.pm.waivers[0].reason.startswith("Quoted")
        )
        entry = pane.selected_entry()
        assert entry is not None and entry.waiver is not None
        assert (entry.rule, entry.where) == IMPACT
        assert told[-1] == "Reason changed: blame-language at Impact stays waived."
    assert [w.reason for w in ui.saved().waivers] == ["Quoted from the customer's report"]


# 2. A place opened from Checks names the one key back ----------------------------------------


def _footer(pilot) -> str:  # type: ignore[no-untyped-def]
    return screen_lines(pilot.app)[-1]


async def test_a_place_opened_from_checks_names_f7_and_f7_selects_the_next_finding(
    make_ui: Callable[..., UI],
) -> None:
    """Mock meeting 17: Impact fixed, the facilitator did not know how to get back to the
    list. In the field, 6 is typing; F7 goes back, and the footer says so."""
    ui = make_ui()
    impact = ui.saved().impact
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _three_findings(pilot, ui)
        screen = pilot.app.screen
        assert "Back to Checks" not in _footer(pilot)
        pane.select(*IMPACT)
        told = recorded_notifications(pilot.app)
        await pilot.press("enter")
        area = screen.query_one("#field-impact", TextArea)
        await wait_until(pilot, lambda: pilot.app.focused is area)
        assert told == ["f7 goes back to Checks."]
        await wait_until(pilot, lambda: "f7 Back to Checks" in _footer(pilot))
        # The fix, by hand; nothing moves away from the field meanwhile.
        area.move_cursor(area.document.end)
        await pilot.press(*["backspace"] * len(FORGOT))
        assert pilot.app.focused is area
        await pilot.press("f7")
        await wait_until(pilot, lambda: screen.query_one(TabbedContent).active == "checks")
        assert pilot.app.focused is pane.finding_list
        await wait_until(pilot, lambda: pane.up_to_date and len(pane.entries()) == 2)
        assert _selected(pane) == EV_ACK
        assert "Back to Checks" not in _footer(pilot)
    assert ui.saved().impact == impact


async def test_the_way_back_is_named_until_another_tab_is_shown(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        pane = await _three_findings(pilot, ui)
        screen = pilot.app.screen
        pane.select(*EV_ACK)
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.query_one(TabbedContent).active == "timeline")
        await wait_until(pilot, lambda: "f7 Back to Checks" in _footer(pilot))
        await pilot.press("4")  # the room moves on to the actions
        await wait_until(pilot, lambda: screen.query_one(TabbedContent).active == "actions")
        await wait_until(pilot, lambda: "Back to Checks" not in _footer(pilot))


TOPICS = ("monitoring", "alerting", "renewals", "the edge", "tokens")


async def test_back_from_a_fixed_action_the_next_finding_is_selected_and_in_sight(
    make_ui: Callable[..., UI],
) -> None:
    """Vague actions and blame: more findings than the list shows. The one fixed from its
    form is gone on return, and the next one is selected where the room can see it."""
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="checks")
        screen = pilot.app.screen
        for action, topic in zip(ui.saved().actions, TOPICS, strict=False):
            screen.commit(
                lambda pm, action_id=action.id, topic=topic: ui.service.edit_action(
                    pm, action_id, text=f"Look into {topic}"
                )
            )
        screen.commit(lambda pm: ui.service.update(pm, impact=pm.impact + FORGOT))
        screen.commit(lambda pm: ui.service.update(pm, summary=pm.summary + FORGOT))
        for event_id in ("ev-ack", "ev-detected"):
            screen.commit(
                lambda pm, event_id=event_id: ui.service.edit_event(
                    pm, event_id, text="Sam forgot the page"
                )
            )
        pane = await _settled(pilot)
        pane.focus_default()
        await wait_until(pilot, lambda: pane.finding_list.has_focus)
        wheres = [entry.where for entry in pane.entries()]
        fixed, after = wheres[-2], wheres[-1]
        pane.select("vague-action", fixed)
        told = recorded_notifications(pilot.app)
        await pilot.press("enter")
        await wait_for_screen(pilot, ActionItemModal)
        assert told == []  # F7 does nothing over the form: the footer names it once closed
        form = pilot.app.screen
        text = form.query_one("#action-text", Input)
        await wait_until(pilot, lambda: text.has_focus)
        text.value = "Alert 30 days before any public certificate expires"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
        await wait_until(pilot, lambda: "f7 Back to Checks" in _footer(pilot))
        # Checked again while the Actions tab is in front, out of sight.
        await wait_until(
            pilot, lambda: pane.up_to_date and fixed not in [e.where for e in pane.entries()]
        )
        await pilot.press("f7")
        await wait_until(pilot, lambda: screen.query_one(TabbedContent).active == "checks")
        await pilot.pause()
        assert _selected(pane) == ("vague-action", after)
        assert pane.finding_list.highlighted is not None
        listing = pane.finding_list
        assert listing.max_scroll_y > 0  # more findings than the list shows at once
        top = listing.scroll_offset.y
        row = listing._index_to_line[listing.highlighted]
        assert top <= row < top + listing.scrollable_content_region.height


# 3. ctrl+s on a "Discard?" question saves what was typed ------------------------------------


async def _ctrl_s_on_the_question(pilot, form_type: type) -> list[str]:  # type: ignore[no-untyped-def]
    """Escape the form in front (its typing asks "Discard?"), then ctrl+s on the question,
    as a facilitator who meant to save does a second later. Returns what was told since."""
    form = pilot.app.screen
    assert isinstance(form, form_type)
    await pilot.press("escape")
    await wait_for_screen(pilot, DiscardTypingModal)
    # The question names the key that saves, on a button of its own.
    assert "Save (ctrl+s)" in [str(button.label) for button in pilot.app.screen.query(Button)]
    told = recorded_notifications(pilot.app)
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: not form.is_attached)
    return told


async def test_ctrl_s_on_the_roll_calls_discard_question_saves_the_typed_name(
    make_ui: Callable[..., UI],
) -> None:
    """Mock meeting 17: a name typed, escape, ctrl+s a second later: the question went, the
    roll call stayed open and nothing was saved."""
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("r")
        await wait_for_screen(pilot, AttendeesModal)
        await pilot.press(*"Dana Ortiz")
        told = await _ctrl_s_on_the_question(pilot, AttendeesModal)
        await wait_for_screen(pilot, MeetingScreen)
        await wait_until(pilot, lambda: any("Attendees saved" in said for said in told))
    assert "Dana Ortiz" in ui.saved().attendees


async def test_the_roll_calls_saved_notice_stands_alone(make_ui: Callable[..., UI]) -> None:
    """The form's "Saved" and the roll call's "Attendees saved" came a moment apart: the
    second replaced the first in the app's notices, but both toasts stayed on the screen."""
    from textual.widgets._toast import Toast

    ui = make_ui()
    async with ui.app.run_test(size=SMALL, notifications=True) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("r")
        await wait_for_screen(pilot, AttendeesModal)
        await pilot.press(*"Dana Ortiz")
        await _ctrl_s_on_the_question(pilot, AttendeesModal)
        await wait_for_screen(pilot, MeetingScreen)

        def toasts() -> list[str]:
            return [str(toast._notification.message) for toast in pilot.app.screen.query(Toast)]

        await wait_until(pilot, lambda: "Attendees saved: 6 present." in toasts())
        await pilot.pause()
        assert toasts() == ["Attendees saved: 6 present."]


async def test_ctrl_s_on_the_question_saves_the_action_item_and_says_so(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = len(ui.saved().actions)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="actions")
        pilot.app.screen.query_one(ActionsPane).table.focus()
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        await pilot.press(*"Alert on certificate age", "tab", *"Priya Raman")
        told = await _ctrl_s_on_the_question(pilot, ActionItemModal)
        await wait_for_screen(pilot, WorkspaceScreen)
        assert told and told[-1].startswith("Saved")
    saved = ui.saved().actions
    assert len(saved) == before + 1
    assert saved[-1].text == "Alert on certificate age"


async def test_ctrl_s_on_the_question_saves_the_event(make_ui: Callable[..., UI]) -> None:
    ui = make_ui()
    before = len(ui.saved().events)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        pilot.app.screen.query_one(TimelinePane).table.focus()
        await pilot.press("a")
        await wait_for_screen(pilot, EventFormModal)
        form = pilot.app.screen
        text = form.query_one("#text", Input)
        text.focus()
        await wait_until(pilot, lambda: text.has_focus)
        await pilot.press(*"Edge reloaded by hand")
        told = await _ctrl_s_on_the_question(pilot, EventFormModal)
        await wait_for_screen(pilot, WorkspaceScreen)
        assert told and told[-1].startswith("Saved")
    assert len(ui.saved().events) == before + 1
    assert any(event.text == "Edge reloaded by hand" for event in ui.saved().events)


async def test_ctrl_s_on_the_question_creates_the_new_post_mortem(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        await pilot.press(*"Checkout latency spike")
        await _ctrl_s_on_the_question(pilot, NewPostMortemModal)
        await wait_for_screen(pilot, WorkspaceScreen)
    (pm_id,) = set(ui.saved_ids()) - {SAMPLE_ID}
    assert ui.saved(pm_id).title == "Checkout latency spike"


async def test_ctrl_s_on_the_meetings_section_question_saves_the_summary(
    make_ui: Callable[..., UI],
) -> None:
    """The section dialog asked a question of its own, on which ctrl+s did nothing."""
    ui = make_ui()
    summary = ui.saved().summary
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("2", "e")
        await wait_for_screen(pilot, SectionEditModal)
        await pilot.press(*" Partners saw it first.")
        await _ctrl_s_on_the_question(pilot, SectionEditModal)
        await wait_for_screen(pilot, MeetingScreen)
    assert ui.saved().summary == summary + " Partners saw it first."


async def test_ctrl_s_on_the_question_with_a_refused_name_keeps_the_roll_call_open(
    make_ui: Callable[..., UI],
) -> None:
    """A name too long to save: the roll call stays, the reason under the box, nothing lost."""
    ui = make_ui()
    before = ui.saved().attendees
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("r")
        await wait_for_screen(pilot, AttendeesModal)
        form = pilot.app.screen
        box = form.query_one("#attendee-new", Input)
        box.value = "x" * 500
        await pilot.press("escape")
        await wait_for_screen(pilot, DiscardTypingModal)
        told = recorded_notifications(pilot.app)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, AttendeesModal)
        await wait_until(pilot, lambda: form.query_one("#ff-attendee-new").has_class("-invalid"))
        assert box.value == "x" * 500
        assert not any(said.startswith("Saved") for said in told)
        assert form.query_one(SelectionList).option_count > 0
    assert ui.saved().attendees == before
