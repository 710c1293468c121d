"""Tests the store's promises: one atomic write per change, a single writer, damaged and newer
files left untouched, migrations that keep a copy, and exact round trips through the file."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from pmtui.export.json_export import export_json
from pmtui.model.enums import ActionStatus, CauseCategory, EventKind, Severity, Status
from pmtui.model.postmortem import (
    ActionItem,
    PostMortem,
    RelatedIncident,
    TimelineEvent,
    WhyChain,
)
from pmtui.service import PostMortemService
from pmtui.store import (
    DamagedFile,
    NewerSchema,
    NotFound,
    PostMortemStore,
    ReadOnlyStore,
    StoreError,
    StoreLocked,
    WriteFailed,
    schema,
    storage,
)

NOW = datetime(2025, 3, 11, 14, 0, tzinfo=UTC)
START = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)
OLD_MTIME_NS = 1_600_000_000_000_000_000  # 2020-09-13: any rewrite moves the mtime off it


def clock() -> datetime:
    return NOW


def make_pm(
    pm_id: str = "pm000001",
    *,
    events: int = 6,
    title: str = "Expired TLS certificate",
    incident_date: date | None = date(2025, 3, 11),
    updated_at: datetime = START,
    actions: tuple[ActionItem, ...] | None = None,
) -> PostMortem:
    """A post-mortem with every part filled; events come in pairs sharing one instant."""
    timeline = tuple(
        TimelineEvent(
            id=f"{pm_id}-e{i:05d}",
            at=START + timedelta(minutes=i // 2),
            kind=list(EventKind)[i % len(EventKind)],
            text=f"edge-proxy-{i % 40} handshake failures, sample {i}",
            source=("monitoring", "chat", "pager")[i % 3],
            link=f"https://grafana.example.com/d/{i}" if i % 5 == 0 else "",
            original=f"raw line {i}" if i % 7 == 0 else "",
        )
        for i in range(events)
    )
    whys = (
        WhyChain(
            id="w1",
            problem="The API served an expired certificate",
            answers=("Renewal failed", "The DNS token was rotated"),
            root_cause=True,
            category=CauseCategory.MONITORING,
        ),
        WhyChain(id="w2", problem="Paging took 20 minutes", branched_from="w1:0"),
    )
    if actions is None:
        actions = (
            ActionItem(
                id="a1",
                text="Page on certificate expiry under 14 days",
                owner="edge-team",
                due=date(2025, 4, 1),
                tracker="OPS-1",
                factor_id="w1",
            ),
            ActionItem(
                id="a2",
                text="Document the DNS token rotation",
                owner="sre",
                due=date(2025, 3, 1),
                status=ActionStatus.DONE,
                completed_on=date(2025, 3, 2),
            ),
        )
    return PostMortem(
        id=pm_id,
        title=title,
        severity=Severity.SEV2,
        status=Status.IN_REVIEW,
        owner="Dana",
        attendees=("Dana", "Lee"),
        services=("api", "edge"),
        incident_date=incident_date,
        timezone="Europe/Berlin",
        summary="The public API served an expired certificate for 97 minutes.",
        lessons="Expiry needs an alert.\n  Indented line kept.",
        created_at=START,
        updated_at=updated_at,
        events=timeline,
        whys=whys,
        actions=actions,
    )


def reopened(path: Path, pm_id: str) -> PostMortem:
    """The post-mortem as a fresh reader finds it in the file."""
    with PostMortemStore.open(path, read_only=True) as reader:
        return reader.load(pm_id)


def raw_file(path: Path) -> dict[str, Any]:
    return json.loads(path.read_bytes())


def age(path: Path) -> tuple[bytes, int]:
    """Back-date the file so a rewrite shows in its mtime; returns (bytes, mtime_ns)."""
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    return path.read_bytes(), path.stat().st_mtime_ns


def state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "postmortems.json"


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every atomic file write the store makes, in order."""
    real = storage.atomic_write
    calls: list[Path] = []

    def counting(path: Path, payload: bytes) -> None:
        calls.append(path)
        real(path, payload)

    monkeypatch.setattr(storage, "atomic_write", counting)
    return calls


