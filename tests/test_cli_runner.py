"""The in-process CLI runner (`run_cli`) gives a run the environment and folder a child
process would get, leaves the test's own as they were, and lets no option of one run stick."""

from __future__ import annotations

import os
from pathlib import Path

import orjson

from tests.conftest import RunCli


def test_env_and_cwd_hold_for_one_run_only(run_cli: RunCli, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    before_db, before_cwd = os.environ["PMTUI_DB"], Path.cwd()
    made = run_cli("new", "Disk full on db-3", env={"PMTUI_DB": str(elsewhere)})
    assert made.code == 0, made.err
    pm_id = made.out.strip()
    assert elsewhere.is_file() and not Path(before_db).exists()
    assert os.environ["PMTUI_DB"] == before_db

    written = run_cli(
        "export", pm_id, "-o", "out.md", env={"PMTUI_DB": str(elsewhere)}, cwd=tmp_path
    )
    assert written.code == 0, written.err
    assert (tmp_path / "out.md").read_text().startswith("# Disk full on db-3")
    assert Path.cwd() == before_cwd
    # The test's own environment again: its database holds nothing yet.
    assert run_cli("list", "--json").out.strip() == "[]"


def test_a_later_run_in_the_same_test_gets_the_defaults_again(run_cli: RunCli) -> None:
    # The runs of one test share one argument parser: an option given once must not stick.
    first = run_cli("new", "Checkout down", "--severity", "SEV1", "--owner", "Priya")
    second = run_cli("new", "Queue backlog")
    assert first.code == second.code == 0, (first.err, second.err)
    listed = {row["title"]: row for row in orjson.loads(run_cli("list", "--json").out)}
    assert listed["Checkout down"]["severity"] == "SEV1"
    assert listed["Queue backlog"]["severity"] == "SEV3"
    shown = orjson.loads(run_cli("export", second.out.strip(), "--format", "json").out)
    assert shown["owner"] == "" and shown["severity"] == "SEV3"
    assert run_cli("export", "nope", "--format", "pdf").code == 2
    assert run_cli("export", second.out.strip()).out.startswith("# Queue backlog")
