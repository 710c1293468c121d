"""Pilot and snapshot tests of meeting mode: the agenda, the timeboxes, live capture and the
roll call, each checked on the screen and in the saved file."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta

import pytest
import pytest_asyncio
from textual.widgets import Input, SelectionList

from pmtui.model.enums import CauseCategory, EventKind
from pmtui.ui.commands import palette_entries
from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.attendees import AttendeesModal
from pmtui.ui.modals.event_form import StampEventModal
from pmtui.ui.modals.why_forms import CauseCategoryModal, WhyTextModal
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.agenda import AgendaStrip
from pmtui.ui.widgets.big_title import BigTitle
from pmtui.ui.widgets.timebox import Timebox
from tests.ui.support import (
    FIXED_NOW,
    SAMPLE_ID,
    UI,
    SharedWorkspace,
    open_sample,
    recorded_notifications,
    shared_workspace,
)

# The read-only tests share one app (SHARED): the module stays in one xdist worker.
pytestmark = pytest.mark.xdist_group("meeting_mode_shared_app")
#: Runs a test in the module's event loop, where the `shared` app lives.
SHARED = pytest.mark.asyncio(loop_scope="module")

STEP_TITLES = [
    "Open actions from earlier post-mortems",
    "Summary and impact",
    "Timeline walk-through",
    "Five Whys",
    "Action items",
    "Wrap-up",
]


def _text(widget) -> str:  # type: ignore[no-untyped-def]
    return str(widget.render())


def _title(meeting: MeetingScreen) -> str:
    return meeting.query_one("#step-title", BigTitle).title


def _meeting(pilot) -> MeetingScreen:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen)
    return screen


def _content(pilot) -> str:  # type: ignore[no-untyped-def]
    return _meeting(pilot).step_widget.text


async def _start(pilot, key: str = "m") -> MeetingScreen:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="timeline")
    await pilot.press(key)
    await pilot.pause()
    return _meeting(pilot)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[SharedWorkspace]:
    """The sample opened at 120x35 on the timeline, for the tests that change nothing."""
    folder = tmp_path_factory.mktemp("meeting")
    async with shared_workspace(folder, (120, 35), "timeline") as workspace:
        yield workspace


async def _start_shared(shared: SharedWorkspace) -> tuple[object, MeetingScreen]:
    """`_start` on the shared app: returns its pilot and the new meeting."""
    pilot = await shared.fresh()
    await pilot.press("m")
    await pilot.pause()
    return pilot, _meeting(pilot)


def _advance(ui: UI, minutes: float) -> None:
    """Move the service clock on; the meeting's clocks read it."""
    at = FIXED_NOW + timedelta(minutes=minutes)
    ui.service.clock = lambda: at


@SHARED
async def test_m_steps_through_all_six_agenda_steps_and_escape_returns(
    shared: SharedWorkspace,
) -> None:
    pilot, meeting = await _start_shared(shared)
    assert meeting.query_one(AgendaStrip).current == 0
    seen = []
    for key in ("right", "n", "pagedown", "right", "n", "right"):
        seen.append(_title(meeting))
        await pilot.press(key)
        await pilot.pause()
    seen.append(_title(meeting))
    assert [title.split("  ", 1)[1] for title in seen[:6]] == STEP_TITLES
    assert seen[6] == seen[5]  # past the last step it stays there
    assert meeting.query_one(AgendaStrip).current == 5
    assert "Attendees" in _content(pilot)
    await pilot.press("left", "p", "pageup")
    assert meeting.step == 2
    assert "Wed 19 Mar 2025" in _content(pilot)
    assert "▶" in _content(pilot)
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, WorkspaceScreen)


@SHARED
async def test_palette_command_starts_meeting_mode_and_it_resumes_where_it_was(
    shared: SharedWorkspace,
) -> None:
    pilot = await shared.fresh()
    workspace = pilot.app.screen
    command = next(c for c in palette_entries(workspace) if c.title == "Start meeting mode")
    command.callback()
    await pilot.pause()
    await pilot.press("4")
    assert _meeting(pilot).step == 3
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("m")
    await pilot.pause()
    meeting = _meeting(pilot)
    assert meeting.resumed and meeting.step == 3
    assert "Five Whys" in _title(meeting)


