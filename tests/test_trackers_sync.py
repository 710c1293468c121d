"""`pmtui actions sync FILE`: each tracker's own export (fixtures shaped as Jira's and
Linear's CSV exports and `gh issue list --json`, see tests/data/trackers/) read back into
statuses and completion dates; dry run; round trips from pmtui's own tracker exports; bad
files refused in one line; hostile cells never crash it nor write a bad record."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmtui.model.enums import ActionStatus
from pmtui.service import PostMortemService
from pmtui.store import open_store
from pmtui.sync.plan import build_plan
from pmtui.sync.readers import TrackerFileError, read_export
from pmtui.sync.refs import KEY
from tests.conftest import examples
from tests.trackers_support import FIXTURES, SAMPLE_ID, sample_database, saved, saved_actions

GITHUB_REFS = {
    "act-renewal-alert": "#101",
    "act-alert-routing": "https://github.com/acme/edge/issues/102",
    "act-edge-probe": "acme/edge#103",
    "act-rotation-check": "#104",
}


FIGURES = "2 changed, 2 already current, 1 unmatched"


def summary(err: str) -> str:
    return err.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("fixture", "trackers", "figures"),
    [
        ("jira_export.csv", None, "6 rows, 5 matched, " + FIGURES),
        ("linear_export.csv", None, "6 rows, 5 matched, " + FIGURES),
        ("github_issues.json", GITHUB_REFS, "5 rows, 4 matched, " + FIGURES),
    ],
)
def test_each_trackers_export_updates_the_items(
    run_pmtui, tmp_path: Path, fixture: str, trackers: dict[str, str] | None, figures: str
) -> None:
    db = sample_database(tmp_path / "pm.json", trackers=trackers)
    before = datetime.now(UTC)
    result = run_pmtui("actions", "sync", FIXTURES / fixture, "--db", db)
    assert result.code == 0, result.err
    assert summary(result.err).endswith(figures)
    actions = saved_actions(db)
    # Resolved on the tracker on 2025-03-24: done, with the tracker's date, not pmtui's.
    assert actions["act-renewal-alert"].completed_on == date(2025, 3, 24)
    assert actions["act-edge-probe"].status == ActionStatus.WONT_DO
    assert actions["act-edge-probe"].completed_on is None
    assert actions["act-alert-routing"].status == ActionStatus.IN_PROGRESS
    assert actions["act-rotation-check"].status == ActionStatus.OPEN
    source = fixture.split("_")[0]
    synced = [a for a in actions.values() if a.synced_at is not None]
    # Only what changed is written: not the items already current, not the unknown status.
    assert len(synced) == 2
    assert all(a.synced_from == source and a.synced_at >= before for a in synced)
    assert "OPS-2001" in result.out or "OPS-2002" in result.out or "issues/250" in result.out


def test_an_unknown_status_is_reported_and_left_alone(run_cli, tmp_path: Path) -> None:
    db = sample_database(tmp_path / "pm.json")
    result = run_cli("actions", "sync", FIXTURES / "jira_export.csv", "--db", db)
    assert "status not understood, left as is:" in result.out
    assert f"{SAMPLE_ID}/act-breakglass OPS-1427: 'Blocked'" in result.out
    breakglass = saved_actions(db)["act-breakglass"]
    assert (breakglass.status, breakglass.synced_at) == (ActionStatus.OPEN, None)


def test_dry_run_shows_the_changes_and_writes_nothing(run_cli, tmp_path: Path) -> None:
    db = sample_database(tmp_path / "pm.json")
    before = db.read_bytes()
    result = run_cli("actions", "sync", FIXTURES / "linear_export.csv", "--db", db, "--dry-run")
    assert result.code == 0, result.err
    assert "would change:" in result.out
    assert "act-edge-probe OPS-1425: in-progress -> wont-do" in result.out
    assert summary(result.err).endswith("(dry run: nothing written)")
    assert db.read_bytes() == before


def test_a_second_sync_finds_everything_current(run_cli, tmp_path: Path) -> None:
    db = sample_database(tmp_path / "pm.json")
    run_cli("actions", "sync", FIXTURES / "jira_export.csv", "--db", db)
    result = run_cli("actions", "sync", FIXTURES / "jira_export.csv", "--db", db)
    assert "0 changed, 4 already current" in summary(result.err)


def test_one_save_per_postmortem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = sample_database(tmp_path / "pm.json")
    export = read_export((FIXTURES / "jira_export.csv").read_bytes())
    with PostMortemService(open_store(db)) as service:
        saves: list[str] = []
        real_save = service.store.save
        monkeypatch.setattr(
            service.store, "save", lambda new, old: (saves.append(new.id), real_save(new, old))
        )
        postmortems, _ = service.readable_postmortems()
        plan = build_plan(export, postmortems, service.today())
        for pm_id, items in plan.by_postmortem().items():
            pm = next(p for p in postmortems if p.id == pm_id)
            service.sync_actions(pm, {i.action.id: i.fields() for i in items}, source="jira")
    assert saves == [SAMPLE_ID]


# Round trips: pmtui's export for a tracker, made into that tracker's export -----------


def _cleared(tmp_path: Path) -> Path:
    """The sample's items as work for a tracker: no references (the issues do not exist
    yet), the done one reopened (a tracker file leaves finished work out)."""
    return sample_database(tmp_path / "pm.json", untracked=True)


NEW_STATUS = {0: "Done", 1: "In Progress", 2: "Won't Do", 3: "To Do", 4: "Done"}


def test_round_trip_through_jira(run_cli, tmp_path: Path) -> None:
    db = _cleared(tmp_path)
    exported = run_cli("actions", "--db", db, "--format", "jira-csv").out
    table = list(csv.reader(io.StringIO(exported, newline="")))
    header, rows = table[0], table[1:]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    # What Jira's own CSV export of the imported issues looks like, statuses moved on.
    writer.writerow(
        ["Summary", "Issue key", "Issue id", "Status", "Resolution", "Resolved", "Description"]
    )
    for index, row in enumerate(rows):
        status = NEW_STATUS[index]
        resolution = {"Done": "Done", "Won't Do": "Won't Do"}.get(status, "")
        done = "05/Jan/27 4:10 PM" if resolution else ""
        if status == "Won't Do":
            status = "Closed"
        description = row[header.index("Description")]
        writer.writerow(
            [row[0], f"OPS-{index + 1}", str(10000 + index), status, resolution, done, description]
        )
    export = tmp_path / "jira-export.csv"
    export.write_text(out.getvalue(), encoding="utf-8")
    result = run_cli("actions", "sync", export, "--db", db)
    assert result.code == 0, result.err
    assert summary(result.err).endswith(
        "5 rows, 5 matched, 5 changed, 0 already current, 0 unmatched"
    )
    actions = list(saved(db).actions)
    assert [a.tracker for a in actions] == [f"OPS-{n}" for n in range(1, 6)]
    assert [a.status for a in actions] == [
        ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.WONT_DO,
        ActionStatus.OPEN, ActionStatus.DONE,
    ]  # fmt: skip
    assert actions[0].completed_on == date(2027, 1, 5)
    again = run_cli("actions", "sync", export, "--db", db)
    assert "0 changed, 5 already current" in summary(again.err)
    # Done now, and in a tracker: the next tracker file has nothing left to create.
    left = run_cli("actions", "--db", db, "--format", "jira-csv")
    assert len(list(csv.reader(io.StringIO(left.out, newline="")))) == 1  # the header only
    assert (
        left.err.strip() == "0 items to create; left out: 3 done or dropped, 2 already in a tracker"
    )


def test_round_trip_through_linear(run_cli, tmp_path: Path) -> None:
    db = _cleared(tmp_path)
    exported = run_cli("actions", "--db", db, "--format", "linear-csv").out
    rows = list(csv.DictReader(io.StringIO(exported, newline="")))
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["ID", "Team", "Title", "Description", "Status", "Completed", "Canceled"])
    states = ["Done", "In Review", "Canceled", "Backlog", "Todo"]
    for index, row in enumerate(rows):
        completed = (
            "Tue Jan 05 2027 16:10:00 GMT+0000 (Coordinated Universal Time)" if index == 0 else ""
        )
        writer.writerow(
            [
                f"ENG-{index + 40}",
                "Engineering",
                row["Title"],
                row["Description"],
                states[index],
                completed,
                "",
            ]
        )
    export = tmp_path / "linear.csv"
    export.write_text(out.getvalue(), encoding="utf-8")
    result = run_cli("actions", "sync", export, "--db", db)
    assert result.code == 0, result.err
    actions = list(saved(db).actions)
    assert [a.tracker for a in actions] == [f"ENG-{n}" for n in range(40, 45)]
    assert [a.status for a in actions] == [
        ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.WONT_DO,
        ActionStatus.OPEN, ActionStatus.OPEN,
    ]  # fmt: skip
    assert actions[0].completed_on == date(2027, 1, 5)


def test_round_trip_through_github(run_cli, tmp_path: Path) -> None:
    db = _cleared(tmp_path)
    script = run_cli("actions", "--db", db, "--format", "github-script").out
    bodies = [line for line in script.splitlines() if "pmtui-action:" in line]
    issues = []
    for number, line in enumerate(bodies, start=7):
        marker = line.split("pmtui-action: ")[1].split("'")[0]
        closed = number == 7
        issues.append({
            "number": number, "title": "t", "state": "CLOSED" if closed else "OPEN",
            "closedAt": "2027-01-05T16:10:00Z" if closed else None,
            "url": f"https://github.com/acme/edge/issues/{number}",
            "body": f"text\n\npmtui-action: {marker}",
        })  # fmt: skip
    export = tmp_path / "issues.json"
    export.write_text(json.dumps(issues), encoding="utf-8")
    result = run_cli("actions", "sync", export, "--db", db)
    assert result.code == 0, result.err
    actions = list(saved(db).actions)
    assert actions[0].tracker == "https://github.com/acme/edge/issues/7"
    assert (actions[0].status, actions[0].completed_on) == (ActionStatus.DONE, date(2027, 1, 5))
    # OPEN on GitHub: an item in progress stays in progress, an open one stays open.
    assert actions[1].status == ActionStatus.IN_PROGRESS
    assert actions[3].status == ActionStatus.OPEN


# Bad files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "options", "says"),
    [
        (b"\xff\xfe\x00binary", (), "not a UTF-8 text file"),
        (b"", (), "is empty: export the issues from the tracker again"),
        (b" \r\n\n", ("--from", "jira"), "is empty: export the issues"),
        (b"name,age\nx,1\n", (), "name one with --from"),
        (b'{"number": 1}', ("--from", "github"), "not a JSON array"),
        (b"[1, 2", ("--from", "github"), "not JSON from `gh issue list --json`"),
        (b"Summary,Issue key\nx,OPS-1\n", (), "has no 'Status' column"),
        (b'Issue key,Status\n"OPS-1,Done\n', (), "not a readable Jira CSV export"),
        (b"[]", ("--from", "jira"), "has no 'Issue key' column"),
    ],
)
def test_a_bad_file_gets_one_clear_line(
    run_cli, tmp_path: Path, content: bytes, options: tuple[str, ...], says: str
) -> None:
    db = sample_database(tmp_path / "pm.json")
    before = db.read_bytes()
    bad = tmp_path / "export.csv"
    bad.write_bytes(content)
    result = run_cli("actions", "sync", bad, "--db", db, *options)
    assert result.code == 1
    assert result.err.startswith(f"pmtui: error: {bad}: ")
    assert says in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert db.read_bytes() == before


@pytest.mark.parametrize("name", ["missing.csv", "."])
def test_a_missing_file_or_a_folder_is_refused(run_cli, tmp_path: Path, name: str) -> None:
    db = sample_database(tmp_path / "pm.json")
    result = run_cli("actions", "sync", tmp_path / name, "--db", db)
    assert result.code == 1
    assert result.err.startswith("pmtui: error: ")


def test_keys_in_hostile_cells_are_skipped_not_written(run_cli, tmp_path: Path) -> None:
    db = sample_database(tmp_path / "pm.json", trackers={"act-breakglass": ""})
    export = tmp_path / "jira.csv"
    export.write_text(
        "Issue key,Status,Description\r\n"
        '"OPS-1\x1b[31m",Done,"pmtui-action: pm-2025-03-19-api-tls/act-breakglass"\r\n'
        '"=HYPERLINK(""x"")",Done,\r\n',
        encoding="utf-8",
    )
    result = run_cli("actions", "sync", export, "--db", db)
    assert result.code == 0, result.err
    assert "2 rows, 0 matched" in summary(result.err)
    assert "\x1b" not in result.out
    assert saved_actions(db)["act-breakglass"].tracker == ""


# Fuzz: hostile text in every cell ---------------------------------------------------

_KEYS = st.sampled_from(["OPS-1423", "OPS-1424", "ops-1425", "OPS-1427", "OPS-9", ""])
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_CELL = st.one_of(
    _TEXT, st.sampled_from(["Done", "Closed", "Won't Do", "In Progress", "=1+1", "@SUM(A1)"])
)
_ROW = st.tuples(
    st.one_of(_KEYS, _TEXT),
    _CELL,
    _CELL,
    _CELL,
    st.one_of(_CELL, _TEXT.map(lambda t: f"pmtui-action: {SAMPLE_ID}/act-breakglass {t}")),
)


def _sync_in(folder: str, raw: bytes, source: str) -> None:
    """Sync `raw` into a fresh sample database; every saved record must still be sound."""
    db = sample_database(Path(folder) / "pm.json", trackers={"act-breakglass": ""})
    try:
        export = read_export(raw, source)
    except TrackerFileError:
        return  # refused in one line, nothing written
    with PostMortemService(open_store(db)) as service:
        postmortems, _ = service.readable_postmortems()
        plan = build_plan(export, postmortems, service.today())
        for pm_id, items in plan.by_postmortem().items():
            pm = next(p for p in postmortems if p.id == pm_id)
            service.sync_actions(pm, {i.action.id: i.fields() for i in items}, source=source)
    assert plan.matched + len(plan.unmatched) <= len(export.issues)
    for action in saved(db).actions:  # the store checks every record as it loads
        assert (
            action.tracker == ""
            or KEY.fullmatch(action.tracker)
            or action.tracker.startswith(("#", "https://", "http://"))
        )
        assert action.tracker.isprintable()
        assert (action.completed_on is not None) <= (action.status == ActionStatus.DONE)


def _csv(header: list[str], rows: list[tuple[str, ...]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


_SLOW = settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@_SLOW
@given(rows=st.lists(_ROW, max_size=8))
def test_hostile_jira_exports_never_crash_nor_write_a_bad_record(
    rows: list[tuple[str, ...]],
) -> None:
    raw = _csv(["Issue key", "Status", "Resolution", "Resolved", "Description"], rows)
    with tempfile.TemporaryDirectory() as folder:
        _sync_in(folder, raw, "jira")


@_SLOW
@given(rows=st.lists(_ROW, max_size=8))
def test_hostile_linear_exports_never_crash_nor_write_a_bad_record(
    rows: list[tuple[str, ...]],
) -> None:
    raw = _csv(["ID", "Status", "Canceled", "Completed", "Description"], rows)
    with tempfile.TemporaryDirectory() as folder:
        _sync_in(folder, raw, "linear")


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=6,
)
_ISSUE = st.fixed_dictionaries(
    {},
    optional={
        "number": st.one_of(st.integers(-5, 200), _JSON),
        "state": st.one_of(st.sampled_from(["OPEN", "CLOSED", "open", "merged"]), _JSON),
        "stateReason": st.one_of(st.sampled_from(["COMPLETED", "NOT_PLANNED"]), _JSON),
        "closedAt": st.one_of(st.sampled_from(["2027-01-05T16:10:00Z", "yesterday"]), _JSON),
        "url": st.one_of(st.just("https://github.com/acme/edge/issues/101"), _JSON),
        "body": st.one_of(st.just(f"pmtui-action: {SAMPLE_ID}/act-breakglass"), _JSON),
    },
)


@_SLOW
@given(items=st.lists(st.one_of(_ISSUE, _JSON), max_size=8))
def test_hostile_github_json_never_crashes_nor_writes_a_bad_record(items: list[object]) -> None:
    raw = json.dumps(items).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        _sync_in(folder, raw, "github")


# Found by mock session 40c ------------------------------------------------------------------


def test_a_sync_that_changes_nothing_writes_nothing(run_cli, tmp_path: Path) -> None:
    """Every item already current was stamped again, so a cron'd sync in a team folder made
    a commit each run; a sync that changes nothing now leaves the file as it was."""
    db = sample_database(tmp_path / "pm.json")
    run_cli("actions", "sync", FIXTURES / "jira_export.csv", "--db", db)
    before = db.read_bytes()
    result = run_cli("actions", "sync", FIXTURES / "jira_export.csv", "--db", db)
    assert result.code == 0 and "0 changed, 4 already current" in summary(result.err)
    assert db.read_bytes() == before


def test_a_done_date_written_in_a_form_not_read_leaves_the_item_as_it_is(
    run_cli, tmp_path: Path
) -> None:
    """Jira's "12/02/2026 10:15" (the exporter's locale: December or February?) was stored
    as done today, a completion date the tracker never said."""
    db = sample_database(tmp_path / "pm.json")
    export = tmp_path / "jira.csv"
    export.write_text(
        "Issue key,Status,Resolved\nOPS-1424,Done,12/02/2026 10:15\nOPS-1425,Done,2 Dec 2026\n"
    )
    before = saved_actions(db)["act-alert-routing"]
    result = run_cli("actions", "sync", export, "--db", db)
    assert result.code == 0, result.err
    assert "done, on a date not understood, status left as is" in result.out
    assert f"{SAMPLE_ID}/act-alert-routing OPS-1424: '12/02/2026 10:15'" in result.out
    actions = saved_actions(db)
    assert actions["act-alert-routing"] == before
    assert actions["act-edge-probe"].completed_on == date(2026, 12, 2)  # a month in words


def test_an_item_done_on_a_date_not_read_is_still_linked_to_its_issue(
    run_cli, tmp_path: Path
) -> None:
    """Left unlinked, the next tracker file offered the item again: a second issue."""
    db = sample_database(tmp_path / "pm.json", untracked=True)
    export = tmp_path / "jira.csv"
    marker = f"pmtui-action: {SAMPLE_ID}/act-alert-routing"
    export.write_text(f'Issue key,Status,Resolved,Description\nOPS-9,Done,12/02/2026,"{marker}"\n')
    before = saved_actions(db)["act-alert-routing"]
    result = run_cli("actions", "sync", export, "--db", db)
    assert "4 rows" not in result.err and "1 matched, 1 changed" in summary(result.err)
    after = saved_actions(db)["act-alert-routing"]
    assert (after.status, after.completed_on) == (before.status, before.completed_on)
    assert after.tracker == "OPS-9"
    left = run_cli("actions", "--db", db, "--format", "jira-csv")
    assert "act-alert-routing" not in left.out


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2 Dec 2026", date(2026, 12, 2)),
        ("2 December 2026, 10:15", date(2026, 12, 2)),
        ("Dec 2, 2026", date(2026, 12, 2)),
        ("September 30 2026 4:10 PM", date(2026, 9, 30)),
        ("05/Jan/27 4:10 PM", date(2027, 1, 5)),
        ("12/02/2026 10:15", None),
        ("04.12.2026", None),
        ("yesterday", None),
        ("2 Decem 2026", date(2026, 12, 2)),
        ("2 Decx 2026", None),
        ("31 Feb 2026", None),
    ],
)
def test_tracker_dates_are_read_only_where_they_read_one_way(text: str, day: date | None) -> None:
    from pmtui.sync.readers import tracker_date

    assert tracker_date(text) == day


def _done_and_verified(db: Path, action_id: str, done_on: date, checked_on: date) -> None:
    """Mark one of the sample's items in `db` done on `done_on` and verified on `checked_on`."""
    from dataclasses import replace

    with PostMortemService(open_store(db)) as service:
        pm = service.get(SAMPLE_ID)
        done = replace(
            pm.action(action_id),
            status=ActionStatus.DONE,
            completed_on=done_on,
            verified_on=checked_on,
            verified_how="The drill paged the right team",
        )
        service.store.save(pm.with_action(done), pm)


