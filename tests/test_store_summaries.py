"""Tests the summary sidecar: `list` and the home screen read one line per post-mortem that the
writer left, not the whole file, and only while the file is exactly as that writer left it."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from pmtui.model.enums import ActionStatus, EventKind
from pmtui.model.postmortem import ActionItem, PostMortem, TimelineEvent
from pmtui.store import PostMortemStore, database, file_sidecar, validate

START = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)
TODAY = date(2025, 4, 2)


def make_pm(pm_id: str, title: str, events: int = 3) -> PostMortem:
    return PostMortem(
        id=pm_id,
        title=title,
        incident_date=date(2025, 3, 11),
        created_at=START,
        updated_at=START,
        events=tuple(
            TimelineEvent(
                id=f"e{i}", at=START + timedelta(minutes=i), kind=EventKind.NOTE, text=f"n{i}"
            )
            for i in range(events)
        ),
        actions=(
            ActionItem(id="a1", text="Page on expiry", owner="edge", due=date(2025, 4, 1)),
            ActionItem(id="a2", text="Runbook", owner="edge", status=ActionStatus.DONE),
        ),
    )


def written(db: Path) -> None:
    with PostMortemStore.open(db) as store:
        store.create(make_pm("pm000001", "Expired certificate"))
        store.create(make_pm("pm000002", "Full disk", events=5))


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path) -> None:
        raise AssertionError(f"{path} was parsed")

    monkeypatch.setattr(database, "_read_file", refuse)


def lines(db: Path) -> list[tuple[str, str, int, int, int]]:
    with PostMortemStore.open(db, read_only=True) as store:
        return [
            (s.id, s.title, s.event_count, s.open_actions, s.overdue_actions)
            for s in store.summaries(TODAY)
        ]


EXPECTED = [
    ("pm000002", "Full disk", 5, 1, 1),
    ("pm000001", "Expired certificate", 3, 1, 1),
]


def test_summaries_and_ids_of_a_file_pmtui_wrote_come_without_parsing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "pm.json"
    written(db)
    no_parsing(monkeypatch)
    assert sorted(lines(db)) == sorted(EXPECTED)
    with PostMortemStore.open(db, read_only=True) as store:
        assert sorted(store.ids()) == ["pm000001", "pm000002"]
        assert store.resolve_id("pm000002") == "pm000002"
    # The writer of the TUI opens the file as fast, and reads it only when it must.
    with PostMortemStore.open(db) as store:
        assert len(store.summaries(TODAY)) == 2


def test_the_sidecar_lives_in_the_user_cache_not_beside_the_database(tmp_path: Path) -> None:
    db = tmp_path / "pm.json"
    written(db)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pm.json", "pm.json.lock"]
    assert file_sidecar.cache_path(db).is_file()
    assert Path(os.environ["XDG_CACHE_HOME"]) in file_sidecar.cache_path(db).parents


def test_every_save_leaves_summaries_that_match_the_file(tmp_path: Path) -> None:
    db = tmp_path / "pm.json"
    written(db)
    with PostMortemStore.open(db) as store:
        pm = store.load("pm000001")
        store.save(PostMortem(**{**_fields(pm), "title": "Renamed", "events": pm.events[:1]}), pm)
        store.delete("pm000002")
    assert lines(db) == [("pm000001", "Renamed", 1, 1, 1)]
    assert file_sidecar.read(db, 1) is not None


def _fields(pm: PostMortem) -> dict[str, object]:
    return {name: getattr(pm, name) for name in pm.__dataclass_fields__}


def test_a_file_changed_by_anything_else_is_read_itself(tmp_path: Path) -> None:
    db = tmp_path / "pm.json"
    written(db)
    data = orjson.loads(db.read_bytes())
    for doc in data["postmortems"].values():
        doc["title"] = doc["title"].replace("Full disk", "Fill disk")  # same size
    replaced = tmp_path / "other.json"
    replaced.write_bytes(orjson.dumps(data))
    os.replace(replaced, db)  # as git checkout or a copy does: a new inode
    assert ("pm000002", "Fill disk", 5, 1, 1) in lines(db)


def test_a_bad_record_written_by_hand_is_still_named_by_list(tmp_path: Path) -> None:
    db = tmp_path / "pm.json"
    written(db)
    data = orjson.loads(db.read_bytes())
    next(iter(data["events"].values()))["kind"] = "explosion"
    db.write_bytes(orjson.dumps(data))
    with pytest.raises(database.DamagedFile, match="kind 'explosion' is not one of"):
        lines(db)


@pytest.mark.parametrize(
    "rows",
    [
        "not a list",
        [{"id": "pm000001"}],
        [{**{"id": 7}}],
        [
            {
                "id": "x",
                "title": 1,
                "severity": "SEV2",
                "status": "draft",
                "owner": "",
                "incident_date": None,
                "updated_at": "2025-03-11T09:00:00Z",
                "events": 1,
                "open_due": [],
            }
        ],
    ],
)
def test_a_damaged_sidecar_is_ignored(tmp_path: Path, rows: object) -> None:
    db = tmp_path / "pm.json"
    written(db)
    cache = file_sidecar.cache_path(db)
    document = orjson.loads(cache.read_bytes())
    document["rows"] = rows
    cache.write_bytes(orjson.dumps(document))
    assert sorted(lines(db)) == sorted(EXPECTED)


def test_a_crafted_sidecar_title_shows_its_control_characters_escaped(tmp_path: Path) -> None:
    db = tmp_path / "pm.json"
    written(db)
    cache = file_sidecar.cache_path(db)
    document = orjson.loads(cache.read_bytes())
    document["rows"][0]["title"] = "\x1b]0;pwned\x07"
    cache.write_bytes(orjson.dumps(document))
    titles = [line[1] for line in lines(db)]
    assert not any("\x1b" in title for title in titles)


def test_list_through_the_cli_reads_the_sidecar(run_cli, env_db: Path) -> None:  # type: ignore[no-untyped-def]
    env_db.parent.mkdir(parents=True)
    written(env_db)
    before = run_cli("list", "--json")
    cache = file_sidecar.cache_path(env_db)
    document = orjson.loads(cache.read_bytes())
    document["rows"][0]["title"] = "From the sidecar"
    cache.write_bytes(orjson.dumps(document))
    after = run_cli("list", "--json")
    assert before.code == after.code == 0
    assert "From the sidecar" in after.out and "From the sidecar" not in before.out


def test_the_bytes_pmtui_wrote_are_not_checked_again_record_by_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "pm.json"
    written(db)
    with PostMortemStore.open(db) as store:  # a save leaves the digest of what it wrote
        pm = store.load("pm000001")
        store.save(PostMortem(**{**_fields(pm), "title": "Saved"}), pm)

    def refuse(path: Path, data: object) -> None:
        raise AssertionError("checked again")

    monkeypatch.setattr(validate, "check_records", refuse)
    with PostMortemStore.open(db, read_only=True) as store:
        assert store.load("pm000001").title == "Saved"


def test_a_record_changed_in_place_under_the_same_stamp_is_still_named(tmp_path: Path) -> None:
    db = tmp_path / "pm.json"
    written(db)
    with PostMortemStore.open(db) as store:
        pm = store.load("pm000001")
        store.save(PostMortem(**{**_fields(pm), "title": "Saved"}), pm)
    status = db.stat()
    raw = db.read_bytes()
    damaged = raw.replace(b'"kind":"note"', b'"kind":"nope"', 1)
    assert len(damaged) == len(raw) and damaged != raw
    with db.open("r+b") as handle:  # same inode, same size
        handle.write(damaged)
    os.utime(db, ns=(status.st_atime_ns, status.st_mtime_ns))  # and the same mtime
    with (
        PostMortemStore.open(db, read_only=True) as store,
        pytest.raises(database.DamagedFile, match="kind 'nope' is not one of"),
    ):
        store.load("pm000001")


def test_a_writer_leaves_the_sidecar_once_when_it_closes(tmp_path: Path) -> None:
    db = tmp_path / "pm.json"
    written(db)
    cache = file_sidecar.cache_path(db)
    before = cache.read_bytes()
    with PostMortemStore.open(db) as store:
        pm = store.load("pm000001")
        store.save(PostMortem(**{**_fields(pm), "title": "Saved"}), pm)
        # Saves stay quick; a reader meanwhile finds the stamps differ and reads the file.
        assert cache.read_bytes() == before
        assert ("pm000001", "Saved", 3, 1, 1) in lines(db)
    assert cache.read_bytes() != before
    assert file_sidecar.read(db, 1) is not None


def test_a_big_file_is_written_in_pieces_with_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmtui.store import pieces, storage

    db = tmp_path / "pm.json"
    written(db)
    whole = db.read_bytes()
    monkeypatch.setattr(storage, "LARGE_FILE_RECORDS", 3)
    monkeypatch.setattr(pieces, "RECORDS_PER_PIECE", 2)
    with PostMortemStore.open(db) as store:
        store._loaded().flush()
    assert db.read_bytes() == whole
