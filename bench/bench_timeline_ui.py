"""Benchmarks the Timeline pane with 10,000 events in a headless app.

- quick-add: from the enter key in the quick-add line until the compositor paints the new
  event's row (target: 50 ms median). The paint is timestamped inside the table's
  `render_line`, so Pilot's own wait-for-idle after a key does not count.
- open: from switching to the Timeline tab until its first event row is painted.

Baseline, measured in the same run: `service.add_event` alone (validate, one crash-safe save
of the 10,000-event file), i.e. the part of an add no UI can avoid. Also reported: how an add
splits into the service call, the whole commit (every pane's watcher, the metrics line) and
the table's own update, and the same tab switch to the Five Whys pane for comparison.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from textual.strip import Strip
from textual.widgets import Input

from common import big_postmortem, median_ms, report
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore
from pmtui.ui.app import make_app
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.timeline_table import TimelineTable

REPEAT = 15
SIZE = (120, 40)


class NullClipboard:
    def copy(self, text: str) -> str:
        return "nowhere"


class PaintClock:
    """Wraps a table's render_line to note when a line containing `wanted` is first drawn."""

    def __init__(self, table: TimelineTable) -> None:
        self.wanted = ""
        self.painted_at: float | None = None
        render_line = table.render_line

        def timed(y: int) -> Strip:
            strip = render_line(y)
            if self.wanted and self.painted_at is None and self.wanted in strip.text:
                self.painted_at = time.perf_counter()
            return strip

        table.render_line = timed  # type: ignore[method-assign]

    def expect(self, text: str) -> None:
        self.wanted, self.painted_at = text, None


async def _wait_for_paint(pilot, clock: PaintClock) -> float:  # type: ignore[no-untyped-def]
    for _ in range(400):
        if clock.painted_at is not None:
            return clock.painted_at
        await pilot.pause()
    raise TimeoutError(f"{clock.wanted!r} was never painted")


async def run(path: Path) -> dict[str, float]:
    with PostMortemStore.open(path) as store:
        service = PostMortemService(store)
        pm = big_postmortem()
        store.create(pm)
        app = make_app(service, clipboard=NullClipboard())
        samples: dict[str, list[float]] = {"open": [], "open_idle": [], "whys": [], "add": []}
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.screen.open_postmortem(pm.id)
            await pilot.pause()
            workspace = app.screen
            assert isinstance(workspace, WorkspaceScreen)
            table = workspace.query_one(TimelineTable)
            clock = PaintClock(table)

            for _ in range(REPEAT):
                for tab in ("whys", "timeline"):
                    workspace.action_show_tab("overview")
                    await pilot.pause()
                    clock.expect(" 2025-03-")  # any event row of the big timeline
                    began = time.perf_counter()
                    workspace.action_show_tab(tab)
                    if tab == "timeline":
                        painted = await _wait_for_paint(pilot, clock)
                        samples["open"].append((painted - began) * 1000)
                    # Pilot's idle wait is coarse, but it is the same for both tabs.
                    await pilot.pause()
                    key = "open_idle" if tab == "timeline" else "whys"
                    samples[key].append((time.perf_counter() - began) * 1000)

            quick = workspace.query_one("#quick-add", Input)
            quick.focus()
            await pilot.pause()
            for n in range(REPEAT):
                # Insert in the middle: the time decides the place, the cursor follows it.
                middle = table.events[len(table.events) // 3 + n * 97]
                table.select_event(middle.id)
                text = f"bench event {n}"
                quick.value = f"+1s note {text}"
                await pilot.pause()
                clock.expect(text)
                began = time.perf_counter()
                await pilot.press("enter")
                samples["add"].append((await _wait_for_paint(pilot, clock) - began) * 1000)

            pane = workspace.query_one(TimelinePane)
            current = workspace.pm
            service_ms = median_ms(
                lambda: service.add_event(current, at="+1s", text="baseline", anchor=middle.at),
                REPEAT,
            )
            commit_ms = median_ms(
                lambda: pane.commit(
                    lambda p: service.add_event(p, at="+1s", text="commit", anchor=middle.at)[0]
                ),
                REPEAT,
            )
            latest = workspace.pm
            show_ms = median_ms(lambda: table.show(latest.events, latest.zone), REPEAT * 4)
            count = len(latest.events)
        return {
            **{name: statistics.median(values) for name, values in samples.items()},
            "service": service_ms,
            "commit": commit_ms,
            "show": show_ms,
            "count": count,
        }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        figures = asyncio.run(run(Path(folder) / "bench.json"))
    service = figures["service"]
    baseline = "service.add_event alone"
    report(
        "quick-add one event until its row is painted, 10,000 events",
        figures["add"],
        baseline,
        service,
        "<= 50 ms",
    )
    report(
        "  commit through the workspace (service + every pane's watcher)",
        figures["commit"],
        baseline,
        service,
        "-",
    )
    report(
        "  TimelineTable.show (swap the tuple, find the cursor, repaint)",
        figures["show"],
        baseline,
        service,
        "-",
    )
    report(
        "open the Timeline tab until its first row is painted",
        figures["open"],
        baseline,
        service,
        "<= 50 ms",
    )
    report(
        "  open the Timeline tab until Pilot sees the app idle",
        figures["open_idle"],
        "the same for the Five Whys tab",
        figures["whys"],
        "-",
    )
    print(f"(the timeline held {int(figures['count']):,} events at the end)")


if __name__ == "__main__":
    main()
