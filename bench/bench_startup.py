"""Benchmarks time to the first interactive home screen with a 10,000-event post-mortem in
the file (target: at most 1.5x a Textual app showing one Static, measured in the same run).

Both are timed as whole processes, interpreter start to the first screen ready for keys,
headless, so imports, opening the database and the first layout all count.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import big_postmortem
from pmtui.store import PostMortemStore

REPEAT = 9

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static

# ONE Static: an Input, a DataTable and a Footer here would hide the home screen's own cost.
class Minimal(App):
    def compose(self):
        yield Static("pmtui")

async def ready(pilot):
    await pilot.pause()
    pilot.app.exit()

Minimal().run(headless=True, auto_pilot=ready)
"""

PMTUI_APP = """
import sys
from pathlib import Path
from pmtui.ui.app import make_app
from pmtui.service import open_service

async def ready(pilot):
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "HomeScreen", pilot.app.screen
    pilot.app.exit()

service, _ = open_service(Path(sys.argv[1]))
with service:
    make_app(service).run(headless=True, auto_pilot=ready)
"""


#: One terminal size for both apps (see TERMINAL in bench_scale.py): without it each is laid
#: out at 80x25, then again at 80x24, a second paint no user in a terminal pays.
TERMINAL = {**os.environ, "COLUMNS": "80", "LINES": "24"}


def wall_ms(code: str, *args: str) -> float:
    samples = []
    for _ in range(REPEAT):
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", code, *args], check=True, capture_output=True, env=TERMINAL
        )
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.json"
        with PostMortemStore.open(path) as store:
            store.create(big_postmortem())
        minimal = wall_ms(MINIMAL_APP)
        pmtui = wall_ms(PMTUI_APP, str(path))
    print(
        f"home screen ready, 10,000 events in the file: {pmtui:.0f} ms median "
        f"({pmtui / minimal:.2f}x a minimal Textual app at {minimal:.0f} ms; target <= 1.5x)"
    )


if __name__ == "__main__":
    main()
