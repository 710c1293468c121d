"""Shared fixtures: an isolated environment for every test, the sample file, CLI runners."""

from __future__ import annotations

import argparse
import gc
import importlib
import io
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from pmtui.resources import sample_files

# CI (CI=true in its environment; .ci/run sets it) runs every property test with its full
# example count. A local run takes a fifth of them for quick feedback; HYPOTHESIS_PROFILE=ci
# asks for the full counts anywhere.
settings.register_profile("ci", max_examples=100)
settings.register_profile("dev", max_examples=20)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev")
)


#: pytest-xdist workers per core for `-n auto`.
WORKERS_PER_CORE = 2


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """Two workers per core: a Pilot test spends about half its time asleep (Pilot's idle
    waits in 20 ms slices, the app's debounce and timers), so one worker a core left the
    cores half idle (2 workers: 584 s; 4 on the same 2 cores: 373 s). PYTEST_XDIST_AUTO_NUM_
    WORKERS still decides when set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    affinity = getattr(os, "sched_getaffinity", None)  # Linux; elsewhere every core counts
    cores = len(affinity(0)) if affinity is not None else os.cpu_count() or 1
    return WORKERS_PER_CORE * cores


def pytest_collection_finish(session: pytest.Session) -> None:
    """Move what every test shares (imported modules, collected tests) out of the garbage
    collector's reach: each full collection then scans only what the tests made. A Pilot
    test makes enough garbage for several full collections, and pytest's unraisable-exception
    check collects five times at the end of each process."""
    gc.collect()
    gc.freeze()


def examples(ci_count: int) -> int:
    """How many examples a property test runs: `ci_count` in CI, scaled down locally."""
    return max(1, ci_count * settings().max_examples // 100)


@dataclass(frozen=True)
class CliResult:
    """What one pmtui run produced: exit code, stdout and stderr as text."""

    code: int
    out: str
    err: str


RunCli = Callable[..., CliResult]


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the user's real files; returns the $PMTUI_DB path.

    The path is in its own folder (not the test's tmp_path) and does not exist yet.
    """
    root = tmp_path_factory.mktemp("env")
    home = root / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    db = root / "db" / "postmortems.json"
    monkeypatch.setenv("PMTUI_DB", str(db))
    monkeypatch.delenv("PMTUI_DEBUG", raising=False)
    return db


@pytest.fixture
def env_db(isolated_env: Path) -> Path:
    """The database file that $PMTUI_DB names (not created)."""
    return isolated_env


@pytest.fixture
def sample_path() -> Path:
    return sample_files()[0]


def _stdin_stream(data: bytes | str) -> io.TextIOWrapper:
    raw = data.encode() if isinstance(data, str) else data
    return io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run `pmtui.cli.main(argv)` in this process. stdin is empty unless given.

    argparse's SystemExit (usage errors, --help) becomes the result's exit code. `env` and
    `cwd` hold for this run only, as they would for a child process (`run_pmtui`), so a test
    reads the same whichever runner it uses; a run costs milliseconds instead of a start-up.
    """
    from pmtui.cli import main
    from pmtui.cli.parser import build_parser

    entry = importlib.import_module("pmtui.cli.main")
    # Building the argument parser is most of what a quick command costs in-process. One
    # parser serves every run of this test (argparse keeps no state between parses; each
    # run still parses its own argv); a new test builds its own, so nothing a test patches
    # carries over.
    parsers: dict[bool, argparse.ArgumentParser] = {}

    def one_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
        if with_commands not in parsers:
            parsers[with_commands] = build_parser(with_commands=with_commands)
        return parsers[with_commands]

    def run(
        *argv: str | os.PathLike[str],
        stdin: bytes | str = b"",
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> CliResult:
        capsys.readouterr()  # drop anything printed before this run
        with monkeypatch.context() as scoped:
            scoped.setattr(sys, "stdin", _stdin_stream(stdin))
            scoped.setattr(entry, "build_parser", one_parser)
            for name, value in (env or {}).items():
                scoped.setenv(name, value)
            if cwd is not None:
                scoped.chdir(cwd)
            try:
                code = main([os.fspath(a) for a in argv])
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def pmtui_command() -> list[str]:
    """How to start pmtui in a child process: the console script beside this Python."""
    script = Path(sys.executable).with_name("pmtui")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from pmtui.cli import main; sys.exit(main())"]


@pytest.fixture
def pmtui_argv() -> list[str]:
    """The command line that starts pmtui, for tests that need their own subprocess setup."""
    return pmtui_command()


@pytest.fixture
def run_pmtui() -> RunCli:
    """Run pmtui as a child process (real exit code, real stdin/stdout, no test harness).

    The child inherits the isolated environment; `env` adds or overrides variables.
    """

    def run(
        *argv: str | os.PathLike[str],
        stdin: bytes | str = b"",
        env: dict[str, str] | None = None,
        timeout: float = 60,
        cwd: Path | None = None,
    ) -> CliResult:
        done = subprocess.run(
            [*pmtui_command(), *(os.fspath(a) for a in argv)],
            input=stdin.encode() if isinstance(stdin, str) else stdin,
            capture_output=True,
            env={**os.environ, **(env or {})},
            timeout=timeout,
            cwd=cwd,
            check=False,
        )
        return CliResult(
            done.returncode,
            done.stdout.decode(errors="replace"),
            done.stderr.decode(errors="replace"),
        )

    return run