def test_an_item_the_tracker_reopens_is_no_longer_verified(run_cli, tmp_path: Path) -> None:
    """A verified item reopened by the tracker kept "how we know it worked", and the
    document still listed it under "How we know they worked"."""
    db = sample_database(tmp_path / "pm.json")
    _done_and_verified(db, "act-renewal-alert", date(2025, 3, 24), date(2025, 4, 1))
    export = tmp_path / "jira.csv"
    export.write_text("Issue key,Status\nOPS-1423,Reopened\n")
    result = run_cli("actions", "sync", export, "--db", db)
    assert result.code == 0, result.err
    action = saved_actions(db)["act-renewal-alert"]
    assert (action.status, action.completed_on) == (ActionStatus.OPEN, None)
    assert (action.verified_on, action.verified_how) == (None, "")


def test_a_github_item_is_named_as_a_person_counts(run_cli, tmp_path: Path) -> None:
    """Mock 40c: the sixth object of the JSON was reported as "item 5"."""
    export = tmp_path / "issues.json"
    export.write_text(json.dumps([{"number": 1, "state": "OPEN"}, {"state": "OPEN"}]))
    db = sample_database(tmp_path / "pm.json")
    result = run_cli("actions", "sync", export, "--db", db, "--from", "github")
    assert "  item 2: no issue number" in result.out


