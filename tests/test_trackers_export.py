"""`pmtui actions --format jira-csv|linear-csv|github-script`: what each tracker's own
importer takes, a link back to the post-mortem, cells no spreadsheet runs, and a `gh`
script whose values never execute, run against a fake `gh` that records its argv."""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import stat
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmtui.analysis.followup import ActionRow
from pmtui.export.trackers import issue_description, issue_title
from pmtui.export.trackers.github import github_script
from pmtui.export.trackers.jira import jira_csv
from pmtui.export.trackers.linear import linear_csv
from pmtui.model.enums import ActionType, Priority, Severity
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import ActionItem, optional_text, require_text
from pmtui.model.text import visible
from pmtui.store import PostMortemStore, open_store
from tests.conftest import examples
from tests.followup_support import sample
from tests.trackers_support import SAMPLE_ID, new_work, sample_database

HOSTILE = "$(touch PWNED) `touch PWNED2`; touch PWNED3 && echo 'x' \"y\" $HOME \\ --repo=evil/x"


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_jira_csv_has_the_importers_columns_and_default_date_format(run_cli, tmp_path) -> None:
    db = sample_database(tmp_path / "pm.json", untracked=True)
    result = run_cli("actions", "--db", db, "--format", "jira-csv")
    assert result.code == 0, result.err
    table = rows(result.out)
    assert table[0] == [
        "Summary", "Issue Type", "Status", "Description", "Assignee", "Due Date", "Priority",
        "Labels", "Labels", "Labels",
    ]  # fmt: skip
    first = dict(zip(table[0][:7], table[1][:7], strict=True))
    assert first["Due Date"] == "26/Mar/25 12:00 AM"  # the importer's dd/MMM/yy h:mm a
    assert first["Priority"] == "Highest"  # P1
    assert first["Assignee"] == "Jonas Weber"
    assert table[1][7:] == ["postmortem", f"pmtui-{SAMPLE_ID}", "detect"]
    # Mock 41c: without a status, an item in progress went in as To Do, and the first sync
    # moved it back to open.
    statuses = {row[0][:20]: row[2] for row in table[1:]}
    assert set(statuses.values()) == {"To Do", "In Progress"}
    assert f"pmtui-action: {SAMPLE_ID}/act-renewal-alert" in first["Description"]
    assert len(table) == 6
    assert result.out.endswith("\r\n")


def test_linear_csv_has_the_importers_columns(run_cli, tmp_path) -> None:
    db = sample_database(tmp_path / "pm.json", untracked=True)
    result = run_cli("actions", "--db", db, "--format", "linear-csv")
    assert result.code == 0, result.err
    table = rows(result.out)
    assert table[0] == [
        "Title",
        "Description",
        "Priority",
        "Status",
        "Assignee",
        "Labels",
        "Due Date",
    ]
    first = dict(zip(table[0], table[1], strict=True))
    assert (first["Priority"], first["Status"], first["Due Date"]) == (
        "Urgent",
        "Todo",
        "2025-03-26",
    )
    assert first["Labels"] == "postmortem, detect"


@pytest.mark.parametrize("kind", ["jira-csv", "linear-csv"])
def test_link_back_to_the_document_from_the_option(run_cli, tmp_path, kind: str) -> None:
    db = sample_database(tmp_path / "pm.json", untracked=True)
    base = "https://git.example.com/ops/pm/blob/main/postmortems"
    result = run_cli("actions", "--db", db, "--format", kind, "--link-base", base)
    assert result.code == 0, result.err
    table = rows(result.out)
    description = table[1][table[0].index("Description")]
    assert f"Post-mortem document: {base}/{SAMPLE_ID}.md" in description
    assert 'From the post-mortem "Public API unreachable' in description


def test_link_base_from_the_team_folders_setting(run_cli, tmp_path) -> None:
    team = tmp_path / "team"
    assert run_cli("init", team).code == 0
    settings = team / "pmtui-team.json"
    document = json.loads(settings.read_text())
    settings.write_text(json.dumps({**document, "base_url": "https://docs.example.com/pm/{id}"}))
    with open_store(team) as store:
        store.create(new_work(sample()))
    result = run_cli("actions", "--db", team, "--format", "jira-csv")
    assert result.code == 0, result.err
    assert f"Post-mortem document: https://docs.example.com/pm/{SAMPLE_ID}" in result.out