async def test_a_step_over_its_timebox_warns_once_and_more_time_calms_it(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        meeting = await _start(pilot)
        messages = recorded_notifications(meeting)
        box = meeting.query_one("#step-timebox", Timebox)
        _advance(ui, 4.5)
        meeting.tick()
        await pilot.pause()
        assert box.has_class("-near") and not box.has_class("-over")
        _advance(ui, 6)
        meeting.tick()
        meeting.tick()
        await pilot.pause()
        assert box.has_class("-over")
        assert "1:00 over 5 min" in _text(box.query_one(".timebox-caption"))
        assert len([m for m in messages if "has used its 5 minutes" in m]) == 1
        assert 0 in meeting.query_one(AgendaStrip).over
        await pilot.press("plus", "plus")
        await pilot.pause()
        assert box.minutes == 7
        assert not box.has_class("-over")
        # The meeting as a whole: 60 minutes by default.
        await pilot.press("right")
        _advance(ui, 70)
        meeting.tick()
        await pilot.pause()
        total = meeting.query_one("#meeting-total", Timebox)
        assert total.has_class("-over")
        assert any("past its 62 minutes" in m for m in messages)
        assert isinstance(pilot.app.screen, MeetingScreen)  # never blocks


async def test_stamp_now_and_quick_add_are_saved_and_the_workspace_sees_them(make_ui) -> None:
    ui = make_ui()
    before = len(ui.saved().events)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        messages = recorded_notifications(await _start(pilot))
        await pilot.press("3")  # the walk-through starts at the first milestone: 08:41
        await pilot.press("slash")
        await pilot.press(*"09:10 detected Pager fired", "enter")
        await pilot.pause()
        capture = _meeting(pilot).query_one("#meeting-capture", Input)
        assert capture.value == ""
        # The day is named: a multi-day incident's room must not guess it.
        assert messages == ["Added to the timeline on Wed 19 Mar at 09:10: detected."]
        assert "Pager fired" in _content(pilot)
        await pilot.press("escape")  # out of the line, so s is a key again
        _advance(ui, 2)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StampEventModal)
        await pilot.press(*"mitigated failover done", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MeetingScreen)
        # Every event added on the step is selected, a stamp too: the room sees its line.
        current = next(line for line in _content(pilot).splitlines() if "▶" in line)
        assert "failover done" in current
        await pilot.press("slash")
        await pilot.press(*"nonsense line", "enter")
        await pilot.pause()
        assert capture.value == "nonsense line"  # kept, with the reason under it
        assert "start with a time" in _text(_meeting(pilot).query_one(".field-error"))
        await pilot.press("escape", "escape")
        await pilot.pause()
        workspace = pilot.app.screen
        assert isinstance(workspace, WorkspaceScreen)
        assert len(workspace.query_one(TimelinePane).pm.events) == before + 2
    saved = ui.saved().events
    assert len(saved) == before + 2
    stamped = next(e for e in saved if e.text == "failover done")
    assert stamped.kind is EventKind.MITIGATED
    assert stamped.at == FIXED_NOW + timedelta(minutes=2)
    paged = next(e for e in saved if e.text == "Pager fired")
    assert paged.kind is EventKind.DETECTED
    assert paged.at == datetime(2025, 3, 19, 8, 10, tzinfo=UTC)  # 09:10 Berlin


async def test_why_answers_and_new_chains_are_saved(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await _start(pilot)
        await pilot.press("4", "W")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WhyTextModal)
        await pilot.press(*"Clients kept failing for 71 minutes", "enter")
        await pilot.pause()
        assert "Clients kept failing" in _content(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WhyTextModal)
        await pilot.press(*"The renewal runbook was not linked from the alert", "enter")
        await pilot.pause()
        assert "runbook was not linked" in _content(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CauseCategoryModal)
        await pilot.press("p", "enter")  # nothing is chosen until a key picks process
        await pilot.pause()
        assert "root cause: process" in _content(pilot)
    chain = ui.saved().whys[-1]
    assert chain.problem == "Clients kept failing for 71 minutes"
    assert chain.answers == ("The renewal runbook was not linked from the alert",)
    assert chain.root_cause and chain.category is CauseCategory.PROCESS


async def test_add_action_in_the_meeting_is_saved(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await _start(pilot)
        await pilot.press("5", "a")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ActionItemModal)
        form.query_one("#action-text", Input).value = "Add a certificate expiry probe"
        form.query_one("#action-owner", Input).value = "Lena Hoffmann"
        form.query_one("#action-due", Input).value = "+2w"
        form.query_one("#action-text", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MeetingScreen)
        assert "Add a certificate expiry probe" in _content(pilot)
    added = ui.saved().actions[-1]
    assert (added.text, added.owner, str(added.due)) == (
        "Add a certificate expiry probe",
        "Lena Hoffmann",
        "2025-04-03",
    )


async def test_roll_call_saves_who_is_here(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await _start(pilot)
        await pilot.press("6")
        assert "Not confirmed yet" in _content(pilot)
        await pilot.press("r")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, AttendeesModal)
        names = modal.query_one(SelectionList)
        assert "Priya Raman" in names.selected
        assert modal.query_one("#attendee-new").has_focus  # names are typed first
        await pilot.press(*"Noor Aziz", "enter")
        await pilot.press("shift+tab", "space")  # untick the first name: Priya Raman
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, MeetingScreen)
        assert "Confirmed in this meeting" in _content(pilot)
        assert "Noor Aziz" in _content(pilot)
    attendees = ui.saved().attendees
    assert "Priya Raman" not in attendees
    assert attendees[-1] == "Noor Aziz"
    assert "Jonas Weber" in attendees


