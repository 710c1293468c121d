"""The team commands through the real CLI: `init` (with real git), every command on `--db
FOLDER`, `convert` both ways losslessly, and `set` through the workspace's validation."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmtui.model.codec import postmortem_to_dict
from pmtui.model.postmortem import PostMortem
from pmtui.store import FolderStore, PostMortemStore
from tests.conftest import CliResult, RunCli, examples
from tests.test_cli import assert_one_line_error
from tests.test_interchange_roundtrip import post_mortems

SAMPLE_ID = "pm-2025-03-19-api-tls"


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, check=True, capture_output=True, text=True
    ).stdout.strip()


def snapshot(root: Path) -> dict[str, str]:
    """Every file under `root` (git's config included) by its content hash."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def ok(result: CliResult) -> str:
    assert result.code == 0, result
    assert "Traceback" not in result.err
    return result.out


@pytest.fixture
def team(tmp_path: Path, run_cli: RunCli) -> Path:
    folder = tmp_path / "team"
    ok(run_cli("init", folder))
    return folder


# init ------------------------------------------------------------------------------------


def test_init_in_a_git_repo_makes_the_layout_and_registers_the_driver(
    tmp_path: Path, run_pmtui: RunCli
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".gitignore").write_text("uv.lock-stays\nbuild/")  # no final newline
    out = ok(run_pmtui("init", repo))
    assert "merge.pmtui.driver" in out
    assert orjson.loads((repo / "pmtui-team.json").read_bytes()) == {
        "format": "pmtui-team/1",
        "markdown": False,
    }
    assert (repo / "postmortems").is_dir()
    assert "postmortems/*.pmtui merge=pmtui" in (repo / ".gitattributes").read_text().splitlines()
    assert (repo / ".gitignore").read_text().splitlines() == [
        "uv.lock-stays",
        "build/",
        "postmortems/*.pmtui.lock",
        ".*.tmp",
        ".pmtui-cache/",
    ]
    assert git(repo, "config", "merge.pmtui.name") == "pmtui post-mortem merge"
    driver = git(repo, "config", "merge.pmtui.driver")
    # The interpreter that ran `pmtui init` (python or python3 of the same environment).
    interpreter, _, command = driver.partition(" -m ")
    assert command == "pmtui merge-driver %O %A %B %P"
    assert Path(interpreter).resolve() == Path(sys.executable).resolve()
    assert git(repo, "check-attr", "merge", "postmortems/x.pmtui").endswith("merge: pmtui")
    assert git(repo, "check-ignore", "postmortems/x.pmtui.lock", ".pmtui-cache/s.json")
    assert subprocess.run(["git", "check-ignore", "-q", "uv.lock"], cwd=repo).returncode == 1

    before = snapshot(repo)
    second = ok(run_pmtui("init", repo))
    assert second.strip().endswith("nothing to do")
    assert snapshot(repo) == before


def test_init_repairs_only_what_is_missing(tmp_path: Path, run_cli: RunCli) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    ok(run_cli("init", repo))
    (repo / ".gitattributes").write_text("*.png binary\n*.pmtui text eol=lf\n")
    git(repo, "config", "--unset", "merge.pmtui.name")
    out = ok(run_cli("init", repo))
    assert "postmortems/*.pmtui merge=pmtui" in out and "merge.pmtui.name" in out
    assert "merge.pmtui.driver" not in out
    assert (repo / ".gitattributes").read_text() == (
        "*.png binary\n*.pmtui text eol=lf\npostmortems/*.pmtui merge=pmtui\n"
        "postmortems/*.md merge=pmtui\nattachments/* binary\n"
    )
    assert git(repo, "config", "merge.pmtui.name") == "pmtui post-mortem merge"


def test_init_outside_git_says_it_skipped_the_driver(tmp_path: Path, run_cli: RunCli) -> None:
    out = ok(run_cli("init", tmp_path / "team", cwd=tmp_path))
    assert "not inside a git work tree" in out
    assert (tmp_path / "team" / "pmtui-team.json").is_file()


def test_init_refuses_a_file_and_a_database_file(
    tmp_path: Path, run_cli: RunCli, env_db: Path
) -> None:
    plain = tmp_path / "notes.txt"
    plain.write_text("mine\n")
    assert_one_line_error(run_cli("init", plain), "is a file, not a folder")
    assert plain.read_text() == "mine\n"
    ok(run_cli("new", "An incident"))
    before = env_db.read_bytes()
    assert_one_line_error(run_cli("init", env_db), "convert --to FOLDER")
    assert env_db.read_bytes() == before


def test_init_markdown_is_a_setting(tmp_path: Path, run_cli: RunCli) -> None:
    ok(run_cli("init", tmp_path / "team", "--markdown"))
    settings_file = orjson.loads((tmp_path / "team" / "pmtui-team.json").read_bytes())
    assert settings_file["markdown"] is True
    pm_id = ok(run_cli("--db", tmp_path / "team", "new", "With Markdown")).strip()
    assert (
        (tmp_path / "team" / "postmortems" / f"{pm_id}.md")
        .read_text()
        .startswith("# With Markdown")
    )


# every command on a folder ---------------------------------------------------------------


def test_every_command_works_on_a_team_folder(
    team: Path, run_cli: RunCli, sample_path: Path, tmp_path: Path
) -> None:
    db = ("--db", team)
    pm_id = ok(run_cli(*db, "import", sample_path)).strip()
    assert (team / "postmortems" / f"{pm_id}.pmtui").is_file()
    new_id = ok(run_cli(*db, "new", "Second incident", "--date", "2025-01-02")).strip()
    listed = orjson.loads(ok(run_cli(*db, "list", "--json")))
    assert {row["id"] for row in listed} == {pm_id, new_id}
    assert "Second incident" in ok(run_cli(*db, "list"))
    exported = orjson.loads(ok(run_cli(*db, "export", pm_id, "--format", "json")))
    assert exported["title"] == orjson.loads(sample_path.read_bytes())["title"]
    assert run_cli(*db, "check", pm_id).code in (0, 1)
    assert orjson.loads(ok(run_cli(*db, "actions", "--json")))
    log = tmp_path / "events.log"
    log.write_text("2025-03-19T07:10:00Z api-gateway: 5xx rate above 20%\n")
    ok(run_cli(*db, "timeline", "import", new_id, log, "--format", "log", "--tz", "UTC"))
    assert "5xx rate" in (team / "postmortems" / f"{new_id}.pmtui").read_text()
    ok(run_cli(*db, "delete", new_id, "--yes"))
    assert not (team / "postmortems" / f"{new_id}.pmtui").exists()


def test_one_damaged_file_is_named_and_the_others_still_listed(
    team: Path, run_cli: RunCli, sample_path: Path
) -> None:
    db = ("--db", team)
    good = ok(run_cli(*db, "import", sample_path)).strip()
    bad = ok(run_cli(*db, "new", "Disk full on db-3")).strip()
    damaged = team / "postmortems" / f"{bad}.pmtui"
    damaged.write_text("{broken")

    listed = run_cli(*db, "list")
    assert listed.code == 1
    assert good in listed.out and bad not in listed.out
    (line,) = listed.err.splitlines()
    assert line.startswith("pmtui: error: ") and str(damaged) in line and "damaged" in line
    as_json = run_cli(*db, "list", "--json")
    assert as_json.code == 1 and str(damaged) in as_json.err
    assert [row["id"] for row in orjson.loads(as_json.out)] == [good]
    # The damaged post-mortem itself is refused by name, never read as something else.
    assert_one_line_error(run_cli(*db, "export", bad), str(damaged))
    assert_one_line_error(run_cli(*db, "set", bad, "title", "Fixed"), str(damaged))
    assert damaged.read_text() == "{broken"


def test_one_damaged_file_does_not_hide_the_others_actions(
    team: Path, run_cli: RunCli, sample_path: Path
) -> None:
    db = ("--db", team)
    good = ok(run_cli(*db, "import", sample_path)).strip()
    bad = ok(run_cli(*db, "new", "Disk full on db-3")).strip()
    damaged = team / "postmortems" / f"{bad}.pmtui"
    damaged.write_text("{broken")

    shown = run_cli(*db, "actions", "--json")
    assert shown.code == 1  # a script learns that one file was not read
    (line,) = shown.err.splitlines()
    assert line.startswith("pmtui: error: ") and str(damaged) in line
    actions = orjson.loads(shown.out)["actions"]
    assert len(actions) == 5 and {row["postmortem_id"] for row in actions} == {good}


def test_pmtui_db_may_name_a_team_folder(team: Path, run_cli: RunCli, sample_path: Path) -> None:
    pm_id = ok(run_cli("import", sample_path, env={"PMTUI_DB": str(team)})).strip()
    assert pm_id in ok(run_cli("list", env={"PMTUI_DB": str(team)}))


def test_list_counts_overdue_actions_and_skips_open_ones_without_a_deadline(
    team: Path, run_cli: RunCli, sample_path: Path, tmp_path: Path
) -> None:
    document = orjson.loads(sample_path.read_bytes())
    late = {**document["action_items"][0], "id": "late", "status": "open", "due": "2020-01-01"}
    late.pop("completed_on")
    undated = {**late, "id": "undated", "text": "Alert on certificate expiry"}
    undated.pop("due")
    document["action_items"] = [late, undated]
    source = tmp_path / "undated.json"
    source.write_bytes(orjson.dumps(document))
    ok(run_cli("--db", team, "import", source))
    (listed,) = orjson.loads(ok(run_cli("--db", team, "list", "--json")))
    assert (listed["open_actions"], listed["overdue_actions"]) == (2, 1)


def test_export_refuses_to_write_into_postmortems(
    team: Path, run_cli: RunCli, sample_path: Path
) -> None:
    pm_id = ok(run_cli("--db", team, "import", sample_path)).strip()
    file = team / "postmortems" / f"{pm_id}.pmtui"
    before = file.read_bytes()
    assert_one_line_error(
        run_cli("--db", team, "export", pm_id, "-o", file), "inside the team folder"
    )
    assert file.read_bytes() == before


def test_export_onto_the_team_folder_itself_is_refused_as_a_folder(
    team: Path, run_cli: RunCli, sample_path: Path
) -> None:
    pm_id = ok(run_cli("--db", team, "import", sample_path)).strip()
    for folder in (team, team / "postmortems"):
        message = assert_one_line_error(run_cli("--db", team, "export", pm_id, "-o", folder))
        assert message == f"pmtui: error: {folder} is a folder; give -o a file name"


def test_serve_confines_browser_sessions_to_the_team_folder(team: Path) -> None:
    from pmtui.cli.serve import workspace_command

    assert workspace_command(team).endswith(f"--db {team} --confine-to {team}")


def test_exports_may_not_replace_a_post_mortem_file(team: Path, tmp_path: Path) -> None:
    from pmtui.service import open_service

    service, _ = open_service(team)
    with service:
        assert service.is_store_file(team / "postmortems" / "x.pmtui")
        assert service.is_store_file(team / "postmortems" / ".." / "postmortems" / "y.md")
        assert not service.is_store_file(team / "docs" / "x.md")
        assert not service.is_store_file(tmp_path / "x.pmtui")


# convert ---------------------------------------------------------------------------------


def export_all(run_cli: RunCli, db: Path) -> dict[str, bytes]:
    ids = [row["id"] for row in orjson.loads(ok(run_cli("--db", db, "list", "--json")))]
    return {pm_id: ok(run_cli("--db", db, "export", pm_id, "--format", "json")) for pm_id in ids}


def test_convert_file_to_folder_and_back_is_lossless(
    tmp_path: Path, run_cli: RunCli, sample_path: Path
) -> None:
    single = tmp_path / "db.json"
    ok(run_cli("--db", single, "import", sample_path))
    ok(run_cli("--db", single, "new", "Empty one"))
    before = export_all(run_cli, single)
    folder = tmp_path / "team"
    ok(run_cli("--db", single, "convert", "--to", folder))
    assert export_all(run_cli, folder) == before
    back = tmp_path / "back.json"
    ok(run_cli("--db", folder, "convert", "--to", back))
    assert export_all(run_cli, back) == before


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pm=post_mortems(), pm_id=st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True))
def test_any_post_mortem_survives_file_folder_file(
    tmp_path_factory: pytest.TempPathFactory, pm: PostMortem, pm_id: str
) -> None:
    from dataclasses import replace

    from pmtui.cli import main

    pm = replace(pm, id=pm_id)
    root = tmp_path_factory.mktemp("convert")
    with PostMortemStore.open(root / "a.json") as store:
        store.create(pm)
    assert main(["--db", str(root / "a.json"), "convert", "--to", str(root / "team")]) == 0
    assert main(["--db", str(root / "team"), "convert", "--to", str(root / "b.json")]) == 0
    with FolderStore.open(root / "team", read_only=True) as store:
        assert postmortem_to_dict(store.load(pm_id)) == postmortem_to_dict(pm)
    with PostMortemStore.open(root / "b.json", read_only=True) as store:
        assert postmortem_to_dict(store.load(pm_id)) == postmortem_to_dict(pm)


