"""Provides the CSV that Jira's CSV importer takes: one issue per action item.

Column names are the Jira fields the importer maps by name (Summary is required; a header
holds no punctuation); several labels are several `Labels` columns, as Jira's own CSV export
writes them. Dates use the importer's default format, `dd/MMM/yy h:mm a`, so nothing needs
changing in the import wizard.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from pmtui.analysis.followup import ActionRow
from pmtui.export.actions_csv import spreadsheet_safe
from pmtui.export.trackers import assignee, issue_description, issue_title, label_word
from pmtui.model.enums import ActionStatus, Priority

HEADER = (
    "Summary",
    "Issue Type",
    "Status",
    "Description",
    "Assignee",
    "Due Date",
    "Priority",
    "Labels",
    "Labels",
    "Labels",
)
#: An unfinished item's status as Jira's default workflow names it: without it, an item in
#: progress went in as To Do, and the first sync moved it back to open (mock 41c).
STATUSES = {ActionStatus.OPEN: "To Do", ActionStatus.IN_PROGRESS: "In Progress"}
#: pmtui's priorities as Jira's default priority scheme names them.
PRIORITIES = {
    Priority.P1: "Highest",
    Priority.P2: "High",
    Priority.P3: "Medium",
    Priority.P4: "Low",
}
# Java's MMM is the English abbreviation whatever this machine's locale says.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def jira_date(day: date | None) -> str:
    """`day` in the importer's default format, dd/MMM/yy h:mm a ("05/Jan/27 12:00 AM")."""
    if day is None:
        return ""
    return f"{day.day:02d}/{_MONTHS[day.month - 1]}/{day.year % 100:02d} 12:00 AM"


def jira_csv(rows: Iterable[ActionRow], link_base: str = "") -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for row in rows:
        action = row.action
        kind = action.kind.value if action.kind else ""
        cells = (
            issue_title(action.text),
            "Task",
            STATUSES.get(action.status, "To Do"),
            issue_description(row, link_base),
            assignee(action.owner),
            jira_date(action.due),
            PRIORITIES[action.priority] if action.priority else "",
            # A Jira label is one word: the id keeps the post-mortem's issues findable.
            "postmortem",
            label_word(f"pmtui-{row.postmortem_id}"),
            kind,
        )
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return out.getvalue()
