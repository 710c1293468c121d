"""Benchmarks `pmtui list` on a team folder of 100 post-mortems x 1,000 events (target: at
most 3x `pmtui --help`, both measured as whole processes in the same run, cache warm).

Also prints the cold list (no .pmtui-cache: every file parsed once) for scale.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from common import big_postmortem
from pmtui.store import FolderStore
from pmtui.store.layout import SETTINGS_NAME, TeamSettings, settings_bytes

POSTMORTEMS = 100
EVENTS = 1_000
REPEAT = 15


def wall_ms(argv: list[str], repeat: int = REPEAT, before: object = None) -> float:
    samples = []
    for _ in range(repeat):
        if callable(before):
            before()
        began = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def make_team(root: Path) -> None:
    root.mkdir()
    (root / SETTINGS_NAME).write_bytes(settings_bytes(TeamSettings()))
    template = big_postmortem(EVENTS)
    with FolderStore.open(root) as store:
        for number in range(POSTMORTEMS):
            store.create(replace(template, id=f"pm{number:04d}", title=f"Incident {number}"))


def main() -> None:
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="pmtui-bench-folder-") as temp:
        team = Path(temp) / "team"
        make_team(team)
        pmtui = [python, "-m", "pmtui"]
        cache = team / ".pmtui-cache"
        cold = wall_ms([*pmtui, "--db", str(team), "list"], 3, lambda: shutil.rmtree(cache, True))
        subprocess.run([*pmtui, "--db", str(team), "list"], check=True, capture_output=True)
        help_ms = wall_ms([*pmtui, "--help"])
        warm = wall_ms([*pmtui, "--db", str(team), "list"])
    print(f"folder: {POSTMORTEMS} post-mortems x {EVENTS} events")
    print(f"pmtui --help: {help_ms:.0f} ms median")
    print(
        f"pmtui list (warm cache): {warm:.0f} ms median = {warm / help_ms:.2f}x --help "
        "(target <= 3x)"
    )
    print(f"pmtui list (cold, no cache): {cold:.0f} ms median (for scale, no target)")


if __name__ == "__main__":
    main()
