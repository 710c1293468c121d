"""Provides follow-through across incidents: every action item of every post-mortem as one
row, the filters a team lead asks for, and the figures at a glance (completion, overdue, and
done items nobody has verified yet: done is not the same as effective)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from pmtui.model.enums import ActionStatus, ActionType, Severity
from pmtui.model.postmortem import ActionItem, PostMortem


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action item with the post-mortem it came from, as of `today`."""

    postmortem_id: str
    postmortem_title: str
    severity: Severity
    action: ActionItem
    overdue: bool

    @property
    def unverified(self) -> bool:
        """Done, but nobody has checked yet that it worked."""
        return self.action.status == ActionStatus.DONE and self.action.verified_on is None

    @property
    def key(self) -> str:
        """Unique across post-mortems (action ids are only unique inside one)."""
        return f"{self.postmortem_id}/{self.action.id}"


@dataclass(frozen=True, slots=True)
class ActionFilter:
    """Which rows to keep; empty fields keep everything."""

    open_only: bool = False
    overdue_only: bool = False
    owner: str = ""  # case-insensitive substring of the owner
    postmortem: str = ""  # a post-mortem id, or a prefix of one
    kind: ActionType | None = None
    unverified_only: bool = False

    def keeps(self, row: ActionRow) -> bool:
        action = row.action
        if self.open_only and not action.is_open:
            return False
        if self.unverified_only and not row.unverified:
            return False
        if self.overdue_only and not row.overdue:
            return False
        if self.owner and self.owner.strip().lower() not in action.owner.lower():
            return False
        if self.postmortem and not row.postmortem_id.startswith(self.postmortem.strip()):
            return False
        return self.kind is None or action.kind == self.kind

    @property
    def active(self) -> bool:
        return self != ActionFilter()


@dataclass(frozen=True, slots=True)
class FollowUpStats:
    total: int
    done: int
    wont_do: int
    open: int  # open or in progress
    overdue: int
    unverified: int = 0  # done, not yet verified

    @property
    def completion_rate(self) -> float | None:
        """Done out of the items still meant to be done (won't-do items are left out),
        None when there are none, so an empty file does not read as 0% or 100%."""
        counted = self.total - self.wont_do
        return self.done / counted if counted else None

    def completion_label(self) -> str:
        rate = self.completion_rate
        return "—" if rate is None else f"{rate:.0%}"


def action_rows(postmortems: Iterable[PostMortem], today: date) -> list[ActionRow]:
    """Every action item of every post-mortem, in post-mortem then list order."""
    return [
        ActionRow(
            postmortem_id=pm.id,
            postmortem_title=pm.title,
            severity=pm.severity,
            action=action,
            overdue=action.is_overdue(today),
        )
        for pm in postmortems
        for action in pm.actions
    ]


def filter_rows(rows: Iterable[ActionRow], wanted: ActionFilter) -> list[ActionRow]:
    return [row for row in rows if wanted.keeps(row)]


def followup_stats(rows: Sequence[ActionRow]) -> FollowUpStats:
    done = sum(1 for row in rows if row.action.status == ActionStatus.DONE)
    wont_do = sum(1 for row in rows if row.action.status == ActionStatus.WONT_DO)
    return FollowUpStats(
        total=len(rows),
        done=done,
        wont_do=wont_do,
        open=sum(1 for row in rows if row.action.is_open),
        overdue=sum(1 for row in rows if row.overdue),
        unverified=sum(1 for row in rows if row.unverified),
    )


def row_dict(row: ActionRow) -> dict[str, object]:
    """The row as plain values (JSON and CSV share these names)."""
    action = row.action
    return {
        "id": action.id,
        "postmortem_id": row.postmortem_id,
        "postmortem_title": row.postmortem_title,
        "text": action.text,
        "owner": action.owner,
        "due": action.due.isoformat() if action.due else None,
        "priority": action.priority.value if action.priority else None,
        "type": action.kind.value if action.kind else None,
        "status": action.status.value,
        "tracker": action.tracker,
        "completed_on": action.completed_on.isoformat() if action.completed_on else None,
        "overdue": row.overdue,
        "verified_on": action.verified_on.isoformat() if action.verified_on else None,
        "verified_how": action.verified_how,
        "unverified": row.unverified,
    }
