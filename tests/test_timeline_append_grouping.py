"""Tests `pmtui timeline import` grouping on the fast append path: a record that joins a stored
row changes that row alone (the team file gets one block swapped), the result is the one a
whole import gives, duplicates inside groups are skipped, and --no-group only appends."""

from __future__ import annotations

import difflib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pmtui.cli.main import main
from pmtui.importers import read_evidence
from pmtui.importers.grouping import REACH
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import PostMortem, SeenRecord, TimelineEvent
from pmtui.model.timeline_facts import TimeWindows, holds_text
from pmtui.service import PostMortemService
from pmtui.store import FolderStore, PostMortemStore, open_store, pmfile, records
from pmtui.store.layout import SETTINGS_NAME, TeamSettings, settings_bytes
from tests.conftest import RunCli

NOW = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)
EVIDENCE = Path(__file__).resolve().parent / "data" / "evidence"
HELD = ("pagerduty_log_entries.json", "slack_export")
JOINING = EVIDENCE / "alertmanager_webhook_deliveries.jsonl"


def make_store(tmp_path: Path, kind: str) -> tuple[Path, str]:
    """A post-mortem holding the PagerDuty and Slack evidence, grouped, saved whole."""
    if kind == "file":
        path = tmp_path / "pm.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        opened: PostMortemStore | FolderStore = PostMortemStore.open(path)
    else:
        path = tmp_path / "team"
        path.mkdir(parents=True)
        (path / SETTINGS_NAME).write_bytes(settings_bytes(TeamSettings(markdown=False)))
        opened = FolderStore.open(path)
    with opened as store:
        service = PostMortemService(store, clock=lambda: NOW)
        pm = service.create("Login errors", timezone="UTC", incident_date="2025-03-11")
        for name in HELD:
            pm = service.import_evidence(pm, read_evidence(EVIDENCE / name, tz="UTC").events).pm
    return path, pm.id


def load(db: Path, pm_id: str) -> PostMortem:
    with open_store(db, read_only=True) as store:
        return store.load(pm_id)


def read_back(db: Path, pm_id: str) -> PostMortem:
    """The stored post-mortem, read without a store: a store's reading would be handed to
    the next store this process opens, which then has no file to scan."""
    if db.is_dir():
        path = db / "postmortems" / f"{pm_id}.pmtui"
        return pmfile.loads(path.read_bytes(), path)
    return load(db, pm_id)


def shape(pm: PostMortem) -> list[tuple[object, ...]]:
    """The timeline without its ids (each import draws fresh ones)."""
    return [(e.at, e.kind, e.text, e.source, e.link, e.seen_in) for e in pm.events]


