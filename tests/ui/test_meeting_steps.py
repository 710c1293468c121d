"""Meeting mode's structure: one widget per agenda step, switched by the reactive `step`, and
the meeting's state held by the workspace it belongs to (one obvious lifetime)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

import pmtui.ui.screens.meeting as meeting_module
from pmtui.model.agenda import STEPS, MeetingState
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.meeting_steps import STEP_WIDGETS, MeetingStep, TimelineStep
from tests.ui.support import SharedWorkspace, shared_workspace

# Both Pilot tests change nothing and share one app: the module stays in one xdist worker.
pytestmark = pytest.mark.xdist_group("meeting_steps_shared_app")
SHARED = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[SharedWorkspace]:
    folder = tmp_path_factory.mktemp("meeting-steps")
    async with shared_workspace(folder, (120, 35), "timeline") as workspace:
        yield workspace


def test_each_agenda_step_has_its_own_widget_in_agenda_order() -> None:
    assert [widget.KEY for widget in STEP_WIDGETS] == [step.key for step in STEPS]
    assert all(issubclass(widget, MeetingStep) and widget.PROMPT for widget in STEP_WIDGETS)


def test_no_meeting_lives_in_a_module_level_table() -> None:
    assert not hasattr(meeting_module, "_MEETINGS")


@SHARED
async def test_the_step_shown_follows_the_reactive_step(shared: SharedWorkspace) -> None:
    pilot = await shared.fresh()
    await pilot.press("m")
    await pilot.pause()
    meeting = pilot.app.screen
    assert isinstance(meeting, MeetingScreen)
    switcher = meeting.query_one("#step-content")
    assert [child.id for child in switcher.children] == [f"step-{s.key}" for s in STEPS]
    assert switcher.current == "step-carry_over"  # type: ignore[attr-defined]
    meeting.step = 2
    await pilot.pause()
    assert switcher.current == "step-timeline"  # type: ignore[attr-defined]
    step = meeting.step_widget
    assert isinstance(step, TimelineStep) and step.display
    assert "Event " in step.text
    assert meeting.query_one("#step-title").title.startswith("3  ")  # type: ignore[attr-defined]


@SHARED
async def test_the_workspace_holds_its_meeting_and_resumes_it(shared: SharedWorkspace) -> None:
    pilot = await shared.fresh()
    workspace = pilot.app.screen
    assert isinstance(workspace, WorkspaceScreen)
    assert workspace.meeting is None
    await pilot.press("m", "right", "right")
    await pilot.pause()
    state = workspace.meeting
    assert isinstance(state, MeetingState) and state.run.step == 2
    await pilot.press("escape")
    await pilot.pause()
    assert pilot.app.screen is workspace
    await pilot.press("m")
    await pilot.pause()
    meeting = pilot.app.screen
    assert isinstance(meeting, MeetingScreen)
    assert meeting.state is state and meeting.resumed and meeting.step == 2


def test_the_wrap_up_reads_every_open_action_whole_at_80_columns() -> None:
    """The recap is read aloud before the room leaves: a long action wraps, never cut."""
    from datetime import UTC, date, datetime

    from pmtui.model.agenda import MeetingPlan, MeetingRun
    from pmtui.model.postmortem import ActionItem, PostMortem
    from pmtui.ui.widgets.meeting_steps import wrap_up_content

    text = (
        "Page the on-call engineer when any public certificate is not Ready for 24 hours, "
        "with a runbook link and the owning team named in the alert"
    )
    made = datetime(2025, 3, 19, 12, 0, tzinfo=UTC)
    pm = PostMortem(
        id="wrapup01",
        title="Certificate expiry",
        created_at=made,
        updated_at=made,
        actions=(ActionItem(id="a1", text=text, owner="Priya"),),
    )
    shown = wrap_up_content(
        pm, date(2025, 3, 20), [], MeetingPlan(), MeetingRun.start(0.0), 60.0, width=76
    ).plain
    assert "…" not in shown.split("Still missing")[0]
    assert " ".join(shown.split("Still missing")[0].split()).count(text) == 1
    assert max(len(line) for line in shown.splitlines()) <= 76
