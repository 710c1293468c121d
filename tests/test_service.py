"""Tests PostMortemService: validation before saving, local times, and what each change saves.

Every test checks the file itself through a fresh read-only store, not only the returned state.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pmtui.model.enums import ActionStatus, CauseCategory, EventKind, Priority, Severity, Status
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import PostMortem
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore

NOW = datetime(2025, 3, 11, 14, 0, tzinfo=UTC)
OLD_MTIME_NS = 1_600_000_000_000_000_000


def clock() -> datetime:
    return NOW


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "postmortems.json"


@pytest.fixture
def service(db: Path) -> Iterator[PostMortemService]:
    with PostMortemStore.open(db) as store:
        yield PostMortemService(store, clock=clock)


def on_disk(db: Path, pm_id: str) -> PostMortem:
    with PostMortemStore.open(db, read_only=True) as reader:
        return reader.load(pm_id)


def ids_on_disk(db: Path) -> list[str]:
    with PostMortemStore.open(db, read_only=True) as reader:
        return reader.ids()


def frozen(db: Path) -> tuple[bytes, int]:
    """Back-date the file so any rewrite shows; returns what it must still be afterwards."""
    os.utime(db, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    return db.read_bytes(), db.stat().st_mtime_ns


def unchanged(db: Path, before: tuple[bytes, int]) -> bool:
    return (db.read_bytes(), db.stat().st_mtime_ns) == before


def refused(call: object, where: str) -> ValidationError:
    """Run `call` (a zero-argument callable) and return the ValidationError naming `where`."""
    assert callable(call)
    with pytest.raises(ValidationError) as error:
        call()
    assert error.value.where == where, str(error.value)
    return error.value


# Creating --------------------------------------------------------------------------------


def test_create_saves_a_post_mortem_dated_in_its_own_timezone(
    service: PostMortemService, db: Path
) -> None:
    pm = service.create(
        "  Expired certificate  ", severity="sev 2", timezone="Pacific/Auckland", owner=" Dana "
    )
    assert (pm.title, pm.severity, pm.status, pm.owner) == (
        "Expired certificate",
        Severity.SEV2,
        Status.DRAFT,
        "Dana",
    )
    assert pm.timezone == "Pacific/Auckland"
    assert pm.incident_date == date(2025, 3, 12)  # 14:00 UTC is already the 12th there
    assert pm.created_at == pm.updated_at == NOW
    assert len(pm.id) == 8
    assert on_disk(db, pm.id) == pm

    dated = service.create("Older outage", incident_date="2025-02-27")
    assert on_disk(db, dated.id).incident_date == date(2025, 2, 27)
    assert ids_on_disk(db) == [pm.id, dated.id]


@pytest.mark.parametrize(
    ("arguments", "where"),
    [
        ({"title": "   "}, "title"),
        ({"title": "Outage", "severity": "SEV9"}, "severity"),
        ({"title": "Outage", "timezone": "Mars/Olympus"}, "timezone"),
        ({"title": "Outage", "incident_date": "2022-Q1"}, "incident_date"),
    ],
    ids=["no title", "bad severity", "bad timezone", "bad date"],
)
def test_create_refuses_invalid_input_and_saves_nothing(
    service: PostMortemService, db: Path, arguments: dict[str, str], where: str
) -> None:
    title = arguments.pop("title")
    refused(lambda: service.create(title, **arguments), where)
    assert not db.exists()
    assert service.store.ids() == []


def test_create_refusal_message_names_the_problem(service: PostMortemService) -> None:
    error = refused(lambda: service.create("Outage", severity="SEV9"), "severity")
    assert str(error) == "severity: 'SEV9' is not one of: SEV1, SEV2, SEV3, SEV4, SEV5"
    error = refused(lambda: service.create(""), "title")
    assert str(error) == "title: a title is required"


# Header and narrative ------------------------------------------------------------------------


def test_update_changes_header_fields_and_sections(service: PostMortemService, db: Path) -> None:
    pm = service.create("Outage")
    later = NOW + timedelta(minutes=5)
    service.clock = lambda: later
    pm = service.update(
        pm,
        title="Expired certificate",
        severity="1",
        status="review",
        owner="Dana",
        attendees="Dana, Lee , ,Sam",
        services=["api", " edge "],
        timezone="Europe/Berlin",
        incident_date="2025-03-10",
        summary="  First line\n  indented second line  \n\n",
        lessons="Alert on expiry",
    )
    assert (pm.title, pm.severity, pm.status, pm.owner) == (
        "Expired certificate",
        Severity.SEV1,
        Status.IN_REVIEW,
        "Dana",
    )
    assert pm.attendees == ("Dana", "Lee", "Sam")
    assert pm.services == ("api", "edge")
    assert (pm.timezone, pm.incident_date) == ("Europe/Berlin", date(2025, 3, 10))
    assert pm.summary == "  First line\n  indented second line"
    assert pm.lessons == "Alert on expiry"
    assert pm.updated_at == later
    assert pm.created_at == NOW
    assert on_disk(db, pm.id) == pm

    pm = service.update(pm, incident_date="")
    assert on_disk(db, pm.id).incident_date is None


def test_undo_and_redo_are_saved_at_the_time_they_are_made(
    service: PostMortemService, db: Path
) -> None:
    """Mock meeting 18c: after an edit and its undo the file must not claim it was last
    changed before both (it was written by each); undo and redo stamp the time as any
    change does."""
    pm = service.create("Outage")
    edited_at, undone_at, redone_at = (NOW + timedelta(minutes=n) for n in (5, 7, 9))
    service.clock = lambda: edited_at
    change = service.run(pm, lambda pm: service.update(pm, summary="Clients saw TLS errors"))
    service.clock = lambda: undone_at
    undone = service.revert(change.after, change.before)
    assert undone.summary == "" and undone.updated_at == undone_at
    assert on_disk(db, pm.id).updated_at == undone_at
    service.clock = lambda: redone_at
    redone = service.revert(undone, change.after)
    assert redone.summary == "Clients saw TLS errors" and redone.updated_at == redone_at
    assert on_disk(db, pm.id) == redone


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("colour", "red"),
        ("id", "other"),
        ("events", ()),
        ("title", ""),
        ("status", "archived"),
        ("timezone", "Nowhere/Else"),
        ("incident_date", "soon"),
        ("summary", 42),
        ("attendees", 42),
    ],
)
def test_update_refuses_unknown_fields_and_bad_values(
    service: PostMortemService, db: Path, field: str, value: object
) -> None:
    pm = service.create("Outage")
    before = frozen(db)
    error = refused(lambda: service.update(pm, impact="Not saved", **{field: value}), field)
    if field in ("colour", "id", "events"):
        assert error.message == f"{field!r} is not a post-mortem field"
    assert unchanged(db, before)
    assert on_disk(db, pm.id) == pm


# Timeline ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "typed", "expected"),
    [
        ("Europe/Berlin", "14:32", datetime(2025, 3, 11, 13, 32, tzinfo=UTC)),
        # 14:00 UTC is 03:00 on the 12th in Auckland: a clock time is on the local date.
        ("Pacific/Auckland", "14:32", datetime(2025, 3, 12, 1, 32, tzinfo=UTC)),
        ("America/New_York", "14:32", datetime(2025, 3, 11, 18, 32, tzinfo=UTC)),
        ("Europe/Berlin", "+5m", datetime(2025, 3, 11, 14, 5, tzinfo=UTC)),
        ("Europe/Berlin", "-1h30m", datetime(2025, 3, 11, 12, 30, tzinfo=UTC)),
        ("Europe/Berlin", "now", NOW),
        ("Europe/Berlin", "2025-03-10 23:59", datetime(2025, 3, 10, 22, 59, tzinfo=UTC)),
        ("Europe/Berlin", "2025-03-10T08:00:00Z", datetime(2025, 3, 10, 8, 0, tzinfo=UTC)),
    ],
)
def test_add_event_reads_times_in_the_post_mortems_timezone(
    service: PostMortemService, db: Path, zone: str, typed: str, expected: datetime
) -> None:
    pm = service.create("Outage", timezone=zone)
    pm, event = service.add_event(pm, at=typed, kind="ack", text="  Paged the on-call  ")
    assert event.at == expected
    assert (event.kind, event.text, event.source, event.link) == (
        EventKind.ACKNOWLEDGED,
        "Paged the on-call",
        "manual",
        "",
    )
    assert pm.events == (event,)
    assert on_disk(db, pm.id) == pm
    assert on_disk(db, pm.id).events[0].at == expected


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"at": "25:99", "text": "x"}, "at"),
        ({"at": "yesterday-ish", "text": "x"}, "at"),
        ({"at": "", "text": "x"}, "at"),
        ({"at": "14:32", "text": "   "}, "text"),
        ({"at": "14:32", "text": "x", "kind": "party"}, "kind"),
    ],
)
def test_add_event_refuses_invalid_input_and_leaves_the_file(
    service: PostMortemService, db: Path, fields: dict[str, str], where: str
) -> None:
    pm = service.create("Outage", timezone="Europe/Berlin")
    pm, _ = service.add_event(pm, at="14:00", text="Alert fired")
    before = frozen(db)
    refused(lambda: service.add_event(pm, **fields), where)
    assert unchanged(db, before)
    assert on_disk(db, pm.id) == pm


def test_a_bare_time_added_after_an_anchor_follows_the_quick_add_lines_rule(
    service: PostMortemService, db: Path
) -> None:
    # The add form and the quick-add line read one typed time on one day: 02:00 after an
    # event at 22:30 is 3½ h later, and 14:32 after an event at 14:40 is 8 min earlier.
    pm = service.create("Outage", timezone="Europe/Berlin")
    pm, late = service.add_event(pm, at="2025-03-10 22:30", text="Disk fills")
    pm, small_hours = service.add_event(pm, at="02:00", text="Replica lags", anchor=late.at)
    assert small_hours.at == datetime(2025, 3, 11, 1, 0, tzinfo=UTC)  # 02:00 CET on the 11th
    pm, afternoon = service.add_event(pm, at="2025-03-12 14:40", text="Paged")
    pm, before = service.add_event(pm, at="14:32", text="Alert", anchor=afternoon.at)
    assert before.at == datetime(2025, 3, 12, 13, 32, tzinfo=UTC)
    assert on_disk(db, pm.id) == pm


def test_edit_event_re_sorts_and_reads_clock_times_on_the_events_own_date(
    service: PostMortemService, db: Path
) -> None:
    pm = service.create("Outage", timezone="Europe/Berlin")
    pm, start = service.add_event(pm, at="2025-03-10 09:00", kind="start", text="Errors begin")
    pm, detect = service.add_event(pm, at="2025-03-10 09:10", kind="detect", text="Alert")
    pm, fix = service.add_event(pm, at="2025-03-10 09:40", kind="resolved", text="Fixed")
    assert [e.id for e in pm.events] == [start.id, detect.id, fix.id]

    pm = service.edit_event(pm, start.id, at="09:50")  # 09:50 on the 10th, not today
    assert pm.event(start.id).at == datetime(2025, 3, 10, 8, 50, tzinfo=UTC)
    assert [e.id for e in pm.events] == [detect.id, fix.id, start.id]
    pm = service.edit_event(pm, fix.id, at="-45m", text="Fixed for real", link="https://x.test")
    assert pm.event(fix.id).at == datetime(2025, 3, 10, 7, 55, tzinfo=UTC)
    assert [e.id for e in pm.events] == [fix.id, detect.id, start.id]
    assert on_disk(db, pm.id) == pm
    assert on_disk(db, pm.id).event(fix.id).link == "https://x.test"

    before = frozen(db)
    assert service.edit_event(pm, detect.id, text="Alert") is pm  # no change, no write
    refused(lambda: service.edit_event(pm, detect.id, at="noonish"), "at")
    assert unchanged(db, before)


def test_delete_event_returns_it_and_restore_puts_it_back(
    service: PostMortemService, db: Path
) -> None:
    pm = service.create("Outage")
    for minute in range(5):
        pm, _ = service.add_event(pm, at=f"10:0{minute}", text=f"Step {minute}")
    original = pm
    target = pm.events[2]

    pm, removed = service.delete_event(pm, target.id)
    assert removed == target
    assert [e.text for e in on_disk(db, pm.id).events] == ["Step 0", "Step 1", "Step 3", "Step 4"]

    pm = service.restore_event(pm, removed)
    assert pm.events == original.events
    assert on_disk(db, pm.id) == pm
    with pytest.raises(KeyError):
        service.delete_event(pm, "missing")


def test_duplicate_event_saves_a_copy_with_a_new_id(service: PostMortemService, db: Path) -> None:
    pm = service.create("Outage")
    pm, event = service.add_event(pm, at="10:00", kind="deploy", text="Deploy v2")
    pm, copy = service.duplicate_event(pm, event.id)
    assert copy.id != event.id
    assert (copy.at, copy.kind, copy.text) == (event.at, event.kind, event.text)
    assert [e.id for e in on_disk(db, pm.id).events] == [event.id, copy.id]


# Five Whys -----------------------------------------------------------------------------------


def test_why_chain_from_problem_to_root_cause(service: PostMortemService, db: Path) -> None:
    pm = service.create("Outage")
    refused(lambda: service.add_why_chain(pm, "  "), "problem")
    pm, chain = service.add_why_chain(pm, "The API served an expired certificate")
    error = refused(lambda: service.mark_root_cause(pm, chain.id, "process"), "answer")
    assert error.message == "answer at least one 'why?' before naming a root cause"

    pm = service.answer_why(pm, chain.id, "Renewal failed")
    pm = service.answer_why(pm, chain.id, "  No alert on renewal failures ")
    refused(lambda: service.answer_why(pm, chain.id, ""), "answer")
    refused(lambda: service.mark_root_cause(pm, chain.id, "bad luck"), "category")
    before = frozen(db)
    assert on_disk(db, pm.id).why_chain(chain.id).root_cause is False

    pm = service.mark_root_cause(pm, chain.id, "Monitoring")
    assert not unchanged(db, before)
    saved = on_disk(db, pm.id).why_chain(chain.id)
    assert saved.answers == ("Renewal failed", "No alert on renewal failures")
    assert (saved.root_cause, saved.category) == (True, CauseCategory.MONITORING)
    assert saved.cause == "No alert on renewal failures"

    before = frozen(db)
    error = refused(lambda: service.answer_why(pm, chain.id, "One more"), "answer")
    assert error.message == "this chain already ends at its root cause"
    assert unchanged(db, before)

    pm = service.reopen_why_chain(pm, chain.id)
    saved = on_disk(db, pm.id).why_chain(chain.id)
    assert (saved.root_cause, saved.category) == (False, None)


def test_branching_starts_a_chain_from_one_answer(service: PostMortemService, db: Path) -> None:
    pm = service.create("Outage")
    pm, chain = service.add_why_chain(pm, "Checkout failed")
    pm = service.answer_why(pm, chain.id, "The database was full")
    pm = service.answer_why(pm, chain.id, "Nobody watched disk growth")
    before = frozen(db)
    refused(lambda: service.branch_why_chain(pm, chain.id, 2), "answer")
    assert unchanged(db, before)

    pm, branch = service.branch_why_chain(pm, chain.id, 1)
    assert branch.problem == "Nobody watched disk growth"
    assert branch.branched_from == f"{chain.id}:1"
    assert branch.answers == ()
    assert on_disk(db, pm.id).whys == (pm.why_chain(chain.id), branch)


def test_deleting_one_why_moves_the_later_ones_up_and_keeps_branches_on_their_answers(
    service: PostMortemService, db: Path
) -> None:
    pm = service.create("Outage")
    pm, chain = service.add_why_chain(pm, "Checkout failed")
    for answer in ("The database was full", "A duplicate answer", "Nobody watched disk growth"):
        pm = service.answer_why(pm, chain.id, answer)
    pm = service.mark_root_cause(pm, chain.id, "monitoring")
    pm, from_duplicate = service.branch_why_chain(pm, chain.id, 1)
    pm, from_last = service.branch_why_chain(pm, chain.id, 2)
    before = frozen(db)
    refused(lambda: service.delete_why(pm, chain.id, 3), "answer")
    assert unchanged(db, before)

    pm, deleted = service.delete_why(pm, chain.id, 1)
    assert deleted == "A duplicate answer"
    saved = on_disk(db, pm.id)
    kept = saved.why_chain(chain.id)
    assert kept.answers == ("The database was full", "Nobody watched disk growth")
    # The root cause was the last answer and still is.
    assert (kept.root_cause, kept.category) == (True, CauseCategory.MONITORING)
    assert saved.why_chain(from_last.id).branched_from == f"{chain.id}:1"
    assert saved.why_chain(from_duplicate.id).branched_from == ""
    assert saved.why_chain(from_duplicate.id).problem == "A duplicate answer"

    # Deleting the answer the chain concluded at reopens it.
    pm, deleted = service.delete_why(pm, chain.id, 1)
    assert deleted == "Nobody watched disk growth"
    kept = on_disk(db, pm.id).why_chain(chain.id)
    assert (kept.answers, kept.root_cause, kept.category) == (
        ("The database was full",),
        False,
        None,
    )


def test_deleting_a_chain_unlinks_the_actions_that_fix_it(
    service: PostMortemService, db: Path
) -> None:
    pm = service.create("Outage")
    pm, kept = service.add_why_chain(pm, "Slow paging")
    pm, doomed = service.add_why_chain(pm, "Expired certificate")
    pm, fixes_doomed = service.add_action(
        pm, text="Alert on expiry", owner="sre", due="+1w", factor_id=doomed.id
    )
    pm, fixes_kept = service.add_action(
        pm, text="Page faster", owner="sre", due="+1w", factor_id=kept.id
    )

    before = pm
    pm, removed = service.delete_why_chain(pm, doomed.id)
    assert removed == doomed
    saved = on_disk(db, pm.id)
    assert saved.whys == (kept,)
    assert saved.action(fixes_doomed.id).factor_id == ""
    assert saved.action(fixes_doomed.id).text == "Alert on expiry"
    assert saved.action(fixes_kept.id).factor_id == kept.id

    pm = service.revert(pm, before)  # undo brings back the chain, its factor and the link
    saved = on_disk(db, pm.id)
    assert saved.whys == (kept, doomed)
    assert saved.factor(doomed.id).chain_id == doomed.id
    assert saved.action(fixes_doomed.id).factor_id == doomed.id


# Action items --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"owner": "sre", "due": "+1w"}, "text"),
        ({"text": "Alert on expiry", "due": "+1w"}, "owner"),
        ({"text": "Alert on expiry", "owner": "sre"}, "due"),
        ({"text": "Alert on expiry", "owner": "sre", "due": "2022-Q1"}, "due"),
        ({"text": "Alert on expiry", "owner": "sre", "due": "2025-02-30"}, "due"),
        ({"text": "Alert on expiry", "owner": "sre", "due": "+1w", "priority": "P9"}, "priority"),
        (
            {"text": "Alert on expiry", "owner": "sre", "due": "+1w", "factor_id": "nope"},
            "factor_id",
        ),
    ],
)
def test_add_action_refuses_incomplete_or_invalid_items(
    service: PostMortemService, db: Path, fields: dict[str, str], where: str
) -> None:
    pm = service.create("Outage")
    before = frozen(db)
    refused(lambda: service.add_action(pm, **fields), where)
    assert unchanged(db, before)
    assert on_disk(db, pm.id).actions == ()


def test_add_action_reads_deadlines_from_the_local_today(
    service: PostMortemService, db: Path
) -> None:
    # 14:00 UTC on the 11th is the 12th in Auckland: "+2w" counts from the 12th.
    pm = service.create("Outage", timezone="Pacific/Auckland")
    pm, chain = service.add_why_chain(pm, "Expired certificate")
    pm, action = service.add_action(
        pm,
        text=" Alert on certificate expiry ",
        owner="edge-team",
        due="+2w",
        priority="high",
        kind="detect",
        tracker="OPS-123",
        factor_id=chain.id,
    )
    assert action.due == date(2025, 3, 26)
    assert (action.text, action.owner, action.priority, action.kind.value) == (
        "Alert on certificate expiry",
        "edge-team",
        Priority.P2,
        "detect",
    )
    assert (action.status, action.completed_on, action.tracker, action.factor_id) == (
        ActionStatus.OPEN,
        None,
        "OPS-123",
        chain.id,
    )
    assert on_disk(db, pm.id).actions == (action,)

    pm, dated = service.add_action(pm, text="Write runbook", owner="sre", due="2025-04-01")
    assert on_disk(db, pm.id).action(dated.id).due == date(2025, 4, 1)


def test_done_sets_the_completion_date_and_reopening_clears_it(
    service: PostMortemService, db: Path
) -> None:
    pm = service.create("Outage", timezone="Pacific/Auckland")
    pm, action = service.add_action(pm, text="Alert on expiry", owner="sre", due="+1w")

    pm = service.edit_action(pm, action.id, status="done")
    saved = on_disk(db, pm.id).action(action.id)
    assert (saved.status, saved.completed_on) == (ActionStatus.DONE, date(2025, 3, 12))

    service.clock = lambda: NOW + timedelta(days=3)
    pm = service.edit_action(pm, action.id, tracker="OPS-9")  # still done: date kept
    assert on_disk(db, pm.id).action(action.id).completed_on == date(2025, 3, 12)

    pm = service.edit_action(pm, action.id, status="in progress")
    saved = on_disk(db, pm.id).action(action.id)
    assert (saved.status, saved.completed_on) == (ActionStatus.IN_PROGRESS, None)

    pm, done_at_once = service.add_action(
        pm, text="Rotate tokens", owner="sre", due="+1d", status="completed"
    )
    assert on_disk(db, pm.id).action(done_at_once.id).completed_on == date(2025, 3, 15)

    before = frozen(db)
    refused(lambda: service.edit_action(pm, action.id, owner=""), "owner")
    refused(lambda: service.edit_action(pm, action.id, factor_id="missing"), "factor_id")
    assert service.edit_action(pm, action.id, status="in-progress") is pm
    assert unchanged(db, before)


def test_delete_and_restore_an_action(service: PostMortemService, db: Path) -> None:
    pm = service.create("Outage")
    pm, first = service.add_action(pm, text="First", owner="a", due="+1d")
    pm, second = service.add_action(pm, text="Second", owner="b", due="+2d")
    pm, removed = service.delete_action(pm, first.id)
    assert removed == first
    assert on_disk(db, pm.id).actions == (second,)
    pm = service.restore_action(pm, removed)
    assert on_disk(db, pm.id).actions == (second, first)


# Whole post-mortems --------------------------------------------------------------------------


def test_delete_then_restore_brings_back_the_exact_post_mortem(
    service: PostMortemService, db: Path
) -> None:
    pm = service.create("Outage", timezone="Europe/Berlin", owner="Dana")
    pm = service.update(pm, summary="Checkout failed", attendees="Dana, Lee")
    pm, _ = service.add_event(pm, at="13:00", kind="start", text="Errors begin")
    pm, _ = service.add_event(pm, at="13:00", text="Same minute note")
    pm, chain = service.add_why_chain(pm, "Disk full")
    pm = service.answer_why(pm, chain.id, "No growth alert")
    pm = service.mark_root_cause(pm, chain.id, "monitoring")
    pm, _ = service.add_action(pm, text="Alert", owner="sre", due="+1w", factor_id=chain.id)
    other = service.create("Another outage")

    removed = service.delete(pm.id[:5])
    assert removed == pm
    assert ids_on_disk(db) == [other.id]

    restored = service.restore(removed)
    assert restored == pm
    assert sorted(ids_on_disk(db)) == sorted([pm.id, other.id])
    assert on_disk(db, pm.id) == pm
    assert on_disk(db, other.id) == other


def test_summaries_use_todays_date_for_overdue_actions(
    service: PostMortemService, db: Path
) -> None:
    pm = service.create("Outage", incident_date="2025-03-01")
    pm, _ = service.add_action(pm, text="Late", owner="a", due="2025-03-10")
    pm, _ = service.add_action(pm, text="Today", owner="a", due="2025-03-11")
    pm, _ = service.add_event(pm, at="now", text="Note")
    newer = service.create("Newer outage")
    rows = [(s.id, s.event_count, s.open_actions, s.overdue_actions) for s in service.summaries()]
    assert rows == [(newer.id, 0, 0, 0), (pm.id, 1, 2, 1)]


# Guards against silent loss and duplicate ids --------------------------------------------------


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda s, pm, e, a: s.edit_event(pm, e, time="10:05"), "time"),
        (lambda s, pm, e, a: s.edit_event(pm, e, text="Typed", colour="red"), "colour"),
        (lambda s, pm, e, a: s.edit_action(pm, a, deadline="+1w"), "deadline"),
        (lambda s, pm, e, a: s.add_action(pm, text="x", owner="y", due="+1d", prio="P1"), "prio"),
    ],
    ids=["event time", "event colour", "action deadline", "new action prio"],
)
def test_misspelt_fields_are_refused_not_dropped(
    service: PostMortemService, db: Path, change: Any, where: str
) -> None:
    pm = service.create("Outage")
    pm, event = service.add_event(pm, at="10:00", text="Alert")
    pm, action = service.add_action(pm, text="Alert on expiry", owner="sre", due="+1w")
    before = frozen(db)
    error = refused(lambda: change(service, pm, event.id, action.id), where)
    assert error.message.startswith(f"{where!r} is not a")
    assert unchanged(db, before)


def test_restoring_an_event_twice_keeps_one_copy(service: PostMortemService, db: Path) -> None:
    pm = service.create("Outage")
    pm, event = service.add_event(pm, at="10:00", text="Alert")
    pm, removed = service.delete_event(pm, event.id)
    pm = service.restore_event(pm, removed)
    before = frozen(db)
    assert service.restore_event(pm, removed) is pm
    assert unchanged(db, before)
    pm = service.edit_event(pm, event.id, text="Edited")
    pm, _ = service.delete_event(pm, event.id)
    assert pm.events == ()
    assert on_disk(db, pm.id) == pm  # no ghost copy left in the file


def test_new_element_ids_never_repeat_one_in_use(
    service: PostMortemService, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pm = service.create("Outage")
    pm, event = service.add_event(pm, at="10:00", text="Alert")
    pm, chain = service.add_why_chain(pm, "Disk full")
    pm, action = service.add_action(pm, text="Alert on disk", owner="sre", due="+1w")
    # The random source hands out a taken id first, every time.
    minted = iter([event.id, "event002", event.id, "event003", chain.id, "chain002"])
    monkeypatch.setattr("pmtui.service.new_id", lambda: next(minted))
    pm, added = service.add_event(pm, at="10:01", text="Second")
    pm, copy = service.duplicate_event(pm, event.id)
    pm, branch = service.add_why_chain(pm, "Slow paging")
    assert (added.id, copy.id, branch.id) == ("event002", "event003", "chain002")
    minted = iter([action.id, "action02"])
    pm, second = service.add_action(pm, text="Page faster", owner="sre", due="+1w")
    assert second.id == "action02"
    saved = on_disk(db, pm.id)
    assert [e.id for e in saved.events] == [event.id, copy.id, added.id]
    assert [c.id for c in saved.whys] == [chain.id, "chain002"]
    assert [a.id for a in saved.actions] == [action.id, "action02"]


def test_trigger_and_related_incidents_are_saved(service: PostMortemService, db: Path) -> None:
    pm = service.create("Outage")
    pm = service.update(
        pm,
        trigger="Deploy `v2.3` changed the pool size.",
        related_incidents="INC-1042 DB failover — https://wiki.example/1042\n\nINC-0990\n",
    )
    saved = on_disk(db, pm.id)
    assert saved.trigger == "Deploy `v2.3` changed the pool size."
    assert [(r.title, r.url) for r in saved.related] == [
        ("INC-1042 DB failover", "https://wiki.example/1042"),
        ("INC-0990", ""),
    ]


def test_an_action_without_priority_or_type_keeps_them_unset(
    service: PostMortemService, db: Path
) -> None:
    pm = service.create("Outage")
    pm, action = service.add_action(pm, text="Alert on expiry", owner="Dana", due="+1w")
    assert (action.priority, action.kind) == (None, None)
    pm = service.edit_action(pm, action.id, priority="P1", kind="detect")
    pm = service.edit_action(pm, action.id, priority="", kind=" ")
    saved = on_disk(db, pm.id).action(action.id)
    assert (saved.priority, saved.kind) == (None, None)


def test_a_timezone_typed_in_other_case_is_kept_in_its_own_spelling(
    service: PostMortemService,
) -> None:
    pm = service.create("Checkout latency", timezone="europe/berlin")
    assert pm.timezone == "Europe/Berlin"
    assert service.update(pm, timezone="america/new_york").timezone == "America/New_York"
    assert service.update(pm, timezone="utc").timezone == "utc"  # UTC: as typed, as before