def import_file(db: Path, pm_id: str, path: Path, *flags: str) -> None:
    assert main(["--db", str(db), "timeline", "import", pm_id, str(path), *flags]) == 0


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_a_record_joining_a_stored_row_gives_what_a_whole_import_gives(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, pm_id = make_store(tmp_path / "fast", kind)
    whole_db, whole_id = make_store(tmp_path / "whole", kind)
    with open_store(whole_db) as store:
        service = PostMortemService(store, clock=lambda: NOW)
        events = read_evidence(JOINING, tz="UTC").events
        expected = service.import_evidence(service.get(whole_id), events)
    assert expected.merged == 4  # the fixture's page, seen by Alertmanager too
    before = read_back(db, pm_id)
    built: list[str] = []
    original = records.events_from_records

    def counted(docs: list[dict[str, str]]) -> list[TimelineEvent]:
        built.extend(doc["id"] for doc in docs)
        return original(docs)

    monkeypatch.setattr(records, "events_from_records", counted)
    import_file(db, pm_id, JOINING)
    monkeypatch.setattr(records, "events_from_records", original)
    after = load(db, pm_id)
    assert shape(after) == shape(expected.pm)
    assert any(len(e.seen_in) == 3 and e.seen_in[0].source == "alertmanager" for e in after.events)
    # Only the stored rows within grouping's reach of the evidence were built.
    instants = [event.at for event in events]
    near = {e.id for e in before.events if any(abs(e.at - at) <= REACH for at in instants)}
    assert set(built) == near and len(near) < len(before.events)


def test_a_team_file_gets_the_joined_rows_swapped_and_every_other_line_kept(
    tmp_path: Path,
) -> None:
    team, pm_id = make_store(tmp_path, "folder")
    path = team / "postmortems" / f"{pm_id}.pmtui"
    before = path.read_bytes()
    rows = load(team, pm_id).events
    import_file(team, pm_id, JOINING)
    after = path.read_bytes()
    assert after == pmfile.dumps(pmfile.loads(after, path))  # what a whole save writes
    pm = load(team, pm_id)
    changed = {e.id for e in pm.events} & {e.id for e in rows if e not in pm.events}
    assert changed  # the rows Alertmanager's records joined, with their ids kept
    removed = [
        line
        for line in difflib.ndiff(before.decode().splitlines(), after.decode().splitlines())
        if line.startswith("- ")
    ]
    # The header's updated_at, and lines of the joined rows' blocks (a row that moved to an
    # earlier record's instant leaves its old place): nothing of any other event.
    untouched = [e for e in rows if e.id not in changed]
    assert '"updated_at"' in removed[0]
    for event in untouched:
        assert f'"id": "{event.id}"' not in "".join(removed)


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_records_already_inside_a_group_are_duplicates_and_nothing_is_written(
    tmp_path: Path, kind: str, run_cli: RunCli
) -> None:
    db, pm_id = make_store(tmp_path, kind)
    import_file(db, pm_id, JOINING)
    stored = db if kind == "file" else db / "postmortems" / f"{pm_id}.pmtui"
    saved = stored.read_bytes()
    count = len(read_evidence(JOINING, tz="UTC").events)
    again = run_cli("--db", db, "timeline", "import", pm_id, JOINING)
    assert again.code == 0, again.err
    assert f"0 added, {count} skipped as duplicates" in again.out
    assert stored.read_bytes() == saved


def test_no_group_appends_every_record_as_its_own_row(tmp_path: Path) -> None:
    team, pm_id = make_store(tmp_path, "folder")
    before = load(team, pm_id).events
    import_file(team, pm_id, JOINING, "--no-group")
    after = load(team, pm_id).events
    added = len(read_evidence(JOINING, tz="UTC").events)
    assert len(after) == len(before) + added
    assert set(before) <= set(after)  # no stored row changed


def test_the_bulk_reader_reads_a_groups_records() -> None:
    at = datetime(2025, 3, 11, 14, 0, tzinfo=UTC)
    seen = (
        SeenRecord(at, EventKind.ALERT, "alertmanager", "Firing: AuthErrorRateHigh"),
        SeenRecord(at + timedelta(seconds=30), EventKind.ALERT, "pagerduty", "AuthErrorRateHigh"),
    )
    grouped = TimelineEvent("g1", at, EventKind.ALERT, "Firing: AuthErrorRateHigh", seen_in=seen)
    alone = TimelineEvent("a1", at, EventKind.NOTE, "alone")
    docs = [records.event_record("pm1", event) for event in (grouped, alone)]
    assert records.events_from_records(docs) == [grouped, alone]
    assert [records.event_from_record(doc) for doc in docs] == [grouped, alone]
    assert records.events_from_records(docs)[1].seen_in == ()


def test_time_windows_join_what_overlaps_and_compare_stored_text_without_parsing() -> None:
    at = datetime(2025, 3, 11, 14, 0, tzinfo=UTC)
    windows = TimeWindows.around([at, at + timedelta(minutes=3), at + timedelta(hours=1)], REACH)
    assert len(windows.starts) == 2
    assert at - REACH in windows and at + timedelta(minutes=3) + REACH in windows
    assert at + timedelta(minutes=30) not in windows
    starts, ends = windows.text_bounds()
    # Both spellings pmtui writes: whole seconds, and microseconds.
    assert holds_text(starts, ends, "2025-03-11T13:53:00Z")
    assert holds_text(starts, ends, "2025-03-11T13:53:00.000001Z")
    assert holds_text(starts, ends, "2025-03-11T14:10:00.999999Z")
    assert not holds_text(starts, ends, "2025-03-11T13:52:59.999999Z")
    assert not holds_text(starts, ends, "2025-03-11T14:10:01Z")
    assert not holds_text(starts, ends, "2025-03-11T14:30:00Z")
