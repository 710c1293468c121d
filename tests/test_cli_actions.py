"""`pmtui actions`: filters, the --json shape, CSV to stdout and to a file, exit codes."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from pmtui.cli.actions import TYPE_CHOICES
from pmtui.export.actions_csv import CSV_COLUMNS
from pmtui.model.enums import ActionType
from pmtui.store import PostMortemStore
from tests.followup_support import cache_latency, database_outage, sample

SAMPLE_ID = "pm-2025-03-19-api-tls"
ROW_KEYS = set(CSV_COLUMNS)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The sample (its four unfinished items are long past due), plus the outage with its
    open item due in ten days from now, and the cache incident without actions."""
    path = tmp_path / "pm.json"
    outage = database_outage()
    later = datetime.now(UTC).date() + timedelta(days=10)
    b3 = replace(outage.actions[2], due=later)
    with PostMortemStore.open(path) as store:
        for pm in (sample(), replace(outage, actions=(*outage.actions[:2], b3)), cache_latency()):
            store.create(pm)
    return path


def actions_json(run_cli, db: Path, *options: str) -> dict:  # type: ignore[no-untyped-def]
    result = run_cli("actions", "--db", db, "--json", *options)
    assert result.code == 0, result.err
    return orjson.loads(result.out)


def ids(document: dict) -> list[str]:
    return [row["id"] for row in document["actions"]]


def test_json_shape(run_cli, db: Path) -> None:
    document = actions_json(run_cli, db)
    assert set(document) == {
        "today",
        "completion_rate",
        "total",
        "open",
        "overdue",
        "unverified",
        "actions",
    }
    assert date.fromisoformat(document["today"]) == datetime.now(UTC).date()
    assert (document["total"], document["open"], document["overdue"]) == (8, 5, 4)
    assert document["completion_rate"] == pytest.approx(2 / 7)
    assert len(document["actions"]) == 8
    assert all(set(row) == ROW_KEYS for row in document["actions"])
    b1 = next(row for row in document["actions"] if row["id"] == "b1")
    assert b1 == {
        "id": "b1",
        "postmortem_id": "pm-db",
        "postmortem_title": "Primary database failover, writes refused",
        "text": "Add a replication-lag alert",
        "owner": "Jonas Weber",
        "due": "2025-04-10",
        "priority": None,  # nobody chose one: none is invented
        "type": "detect",
        "status": "done",
        "tracker": "",
        "completed_on": "2025-04-09",
        "overdue": False,
        "verified_on": None,
        "verified_how": "",
        "unverified": True,  # done, and nobody has said yet how they know it worked
    }


def test_filters(run_cli, db: Path) -> None:
    sample_open = ["act-alert-routing", "act-edge-probe", "act-rotation-check", "act-breakglass"]
    assert ids(actions_json(run_cli, db, "--overdue")) == sample_open
    # Newest incident first, like `pmtui list`.
    assert ids(actions_json(run_cli, db, "--open")) == ["b3", *sample_open]
    assert ids(actions_json(run_cli, db, "--owner", "ANA")) == ["b2", "b3"]
    assert ids(actions_json(run_cli, db, "--postmortem", "pm-d")) == ["b1", "b2", "b3"]
    assert ids(actions_json(run_cli, db, "--type", "detect", "--open")) == ["act-edge-probe"]
    # A filter narrows the list, not the figures at a glance.
    assert actions_json(run_cli, db, "--owner", "nobody")["total"] == 8


def test_table_for_people(run_cli, db: Path) -> None:
    result = run_cli("actions", "--db", db, "--overdue")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["POSTMORTEM", "DUE", "STATUS", "OWNER", "TEXT"]
    assert len(lines) == 5 and all("OVERDUE" in line for line in lines[1:])
    # Every column starts under its heading, also with ids shorter than "POSTMORTEM" (mock
    # meeting 27b: the dates sat two columns left of DUE).
    short = run_cli("actions", "--db", db, "--postmortem", "pm-d").out.splitlines()
    for table in (lines, short):
        due, owner = table[0].index("DUE"), table[0].index("OWNER")
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", row[due : due + 10]) for row in table[1:])
        assert all(row[owner - 1] == " " and row[owner] != " " for row in table[1:])
    assert result.err == "4 shown of 8; 5 open, 4 overdue, 29% done, 2 done but not verified\n"


