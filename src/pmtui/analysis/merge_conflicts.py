"""Provides the `merge-conflict` guide: two people changed one place differently, the merge
kept one value, and someone must confirm it or take the other before publishing."""

from __future__ import annotations

from typing import Any

from pmtui.analysis.findings import Finding, FindingSeverity
from pmtui.model.postmortem import MergeConflict, PostMortem

MERGE_CONFLICT = "merge-conflict"
_WIDTH = 60


def describe(value: Any) -> str:
    """A conflict's value in a few words: a quoted text, 'deleted', or the item's text."""
    if value is None:
        return "deleted"
    if isinstance(value, dict):
        for name in ("text", "problem", "reason"):
            if isinstance(value.get(name), str):
                return describe(value[name])
        return "an item"
    if isinstance(value, list):
        return "[" + ", ".join(describe(item) for item in value) + "]" if value else "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        text = " ".join(value.split())
        clipped = text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"
        return f"'{clipped}'" if text else "empty"
    return str(value)


def _changed_lines(kept: str, other: str) -> tuple[str, str]:
    """The lines where two versions of a narrative differ (the shared start and end cut)."""
    mine, yours = kept.split("\n"), other.split("\n")
    head = 0
    while head < min(len(mine), len(yours)) and mine[head] == yours[head]:
        head += 1
    tail = 0
    while tail < min(len(mine), len(yours)) - head and mine[-1 - tail] == yours[-1 - tail]:
        tail += 1
    return (
        "\n".join(mine[head : len(mine) - tail]),
        "\n".join(yours[head : len(yours) - tail]),
    )


def conflict_message(conflict: MergeConflict) -> str:
    kept, other = conflict.kept, conflict.other
    if isinstance(kept, str) and isinstance(other, str) and "\n" in kept + other:
        kept, other = _changed_lines(kept, other)
        return f"two edits clashed on the same lines: kept {describe(kept)}, " + (
            f"the other was {describe(other)}"
        )
    if conflict.other is None:
        return f"changed on one side and deleted on the other; kept {describe(conflict.kept)}"
    if conflict.kept is None:
        return f"deleted on one side; the other side's version was {describe(conflict.other)}"
    return f"two edits clashed: kept {describe(kept)}, the other was {describe(other)}"


def merge_conflict_findings(pm: PostMortem) -> list[Finding]:
    return [
        Finding(
            MERGE_CONFLICT,
            FindingSeverity.BLOCKING,
            conflict.where,
            conflict_message(conflict),
            "Keep the value in place, or take the other one (k or o in the Checks tab)",
        )
        for conflict in pm.conflicts
    ]
