"""Provides the log line importer: one event per line that starts with a time.

Leading times read: ISO-8601 / RFC 3339 (`2025-03-11T14:02:17.123Z`, `2025-03-11 14:02:17,123`,
with or without an offset, optionally in brackets), BSD syslog (`Mar 11 14:02:17`, completed
with the year nearest the incident's date, in the timezone the user gives), an RFC 5424 or 3164
priority before either (`<34>1 `), and epoch seconds (`1741701737.123`) or milliseconds.
An indented line without a time right after an event continues it (a stack trace's frame, a
wrapped message), and so do the lines of a Python traceback (its `Traceback (most recent call
last):` heading and the exception line that closes it) and a Java `Caused by:`: they join the
event's original and, after " / ", its text, and the result's notes count them. Any other
line without a time is rejected with its reason, as is an indented one before any event or
after a rejected line; blank lines are skipped: no line is dropped or hidden silently.
Every event is a `note` whose text is the rest of the line and whose original is the whole
line.
"""

from __future__ import annotations

import re
from datetime import datetime

from pmtui.importers.base import (
    Collector,
    ImportedEvent,
    RowError,
    clean_text,
    clip_original,
)
from pmtui.importers.source import Input
from pmtui.importers.stamps import (
    EPOCH,
    STAMP,
    SYSLOG,
    from_epoch,
    from_epoch_ms,
    from_match,
    from_syslog,
)
from pmtui.model.enums import EventKind

_PRIORITY = re.compile(r"<\d{1,3}>(?:\d{1,2} )?")
_SEPARATOR = re.compile(r"[\s]*(?:[-|:][\s]+)?")
_SAMPLE_LINES = 20
#: Lines that only ever appear inside a stack trace, indented or not.
_TRACE_HEADINGS = ("Traceback (most recent call last):", "Caused by: ")
#: Between an event's text and each line joined to it.
JOIN = " / "


def _time_at_start(line: str) -> tuple[re.Match[str], str, int] | None:
    """The leading time's match, which reader it needs, and where the message starts."""
    match = STAMP.match(line)
    if match:  # the usual case first: an ISO time at the very start
        return match, "iso", match.end()
    position = 0
    priority = _PRIORITY.match(line)
    if priority:
        position = priority.end()
    bracket = line.startswith("[", position)
    position += bracket
    for pattern, reader in ((STAMP, "iso"), (EPOCH, "epoch"), (SYSLOG, "syslog")):
        match = pattern.match(line, position)
        if match:
            end = match.end()
            if bracket and line.startswith("]", end):
                end += 1
            return match, reader, end
    return None


def looks_like_log(text: str) -> bool:
    lines = [line for line in text.splitlines()[: _SAMPLE_LINES * 5] if line.strip()]
    sample = lines[:_SAMPLE_LINES]
    stamped = sum(1 for line in sample if _time_at_start(line) is not None)
    return bool(sample) and stamped * 2 >= len(sample)


def _instant(match: re.Match[str], reader: str, collector: Collector) -> datetime:
    if reader == "iso":
        return from_match(match, collector)
    if reader == "syslog":
        return from_syslog(match, collector)
    text = match.group(0)
    return from_epoch_ms(text) if len(text) == 13 else from_epoch(text)


class _Pending:
    """The event being read: its first line and the continuation lines joined to it."""

    __slots__ = ("at", "in_traceback", "raw", "text", "where")

    def __init__(self, where: str, at: datetime, text: str, line: str) -> None:
        self.where, self.at, self.text = where, at, text
        self.raw = [line]
        self.in_traceback = False  # inside a Python traceback: its exception line joins too

    def takes(self, line: str) -> bool:
        """Whether `line` (no time at its start) continues this event, and if so join it.

        Only an indented line or a traceback's own lines: a flush-left line without a time
        is most likely a separate message whose time is missing, and joined it was
        visible nowhere (mock meeting 14)."""
        if line[0].isspace():
            pass
        elif line.startswith(_TRACE_HEADINGS):
            self.in_traceback = line.startswith("Traceback")
        elif self.in_traceback and self.raw[-1][0].isspace():
            self.in_traceback = False  # "session.CacheMiss: user:4411" closes the traceback
        else:
            return False
        self.raw.append(line)
        return True

    def event(self) -> ImportedEvent:
        text = JOIN.join([self.text, *(line.strip() for line in self.raw[1:])])
        original = clip_original("\n".join(self.raw))
        return ImportedEvent(
            self.at, EventKind.NOTE, clean_text(text), "log", original, where=self.where
        )


def read_log(inp: Input, collector: Collector) -> None:
    pending: _Pending | None = None
    # The line number of the last rejected line: indented lines after it belong to it, not to
    # an earlier event, and are rejected with it (0: none).
    rejected_at = 0
    joined = 0

    def flush() -> None:
        if pending is not None:
            collector.add(pending.event())

    for number, line in enumerate(inp.text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        found = _time_at_start(line)
        if found is None:
            if pending is not None and pending.takes(line):
                joined += 1
                continue
            if rejected_at and line[0].isspace():
                collector.reject(
                    f"line {number}",
                    f"no time at the start of the line; it continues line {rejected_at}, "
                    "which was rejected",
                )
                continue
            collector.reject(f"line {number}", "no time at the start of the line")
            # The event above ends here: an indented line below continues this line.
            flush()
            pending, rejected_at = None, number
            continue
        flush()
        pending, rejected_at = None, 0
        match, reader, end = found
        try:
            at = _instant(match, reader, collector)
            separator = _SEPARATOR.match(line, end)
            text = clean_text(line[separator.end() if separator else end :])
            if not text:
                raise RowError("nothing after the time")
        except RowError as error:
            collector.reject(f"line {number}", str(error))
            rejected_at = number
            continue
        pending = _Pending(f"line {number}", at, text, line)
    flush()
    if joined:
        lines = "line" if joined == 1 else "lines"
        collector.notes.append(
            f"{joined} {lines} joined to the line above (indented, or part of a stack "
            f'trace): their event\'s text shows them after "{JOIN.strip()}"'
        )