def test_convert_never_overwrites(tmp_path: Path, run_cli: RunCli, sample_path: Path) -> None:
    single = tmp_path / "db.json"
    ok(run_cli("--db", single, "import", sample_path))
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "keep.txt").write_text("mine")
    assert_one_line_error(run_cli("--db", single, "convert", "--to", taken), "exists")
    other = tmp_path / "other.json"
    other.write_text("{}")
    folder = tmp_path / "team"
    ok(run_cli("--db", single, "convert", "--to", folder))
    assert_one_line_error(run_cli("--db", folder, "convert", "--to", other), "exists")
    assert other.read_text() == "{}" and (taken / "keep.txt").read_text() == "mine"


def markdown_copies(folder: Path) -> list[str]:
    return sorted(path.name for path in (folder / "postmortems").glob("*.md"))


def test_convert_markdown_makes_a_folder_with_markdown_copies_and_its_copy_keeps_them(
    tmp_path: Path, run_cli: RunCli, sample_path: Path
) -> None:
    single = tmp_path / "db.json"
    pm_id = ok(run_cli("--db", single, "import", sample_path)).strip()
    team = tmp_path / "team"
    said = ok(run_cli("--db", single, "convert", "--to", team, "--markdown"))
    assert "team folder (with Markdown copies)" in said
    assert markdown_copies(team) == [f"{pm_id}.md"]
    # A team folder copied into an empty folder stays a team folder, Markdown copies and all.
    copy = tmp_path / "copy"
    copy.mkdir()
    said = ok(run_cli("--db", team, "convert", "--to", copy))
    assert "team folder (with Markdown copies)" in said
    assert orjson.loads((copy / "pmtui-team.json").read_bytes())["markdown"] is True
    assert markdown_copies(copy) == [f"{pm_id}.md"]
    assert (copy / "postmortems" / f"{pm_id}.md").read_bytes() == (
        team / "postmortems" / f"{pm_id}.md"
    ).read_bytes()
    assert export_all(run_cli, copy) == export_all(run_cli, single)
    ok(run_cli("--db", copy, "set", pm_id, "title", "Renamed in the copy"))
    assert "Renamed in the copy" in (copy / "postmortems" / f"{pm_id}.md").read_text()


