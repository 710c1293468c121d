"""Provides Finding: one thing the tool points out about a post-mortem."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class FindingSeverity(StrEnum):
    BLOCKING = "blocking"  # must be fixed or waived before publishing
    WARNING = "warning"
    INFO = "info"  # a note: nothing to fix, never makes `pmtui check` fail


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # stable machine name, e.g. "milestone-order"
    severity: FindingSeverity
    where: str  # the item it is about, e.g. "timeline" or "action_items[2].owner"
    message: str
    hint: str = ""
    # The findings this one stands for, when one message says what several rules found
    # (an action with neither owner nor deadline): a waiver of a part still applies to it.
    parts: tuple[Finding, ...] = field(default=(), compare=False, repr=False)

    def to_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "where": self.where,
            "message": self.message,
            "hint": self.hint,
        }
