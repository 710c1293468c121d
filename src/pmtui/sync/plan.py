"""Provides the sync plan: which action item each tracker issue is, and what would change.

An issue matches the action items whose `tracker` names it (OPS-123, #17, its address);
an issue no action names matches the item its description's `pmtui-action:` line names (the
line pmtui's tracker exports write), and that item's `tracker` is then set to the issue. The
tracker is the truth for the status: done takes the tracker's completion date (today when it
gives none), anything else clears it. An issue done on a date the file writes in a form not
read (a locale's "12/02/2026") leaves its item's status as it is, listed, and only links it
to the issue; an item the tracker already agrees with is not written again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from pmtui.model.enums import ActionStatus
from pmtui.model.postmortem import ActionItem, PostMortem
from pmtui.sync.readers import TrackerExport, TrackerIssue
from pmtui.sync.refs import ref_keys


@dataclass(frozen=True, slots=True)
class ActionSync:
    """One matched action item: as it is, and as the tracker says it should be."""

    postmortem_id: str
    action: ActionItem
    issue: TrackerIssue
    status: ActionStatus
    completed_on: date | None
    tracker: str

    @property
    def changed(self) -> bool:
        action = self.action
        return (self.status, self.completed_on, self.tracker) != (
            action.status,
            action.completed_on,
            action.tracker,
        )

    @property
    def where(self) -> str:
        return f"{self.postmortem_id}/{self.action.id}"

    def fields(self) -> dict[str, object]:
        """The values the service's sync_actions takes for this item."""
        return {
            "status": self.status.value,
            "completed_on": self.completed_on,
            "tracker": self.tracker,
        }


@dataclass(slots=True)
class SyncPlan:
    source: str
    rows: int
    changes: list[ActionSync] = field(default_factory=list)
    current: list[ActionSync] = field(default_factory=list)
    # Matched, but the tracker's status word means nothing pmtui knows: left as is.
    unknown: list[tuple[str, TrackerIssue]] = field(default_factory=list)
    # Matched and done, but on a date the file writes in a form not read: left as is.
    undated: list[tuple[str, TrackerIssue]] = field(default_factory=list)
    unmatched: list[TrackerIssue] = field(default_factory=list)
    skipped: tuple[str, ...] = ()
    # Changes a save refused (the post-mortem is open in another pmtui): not written.
    held: list[ActionSync] = field(default_factory=list)

    @property
    def matched(self) -> int:
        return len(self.changes) + len(self.current) + len(self.unknown) + len(self.held)

    def hold(self, pm_id: str) -> None:
        """Move the changes of post-mortem `pm_id` to `held`: its save was refused."""
        self.held += [item for item in self.changes if item.postmortem_id == pm_id]
        self.changes = [item for item in self.changes if item.postmortem_id != pm_id]

    def by_postmortem(self) -> dict[str, list[ActionSync]]:
        """The changed items per post-mortem. A current one is left untouched: stamped with
        each sync's time, a cron'd sync that changed nothing rewrote every file it matched,
        a commit a run in a team folder (mock 40c)."""
        groups: dict[str, list[ActionSync]] = {}
        for item in self.changes:
            groups.setdefault(item.postmortem_id, []).append(item)
        return groups


def _target(pm: PostMortem, action: ActionItem, issue: TrackerIssue, today: date) -> ActionSync:
    status = issue.status or action.status
    if issue.unfinished_only and action.is_open:
        status = action.status  # "open" on GitHub also means "being worked on"
    completed: date | None = None
    if status == ActionStatus.DONE:
        kept = action.completed_on if action.status == ActionStatus.DONE else None
        completed = issue.closed_on or kept or today
        checked = action.verified_on if action.status == ActionStatus.DONE else None
        if kept and checked and completed > checked:
            # A check of the work comes after the work: a tracker re-resolved later would
            # have published "done on 11-20, verified on 11-10" (mock 41c).
            completed = kept
    tracker = action.tracker if ref_keys(action.tracker) & issue.keys else issue.ref
    return ActionSync(pm.id, action, issue, status, completed, tracker)


def build_plan(export: TrackerExport, postmortems: Iterable[PostMortem], today: date) -> SyncPlan:
    by_key: dict[str, list[tuple[PostMortem, ActionItem]]] = {}
    by_id: dict[tuple[str, str], tuple[PostMortem, ActionItem]] = {}
    for pm in postmortems:
        for action in pm.actions:
            by_id[(pm.id, action.id)] = (pm, action)
            for key in ref_keys(action.tracker):
                by_key.setdefault(key, []).append((pm, action))
    plan = SyncPlan(export.source, export.rows, skipped=export.skipped)
    # A later row about the same item wins, as the last word in the file.
    chosen: dict[tuple[str, str], ActionSync] = {}
    for issue in export.issues:
        found = [pair for key in sorted(issue.keys) for pair in by_key.get(key, [])]
        if not found and issue.marker in by_id:
            pm, action = by_id[issue.marker]
            if not action.tracker.strip():
                found = [(pm, action)]
        if not found:
            plan.unmatched.append(issue)
            continue
        for pm, action in found:
            if issue.status is None:
                plan.unknown.append((f"{pm.id}/{action.id}", issue))
                continue
            target = _target(pm, action, issue, today)
            if issue.status == ActionStatus.DONE and issue.closed_text:
                plan.undated.append((f"{pm.id}/{action.id}", issue))
                # Its status waits for a date, but the link to the issue is kept: left
                # unlinked, the next tracker file offered the item again (a second issue).
                target = replace(target, status=action.status, completed_on=action.completed_on)
            chosen[(pm.id, action.id)] = target
    for item in chosen.values():
        (plan.changes if item.changed else plan.current).append(item)
    return plan