def test_convert_into_a_folder_init_made_keeps_its_markdown_setting(
    tmp_path: Path, run_cli: RunCli, sample_path: Path
) -> None:
    single = tmp_path / "db.json"
    pm_id = ok(run_cli("--db", single, "import", sample_path)).strip()
    team = tmp_path / "team"
    ok(run_cli("init", team, "--markdown"))
    ok(run_cli("--db", single, "convert", "--to", team))
    assert orjson.loads((team / "pmtui-team.json").read_bytes())["markdown"] is True
    assert markdown_copies(team) == [f"{pm_id}.md"]
    # Once it holds a post-mortem, it is never converted into again.
    assert_one_line_error(run_cli("--db", single, "convert", "--to", team), "exists")


def test_convert_from_a_folder_to_a_new_path_is_a_file_and_refuses_markdown(
    tmp_path: Path, run_pmtui: RunCli, sample_path: Path
) -> None:
    team = tmp_path / "team"
    ok(run_pmtui("init", team, "--markdown"))
    ok(run_pmtui("--db", team, "import", sample_path))
    target = tmp_path / "back.json"
    assert_one_line_error(
        run_pmtui("--db", team, "convert", "--to", target, "--markdown"), "--markdown"
    )
    assert not target.exists()
    assert "database file" in ok(run_pmtui("--db", team, "convert", "--to", target))
    assert target.is_file()