@pytest.fixture
def store(db: Path) -> Iterator[PostMortemStore]:
    with PostMortemStore.open(db) as opened:
        yield opened


# Single writer ---------------------------------------------------------------------------


def test_second_writer_in_this_process_is_refused_naming_the_holder(db: Path) -> None:
    pm = make_pm()
    first = PostMortemStore.open(db)
    first.create(pm)
    saved = state(db)

    for _ in range(2):  # a refused attempt must not wipe the pid the next refusal reports
        with pytest.raises(StoreLocked) as refused:
            PostMortemStore.open(db)
        assert str(refused.value) == f"{db} is open in another pmtui (pid {os.getpid()})"
        assert refused.value.pid == os.getpid()
    assert state(db) == saved

    with PostMortemStore.open(db, read_only=True) as reader:
        assert reader.read_only
        assert reader.load(pm.id) == pm
        exported = json.loads(export_json(reader.load(pm.id)))
        assert (exported["id"], exported["title"]) == (pm.id, pm.title)
        assert [e["id"] for e in exported["timeline"]] == [e.id for e in pm.events]

    # The holder still saves normally after the refusals.
    first.save(replace(pm, title="Renamed"), pm)
    first.close()
    with PostMortemStore.open(db) as second:
        assert second.load(pm.id).title == "Renamed"


HOLDER = textwrap.dedent(
    """
    import sys
    from pmtui.store import PostMortemStore
    store = PostMortemStore.open(sys.argv[1])
    print("holding", flush=True)
    sys.stdin.readline()
    store.close()
    print("closed", flush=True)
    """
)


def test_second_writer_is_refused_while_another_process_holds_the_file(db: Path) -> None:
    with PostMortemStore.open(db) as setup:
        setup.create(make_pm())
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == "holding\n"
        assert holder.pid != os.getpid()
        with pytest.raises(StoreLocked) as refused:
            PostMortemStore.open(db)
        assert str(refused.value) == f"{db} is open in another pmtui (pid {holder.pid})"

        with PostMortemStore.open(db, read_only=True) as reader:
            assert reader.load("pm000001") == make_pm()
            assert json.loads(export_json(reader.load("pm000001")))["id"] == "pm000001"

        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline() == "closed\n"
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert holder.returncode == 0, holder.stderr.read() if holder.stderr else ""
    with PostMortemStore.open(db) as writer:
        writer.delete("pm000001")
    assert reopened_ids(db) == []


def reopened_ids(path: Path) -> list[str]:
    with PostMortemStore.open(path, read_only=True) as reader:
        return reader.ids()


def test_read_only_store_refuses_changes_and_writes_nothing(db: Path, writes: list[Path]) -> None:
    with PostMortemStore.open(db) as writer:
        writer.create(make_pm())
    before = age(db)
    with PostMortemStore.open(db, read_only=True) as reader:
        with pytest.raises(ReadOnlyStore) as refused:
            reader.create(make_pm("pm000002"))
        assert str(refused.value) == f"{db} is open read-only; changes cannot be saved"
        with pytest.raises(ReadOnlyStore):
            reader.delete("pm000001")
        assert reader.ids() == ["pm000001"]
    assert writes == [db]
    assert state(db) == before


# Damaged, foreign and newer files ----------------------------------------------------------

PMTUI_META = {"meta": {"1": {"app": "pmtui", "schema": 1}}}
DAMAGED = {
    "truncated JSON": b'{"meta": {"1": {"app": "pmtui", "schema": 1}}, "postmortems": {"1": {"id"',
    "random bytes": bytes(range(256)) * 4,
    "a JSON array": b'[{"app": "pmtui", "schema": 1}]',
    "a JSON number": b"42",
    "a foreign TinyDB file": b'{"_default": {"1": {"a": 1}}}',
    "a non-numeric doc id": orjson.dumps(
        {**PMTUI_META, "postmortems": {"first": {"id": "pm000001", "title": "x"}}}
    ),
    "a table that is a list": orjson.dumps({**PMTUI_META, "events": [{"id": "e1"}]}),
    "a document without pm": orjson.dumps({**PMTUI_META, "events": {"1": {"id": "e1"}}}),
    "an unknown old schema": orjson.dumps({"meta": {"1": {"app": "pmtui", "schema": 0}}}),
}


