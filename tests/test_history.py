"""Tests the undo/redo history and the changes it holds: order, limits, labels, and that the
service's undo and redo put back exactly the previous post-mortem, on disk, in one write."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from pmtui.analysis.places import place_label
from pmtui.history import HISTORY_LIMIT, Change, History, TypingChange, describe, told
from pmtui.model.codec import postmortem_from_dict, postmortem_to_dict
from pmtui.model.postmortem import MergeConflict, PostMortem, RelatedIncident, TimelineEvent
from pmtui.model.times import format_instant
from pmtui.resources import sample_files
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore

NOW = datetime(2025, 3, 20, 9, 30, tzinfo=UTC)
SAMPLE_ID = "pm-2025-03-19-api-tls"
OWNER_CONFLICT = MergeConflict(
    "action_items[act-renewal-alert].owner", "Jonas Weber", "Priya Raman", "Sam Okafor"
)

VAGUE = "Improve monitoring"

Command = Callable[[PostMortemService, PostMortem], PostMortem]


def sample() -> PostMortem:
    return postmortem_from_dict(orjson.loads(sample_files()[0].read_bytes()), now=NOW)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "postmortems.json"
    with PostMortemStore.open(path) as store:
        pm = replace(sample(), conflicts=(OWNER_CONFLICT,))
        # A vague action: a finding to waive.
        store.create(pm.with_action(replace(pm.action("act-edge-probe"), text=VAGUE)))
    return path


@pytest.fixture
def service(db: Path) -> Iterator[PostMortemService]:
    with PostMortemStore.open(db) as store:
        yield PostMortemService(store, clock=lambda: NOW)


def on_disk(db: Path) -> dict[str, Any]:
    """The post-mortem as a fresh reader sees it, without the save stamp."""
    with PostMortemStore.open(db, read_only=True) as reader:
        document = postmortem_to_dict(reader.load(SAMPLE_ID))
    document.pop("updated_at", None)
    return document


def content(pm: PostMortem) -> dict[str, Any]:
    document = postmortem_to_dict(pm)
    document.pop("updated_at", None)
    return document


def change(label: str) -> Change:
    pm = sample()
    return Change(label, "", "", pm, replace(pm, title=label))


# The history ------------------------------------------------------------------------------


def test_undo_takes_back_the_latest_change_first_and_redo_makes_it_again() -> None:
    history = History()
    first, second = change("edit title"), change("edit owner")
    history.record(first)
    history.record(second)
    assert history.undo_next is second and history.redo_next is None
    assert history.undone() is second
    assert history.undo_next is first and history.redo_next is second
    assert history.undone() is first
    assert history.undo_next is None
    assert history.redone() is first
    assert history.redone() is second
    assert history.labels() == (["edit owner", "edit title"], [])


def test_a_new_change_clears_what_could_be_redone() -> None:
    history = History()
    history.record(change("edit title"))
    history.undone()
    assert history.redo_next is not None
    history.record(change("edit owner"))
    assert history.redo_next is None
    assert history.labels() == (["edit owner"], [])


def test_typing_taken_back_is_one_entry_that_a_redo_uses_up() -> None:
    history = History()
    saved = change("add event")
    history.record(saved)
    pm = saved.after
    typing = TypingChange("typing in Title", "", "title", pm, pm, (("title", "x" * 252),))
    history.record(typing)
    history.undone()
    assert history.labels() == (["add event"], ["typing in Title"])
    assert history.redone() is typing
    history.forget_undo_next()  # the typing is back in its field, not a saved change
    assert history.labels() == (["add event"], [])


def test_the_history_keeps_the_last_200_changes() -> None:
    history = History()
    changes = [change(f"edit {n}") for n in range(HISTORY_LIMIT + 5)]
    for each in changes:
        history.record(each)
    undo, _ = history.labels()
    assert HISTORY_LIMIT == 200
    assert len(undo) == 200
    assert undo[0] == f"edit {HISTORY_LIMIT + 4}" and undo[-1] == "edit 5"


def test_a_history_smaller_than_one_is_refused() -> None:
    with pytest.raises(ValueError):
        History(limit=0)


def test_the_inverse_reads_the_change_backwards_under_the_same_label() -> None:
    forward = change("edit title")
    backward = forward.inverse()
    assert (backward.before, backward.after) == (forward.after, forward.before)
    assert (backward.label, backward.place) == (forward.label, forward.place)


def test_the_label_is_the_verb_and_the_subject() -> None:
    pm = sample()
    edited = Change("edit event", "'Pager fired'", "timeline[e1]", pm, pm)
    assert edited.label == "edit event 'Pager fired'"
    assert Change("edit summary", "", "summary", pm, pm).label == "edit summary"


# Labels and places ------------------------------------------------------------------------


def test_labels_name_the_command_and_its_item(service: PostMortemService) -> None:
    pm = service.get(SAMPLE_ID)
    event = pm.events[3]
    edited = service.run(pm, lambda pm: service.edit_event(pm, event.id, text="Pager fired"))
    short = " ".join(event.text.split())[:59].rstrip() + "…"
    assert edited.label == f"edit event '{short}'"
    assert edited.verb == "edit event"
    assert edited.place == f"timeline[{event.id}].text"
    owner = service.run(
        edited.after, lambda pm: service.edit_action(pm, "act-edge-probe", owner="Sam Okafor")
    )
    assert owner.place == "action_items[act-edge-probe].owner"
    assert owner.label.startswith("edit action '")
    summary = service.run(owner.after, lambda pm: service.update(pm, summary="Short."))
    assert (summary.label, summary.place) == ("edit summary", "summary")
    added = service.run(summary.after, lambda pm: service.add_event(pm, at="10:00", text="X")[0])
    assert added.label == "add event 'X'"
    (new,) = set(added.after.events) - set(added.before.events)
    assert added.place == f"timeline[{new.id}]"
    settled = service.run(
        added.after,
        lambda pm: service.resolve_conflict(pm, OWNER_CONFLICT.where, take_other=True),
    )
    assert settled.label == f"settle merge conflict at {OWNER_CONFLICT.where}"
    assert settled.verb == "settle merge conflict"
    assert settled.place == f"conflicts[{OWNER_CONFLICT.where}]"


def test_a_deleted_why_is_named_by_its_number(service: PostMortemService) -> None:
    pm = service.get(SAMPLE_ID)
    deleted = service.run(pm, lambda pm: service.delete_why(pm, "why-renewal", 1)[0])
    assert deleted.verb == "delete why"
    answer = pm.why_chain("why-renewal").answers[1]
    assert deleted.label.startswith(f"delete why 2 '{answer[:20]}")


def test_an_import_is_one_change_named_by_its_count(service: PostMortemService) -> None:
    pm = service.get(SAMPLE_ID)
    evidence = tuple(
        TimelineEvent(f"x{n}", NOW + timedelta(minutes=n), pm.events[0].kind, f"line {n}", "log")
        for n in range(120)
    )
    imported = service.run(pm, lambda pm: service.import_events(pm, evidence)[0])
    assert imported.label == "add 120 events"
    assert imported.place.startswith("timeline[")


def test_undo_and_redo_name_the_value_an_edit_made(service: PostMortemService) -> None:
    """Mock meeting 17: a redo said "Redid: edit event 'openssl …'", the text it had just
    replaced. An edit's notice names what it made, an undo's also what it put back."""
    pm = service.get(SAMPLE_ID)
    event = pm.events[3]
    old = "“" + " ".join(event.text.split())[:59].rstrip() + "…”"
    edited = service.run(pm, lambda pm: service.edit_event(pm, event.id, text="Pager fired"))
    assert told(edited, undone=False) == "event text → “Pager fired”"
    assert told(edited, undone=True) == f"event text → “Pager fired” (back to {old})"
    # Moved in time: the event is named, and both times said with their date.
    moved = service.run(
        edited.after, lambda pm: service.edit_event(pm, event.id, at="2025-03-19 10:40")
    )
    was = format_instant(event.at, pm.zone, seconds=bool(event.at.second))
    assert told(moved, undone=False) == "event “Pager fired” time → 2025-03-19 10:40"
    assert told(moved, undone=True) == (
        f"event “Pager fired” time → 2025-03-19 10:40 (back to {was})"
    )
    action = pm.action("act-edge-probe")
    retitled = service.run(
        moved.after,
        lambda pm: service.edit_action(pm, action.id, text="Probe the edge every minute"),
    )
    assert told(retitled, undone=False) == "action text → “Probe the edge every minute”"
    both = service.run(
        retitled.after,
        lambda pm: service.edit_action(pm, action.id, text="Probe it", owner="Sam Okafor"),
    )
    assert told(both, undone=False) == "edit action “Probe it” (text, owner)"
    assert told(both, undone=True) == (
        "edit action “Probe it” (text, owner), back to “Probe the edge every minute”"
    )


def test_adds_deletes_and_imports_are_told_by_their_label(service: PostMortemService) -> None:
    pm = service.get(SAMPLE_ID)
    added = service.run(pm, lambda pm: service.add_event(pm, at="10:00", text="X")[0])
    (new,) = set(added.after.events) - set(added.before.events)
    deleted = service.run(added.after, lambda pm: service.delete_event(pm, new.id)[0])
    evidence = tuple(
        TimelineEvent(f"x{n}", NOW + timedelta(minutes=n), pm.events[0].kind, f"line {n}", "log")
        for n in range(3)
    )
    imported = service.run(deleted.after, lambda pm: service.import_events(pm, evidence)[0])
    for change, said in ((added, "add event 'X'"), (deleted, "delete event 'X'")):
        assert told(change, undone=True) == told(change, undone=False) == said
    assert told(imported, undone=True) == told(imported, undone=False) == "add 3 events"


def test_describe_of_two_equal_versions_names_nothing() -> None:
    pm = sample()
    assert describe(pm, replace(pm, updated_at=NOW + timedelta(days=1))).label == "save"


# Undo and redo through the service, checked on disk ----------------------------------------


def _first_finding(service: PostMortemService, pm: PostMortem) -> tuple[str, str]:
    finding = next(f for f in service.findings(pm) if f.rule == "vague-action")
    return finding.rule, finding.where


COMMANDS: dict[str, Command] = {
    "edit event": lambda s, pm: s.edit_event(pm, "ev-detected", text="Pager fired", kind="alert"),
    "move event": lambda s, pm: s.edit_event(pm, "ev-detected", at="2025-03-19 03:01"),
    "add event": lambda s, pm: s.add_event(pm, at="2025-03-19 04:00", text="Pager fired")[0],
    "delete event": lambda s, pm: s.delete_event(pm, "ev-detected")[0],
    "duplicate event": lambda s, pm: s.duplicate_event(pm, "ev-detected")[0],
    "import evidence": lambda s, pm: s.import_events(
        pm,
        tuple(
            TimelineEvent(f"i{n}", NOW + timedelta(seconds=n), pm.events[0].kind, f"l{n}", "log")
            for n in range(50)
        ),
    )[0],
    "edit action": lambda s, pm: s.edit_action(pm, "act-edge-probe", owner="Sam", status="done"),
    "add action": lambda s, pm: s.add_action(pm, text="Rotate keys", owner="Sam", due="+7d")[0],
    "delete action": lambda s, pm: s.delete_action(pm, "act-edge-probe")[0],
    "add why chain": lambda s, pm: s.add_why_chain(pm, "Why did the cert expire?")[0],
    "reopen why chain": lambda s, pm: s.reopen_why_chain(pm, "why-renewal"),
    "answer why": lambda s, pm: s.answer_why(
        s.reopen_why_chain(pm, "why-renewal"), "why-renewal", "Nobody owned it"
    ),
    "mark root cause": lambda s, pm: s.mark_root_cause(
        s.reopen_why_chain(pm, "why-renewal"), "why-renewal", "process"
    ),
    "delete why chain": lambda s, pm: s.delete_why_chain(pm, pm.whys[0].id)[0],
    "delete why": lambda s, pm: s.delete_why(pm, "why-renewal", 1)[0],
    "narrative typed": lambda s, pm: s.update(pm, summary=pm.summary + " And more."),
    "header": lambda s, pm: s.update(pm, title="Another title", owner="Sam"),
    "settle conflict": lambda s, pm: s.resolve_conflict(pm, OWNER_CONFLICT.where, take_other=True),
    "waive": lambda s, pm: s.waive(pm, *_first_finding(s, pm), "Accepted by the team"),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_undo_restores_the_previous_post_mortem_on_disk_and_redo_the_next(
    service: PostMortemService, db: Path, name: str
) -> None:
    before = service.get(SAMPLE_ID)
    previous = on_disk(db)
    done = service.run(before, lambda pm: COMMANDS[name](service, pm))
    assert done.after is not done.before
    changed = on_disk(db)
    assert changed != previous
    undone = service.revert(done.after, done.before)
    assert on_disk(db) == previous
    assert content(undone) == previous
    redone = service.revert(undone, done.after)
    assert on_disk(db) == changed
    assert content(redone) == changed


def test_unwaive_is_undone_like_any_change(service: PostMortemService, db: Path) -> None:
    pm = service.get(SAMPLE_ID)
    rule, where = _first_finding(service, pm)
    waived = service.waive(pm, rule, where, "Accepted by the team")
    previous = on_disk(db)
    done = service.run(waived, lambda pm: service.unwaive(pm, rule, where))
    # The label is read in the footer and the palette: the place in words, not its path.
    assert done.label == f"unwaive {rule} at {place_label(pm, where)}"
    assert done.verb == "unwaive"
    assert done.place == f"waivers[{rule}:{where}]"
    service.revert(done.after, done.before)
    assert on_disk(db) == previous


def test_revert_to_the_same_content_writes_nothing(service: PostMortemService, db: Path) -> None:
    pm = service.get(SAMPLE_ID)
    stamp = db.stat().st_mtime_ns
    assert service.revert(pm, replace(pm, updated_at=NOW - timedelta(days=1))) is pm
    assert db.stat().st_mtime_ns == stamp


def test_revert_refuses_another_post_mortem(service: PostMortemService) -> None:
    pm = service.get(SAMPLE_ID)
    with pytest.raises(ValueError):
        service.revert(pm, replace(pm, id="other"))


def test_editing_related_incidents_is_named_and_placed_like_its_field() -> None:
    before = PostMortem(id="p", title="t")
    after = replace(before, related=(RelatedIncident("INC-1"),))
    change = describe(before, after)
    assert (change.label, change.place) == ("edit related incidents", "related_incidents")
