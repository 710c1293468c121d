"""Provides the action-item guides: `vague-action`, `missing-owner`, `missing-deadline`,
`overdue-action` and `no-actions`.

An item with neither owner nor deadline gets one `missing-owner` finding about the item
(`action_items[ID]`) saying both, not two. An owner typed as a placeholder ("TBD", "?",
"someone", "n/a", ...) names nobody: in the room it is how "we'll decide later" is written,
and the item must still show up as owner-less until a person is named.

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
__all__ = ["action_findings", "names_no_owner", "vague_phrase"]


BLOCKING = FindingSeverity.BLOCKING
_OWNER_HINT = "Name the one person who will see it through; a team alone often means nobody."
_DEADLINE_HINT = "Give it a date (2025-04-01, +2w, next friday) that the owner agreed to."


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


#: Owners that name nobody (compared case-blind, surrounding spaces and dots ignored).
_PLACEHOLDER_OWNERS = frozenset(
    {
        "tbd",
        "tba",
        "tbc",
        "?",
        "n/a",
        "na",
        "none",
        "nobody",
        "someone",
        "-",
        "unknown",
        "unassigned",
    }
)


def names_no_owner(owner: str) -> bool:
    """True when `owner` is empty or a placeholder ('TBD', '?', 'someone', '--', ...)."""
    name = owner.strip().strip(".").strip().casefold()
    return not name or name in _PLACEHOLDER_OWNERS or set(name) <= {"?", "-"}


def _missing_findings(action: ActionItem, title: str) -> list[Finding]:
    parts = []
    if names_no_owner(action.owner):
        where = at_item("action_items", action.id, "owner")
        said = f" ('{_short(action.owner, 20)}' names nobody)" if action.owner.strip() else ""
        message = f"{title} has no owner{said}"
        parts.append(Finding(MISSING_OWNER, BLOCKING, where, message, _OWNER_HINT))
    if action.due is None:
        where = at_item("action_items", action.id, "due")
        parts.append(
            Finding(MISSING_DEADLINE, BLOCKING, where, f"{title} has no deadline", _DEADLINE_HINT)
        )
    if len(parts) < 2:
        return parts
    # One thing to settle in the room ("who, by when?"), so one finding, not two; the parts
    # keep the waivers written for them before (rule and place of each) applying.
    return [
        Finding(
            MISSING_OWNER,
            BLOCKING,
            at_item("action_items", action.id),
            f"{title} has no owner and no deadline",
            f"{_OWNER_HINT} {_DEADLINE_HINT}",
            parts=tuple(parts),
        )
    ]


def _vague_message(title: str, text: str, phrase: str) -> str:
    """The finding's message, the vague phrase in brackets only when it is not the whole
    text: "'Improve monitoring' names no concrete deliverable ('Improve monitoring')" said
    it twice (mock meeting 21a)."""
    if phrase.strip().lower() == text.strip().rstrip(".").lower():
        return f"{title} names no concrete deliverable"
    return f"{title} names no concrete deliverable ('{phrase}')"


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
                _vague_message(title, action.text, vague.phrase),
                HINTS[vague.kind],
            )
        )
    findings.extend(_missing_findings(action, title))
    if action.due is not None and action.is_overdue(today):
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
