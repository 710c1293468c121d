"""Fixtures for pmtui's Pilot and snapshot tests (helpers live in tests/ui/support.py)."""

from tests.ui.support import (
    make_ui,
    one_full_collection_per_test,
    quick_textual,
    snapshot_ui,
    steady_cursors,
    typing_in_bursts,
)

__all__ = [
    "make_ui",
    "one_full_collection_per_test",
    "quick_textual",
    "snapshot_ui",
    "steady_cursors",
    "typing_in_bursts",
]
