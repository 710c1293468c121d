"""The test suite's own settings: CI runs every property test in full, a local run less."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