@pytest.mark.parametrize("read_only", [False, True], ids=["writer", "reader"])
@pytest.mark.parametrize("content", list(DAMAGED.values()), ids=list(DAMAGED))
def test_damaged_or_foreign_file_is_refused_and_left_untouched(
    tmp_path: Path, content: bytes, read_only: bool, writes: list[Path]
) -> None:
    path = tmp_path / "postmortems.json"
    path.write_bytes(content)
    before = age(path)
    for _ in range(2):  # refusing released the lock: the second try is refused the same way
        with pytest.raises(DamagedFile) as refused:
            PostMortemStore.open(path, read_only=read_only)
        message = str(refused.value)
        # A bad record is named after the file: "FILE: events record 1 (id 'e1'): ..."
        assert message.startswith((f"{path} ", f"{path}: "))
        assert message.endswith("; pmtui left it untouched")
        assert refused.value.path == path
    assert state(path) == before
    assert writes == []
    assert {p.name for p in tmp_path.iterdir()} <= {"postmortems.json", "postmortems.json.lock"}


def test_damaged_file_messages_say_what_is_wrong(tmp_path: Path) -> None:
    cases = {
        "truncated JSON": "is damaged (not valid JSON: ",
        "a JSON array": "is not a pmtui database (its JSON is not an object of tables)",
        "a foreign TinyDB file": "is not a pmtui database (it holds the tables: _default)",
        "a non-numeric doc id": "is not a pmtui database (a document id is not a number)",
        "a table that is a list": "is not a pmtui database (table 'events' is malformed)",
        "an unknown old schema": "is not a pmtui database (unknown schema 0)",
    }
    for name, expected in cases.items():
        path = tmp_path / f"{len(name)}.json"
        path.write_bytes(DAMAGED[name])
        with pytest.raises(DamagedFile) as refused:
            PostMortemStore.open(path)
        assert str(refused.value).startswith(f"{path} {expected}"), name


def test_folder_in_place_of_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "postmortems.json"
    path.mkdir()
    (path / "inside.txt").write_text("keep me")
    for read_only in (False, True):
        with pytest.raises(DamagedFile) as refused:
            PostMortemStore.open(path, read_only=read_only)
        assert str(refused.value) == (
            f"{path} is a folder, not a database file; pmtui left it untouched"
        )
    assert [p.name for p in path.iterdir()] == ["inside.txt"]
    assert (path / "inside.txt").read_text() == "keep me"
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_unreadable_post_mortem_is_refused_when_the_file_is_opened(db: Path) -> None:
    with PostMortemStore.open(db) as writer:
        writer.create(make_pm())
    data = raw_file(db)
    next(iter(data["postmortems"].values()))["severity"] = "SEV9"
    db.write_bytes(orjson.dumps(data))
    before = age(db)
    for read_only in (False, True):
        with pytest.raises(DamagedFile) as refused:
            PostMortemStore.open(db, read_only=read_only)
        assert str(refused.value) == (
            f"{db}: postmortems record 1 (id 'pm000001'): severity 'SEV9' is not one of "
            "SEV1..SEV5; pmtui left it untouched"
        )
    assert state(db) == before


