"""The team flow as a new user runs it, through the real CLI and real git: `git init team &&
pmtui init team`, two clones (each runs `pmtui init .` once), both edit the same post-mortem in
different ways, `git pull` merges with nothing lost, and a same-field clash is a blocking
merge-conflict finding that `pmtui check` reports.

Git starts the merge driver as a process of its own, as it does for users; the commands a user
types run pmtui's main in-process (the first `pmtui init` and the warning test run the console
script), which checks the same code for a fraction of a start-up each."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import RunCli
from tests.git_team import git


def pmtui(run: RunCli, cwd: Path, *args: str, stdin: str = "") -> str:
    done = run(*args, cwd=cwd, stdin=stdin)
    assert done.code in (0, 1), done.err
    return done.out


def test_two_clones_edit_one_post_mortem_and_git_pull_merges_them(
    run_cli: RunCli, run_pmtui: RunCli, tmp_path: Path
) -> None:
    team = tmp_path / "team"
    git(tmp_path, "init", "-q", "-b", "main", "team")
    said = pmtui(run_pmtui, tmp_path, "init", "team")  # the console script, as typed
    assert "merge.pmtui.driver" in said
    pm_id = pmtui(
        run_cli, team, "--db", ".", "new", "Checkout outage", "--date", "2025-03-11"
    ).strip()
    git(team, "add", "-A")
    git(team, "commit", "-q", "-m", "new post-mortem")
    git(tmp_path, "clone", "-q", "--bare", "team", "origin.git")

    clones = {}
    for name in ("alice", "bob"):
        git(tmp_path, "clone", "-q", "origin.git", name)
        clones[name] = tmp_path / name
        pmtui(run_cli, clones[name], "init", ".")  # registers the driver in this clone
        git(clones[name], "config", "pull.rebase", "false")

    evidence = {
        "alice": "time,kind,text\n2025-03-11T14:00:00Z,start,Checkout errors begin\n",
        "bob": "time,kind,text\n2025-03-11T14:05:00Z,detected,Pager fired\n",
    }
    for name, clone in clones.items():
        (tmp_path / f"{name}.csv").write_text(evidence[name])
        pmtui(
            run_cli,
            clone,
            "--db",
            ".",
            "timeline",
            "import",
            pm_id,
            str(tmp_path / f"{name}.csv"),
        )
        pmtui(run_cli, clone, "--db", ".", "set", pm_id, "title", f"Checkout outage ({name})")
        pmtui(run_cli, clone, "--db", ".", "set", pm_id, "owner", f"{name.title()}")
        git(clone, "commit", "-q", "-am", f"{name}'s edits")
    pmtui(run_cli, clones["alice"], "--db", ".", "set", pm_id, "summary", "-", stdin="Alice.\n")
    git(clones["alice"], "commit", "-q", "-am", "summary")

    git(clones["alice"], "push", "-q", "origin", "main")
    pulled = git(clones["bob"], "pull", "-q", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert git(clones["bob"], "status", "--porcelain").stdout == ""

    text = next((clones["bob"] / "postmortems").glob("*.pmtui")).read_text()
    assert "<<<<<<<" not in text
    exported = json.loads(
        pmtui(run_cli, clones["bob"], "--db", ".", "export", pm_id, "--format", "json")
    )
    assert {event["text"] for event in exported["timeline"]} == {
        "Checkout errors begin",
        "Pager fired",
    }
    assert exported["summary"] == "Alice."
    clashed = {conflict["where"] for conflict in exported["conflicts"]}
    assert clashed == {"title", "owner"}

    found = json.loads(pmtui(run_cli, clones["bob"], "--db", ".", "check", pm_id, "--json"))
    rules = {(f["rule"], f["where"], f["severity"]) for f in found["findings"]}
    assert ("merge-conflict", "title", "blocking") in rules
    assert ("merge-conflict", "owner", "blocking") in rules


def test_with_markdown_copies_a_clash_pulls_cleanly_and_the_copy_shows_the_merge(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """`init --markdown`: both sides rewrote `<id>.md`; git pull renders it again from the
    merged post-mortem instead of leaving conflict markers in it."""
    team = tmp_path / "team"
    git(tmp_path, "init", "-q", "-b", "main", "team")
    pmtui(run_cli, tmp_path, "init", "team", "--markdown")
    pm_id = pmtui(run_cli, team, "--db", ".", "new", "Queue backlog").strip()
    git(team, "add", "-A")
    git(team, "commit", "-q", "-m", "new post-mortem")
    git(tmp_path, "clone", "-q", "--bare", "team", "origin.git")
    clones = {}
    for name in ("alice", "bob"):
        git(tmp_path, "clone", "-q", "origin.git", name)
        clones[name] = tmp_path / name
        pmtui(run_cli, clones[name], "init", ".")
        git(clones[name], "config", "pull.rebase", "false")
        pmtui(run_cli, clones[name], "--db", ".", "set", pm_id, "title", f"Backlog ({name})")
        git(clones[name], "commit", "-q", "-am", f"{name}'s title")
    git(clones["alice"], "push", "-q", "origin", "main")

    pulled = git(clones["bob"], "pull", "-q", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert git(clones["bob"], "status", "--porcelain").stdout == ""
    copy = (clones["bob"] / "postmortems" / f"{pm_id}.md").read_text()
    assert "<<<<<<<" not in copy and ">>>>>>>" not in copy
    full = pmtui(run_cli, clones["bob"], "--db", ".", "export", pm_id)
    assert copy == full  # the merged post-mortem, rendered again
    assert "merge-conflict" in pmtui(run_cli, clones["bob"], "--db", ".", "check", pm_id)
    # Nothing of the merge is left behind in the work tree or the git folder.
    assert not list((clones["bob"] / ".git" / "pmtui-merge").glob("*.md"))


def test_a_clone_without_the_merge_driver_is_told_to_run_init(
    pmtui_argv: list[str], run_pmtui: RunCli, tmp_path: Path
) -> None:
    team = tmp_path / "team"
    git(tmp_path, "init", "-q", "-b", "main", "team")
    pmtui(run_pmtui, tmp_path, "init", "team")
    pm_id = pmtui(run_pmtui, team, "--db", ".", "new", "Queue backlog").strip()
    git(team, "add", "-A")
    git(team, "commit", "-q", "-m", "new post-mortem")
    git(tmp_path, "clone", "-q", "team", "carol")
    carol = tmp_path / "carol"

    def set_title(title: str) -> subprocess.CompletedProcess[str]:
        argv = [*pmtui_argv, "--db", ".", "set", pm_id, "title", title]
        return subprocess.run(argv, cwd=carol, capture_output=True, text=True, timeout=60)

    told = set_title("Backlog (carol)")
    assert told.returncode == 0
    assert "no merge driver" in told.stderr and "pmtui init" in told.stderr
    pmtui(run_pmtui, carol, "init", ".")
    quiet = set_title("Backlog (carol, again)")
    assert quiet.returncode == 0 and quiet.stderr == ""