@pytest.mark.parametrize("base", ["javascript:alert(1)", "file:///etc/passwd", "https://x y"])
def test_a_link_base_that_is_no_web_address_is_refused(run_cli, tmp_path, base: str) -> None:
    db = sample_database(tmp_path / "pm.json")
    result = run_cli("actions", "--db", db, "--format", "linear-csv", "--link-base", base)
    assert result.code == 1
    assert result.err.startswith("pmtui: error: --link-base: ")
    assert result.out == ""


def hostile_database(path: Path) -> Path:
    pm = new_work(sample())
    first = replace(pm.actions[0], text="=cmd|' /C calc'!A0 " + HOSTILE, owner="@evil; rm -rf ~")
    second = replace(pm.actions[1], text="-" + HOSTILE, owner="+SUM(A1)", kind=ActionType.PREVENT)
    pm = replace(pm, title="@" + HOSTILE, actions=(first, second))
    with PostMortemStore.open(path) as store:
        store.create(pm)
    return path


@pytest.mark.parametrize("kind", ["jira-csv", "linear-csv"])
def test_no_cell_starts_a_formula(run_cli, tmp_path, kind: str) -> None:
    db = hostile_database(tmp_path / "pm.json")
    result = run_cli("actions", "--db", db, "--format", kind)
    assert result.code == 0, result.err
    cells = [cell for row in rows(result.out)[1:] for cell in row]
    assert cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=cmd|' /C calc'!A0" in result.out


def fake_gh(folder: Path) -> Path:
    """A `gh` that appends its argv, as JSON, to $GH_LOG: what the script really passed."""
    folder.mkdir()
    gh = folder / "gh"
    gh.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        "with open(os.environ['GH_LOG'], 'a') as log:\n"
        "    log.write(json.dumps(sys.argv[1:]) + '\\n')\n"
    )
    gh.chmod(gh.stat().st_mode | stat.S_IXUSR)
    return folder


