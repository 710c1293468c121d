"""Tests of the Pilot tests' own waiting: waiting on a condition costs almost no CPU."""

from __future__ import annotations

import time

from tests.ui.support import open_sample, wait_until, workspace_settled


async def test_waiting_on_a_condition_leaves_the_core_to_other_work(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        await wait_until(pilot, lambda: workspace_settled(pilot.app.screen))
        began_cpu = time.process_time()
        second_later = time.monotonic() + 1.0
        await wait_until(pilot, lambda: time.monotonic() >= second_later)
        # Polling with pilot.pause() cost about 0.3 s of CPU per second on the workspace.
        assert time.process_time() - began_cpu < 0.12