async def test_first_step_lists_other_postmortems_open_actions_overdue_first(make_ui) -> None:
    ui = make_ui()
    older = ui.service.create("Checkout latency after cache eviction", timezone="Europe/Berlin")
    older, _ = ui.service.add_action(
        older, text="Cap cache eviction rate", owner="Bo", due="2025-03-01"
    )
    older, _ = ui.service.add_action(older, text="Add a p99 latency alert", owner="Cy", due="+3w")
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await _start(pilot)
        content = _content(pilot)
        assert "2 open · 1 overdue" in content
        assert content.index("Cap cache eviction rate") < content.index("Add a p99 latency")
        assert "● OVERDUE Bo" in content
        assert "Checkout latency after cache eviction" in content
        # The sample's own action items are this meeting's step 5, not carried over.
        assert "Page the Edge Platform" not in content


@SHARED
async def test_letters_type_in_the_quick_add_line_instead_of_stepping(
    shared: SharedWorkspace,
) -> None:
    pilot, meeting = await _start_shared(shared)
    await pilot.press("colon", *"now pages", "pagedown")
    await pilot.pause()
    assert meeting.query_one("#meeting-capture", Input).value == "now pages"
    assert meeting.step == 1  # page keys still step while typing
    # The new step starts with its own keys (issue 12, 7a); the half-typed line is kept.
    assert meeting.focused is None
    assert "esc gives the keys back" not in _text(meeting.query_one("#meeting-keys"))


async def test_read_only_meeting_walks_the_agenda_but_captures_nothing(make_ui) -> None:
    ui = make_ui(read_only_reason="Opened read-only: another pmtui is writing this file.")
    before = ui.saved()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        meeting = await _start(pilot)
        # One key at a time: "sarw" in one go reads as a word after `s`, which opens a box.
        for key in "3sarw":
            await pilot.press(key)
        await pilot.pause()
        assert pilot.app.screen is meeting  # no form opened
        assert meeting.step == 2
        assert meeting.check_action("stamp_now", ()) is None
    assert ui.saved() == before


@SHARED
async def test_every_meeting_action_is_in_the_palette_and_f1_lists_the_keys(
    shared: SharedWorkspace,
) -> None:
    from pmtui.ui.modals.help import HelpScreen

    pilot, meeting = await _start_shared(shared)
    titles = {command.title for command in palette_entries(meeting)}
    assert {
        "Next step",
        "Stamp now",
        "Quick add",
        "Answer why",
        "Add action",
        "Roll call",
        "+1 min",
        "Leave",
        "Restart the meeting clock",
    } <= titles
    step = next(c for c in meeting.palette_commands() if c.title.startswith("Meeting step 5"))
    step.callback()
    await pilot.pause()
    assert meeting.step == 4
    await pilot.press("f1")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HelpScreen)
    table = pilot.app.screen.query_one("#help-keys")
    rows = [table.get_row_at(index) for index in range(table.row_count)]
    described = {str(row[2]) for row in rows}
    assert {"Next step", "Stamp now", "Answer why", "Roll call", "+1 min"} <= described


# Snapshots --------------------------------------------------------------------------------

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 35), id="120x35")]


def at_step(key: str) -> Callable:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        pilot.app.screen.open_postmortem(SAMPLE_ID)
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause(0.3)

    return run_before


@pytest.mark.parametrize("step", ["3", "6"])
@pytest.mark.parametrize("size", SIZES)
def test_meeting_snapshot(snap_compare, snapshot_ui, size: tuple[int, int], step: str) -> None:
    assert snap_compare(snapshot_ui().app, terminal_size=size, run_before=at_step(step))


@SHARED
async def test_step_titles_are_as_large_as_the_clock_at_120x35(shared: SharedWorkspace) -> None:
    pilot, meeting = await _start_shared(shared)
    await pilot.press("3")
    await pilot.pause()
    title = meeting.query_one("#step-title", BigTitle)
    digits = meeting.query_one("#step-timebox .timebox-digits")
    assert title.is_big
    assert title.size.height == digits.size.height == 3
    rows = _text(title).splitlines()
    assert len(rows) == 3 and "Timeline" not in _text(title)
    # The block letters fit beside the clock, without running under it.
    assert title.region.right <= meeting.query_one("#step-timebox").region.x
    assert max(len(row) for row in rows) <= title.content_region.width


async def test_a_title_too_wide_for_the_block_font_uses_its_short_name_then_bold_text(
    make_ui,
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 35)) as pilot:
        meeting = await _start(pilot)
        await pilot.press("3")
        await pilot.pause()
        title = meeting.query_one("#step-title", BigTitle)
        assert title.big_text(title.content_region.width) == "3  Timeline"
        assert title.size.height == 3
        await pilot.press("1")
        await pilot.pause()
        # "1  Earlier actions" does not fit 80 columns beside the clock: one bold line.
        assert not title.is_big
        assert _text(title) == "1  Open actions from earlier post-mortems"


async def test_at_80x24_the_title_is_one_bold_line_like_the_one_line_clock(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        meeting = await _start(pilot)
        await pilot.press("4")
        await pilot.pause()
        title = meeting.query_one("#step-title", BigTitle)
        assert not title.is_big
        assert _text(title) == "4  Five Whys"
        assert title.size.height == 1
        assert title.styles.text_style.bold
