"""Provides the generic CSV importer: a timeline pasted out of a spreadsheet.

RFC 4180 with what spreadsheets add: a UTF-8 BOM, CRLF or LF, quoted fields with doubled
quotes and line breaks, and `;` or tab as the separator. One header row names the columns in
any of several spellings: a time (`timestamp`, `time`, `at`, `date`, ...; or separate `date`
and `time` columns), a text (`event`, `text`, `description`, `message`, ...), and optionally
`kind`/`type`, `source` and `link`. Times may carry an offset; those without one are read in
the timezone the user gives. An unknown kind is imported as a note and reported. Each event
keeps its CSV record verbatim as its original.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from pmtui.importers.base import (
    Collector,
    ImportedEvent,
    ImporterError,
    RowError,
    clean_text,
    clip_original,
    require_text,
)
from pmtui.importers.source import Input
from pmtui.importers.stamps import STAMP, parse_text_time
from pmtui.model.enums import EventKind, parse_enum
from pmtui.model.errors import ValidationError

ALIASES: dict[str, tuple[str, ...]] = {
    "time": (
        "timestamp",
        "time",
        "at",
        "date",
        "datetime",
        "when",
        "createdat",
        "occurredat",
        "timeutc",
        "timestamputc",
    ),
    "text": ("event", "text", "description", "message", "summary", "what", "details", "note"),
    "kind": ("kind", "type", "eventtype", "category"),
    "source": ("source", "origin", "system", "tool"),
    "link": ("link", "url"),
}
# Words pager and monitoring tools use for event kinds pmtui names differently.
KIND_WORDS = {
    "trigger": EventKind.ALERT,
    "triggered": EventKind.ALERT,
    "firing": EventKind.ALERT,
    "alerting": EventKind.ALERT,
    "escalate": EventKind.ACTION,
    "escalated": EventKind.ACTION,
    "annotate": EventKind.NOTE,
}
_DELIMITERS = (",", ";", "\t", "|")
_KINDS_SEEN: dict[str, EventKind] = {}
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _normal(name: str) -> str:
    return _NOT_ALNUM.sub("", name.strip().lower())


def _columns(header: list[str]) -> dict[str, int]:
    """Which column holds what; for each role the most specific alias present wins."""
    normal = [_normal(name) for name in header]
    found: dict[str, int] = {}
    for role, names in ALIASES.items():
        for alias in names:
            if alias in normal:
                found[role] = normal.index(alias)
                break
    # A "date" column beside a "time" column (and no "timestamp"): together they are the time.
    if "timestamp" not in normal and "date" in normal and "time" in normal:
        found["date"] = normal.index("date")
        found["time"] = normal.index("time")
    return found


def _first_line(text: str) -> str:
    return _LINE_BREAK.split(text.lstrip("\r\n"), maxsplit=1)[0]


def _header(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:  # e.g. a stray quote: not a header this importer can read
        return []


def _delimiter(first_line: str) -> str:
    """The separator that makes the header name a time and a text column."""
    best = ","
    for delimiter in _DELIMITERS:
        header = _header(first_line, delimiter)
        roles = _columns(header)
        if "time" in roles and "text" in roles:
            return delimiter
        if len(header) > 1 and best == ",":
            best = delimiter
    return best


def looks_like_csv(text: str) -> bool:
    first = _first_line(text)
    header = _header(first, _delimiter(first))
    roles = _columns(header)
    return len(header) > 1 and "time" in roles and "text" in roles


class _Lines:
    """Feeds csv.reader line by line while remembering the raw lines of the current record."""

    def __init__(self, text: str) -> None:
        self._lines = io.StringIO(text, newline="")
        self.record: list[str] = []
        self.number = 0  # physical line number of the last line read

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self._lines.readline()
        if not line:
            raise StopIteration
        self.number += 1
        self.record.append(line)
        return line


def read_csv(inp: Input, collector: Collector) -> None:
    text = inp.text
    first = _first_line(text)
    lines = _Lines(text)
    reader = csv.reader(lines, delimiter=_delimiter(first))
    header = _next_row(reader, lines, inp.name)
    if header is None:
        raise ImporterError(f"{inp.name} has no CSV header row")
    columns = _columns(header)
    if "time" not in columns or "text" not in columns:
        role = "time" if "time" not in columns else "text"
        raise ImporterError(
            f"{inp.name}: the CSV header has no {role} column; name one of: "
            + ", ".join(ALIASES[role])
            + f" (found: {', '.join(header)[:200]})"
        )
    unknown_kinds: dict[str, int] = {}
    while True:
        lines.record = []
        start = lines.number + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            collector.reject(f"line {start}", f"not valid CSV ({error})")
            continue
        if not any(cell.strip() for cell in row):
            continue
        raw = "".join(lines.record).rstrip("\r\n")
        try:
            collector.add(_event(row, columns, raw, collector, unknown_kinds, f"line {start}"))
        except RowError as error:
            collector.reject(f"line {start}", str(error))
    if unknown_kinds:
        shown = ", ".join(repr(kind) for kind in list(unknown_kinds)[:5])
        count = sum(unknown_kinds.values())
        collector.notes.append(f"{count} rows had a kind pmtui does not know ({shown}): notes")


def _next_row(reader: Iterator[list[str]], lines: _Lines, name: str) -> list[str] | None:
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return None
        except csv.Error as error:
            raise ImporterError(f"{name}: line {lines.number}: not valid CSV ({error})") from None
        if any(cell.strip() for cell in row):
            return row


def _cell(row: list[str], columns: dict[str, int], role: str) -> str:
    index = columns.get(role)
    return row[index] if index is not None and index < len(row) else ""


def _event(
    row: list[str],
    columns: dict[str, int],
    raw: str,
    collector: Collector,
    unknown_kinds: dict[str, int],
    where: str,
) -> ImportedEvent:
    when = _cell(row, columns, "time")
    if "date" in columns and not STAMP.match(when.strip()):
        when = f"{_cell(row, columns, 'date').strip()} {when.strip()}"
    at = parse_text_time(when, collector)
    kind_text = _cell(row, columns, "kind").strip()
    return ImportedEvent(
        at=at,
        kind=_kind(kind_text, unknown_kinds),
        text=require_text(_cell(row, columns, "text"), "text"),
        source=clean_text(_cell(row, columns, "source"))[:40] or "csv",
        original=clip_original(raw),
        link=clean_text(_cell(row, columns, "link")),
        where=where,
    )


def _kind(text: str, unknown: dict[str, int]) -> EventKind:
    if not text:
        return EventKind.NOTE
    known = _KINDS_SEEN.get(text)
    if known is not None:
        return known
    word = KIND_WORDS.get(text.lower())
    if word is not None:
        return word
    try:
        kind = parse_enum(EventKind, text, "kind")
    except ValidationError:
        unknown[text] = unknown.get(text, 0) + 1
        return EventKind.NOTE
    if len(_KINDS_SEEN) < 1000:  # a column repeats a few spellings 100,000 times
        _KINDS_SEEN[text] = kind
    return kind
