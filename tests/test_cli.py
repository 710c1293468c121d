"""The `pmtui` command line contracts: exit codes, one-line errors, files left untouched.

Most runs are in-process (`run_cli`); exit codes, tracebacks, locks held by another process,
pipes and the throwaway demo folder are checked in real child processes (`run_pmtui`).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from pmtui import __version__
from pmtui.analysis.metrics import METRIC_NAMES
from pmtui.model.codec import postmortem_from_dict
from pmtui.resources import sample_files
from pmtui.store import PostMortemStore

COMMANDS = ("import", "export", "list", "new", "delete")
LIST_KEYS = {
    "id",
    "title",
    "severity",
    "status",
    "owner",
    "incident_date",
    "events",
    "open_actions",
    "overdue_actions",
}

# A timeline whose metrics are known to the second.
METRICS_DOC: dict[str, Any] = {
    "format": "pmtui/1",
    "title": "Checkout latency after the cache flush",
    "severity": "SEV2",
    "timezone": "Europe/Berlin",
    "timeline": [
        {"at": "2025-06-02T10:00:00Z", "kind": "start", "text": "cache flushed"},
        {"at": "2025-06-02T10:05:00Z", "kind": "detected", "text": "latency SLO alert"},
        {"at": "2025-06-02T10:07:30Z", "kind": "acknowledged", "text": "on-call acks"},
        {"at": "2025-06-02T10:40:00Z", "kind": "mitigated", "text": "cache warmed"},
        {"at": "2025-06-02T11:00:00Z", "kind": "resolved", "text": "all clear"},
    ],
}
METRICS_EXPECTED = {
    "time_to_detect": 300,
    "time_to_acknowledge": 150,
    "time_to_mitigate": 2400,
    "time_to_resolve": 3600,
    "impact_duration": 2400,
}


# Helpers ------------------------------------------------------------------------------


def snapshot(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def sample_doc(path: Path) -> dict[str, Any]:
    return orjson.loads(path.read_bytes())


def seed(db: Path, *docs: dict[str, Any]) -> list[str]:
    """Put documents into `db` with the ids they carry (the CLI always mints new ones)."""
    with PostMortemStore.open(db) as store:
        pms = [postmortem_from_dict(doc) for doc in docs]
        for pm in pms:
            store.create(pm)
    return [pm.id for pm in pms]


def write_json(path: Path, doc: object) -> Path:
    path.write_bytes(orjson.dumps(doc))
    return path


def assert_one_line_error(result, *fragments: str, expected: bool = True) -> str:
    """Exit 1, nothing on stdout, exactly one stderr line "pmtui: error: ...".

    `expected`: the failure is one pmtui foresaw, not the catch-all "unexpected ..." line.
    """
    assert result.code == 1, result
    assert result.out == ""
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("pmtui: error: "), lines[0]
    if expected:
        assert not lines[0].startswith("pmtui: error: unexpected "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def new_id_from(result) -> str:
    assert result.code == 0, result
    assert result.err == ""
    assert re.fullmatch(r"\S+\n", result.out), repr(result.out)
    return result.out.strip()


def listed(run_cli, db: Path) -> list[dict[str, Any]]:
    result = run_cli("list", "--json", "--db", db)
    assert result.code == 0, result
    return orjson.loads(result.out)


def exported(run_cli, db: Path, pm_id: str) -> dict[str, Any]:
    result = run_cli("export", pm_id, "--format", "json", "--db", db)
    assert result.code == 0, result
    assert result.err == ""
    return orjson.loads(result.out)


def without_id(doc: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in doc.items() if key != "id"}


def expected_markdowns(pm, template: str) -> set[str]:
    """export_markdown's text for `pm`; two candidates in case the run straddles midnight."""
    from pmtui.export.markdown import export_markdown

    now = datetime.now(UTC)
    days = {(now + delta).astimezone(pm.zone).date() for delta in (timedelta(0), timedelta(1))}
    return {export_markdown(pm, template, today=day) for day in days}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "pm.json"


@pytest.fixture
def sample_in_db(db: Path, sample_path: Path) -> str:
    """The sample seeded into `db` under its own id."""
    return seed(db, sample_doc(sample_path))[0]


# Help, --db, PMTUI_DB, exit code 2 --------------------------------------------------------


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_command_has_help(run_cli, command: str, env_db: Path) -> None:
    argv = [command, "--help"] if command else ["--help"]
    result = run_cli(*argv)
    assert result.code == 0
    assert result.out.startswith(f"usage: pmtui {command}".rstrip())
    assert "--db PATH" in result.out
    assert result.err == ""
    assert snapshot(env_db) is None


def test_version(run_cli) -> None:
    result = run_cli("--version")
    assert (result.code, result.out) == (0, f"pmtui {__version__}\n")


def _with_db(argv: list[str], db: Path, where: str) -> list[str]:
    return ["--db", str(db), *argv] if where == "before" else [*argv, "--db", str(db)]


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("command", COMMANDS)
def test_db_option_before_or_after_the_command(
    run_cli, command: str, where: str, db: Path, env_db: Path, sample_path: Path
) -> None:
    doc = sample_doc(sample_path)
    if command in ("export", "list", "delete"):
        seed(db, doc)
    argv = {
        "import": ["import", str(sample_path)],
        "export": ["export", doc["id"], "--format", "json"],
        "list": ["list", "--json"],
        "new": ["new", "Queue backlog"],
        "delete": ["delete", doc["id"], "--yes"],
    }[command]
    result = run_cli(*_with_db(argv, db, where))
    assert result.code == 0, result
    rows = listed(run_cli, db)
    if command == "import":
        assert [(r["id"], r["title"]) for r in rows] == [(result.out.strip(), doc["title"])]
    elif command == "new":
        assert [(r["id"], r["title"]) for r in rows] == [(result.out.strip(), "Queue backlog")]
    elif command == "export":
        assert orjson.loads(result.out)["id"] == doc["id"]
    elif command == "list":
        assert [r["id"] for r in orjson.loads(result.out)] == [doc["id"]]
    else:
        assert rows == []
    assert snapshot(env_db) is None
    assert not env_db.parent.exists()


def test_pmtui_db_is_used_without_db_option(run_cli, env_db: Path) -> None:
    pm_id = new_id_from(run_cli("new", "Stale DNS cache"))
    assert env_db.is_file()
    result = run_cli("list", "--json")
    assert [(r["id"], r["title"]) for r in orjson.loads(result.out)] == [(pm_id, "Stale DNS cache")]