def test_a_sync_never_puts_the_work_after_its_check(run_cli, tmp_path: Path) -> None:
    """Mock 41c: a tracker re-resolved on 11-20 moved a done item's date past its check of
    11-10, and the document read "done on 2026-11-20, verified on 2026-11-10"."""
    db = sample_database(tmp_path / "pm.json")
    _done_and_verified(db, "act-alert-routing", date(2026, 11, 2), date(2026, 11, 10))
    export = tmp_path / "jira.csv"
    export.write_text(
        "Issue key,Status,Resolution,Resolved\nOPS-1424,Done,Done,20/Nov/26 10:00 AM\n"
    )
    result = run_cli("actions", "sync", export, "--db", db)
    assert result.code == 0, result.err
    assert summary(result.err).startswith("Jira export") and " 1 row, " in summary(result.err)
    action = saved_actions(db)["act-alert-routing"]
    assert (action.completed_on, action.verified_on) == (date(2026, 11, 2), date(2026, 11, 10))


def test_an_owner_to_be_confirmed_names_nobody() -> None:
    """Mock 41c: "TBC" went to `gh --assignee=TBC`, which stopped the script half-way."""
    from pmtui.analysis.action_quality import names_no_owner
    from pmtui.export.trackers import assignee
    from pmtui.export.trackers.github import github_login

    assert names_no_owner("TBC") and names_no_owner(" tbc. ")
    assert assignee("TBC") == "" and github_login("TBC") == ""
    assert not names_no_owner("Tbcarter")