def test_the_table_lists_by_deadline_and_the_json_in_list_order(run_cli, db: Path) -> None:
    """Mock 31b read 12-17, 12-20, 12-11, 12-28: the order the items were typed in."""
    table = run_cli("actions", "--db", db).out.splitlines()
    due = table[0].index("DUE")
    days = [row[due : due + 10].strip() for row in table[1:]]
    dated = [day for day in days if day != "—"]
    assert dated == sorted(dated) and len(dated) >= 3
    assert days[len(dated) :] == ["—"] * (len(days) - len(dated))  # undated last
    listed = [row["due"] for row in actions_json(run_cli, db)["actions"] if row["due"]]
    assert listed != sorted(listed)  # files and scripts keep the post-mortems' own order


def test_csv_to_stdout_and_to_a_file(run_cli, db: Path, tmp_path: Path) -> None:
    result = run_cli("actions", "--db", db, "--csv", "--open")
    assert result.code == 0
    rows = list(csv.reader(io.StringIO(result.out, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1][:2] == ["b3", "pm-db"]
    assert len(rows) == 6
    target = tmp_path / "out.csv"
    written = run_cli("actions", "--db", db, "--csv", "-o", target)
    assert written.code == 0 and written.out == ""
    assert target.read_bytes().count(b"\r\n") == 9


def test_exit_codes(run_cli, db: Path, tmp_path: Path) -> None:
    unknown = run_cli("actions", "--db", db, "--postmortem", "nope")
    assert unknown.code == 1 and unknown.err.startswith("pmtui: error: no post-mortem")
    assert run_cli("actions", "--db", db, "--type", "blame").code == 2
    assert run_cli("actions", "--db", db, "--json", "--csv").code == 2
    no_csv = run_cli("actions", "--db", db, "-o", tmp_path / "x.csv")
    assert no_csv.code == 1 and "--csv" in no_csv.err
    assert not (tmp_path / "x.csv").exists()
    empty = run_cli("actions", "--db", tmp_path / "new.json", "--json")
    assert empty.code == 0 and orjson.loads(empty.out)["actions"] == []


def test_type_choices_are_the_action_types() -> None:
    assert tuple(kind.value for kind in ActionType) == TYPE_CHOICES


def test_read_only_while_the_file_is_open(run_cli, db: Path) -> None:
    before = db.read_bytes()
    with PostMortemStore.open(db):  # a pmtui window holding the writer lock
        assert run_cli("actions", "--db", db).code == 0
    assert db.read_bytes() == before


def test_done_but_unverified_items_are_shown_apart(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "verified.json"
    outage = database_outage()
    checked = replace(
        outage.actions[0], verified_on=date(2025, 4, 12), verified_how="Lag alert fired in a drill"
    )
    with PostMortemStore.open(path) as store:
        store.create(sample())
        store.create(replace(outage, actions=(checked, *outage.actions[1:])))
    result = run_cli("actions", "--db", path, "--unverified")
    assert result.code == 0, result.err
    rows = result.out.splitlines()[1:]
    # Only the sample's done renewal alert: the lag alert is verified, the rest are not done.
    assert len(rows) == 1 and "UNVERIFIED" in rows[0] and "act-renewal-alert" not in rows[0]
    assert SAMPLE_ID in rows[0]
    assert result.err.endswith("29% done, 1 done but not verified\n")
    document = orjson.loads(run_cli("actions", "--db", path, "--json").out)
    assert document["unverified"] == 1
    lag = next(row for row in document["actions"] if row["id"] == "b1")
    assert (lag["verified_on"], lag["verified_how"], lag["unverified"]) == (
        "2025-04-12",
        "Lag alert fired in a drill",
        False,
    )
    table = run_cli("actions", "--db", path).out
    assert "verified" in next(line for line in table.splitlines() if "lag alert" in line)


def test_the_table_fits_a_terminal_and_stays_whole_when_piped(monkeypatch, run_cli) -> None:  # type: ignore[no-untyped-def]
    """Mock 40c: at 80 columns each line ran on for 250 characters; piped, a script still
    gets every word."""
    import io

    from pmtui.cli.terminal import fit, screen_columns

    piped = run_cli("actions", "--demo").out.splitlines()
    assert max(len(line) for line in piped) > 200  # whole lines for a script
    assert fit("Page the Edge Platform on-call", 12) == "Page the Ed…"
    assert fit("short", 12) == "short" and fit("anything at all", 0) == "anything at all"

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr("sys.stdout", Terminal())
    assert screen_columns() == 80
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert screen_columns() == 0
