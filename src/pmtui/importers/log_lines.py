"""Provides the log line importer: one event per line that starts with a time.

Leading times read: ISO-8601 / RFC 3339 (`2025-03-11T14:02:17.123Z`, `2025-03-11 14:02:17,123`,
with or without an offset, optionally in brackets), BSD syslog (`Mar 11 14:02:17`, completed
with the year nearest the incident's date, in the timezone the user gives), an RFC 5424 or 3164
priority before either (`<34>1 `), and epoch seconds (`1741701737.123`) or milliseconds.
Lines without a time after an event continue it (a stack trace, a wrapped message) and join
its original; blank lines are skipped; lines without a time before any event, or after a
rejected line, are rejected too, each with its reason: no line is dropped silently.
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


def read_log(inp: Input, collector: Collector) -> None:
    pending: tuple[str, datetime, str, list[str]] | None = None
    # The line number of the last rejected line: untimed lines after it belong to it, not to
    # an earlier event, and are rejected with it (0: none).
    rejected_at = 0

    def flush() -> None:
        if pending is not None:
            where, at, text, raw = pending
            original = clip_original("\n".join(raw))
            collector.add(ImportedEvent(at, EventKind.NOTE, text, "log", original, where=where))

    for number, line in enumerate(inp.text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        found = _time_at_start(line)
        if found is None:
            if pending is not None:
                pending[3].append(line)  # a stack trace or a wrapped message: the event's
            elif rejected_at:
                collector.reject(
                    f"line {number}",
                    f"no time at the start of the line; it continues line {rejected_at}, "
                    "which was rejected",
                )
            else:
                collector.reject(f"line {number}", "no time at the start of the line")
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
        pending = (f"line {number}", at, text, [line])
    flush()
