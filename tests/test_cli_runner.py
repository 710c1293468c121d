"""The in-process CLI runner (`run_cli`) gives a run the environment and folder a child
process would get, and leaves the test's own as they were."""

from __future__ import annotations

import os
from pathlib import Path

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
