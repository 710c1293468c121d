"""Tests pmtui's limits: input size, timeline length and the years a date may have.

Each limit is tried through the real CLI (or the service every caller goes through): what is
over is refused with one line before anything is written, what is at the limit still works.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

import orjson
import pytest

from pmtui.cli import commands
from pmtui.limits import MAX_EVENTS, MAX_INPUT_BYTES, MIB, size_text
from pmtui.model.enums import EventKind
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import PostMortem, TimelineEvent
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore
from tests.test_cli import assert_one_line_error, new_id_from, snapshot

START = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)


@cache
def timeline(count: int) -> tuple[TimelineEvent, ...]:
    # Cached: 100,000 events take the better part of a second to build, the events are
    # frozen, and three tests start from the same full timeline.
    return tuple(
        TimelineEvent(f"e{i:06d}", START + timedelta(seconds=i), EventKind.NOTE, f"line {i}")
        for i in range(count)
    )


def log_lines(count: int) -> bytes:
    return b"".join(
        f"2025-03-11T09:{(i // 60) % 60:02d}:{i % 60:02d}.{i % 1000:03d}Z line {i}\n".encode()
        for i in range(count)
    )


# Sizes -------------------------------------------------------------------------------------


def test_sizes_are_written_in_mebibytes_computed_from_bytes() -> None:
    assert MAX_INPUT_BYTES == 256 * 2**20
    assert size_text(MAX_INPUT_BYTES) == "256 MiB"
    assert size_text(300 * MIB) == "300 MiB"
    assert size_text(MIB * 3 // 2) == "1.5 MiB"
    assert size_text(812) == "812 bytes"


@pytest.mark.parametrize("argv", [["import", "--help"], ["timeline", "import", "--help"]])
def test_help_names_the_input_cap_in_the_same_unit(run_cli, argv: list[str]) -> None:
    result = run_cli(*argv)
    assert result.code == 0
    assert "256 MiB" in " ".join(result.out.split())


def test_import_refuses_a_file_over_the_cap_naming_its_size_and_the_cap(
    run_pmtui, tmp_path: Path
) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:  # sparse: no disk is used for it
        handle.truncate(300 * MIB)
    db = tmp_path / "db.json"
    began = time.perf_counter()
    result = run_pmtui("import", big, "--db", db)
    assert_one_line_error(result, "big.json is 300 MiB", "up to 256 MiB")
    assert time.perf_counter() - began < 10
    assert snapshot(db) is None


def test_import_reads_at_most_one_byte_past_the_cap(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # stdin has no size to look at first: the read itself must stop at the cap.
    monkeypatch.setattr(commands, "MAX_INPUT_BYTES", 1000)
    result = run_cli("import", "-", "--db", tmp_path / "db.json", stdin=b" " * 5000 + b"{}")
    assert_one_line_error(result, "stdin is larger than 1000 bytes", "up to 1000 bytes")


def test_evidence_messages_use_the_same_unit(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    pm_id = new_id_from(run_cli("new", "T", "--timezone", "UTC", "--db", db))
    big = tmp_path / "big.log"
    with big.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)
    result = run_cli("timeline", "import", pm_id, big, "--db", db)
    assert_one_line_error(result, "big.log is larger than 256 MiB", "up to 256 MiB")


# Timeline length ---------------------------------------------------------------------------


def test_the_model_refuses_an_event_past_the_limit() -> None:
    full = PostMortem(id="p", title="T", events=timeline(MAX_EVENTS))
    extra = TimelineEvent("x", START, EventKind.NOTE, "one more")
    with pytest.raises(ValidationError, match="already holds 100,000 events") as caught:
        full.with_event(extra)
    assert caught.value.where == "timeline"
    with pytest.raises(ValidationError, match="holds 100,000 events and the import has 2;"):
        full.with_events((extra, extra))
    fewer = full.without_event("e000000")
    assert len(fewer.with_event(extra).events) == MAX_EVENTS


def test_the_service_refuses_adding_to_a_full_timeline_and_writes_nothing(
    tmp_path: Path,
) -> None:
    db = tmp_path / "db.json"
    with PostMortemStore.open(db) as store:
        service = PostMortemService(store)
        pm = service.import_postmortem(
            PostMortem(id="p", title="T", timezone="UTC", events=timeline(MAX_EVENTS))
        )
        before = db.read_bytes()
        with pytest.raises(ValidationError, match="already holds 100,000 events"):
            service.add_event(pm, at="2025-03-11 10:00", text="one more")
        with pytest.raises(ValidationError, match="already holds 100,000 events"):
            service.duplicate_event(pm, pm.events[0].id)
        # Evidence the timeline already holds adds nothing, so it is not refused.
        assert service.import_events(pm, timeline(2))[1:] == (0, 2)
        earlier = tuple(replace(e, at=e.at - timedelta(days=1)) for e in timeline(2))
        with pytest.raises(ValidationError, match="holds 100,000 events and the import has 2"):
            service.import_events(pm, earlier)
        assert db.read_bytes() == before


def test_timeline_import_of_too_many_lines_is_refused_quickly_and_writes_nothing(
    run_cli, tmp_path: Path
) -> None:
    db = tmp_path / "db.json"
    pm_id = new_id_from(run_cli("new", "T", "--timezone", "UTC", "--db", db))
    log = tmp_path / "huge.log"
    log.write_bytes(log_lines(MAX_EVENTS + 1))
    before = db.read_bytes()
    began = time.perf_counter()
    result = run_cli("timeline", "import", pm_id, log, "--db", db)
    assert_one_line_error(
        result, "the timeline holds 0 events", "has more than 100,000", "at most 100,000 events"
    )
    assert time.perf_counter() - began < 20
    assert db.read_bytes() == before


def test_timeline_import_that_would_pass_the_limit_is_refused_with_both_counts(
    tmp_path: Path,
) -> None:
    db = tmp_path / "db.json"
    with PostMortemStore.open(db) as store:
        service = PostMortemService(store)
        pm = service.import_postmortem(
            PostMortem(id="p", title="T", timezone="UTC", events=timeline(MAX_EVENTS)[:-1])
        )
        evidence = tuple(
            TimelineEvent("", START - timedelta(days=1, seconds=i), EventKind.NOTE, f"new {i}")
            for i in range(2)
        )
        with pytest.raises(ValidationError) as caught:
            service.import_events(pm, evidence)
        assert "holds 99,999 events and the import has 2" in caught.value.message


def test_import_of_a_document_with_too_many_events_is_refused(run_cli, tmp_path: Path) -> None:
    document = {
        "format": "pmtui/1",
        "title": "T",
        "timeline": [{"at": "2025-03-11T09:00:00Z", "text": "x"}] * (MAX_EVENTS + 1),
    }
    source = tmp_path / "many.json"
    source.write_bytes(orjson.dumps(document))
    db = tmp_path / "db.json"
    result = run_cli("import", source, "--db", db)
    assert_one_line_error(result, "the document has 100,001", "at most 100,000 events")
    assert snapshot(db) is None


# Dates -------------------------------------------------------------------------------------


# "99999 days ago": an incident date reads past forms, not deadline ones (mock meeting 14).
@pytest.mark.parametrize(
    "day", ["9999-12-31", "1969-12-31", "2101-01-01", "0001-01-01", "99999 days ago"]
)
def test_new_refuses_incident_dates_outside_the_years_pmtui_can_compute_with(
    run_cli, tmp_path: Path, day: str
) -> None:
    db = tmp_path / "db.json"
    result = run_cli("new", "T", "--date", day, "--db", db)
    assert_one_line_error(result, "incident_date", "between the years 1970 and 2100")
    assert snapshot(db) is None


@pytest.mark.parametrize("zone", ["Etc/GMT+12", "Pacific/Kiritimati"])
@pytest.mark.parametrize("day", ["1970-01-01", "2100-12-31"])
def test_every_accepted_date_can_be_exported_and_imported_into(
    run_cli, tmp_path: Path, zone: str, day: str
) -> None:
    db = tmp_path / "db.json"
    pm_id = new_id_from(run_cli("new", "T", "--date", day, "--timezone", zone, "--db", db))
    for fmt in ("md", "json"):
        result = run_cli("export", pm_id, "--format", fmt, "--db", db)
        assert result.code == 0, result
    exported = tmp_path / "pm.json"
    exported.write_text(run_cli("export", pm_id, "--format", "json", "--db", db).out)
    new_id_from(run_cli("import", exported, "--db", db))
    for argv in (["check", pm_id], ["actions", "--overdue"], ["list"]):
        result = run_cli(*argv, "--db", db)
        assert result.code in (0, 1), result  # check says 1 when it finds gaps
        assert "unexpected" not in result.err


@pytest.mark.parametrize(
    "field,value",
    [
        ("incident_date", "9999-12-31"),
        ("action_items", [{"text": "x", "due": "9999-12-31"}]),
        ("timeline", [{"at": "9999-12-30T23:00:00Z", "text": "x"}]),
        ("timeline", [{"at": "1960-01-01T00:00:00Z", "text": "x"}]),
    ],
)
def test_import_refuses_dates_outside_the_years(
    run_cli, tmp_path: Path, field: str, value: object
) -> None:
    source = tmp_path / "doc.json"
    source.write_bytes(orjson.dumps({"format": "pmtui/1", "title": "T", field: value}))
    result = run_cli("import", source, "--db", tmp_path / "db.json")
    assert_one_line_error(result, "between the years 1970 and 2100")


def test_evidence_times_outside_the_years_are_rejected_rows(tmp_path: Path) -> None:
    from pmtui.importers import read_evidence

    log = b"2025-03-11T09:00:00Z kept\n2150-01-01T00:00:00Z too late\n1960-01-01T00:00:00Z old\n"
    result = read_evidence(log, format="log", name="x.log")
    assert [event.text for event in result.events] == ["kept"]
    assert [reason for _, reason in result.rejected] == [
        "'2150-01-01T00:00:00Z' is out of range; pmtui reads times between the years 1970 and 2100",
        "'1960-01-01T00:00:00Z' is out of range; pmtui reads times between the years 1970 and 2100",
    ]
