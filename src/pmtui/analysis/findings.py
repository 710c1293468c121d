"""Provides Finding: one thing the tool points out about a post-mortem."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class FindingSeverity(StrEnum):
    BLOCKING = "blocking"  # must be fixed or waived before publishing
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # stable machine name, e.g. "milestone-order"
    severity: FindingSeverity
    where: str  # the item it is about, e.g. "timeline" or "action_items[2].owner"
    message: str
    hint: str = ""

    def to_dict(self) -> dict[str, str]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data