def test_github_script_passes_hostile_text_as_plain_values(run_pmtui, tmp_path) -> None:
    db = hostile_database(tmp_path / "pm.json")
    script = tmp_path / "issues.sh"
    result = run_pmtui("actions", "--db", db, "--format", "github-script", "-o", script)
    assert result.code == 0, result.err
    work = tmp_path / "work"
    work.mkdir()
    log = tmp_path / "gh.log"
    bin_dir = fake_gh(tmp_path / "bin")
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "GH_LOG": str(log)}
    done = subprocess.run(
        ["sh", str(script)], cwd=work, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert list(work.iterdir()) == []  # no PWNED file: nothing in a value ran
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    creates = [call for call in calls if call[:2] == ["issue", "create"]]
    assert len(creates) == 2
    first, second = creates
    assert first[2] == "--title=" + "=cmd|' /C calc'!A0 " + HOSTILE
    assert second[2] == "--title=-" + HOSTILE
    body = next(word for word in first if word.startswith("--body="))
    assert f"pmtui-action: {SAMPLE_ID}/" in body
    assert "(id pm-2025-03-19-api-tls)" in body
    # Neither owner is a GitHub login: no --assignee, the owner is named in the body.
    assert not [word for call in creates for word in call if word.startswith("--assignee")]
    assert "Owner: @evil; rm -rf ~" in body
    assert ["label", "create", "postmortem", "--force"] in calls
    assert second[-2:] == ["--label=postmortem", "--label=prevent"]


def test_github_script_assigns_owners_that_are_logins(run_cli, tmp_path) -> None:
    pm = new_work(sample())
    pm = replace(pm, actions=(replace(pm.actions[0], owner="@jweber", priority=Priority.P2),))
    db = tmp_path / "pm.json"
    with PostMortemStore.open(db) as store:
        store.create(pm)
    result = run_cli("actions", "--db", db, "--format", "github-script")
    assert result.code == 0, result.err
    assert " --assignee=jweber --label=postmortem" in result.out
    assert result.out.startswith("#!/bin/sh\n")


def test_a_long_action_text_makes_a_title_the_trackers_take(run_cli, tmp_path) -> None:
    pm = new_work(sample())
    long_text = "Rotate every token " + "and check it again " * 30
    pm = replace(pm, actions=(replace(pm.actions[0], text=long_text, due=date(2027, 1, 5)),))
    db = tmp_path / "pm.json"
    with PostMortemStore.open(db) as store:
        store.create(pm)
    table = rows(run_cli("actions", "--db", db, "--format", "jira-csv").out)
    assert len(table[1][0]) <= 250 and table[1][0].endswith("…")
    assert table[1][3].startswith(long_text.strip())  # the whole text in the description
    assert table[1][5] == "05/Jan/27 12:00 AM"


def test_output_file_and_filters_apply(run_cli, tmp_path) -> None:
    db = sample_database(tmp_path / "pm.json", untracked=True)
    out = tmp_path / "jira.csv"
    result = run_cli("actions", "--db", db, "--owner", "Jonas", "--format", "jira-csv", "-o", out)
    assert result.code == 0, result.err
    table = rows(out.read_text(encoding="utf-8"))
    assert len(table) > 1 and all(row[4] == "Jonas Weber" for row in table[1:])


def test_link_base_without_a_tracker_format_is_refused(run_cli, tmp_path) -> None:
    db = sample_database(tmp_path / "pm.json")
    result = run_cli("actions", "--db", db, "--csv", "--link-base", "https://x.example")
    assert result.code == 1
    assert "add --format" in result.err


def test_turning_markdown_copies_on_keeps_the_base_url(run_cli, tmp_path) -> None:
    team = tmp_path / "team"
    assert run_cli("init", team).code == 0
    settings = team / "pmtui-team.json"
    document = {**json.loads(settings.read_text()), "base_url": "https://docs.example.com/pm"}
    settings.write_text(json.dumps(document))
    assert run_cli("init", team, "--markdown").code == 0
    kept = json.loads(settings.read_text())
    assert (kept["markdown"], kept["base_url"]) == (True, "https://docs.example.com/pm")


# Property: whatever the texts, cells stay text and script words stay the values --------

_HOSTILE_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


def _row(text: str, owner: str, title: str) -> ActionRow:
    action = ActionItem(
        id="a1",
        text=require_text(text, "text", "text"),
        owner=optional_text(owner, "owner"),
        kind=ActionType.DETECT,
    )
    return ActionRow("pm-1", optional_text(title, "title"), Severity.SEV2, action, False)


@settings(max_examples=examples(100), deadline=None)
@given(text=_HOSTILE_TEXT.filter(str.strip), owner=_HOSTILE_TEXT, title=_HOSTILE_TEXT)
def test_hostile_texts_stay_values_in_every_tracker_file(text: str, owner: str, title: str) -> None:
    try:
        row = _row(text, owner, title)
    except ValidationError:
        return  # the model refused it at its door; no file would ever hold it
    for writer in (jira_csv, linear_csv):
        cells = [cell for line in rows(writer([row]))[1:] for cell in line if cell]
        assert not [cell for cell in cells if cell[0] in ("=", "+", "-", "@", "\t", "\r")]
    script = github_script([row])
    # The last command, read as sh reads it: the words after `gh issue create`.
    [create] = [shlex.split(chunk) for chunk in script.split("\ngh issue create ")[1:]]
    assert create[0] == "--title=" + issue_title(visible(row.action.text))
    assert create[1] == "--body=" + visible(issue_description(row, ""))
    assert create[-1] == "--label=detect"
    assert all(word.startswith("--") for word in create)


def test_an_owner_who_names_nobody_is_assigned_to_nobody(run_cli, tmp_path) -> None:
    """Mock 40c: "TBD" went to Jira and Linear as the assignee and to `gh --assignee=TBD`,
    which GitHub refuses, stopping the script half-way; "@octo-sre" reached Jira as the
    text "'@octo-sre"."""
    pm = new_work(sample())
    first, second = pm.actions[:2]
    pm = replace(pm, actions=(replace(first, owner="TBD"), replace(second, owner="@octo-sre")))
    db = tmp_path / "pm.json"
    with PostMortemStore.open(db) as store:
        store.create(pm)
    for kind, column in (("jira-csv", "Assignee"), ("linear-csv", "Assignee")):
        table = rows(run_cli("actions", "--db", db, "--format", kind).out)
        assignees = [row[table[0].index(column)] for row in table[1:]]
        assert assignees == ["", "octo-sre"], kind
    script = run_cli("actions", "--db", db, "--format", "github-script").out
    assert "--assignee=TBD" not in script and " --assignee=octo-sre " in script


def test_finished_and_tracked_items_stay_out_of_a_tracker_file(run_cli, tmp_path) -> None:
    """Mock 40c: a done item went into Jira as a new To Do issue, and the next sync reopened
    it and lost its completion date; items already in a tracker went in a second time."""
    db = sample_database(tmp_path / "pm.json")  # OPS-1423..OPS-1427, the first one done
    for kind in ("jira-csv", "linear-csv", "github-script"):
        result = run_cli("actions", "--db", db, "--format", kind)
        assert result.code == 0, result.err
        assert "pmtui-action:" not in result.out, kind
        assert result.err.strip() == (
            "0 items to create; left out: 1 done or dropped, 4 already in a tracker"
        )
