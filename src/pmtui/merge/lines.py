"""Provides diff3 over sequences of lines: where two sides touched different lines both
changes are kept; where they touched the same lines differently, the hunk is a conflict.

difflib.SequenceMatcher finds each side's matching lines against the base; a base line
matched on both sides is a sync point, and each stretch between sync points is one hunk.
That is diff3 as git knows it, without a dependency.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True, slots=True)
class LineMerge:
    merged: tuple[str, ...]  # conflicting hunks as the symmetric rule keeps them
    other: tuple[str, ...] | None  # the same with the other side's hunks; None without conflict


def _matched(base: Sequence[str], side: Sequence[str]) -> dict[int, int]:
    """Base line index -> side line index, for every line the two have in common."""
    # autojunk off: prose repeats blank lines, which must still count as matches.
    matcher = SequenceMatcher(None, base, side, autojunk=False)
    pairs: dict[int, int] = {}
    for base_start, side_start, size in matcher.get_matching_blocks():
        for offset in range(size):
            pairs[base_start + offset] = side_start + offset
    return pairs


def _common_ends(
    base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]
) -> tuple[int, int]:
    """How many lines all three share at the start and (after that) at the end: an edit
    usually touches a few lines, so the matcher only sees those."""
    shortest = min(len(base), len(ours), len(theirs))
    head = 0
    while head < shortest and base[head] == ours[head] == theirs[head]:
        head += 1
    tail = 0
    while tail < shortest - head and base[-1 - tail] == ours[-1 - tail] == theirs[-1 - tail]:
        tail += 1
    return head, tail


def merge_lines(base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]) -> LineMerge:
    """The three-way merge of `ours` and `theirs`; symmetric in the two sides."""
    if ours == theirs or theirs == base:
        return LineMerge(tuple(ours), None)
    if ours == base:
        return LineMerge(tuple(theirs), None)
    head, tail = _common_ends(base, ours, theirs)
    merged, other = _merge_middle(
        base[head : len(base) - tail],
        ours[head : len(ours) - tail],
        theirs[head : len(theirs) - tail],
    )
    start, end = tuple(base[:head]), tuple(base[len(base) - tail :])
    return LineMerge(start + merged + end, None if other is None else start + other + end)


def _merge_middle(
    base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]
) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    in_ours, in_theirs = _matched(base, ours), _matched(base, theirs)
    merged: list[str] = []
    other: list[str] = []
    clashed = False
    at_base = at_ours = at_theirs = 0
    while True:
        sync = at_base
        while sync < len(base) and not (sync in in_ours and sync in in_theirs):
            sync += 1
        ours_end = in_ours[sync] if sync < len(base) else len(ours)
        theirs_end = in_theirs[sync] if sync < len(base) else len(theirs)
        old = tuple(base[at_base:sync])
        mine, yours = tuple(ours[at_ours:ours_end]), tuple(theirs[at_theirs:theirs_end])
        if mine == yours or yours == old:
            merged.extend(mine)
            other.extend(mine)
        elif mine == old:
            merged.extend(yours)
            other.extend(yours)
        else:
            clashed = True
            # Symmetric: the same hunk is kept whichever side is "ours".
            kept, lost = (mine, yours) if mine >= yours else (yours, mine)
            merged.extend(kept)
            other.extend(lost)
        if sync >= len(base):
            break
        merged.append(base[sync])
        other.append(base[sync])
        at_base, at_ours, at_theirs = sync + 1, ours_end + 1, theirs_end + 1
    return tuple(merged), tuple(other) if clashed else None


def split_text(text: str) -> list[str]:
    return text.split("\n") if text else []


def join_lines(lines: Sequence[str]) -> str:
    return "\n".join(lines)
