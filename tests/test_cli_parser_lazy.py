"""The bare `pmtui` (the workspace) parses its own options without building the subcommands;
anything else gets the full parser, so help, errors and commands read as before."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pmtui.cli.parser import build_parser, names_a_command


@pytest.mark.parametrize(
    "arguments",
    [[], ["--demo"], ["--db", "team"], ["--db=team", "--demo"], ["--confine-to", "x", "--db", "y"]],
)
def test_the_workspaces_own_options_need_no_commands(arguments: list[str]) -> None:
    assert not names_a_command(arguments)
    args = build_parser(with_commands=False).parse_args(arguments)
    assert args.command is None
    full = build_parser().parse_args(arguments)
    assert vars(args) == vars(full)


@pytest.mark.parametrize(
    "arguments",
    [["list"], ["--db", "x", "list"], ["--help"], ["-h"], ["--version"], ["--bogus"], ["--db"]],
)
def test_anything_else_is_read_by_the_full_parser(arguments: list[str]) -> None:
    assert names_a_command(arguments)


def test_starting_the_workspace_imports_no_subcommand_module() -> None:
    probe = (
        "import sys; from pmtui.cli.parser import build_parser; "
        "build_parser(with_commands=False).parse_args(['--db', 'x']); "
        "print(sorted(m for m in sys.modules if m.startswith('pmtui.cli.')))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert "pmtui.cli.merge_driver" not in shown.stdout
    assert "pmtui.cli.serve" not in shown.stdout
    assert "pmtui.cli.timeline" not in shown.stdout
