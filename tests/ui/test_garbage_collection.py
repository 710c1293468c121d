"""Tests of the Pilot tests' garbage collection: held during a test, done once after it."""

from __future__ import annotations

import gc
import weakref

import pytest

from tests.ui.support import open_sample

pytestmark = pytest.mark.xdist_group("ui_garbage_collection")


class Cycle:
    """An object only the cyclic collector can free (it refers to itself)."""

    def __init__(self) -> None:
        self.me = self


LEFT_BEHIND: list[weakref.ref[Cycle]] = []
KEPT: list[Cycle] = []


async def test_no_automatic_collection_walks_the_live_app_during_a_test(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        before = [stats["collections"] for stats in gc.get_stats()]
        await open_sample(pilot, tab="timeline")
        await pilot.press("down", "down", "up")
        after = [stats["collections"] for stats in gc.get_stats()]
    # Opening the sample builds enough objects for several automatic collections.
    assert after == before


def test_a_tests_cyclic_garbage_waits_for_its_end() -> None:
    cycle = Cycle()
    LEFT_BEHIND.append(weakref.ref(cycle))
    del cycle
    KEPT.append(Cycle())
    for _ in range(3):
        [Cycle() for _ in range(10_000)]  # enough allocations for a young collection
    assert LEFT_BEHIND[0]() is not None


def test_what_a_test_left_behind_is_freed_before_the_next_one() -> None:
    assert LEFT_BEHIND, "runs after test_a_tests_cyclic_garbage_waits_for_its_end"
    assert LEFT_BEHIND[0]() is None
    assert gc.isenabled() is False  # held again for this test
    # What outlived the test is frozen: no later collection walks it again.
    kept = KEPT[0]
    assert not any(tracked is kept for tracked in gc.get_objects())
