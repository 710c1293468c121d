"""Provides action items in Markdown: the full table with overdue deadlines marked, the
compact list of the light template (the customer version has its own lines: see
pmtui.analysis.customer)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pmtui.export.markdown_escape import MISSING, inline, list_item_text
from pmtui.export.markdown_sections import label
from pmtui.model.enums import ActionStatus
from pmtui.model.postmortem import ActionItem, PostMortem, by_due_date

OVERDUE = "**overdue**"


def due_text(action: ActionItem, today: date) -> str:
    """'2025-01-24 **overdue**', '2025-02-14', or '' without a deadline."""
    if action.due is None:
        return ""
    due = action.due.isoformat()
    return f"{due} {OVERDUE}" if action.is_overdue(today) else due


def status_text(action: ActionItem) -> str:
    """'open', "won't do", 'done on 2025-01-18', 'done on 2025-01-18, verified on
    2025-02-01' (done is not the same as effective: the reader sees which were checked)."""
    if action.status is ActionStatus.DONE and action.completed_on is not None:
        done = f"done on {action.completed_on.isoformat()}"
        if action.verified_on is not None:
            return f"{done}, verified on {action.verified_on.isoformat()}"
        return done
    return label(action.status)


def verification_lines(pm: PostMortem) -> list[str]:
    """'<action>: <how we know it worked> (checked on 2025-02-01)', one per verified action,
    by due date: the how is one line of prose, too long for the table's Status cell."""
    return [
        f"{list_item_text(action.text)}: {inline(action.verified_how, cell=False)} "
        f"(checked on {action.verified_on.isoformat()})"
        for action in by_due_date(pm.actions)
        if action.verified_on is not None and action.verified_how.strip()
    ]


def _tally(actions: tuple[ActionItem, ...], today: date) -> str:
    still_open = sum(1 for action in actions if action.is_open)
    overdue = sum(1 for action in actions if action.is_overdue(today))
    items = "action item" if len(actions) == 1 else "action items"
    if not any(action.is_open and action.due is not None for action in actions):
        # Without a deadline on any open item "0 overdue" claims a check that was never made.
        return f"{len(actions)} {items}, {still_open} open as of {today}."
    return f"{len(actions)} {items}, {still_open} open, {overdue} overdue as of {today}."


# (header, whether the action has a value for it); a column no action fills is left out.
_OPTIONAL_COLUMNS: tuple[tuple[str, Callable[[ActionItem], bool]], ...] = (
    ("Owner", lambda action: bool(action.owner.strip())),
    ("Due", lambda action: action.due is not None),
    ("Priority", lambda action: action.priority is not None),
    ("Type", lambda action: action.kind is not None),
    ("Tracker", lambda action: bool(action.tracker.strip())),
)


def _cells(action: ActionItem, today: date) -> dict[str, str]:
    return {
        "Action": inline(action.text),
        "Owner": inline(action.owner),
        "Due": due_text(action, today) or MISSING,
        # Unset is "—" as in every other empty cell (an empty one read as a rendering fault),
        # never a default: a priority or type nobody chose is not "P2 · prevent".
        "Priority": action.priority.value if action.priority else MISSING,
        "Type": label(action.kind) if action.kind else MISSING,
        "Status": status_text(action),
        "Tracker": inline(action.tracker),
    }


def action_table(pm: PostMortem, today: date) -> tuple[list[str], list[list[str]]]:
    """The table's columns and its rows by due date; a column no action fills is left out."""
    shown = {name for name, filled in _OPTIONAL_COLUMNS if any(map(filled, pm.actions))}
    header = [
        name
        for name in ("Action", "Owner", "Due", "Priority", "Type", "Status", "Tracker")
        if name in shown or name in ("Action", "Status")
    ]
    rows = [_cells(action, today) for action in by_due_date(pm.actions)]
    return header, [[row[name] for name in header] for row in rows]


def tally(pm: PostMortem, today: date) -> str:
    """'5 action items, 3 open, 1 overdue as of 2025-02-01.'"""
    return _tally(pm.actions, today)


def action_lines(pm: PostMortem, today: date) -> list[str]:
    """One line per action: what, then who, when, status and tracker in brackets."""
    # As the full table leaves out a column nobody filled, a document whose actions carry
    # no owner (or no deadline) at all does not repeat "no owner" on every line.
    any_owner = any(action.owner.strip() for action in pm.actions)
    any_due = any(action.due is not None for action in pm.actions)
    lines = []
    for action in by_due_date(pm.actions):
        due = due_text(action, today)
        details = [
            inline(action.owner, "no owner" if any_owner else "", cell=False),
            f"due {due}" if due else ("no deadline" if any_due else ""),
            status_text(action),
        ]
        details = [detail for detail in details if detail]
        tracker = inline(action.tracker, "", cell=False)
        if tracker:
            details.append(tracker)
        lines.append(f"{list_item_text(action.text)} ({', '.join(details)})")
    return lines
