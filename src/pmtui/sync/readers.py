"""Provides the readers of each tracker's own export: a Jira CSV export, a Linear CSV
export and the JSON of `gh issue list --json number,title,state,closedAt,url[,body]`.

A file that is none of these, or lacks a column the sync needs, is TrackerFileError with one
line saying what is wrong. A row whose key or address is not one is skipped and counted, so
text in a cell never becomes a tracker reference in a post-mortem.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import orjson

from pmtui.model.enums import ActionStatus
from pmtui.sync.refs import KEY, github_keys, ref_keys
from pmtui.sync.statuses import tracker_status

SOURCES = ("jira", "linear", "github")
SOURCE_NAMES = {"jira": "Jira", "linear": "Linear", "github": "GitHub"}
_MARKER = re.compile(r"pmtui-action:\s*([A-Za-z0-9][A-Za-z0-9._-]{0,63})/([A-Za-z0-9._-]{1,64})")
_URL = re.compile(r"https?://[^\s\"'<>\\]{1,2000}")
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_JIRA_DATE = re.compile(r"(\d{1,2})/([A-Za-z]{3})/(\d{2}|\d{4})\b")
# A month written as a word reads one way only: "2 Dec 2026", "2 December 2026, 10:15",
# "Dec 2, 2026". Digits alone ("12/02/2026", "04.12.2026") are the month first or the day
# first by the exporter's locale, so they are not guessed (see TrackerIssue.closed_text).
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
# Linear writes JavaScript's Date text: "Tue Jan 14 2025 10:22:31 GMT+0000 (...)".
_JS_DATE = re.compile(r"[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{4})\b")


class TrackerFileError(ValueError):
    """The file is not the tracker export it should be; the message is one line."""


@dataclass(frozen=True, slots=True)
class TrackerIssue:
    """One issue of a tracker's export, as much as the sync needs of it."""

    source: str  # one of SOURCES
    ref: str  # "OPS-123", "ENG-42" or the GitHub issue's address: what `tracker` is set to
    keys: frozenset[str]  # the forms an action's `tracker` may name it by (refs.ref_keys)
    status_text: str  # the tracker's own word, for the report
    status: ActionStatus | None  # None: a word statuses.py does not know
    closed_on: date | None = None
    # The completion date's cell as written when it is no date tracker_date reads: a done
    # item then keeps its state rather than take today's date for the tracker's (mock 40c).
    closed_text: str = ""
    marker: tuple[str, str] | None = None  # (post-mortem id, action id) from the description
    # GitHub's OPEN says "not finished" only: an item in progress stays in progress.
    unfinished_only: bool = False
    line: int = 0


@dataclass(frozen=True, slots=True)
class TrackerExport:
    source: str
    issues: tuple[TrackerIssue, ...]
    rows: int  # rows (or JSON items) read
    skipped: tuple[str, ...] = field(default=())  # one line per row that names no issue


def tracker_date(text: str) -> date | None:
    """The day of a tracker's date or time: ISO 8601, Jira's "05/Jan/27 4:10 PM" or
    JavaScript's "Tue Jan 05 2027 ..."; None for an empty or unreadable cell."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    found = _JIRA_DATE.match(text)
    if found and found.group(2).lower() in _MONTHS:
        day, month, year = found.groups()
        full = int(year) + 2000 if len(year) == 2 else int(year)
        return _day(full, _MONTHS[month.lower()], int(day))
    found = _JS_DATE.match(text)
    if found and found.group(1).lower() in _MONTHS:
        month, day, year = found.groups()
        return _day(int(year), _MONTHS[month.lower()], int(day))
    found = _DAY_MONTH_YEAR.match(text)
    if found and (month_number := _month(found.group(2))):
        return _day(int(found.group(3)), month_number, int(found.group(1)))
    found = _MONTH_DAY_YEAR.match(text)
    if found and (month_number := _month(found.group(1))):
        return _day(int(found.group(3)), month_number, int(found.group(2)))
    return None


_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _month(word: str) -> int:
    """1..12 for a month's name or its three-letter start (English), else 0."""
    lowered = word.lower()
    number = _MONTHS.get(lowered[:3], 0)
    return number if number and _MONTH_NAMES[number - 1].startswith(lowered) else 0


def unread_date(text: str, day: date | None) -> str:
    """`text` when it holds something that `tracker_date` did not read as `day`, else ''."""
    return " ".join(text.split())[:40] if day is None and text.strip() else ""


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _marker(text: str) -> tuple[str, str] | None:
    found = _MARKER.search(text)
    return (found.group(1), found.group(2)) if found else None


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TrackerFileError("is not a UTF-8 text file (binary?)") from None


