"""Tests of the review meeting's agenda: timeboxes, the step clock and carried-over actions."""

from __future__ import annotations

from datetime import date

from pmtui.model.agenda import (
    STEPS,
    MeetingPlan,
    MeetingRun,
    TimeboxState,
    carried_actions,
    confirmed_attendees,
    format_clock,
    owner_named_in_full,
    timebox_state,
)
from pmtui.model.enums import ActionStatus
from pmtui.model.postmortem import ActionItem, PostMortem

TODAY = date(2025, 3, 20)


def test_six_steps_with_the_default_timeboxes() -> None:
    assert [s.key for s in STEPS] == [
        "carry_over",
        "summary",
        "timeline",
        "whys",
        "actions",
        "wrap_up",
    ]
    assert MeetingPlan().minutes == (5, 10, 15, 15, 10, 5)
    assert MeetingPlan().total_minutes == 60


def test_minutes_can_be_added_and_removed_but_never_below_one() -> None:
    plan = MeetingPlan().with_minutes(1, +5)
    assert plan.minutes[1] == 15 and plan.total_minutes == 65
    plan = plan.with_minutes(0, -10)
    assert plan.minutes[0] == 1


def test_step_clock_counts_each_visit_and_the_total_runs_on() -> None:
    run = MeetingRun.start(100.0)
    assert run.step_elapsed(160.0) == 60.0
    run = run.go_to(1, 160.0)
    assert run.step_elapsed(190.0) == 30.0
    assert run.step_elapsed(190.0, 0) == 60.0
    run = run.go_to(0, 200.0)  # back to the first step: its clock continues from 60s
    assert run.step_elapsed(210.0) == 70.0
    assert run.step_elapsed(210.0, 1) == 40.0
    assert run.total_elapsed(210.0) == 110.0


def test_going_past_either_end_stays_on_the_end_step() -> None:
    run = MeetingRun.start(0.0)
    assert run.go_to(-1, 5.0) is run
    assert run.go_to(99, 5.0).step == len(STEPS) - 1


def test_timebox_state_turns_near_then_over() -> None:
    assert timebox_state(60, 5) is TimeboxState.WITHIN
    assert timebox_state(240, 5) is TimeboxState.NEAR
    assert timebox_state(300, 5) is TimeboxState.NEAR
    assert timebox_state(301, 5) is TimeboxState.OVER


def test_format_clock() -> None:
    assert format_clock(0) == "0:00"
    assert format_clock(245.9) == "4:05"
    assert format_clock(3750) == "1:02:30"
    assert format_clock(-5) == "0:00"


def _pm(pm_id: str, *actions: ActionItem) -> PostMortem:
    return PostMortem(id=pm_id, title=f"Incident {pm_id}", actions=actions)


def test_carried_actions_are_open_ones_of_other_postmortems_overdue_first() -> None:
    late = ActionItem("a1", "Rotate keys", "Ana", date(2025, 3, 1))
    soon = ActionItem("a2", "Add alert", "Bo", date(2025, 4, 1))
    undated = ActionItem("a3", "Write runbook", "Cy")
    done = ActionItem("a4", "Fix config", "Di", date(2025, 1, 1), status=ActionStatus.DONE)
    later_late = ActionItem("a5", "Page on expiry", "Ed", date(2025, 3, 10))
    mine = ActionItem("a6", "This meeting's own", "Fi", date(2025, 1, 1))
    carried = carried_actions(
        [_pm("x", soon, undated, done), _pm("y", later_late, late), _pm("me", mine)],
        TODAY,
        exclude="me",
    )
    assert [c.action.id for c in carried] == ["a1", "a5", "a2", "a3"]
    assert [c.overdue for c in carried] == [True, True, False, False]
    assert carried[0].pm_title == "Incident y"


def test_confirmed_attendees_keep_the_known_order_and_add_new_names_once() -> None:
    known = ["Priya Raman", "Jonas Weber", "Lena Hoffmann"]
    present = ["lena hoffmann", "Priya Raman", " Noor Aziz ", "noor aziz"]
    assert confirmed_attendees(known, present) == ("Priya Raman", "Lena Hoffmann", "Noor Aziz")


def test_the_owner_takes_the_fuller_name_the_roll_call_listed_them_under() -> None:
    assert owner_named_in_full("Priya", ["Jonas Weber", "Priya Raman"]) == "Priya Raman"
    assert owner_named_in_full("priya", ["Priya Raman"]) == "Priya Raman"
    # Listed as written, or could be either of two people, or no owner: nothing changes.
    assert owner_named_in_full("Priya Raman", ["Priya Raman"]) is None
    assert owner_named_in_full("Sam", ["Sam Lee", "Sam Park"]) is None
    assert owner_named_in_full("Sam", ["Sam Lee", "Sam"]) is None
    assert owner_named_in_full("", ["Priya Raman"]) is None
    assert owner_named_in_full("Priya Raman", ["Priya"]) is None  # never shortened
