"""Provides the reminder list as Markdown for a chat or an e-mail: one heading per owner,
one line per action item, overdue ones first and marked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from pmtui.analysis.reminders import OwnerReminders, Reminder
from pmtui.export.markdown_escape import heading_text, inline


def _when(reminder: Reminder) -> str:
    days = reminder.days_left
    if days < 0:
        return f"**overdue by {-days} day{'s' if days != -1 else ''}**"
    if days == 0:
        return "**due today**"
    return f"due in {days} day{'s' if days != 1 else ''}"


def _line(reminder: Reminder) -> str:
    row = reminder.row
    action = row.action
    due = action.due.isoformat() if action.due else ""
    tracker = f", {inline(action.tracker, cell=False)}" if action.tracker else ""
    return (
        f"- {_when(reminder)} ({due}): {inline(action.text, cell=False)} "
        f"— {inline(row.postmortem_title, cell=False)} "
        f"(`{row.postmortem_id}/{action.id}`{tracker})"
    )


def reminders_markdown(groups: Sequence[OwnerReminders], today: date, days: int) -> str:
    horizon = (today + timedelta(days=days)).isoformat()
    lines = [f"# Action items overdue or due by {horizon}", ""]
    if not groups:
        lines.append("Nothing overdue or due soon.")
        return "\n".join(lines) + "\n"
    overdue = sum(r.overdue for group in groups for r in group.reminders)
    total = sum(len(group.reminders) for group in groups)
    items = "open action item" if total == 1 else "open action items"
    lines += [f"{total} {items}, {overdue} overdue.", ""]
    for group in groups:
        lines += [f"## {heading_text(group.owner, 'No owner')}", ""]
        lines += [_line(reminder) for reminder in group.reminders]
        lines.append("")
    return "\n".join(lines)
