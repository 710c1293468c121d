"""Tests the hand-over of a file just read: a read-only look followed by a write in the same
process (as `pmtui timeline import` does) reads the file once, and never hands on a stale one."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from pmtui.model.enums import EventKind
from pmtui.model.postmortem import PostMortem, TimelineEvent
from pmtui.store import PostMortemStore, database

START = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)


def make_pm(title: str = "Expired certificate") -> PostMortem:
    return PostMortem(
        id="pm000001",
        title=title,
        created_at=START,
        updated_at=START,
        events=tuple(
            TimelineEvent(f"e{i}", START + timedelta(minutes=i), EventKind.NOTE, f"n{i}")
            for i in range(4)
        ),
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "pm.json"
    with PostMortemStore.open(path) as store:
        store.create(make_pm())
    return path


def counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []
    read_file = database._read_file

    def counted(path: Path, *known: str | None) -> tuple[database.Tables, bool]:
        reads.append(path)
        return read_file(path, *known)

    monkeypatch.setattr(database, "_read_file", counted)
    return reads


def add_event(store: PostMortemStore, pm: PostMortem) -> PostMortem:
    event = TimelineEvent("new", START + timedelta(hours=1), EventKind.NOTE, "added")
    new = replace(pm, events=(*pm.events, event))
    store.save(new, pm)
    return new


def test_a_look_then_a_write_reads_the_file_once(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = counting_reads(monkeypatch)
    with PostMortemStore.open(db, read_only=True) as reader:
        seen = reader.load("pm000001")
    with PostMortemStore.open(db) as writer:
        current = writer.load("pm000001")
        assert current is seen  # the very same timeline, not built again
        add_event(writer, current)
        assert len(writer.load("pm000001").events) == 5
    assert len(reads) == 1
    with PostMortemStore.open(db, read_only=True) as reader:
        assert len(reader.load("pm000001").events) == 5


def test_a_file_changed_after_the_look_is_read_again(db: Path) -> None:
    with PostMortemStore.open(db, read_only=True) as reader:
        reader.load("pm000001")
    data = orjson.loads(db.read_bytes())
    next(iter(data["postmortems"].values()))["title"] = "Changed meanwhile"
    other = db.with_name("other.json")
    other.write_bytes(orjson.dumps(data))
    os.replace(other, db)  # another program's atomic save: a new inode
    with PostMortemStore.open(db) as writer:
        assert writer.load("pm000001").title == "Changed meanwhile"


def test_a_file_written_after_the_look_is_read_again(db: Path) -> None:
    with PostMortemStore.open(db, read_only=True) as reader:
        pm = reader.load("pm000001")
    with PostMortemStore.open(db) as first:
        add_event(first, first.load("pm000001"))
    with PostMortemStore.open(db) as second:
        assert len(second.load("pm000001").events) == 5
        assert second.load("pm000001") != pm


def test_a_closed_reader_used_again_reads_what_the_file_holds(db: Path) -> None:
    reader = PostMortemStore.open(db, read_only=True)
    reader.load("pm000001")
    reader.close()
    with PostMortemStore.open(db) as writer:
        add_event(writer, writer.load("pm000001"))
    assert len(reader.load("pm000001").events) == 5
    assert reader.ids() == ["pm000001"]
