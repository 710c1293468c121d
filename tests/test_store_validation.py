"""Tests that a database file with any record pmtui did not write is refused when opened.

Every command ends with exit 1 and one line naming the record and the field, and the file
keeps every byte. A hypothesis test damages a valid file's records at random.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmtui.model.codec import postmortem_from_dict
from pmtui.store import PostMortemStore
from tests.conftest import examples
from tests.test_cli import assert_one_line_error

DOCUMENT = {
    "format": "pmtui/1",
    "id": "abc",
    "title": "Expired certificate",
    "severity": "SEV2",
    "incident_date": "2025-03-11",
    "timezone": "Europe/Berlin",
    "timeline": [
        {"id": "e1", "at": "2025-03-11T09:00:00Z", "kind": "start", "text": "Errors rise"},
        {"id": "e2", "at": "2025-03-11T09:05:00Z", "kind": "detected", "text": "Paged"},
    ],
    "whys": [{"id": "w1", "problem": "It expired", "answers": ["No renewal"]}],
    "action_items": [{"id": "a1", "text": "Alert on expiry", "owner": "ops", "due": "2025-04-01"}],
    "waivers": [
        {"rule": "r", "where": "summary", "reason": "ok", "waived_on": "2025-03-12"},
    ],
}


def valid_tables(tmp_path: Path) -> dict[str, Any]:
    db = tmp_path / "valid.json"
    db.unlink(missing_ok=True)  # hypothesis runs many examples in one tmp_path
    with PostMortemStore.open(db) as store:
        store.create(postmortem_from_dict(DOCUMENT))
    return orjson.loads(db.read_bytes())


def commands(db: Path) -> list[list[str | Path]]:
    source = db.with_name("import.json")
    if not source.exists():
        source.write_bytes(orjson.dumps({**DOCUMENT, "id": "new"}))
    return [
        ["list", "--db", db],
        ["list", "--json", "--db", db],
        ["export", "abc", "--db", db],
        ["export", "abc", "--format", "json", "--db", db],
        ["check", "abc", "--db", db],
        ["actions", "--db", db],
        ["new", "Another", "--db", db],
        ["import", source, "--db", db],
        ["delete", "abc", "--yes", "--db", db],
    ]


DAMAGE = [
    (("postmortems", "1", "severity"), "SEV9", "postmortems record 1 (id 'abc'): severity 'SEV9'"),
    (("postmortems", "1", "id"), 7, "postmortems record 1: id 7 is not text"),
    (("postmortems", "1", "title"), None, "title is null, not text"),
    (("postmortems", "1", "waivers"), "none", "waivers is 'none', not a list of waivers"),
    (("postmortems", "1", "waivers", 0, "waived_on"), None, "waivers[0].waived_on is null"),
    (("postmortems", "1", "attendees"), [None], "attendees holds null, not a name"),
    (("postmortems", "1", "incident_date"), "9999-12-31", "'9999-12-31' is out of range"),
    (("postmortems", "1", "timezone"), "Mars/Base", "'Mars/Base' is not a known timezone"),
    (("postmortems", "1", "created_at"), 5, "created_at is 5, not a time"),
    (("events", "1", "at"), "yesterday", "events record 1 (id 'e1'): at"),
    (("events", "1", "pm"), "zzz", "pm 'zzz' names no post-mortem in the file"),
    (("events", "2", "id"), "e1", "id 'e1' is used twice in post-mortem 'abc'"),
    # Sound events skip the per-record loop; each of these must still be named by it.
    (("events", "2", "id"), None, "events record 2: id is missing"),
    (("events", "1", "pm"), 7, "pm 7 is not text"),
    (("events", "1", "kind"), ["start"], "kind a list is not one of"),
    (("whys", "1", "answers"), "No renewal", "answers is 'No renewal', not a list of names"),
    (("whys", "1", "root_cause"), "yes", "root_cause is 'yes', not true or false"),
    (("actions", "1", "due"), 20250401, "due is 20250401, not a date"),
    (("actions", "1", "status"), "finished", "status 'finished' is not one of"),
    (("meta", "1", "schema"), True, "is not a pmtui database"),
]


def damaged(tables: dict[str, Any], where: tuple[Any, ...], value: object) -> dict[str, Any]:
    broken = copy.deepcopy(tables)
    target = broken
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value
    return broken


@pytest.mark.parametrize(("where", "value", "message"), DAMAGE)
def test_every_command_refuses_a_damaged_record_by_name_and_leaves_the_file(
    run_cli, tmp_path: Path, where: tuple[Any, ...], value: object, message: str
) -> None:
    db = tmp_path / "db.json"
    db.write_bytes(orjson.dumps(damaged(valid_tables(tmp_path), where, value)))
    before = db.read_bytes()
    for argv in commands(db):
        line = assert_one_line_error(run_cli(*argv), message)
        assert line.startswith(f"pmtui: error: {db}"), line
        assert db.read_bytes() == before


@pytest.mark.parametrize(
    "tables",
    [
        {"meta": {"1": {"app": "pmtui", "schema": 1}}, "events": []},
        {"meta": {"1": {"app": "pmtui", "schema": True}}},
        {"meta": {"1": {"app": "pmtui", "schema": 1}}, "postmortems": {"x": {}}},
    ],
)
def test_malformed_tables_are_refused_before_anything_is_written(
    run_cli, tmp_path: Path, tables: dict[str, Any]
) -> None:
    db = tmp_path / "db.json"
    db.write_bytes(orjson.dumps(tables))
    before = db.read_bytes()
    for argv in commands(db):
        assert_one_line_error(run_cli(*argv))
        assert db.read_bytes() == before


def test_the_pmtui_prefix_of_an_id_is_not_needed_to_find_a_bad_record(tmp_path: Path) -> None:
    # The valid file itself opens: the checks refuse only what pmtui never writes.
    db = tmp_path / "db.json"
    db.write_bytes(orjson.dumps(valid_tables(tmp_path)))
    with PostMortemStore.open(db, read_only=True) as store:
        assert store.load("abc").title == "Expired certificate"


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["", "SEV9", "9999-12-31", "0001-01-01T00:00:00Z", "e1", "abc", "draft"]),
    st.lists(st.one_of(st.none(), st.integers(-9, 9), st.text(max_size=4)), max_size=3),
    st.dictionaries(st.text(max_size=4), st.none(), max_size=2),
)


def _paths(tables: dict[str, Any]) -> list[tuple[Any, ...]]:
    paths: list[tuple[Any, ...]] = [("meta",), ("events",)]
    for table, docs in tables.items():
        if not isinstance(docs, dict):
            continue
        for key, doc in docs.items():
            paths.append((table, key))
            if isinstance(doc, dict):
                paths.extend((table, key, field) for field in doc)
                paths.append((table, key, "unknown"))
    return paths


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_random_damage_is_refused_in_one_line_or_works(run_cli, tmp_path: Path, data) -> None:
    base = tmp_path / "base"
    base.mkdir(exist_ok=True)
    tables = valid_tables(base)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        where = data.draw(st.sampled_from(_paths(tables)))
        if len(where) == 2 and data.draw(st.booleans()):
            del tables[where[0]][where[1]]  # a record removed
        else:
            tables = damaged(tables, where, data.draw(JUNK))
    db = base / "db.json"
    db.write_bytes(orjson.dumps(tables))
    for argv in commands(db):
        before = db.read_bytes()
        result = run_cli(*argv)
        if result.code == 0:
            continue
        if argv[0] == "check" and result.code == 1 and result.out:
            continue  # check found gaps in a readable post-mortem: its job
        assert_one_line_error(result)
        assert db.read_bytes() == before