def test_convert_refuses_an_id_that_cannot_be_a_file_name(
    tmp_path: Path, run_cli: RunCli, sample_path: Path
) -> None:
    from pmtui.model.codec import postmortem_from_dict

    document = orjson.loads(sample_path.read_bytes())
    single = tmp_path / "db.json"
    with PostMortemStore.open(single) as store:
        store.create(postmortem_from_dict({**document, "id": "../../escape"}))
    assert_one_line_error(
        run_cli("--db", single, "convert", "--to", tmp_path / "team"), "cannot be a file name"
    )
    assert not (tmp_path / "team").exists()
    assert not list(tmp_path.rglob("escape*"))


# set -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_set_changes_header_and_narrative_fields(
    tmp_path: Path, run_cli: RunCli, sample_path: Path, kind: str
) -> None:
    db = tmp_path / ("db.json" if kind == "file" else "team")
    if kind == "folder":
        ok(run_cli("init", db))
    pm_id = ok(run_cli("--db", db, "import", sample_path)).strip()
    ok(run_cli("--db", db, "set", pm_id, "title", "Renamed outage"))
    ok(run_cli("--db", db, "set", pm_id, "severity", "sev1"))
    ok(run_cli("--db", db, "set", pm_id, "attendees", "Ana, Bo"))
    ok(run_cli("--db", db, "set", pm_id, "summary", "-", stdin="First line\nSecond line\n"))
    exported = orjson.loads(ok(run_cli("--db", db, "export", pm_id, "--format", "json")))
    assert exported["title"] == "Renamed outage"
    assert exported["severity"] == "SEV1"
    assert exported["attendees"] == ["Ana", "Bo"]
    assert exported["summary"] == "First line\nSecond line"