def test_db_option_wins_over_pmtui_db(run_cli, db: Path, env_db: Path) -> None:
    pm_id = new_id_from(run_cli("--db", db, "new", "Disk full"))
    assert [r["id"] for r in listed(run_cli, db)] == [pm_id]
    assert snapshot(env_db) is None


@pytest.mark.parametrize("argv", [["--db", "", "new", "T"], ["new", "T", "--db", ""]])
def test_empty_db_option_is_a_usage_error_not_the_default_database(
    run_cli, argv: list[str], env_db: Path
) -> None:
    # `pmtui --db "$UNSET" ...` must not quietly write to the default database.
    result = run_cli(*argv)
    assert result.code == 2
    assert "--db" in result.err
    assert result.out == ""
    assert snapshot(env_db) is None


@pytest.mark.parametrize(
    "argv",
    [
        ["frobnicate"],
        ["--bogus", "list"],
        ["list", "--bogus"],
        ["import"],
        ["import", "a.json", "b.json"],
        ["export"],
        ["export", "x", "--format", "xml"],
        ["export", "x", "--template", "internal"],
        ["export", "x", "-o"],
        ["new"],
        ["new", "T", "--severity"],
        ["delete"],
        ["--db"],
    ],
)
def test_usage_errors_exit_2(run_cli, argv: list[str], env_db: Path) -> None:
    result = run_cli(*argv)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("usage: pmtui")
    assert "error:" in result.err.splitlines()[-1]
    assert snapshot(env_db) is None


def test_usage_error_exit_code_in_a_real_process(run_pmtui, env_db: Path) -> None:
    result = run_pmtui("export", "x", "--format", "xml")
    assert result.code == 2
    assert "invalid choice: 'xml'" in result.err
    assert "Traceback" not in result.err
    assert snapshot(env_db) is None


# import -----------------------------------------------------------------------------------


def test_import_prints_the_new_id_alone(run_cli, db: Path, sample_path: Path) -> None:
    pm_id = new_id_from(run_cli("import", sample_path, "--db", db))
    doc = sample_doc(sample_path)
    assert pm_id != doc["id"]  # an import always mints a fresh id
    rows = listed(run_cli, db)
    assert [(r["id"], r["title"], r["severity"]) for r in rows] == [
        (pm_id, doc["title"], doc["severity"])
    ]


def test_import_keeps_every_field_of_the_sample(run_cli, db: Path, sample_path: Path) -> None:
    pm_id = new_id_from(run_cli("import", sample_path, "--db", db))
    document = exported(run_cli, db, pm_id)
    document.pop("metrics")
    original = sample_doc(sample_path)
    original.pop("metrics", None)
    assert without_id(document) == without_id(original)


def test_importing_twice_gives_two_post_mortems(run_cli, db: Path, sample_path: Path) -> None:
    first = new_id_from(run_cli("import", sample_path, "--db", db))
    second = new_id_from(run_cli("import", sample_path, "--db", db))
    assert first != second
    rows = listed(run_cli, db)
    assert sorted(r["id"] for r in rows) == sorted([first, second])
    assert without_id(exported(run_cli, db, first)) == without_id(exported(run_cli, db, second))


def test_import_fills_omitted_fields_with_defaults(run_cli, db: Path, tmp_path: Path) -> None:
    source = write_json(
        tmp_path / "sparse.json",
        {
            "title": "  Disk full on db-3  ",
            "timeline": [{"at": "2025-01-02T03:04:05Z", "text": "disk at 100%"}],
            "whys": [{"problem": "writes failed"}],
            "action_items": [{"text": "Alert at 85% disk on db hosts"}],
        },
    )
    document = exported(run_cli, db, new_id_from(run_cli("import", source, "--db", db)))
    sections = ("summary", "impact", "detection", "response", "went_well", "went_poorly")
    sections += ("lucky", "lessons", "open_questions", "customer_message", "links")
    assert document["format"] == "pmtui/1"
    assert document["title"] == "Disk full on db-3"
    assert document["severity"] == "SEV3"
    assert document["status"] == "draft"
    assert document["owner"] == ""
    assert (document["attendees"], document["services"]) == ([], [])
    assert document["timezone"] == "UTC"
    assert document["incident_date"] == "2025-01-02"  # the first event's day
    assert all(document[key] == "" for key in sections)
    assert document["created_at"] == document["updated_at"]
    [event] = document["timeline"]
    assert event["at"] == "2025-01-02T03:04:05Z"
    assert (event["kind"], event["source"], event["link"], event["original"]) == (
        "note",
        "manual",
        "",
        "",
    )
    assert event["text"] == "disk at 100%"
    [why] = document["whys"]
    assert (why["answers"], why["root_cause"], why["category"], why["branched_from"]) == (
        [],
        False,
        None,
        "",
    )
    [action] = document["action_items"]
    assert {k: v for k, v in action.items() if k != "id"} == {
        "text": "Alert at 85% disk on db hosts",
        "owner": "",
        "due": None,
        "priority": None,  # unset until someone chooses: nothing invented
        "kind": None,
        "status": "open",
        "tracker": "",
        "completed_on": None,
        "factor": "",
        "customer_text": "",
        "verified_on": None,
        "verified_how": "",
    }
    assert document["metrics"] == dict.fromkeys(METRIC_NAMES)


def test_import_of_title_only_document(run_cli, db: Path) -> None:
    pm_id = new_id_from(run_cli("import", "-", "--db", db, stdin=b'{"title": "Tiny"}'))
    document = exported(run_cli, db, pm_id)
    assert (document["title"], document["incident_date"]) == ("Tiny", None)
    assert (document["timeline"], document["whys"], document["action_items"]) == ([], [], [])


def test_import_reads_stdin_with_dash(run_cli, db: Path, sample_path: Path) -> None:
    pm_id = new_id_from(run_cli("import", "-", "--db", db, stdin=sample_path.read_bytes()))
    assert [r["id"] for r in listed(run_cli, db)] == [pm_id]
    assert exported(run_cli, db, pm_id)["title"] == sample_doc(sample_path)["title"]


