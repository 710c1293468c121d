"""Provides the CSV of action items for trackers (RFC 4180: CRLF lines, quoted as needed)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from pmtui.analysis.followup import ActionRow, row_dict

CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "postmortem_id",
    "postmortem_title",
    "text",
    "owner",
    "due",
    "priority",
    "type",
    "status",
    "tracker",
    "completed_on",
    "overdue",
)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        # Lower-case words import as booleans in most trackers and spreadsheets.
        return "true" if value else "false"
    return str(value)


def actions_csv(rows: Iterable[ActionRow]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        values = row_dict(row)
        writer.writerow([_cell(values[name]) for name in CSV_COLUMNS])
    return out.getvalue()
