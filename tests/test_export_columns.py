"""Tests the export's column read path: `pmtui export` reads a stored timeline a column at a
time and builds no TimelineEvent for it, with the very document a fully built timeline gives;
the events it stands for (StoredEvents) read as the plain tuple to everyone else."""

from __future__ import annotations

import copy
import pickle
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pmtui.export.markdown import export_markdown
from pmtui.model import (
    CauseCategory,
    ContributingFactor,
    EventKind,
    PostMortem,
    SeenRecord,
    TimelineEvent,
)
from pmtui.store import handover, open_store, records

START = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)
KINDS = list(EventKind)
TODAY = date(2025, 4, 1)


def long_postmortem(count: int = 60) -> PostMortem:
    """Every kind, links, a grouped row, a factor linking two events, times out of order."""
    events = [
        TimelineEvent(
            id=f"e{n:03d}",
            # Written out of time order, as events inserted anywhere are stored.
            at=START + timedelta(seconds=37 * ((n * 7) % count)),
            kind=KINDS[n % len(KINDS)],
            text=f"edge-proxy-{n % 4} | retry #{n} `code` *{n}*" if n % 9 else "",
            source=("monitoring", "chat", "pager")[n % 3],
            link=f"https://grafana.example.com/d/edge?from={n}" if n % 5 == 0 else "",
            original=f"line {n}" if n % 2 else "",
        )
        for n in range(count)
    ]
    events[3] = replace(
        events[3],
        seen_in=(
            SeenRecord(events[3].at, EventKind.ALERT, "pagerduty", "Paged"),
            SeenRecord(events[3].at, EventKind.ALERT, "slack", "Paged in chat"),
        ),
    )
    return PostMortem(
        id="pm-long",
        title="A long timeline",
        timezone="Europe/Berlin",
        incident_date=date(2025, 3, 11),
        created_at=START,
        updated_at=START,
        events=tuple(sorted(events, key=lambda event: event.at)),
        factors=(
            ContributingFactor(
                "f1", "Retries", CauseCategory.OPERATIONAL_DESIGN, event_ids=("e007", "e002")
            ),
        ),
    )


def store_at(tmp_path: Path, kind: str) -> Path:
    if kind == "file":
        return tmp_path / "pm.json"
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "pmtui-team.json").write_text('{"format": "pmtui-team/1", "markdown": false}\n')
    return folder


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_an_export_builds_no_event_of_the_stored_timeline_and_prints_the_same_document(
    tmp_path: Path, kind: str, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = store_at(tmp_path, kind)
    with open_store(db) as store:
        store.create(long_postmortem())
    with open_store(db, read_only=True) as store:
        built = store.load("pm-long")
    handover.forget()  # the export reads the file itself, not this reading
    assert isinstance(built.events, tuple) and len(built.events) == 60
    expected = export_markdown(built, today=TODAY)
    full = records.events_from_records

    def refused(docs: list[dict[str, Any]]) -> list[TimelineEvent]:
        assert not docs, f"{len(docs)} events were built for an export"
        return full(docs)

    def unbuilt(columns: object) -> tuple[TimelineEvent, ...]:
        raise AssertionError("the stored timeline's events were built for an export")

    monkeypatch.setattr(records, "events_from_records", refused)
    monkeypatch.setattr(records, "events_from_columns", unbuilt)
    # Without action items nothing is overdue: the export's own today gives the same document.
    done = run_cli("--db", db, "export", "pm-long", "--format", "md")
    assert done.code == 0, done.err
    assert done.out == expected
    assert "seen in PagerDuty, Slack" in done.out and "**Seen in the timeline:**" in done.out


def _record_tables() -> list[dict[Any, Any]]:
    """Every table of stored records alive: a dict of record dicts naming a post-mortem."""
    import gc

    gc.collect()  # only what something still holds
    return [
        table
        for table in gc.get_objects()
        if type(table) is dict
        and table
        and all(type(doc) is dict and "pm" in doc for doc in table.values())
    ]


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_a_read_for_an_export_keeps_no_stored_record_while_the_document_is_made(
    tmp_path: Path, kind: str
) -> None:
    db = store_at(tmp_path, kind)
    with open_store(db) as writer:
        writer.create(long_postmortem())
    del writer
    handover.forget()
    assert not _record_tables()
    with open_store(db, read_only=True) as store:
        pm = store.load("pm-long", events_on_demand=True)
        # The timeline stays whole in its columns; the records it was read from are gone.
        assert not _record_tables()
        assert len(pm.events) == 60
        assert store.load("pm-long").events == pm.events  # read again, from the file
    handover.forget()
    assert not _record_tables()


def test_a_stored_timeline_reads_as_the_tuple_it_stands_for() -> None:
    from pmtui.model.stored_events import StoredEvents

    pm = long_postmortem(20)
    docs = [{"pm": pm.id, **doc} for doc in map(_record, reversed(pm.events))]
    stored = records.stored_events(docs)
    assert isinstance(stored, StoredEvents)
    plain = tuple(records.events_from_records(docs))
    assert plain == pm.events
    assert len(stored) == 20 and bool(stored) and stored.columns.ids == [e.id for e in plain]
    assert stored == plain and plain == stored and (stored != plain) is False
    assert hash(stored) == hash(plain) and repr(stored) == repr(plain)
    assert stored[0] == plain[0] and stored[-1] == plain[-1] and stored[2:5] == plain[2:5]
    assert list(stored) == list(plain) and list(reversed(stored)) == list(reversed(plain))
    assert plain[4] in stored and stored.index(plain[4]) == 4 and stored.count(plain[4]) == 1
    assert stored + plain[:1] == plain + plain[:1] and plain[:1] + stored == plain[:1] + plain
    for kept in (copy.copy(stored), copy.deepcopy(stored), pickle.loads(pickle.dumps(stored))):
        assert type(kept) is tuple and kept == plain
    # A post-mortem holding it equals, hashes and changes as the one holding the tuple.
    lazy = replace(pm, events=records.stored_events(docs))
    assert lazy == pm and hash(lazy) == hash(pm)
    assert replace(lazy, title="Renamed") == replace(pm, title="Renamed")
    assert lazy.with_event(plain[0]).events == pm.with_event(plain[0]).events
    # One event built on its own is the one the whole timeline builds.
    assert [stored.columns.event(n) for n in range(20)] == list(plain)


def test_an_empty_stored_timeline_is_empty() -> None:
    stored = records.stored_events([])
    assert stored == () and len(stored) == 0 and not stored and list(stored) == []


def _record(event: TimelineEvent) -> dict[str, Any]:
    from pmtui.model.codec import event_to_dict

    return event_to_dict(event)
