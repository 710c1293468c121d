"""Benchmarks `pmtui --help` and `pmtui list` start-up (target: 150 ms, no Textual import).

Baseline, measured in the same run: `python -c pass` with the same interpreter.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

REPEAT = 15
CHECK = "import sys; from pmtui.cli import main\ntry: main(['--help'])\nexcept SystemExit: pass\n"


def wall_ms(argv: list[str]) -> float:
    samples = []
    for _ in range(REPEAT):
        began = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def main() -> None:
    python = sys.executable
    baseline = wall_ms([python, "-c", "pass"])
    help_ms = wall_ms([python, "-m", "pmtui.cli.main", "--help"])
    list_ms = wall_ms([python, "-m", "pmtui.cli.main", "--demo", "list"])
    probe = CHECK + "print('textual' in sys.modules, 'rich' in sys.modules, file=sys.stderr)"
    loaded = subprocess.run([python, "-c", probe], capture_output=True, text=True).stderr.strip()
    for name, value, target in (
        ("pmtui --help", help_ms, "; target <= 150 ms"),
        # Seeding the throwaway demo database is part of this one; no target, for scale.
        ("pmtui --demo list", list_ms, ""),
    ):
        print(
            f"{name}: {value:.0f} ms median ({value / baseline:.2f}x python -c pass at "
            f"{baseline:.0f} ms{target})"
        )
    print(f"textual, rich imported by --help: {loaded}")


if __name__ == "__main__":
    main()
