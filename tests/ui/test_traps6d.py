"""Pilot tests of two traps a user test found in the meeting and the Five Whys (issue 12, part
6d): a "now" line in the review of an older incident, and the keys typed after a refused `w`.
Each presses the keys a user would and checks the screen and what reached the file."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from textual.widgets import Input

from pmtui.model.postmortem import WhyChain
from pmtui.ui.modals.event_form import EventFormModal
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.panes.whys import WhysPane
from pmtui.ui.panes.whys_widgets import AnswerInput
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.timeline_table import TimelineTable
from tests.ui.support import (
    FIXED_NOW,
    open_sample,
    recorded_notifications,
    wait_for_screen,
    wait_until,
)

SIZE = (100, 30)
SMALL = (80, 24)
#: Three weeks after the sample incident (2025-03-19): "now" is not the incident's time.
WEEKS_LATER = datetime(2025, 4, 10, 9, 0, tzinfo=UTC)
NOW_LINE = "now mitigated failover done"


def _hint(pilot, field_id: str) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one(f"#{field_id} .field-hint").render())


def _form_title(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one(".modal-title").render())


# 1. A "now" line in the review of an older incident asks for the time ------------------------


async def test_a_now_line_in_an_older_incident_asks_for_the_time_keeping_its_text(
    make_ui,
) -> None:
    ui = make_ui()
    ui.service.clock = lambda: WEEKS_LATER
    before = len(ui.saved().events)
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("colon", *NOW_LINE)
        # Before enter the line says what enter will do: no date three weeks off is shown.
        hint = _hint(pilot, "ff-quick-add")
        assert "Not today's incident: enter asks for the time" in hint
        assert "2025-04-10" not in hint
        await pilot.press("enter")
        await wait_for_screen(pilot, EventFormModal)
        assert "Not today's incident" in _form_title(pilot)
        form = pilot.app.screen
        # The last event's time is offered, the line's kind and text are kept.
        assert form.query_one("#at", Input).value == "2025-03-19 10:36:30"
        assert form.query_one("#text", Input).value == "failover done"
        form.query_one("#at", Input).value = "2025-03-19 10:40"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, EventFormModal))
        line = pilot.app.screen.query_one("#quick-add", Input)
        assert line.value == ""
        added = pilot.app.screen.query_one(TimelineTable).cursor_event
        assert added is not None and added.text == "failover done"
    saved = ui.saved()
    assert len(saved.events) == before + 1
    event = next(e for e in saved.events if e.text == "failover done")
    assert (event.at, event.kind.value) == (datetime(2025, 3, 19, 9, 40, tzinfo=UTC), "mitigated")


async def test_escape_from_the_asked_time_keeps_the_now_line_and_adds_nothing(make_ui) -> None:
    ui = make_ui()
    ui.service.clock = lambda: WEEKS_LATER
    before = ui.saved().events
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("colon", *NOW_LINE, "enter")
        await wait_for_screen(pilot, EventFormModal)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, EventFormModal))
        assert pilot.app.screen.query_one("#quick-add", Input).value == NOW_LINE
    assert ui.saved().events == before


async def test_a_now_line_in_a_live_incident_is_added_at_once_at_the_current_time(
    make_ui,
) -> None:
    ui = make_ui()  # the fixed clock is the morning after the incident: live
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("colon", *NOW_LINE)
        assert _hint(pilot, "ff-quick-add") == "→ Thu 2025-03-20 10:30 CET"
        await pilot.press("enter")
        line = pilot.app.screen.query_one("#quick-add", Input)
        await wait_until(pilot, lambda: line.value == "")
        assert not isinstance(pilot.app.screen, EventFormModal)
    event = next(e for e in ui.saved().events if e.text == "failover done")
    assert event.at == FIXED_NOW


async def test_a_now_line_on_meeting_step_3_of_an_older_incident_asks_too(make_ui) -> None:
    ui = make_ui()
    ui.service.clock = lambda: WEEKS_LATER
    before = len(ui.saved().events)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        await pilot.press("3")
        await wait_until(pilot, lambda: meeting.step == 2)
        await pilot.press("slash", *NOW_LINE)
        assert "Not today's incident" in _hint(pilot, "ff-meeting-capture")
        await pilot.press("enter")
        await wait_for_screen(pilot, EventFormModal)
        form = pilot.app.screen
        assert form.query_one("#text", Input).value == "failover done"
        # The walk-through's event's time (what a bare time counts from), as offered.
        selected = meeting.pm.events[meeting.state.event_cursor].at
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: pilot.app.screen is meeting)
        assert meeting.query_one("#meeting-capture", Input).value == ""
        # The walk-through stays on the incident's days, not thousands of days after its start.
        shown = meeting.step_widget.text
        assert "Apr 2025" not in shown and re.search(r"\d+d \d+h", shown) is None
    saved = ui.saved()
    assert len(saved.events) == before + 1
    event = next(e for e in saved.events if e.text == "failover done")
    assert event.at == selected == datetime(2025, 3, 19, 7, 41, 12, tzinfo=UTC)


# 2. The keys typed after `w` on a chain that ends at its root cause ---------------------------

#: The sample's first factor: its chain ends at its root cause (monitoring) after five whys.
CONCLUDED = "why-renewal"
DEEPER = "The renewal job had no owner"


def _branched_with(ui, before, answer: str) -> WhyChain:  # type: ignore[no-untyped-def]
    """The one chain added since `before`: branched from CONCLUDED's root cause, with
    `answer` as its first answer; CONCLUDED itself is as it was."""
    saved = ui.saved()
    assert saved.why_chain(CONCLUDED) == before.why_chain(CONCLUDED)
    added = [chain for chain in saved.whys if chain.branched_from.startswith(CONCLUDED)]
    assert len(added) == 1
    chain = added[0]
    root = before.why_chain(CONCLUDED)
    assert (chain.problem, chain.answers) == (root.answers[-1], (answer,))
    assert chain.branched_from == f"{CONCLUDED}:{len(root.answers) - 1}"
    return chain


async def test_w_on_a_concluded_chain_in_the_meeting_takes_the_typing_as_a_deeper_why(
    make_ui,
) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        await pilot.press("4")
        await wait_until(pilot, lambda: meeting.step == 3)
        assert meeting.current_chain().id == CONCLUDED
        # A burst, as a facilitator types: w, the answer, enter. No letter is a command.
        await pilot.press("w", *DEEPER, "enter")
        await wait_until(pilot, lambda: len(ui.saved().whys) == len(before.whys) + 1)
        await wait_until(pilot, lambda: pilot.app.screen is meeting)
        # The step shows the new chain with the answer just given.
        assert DEEPER in meeting.step_widget.text
        # W still states a new factor, whatever chain is shown.
        await pilot.press("W", *"Renewal ownership is unclear", "enter")
        await wait_until(pilot, lambda: len(ui.saved().factors) == len(before.factors) + 2)
        await wait_until(pilot, lambda: pilot.app.screen is meeting)
    saved = ui.saved()
    assert saved.factors[-1].title == "Renewal ownership is unclear"
    branched = _branched_with(ui, before, DEEPER)
    assert branched.id in {factor.chain_id for factor in saved.factors}


async def test_w_on_a_concluded_chain_says_why_and_esc_changes_nothing(make_ui) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="whys")
        await pilot.press("w")
        await wait_for_screen(pilot, WhyTextModal)
        form = pilot.app.screen
        shown = str(form.query_one("#ff-why-text").render()) + " ".join(
            str(label.render()) for label in form.query(".field-label, .field-hint")
        )
        assert "ends at its root cause, monitoring" in shown
        assert "o reopens this chain" in shown
        root = before.why_chain(CONCLUDED).answers[-1]
        assert " ".join(root.split())[:40] in _form_title(pilot)
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert ui.saved() == before


async def test_w_and_W_in_the_whys_pane_on_a_concluded_chain_run_no_letter_as_a_command(
    make_ui,
) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="whys")
        pane = pilot.app.screen.query_one(WhysPane)
        assert pane.selected_chain().id == CONCLUDED
        await pilot.press("w", *DEEPER, "enter")
        await wait_until(pilot, lambda: len(ui.saved().whys) == len(before.whys) + 1)
        await wait_for_screen(pilot, WorkspaceScreen)
        # The new chain is selected, its answer box ready for the next why.
        await wait_until(pilot, lambda: isinstance(pilot.app.focused, AnswerInput))
        assert pane.selected_step == 1
        pane.query_one("#whys-ladder").focus()
        # W, as in the meeting, states a new factor rather than letting `e` open an edit.
        await pilot.press("W", *"Renewal ownership is unclear", "enter")
        await wait_until(pilot, lambda: len(ui.saved().factors) == len(before.factors) + 2)
        await wait_for_screen(pilot, WorkspaceScreen)
    saved = ui.saved()
    assert saved.factors[-1].title == "Renewal ownership is unclear"
    _branched_with(ui, before, DEEPER)


async def test_a_second_w_on_the_same_concluded_chain_names_the_branch_already_made(
    make_ui,
) -> None:
    """The form says which factor already goes on from this root cause, so a second branch is
    a choice and not a slip; esc there changes nothing."""
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="whys")
        pane = pilot.app.screen.query_one(WhysPane)
        await pilot.press("w", *DEEPER, "enter")
        await wait_until(pilot, lambda: len(ui.saved().whys) == len(before.whys) + 1)
        await wait_for_screen(pilot, WorkspaceScreen)
        pane.select_chain(CONCLUDED)
        pane.query_one("#whys-ladder").focus()
        await wait_until(pilot, lambda: pane.selected_chain().id == CONCLUDED)
        await pilot.press("w")
        await wait_for_screen(pilot, WhyTextModal)
        form = pilot.app.screen
        label = " ".join(str(form.query_one("#ff-why-text .field-label").render()).split())
        number = len(ui.saved().factors)  # the branch's factor is the last one
        assert label.endswith(f"factor {number} already goes on from it")
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert len(ui.saved().whys) == len(before.whys) + 1


async def test_w_on_a_concluded_chain_of_a_read_only_workspace_says_why_and_opens_no_form(
    make_ui,
) -> None:
    reason = "Another pmtui has this file open; changes are not saved."
    ui = make_ui(read_only_reason=reason)
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="whys")
        said = recorded_notifications(pilot.app)
        await pilot.press("w")
        await wait_until(pilot, lambda: reason in said)
        assert isinstance(pilot.app.screen, WorkspaceScreen)
