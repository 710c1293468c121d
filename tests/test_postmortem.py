"""The PostMortem dataclasses and their editing rules."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace
from datetime import UTC, date, datetime

import pytest

from pmtui.model.enums import ActionStatus, CauseCategory, EventKind
from pmtui.model.postmortem import (
    SECTION_KEYS,
    ActionItem,
    PostMortem,
    TimelineEvent,
    WhyChain,
    new_id,
)

STAMP = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)


def at(minute: int) -> datetime:
    return datetime(2025, 3, 11, 10, minute, tzinfo=UTC)


def ev(event_id: str, minute: int, kind: EventKind = EventKind.NOTE) -> TimelineEvent:
    return TimelineEvent(id=event_id, at=at(minute), kind=kind, text=event_id)


def pm_with(*events: TimelineEvent) -> PostMortem:
    return PostMortem(id="pm", title="t", created_at=STAMP, updated_at=STAMP, events=tuple(events))


def ids(pm: PostMortem) -> list[str]:
    return [e.id for e in pm.events]


# timeline ------------------------------------------------------------------------------


def test_with_event_inserts_in_time_order() -> None:
    pm = pm_with(ev("a", 0), ev("c", 20))
    assert ids(pm.with_event(ev("b", 10))) == ["a", "b", "c"]
    assert ids(pm.with_event(ev("same-as-a", 0))) == ["a", "same-as-a", "c"]
    assert ids(pm.with_event(ev("z", 59))) == ["a", "c", "z"]
    assert ids(pm_with().with_event(ev("only", 5))) == ["only"]


def test_with_event_before_everything() -> None:
    pm = pm_with(ev("a", 10), ev("b", 20))
    early = TimelineEvent(
        id="early", at=datetime(2025, 3, 11, 9, 59, tzinfo=UTC), kind=EventKind.START, text="x"
    )
    assert ids(pm.with_event(early)) == ["early", "a", "b"]


def test_with_event_puts_ties_after_existing_events_at_that_instant() -> None:
    pm = pm_with(ev("a", 0), ev("b1", 10), ev("b2", 10), ev("c", 20))
    assert ids(pm.with_event(ev("b3", 10))) == ["a", "b1", "b2", "b3", "c"]


def test_with_event_returns_a_new_post_mortem() -> None:
    pm = pm_with(ev("a", 0))
    added = pm.with_event(ev("b", 5))
    assert ids(pm) == ["a"]
    assert ids(added) == ["a", "b"]
    with pytest.raises(FrozenInstanceError):
        pm.title = "changed"  # type: ignore[misc]


def test_with_events_sorts_and_keeps_insertion_order_for_ties() -> None:
    pm = pm_with(ev("a", 0), ev("t1", 10))
    merged = pm.with_events((ev("z", 30), ev("t2", 10), ev("early", 0)))
    assert ids(merged) == ["a", "early", "t1", "t2", "z"]


def test_with_event_replaced_resorts_the_timeline() -> None:
    pm = pm_with(ev("a", 0), ev("b", 10), ev("c", 20))
    moved = pm.with_event_replaced(replace(pm.event("a"), at=at(15), text="moved"))
    assert ids(moved) == ["b", "a", "c"]
    assert moved.event("a").text == "moved"
    assert len(moved.events) == 3
    # moved onto an existing instant: after the events already there
    onto_tie = pm.with_event_replaced(replace(pm.event("c"), at=at(10)))
    assert ids(onto_tie) == ["a", "b", "c"]
    back = pm.with_event_replaced(replace(pm.event("b"), at=at(0)))
    assert ids(back) == ["a", "b", "c"]


def test_with_event_replaced_changes_only_the_content_when_time_is_unchanged() -> None:
    pm = pm_with(ev("a", 0), ev("b", 10), ev("c", 20))
    edited = pm.with_event_replaced(replace(pm.event("b"), kind=EventKind.DETECTED))
    assert ids(edited) == ["a", "b", "c"]
    assert edited.event("b").kind is EventKind.DETECTED
    assert pm.event("b").kind is EventKind.NOTE


def test_unknown_ids_raise_key_error() -> None:
    pm = pm_with(ev("a", 0))
    with pytest.raises(KeyError, match="nope"):
        pm.with_event_replaced(ev("nope", 5))
    with pytest.raises(KeyError, match="nope"):
        pm.without_event("nope")
    with pytest.raises(KeyError, match="nope"):
        pm.event("nope")
    with pytest.raises(KeyError, match="nope"):
        pm.without_why_chain("nope")
    with pytest.raises(KeyError, match="nope"):
        pm.why_chain("nope")
    with pytest.raises(KeyError, match="nope"):
        pm.without_action("nope")
    with pytest.raises(KeyError, match="nope"):
        pm.action("nope")


def test_without_event_removes_only_that_event() -> None:
    pm = pm_with(ev("a", 0), ev("b", 10), ev("c", 20))
    assert ids(pm.without_event("b")) == ["a", "c"]


def test_milestone_kinds() -> None:
    milestones = {kind for kind in EventKind if ev("x", 0, kind).is_milestone}
    assert milestones == {
        EventKind.START,
        EventKind.DETECTED,
        EventKind.ACKNOWLEDGED,
        EventKind.MITIGATED,
        EventKind.RESOLVED,
    }


# Five Whys -----------------------------------------------------------------------------


def test_why_chain_last_statement_and_cause() -> None:
    fresh = WhyChain(id="w", problem="Checkout failed")
    assert fresh.last_statement == "Checkout failed"
    assert fresh.cause == ""

    answered = replace(fresh, answers=("Config pushed", "No canary"))
    assert answered.last_statement == "No canary"
    assert answered.cause == ""  # not marked as root cause yet

    rooted = replace(answered, root_cause=True, category=CauseCategory.PROCESS)
    assert rooted.cause == "No canary"
    assert rooted.last_statement == "No canary"

    # marked, but with nothing to point at
    assert replace(fresh, root_cause=True).cause == ""


def test_with_why_chain_adds_or_replaces_in_place() -> None:
    pm = pm_with()
    pm = pm.with_why_chain(WhyChain(id="w1", problem="p1"))
    pm = pm.with_why_chain(WhyChain(id="w2", problem="p2"))
    pm = pm.with_why_chain(WhyChain(id="w1", problem="p1", answers=("a",)))
    assert [(c.id, c.answers) for c in pm.whys] == [("w1", ("a",)), ("w2", ())]
    assert pm.why_chain("w2").problem == "p2"
    assert [c.id for c in pm.without_why_chain("w1").whys] == ["w2"]


# action items --------------------------------------------------------------------------


TODAY = date(2025, 3, 20)


@pytest.mark.parametrize(
    ("status", "due", "overdue"),
    [
        (ActionStatus.OPEN, date(2025, 3, 19), True),
        (ActionStatus.IN_PROGRESS, date(2025, 1, 1), True),
        (ActionStatus.OPEN, TODAY, False),  # due today is not overdue yet
        (ActionStatus.IN_PROGRESS, date(2025, 3, 21), False),
        (ActionStatus.OPEN, None, False),
        (ActionStatus.DONE, date(2025, 3, 19), False),
        (ActionStatus.WONT_DO, date(2025, 3, 19), False),
    ],
)
def test_is_overdue_only_for_unfinished_past_due_actions(
    status: ActionStatus, due: date | None, overdue: bool
) -> None:
    action = ActionItem(id="a", text="x", due=due, status=status)
    assert action.is_overdue(TODAY) is overdue
    assert action.is_open is (status in {ActionStatus.OPEN, ActionStatus.IN_PROGRESS})


def test_with_action_adds_or_replaces_in_place() -> None:
    pm = pm_with()
    pm = pm.with_action(ActionItem(id="a1", text="one"))
    pm = pm.with_action(ActionItem(id="a2", text="two"))
    pm = pm.with_action(ActionItem(id="a1", text="one", status=ActionStatus.DONE))
    assert [(a.id, a.status) for a in pm.actions] == [
        ("a1", ActionStatus.DONE),
        ("a2", ActionStatus.OPEN),
    ]
    assert pm.action("a2").text == "two"
    assert [a.id for a in pm.without_action("a2").actions] == ["a1"]


# header --------------------------------------------------------------------------------


def test_section_reads_only_narrative_sections() -> None:
    pm = replace(pm_with(), summary="S", links="L")
    assert pm.section("summary") == "S"
    assert pm.section("links") == "L"
    assert pm.section("impact") == ""
    assert len(SECTION_KEYS) == 12
    with pytest.raises(KeyError):
        pm.section("title")


def test_zone_and_new_id() -> None:
    assert str(replace(pm_with(), timezone="Europe/Berlin").zone) == "Europe/Berlin"
    assert pm_with().zone is UTC
    first, second = new_id(), new_id()
    assert len(first) == 8 and int(first, 16) >= 0
    assert first != second
