"""Benchmarks how pmtui's cost grows with what is stored (issue 9, "storage that scales").

Every figure is a whole `pmtui` process (or a headless app) timed against a baseline measured
in the same run, so the ratios hold on a slow machine. Home and export also give CPU time
(user + system), their runs alternated with the baseline's: on a machine busy with other work
the wall times mostly measure the wait, so compare the CPU figures there. Each figure is the
median of `--repeat` runs with their spread (min-max) beside it; a difference (export's cost
over the baseline) is the median of the differences of each alternated pair, so a burst of
load elsewhere that slows one pair does not move it.

- list: `pmtui list` over 100 post-mortems of 1,000 events, against `pmtui --help`.
- home: the home screen painted (100 x 1,000 events, and one 10,000-event post-mortem),
  against a Textual app that shows ONE Static.
- export: Markdown export of a 10,000-event post-mortem against a 10-event one.
- add: one event added to a 100,000-event post-mortem through `pmtui timeline import` of a
  one-line file: wall time and the child's peak RSS.
- open: a 100,000-event post-mortem opened from the home screen until its timeline is painted.

`--kind file` (default) measures the single TinyDB file; `--kind folder` a team folder (once
`pmtui.store.open_store` knows one). `--db DIR` keeps the generated databases there (they are
reused when present, so a second run skips building them); `--only NAME` runs one measure
and builds only the databases it reads.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from common import big_postmortem

HOME_SCRIPT = """
import sys
from pathlib import Path
from pmtui.cli.main import main

database = sys.argv[1]
from pmtui.ui import app as app_module

original = app_module.make_app

def make_app(*args, **kwargs):
    app = original(*args, **kwargs)

    async def ready(pilot):
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "HomeScreen", pilot.app.screen
        pilot.app.exit()

    run = app.run
    app.run = lambda **kw: run(headless=True, auto_pilot=ready)
    return app

app_module.make_app = make_app
sys.exit(main(["--db", database]))
"""

ONE_STATIC_APP = """
from textual.app import App
from textual.widgets import Static

class OneStatic(App):
    def compose(self):
        yield Static("pmtui")

async def ready(pilot):
    await pilot.pause()
    pilot.app.exit()