def test_set_refuses_unknown_fields_and_bad_values(team: Path, run_cli: RunCli) -> None:
    pm_id = ok(run_cli("--db", team, "new", "An incident")).strip()
    error = assert_one_line_error(run_cli("--db", team, "set", pm_id, "colour", "red"))
    assert "title, severity, status" in error and "customer_message" in error
    assert_one_line_error(run_cli("--db", team, "set", pm_id, "severity", "SEV9"), "severity")
    assert_one_line_error(run_cli("--db", team, "set", pm_id, "title", "  "), "title")


def test_set_status_published_follows_the_readiness_rule(team: Path, run_cli: RunCli) -> None:
    pm_id = ok(run_cli("--db", team, "new", "An incident")).strip()
    assert_one_line_error(
        run_cli("--db", team, "set", pm_id, "status", "published"),
        "cannot mark it published",
        "missing-section",
    )
    exported = orjson.loads(ok(run_cli("--db", team, "export", pm_id, "--format", "json")))
    assert exported["status"] == "draft"


HOLDER = textwrap.dedent(
    """
    import sys
    from pmtui.store import FolderStore
    store = FolderStore.open(sys.argv[1])
    store.claim(sys.argv[2])
    print("held", flush=True)
    sys.stdin.readline()
    """
)


def test_two_pmtui_processes_edit_different_post_mortems_at_once(
    team: Path, run_cli: RunCli, run_pmtui: RunCli
) -> None:
    first = ok(run_cli("--db", team, "new", "First")).strip()
    second = ok(run_cli("--db", team, "new", "Second")).strip()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(team), first],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        ok(run_pmtui("--db", team, "set", second, "owner", "Ana"))
        refused = run_pmtui("--db", team, "set", first, "owner", "Bo")
        assert_one_line_error(refused, f"{first}.pmtui is open in another pmtui (pid {holder.pid})")
    finally:
        holder.communicate("\n", timeout=30)
    ok(run_pmtui("--db", team, "set", first, "owner", "Bo"))
