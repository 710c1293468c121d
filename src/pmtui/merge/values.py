"""Provides the merge of one value and the record of a clash: both sides changed one place
differently, so the merge keeps one value (by a rule that does not depend on which side is
"ours") and notes the other."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

Doc = dict[str, Any]


class _Missing:
    """Not there: a key the base lacks (a post-mortem or item both sides added)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def canonical(value: object) -> bytes:
    if value is MISSING:
        return b""  # sorts before every value: a field present on one side is kept
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def ordered(first: Any, second: Any) -> tuple[Any, Any]:
    """(kept, other): the value whose canonical JSON sorts last is kept, so merging in either
    order keeps the same one."""
    return (first, second) if canonical(first) >= canonical(second) else (second, first)


@dataclass
class Clashes:
    """The conflicts one merge records, as pmtui/1 `conflicts` entries, in the order found."""

    found: list[Doc] = field(default_factory=list)

    def add(self, where: str, kept: Any, other: Any, base: Any) -> None:
        self.found.append(
            {
                "where": where,
                "kept": kept,
                "other": other,
                "base": None if base is MISSING else base,
            }
        )


def merge_value(where: str, base: Any, ours: Any, theirs: Any, clashes: Clashes) -> Any:
    """A change on one side wins over no change; two different changes are a clash."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    kept, other = ordered(ours, theirs)
    clashes.add(where, kept, other, base)
    return kept