OneStatic().run(headless=True, auto_pilot=ready)
"""


def store_path(folder: Path, name: str, kind: str) -> Path:
    if kind == "file":
        return folder / f"{name}.json"
    team = folder / name
    team.mkdir(parents=True, exist_ok=True)
    (team / "pmtui-team.json").write_text('{"format": "pmtui-team/1", "markdown": false}\n')
    return team


def open_writable(path: Path) -> Any:
    try:
        from pmtui.store import open_store  # type: ignore[attr-defined]
    except ImportError:
        from pmtui.store import PostMortemStore

        return PostMortemStore.open(path)
    return open_store(path)


LAYOUTS = {
    "many": [1_000] * 100,
    "big10k": [10_000],
    "small": [10],
    # Room left under MAX_EVENTS for the events the add measure appends.
    "big100k": [100_000 - 100],
}
#: The databases each measure reads: `--only export` need not build 200,000 events first.
NEEDS = {
    "list": ("many",),
    "home": ("many", "big10k"),
    "export": ("small", "big10k"),
    "add": ("big100k",),
    "open": ("big100k",),
}


def build(folder: Path, kind: str, measures: list[str]) -> dict[str, Path]:
    """The databases `measures` need, built once per folder."""
    needed = {name for measure in measures for name in NEEDS[measure]}
    layouts = {name: sizes for name, sizes in LAYOUTS.items() if name in needed}
    paths = {}
    for name, sizes in layouts.items():
        path = paths[name] = store_path(folder, name, kind)
        done = folder / f".{name}.built"
        if done.exists():
            continue
        with open_writable(path) as store:
            for n, events in enumerate(sizes):
                store.create(big_postmortem(events, pm_id=f"bench{n:04d}"))
            # A file's writer leaves its summaries as it closes; a team folder keeps them from
            # its first listing, which parses every file (0.4 s more CPU for 100 x 1,000 events).
            # Listed here, so that no measured run is a folder's first.
            store.listing(date.today())
        done.touch()
    return paths


class Run(NamedTuple):
    """One process: wall ms, peak RSS MiB, and CPU ms (user + system)."""

    wall: float
    rss: float
    cpu: float


def child(argv: list[str], **kwargs: Any) -> Run:
    """Wall ms, peak RSS MiB and CPU ms of one process."""
    began = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kwargs
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = (time.perf_counter() - began) * 1000
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read() if process.stderr else ""
    if process.returncode:
        raise RuntimeError(f"{argv} failed ({process.returncode}): {error}")
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    return Run(elapsed, usage.ru_maxrss / 1024, cpu)  # Linux reports KiB


class Spread(NamedTuple):
    """The median of some samples and their range: a wide range says the machine was busy."""

    median: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.median:.0f} ms ({self.low:.0f}-{self.high:.0f})"

    @classmethod
    def of(cls, samples: list[float]) -> Spread:
        return cls(statistics.median(samples), min(samples), max(samples))


class Figures(NamedTuple):
    """What `repeat` runs of one process measured."""

    wall: Spread
    rss: float  # the largest peak, MiB
    cpu: Spread


def summary(samples: list[Run]) -> Figures:
    """On a busy machine compare the CPU figures: the wall times wait for other processes."""
    return Figures(
        Spread.of([s.wall for s in samples]),
        max(s.rss for s in samples),
        Spread.of([s.cpu for s in samples]),
    )


def pmtui(*args: str) -> list[str]:
    return [sys.executable, "-m", "pmtui.cli.main", *args]


def bench_list(paths: dict[str, Path], repeat: int) -> None:
    base, run = alternated(
        lambda: child(pmtui("--help")),
        lambda: child(pmtui("--db", str(paths["many"]), "list")),
        repeat,
    )
    print(
        f"list, 100 x 1,000 events: {run.wall}, {run.rss:.0f} MiB "
        f"({run.wall.median / base.wall.median:.2f}x pmtui --help at {base.wall}; "
        f"target <= 3x; CPU {run.cpu}, {run.cpu.median / base.cpu.median:.2f}x)"
    )


#: One terminal size for both apps. Without a terminal, Rich sizes the app 80x25 and Textual's
#: headless driver 80x24: every app was laid out and painted twice, a cost no user pays (in a
#: terminal both read the same size) and one that grows with what the first screen shows.
TERMINAL = {**os.environ, "COLUMNS": "80", "LINES": "24"}


def bench_home(paths: dict[str, Path], repeat: int) -> None:
    python = sys.executable
    static = [python, "-c", ONE_STATIC_APP]
    for name, label in (("many", "100 x 1,000 events"), ("big10k", "one 10,000-event pm")):
        home = [python, "-c", HOME_SCRIPT, str(paths[name])]
        # Alternated with the baseline, so a burst of load elsewhere weighs on both alike.
        base, run = alternated(
            lambda: child(static, env=TERMINAL), lambda h=home: child(h, env=TERMINAL), repeat
        )
        print(
            f"home screen, {label}: {run.wall}, {run.rss:.0f} MiB "
            f"({run.wall.median / base.wall.median:.2f}x one-Static app at {base.wall}; "
            f"target <= 1.5x; CPU {run.cpu}, {run.cpu.median / base.cpu.median:.2f}x "
            f"of {base.cpu})"
        )


def alternated(
    base: Callable[[], Run], measured: Callable[[], Run], repeat: int
) -> tuple[Figures, Figures]:
    """Figures of `repeat` runs of each, one of each in turn."""
    pairs = alternated_pairs(base, measured, repeat)
    return summary([b for b, _ in pairs]), summary([m for _, m in pairs])


def alternated_pairs(
    base: Callable[[], Run], measured: Callable[[], Run], repeat: int
) -> list[tuple[Run, Run]]:
    return [(base(), measured()) for _ in range(repeat)]


def bench_export(paths: dict[str, Path], repeat: int) -> None:
    def export(name: str) -> Run:
        return child(pmtui("--db", str(paths[name]), "export", "bench0000", "--format", "md"))

    pairs = alternated_pairs(lambda: export("small"), lambda: export("big10k"), repeat)
    small, big = summary([s for s, _ in pairs]), summary([b for _, b in pairs])
    wall = Spread.of([b.wall - s.wall for s, b in pairs])
    cpu = Spread.of([b.cpu - s.cpu for s, b in pairs])
    print(
        f"export md, 10,000 events: {big.wall}, {big.rss:.0f} MiB "
        f"(+{wall} over 10 events at {small.wall}; target <= +50 ms; "
        f"CPU +{cpu} over {small.cpu})"
    )


def bench_add(paths: dict[str, Path], repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        samples = []
        for n in range(repeat):
            line = Path(folder) / f"one{n}.log"
            # A line never imported before, or the import skips it as a duplicate.
            token = time.time_ns()
            line.write_text(f"2025-03-11T20:{n % 60:02d}:00Z ERROR bench line {token}\n")
            argv = pmtui("--db", str(paths["big100k"]), "timeline", "import", "bench0000")
            samples.append(child([*argv, str(line), "--format", "log"]))
    figures = summary(samples)
    print(
        f"add one event, 100,000 events: {figures.wall}, {figures.rss:.0f} MiB peak "
        f"(target <= 600 ms, <= 150 MiB; CPU {figures.cpu})"
    )


OPEN_SCRIPT = """
import asyncio, sys, time
from pathlib import Path
from pmtui.service import open_service
from pmtui.ui.app import make_app
from pmtui.ui.widgets.timeline_table import TimelineTable

