"""`pmtui list` says "overdue", the one word the workspace and the exports use."""

from __future__ import annotations

from pathlib import Path


def test_list_counts_overdue_actions_in_the_same_word_as_the_workspace(
    run_cli, sample_path: Path, tmp_path: Path
) -> None:
    db = tmp_path / "pm.json"
    assert run_cli("import", sample_path, "--db", db).code == 0
    listed = run_cli("list", "--db", db)
    assert listed.code == 0
    header, row = listed.out.splitlines()
    assert "4 open, 4 overdue" in row
    assert " late" not in row
    # The column is wide enough: the titles still start in one column.
    assert header.index("TITLE") == row.index("Public API unreachable")