def _bad_documents() -> list[tuple[str, bytes, str]]:
    valid_event = {"at": "2025-01-02T03:04:05Z", "kind": "start", "text": "x"}
    cases: list[tuple[str, object, str]] = [
        (
            "unknown event kind",
            {
                "title": "T",
                "timeline": [{"at": "2025-01-02T03:04:05Z", "kind": "boom", "text": "x"}],
            },
            "timeline[0].kind",
        ),
        (
            "second event has a bad time",
            {"title": "T", "timeline": [valid_event, {"at": "yesterday-ish", "text": "y"}]},
            "timeline[1].at",
        ),
        (
            "quarter as due date",
            {"title": "T", "action_items": [{"text": "Add expiry alert", "due": "2022-Q1"}]},
            "action_items[0].due",
        ),
        (
            "second action bad priority",
            {"title": "T", "action_items": [{"text": "a"}, {"text": "b", "priority": "P9"}]},
            "action_items[1].priority",
        ),
        ("bad timezone", {"title": "T", "timezone": "Mars/Olympus_Mons"}, "timezone"),
        ("missing title", {"severity": "SEV1"}, "title"),
        ("blank title", {"title": "   "}, "title"),
        ("bad severity", {"title": "T", "severity": "SEV0"}, "severity"),
        ("unknown format", {"format": "pmtui/2", "title": "T"}, "format"),
        (
            "empty why answer",
            {"title": "T", "whys": [{"problem": "p", "answers": [""]}]},
            "whys[0]",
        ),
        ("JSON array instead of object", [{"title": "T"}], "document"),
    ]
    out = [(name, orjson.dumps(doc), where) for name, doc, where in cases]
    out += [
        ("truncated JSON", b'{"title": "T", "timeline": [', "not valid JSON"),
        ("binary garbage", bytes(range(256)) * 4, "not a JSON text file"),
        ("empty file", b"", "not valid JSON"),
    ]
    return out


BAD_DOCUMENTS = _bad_documents()


@pytest.mark.parametrize("db_state", ["missing", "existing"])
@pytest.mark.parametrize(
    ("payload", "where"),
    [(payload, where) for _, payload, where in BAD_DOCUMENTS],
    ids=[name for name, _, _ in BAD_DOCUMENTS],
)
def test_import_refuses_bad_documents_and_leaves_the_database(
    run_cli, tmp_path: Path, payload: bytes, where: str, db_state: str, sample_path: Path
) -> None:
    db = tmp_path / "data" / "pm.json"
    if db_state == "existing":
        db.parent.mkdir()
        seed(db, sample_doc(sample_path))
    before = snapshot(db)
    source = tmp_path / "bad.json"
    source.write_bytes(payload)
    line = assert_one_line_error(run_cli("import", source, "--db", db), where)
    assert line.startswith(f"pmtui: error: {source}: ")
    assert snapshot(db) == before
    if db_state == "missing":
        # No database, no folder, no lock file: a bad file changes nothing on disk.
        assert not db.parent.exists()


@pytest.mark.parametrize("payload", [b'{"severity": "SEV1"}', b"[]", b"{"], ids=str)
def test_import_from_stdin_names_stdin_in_errors(run_cli, db: Path, payload: bytes) -> None:
    assert_one_line_error(
        run_cli("import", "-", "--db", db, stdin=payload), "pmtui: error: stdin: "
    )
    assert snapshot(db) is None


def test_import_of_a_missing_file(run_cli, db: Path, tmp_path: Path, sample_path: Path) -> None:
    seed(db, sample_doc(sample_path))
    before = snapshot(db)
    missing = tmp_path / "nope.json"
    assert_one_line_error(run_cli("import", missing, "--db", db), f"{missing}: no such file")
    assert snapshot(db) == before


