"""Provides the reminder list: open action items overdue or due within a few days, grouped
by owner, soonest first; what `pmtui remind` sends to a chat, an e-mail or a calendar."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from pmtui.analysis.followup import ActionRow

NO_OWNER = "(no owner)"


@dataclass(frozen=True, slots=True)
class Reminder:
    row: ActionRow
    days_left: int  # negative: overdue by that many days

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


@dataclass(frozen=True, slots=True)
class OwnerReminders:
    owner: str
    reminders: tuple[Reminder, ...]


def reminders(
    rows: Iterable[ActionRow], today: date, *, days: int, owner: str = ""
) -> list[OwnerReminders]:
    """Open items with a due date before `today + days` (inclusive), whose owner contains
    `owner` (any case), grouped by owner in name order, each group soonest first."""
    horizon = today + timedelta(days=days)
    wanted = owner.strip().casefold()
    groups: dict[str, list[Reminder]] = {}
    for row in rows:
        action = row.action
        if not action.is_open or action.due is None or action.due > horizon:
            continue
        if wanted and wanted not in action.owner.casefold():
            continue
        name = action.owner.strip() or NO_OWNER
        groups.setdefault(name, []).append(Reminder(row, (action.due - today).days))
    return [
        OwnerReminders(name, tuple(sorted(items, key=lambda r: (r.days_left, r.row.key))))
        for name, items in sorted(groups.items(), key=lambda pair: (pair[0].casefold(), pair[0]))
    ]