def test_a_team_folder_sync_says_what_it_wrote_and_what_another_pmtui_held(
    run_cli, run_pmtui, tmp_path: Path
) -> None:
    """Mock 41c: with one post-mortem open in the app, sync wrote the others, then said only
    "... is open in another pmtui": the changes it had made were reported nowhere."""
    import subprocess
    import sys
    from dataclasses import replace

    from tests.followup_support import sample
    from tests.test_cli_team import HOLDER

    team = tmp_path / "team"
    assert run_cli("init", team).code == 0
    with open_store(team) as store:
        store.create(sample())
        store.create(replace(sample(), id="pm-other"))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(team), "pm-other"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        result = run_pmtui("actions", "sync", FIXTURES / "jira_export.csv", "--db", team)
    finally:
        holder.communicate("\n", timeout=30)
    assert result.code == 1
    assert "pm-other.pmtui is open in another pmtui" in result.err
    assert "sync again once it is closed" in result.err
    written, held = result.out.split("not written (open in another pmtui):", 1)
    assert f"{SAMPLE_ID}/act-renewal-alert OPS-1423" in written.split("changed:", 1)[1]
    assert "pm-other/act-renewal-alert OPS-1423" in held
    assert "2 changed, 2 not written, " in summary(result.err)
    assert saved_actions(team)["act-renewal-alert"].completed_on == date(2025, 3, 24)
    assert saved_actions(team, "pm-other")["act-renewal-alert"].completed_on != date(2025, 3, 24)
