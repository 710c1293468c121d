"""Provides action items in Markdown: the full table with overdue deadlines marked, the
compact list of the light template (the customer version has its own lines: see
pmtui.analysis.customer)."""

from __future__ import annotations

from datetime import date

from pmtui.export.markdown_blocks import MarkdownDocument
from pmtui.export.markdown_escape import MISSING, inline, list_item_text
from pmtui.export.markdown_sections import label
from pmtui.model.enums import ActionStatus
from pmtui.model.postmortem import ActionItem, PostMortem

OVERDUE = "**overdue**"
NO_ACTIONS = "No action items yet."


def _due(action: ActionItem, today: date) -> str:
    if action.due is None:
        return ""
    due = action.due.isoformat()
    return f"{due} {OVERDUE}" if action.is_overdue(today) else due


def _status(action: ActionItem) -> str:
    if action.status is ActionStatus.DONE and action.completed_on is not None:
        return f"done on {action.completed_on.isoformat()}"
    return label(action.status)


def _tally(actions: tuple[ActionItem, ...], today: date) -> str:
    still_open = sum(1 for action in actions if action.is_open)
    overdue = sum(1 for action in actions if action.is_overdue(today))
    items = "action item" if len(actions) == 1 else "action items"
    return f"{len(actions)} {items}, {still_open} open, {overdue} overdue as of {today}."


def add_action_table(document: MarkdownDocument, pm: PostMortem, today: date) -> None:
    document.section("Action items")
    if not pm.actions:
        document.note(NO_ACTIONS)
        return
    document.paragraph(_tally(pm.actions, today))
    document.table(
        ["Action", "Owner", "Due", "Priority", "Type", "Status", "Tracker"],
        [
            [
                inline(action.text),
                inline(action.owner),
                _due(action, today) or MISSING,
                action.priority.value,
                label(action.kind),
                _status(action),
                inline(action.tracker),
            ]
            for action in pm.actions
        ],
    )


def add_action_list(document: MarkdownDocument, pm: PostMortem, today: date) -> None:
    """One line per action: what, then who, when, status and tracker in brackets."""
    document.section("Action items")
    if not pm.actions:
        document.note(NO_ACTIONS)
        return
    lines = []
    for action in pm.actions:
        due = _due(action, today)
        details = [
            inline(action.owner, "no owner"),
            f"due {due}" if due else "no deadline",
            _status(action),
        ]
        tracker = inline(action.tracker, "")
        if tracker:
            details.append(tracker)
        lines.append(f"{list_item_text(action.text)} ({', '.join(details)})")
    document.bullets(lines)