def _table(text: str, what: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = next(reader, None)
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise TrackerFileError(f"is not a readable {what} CSV export ({error})") from None
    if not header:
        raise TrackerFileError(f"is empty: no {what} CSV header")
    return [name.strip() for name in header], rows


def _column(header: list[str], *names: str, what: str, required: bool = True) -> int | None:
    # Jira repeats some columns (Labels, Sprint, Comment): the first one is the field.
    folded = [name.casefold() for name in header]
    for name in names:
        if name.casefold() in folded:
            return folded.index(name.casefold())
    if required:
        raise TrackerFileError(f"is not a {what} CSV export (it has no {names[0]!r} column)")
    return None


def _cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


def read_jira(text: str) -> TrackerExport:
    header, rows = _table(text, "Jira")
    key = _column(header, "Issue key", "Key", what="Jira")
    status = _column(header, "Status", what="Jira")
    resolution = _column(header, "Resolution", what="Jira", required=False)
    resolved = _column(header, "Resolved", what="Jira", required=False)
    description = _column(header, "Description", what="Jira", required=False)
    return _keyed("jira", rows, key, status, resolution, resolved, description)


def read_linear(text: str) -> TrackerExport:
    header, rows = _table(text, "Linear")
    key = _column(header, "ID", "Identifier", what="Linear")
    status = _column(header, "Status", "State", what="Linear")
    completed = _column(header, "Completed", "Completed At", what="Linear", required=False)
    description = _column(header, "Description", what="Linear", required=False)
    return _keyed("linear", rows, key, status, None, completed, description)


def _keyed(
    source: str,
    rows: list[tuple[int, list[str]]],
    key: int | None,
    status: int | None,
    resolution: int | None,
    closed: int | None,
    description: int | None,
) -> TrackerExport:
    issues: list[TrackerIssue] = []
    skipped: list[str] = []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue  # a blank line a spreadsheet left at the end
        ref = _cell(row, key).strip()
        if not KEY.fullmatch(ref):
            skipped.append(f"line {line}: {ref[:40]!r} is not an issue key")
            continue
        word = _cell(row, status).strip()
        issues.append(
            TrackerIssue(
                source=source,
                ref=ref.upper(),
                keys=ref_keys(ref),
                status_text=word,
                status=tracker_status(word, _cell(row, resolution)),
                closed_on=(day := tracker_date(_cell(row, closed))),
                closed_text=unread_date(_cell(row, closed), day),
                marker=_marker(_cell(row, description)),
                line=line,
            )
        )
    return TrackerExport(source, tuple(issues), len(rows), tuple(skipped))


def read_github(text: str) -> TrackerExport:
    try:
        items = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise TrackerFileError(f"is not JSON from `gh issue list --json` ({error})") from None
    if not isinstance(items, list):
        raise TrackerFileError("is not a JSON array from `gh issue list --json ...`")
    issues: list[TrackerIssue] = []
    skipped: list[str] = []
    for index, item in enumerate(items):
        # Counted from 1, as a person counts, and as the CSV readers count lines.
        where = f"item {index + 1}"
        number = item.get("number") if isinstance(item, dict) else None
        state = item.get("state") if isinstance(item, dict) else None
        if not isinstance(number, int) or isinstance(number, bool) or not 0 < number < 10**12:
            skipped.append(f"{where}: no issue number")
            continue
        if not isinstance(state, str):
            skipped.append(f"{where}: no state")
            continue
        raw_url = item.get("url")
        url = raw_url if isinstance(raw_url, str) and _URL.fullmatch(raw_url) else ""
        reason = item.get("stateReason")
        closed_at = item.get("closedAt")
        body = item.get("body")
        word = state.strip()
        status: ActionStatus | None
        if word.upper() == "OPEN":
            status, unfinished = ActionStatus.OPEN, True
        else:
            status, unfinished = tracker_status(word, str(reason or "").replace("_", " ")), False
        issues.append(
            TrackerIssue(
                source="github",
                ref=url or f"#{number}",
                keys=github_keys(number, url),
                status_text=word,
                status=status,
                closed_on=(day := tracker_date(closed_at) if isinstance(closed_at, str) else None),
                closed_text=unread_date(closed_at, day) if isinstance(closed_at, str) else "",
                marker=_marker(body) if isinstance(body, str) else None,
                unfinished_only=unfinished,
                line=index + 1,
            )
        )
    return TrackerExport("github", tuple(issues), len(items), tuple(skipped))


def detect_source(text: str) -> str:
    """Which tracker wrote `text`; TrackerFileError when it looks like none of them."""
    start = text.lstrip()
    if start.startswith("["):
        return "github"
    first = start.splitlines()[0] if start else ""
    try:
        header = {name.strip().casefold() for name in next(csv.reader([first]), [])}
    except csv.Error:
        header = set()
    if "issue key" in header:
        return "jira"
    if "id" in header and "title" in header and "status" in header:
        return "linear"
    raise TrackerFileError(
        "is not a Jira CSV export, a Linear CSV export or `gh issue list --json` output "
        "(name one with --from)"
    )


def read_export(raw: bytes, source: str = "auto") -> TrackerExport:
    """The issues of a tracker export; `source` "auto" detects which tracker wrote it."""
    text = _decode(raw)
    if "\x00" in text:
        raise TrackerFileError("is not a text file (it holds NUL bytes)")
    if not text.strip():
        raise TrackerFileError("is empty: export the issues from the tracker again")
    chosen = detect_source(text) if source == "auto" else source
    readers = {"jira": read_jira, "linear": read_linear, "github": read_github}
    return readers[chosen](text)