@pytest.mark.parametrize("read_only", [False, True], ids=["writer", "reader"])
def test_file_from_a_newer_schema_is_refused_and_untouched(
    db: Path, read_only: bool, writes: list[Path]
) -> None:
    db.write_bytes(orjson.dumps({"meta": {"1": {"app": "pmtui", "schema": 99}}, "postmortems": {}}))
    before = age(db)
    with pytest.raises(NewerSchema) as refused:
        PostMortemStore.open(db, read_only=read_only)
    assert str(refused.value) == (
        f"{db} was written by a newer pmtui (schema 99); this pmtui reads up to schema 1. "
        "Upgrade pmtui to open it"
    )
    assert state(db) == before
    assert writes == []
    assert not list(db.parent.glob("*.bak"))
    # The lock was released: an ordinary file at the same path opens afterwards.
    db.unlink()
    PostMortemStore.open(db).close()


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"], ids=["empty", "blank"])
def test_empty_file_opens_as_an_empty_database(db: Path, content: bytes) -> None:
    db.write_bytes(content)
    before = age(db)
    with PostMortemStore.open(db) as store:
        assert store.ids() == []
        assert store.summaries(date(2025, 3, 11)) == []
    assert state(db) == before
    with PostMortemStore.open(db) as store:
        store.create(make_pm())
    assert raw_file(db)["meta"] == {"1": {"app": "pmtui", "schema": 1}}
    assert reopened(db, "pm000001") == make_pm()


def test_missing_file_is_only_created_by_the_first_write(tmp_path: Path) -> None:
    db = tmp_path / "new" / "folder" / "postmortems.json"
    with PostMortemStore.open(db, read_only=True) as reader:
        assert reader.ids() == []
    assert not db.parent.exists()
    with PostMortemStore.open(db) as store:
        assert store.ids() == []
        assert not db.exists()
        store.create(make_pm())
        assert db.exists()
    assert reopened(db, "pm000001") == make_pm()
    assert sorted(p.name for p in db.parent.iterdir()) == [
        "postmortems.json",
        "postmortems.json.lock",
    ]


# Temporary files ---------------------------------------------------------------------------


def test_writer_clears_only_this_databases_stale_temp_files(tmp_path: Path) -> None:
    db = tmp_path / "pm[1].json"  # glob brackets in the name
    ours = [tmp_path / ".pm[1].json.4242.tmp", tmp_path / ".pm[1].json.7.tmp"]
    others = [
        tmp_path / ".pm1.json.4242.tmp",  # pm1.json's, matched by an unescaped pattern
        tmp_path / ".pm[1].json.old.4242.tmp",  # pm[1].json.old's, another database
        tmp_path / ".other.json.4242.tmp",
    ]
    for leftover in ours + others:
        leftover.write_bytes(b'{"half": ')
    with PostMortemStore.open(db, read_only=True):
        pass
    assert all(p.exists() for p in ours)  # a reader never deletes
    with PostMortemStore.open(db):
        assert [p for p in ours if p.exists()] == []
        assert all(p.exists() for p in others)


# Migration ---------------------------------------------------------------------------------


@pytest.fixture
def schema1_file(db: Path) -> tuple[Path, bytes, PostMortem]:
    """A schema-1 file whose events still call their text "body" (schema 2 says "text")."""
    pm = make_pm()
    with PostMortemStore.open(db) as writer:
        writer.create(pm)
    data = raw_file(db)
    for doc in data["events"].values():
        doc["body"] = doc.pop("text")
    db.write_bytes(orjson.dumps(data))
    old_bytes, _ = age(db)
    return db, old_bytes, pm


@pytest.fixture
def schema2(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """This pmtui at schema 2, with the 1 -> 2 migration; returns one entry per run."""
    runs: list[int] = []

    def rename_body_to_text(data: dict[str, Any]) -> dict[str, Any]:
        runs.append(1)
        for doc in data.get(schema.EVENTS, {}).values():
            doc["text"] = doc.pop("body")
        return data

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {1: rename_body_to_text})
    return runs


def test_older_file_is_migrated_after_a_byte_identical_copy(
    schema1_file: tuple[Path, bytes, PostMortem], schema2: list[int], writes: list[Path]
) -> None:
    db, old_bytes, pm = schema1_file
    with PostMortemStore.open(db) as store:
        assert store.load(pm.id) == pm
    backup = db.with_name("postmortems.json.schema1.bak")
    assert backup.read_bytes() == old_bytes
    assert writes == [db]
    data = raw_file(db)
    assert data["meta"] == {"1": {"app": "pmtui", "schema": 2}}
    assert all("text" in doc and "body" not in doc for doc in data["events"].values())
    assert reopened(db, pm.id) == pm
    assert schema2 == [1]  # reopening a migrated file does not migrate it again

    with PostMortemStore.open(db) as store:
        store.save(replace(pm, title="After migration"), pm)
    assert backup.read_bytes() == old_bytes
    assert raw_file(db)["meta"] == {"1": {"app": "pmtui", "schema": 2}}
    assert reopened(db, pm.id).title == "After migration"


