"""Tests `pmtui timeline import` into a big post-mortem: the events it adds land where a whole
save puts them, while the stored events are neither built into the model nor (in a team file
pmtui wrote) written again; anything unusual goes through the whole model instead."""

from __future__ import annotations

import difflib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pmtui.cli.main import main
from pmtui.importers.grouping import REACH
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import PostMortem, TimelineEvent
from pmtui.service import PostMortemService
from pmtui.store import FolderStore, PostMortemStore, StoreError, open_store, pmfile, records
from pmtui.store.layout import SETTINGS_NAME, TeamSettings, settings_bytes
from tests.conftest import RunCli

START = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)
PM_ID = "pm000001"
EVENTS = 40
AT_0905 = START + timedelta(minutes=5)


def make_pm() -> PostMortem:
    # Two events at each instant, so that order among equals is tested too.
    return PostMortem(
        id=PM_ID,
        title="Expired certificate",
        timezone="Europe/Berlin",
        created_at=START,
        updated_at=START,
        events=tuple(
            TimelineEvent(
                f"e{i:03d}", START + timedelta(minutes=i // 2), EventKind.NOTE, f"note {i}"
            )
            for i in range(EVENTS)
        ),
    )


def make_store(tmp_path: Path, kind: str, *, markdown: bool = False) -> Path:
    if kind == "file":
        path = tmp_path / "pm.json"
        with PostMortemStore.open(path) as store:
            store.create(make_pm())
        return path
    root = tmp_path / "team"
    root.mkdir()
    (root / SETTINGS_NAME).write_bytes(settings_bytes(TeamSettings(markdown=markdown)))
    with FolderStore.open(root) as store:
        store.create(make_pm())
    return root


def evidence(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "evidence.log"
    path.write_text("".join(f"{line}\n" for line in lines))
    return path


#: 09:05 holds e010 and e011; 09:30 is after the last event; 08:00 before the first.
LINES = (
    "2025-03-11T09:05:00Z ERROR at an instant two events share",
    "2025-03-11T09:30:00Z ERROR after the last event",
    "2025-03-11T08:00:00Z ERROR before the first event",
    "2025-03-11T09:05:00Z ERROR a second line at that instant",
)


def load(db: Path) -> PostMortem:
    with open_store(db, read_only=True) as store:
        return store.load(PM_ID)


def import_lines(db: Path, tmp_path: Path, *lines: str) -> None:
    assert (
        main(["--db", str(db), "timeline", "import", PM_ID, str(evidence(tmp_path, *lines))]) == 0
    )


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_added_events_land_where_a_whole_save_puts_them_and_no_stored_event_is_built(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = make_store(tmp_path, kind)
    built: list[object] = []
    original = records.events_from_records

    def counted(docs: list[dict[str, str]]) -> list[TimelineEvent]:
        built.extend(doc["id"] for doc in docs)
        return original(docs)

    monkeypatch.setattr(records, "events_from_records", counted)
    import_lines(db, tmp_path, *LINES)
    # Only the events near 09:05 were built (as far as a grouped row can reach: duplicates
    # and the moments the evidence may join); 08:00 and 09:30 have none near them.
    near = [event.id for event in make_pm().events if abs(event.at - AT_0905) <= REACH]
    assert sorted(built) == near and len(near) < EVENTS
    monkeypatch.setattr(records, "events_from_records", original)
    pm = load(db)
    texts = [event.text for event in pm.events]
    assert len(texts) == EVENTS + len(LINES)
    assert texts[0] == "ERROR before the first event"
    at_0905 = [event.text for event in pm.events if event.at == START + timedelta(minutes=5)]
    assert at_0905 == [
        "note 10",
        "note 11",
        "ERROR at an instant two events share",
        "ERROR a second line at that instant",
    ]
    assert texts[-1] == "ERROR after the last event"
    assert pm.updated_at > START
    assert len({event.id for event in pm.events}) == len(pm.events)
    # Importing the same lines again adds nothing.
    import_lines(db, tmp_path, *LINES)
    assert load(db).events == pm.events


def test_a_team_file_gets_one_block_per_event_and_its_header_line_and_stays_canonical(
    tmp_path: Path,
) -> None:
    team = make_store(tmp_path, "folder")
    path = team / "postmortems" / f"{PM_ID}.pmtui"
    before = path.read_bytes()
    import_lines(team, tmp_path, *LINES)
    after = path.read_bytes()
    # The same bytes a whole save of the same post-mortem writes.
    assert after == pmfile.dumps(pmfile.loads(after, path))
    removed = [
        line
        for line in difflib.ndiff(before.decode().splitlines(), after.decode().splitlines())
        if line.startswith("- ")
    ]
    assert len(removed) == 1 and '"updated_at"' in removed[0]


def test_a_hand_edited_team_file_is_checked_and_read_whole(tmp_path: Path, run_cli: RunCli) -> None:
    team = make_store(tmp_path, "folder")
    path = team / "postmortems" / f"{PM_ID}.pmtui"
    # Another spelling of e010's instant: pmtui would not write it, a person may.
    raw = path.read_bytes().replace(b'"2025-03-11T09:05:00Z"', b'"2025-03-11T10:05:00+01:00"', 1)
    path.write_bytes(raw)
    result = run_cli("--db", team, "timeline", "import", PM_ID, evidence(tmp_path, LINES[0]))
    assert result.code == 0, result.err
    pm = load(team)
    assert [event.text for event in pm.events if event.at == START + timedelta(minutes=5)] == [
        "note 10",
        "note 11",
        LINES[0][21:],
    ]
    assert path.read_bytes() == pmfile.dumps(pm)
    # A record no pmtui would write is named, and the file is left as it was.
    broken = path.read_bytes().replace(b'"kind": "note"', b'"kind": "nonsense"', 1)
    path.write_bytes(broken)
    result = run_cli("--db", team, "timeline", "import", PM_ID, evidence(tmp_path, LINES[1]))
    assert result.code == 1 and "nonsense" in result.err and "Traceback" not in result.err
    assert path.read_bytes() == broken


def test_a_database_file_with_another_spelling_of_an_instant_still_finds_the_duplicate(
    tmp_path: Path,
) -> None:
    db = make_store(tmp_path, "file")
    import_lines(db, tmp_path, LINES[0])
    raw = db.read_bytes()
    assert raw.count(b'"2025-03-11T09:05:00Z"') == 3
    db.write_bytes(raw.replace(b'"2025-03-11T09:05:00Z"', b'"2025-03-11T10:05:00+01:00"'))
    import_lines(db, tmp_path, LINES[0])
    assert len(load(db).events) == EVENTS + 1


def test_a_folder_with_markdown_copies_renders_the_added_events(tmp_path: Path) -> None:
    team = make_store(tmp_path, "folder", markdown=True)
    import_lines(team, tmp_path, LINES[1])
    markdown = (team / "postmortems" / f"{PM_ID}.md").read_text()
    assert "after the last event" in markdown


def test_an_append_over_a_file_changed_since_it_was_read_is_refused(tmp_path: Path) -> None:
    team = make_store(tmp_path, "folder")
    path = team / "postmortems" / f"{PM_ID}.pmtui"
    with FolderStore.open(team) as store:
        service = PostMortemService(store)
        service.timeline_facts(PM_ID)
        path.write_bytes(path.read_bytes() + b"\n")  # a git pull meanwhile
        event = TimelineEvent("new", START, EventKind.NOTE, "late")
        with pytest.raises(StoreError, match="changed on disk"):
            store.append_events(PM_ID, (event,), START)
