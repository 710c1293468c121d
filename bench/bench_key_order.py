"""Benchmarks how the app's key order (pmtui.ui.key_order) costs typing, in a headless app
over the bundled sample.

- burst: 200 letters handed to the driver at once into the Timeline's quick-add line, until
  the line holds all of them: keys per second.
- dialog: `W` in the meeting's Five Whys step until the new chain's dialog box has the focus.
- slow key: one letter into the quick-add line until it is in the box (a slow typist).

Baseline: the same app with the key order switched off (every key read at once, as Textual
reads it), in the same run.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import orjson
from textual import events
from textual.widgets import Input

from pmtui.model.codec import postmortem_from_dict
from pmtui.resources import sample_files
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore
from pmtui.ui.app import make_app
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.screens.meeting import MeetingScreen

REPEAT = 5
SIZE = (100, 30)
SAMPLE_ID = "pm-2025-03-19-api-tls"


class NullClipboard:
    def copy(self, text: str) -> str:
        return "nowhere"


def send(app, *keys: str) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


async def until(condition, timeout: float = 30.0) -> float:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError
        await asyncio.sleep(0)
    return time.perf_counter()


async def run(path: Path, ordered: bool) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {"burst": [], "dialog": [], "slow": []}
    with PostMortemStore.open(path) as store:
        service = PostMortemService(store)
        if SAMPLE_ID not in store.ids():
            store.create(postmortem_from_dict(orjson.loads(sample_files()[0].read_bytes())))
        app = make_app(service, clipboard=NullClipboard())
        app.animation_level = "none"
        if not ordered:
            # As Textual reads keys: nothing held, no sentinel.
            app.key_order.hold = lambda event: False  # type: ignore[method-assign]
            app.key_order.read = lambda: None  # type: ignore[method-assign]
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.screen.open_postmortem(SAMPLE_ID)
            workspace = app.screen
            await until(lambda: getattr(workspace, "panes_ready", False))
            workspace.action_show_tab("timeline")
            await pilot.pause()
            line = workspace.query_one(TimelinePane).quick_add
            for _ in range(REPEAT):
                line.value = ""
                line.focus()
                await pilot.pause()
                started = time.perf_counter()
                send(app, *("abcdefghij" * 20))
                done = await until(lambda: len(line.value) == 200)
                samples["burst"].append(200 / (done - started))
                for _ in range(10):
                    await pilot.pause()
                    before = len(line.value)
                    started = time.perf_counter()
                    send(app, "k")
                    done = await until(lambda wanted=before + 1: len(line.value) == wanted)
                    samples["slow"].append((done - started) * 1000)
            line.value = ""
            workspace.query_one(TimelinePane).action_focus_table()
            await pilot.pause()
            await pilot.press("m")
            await until(lambda: isinstance(app.screen, MeetingScreen))
            meeting = app.screen
            await pilot.press("4")
            await pilot.pause()
            for _ in range(REPEAT * 3):
                started = time.perf_counter()
                send(app, "W")
                done = await until(
                    lambda: isinstance(app.screen, WhyTextModal) and isinstance(app.focused, Input)
                )
                samples["dialog"].append((done - started) * 1000)
                await pilot.press("escape")
                await until(lambda: app.screen is meeting)
                await pilot.pause()
            app.exit()
    return samples


def main() -> None:
    for ordered in (False, True):
        with tempfile.TemporaryDirectory() as folder:
            samples = asyncio.run(run(Path(folder) / "pm.json", ordered))
        name = "key order on " if ordered else "key order off"
        print(
            f"{name}: burst {statistics.median(samples['burst']):6.0f} keys/s, "
            f"one slow key {statistics.median(samples['slow']):5.1f} ms, "
            f"W -> dialog focused {statistics.median(samples['dialog']):5.1f} ms"
        )


if __name__ == "__main__":
    main()
