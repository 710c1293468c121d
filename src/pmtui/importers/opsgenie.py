"""Provides the Opsgenie importer: an alert's activity log (`GET /v2/alerts/{id}/logs`).

Accepted: a response `{"data": [{"log", "type", "owner", "createdAt", "offset"}], "paging":
...}`, a JSON array of such pages or one page per line, and a bare array of log records.
Pages come newest first by default (`order=desc`) and overlap while an alert is live: records
are read once, by their `offset`, and pmtui sorts by time itself.

The API does not list its `type` values (`system`, `alertRecipient` are seen), so the kind
is read from the log's own words: "created" → alert, "acknowledged" → acknowledged,
notifications and calls → notified, escalations, assignments, ownership and snoozes →
action, anything else a note. "Closed" is `resolved` only when a person closed it (the owner
is a user's address and the log does not say it came through the API); a close by the API,
an integration or the system is a note, as PagerDuty's automatic resolves are.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmtui.importers.base import (
    Collector,
    ImportedEvent,
    ImporterError,
    RowError,
    clean_text,
    clip_original,
    join_where,
    text_field,
)
from pmtui.importers.source import Input, json_values
from pmtui.importers.stamps import parse_json_time
from pmtui.model.enums import EventKind

# First match wins: "unacknowledged" must not read as "acknowledged".
_KIND_WORDS: tuple[tuple[tuple[str, ...], EventKind], ...] = (
    (("unacknowledged",), EventKind.NOTE),
    (("acknowledged",), EventKind.ACKNOWLEDGED),
    (("closed", "resolved"), EventKind.RESOLVED),
    (("alert created", "alert is created", "created via", "created by"), EventKind.ALERT),
    (("notification", "notified", "sent [", "called", "calling"), EventKind.NOTIFIED),
    (("escalat", "assign", "ownership", "snooz"), EventKind.ACTION),
)
_AUTOMATIC_WORDS = ("via api", "via integration", "automatically", "heartbeat", "auto-close")


def read_opsgenie(inp: Input, collector: Collector) -> None:
    values = json_values(inp, collector)
    found = False
    seen: set[str] = set()
    repeated = 0
    for where, record, recognised in _records(values):
        found = found or recognised
        if record is None:
            continue  # an empty page: recognised, nothing to read
        offset = text_field(record, "offset") if isinstance(record, dict) else ""
        if offset and offset in seen:
            repeated += 1
            continue
        try:
            collector.add(_event(record, where, collector))
        except RowError as error:
            collector.reject(where, str(error))
            continue
        if offset:
            seen.add(offset)
    if not found:
        raise ImporterError(
            f'{inp.name} is not Opsgenie alert logs: expected {{"data": [{{"log": ..., '
            '"createdAt": ...}]}} (a list-alert-logs response), a list of them, or a list '
            "of log records"
        )
    if repeated:
        collector.notes.append(f"{repeated} Opsgenie log records appeared on two pages; read once")


def is_log_record(value: object) -> bool:
    return isinstance(value, dict) and "log" in value and "createdAt" in value


def is_log_page(value: object) -> bool:
    """A list-alert-logs response: a `data` list of log records (or an empty one)."""
    if not isinstance(value, dict):
        return False
    data = value.get("data")
    if not isinstance(data, list):
        return False
    return not data or any(is_log_record(item) for item in data[:50])


def _records(values: list[tuple[str, object]]) -> Iterator[tuple[str, object, bool]]:
    """Every log record: (where, record, whether its container looks like Opsgenie's)."""
    for where, value in values:
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from _in_value(item, join_where(where, f"[{index}]"))
        else:
            yield from _in_value(value, where)


def _in_value(value: object, where: str) -> Iterator[tuple[str, object, bool]]:
    if is_log_page(value):
        assert isinstance(value, dict)
        data = value["data"]
        assert isinstance(data, list)
        if not data:
            yield where, None, True  # an empty page: recognised, nothing to read
            return
        for index, record in enumerate(data):
            yield join_where(where, f"data[{index}]"), record, True
    elif is_log_record(value):
        yield where or "log record", value, True
    elif where:  # an odd element in a list of records or pages
        yield where, value, False


def _kind(log: str, owner: str) -> tuple[EventKind, bool]:
    """The event's kind, and whether it is a close that no person made."""
    words = log.lower()
    for keys, kind in _KIND_WORDS:
        if any(key in words for key in keys):
            if kind is EventKind.RESOLVED and _automatic(words, owner):
                return EventKind.NOTE, True
            return kind, False
    return EventKind.NOTE, False


def _automatic(words: str, owner: str) -> bool:
    """Whether the API, an integration or the system acted, not a person."""
    return "@" not in owner or any(word in words for word in _AUTOMATIC_WORDS)


def _event(record: object, where: str, collector: Collector) -> ImportedEvent:
    if not isinstance(record, dict):
        raise RowError("not a log record (a JSON object)")
    created = record.get("createdAt")
    at = parse_json_time(created, "createdAt", collector)
    log = clean_text(text_field(record, "log"))
    if not log:
        raise RowError("no log text to say what happened")
    owner = clean_text(text_field(record, "owner"))
    kind, automatic_close = _kind(log, owner)
    text = log if not owner or owner.lower() in log.lower() else f"{log} ({owner})"
    if automatic_close:
        text += " (automatic: not the incident's resolution)"
    kind_name = text_field(record, "type")
    original = f"{created} {kind_name or '?'} {text_field(record, 'offset') or '?'}: {log}"
    if owner:
        original += f" | owner: {owner}"
    return ImportedEvent(
        at=at,
        kind=kind,
        text=clean_text(text),
        source="opsgenie",
        original=clip_original(original),
        where=where,
    )
