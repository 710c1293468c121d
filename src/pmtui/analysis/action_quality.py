"""Provides the action-item guides: `vague-action`, `missing-owner`, `missing-deadline`,
`overdue-action` and `no-actions`.

The vague-action detector is in vague_actions (`vague_phrase` is re-exported here).
Only unfinished items (open, in progress) are judged: a done or dropped item needs no owner
or date any more, and how it was worded no longer matters for follow-through.
"""

from __future__ import annotations

from datetime import date

from pmtui.analysis.findings import Finding, FindingSeverity
from pmtui.analysis.places import at_item
from pmtui.analysis.vague_actions import HINTS, vague_action, vague_phrase
from pmtui.model.postmortem import ActionItem, PostMortem

VAGUE_ACTION = "vague-action"
MISSING_OWNER = "missing-owner"
MISSING_DEADLINE = "missing-deadline"
OVERDUE_ACTION = "overdue-action"
NO_ACTIONS = "no-actions"
__all__ = ["action_findings", "vague_phrase"]


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _item_findings(action: ActionItem, today: date) -> list[Finding]:
    title = f"'{_short(action.text)}'"
    findings = []
    vague = vague_action(action.text)
    if vague:
        findings.append(
            Finding(
                VAGUE_ACTION,
                FindingSeverity.WARNING,
                at_item("action_items", action.id, "text"),
                f"{title} names no concrete deliverable ('{vague.phrase}')",
                HINTS[vague.kind],
            )
        )
    if not action.owner.strip():
        findings.append(
            Finding(
                MISSING_OWNER,
                FindingSeverity.BLOCKING,
                at_item("action_items", action.id, "owner"),
                f"{title} has no owner",
                "Name the one person who will see it through; a team alone often means nobody.",
            )
        )
    if action.due is None:
        findings.append(
            Finding(
                MISSING_DEADLINE,
                FindingSeverity.BLOCKING,
                at_item("action_items", action.id, "due"),
                f"{title} has no deadline",
                "Give it a date (2025-04-01, +2w, next friday) that the owner agreed to.",
            )
        )
    elif action.is_overdue(today):
        days = (today - action.due).days
        findings.append(
            Finding(
                OVERDUE_ACTION,
                FindingSeverity.WARNING,
                at_item("action_items", action.id, "due"),
                f"{title} was due {action.due.isoformat()} ({days} day{'s' * (days != 1)} ago) "
                f"and is still {action.status.value}",
                "Mark it done, or agree a new date with its owner and note why it moved.",
            )
        )
    return findings


def action_findings(pm: PostMortem, today: date) -> list[Finding]:
    if not pm.actions:
        return [
            Finding(
                NO_ACTIONS,
                FindingSeverity.WARNING,
                "action_items",
                "there are no action items",
                "Add at least one item that prevents, detects or mitigates a root cause, "
                "or waive this check with a reason.",
            )
        ]
    findings = []
    for action in pm.actions:
        if action.is_open:
            findings.extend(_item_findings(action, today))
    return findings