painted = []
render_line = TimelineTable.render_line

def timed(self, y):
    strip = render_line(self, y)
    if not painted and " 2025-03-" in strip.text:
        painted.append(time.perf_counter())
    return strip

TimelineTable.render_line = timed

async def main():
    service, _ = open_service(Path(sys.argv[1]))
    with service:
        app = make_app(service)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            began = time.perf_counter()
            app.screen.open_postmortem("bench0000")
            # The workspace opens on its overview; the timeline is one key away.
            while not app.screen.query("#--content-tab-timeline"):
                await asyncio.sleep(0.001)
            app.screen.action_show_tab("timeline")
            for _ in range(5000):
                if painted:
                    break
                await asyncio.sleep(0.001)
            print((painted[0] - began) * 1000, file=sys.stderr)

asyncio.run(main())
"""


def bench_open(paths: dict[str, Path], repeat: int) -> None:
    samples = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", OPEN_SCRIPT, str(paths["big100k"])],
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append(float(done.stderr.strip().splitlines()[-1]))
    print(
        f"open a 100,000-event pm until its timeline is painted: {Spread.of(samples)} "
        "(target <= 800 ms)"
    )


MEASURES: dict[str, Callable[[dict[str, Path], int], None]] = {
    "list": bench_list,
    "home": bench_home,
    "export": bench_export,
    "add": bench_add,
    "open": bench_open,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=("file", "folder"), default="file")
    parser.add_argument("--db", type=Path, help="folder for the generated databases (kept)")
    parser.add_argument("--only", choices=sorted(MEASURES), action="append")
    # At 5, two runs of the same code gave export +56 and +87 ms: one slow pair moved a median
    # of five. Medians of 21 pairs hold still.
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    measures = args.only or list(MEASURES)
    if args.build:
        build(args.build, args.kind, measures)
        return
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # An installed pmtui has its bytecode compiled; a checkout run with PYTHONDONTWRITEBYTECODE
    # would compile every module in every child, 50 ms that no user pays.
    import pmtui as package

    compileall.compile_dir(Path(package.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.db or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        # Built in a child: a child's peak RSS starts from its parent's at fork, so the
        # parent stays small for the peaks measured below to be the children's own.
        only = [f"--only={name}" for name in measures]
        target = str(folder / args.kind)
        subprocess.run(
            [sys.executable, __file__, "--build", target, "--kind", args.kind, *only], check=True
        )
        paths = build(folder / args.kind, args.kind, measures)
        for name in measures:
            MEASURES[name](paths, args.repeat)


if __name__ == "__main__":
    main()
