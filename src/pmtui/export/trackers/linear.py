"""Provides the CSV that Linear's CSV importer takes: one issue per action item.

Columns as Linear's importer names them (Title, Description, Priority, Status, Assignee,
Labels) plus Due Date, a column of Linear's own CSV export; dates are ISO (2027-01-05) and
several labels share one cell, comma-separated.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from pmtui.analysis.followup import ActionRow
from pmtui.export.actions_csv import spreadsheet_safe
from pmtui.export.trackers import assignee, issue_description, issue_title
from pmtui.model.enums import ActionStatus, Priority

HEADER = ("Title", "Description", "Priority", "Status", "Assignee", "Labels", "Due Date")
#: pmtui's priorities as Linear names its four levels.
PRIORITIES = {
    Priority.P1: "Urgent",
    Priority.P2: "High",
    Priority.P3: "Medium",
    Priority.P4: "Low",
}
#: pmtui's statuses as the states of Linear's default workflow.
STATUSES = {
    ActionStatus.OPEN: "Todo",
    ActionStatus.IN_PROGRESS: "In Progress",
    ActionStatus.DONE: "Done",
    ActionStatus.WONT_DO: "Canceled",
}


def linear_csv(rows: Iterable[ActionRow], link_base: str = "") -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for row in rows:
        action = row.action
        labels = ["postmortem", *([action.kind.value] if action.kind else [])]
        cells = (
            issue_title(action.text),
            issue_description(row, link_base),
            PRIORITIES[action.priority] if action.priority else "No priority",
            STATUSES[action.status],
            assignee(action.owner),
            ", ".join(labels),
            action.due.isoformat() if action.due else "",
        )
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return out.getvalue()