def test_read_only_open_migrates_in_memory_only(
    schema1_file: tuple[Path, bytes, PostMortem], schema2: list[int], writes: list[Path]
) -> None:
    db, old_bytes, pm = schema1_file
    before = state(db)
    with PostMortemStore.open(db, read_only=True) as reader:
        assert reader.load(pm.id) == pm
    assert state(db) == before
    assert db.read_bytes() == old_bytes
    assert writes == []
    assert sorted(p.name for p in db.parent.iterdir()) == [
        "postmortems.json",
        "postmortems.json.lock",
    ]


def test_failed_migration_write_keeps_the_old_file(
    schema1_file: tuple[Path, bytes, PostMortem],
    schema2: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, old_bytes, pm = schema1_file
    storage_write = storage.atomic_write
    monkeypatch.setattr(storage, "atomic_write", _disk_full)
    with pytest.raises(WriteFailed):
        PostMortemStore.open(db)
    assert db.read_bytes() == old_bytes
    assert db.with_name("postmortems.json.schema1.bak").read_bytes() == old_bytes
    monkeypatch.setattr(storage, "atomic_write", storage_write)
    with PostMortemStore.open(db) as store:  # the failure released the lock; this try works
        assert store.load(pm.id) == pm
    assert raw_file(db)["meta"] == {"1": {"app": "pmtui", "schema": 2}}


# One atomic write per change -----------------------------------------------------------------


def test_each_change_is_exactly_one_atomic_write(db: Path, writes: list[Path]) -> None:
    with PostMortemStore.open(db) as store:
        assert writes == []
        store.create(make_pm(events=50))  # meta, header, 50 events, 2 whys, 2 actions
        assert writes == [db]

        service = PostMortemService(store, clock=clock)
        pm = store.load("pm000001")
        pm, event = service.add_event(pm, at="14:32", text="Rollback started")
        assert len(writes) == 2
        pm = service.edit_event(pm, event.id, at="14:33")
        assert len(writes) == 3
        pm, _ = service.delete_why_chain(pm, "w1")  # the chain and the action pointing at it
        assert len(writes) == 4
        assert service.update(pm, title=pm.title) is pm  # nothing changed, nothing written
        assert len(writes) == 4

        store.load(pm.id)
        store.summaries(date(2025, 3, 11))
        assert len(writes) == 4

        service.delete(pm.id)  # header, 51 events, 1 why, 2 actions
        assert writes == [db] * 5
    assert raw_file(db)["events"] == {}
    with PostMortemStore.open(db):
        pass
    assert len(writes) == 5  # opening a current file writes nothing


# Failed writes ---------------------------------------------------------------------------------


def _disk_full(path: Path, payload: bytes) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_failed_write_keeps_file_and_memory_at_the_last_saved_state(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = PostMortemStore.open(db)
    service = PostMortemService(store, clock=clock)
    pm = service.create("Expired certificate", timezone="Europe/Berlin")
    pm, _ = service.add_event(pm, at="14:32", text="Alert fired")
    saved = age(db)

    monkeypatch.setattr(storage, "atomic_write", _disk_full)
    with pytest.raises(WriteFailed) as failed:
        service.add_event(pm, at="14:40", text="Never saved")
    assert str(failed.value) == (
        f"could not save {db}: No space left on device; the file keeps its last saved state"
    )
    with pytest.raises(WriteFailed):
        service.delete(pm.id)
    with pytest.raises(WriteFailed):
        store.create(make_pm())
    assert state(db) == saved
    assert store.ids() == [pm.id]
    assert store.load(pm.id) == pm
    assert reopened(db, pm.id) == pm
    assert not list(db.parent.glob(".*.tmp"))

    monkeypatch.undo()
    pm, _ = service.add_event(pm, at="14:41", text="Saved after the disk was freed")
    store.create(make_pm())
    store.close()
    loaded = reopened(db, pm.id)
    assert loaded == pm
    assert [e.text for e in loaded.events] == ["Alert fired", "Saved after the disk was freed"]
    assert reopened_ids(db) == [pm.id, "pm000001"]


def test_failed_first_write_leaves_no_file(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with PostMortemStore.open(db) as store:
        monkeypatch.setattr(storage, "atomic_write", _disk_full)
        with pytest.raises(WriteFailed):
            store.create(make_pm())
        assert store.ids() == []
        assert not db.exists()
        monkeypatch.undo()
        store.create(make_pm())
    assert list(raw_file(db)["meta"].values()) == [{"app": "pmtui", "schema": 1}]
    assert reopened(db, "pm000001") == make_pm()


def test_real_write_error_is_reported_and_the_file_kept(db: Path) -> None:
    with PostMortemStore.open(db) as store:
        store.create(make_pm())
        saved = state(db)
        # A folder where the temporary file must go: a real OSError, even for root.
        blocker = db.with_name(f".{db.name}.{os.getpid()}.tmp")
        blocker.mkdir()
        with pytest.raises(WriteFailed) as failed:
            store.delete("pm000001")
        assert str(failed.value) == (
            f"could not save {db}: Is a directory; the file keeps its last saved state"
        )
        assert store.ids() == ["pm000001"]
        assert store.load("pm000001") == make_pm()
        blocker.rmdir()
        store.delete("pm000001")
    assert reopened_ids(db) == []
    assert state(db) != saved


# Round trips and summaries -----------------------------------------------------------------


def test_create_then_reopen_returns_the_same_post_mortem(db: Path) -> None:
    pm = make_pm(events=40)
    with PostMortemStore.open(db) as store:
        store.create(pm)
        with pytest.raises(StoreError) as duplicate:
            store.create(replace(pm, title="Other"))
        assert str(duplicate.value) == f"a post-mortem with id pm000001 already exists in {db}"
    loaded = reopened(db, pm.id)
    assert loaded == pm
    assert loaded.title == "Expired TLS certificate"


def test_edits_through_the_service_survive_reopening(db: Path) -> None:
    store = PostMortemStore.open(db)
    service = PostMortemService(store, clock=clock)
    store.create(make_pm(events=400))
    pm = store.load("pm000001")
    first, second = pm.events[0], pm.events[1]
    assert first.at == second.at

    # Edits that keep the instant still move the event after the others at that instant.
    pm = service.edit_event(pm, first.id, text="Edited, same instant")
    assert [e.id for e in pm.events[:2]] == [second.id, first.id]
    pm, copy = service.duplicate_event(pm, second.id)
    pm = service.edit_event(pm, pm.events[200].id, at="2025-03-11 10:00")  # onto a pair
    pm, inserted = service.add_event(pm, at="2025-03-11 10:30", kind="deploy", text="Rollback")
    pm, removed = service.delete_event(pm, pm.events[50].id)
    pm = service.restore_event(pm, removed)
    pm, gone = service.delete_event(pm, pm.events[10].id)
    pm = service.update(pm, summary="New summary\n  kept indentation   ", severity="sev1")
    pm, action = service.add_action(pm, text="Rotate tokens", owner="sre", due="+2w")
    pm = service.edit_action(pm, "a1", status="done")
    store.close()

    loaded = reopened(db, pm.id)
    assert loaded == pm
    assert list(loaded.events) == sorted(loaded.events, key=lambda e: e.at)
    ids = [e.id for e in loaded.events]
    assert len(ids) == len(set(ids)) == 401  # 400 + copy + inserted - gone
    assert {copy.id, inserted.id, removed.id} <= set(ids)
    assert gone.id not in ids
    assert loaded.summary == "New summary\n  kept indentation"
    assert loaded.action(action.id).due == date(2025, 3, 25)
    assert loaded.action("a1").completed_on == date(2025, 3, 11)
    assert loaded.updated_at == NOW


def test_same_instant_order_survives_each_kind_of_timeline_edit(db: Path) -> None:
    store = PostMortemStore.open(db)
    service = PostMortemService(store, clock=clock)
    pm = service.create("Ordering")
    for name in "ABC":
        pm, _ = service.add_event(pm, at="2025-03-11 10:00", text=name)
    a, b, c = pm.events
    steps: list[Callable[[PostMortem], PostMortem]] = [
        lambda pm: service.edit_event(pm, a.id, text="A2"),  # A moves after C
        lambda pm: service.edit_event(pm, c.id, at="2025-03-11 10:00", kind="deploy"),
        lambda pm: service.duplicate_event(pm, b.id)[0],
        lambda pm: service.restore_event(*service.delete_event(pm, b.id)),
        lambda pm: service.add_event(pm, at="2025-03-11 10:00", text="D")[0],
    ]
    orders = []
    for apply in steps:
        pm = apply(pm)
        orders.append([e.text for e in pm.events])
        assert reopened(db, pm.id) == pm
    store.close()
    assert orders == [
        ["B", "C", "A2"],
        ["B", "A2", "C"],
        ["B", "A2", "C", "B"],
        ["A2", "C", "B", "B"],
        ["A2", "C", "B", "B", "D"],
    ]


def test_delete_removes_every_document_of_that_post_mortem_only(db: Path) -> None:
    with PostMortemStore.open(db) as store:
        store.create(make_pm("pm000001", events=30))
        store.create(make_pm("pm000002", events=7))
        store.delete("pm000001")
        with pytest.raises(NotFound) as missing:
            store.load("pm000001")
        assert str(missing.value) == f"no post-mortem with id 'pm000001' in {db}"
    data = raw_file(db)
    assert [doc["id"] for doc in data["postmortems"].values()] == ["pm000002"]
    for table in ("events", "whys", "actions"):
        assert {doc["pm"] for doc in data[table].values()} == {"pm000002"}
    assert len(data["events"]) == 7
    assert reopened(db, "pm000002") == make_pm("pm000002", events=7)


def test_ids_resolve_from_a_unique_prefix(store: PostMortemStore) -> None:
    store.create(make_pm("abc12345"))
    store.create(make_pm("abd00000"))
    assert store.resolve_id("abc") == "abc12345"
    assert store.load("abd").id == "abd00000"
    with pytest.raises(NotFound) as ambiguous:
        store.resolve_id("ab")
    assert str(ambiguous.value) == "'ab' matches several post-mortems: abc12345, abd00000"
    with pytest.raises(NotFound):
        store.resolve_id("")


def test_summaries_count_events_and_open_and_overdue_actions(db: Path) -> None:
    today = date(2025, 3, 20)
    actions = (
        ActionItem(id="x1", text="Overdue", owner="a", due=date(2025, 3, 19)),
        ActionItem(
            id="x2",
            text="Overdue too",
            owner="a",
            due=date(2025, 3, 1),
            status=ActionStatus.IN_PROGRESS,
        ),
        ActionItem(id="x3", text="Due today", owner="a", due=today),
        ActionItem(id="x4", text="No deadline", owner="a"),
        ActionItem(
            id="x5", text="Done late", owner="a", due=date(2025, 3, 1), status=ActionStatus.DONE
        ),
        ActionItem(
            id="x6",
            text="Dropped",
            owner="a",
            due=date(2025, 3, 1),
            status=ActionStatus.WONT_DO,
        ),
    )
    with PostMortemStore.open(db) as store:
        store.create(make_pm("old00001", events=3, incident_date=date(2025, 1, 5), actions=()))
        store.create(make_pm("new00001", events=12, incident_date=date(2025, 3, 18)))
        store.create(
            make_pm(
                "new00002",
                events=0,
                incident_date=date(2025, 3, 18),
                updated_at=START + timedelta(hours=1),
                actions=actions,
            )
        )
        store.create(make_pm("undated1", events=1, incident_date=None))
    with PostMortemStore.open(db, read_only=True) as reader:
        rows = [
            (s.id, s.incident_date, s.event_count, s.open_actions, s.overdue_actions)
            for s in reader.summaries(today)
        ]
        first = reader.summaries(today)[0]
    assert rows == [
        ("new00002", date(2025, 3, 18), 0, 4, 2),  # same day, updated later: first
        ("new00001", date(2025, 3, 18), 12, 1, 0),
        ("old00001", date(2025, 1, 5), 3, 0, 0),
        ("undated1", None, 1, 1, 0),
    ]
    assert (first.title, first.severity, first.status, first.owner) == (
        "Expired TLS certificate",
        Severity.SEV2,
        Status.IN_REVIEW,
        "Dana",
    )
    assert first.updated_at == START + timedelta(hours=1)


# Bulk --------------------------------------------------------------------------------------


def test_ten_thousand_events_then_one_edit(db: Path) -> None:
    pm = make_pm(events=10_000)
    with PostMortemStore.open(db) as store:
        store.create(pm)
        service = PostMortemService(store, clock=clock)
        target = pm.events[7_777]
        edited = service.edit_event(pm, target.id, text="The one edited event")
    data = raw_file(db)
    assert len(data["events"]) == 10_000
    texts = [doc["text"] for doc in data["events"].values()]
    assert texts.count("The one edited event") == 1
    assert target.text not in texts
    loaded = reopened(db, pm.id)
    assert len(loaded.events) == 10_000
    assert loaded.event(target.id).text == "The one edited event"
    assert loaded == edited


def test_an_earlier_version_saved_back_keeps_its_order_when_read_again(db: Path) -> None:
    """Undo saves the version before a change over the one after it: an action or why chain
    deleted from the middle comes back in its place, and an event edited before others at its
    instant comes back before them, also for a fresh reader."""
    with PostMortemStore.open(db) as store:
        service = PostMortemService(store, clock=clock)
        pm = service.create("Ordering")
        for name in "ABC":
            pm, _ = service.add_event(pm, at="2025-03-11 10:00", text=name)
            pm, _ = service.add_action(pm, text=f"Action {name}", owner="sre", due="+1w")
            pm, _ = service.add_why_chain(pm, f"Why {name}?")
        original = pm
        pm = service.delete_action(pm, pm.actions[1].id)[0]
        pm = service.delete_why_chain(pm, pm.whys[0].id)[0]
        pm = service.edit_event(pm, pm.events[0].id, text="A2")  # A moves after C
        assert [e.text for e in pm.events] == ["B", "C", "A2"]
        store.save(original, pm)
    again = reopened(db, original.id)
    assert [e.text for e in again.events] == ["A", "B", "C"]
    assert [a.text for a in again.actions] == ["Action A", "Action B", "Action C"]
    assert [w.problem for w in again.whys] == ["Why A?", "Why B?", "Why C?"]


def test_a_file_from_before_trigger_related_and_unset_priorities_reads_unchanged(
    db: Path,
) -> None:
    pm = make_pm()
    with PostMortemStore.open(db) as store:
        store.create(pm)
    # What an older pmtui wrote: no trigger, no related incidents; its stored priorities
    # and types stay as they were.
    data = raw_file(db)
    for header in data["postmortems"].values():
        del header["trigger"], header["related_incidents"]
    db.write_text(json.dumps(data), encoding="utf-8")
    old = reopened(db, pm.id)
    assert old == pm
    assert [a.priority for a in old.actions] == [a.priority for a in pm.actions]
    # Written now: a new field and an unset priority survive the round trip.
    unset = ActionItem("a-unset", "Alert on renewal failures")
    new = replace(
        old,
        trigger="Token rotation",
        related=(RelatedIncident("INC-7", "https://wiki.example/7"),),
        actions=(*old.actions, unset),
    )
    with PostMortemStore.open(db) as store:
        store.save(new, old)
    assert reopened(db, pm.id) == new
