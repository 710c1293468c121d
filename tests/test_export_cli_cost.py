"""Tests what `pmtui export` costs beyond the document itself: a team folder's post-mortem
file is read and parsed once per export, whatever the format and wherever it goes, and
nothing of the timeline outlives the export."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from pmtui.model.postmortem import TimelineEvent
from pmtui.store import pmfile
from pmtui.store.layout import SETTINGS_NAME, TeamSettings, settings_bytes


@pytest.fixture
def team(tmp_path: Path, run_cli, sample_path: Path) -> tuple[Path, str]:
    """A team folder holding the sample, and the sample's id."""
    root = tmp_path / "team"
    root.mkdir()
    (root / SETTINGS_NAME).write_bytes(settings_bytes(TeamSettings()))
    done = run_cli("--db", root, "import", sample_path)
    assert done.code == 0, done.err
    return root, done.out.strip()


def parses_counted(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    parsed: list[Path] = []
    original = pmfile.loads

    def counted(raw: bytes, path: Path, **kwargs: bool) -> object:
        parsed.append(path)
        return original(raw, path, **kwargs)

    monkeypatch.setattr(pmfile, "loads", counted)
    return parsed


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
@pytest.mark.parametrize("to_file", [False, True])
def test_a_team_folder_export_parses_the_post_mortem_file_once(
    team: tuple[Path, str],
    run_cli,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fmt: str,
    to_file: bool,
) -> None:
    root, pm_id = team
    parsed = parses_counted(monkeypatch)
    target = tmp_path / f"out.{fmt}"
    output = ("-o", target) if to_file else ()
    done = run_cli("--db", root, "export", pm_id, "--format", fmt, *output)
    assert done.code == 0, done.err
    document = target.read_text() if to_file else done.out
    assert "TLS" in document or "certificate" in document
    assert len(parsed) == 1


def live_events() -> list[TimelineEvent]:
    gc.collect()
    return [thing for thing in gc.get_objects() if type(thing) is TimelineEvent]


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_an_export_keeps_nothing_of_the_timeline_alive_once_written(
    run_cli, tmp_path: Path, sample_path: Path, kind: str
) -> None:
    # Alive, the timeline's objects are walked by every later collection (and at exit).
    database = tmp_path / ("db.json" if kind == "file" else "team")
    if kind == "folder":
        database.mkdir()
        (database / SETTINGS_NAME).write_bytes(settings_bytes(TeamSettings()))
    pm_id = run_cli("--db", database, "import", sample_path).out.strip()
    for fmt in ("md", "html"):
        # Held here, so that no new object can take the place (the id) of one of these.
        before = live_events()
        done = run_cli("--db", database, "export", pm_id, "--format", fmt)
        assert done.code == 0 and "certificate" in done.out, done.err
        held = {id(event) for event in before}
        assert [event for event in live_events() if id(event) not in held] == []