def test_import_of_a_folder(run_cli, db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    assert_one_line_error(run_cli("import", folder, "--db", db), f"{folder}: is a folder")
    assert snapshot(db) is None


def test_import_errors_in_a_real_process(run_pmtui, db: Path, tmp_path: Path) -> None:
    source = write_json(
        tmp_path / "bad.json", {"title": "T", "action_items": [{"text": "x", "due": "2022-Q1"}]}
    )
    result = run_pmtui("import", source, "--db", db)
    assert_one_line_error(result, "action_items[0].due", "'2022-Q1'")
    assert snapshot(db) is None
    assert not (tmp_path / "pm.json.lock").exists()


# export -----------------------------------------------------------------------------------


def test_export_json_to_stdout(run_cli, db: Path, sample_in_db: str) -> None:
    result = run_cli("export", sample_in_db, "--format", "json", "--db", db)
    assert result.code == 0
    assert result.err == ""
    assert result.out.endswith("}\n")
    document = orjson.loads(result.out)
    assert document["format"] == "pmtui/1"
    assert document["id"] == sample_in_db
    assert list(document["metrics"]) == list(METRIC_NAMES)


@pytest.mark.parametrize("template", ["full", "light", "customer"])
def test_export_markdown_to_stdout(run_cli, db: Path, sample_in_db: str, template: str) -> None:
    result = run_cli("export", sample_in_db, "--template", template, "--db", db)
    assert result.code == 0, result
    assert result.err == ""
    with PostMortemStore.open(db, read_only=True) as store:
        pm = store.load(sample_in_db)
    assert result.out in expected_markdowns(pm, template)
    # The customer version has its own title; the internal one never reaches it.
    assert (pm.customer_title if template == "customer" else pm.title) in result.out


def test_export_markdown_is_the_default_and_templates_differ(
    run_cli, db: Path, sample_in_db: str
) -> None:
    default = run_cli("export", sample_in_db, "--db", db).out
    full = run_cli("export", sample_in_db, "--format", "md", "--template", "full", "--db", db).out
    light = run_cli("export", sample_in_db, "--template", "light", "--db", db).out
    customer = run_cli("export", sample_in_db, "--template", "customer", "--db", db).out
    assert default == full
    assert len({full, light, customer}) == 3


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_export_to_a_file(run_cli, db: Path, sample_in_db: str, tmp_path: Path, fmt: str) -> None:
    stdout_text = run_cli("export", sample_in_db, "--format", fmt, "--db", db).out
    target = tmp_path / "out" / f"doc.{fmt}"
    target.parent.mkdir()
    result = run_cli("export", sample_in_db, "--format", fmt, "-o", target, "--db", db)
    assert (result.code, result.out, result.err) == (0, "", "")
    assert target.read_text() == stdout_text
    assert sorted(p.name for p in target.parent.iterdir()) == [f"doc.{fmt}"]  # no temp files


def test_export_to_a_file_replaces_it(run_cli, db: Path, sample_in_db: str, tmp_path: Path):
    target = tmp_path / "doc.json"
    target.write_text("old content that is longer than nothing\n" * 1000)
    assert run_cli("export", sample_in_db, "--format", "json", "-o", target, "--db", db).code == 0
    assert orjson.loads(target.read_bytes())["id"] == sample_in_db


def test_export_output_dash_is_stdout(run_cli, db: Path, sample_in_db: str, tmp_path: Path):
    result = run_cli("export", sample_in_db, "--format", "json", "-o", "-", "--db", db)
    assert orjson.loads(result.out)["id"] == sample_in_db
    assert not (tmp_path / "-").exists()


def test_export_by_id_prefix(run_cli, db: Path, sample_in_db: str) -> None:
    document = exported(run_cli, db, sample_in_db[:4])
    assert document["id"] == sample_in_db


def test_export_of_an_ambiguous_prefix(run_cli, db: Path) -> None:
    seed(db, {"id": "abc111", "title": "One"}, {"id": "abc222", "title": "Two"})
    assert_one_line_error(
        run_cli("export", "abc", "--db", db), "'abc' matches several post-mortems: abc111, abc222"
    )
    assert exported(run_cli, db, "abc2")["title"] == "Two"


def test_export_of_an_unknown_id(run_cli, db: Path, sample_in_db: str) -> None:
    before = snapshot(db)
    assert_one_line_error(
        run_cli("export", "zzzz", "--db", db), f"no post-mortem with id 'zzzz' in {db}"
    )
    assert snapshot(db) == before


def test_export_from_a_missing_database(run_cli, db: Path) -> None:
    assert_one_line_error(run_cli("export", "abc", "--db", db), "no post-mortem with id 'abc'")
    assert snapshot(db) is None
    assert list(db.parent.iterdir()) == []


def test_export_into_a_missing_folder_names_the_target(
    run_cli, db: Path, sample_in_db: str, tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "doc.md"
    line = assert_one_line_error(
        run_cli("export", sample_in_db, "-o", target, "--db", db), f"cannot write {target}"
    )
    assert ".tmp" not in line
    assert not target.parent.exists()


def test_export_onto_a_folder_is_refused(run_cli, db: Path, sample_in_db: str, tmp_path: Path):
    folder = tmp_path / "docs"
    folder.mkdir()
    assert_one_line_error(
        run_cli("export", sample_in_db, "-o", folder, "--db", db), f"{folder} is a folder"
    )
    assert list(folder.iterdir()) == []


def test_export_onto_the_database_itself_is_refused(run_cli, db: Path, sample_in_db: str):
    before = snapshot(db)
    assert_one_line_error(
        run_cli("export", sample_in_db, "-o", db, "--db", db), "is the database itself"
    )
    assert snapshot(db) == before


def test_export_import_export_json_is_lossless(
    run_cli, db: Path, sample_in_db: str, tmp_path: Path
) -> None:
    first_file = tmp_path / "first.json"
    assert (
        run_cli("export", sample_in_db, "--format", "json", "-o", first_file, "--db", db).code == 0
    )
    first = orjson.loads(first_file.read_bytes())
    copy_id = new_id_from(run_cli("import", first_file, "--db", db))
    second = exported(run_cli, db, copy_id)
    assert copy_id != sample_in_db
    assert without_id(second) == without_id(first)
    third = exported(
        run_cli, db, new_id_from(run_cli("import", "-", "--db", db, stdin=orjson.dumps(second)))
    )
    assert without_id(third) == without_id(first)


def test_round_trip_of_a_sparse_document(run_cli, db: Path) -> None:
    sparse = {"title": "T", "incident_date": None, "whys": [{"problem": "p", "answers": ["a"]}]}
    first = exported(
        run_cli, db, new_id_from(run_cli("import", "-", "--db", db, stdin=orjson.dumps(sparse)))
    )
    again = exported(
        run_cli, db, new_id_from(run_cli("import", "-", "--db", db, stdin=orjson.dumps(first)))
    )
    assert without_id(again) == without_id(first)


def test_export_json_carries_metrics_in_seconds(run_cli, db: Path) -> None:
    pm_id = new_id_from(run_cli("import", "-", "--db", db, stdin=orjson.dumps(METRICS_DOC)))
    assert exported(run_cli, db, pm_id)["metrics"] == METRICS_EXPECTED


def test_sample_export_has_every_metric(run_cli, db: Path, sample_in_db: str) -> None:
    metrics = exported(run_cli, db, sample_in_db)["metrics"]
    assert list(metrics) == list(METRIC_NAMES)
    assert all(isinstance(value, int | float) and value > 0 for value in metrics.values())


@pytest.mark.parametrize(
    "tampered",
    [
        dict.fromkeys(METRIC_NAMES, 1),
        dict.fromkeys(METRIC_NAMES),
        {"time_to_detect": "fast"},
        "not even an object",
    ],
    ids=["ones", "nulls", "partial-text", "string"],
)
def test_import_ignores_metrics(run_cli, db: Path, tampered: object) -> None:
    pm_id = new_id_from(run_cli("import", "-", "--db", db, stdin=orjson.dumps(METRICS_DOC)))
    document = exported(run_cli, db, pm_id)
    document["metrics"] = tampered
    copy_id = new_id_from(run_cli("import", "-", "--db", db, stdin=orjson.dumps(document)))
    assert exported(run_cli, db, copy_id)["metrics"] == METRICS_EXPECTED


def test_export_leaves_the_database_unchanged(run_cli, db: Path, sample_in_db: str) -> None:
    before = snapshot(db)
    for argv in (["--format", "json"], ["--format", "md"], ["--template", "customer"]):
        assert run_cli("export", sample_in_db, *argv, "--db", db).code == 0
    assert snapshot(db) == before


# list -------------------------------------------------------------------------------------


def test_list_of_a_missing_database_creates_nothing(run_cli, tmp_path: Path) -> None:
    db = tmp_path / "pm.json"
    human = run_cli("list", "--db", db)
    assert (human.code, human.out) == (0, "")
    assert "No post-mortems" in human.err
    machine = run_cli("list", "--json", "--db", db)
    assert (machine.code, machine.out, machine.err) == (0, "[]\n", "")
    assert sorted(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [("list",), ("new", "T"), ("export", "x")])
def test_a_db_in_a_missing_folder_is_refused_not_created(
    run_cli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    db = tmp_path / "typo-folder" / "pm.json"
    result = run_cli(*command, "--db", db)
    assert_one_line_error(result, f"{db.parent}: no such folder for the database")
    assert not db.parent.exists()


def test_list_of_an_empty_database(run_cli, db: Path) -> None:
    pm_id = new_id_from(run_cli("new", "T", "--db", db))
    assert run_cli("delete", pm_id, "--yes", "--db", db).code == 0
    before = snapshot(db)
    assert run_cli("list", "--json", "--db", db).out == "[]\n"
    assert run_cli("list", "--db", db).out == ""
    assert snapshot(db) == before


def test_list_json_rows(run_cli, db: Path) -> None:
    today = date.today()
    seed(
        db,
        {
            "id": "aaa",
            "title": "Old outage",
            "severity": "SEV1",
            "status": "published",
            "owner": "Ana",
            "incident_date": "2024-02-01",
            "timeline": [{"at": "2024-02-01T10:00:00Z", "kind": "start", "text": "x"}] * 3,
            "action_items": [
                {"text": "late one", "due": "2020-01-01"},
                {"text": "in progress and late", "due": "2020-01-02", "status": "in-progress"},
                {"text": "future", "due": (today + timedelta(days=400)).isoformat()},
                {"text": "done long ago", "due": "2020-01-01", "status": "done"},
                {"text": "dropped", "due": "2020-01-01", "status": "wont-do"},
            ],
        },
        {"id": "bbb", "title": "New outage", "incident_date": "2025-05-05"},
    )
    rows = listed(run_cli, db)
    assert [set(row) for row in rows] == [LIST_KEYS, LIST_KEYS]
    by_id = {row["id"]: row for row in rows}
    assert by_id["aaa"] == {
        "id": "aaa",
        "title": "Old outage",
        "severity": "SEV1",
        "status": "published",
        "owner": "Ana",
        "incident_date": "2024-02-01",
        "events": 3,
        "open_actions": 3,
        "overdue_actions": 2,
    }
    assert by_id["bbb"]["open_actions"] == by_id["bbb"]["overdue_actions"] == 0
    assert [row["id"] for row in rows] == ["bbb", "aaa"]  # newest incident first


def test_list_human_table(run_cli, db: Path, sample_path: Path) -> None:
    doc = sample_doc(sample_path)
    seed(db, doc, {"id": "f00d", "title": "Short one", "severity": "SEV4"})
    result = run_cli("list", "--db", db)
    assert result.code == 0
    assert result.err == ""
    header, *rows = result.out.splitlines()
    assert header.split() == ["ID", "SEV", "STATUS", "DATE", "ACTIONS", "TITLE"]
    assert len(rows) == 2
    by_id = {row.split()[0]: row for row in rows}
    assert set(by_id) == {doc["id"], "f00d"}
    sample_row = by_id[doc["id"]]
    assert sample_row.split()[1:4] == [doc["severity"], doc["status"], doc["incident_date"]]
    assert sample_row.endswith(" " + doc["title"])
    # Columns line up even when one id is longer than the usual eight characters.
    title_column = header.index("TITLE")
    for row, title in ((sample_row, doc["title"]), (by_id["f00d"], "Short one")):
        assert row.index(title) == title_column


def test_list_does_not_write(run_cli, db: Path, sample_in_db: str) -> None:
    before = snapshot(db)
    run_cli("list", "--db", db)
    run_cli("list", "--json", "--db", db)
    assert snapshot(db) == before


# new --------------------------------------------------------------------------------------


def test_new_prints_an_id_and_creates_a_draft(run_cli, db: Path) -> None:
    before = datetime.now(UTC).date()
    pm_id = new_id_from(
        run_cli("new", "Payment webhooks delayed", "--severity", "SEV1", "--db", db)
    )
    after = datetime.now(UTC).date()
    [row] = listed(run_cli, db)
    assert (row["id"], row["title"], row["severity"], row["status"]) == (
        pm_id,
        "Payment webhooks delayed",
        "SEV1",
        "draft",
    )
    assert row["incident_date"] in {before.isoformat(), after.isoformat()}


def test_new_with_every_option(run_cli, db: Path) -> None:
    pm_id = new_id_from(
        run_cli(
            "new",
            "Login loop",
            "--severity",
            "sev2",
            "--timezone",
            "Asia/Tokyo",
            "--owner",
            "Kenji",
            "--date",
            "2025-02-03",
            "--db",
            db,
        )
    )
    document = exported(run_cli, db, pm_id)
    assert (document["severity"], document["timezone"], document["owner"]) == (
        "SEV2",
        "Asia/Tokyo",
        "Kenji",
    )
    assert document["incident_date"] == "2025-02-03"


def test_new_default_severity(run_cli, db: Path) -> None:
    pm_id = new_id_from(run_cli("new", "T", "--db", db))
    assert exported(run_cli, db, pm_id)["severity"] == "SEV3"


@pytest.mark.parametrize(
    ("options", "fragments"),
    [
        (["--severity", "SEV9"], ["severity", "SEV1, SEV2, SEV3, SEV4, SEV5"]),
        (["--severity", "critical"], ["severity", "SEV1, SEV2, SEV3, SEV4, SEV5"]),
        (["--timezone", "Mars/Olympus_Mons"], ["timezone", "Mars/Olympus_Mons"]),
        (["--date", "2022-Q1"], ["incident_date", "2022-Q1"]),
    ],
)
@pytest.mark.parametrize("db_state", ["missing", "existing"])
def test_new_refuses_bad_values(
    run_cli, db: Path, options: list[str], fragments: list[str], db_state: str
) -> None:
    if db_state == "existing":
        seed(db, {"id": "keep", "title": "Keep"})
    before = snapshot(db)
    assert_one_line_error(run_cli("new", "T", *options, "--db", db), *fragments)
    assert snapshot(db) == before


@pytest.mark.parametrize("title", ["", "   "])
def test_new_refuses_an_empty_title(run_cli, db: Path, title: str) -> None:
    assert_one_line_error(run_cli("new", title, "--db", db), "title")
    assert snapshot(db) is None


def test_new_gives_fresh_ids(run_cli, db: Path) -> None:
    ids = {new_id_from(run_cli("new", f"T{n}", "--db", db)) for n in range(5)}
    assert len(ids) == 5
    assert {row["id"] for row in listed(run_cli, db)} == ids


# delete -----------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["y\n", "Y\n", "yes\n", " yes \n"])
def test_delete_after_yes(run_cli, db: Path, sample_in_db: str, answer: str) -> None:
    result = run_cli("delete", sample_in_db, "--db", db, stdin=answer)
    assert result.code == 0
    assert result.out == ""
    assert "[y/N]" in result.err
    assert result.err.splitlines()[-1] == f"Deleted {sample_in_db}."
    assert listed(run_cli, db) == []
    assert_one_line_error(run_cli("export", sample_in_db, "--db", db), "no post-mortem")


@pytest.mark.parametrize("answer", ["n\n", "\n", "no\n", "maybe\n", "", "n"], ids=repr)
def test_delete_keeps_it_without_a_yes(run_cli, db: Path, sample_in_db: str, answer: str):
    before = snapshot(db)
    result = run_cli("delete", sample_in_db, "--db", db, stdin=answer)
    assert result.code == 1
    assert result.out == ""
    lines = result.err.splitlines()
    assert lines[0].startswith(f"Delete {sample_in_db} '")
    assert lines[0].endswith("[y/N] ")
    assert lines[-1] == "Not deleted."
    assert len(lines) == 2  # the prompt line ends even when stdin ended without a newline
    assert snapshot(db) == before


def test_delete_yes_at_end_of_input_without_newline(run_cli, db: Path, sample_in_db: str):
    result = run_cli("delete", sample_in_db, "--db", db, stdin="y")
    assert result.code == 0
    lines = result.err.splitlines()
    assert lines[0].endswith("[y/N] ")
    assert lines[1:] == [f"Deleted {sample_in_db}."]
    assert listed(run_cli, db) == []


@pytest.mark.parametrize("flag", ["--yes", "-y"])
def test_delete_yes_flag_does_not_ask(run_cli, db: Path, sample_in_db: str, flag: str) -> None:
    seed(db, {"id": "other", "title": "Other"})
    result = run_cli("delete", flag, sample_in_db, "--db", db, stdin="n\n")
    assert (result.code, result.out, result.err) == (0, "", f"Deleted {sample_in_db}.\n")
    assert [row["id"] for row in listed(run_cli, db)] == ["other"]


def test_delete_by_prefix(run_cli, db: Path) -> None:
    seed(db, {"id": "deadbeef", "title": "Gone"}, {"id": "cafe", "title": "Stays"})
    result = run_cli("delete", "dead", "--yes", "--db", db)
    assert result.err == "Deleted deadbeef.\n"
    assert [row["id"] for row in listed(run_cli, db)] == ["cafe"]


def test_delete_of_an_unknown_id(run_cli, db: Path, sample_in_db: str) -> None:
    before = snapshot(db)
    assert_one_line_error(run_cli("delete", "zzzz", "--yes", "--db", db), "'zzzz'", str(db))
    assert snapshot(db) == before


def test_delete_in_a_real_process_reads_the_answer(run_pmtui, db: Path, sample_in_db: str) -> None:
    kept = run_pmtui("delete", sample_in_db, "--db", db, stdin=b"")
    assert kept.code == 1
    assert kept.err.endswith("\nNot deleted.\n")
    deleted = run_pmtui("delete", sample_in_db, "--db", db, stdin=b"y\n")
    assert deleted.code == 0
    assert deleted.err.endswith(f"Deleted {sample_in_db}.\n")


# another pmtui holds the writer lock --------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys
    from pmtui.store import PostMortemStore

    with PostMortemStore.open(sys.argv[1]):
        print("ready", flush=True)
        sys.stdin.readline()
    """
)


@pytest.fixture
def held_by_another_pmtui(db: Path, sample_in_db: str) -> Iterator[int]:
    """A child process holds `db` open for writing until the test ends; yields its pid."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "ready\n"
        yield holder.pid
    finally:
        holder.communicate("\n", timeout=30)
    assert holder.returncode == 0


def test_reading_works_while_another_pmtui_writes(
    run_cli, db: Path, sample_in_db: str, held_by_another_pmtui: int
) -> None:
    before = snapshot(db)
    assert [row["id"] for row in listed(run_cli, db)] == [sample_in_db]
    human = run_cli("list", "--db", db)
    assert human.code == 0
    assert sample_in_db in human.out
    assert exported(run_cli, db, sample_in_db)["id"] == sample_in_db
    markdown = run_cli("export", sample_in_db, "--db", db)
    assert markdown.code == 0
    assert markdown.out
    assert snapshot(db) == before


@pytest.mark.parametrize("command", ["import", "new", "delete", "delete-yes"])
def test_writing_is_refused_while_another_pmtui_writes(
    run_cli,
    db: Path,
    sample_in_db: str,
    sample_path: Path,
    held_by_another_pmtui: int,
    command: str,
) -> None:
    before = snapshot(db)
    argv = {
        "import": ["import", str(sample_path)],
        "new": ["new", "T"],
        "delete": ["delete", sample_in_db],
        "delete-yes": ["delete", sample_in_db, "--yes"],
    }[command]
    result = run_cli(*argv, "--db", db, stdin="y\n")
    assert_one_line_error(result, f"{db} is open in another pmtui (pid {held_by_another_pmtui})")
    assert snapshot(db) == before


def test_lock_refusal_in_a_real_process(run_pmtui, db: Path, held_by_another_pmtui: int) -> None:
    result = run_pmtui("new", "T", "--db", db)
    assert_one_line_error(result, f"(pid {held_by_another_pmtui})")


def test_writing_works_again_after_the_other_pmtui_quits(
    run_cli, db: Path, sample_in_db: str
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "ready\n"
    assert run_cli("new", "T", "--db", db).code == 1
    holder.communicate("\n", timeout=30)
    new_id_from(run_cli("new", "T", "--db", db))
    assert len(listed(run_cli, db)) == 2


# a damaged or foreign database file ---------------------------------------------------------


def _damaged_contents(sample_path: Path, tmp: Path) -> dict[str, bytes]:
    real = tmp / "real.json"
    seed(real, sample_doc(sample_path))
    good = real.read_bytes()
    return {
        "truncated": good[: len(good) // 2],
        "garbage": bytes(range(256)),
        "text": b"this is my shopping list\n",
        "array": b"[1, 2, 3]",
        "foreign": orjson.dumps({"users": {"1": {"name": "ana"}}}),
        "bad-table": orjson.dumps({"meta": {"1": {"app": "pmtui", "schema": 1}}, "events": []}),
        "bad-doc-id": orjson.dumps(
            {"meta": {"1": {"app": "pmtui", "schema": 1}}, "postmortems": {"x": {}}}
        ),
        "newer-schema": orjson.dumps({"meta": {"1": {"app": "pmtui", "schema": 99}}}),
    }


DAMAGED_KINDS = [
    "truncated",
    "garbage",
    "text",
    "array",
    "foreign",
    "bad-table",
    "bad-doc-id",
    "newer-schema",
]
ARGVS_ON_DAMAGED = {
    "list": ["list"],
    "list-json": ["list", "--json"],
    "export-md": ["export", "pm"],
    "export-json": ["export", "pm", "--format", "json"],
    "import": ["import", "SAMPLE"],
    "new": ["new", "T"],
    "delete": ["delete", "pm"],
    "delete-yes": ["delete", "pm", "--yes"],
}


@pytest.mark.parametrize("argv_name", list(ARGVS_ON_DAMAGED))
@pytest.mark.parametrize("kind", DAMAGED_KINDS)
def test_damaged_database_is_named_and_left_untouched(
    run_cli, tmp_path: Path, sample_path: Path, kind: str, argv_name: str
) -> None:
    db = tmp_path / "data" / "pm.json"
    db.parent.mkdir()
    db.write_bytes(_damaged_contents(sample_path, tmp_path)[kind])
    before = snapshot(db)
    argv = [str(sample_path) if a == "SAMPLE" else a for a in ARGVS_ON_DAMAGED[argv_name]]
    assert_one_line_error(run_cli(*argv, "--db", db, stdin="y\n"), str(db))
    assert snapshot(db) == before
    assert not list(db.parent.glob("*.bak")), "a damaged file is not 'migrated'"


@pytest.mark.parametrize("argv_name", list(ARGVS_ON_DAMAGED))
def test_database_path_that_is_a_folder(
    run_cli, tmp_path: Path, sample_path: Path, argv_name: str
) -> None:
    folder = tmp_path / "pm.json"
    folder.mkdir()
    argv = [str(sample_path) if a == "SAMPLE" else a for a in ARGVS_ON_DAMAGED[argv_name]]
    assert_one_line_error(run_cli(*argv, "--db", folder, stdin="y\n"), str(folder), "folder")
    assert list(folder.iterdir()) == []


def test_damaged_database_in_a_real_process(run_pmtui, env_db: Path) -> None:
    env_db.parent.mkdir()
    env_db.write_bytes(b'{"postmortems": ')
    result = run_pmtui("list")
    assert_one_line_error(result, str(env_db), "untouched")
    assert env_db.read_bytes() == b'{"postmortems": '


# --demo -----------------------------------------------------------------------------------


def _sample_ids() -> list[str]:
    return [orjson.loads(path.read_bytes())["id"] for path in sample_files()]


def test_demo_export_prints_the_sample_markdown(run_cli, sample_path: Path, env_db: Path):
    doc = sample_doc(sample_path)
    result = run_cli("--demo", "export", doc["id"])
    assert result.code == 0, result
    assert result.err == ""
    assert result.out in expected_markdowns(postmortem_from_dict(doc), "full")
    assert snapshot(env_db) is None


def test_demo_leaves_no_database_behind(
    run_pmtui, sample_path: Path, tmp_path: Path, env_db: Path
) -> None:
    doc = sample_doc(sample_path)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {"TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)}
    result = run_pmtui("--demo", "export", doc["id"], env=env)
    assert result.code == 0, result
    assert doc["title"] in result.out
    imported = run_pmtui("import", sample_path, "--demo", env=env)
    assert imported.code == 0
    assert list(temp.iterdir()) == []
    assert not env_db.parent.exists()


def test_demo_list_lists_the_samples(run_cli, sample_path: Path, env_db: Path) -> None:
    doc = sample_doc(sample_path)
    rows = orjson.loads(run_cli("--demo", "list", "--json").out)
    assert sorted(row["id"] for row in rows) == sorted(_sample_ids())
    [row] = [row for row in rows if row["id"] == doc["id"]]
    assert (row["title"], row["severity"], row["incident_date"]) == (
        doc["title"],
        doc["severity"],
        doc["incident_date"],
    )
    human = run_cli("list", "--demo")
    assert human.code == 0
    assert any(
        line.startswith(doc["id"] + " ") and doc["title"] in line for line in human.out.splitlines()
    )
    assert snapshot(env_db) is None


def test_demo_ignores_the_real_database(run_cli, env_db: Path, sample_path: Path) -> None:
    mine = new_id_from(run_cli("new", "Mine"))
    before = snapshot(env_db)
    rows = orjson.loads(run_cli("--demo", "list", "--json").out)
    assert mine not in {row["id"] for row in rows}
    assert new_id_from(run_cli("--demo", "new", "Scratch"))
    assert run_cli("--demo", "delete", sample_doc(sample_path)["id"], "--yes").code == 0
    assert snapshot(env_db) == before


# hostile input never shows a traceback ---------------------------------------------------------

_OVERFLOW_EVENT = {
    "title": "T",
    "incident_date": "2025-01-01",
    "timeline": [{"at": "+999999999999h", "text": "x"}],
}
HOSTILE_STDIN: list[bytes] = [
    b"",
    b"\x00" * 64,
    b"\xff\xfe\x00\x00",
    b"[" * 100_000,
    b'{"a":' * 5_000,
    b"null",
    b"42",
    b'"a string"',
    b"1e999999",
    b'{"title": "T", "timeline": 5}',
    b'{"title": "T", "timeline": [[]]}',
    b'{"title": "T", "timeline": [{"at": null, "text": "x"}]}',
    b'{"title": "T", "timeline": [{"at": "0001-01-01T00:00:00+01:00", "text": "x"}]}',
    b'{"title": "T", "timeline": [{"at": "9999-12-31T23:59:59-01:00", "text": "x"}]}',
    orjson.dumps(_OVERFLOW_EVENT),
    b'{"title": "T", "action_items": [{"text": "x", "due": "+99999999d"}]}',
    b'{"title": "T", "action_items": [{"text": "x", "cause": -1}]}',
    b'{"title": "T", "action_items": [{"text": "x", "cause": 99999999999999999999}]}',
    b'{"title": "T", "whys": [{"problem": "p", "answers": ["a"], "category": "gremlins"}]}',
    b'{"title": "T", "whys": [{"problem": "p", "root_cause": "yes"}]}',
    b'{"title": "T", "attendees": {"a": 1}}',
    b'{"title": "T", "created_at": "2025-13-45T99:00:00Z"}',
    b'{"title": "T", "timezone": "../../../../etc/passwd"}',
    b'{"title": "T", "id": "' + b"x" * 10_000 + b'"}',
    b'{"title": "' + b"\\ud800" + b'"}',
    b'{"title": {"nested": ["deep"]}}',
]
# (No NUL bytes in paths: a real command line cannot carry them.)
HOSTILE_ARGV: list[list[str]] = [
    ["export", ""],
    ["export", "\x1b[31mred"],
    ["export", "x" * 10_000],
    ["export", "../../etc/passwd", "--format", "json"],
    ["delete", "", "--yes"],
    ["delete", "--yes", "--", "-rf"],
    ["new", "T", "--date", "+9999999999d"],
    ["new", "T", "--date", "0000-00-00"],
    ["new", "T", "--timezone", ""],
    ["new", "T", "--timezone", "/etc/localtime"],
    ["new", "T", "--severity", ""],
    ["new", "\x00"],
    ["new", "x" * 100_000],
    ["list", "--db", "x" * 5_000],
    ["list", "--db", "/dev/null"],
    ["export", "x", "--db", "/proc/self/status"],
    ["import", "/dev/null"],
    ["import", "x" * 5_000],
    ["import", "--", "--help"],
    ["list", "--json", "--json"],
    ["--db", "--db", "list"],
]


def _assert_no_traceback(result) -> None:
    assert "Traceback" not in result.err + result.out
    assert result.code in (0, 1, 2), result
    if result.code == 1:
        assert_one_line_error(result)  # and a foreseen one, not "unexpected ..."
    if result.code == 2:
        assert "usage: pmtui" in result.err


@pytest.mark.parametrize("payload", HOSTILE_STDIN, ids=lambda p: repr(p[:40]))
def test_hostile_imports_never_show_a_traceback(run_cli, db: Path, payload: bytes) -> None:
    seed(db, {"id": "keep", "title": "Keep"})
    before = snapshot(db)
    result = run_cli("import", "-", "--db", db, stdin=payload)
    _assert_no_traceback(result)
    if result.code != 0:
        assert snapshot(db) == before
    assert "keep" in {row["id"] for row in listed(run_cli, db)}


@pytest.mark.parametrize("argv", HOSTILE_ARGV, ids=lambda a: repr(a)[:40])
def test_hostile_arguments_never_show_a_traceback(run_cli, argv: list[str], env_db: Path):
    env_db.parent.mkdir()
    seed(env_db, {"id": "keep", "title": "Keep"})
    _assert_no_traceback(run_cli(*argv, stdin="n\n"))
    assert "keep" in {row["id"] for row in orjson.loads(run_cli("list", "--json").out)}


def test_hostile_inputs_in_real_processes(run_pmtui, db: Path, tmp_path: Path) -> None:
    seed(db, {"id": "keep", "title": "Keep"})
    before = snapshot(db)
    for payload in (b"\xff" * 100, b"[" * 100_000, orjson.dumps(_OVERFLOW_EVENT)):
        result = run_pmtui("import", "-", "--db", db, stdin=payload)
        _assert_no_traceback(result)
        assert result.code == 1
    for argv in (["export", "x" * 5000], ["new", "T", "--date", "+9999999999d"]):
        _assert_no_traceback(run_pmtui(*argv, "--db", db))
    assert snapshot(db) == before


def test_closed_stdout_is_not_an_error(db: Path, sample_path: Path, pmtui_argv) -> None:
    """`pmtui export X | head -0`: the reader is gone before pmtui writes."""
    seed(db, sample_doc(sample_path))
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [*pmtui_argv, "export", sample_doc(sample_path)["id"], "--format", "json", "--db", db],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 0
    assert b"Traceback" not in done.stderr
    assert done.stderr == b""


OUT_OF_RANGE = [
    (_OVERFLOW_EVENT, "timeline[0].at"),
    (
        {"title": "T", "timeline": [{"at": "0001-01-01T00:00:00+01:00", "text": "x"}]},
        "timeline[0].at",
    ),
    (
        {"title": "T", "timeline": [{"at": "9999-12-31T23:59:59-01:00", "text": "x"}]},
        "timeline[0].at",
    ),
    ({"title": "T", "action_items": [{"text": "x", "due": "+99999999d"}]}, "action_items[0].due"),
]


@pytest.mark.parametrize(("doc", "where"), OUT_OF_RANGE, ids=[w for _, w in OUT_OF_RANGE])
def test_out_of_range_times_name_the_field(run_cli, db: Path, doc: dict, where: str) -> None:
    result = run_cli("import", "-", "--db", db, stdin=orjson.dumps(doc))
    assert_one_line_error(result, f"pmtui: error: stdin: {where}: ")
    assert snapshot(db) is None


def test_new_with_a_far_future_date(run_cli, db: Path) -> None:
    assert_one_line_error(
        run_cli("new", "T", "--date", "+9999999999d", "--db", db), "incident_date"
    )


def test_unexpected_errors_are_one_line_unless_debugging(
    run_cli, monkeypatch: pytest.MonkeyPatch, db: Path
) -> None:
    from pmtui.cli import commands

    def broken(args: object) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(commands.COMMANDS, "list", broken)
    assert_one_line_error(
        run_cli("list", "--db", db),
        "unexpected RuntimeError: disk on fire (set PMTUI_DEBUG=1 for details)",
        expected=False,
    )
    monkeypatch.setenv("PMTUI_DEBUG", "1")
    with pytest.raises(RuntimeError, match="disk on fire"):
        run_cli("list", "--db", db)


def test_a_timeline_import_refused_by_an_open_pmtui_says_to_import_there(
    run_cli, db: Path, sample_in_db: str, tmp_path: Path, held_by_another_pmtui: int
) -> None:
    """Mock 36b: the refusal said only that the file was open, not that the open app can
    import the same evidence."""
    evidence = tmp_path / "alerts.csv"
    evidence.write_text("time,text\n2025-03-19T08:50:00Z,Edge 5xx alert fired\n", encoding="utf-8")
    before = snapshot(db)
    result = run_cli("timeline", "import", sample_in_db, str(evidence), "--db", db)
    assert_one_line_error(
        result,
        f"{db} is open in another pmtui (pid {held_by_another_pmtui}); import it there "
        "instead (ctrl+p, Import evidence), or quit that pmtui first",
    )
    assert snapshot(db) == before
