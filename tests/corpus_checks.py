"""Provides the record checks that every labelled guide corpus (fresh, sealed) must pass.

One definition of a valid blame or action record, so the corpora cannot drift apart in what
they call a label, a pattern or a trap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping


def check_blame_records(records: Iterable[dict], patterns: set[str], traps: set[str]) -> None:
    """Each record is blame with a known pattern and no trap, or not-blame with a known trap."""
    for record in records:
        assert record["label"] in ("blame", "not-blame"), record
        if record["label"] == "blame":
            assert record["pattern"] in patterns, record
            assert "trap" not in record, record
        else:
            assert record["pattern"] == "none", record
            assert record.get("trap", "none") in traps | {"none"}, record


def check_action_records(records: Iterable[dict], patterns: Mapping[str, set[str]]) -> None:
    """Each action's pattern belongs to its label."""
    for record in records:
        assert record["label"] in patterns, record
        assert record["pattern"] in patterns[record["label"]], record


def check_blame_spread(records: list[dict], patterns: set[str], traps: set[str]) -> None:
    """Every blame pattern at least five times; at least 60 traps of at least six known kinds."""
    seen = Counter(record["pattern"] for record in records if record["label"] == "blame")
    assert set(seen) == patterns
    assert min(seen.values()) >= 5, seen
    trap_counts = Counter(record["trap"] for record in records if "trap" in record)
    assert set(trap_counts) <= traps
    assert sum(trap_counts.values()) >= 60
    assert len(trap_counts) >= 6, trap_counts
