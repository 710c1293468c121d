"""The test suite's own settings: CI runs every property test in full, a local run less."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import pytest_xdist_auto_num_workers

ROOT = Path(__file__).resolve().parent.parent


def _examples_for(ci_count: int, env: dict[str, str]) -> int:
    clean = {k: v for k, v in os.environ.items() if k not in ("CI", "HYPOTHESIS_PROFILE")}
    done = subprocess.run(
        [sys.executable, "-c", f"from tests.conftest import examples; print(examples({ci_count}))"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


@pytest.mark.parametrize(
    ("env", "expected"),
    [({"CI": "true"}, 150), ({}, 30), ({"HYPOTHESIS_PROFILE": "ci"}, 150)],
    ids=["ci", "local", "asked-for"],
)
def test_property_tests_run_in_full_in_ci_and_a_fifth_locally(
    env: dict[str, str], expected: int
) -> None:
    assert _examples_for(150, env) == expected


def _ci_test_command() -> list[str]:
    """The arguments of the pytest line in .ci/run."""
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    (line,) = [line for line in lines if line.startswith(".venv/bin/pytest")]
    return line.split()[1:]


def _pyproject_lines() -> list[str]:
    return (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines()


def test_ci_runs_two_pytest_workers_per_core_keeping_groups_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    arguments = _ci_test_command()
    assert arguments[arguments.index("-n") + 1] == "auto"
    assert arguments[arguments.index("--dist") + 1] == "loadgroup"
    monkeypatch.delenv("PYTEST_XDIST_AUTO_NUM_WORKERS", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert pytest_xdist_auto_num_workers(pytest.Config.__new__(pytest.Config)) == 6
    monkeypatch.setenv("PYTEST_XDIST_AUTO_NUM_WORKERS", "3")
    assert pytest_xdist_auto_num_workers(pytest.Config.__new__(pytest.Config)) is None


def test_the_readme_test_command_runs_as_ci_does_and_the_test_extra_has_xdist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "-n auto --dist loadgroup" in readme
    assert any(line.startswith('    "pytest-xdist>=') for line in _pyproject_lines())


def test_any_parallel_run_keeps_groups_together() -> None:
    (addopts,) = [line for line in _pyproject_lines() if line.startswith("addopts = ")]
    assert "--dist loadgroup" in addopts


def test_tests_sharing_a_module_fixture_stay_in_one_worker() -> None:
    # A module-scoped fixture (one server, one database) is built once per worker that runs
    # any of its tests: spread over workers, two servers would race for one port.
    shared = re.compile(r"@pytest\.fixture\([^)]*scope=\"(module|package|session)\"")
    grouped = re.compile(r"^pytestmark = pytest\.mark\.xdist_group\(", re.MULTILINE)
    for module in sorted((ROOT / "tests").rglob("test_*.py")):
        source = module.read_text(encoding="utf-8")
        if shared.search(source):
            assert grouped.search(source), module.relative_to(ROOT)
