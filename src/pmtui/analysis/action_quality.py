"""Provides the action-item guides: `vague-action`, `missing-owner`, `missing-deadline`,
`overdue-action` and `no-actions`.

Only unfinished items (open, in progress) are judged: a done or dropped item needs no owner
or date any more, and how it was worded no longer matters for follow-through.
"""

from __future__ import annotations

import re
from datetime import date

from pmtui.analysis.findings import Finding, FindingSeverity
from pmtui.analysis.places import at_item
from pmtui.analysis.subjects import words
from pmtui.model.postmortem import ActionItem, PostMortem

VAGUE_ACTION = "vague-action"
MISSING_OWNER = "missing-owner"
MISSING_DEADLINE = "missing-deadline"
OVERDUE_ACTION = "overdue-action"
NO_ACTIONS = "no-actions"

# Words that promise effort but no deliverable anyone could check off.
_VAGUE_ANYWHERE = re.compile(
    r"\b(?:be\s+more\s+(?:careful|vigilant|attentive|thorough|diligent)|try\s+harder"
    r"|pay\s+(?:more\s+|closer\s+)?attention|(?:stay|be)\s+vigilant|raise\s+awareness"
    r"|remind\s+(?:everyone|people|the\s+team|engineers|all|on-?call))\b",
    re.IGNORECASE,
)
# "We should", "Team to", "TODO:" say nothing about the deliverable; they are skipped.
_PREFIX = re.compile(
    r"^\s*(?:(?:todo|action|ai)\s*:\s*)?(?:(?:we|the\s+team|team|everyone|engineers|people"
    r"|devs|on-?call)\s+(?:should|must|need\s+to|will|to)\s+|(?:should|must|need\s+to)\s+)?",
    re.IGNORECASE,
)
_VAGUE_LEAD = re.compile(
    r"(?:look\s+into|investigate|review|revisit|re-?evaluate|reconsider|consider|explore"
    r"|think\s+about|discuss|evaluate|assess|research|analy[sz]e|check\s+(?:on|into)"
    r"|follow\s+up(?:\s+(?:on|with))?|work\s+on|focus\s+on|prioriti[sz]e|figure\s+out"
    r"|understand|learn\s+more|talk\s+(?:to|with|about)|sync\s+(?:with|on|about)"
    r"|keep\s+an\s+eye\s+on|monitor\s+(?:closely|more)|try\s+to|be\s+(?:more\s+)?[a-z]+"
    r"|educate|take\s+care)\b",
    re.IGNORECASE,
)
_IMPROVE_LEAD = re.compile(
    r"(?:improve|enhance|strengthen|better|increase|boost|expand|more|add\s+more)\b",
    re.IGNORECASE,
)
# Qualities rather than things: "improve monitoring" can be done forever without finishing.
_GENERIC = words(
    "monitoring alerting alerts observability testing tests coverage documentation docs "
    "communication communications process processes reliability resilience robustness "
    "stability tooling visibility awareness quality performance security training "
    "onboarding handover handoff runbooks dashboards logging metrics response procedures "
    "practices culture ownership checks validation automation"
)
# A clause that does deliver something rescues a vague start ("Investigate the 401s and add
# an alert when DNS-01 challenges fail").
_DELIVERS = re.compile(
    r"(?:\band\s+(?:then\s+)?|;\s*|,\s*(?:then\s+)?|\bthen\s+|\bto\s+|:\s*|\bby\s+)"
    r"(?:add|adding|create|write|build|implement|page|alert|route|automate|migrate|move|remove"
    r"|delete|replace|enable|disable|set|configure|block|require|enforce|document|publish"
    r"|ship|deploy|roll\s+out|schedule|rotate|upgrade|cap|limit|rename|split|fix|patch"
    r"|script|probe|backfill|decommission|introduce|switch|reduce|lower|raise|run|link"
    r"|record|file|open|draft|produce|deliver|propose|decide|land|merge|release)\b",
    re.IGNORECASE,
)
_VAGUE_HINT = (
    'Name what will exist when it is done and how anyone can check it, e.g. "Page the '
    'on-call when a certificate stays Ready=False for 24 hours (alert rule + runbook link)".'
)


def vague_phrase(text: str) -> str:
    """The words that make an action item vague, or '' when it names a deliverable."""
    anywhere = _VAGUE_ANYWHERE.search(text)
    if anywhere:
        return anywhere.group(0)
    rest = text[_PREFIX.match(text).end() :]  # type: ignore[union-attr]  # matches always
    lead = _VAGUE_LEAD.match(rest)
    if lead and not _DELIVERS.search(rest, lead.end()):
        return lead.group(0)
    improve = _IMPROVE_LEAD.match(rest)
    if improve and not _DELIVERS.search(rest, improve.end()) and not re.search(r"\d", rest):
        following = list(re.finditer(r"[A-Za-z-]+", rest[improve.end() :]))[:4]
        for word in following:
            if word.group(0).lower() in _GENERIC:
                return rest[: improve.end() + word.end()]
    return ""


def _short(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _item_findings(action: ActionItem, today: date) -> list[Finding]:
    title = f"'{_short(action.text)}'"
    findings = []
    phrase = vague_phrase(action.text)
    if phrase:
        findings.append(
            Finding(
                VAGUE_ACTION,
                FindingSeverity.WARNING,
                at_item("action_items", action.id, "text"),
                f"{title} names no concrete deliverable ('{phrase}')",
                _VAGUE_HINT,
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
