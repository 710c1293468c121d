"""Tests of the Pilot tests' garbage collection: held during a test, done once after it."""

from __future__ import annotations

import gc
import weakref

from tests.ui.support import collected_once, open_sample


class Cycle:
    """An object only the cyclic collector can free (it refers to itself)."""

    def __init__(self) -> None:
        self.me = self


async def test_no_automatic_collection_walks_the_live_app_during_a_test(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        before = [stats["collections"] for stats in gc.get_stats()]
        await open_sample(pilot, tab="timeline")
        await pilot.press("down", "down", "up")
        after = [stats["collections"] for stats in gc.get_stats()]
    # Opening the sample builds enough objects for several automatic collections.
    assert after == before


def test_cyclic_garbage_waits_for_the_end_then_what_lives_on_is_frozen() -> None:
    with collected_once():
        assert not gc.isenabled()
        cycle = Cycle()
        left_behind = weakref.ref(cycle)
        del cycle
        kept = Cycle()
        for _ in range(3):
            [Cycle() for _ in range(10_000)]  # enough allocations for a young collection
        assert left_behind() is not None
    assert left_behind() is None
    # What outlived it is frozen: no later collection walks it again.
    assert not any(tracked is kept for tracked in gc.get_objects())
