"""Tests what reading and writing a team folder's big post-mortem costs, and that the
shortcuts never let an unchecked or stale file through.

A file whose exact bytes this user's pmtui wrote is not checked record by record again (the
note of it lives in the user cache, never in the team folder); a read-only look followed by a
write in one process (`pmtui timeline import`) reads the file once; a big file is parsed a
piece at a time; events are written as the interchange codec writes them.
"""

from __future__ import annotations

import gc
import os
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pmtui.model.codec import event_to_dict
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import PostMortem, TimelineEvent
from pmtui.store import FolderStore, checked_files, pmfile, validate
from pmtui.store.errors import BadRecord, DamagedFile
from pmtui.store.layout import SETTINGS_NAME, TeamSettings, settings_bytes

START = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)
PM_ID = "pm000001"


def make_pm(events: int = 4) -> PostMortem:
    return PostMortem(
        id=PM_ID,
        title="Expired certificate",
        created_at=START,
        updated_at=START,
        events=tuple(
            TimelineEvent(f"e{i}", START + timedelta(seconds=7 * i), EventKind.NOTE, f"n{i}")
            for i in range(events)
        ),
    )


@pytest.fixture
def team(tmp_path: Path) -> Path:
    root = tmp_path / "team"
    root.mkdir()
    (root / SETTINGS_NAME).write_bytes(settings_bytes(TeamSettings()))
    with FolderStore.open(root) as store:
        store.create(make_pm())
    return root


def file_of(team: Path) -> Path:
    return team / "postmortems" / f"{PM_ID}.pmtui"


def counting(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[object]:
    calls: list[object] = []
    original = getattr(module, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_bytes_pmtui_wrote_are_not_checked_again_but_edited_bytes_are(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checks = counting(monkeypatch, validate, "check_records")
    with FolderStore.open(team, read_only=True) as store:
        assert len(store.load(PM_ID).events) == 4
    assert checks == []
    # A hand edit (or a pull) gives other bytes: checked, and a bad record is named.
    path = file_of(team)
    path.write_bytes(path.read_bytes().replace(b'"kind": "note"', b'"kind": "nonsense"', 1))
    with FolderStore.open(team, read_only=True) as store, pytest.raises(BadRecord) as caught:
        store.load(PM_ID)
    assert str(path) in str(caught.value) and len(checks) == 1


def test_the_note_lives_in_the_user_cache_and_a_copied_folder_is_checked(
    team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = checked_files.note_path(team)
    assert note.is_file() and team not in note.parents
    assert str(note).startswith(os.environ["XDG_CACHE_HOME"])
    # The same bytes in another folder (a teammate's clone) have no note of their own.
    copy = tmp_path / "clone"
    subprocess.run(["cp", "-r", str(team), str(copy)], check=True)
    checks = counting(monkeypatch, validate, "check_records")
    with FolderStore.open(copy, read_only=True) as store:
        store.load(PM_ID)
    assert len(checks) == 1


def test_a_look_then_a_write_reads_the_file_once(
    team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parses = counting(monkeypatch, pmfile, "loads")
    with FolderStore.open(team, read_only=True) as reader:
        seen = reader.load(PM_ID)
    with FolderStore.open(team) as writer:
        current = writer.load(PM_ID)
        assert current is seen  # the very same timeline, not built again
        event = TimelineEvent("new", START + timedelta(hours=1), EventKind.NOTE, "added")
        writer.save(replace(current, events=(*current.events, event)), current)
    assert len(parses) == 1
    with FolderStore.open(team, read_only=True) as reader:
        assert len(reader.load(PM_ID).events) == 5


def test_a_file_changed_after_the_look_is_read_again(team: Path) -> None:
    with FolderStore.open(team, read_only=True) as reader:
        reader.load(PM_ID)
    path = file_of(team)
    other = path.with_name("other.tmp")
    other.write_bytes(path.read_bytes().replace(b"Expired certificate", b"Changed meanwhile"))
    os.replace(other, path)  # a git checkout's or another program's save: a new inode
    with FolderStore.open(team) as writer:
        assert writer.load(PM_ID).title == "Changed meanwhile"


def test_events_are_written_as_the_interchange_codec_writes_them() -> None:
    pm = make_pm(3)
    odd = replace(pm.events[0], at=START + timedelta(microseconds=5), link="https://x", source="")
    pm = replace(pm, events=(odd, *pm.events[1:]))
    items = pmfile.loads_blocks(pmfile.dumps(pm), Path("pm.pmtui"))
    written = [item for item in items if item.pop("_block") == "event"]
    assert written == [event_to_dict(event) for event in pm.events]


def test_a_big_file_read_in_pieces_comes_back_whole(tmp_path: Path) -> None:
    pm = make_pm(20_000)
    raw = pmfile.dumps(pm)
    assert len(raw) > 3 * 2**20  # several pieces
    assert pmfile.loads(raw, tmp_path / "pm.pmtui") == pm
    # A damage in a later piece is still placed in the file, not in its piece.
    cut = raw.rindex(b'"kind"')
    with pytest.raises(DamagedFile) as caught:
        pmfile.loads(raw[:cut] + b"," + raw[cut:], tmp_path / "pm.pmtui")
    line = raw[:cut].count(b"\n") + 1
    assert f"line {line} " in str(caught.value)


@pytest.mark.parametrize("between", [b"}\r\n{", b"}\n\n{", b"} \n  {", b"}\n\t{"])
def test_blocks_a_hand_edit_spaced_otherwise_read_as_pmtui_wrote_them(
    tmp_path: Path, between: bytes
) -> None:
    pm = make_pm(9_000)
    raw = pmfile.dumps(pm)
    assert len(raw) > 2**20  # several pieces, each with pmtui's own boundaries and others
    edited = raw.replace(b"}\n{", between, 3000)
    assert edited.count(between) == 3000
    assert pmfile.loads(edited, tmp_path / "pm.pmtui") == pm


def test_reading_a_big_file_runs_no_collection_meanwhile(team: Path) -> None:
    # Every object a load builds stays alive: a collection meanwhile walks a heap that only
    # grows (a 100,000-event file paid three full collections, about 120 ms).
    raw, path = pmfile.dumps(make_pm(events=5_000)), file_of(team)
    collections: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(note)
    try:
        pm = pmfile.loads(raw, path)
    finally:
        gc.callbacks.remove(note)
    assert len(pm.events) == 5_000
    # At most the one collection that the first allocation after it starts; which generation
    # that is depends on the counts the tests before left (CI once saw a generation-1 one).
    assert len(collections) <= 1
    assert gc.isenabled()
