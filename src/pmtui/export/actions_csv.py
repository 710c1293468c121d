"""Provides the CSV of action items for trackers (RFC 4180: CRLF lines, quoted as needed)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from pmtui.analysis.followup import ActionRow, row_dict
from pmtui.model.text import visible

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
    "verified_on",
    "verified_how",
    "unverified",
)


#: A cell starting with one of these is a formula to a spreadsheet (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        # Lower-case words import as booleans in most trackers and spreadsheets.
        return "true" if value else "false"
    return spreadsheet_safe(str(value))


def spreadsheet_safe(text: str) -> str:
    """`text` as a cell a spreadsheet shows and never runs: a leading quote marks a would-be
    formula as text, and stored control or bidirectional characters become visible escapes."""
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    return visible(text)


def actions_csv(rows: Iterable[ActionRow]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        values = row_dict(row)
        writer.writerow([_cell(values[name]) for name in CSV_COLUMNS])
    return out.getvalue()
