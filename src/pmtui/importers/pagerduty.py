"""Provides the PagerDuty importer: an incident's log entries (REST API v2).

Accepted: a `GET /incidents/{id}/log_entries` response `{"log_entries": [...], "more": ...}`,
a JSON array of such pages or one page per line, a bare array of log entries, and
`{"log_entry": {...}}`. Entries are rendered in whatever `time_zone` the request asked for
(the account's zone by default, e.g. -04:00/-05:00 for America/New_York): every offset is
converted to UTC. Entries come newest first; pmtui sorts by time itself. An entry seen on two
pages (pages shift while an incident is live) is read once, by its id.

Each row names its incident: "#1234: Acknowledged by Bob Okafor.", and the trigger also its
title ("#1234 AuthLatencyHigh: p99 above 2s — Triggered through the API."), from the entry's
`incident` (a reference whose summary reads "[#1234] title", or the full incident object).

Kinds: trigger → alert, acknowledge (both spellings the spec uses) → acknowledged,
resolve → resolved when a person resolved it (the incident commander declaring it over), but
a note when the API, an integration or a timeout did: an alert clearing on its own is not
the incident's resolution, and the first `resolved` event sets the resolution metrics.
Notify → notified, annotate → note. Escalate, assign and delegate become
`action`: they move who is responsible, and the pages they cause arrive as their own notify
entries, so calling them `notified` would count one page twice. Snooze is an action; anything
else (unacknowledge, urgency or field changes, escalation limits, types added later) a note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pmtui.importers.base import (
    Collector,
    ImportedEvent,
    ImporterError,
    Record,
    RowError,
    clean_text,
    clip_original,
    join_where,
    text_field,
)
from pmtui.importers.source import Input, json_values
from pmtui.importers.stamps import parse_json_time
from pmtui.model.enums import EventKind

KINDS: dict[str, EventKind] = {
    "trigger_log_entry": EventKind.ALERT,
    "acknowledge_log_entry": EventKind.ACKNOWLEDGED,
    "acknowledgement_log_entry": EventKind.ACKNOWLEDGED,
    "resolve_log_entry": EventKind.RESOLVED,
    "notify_log_entry": EventKind.NOTIFIED,
    "annotate_log_entry": EventKind.NOTE,
    "escalate_log_entry": EventKind.ACTION,
    "assign_log_entry": EventKind.ACTION,
    "delegate_log_entry": EventKind.ACTION,
    "snooze_log_entry": EventKind.ACTION,
}
# Channels through which a service, not a person, acted (the spec's service-agent channels).
_AUTOMATIC_CHANNELS = frozenset({"api", "auto", "timeout", "nagios", "integration"})
_NUMBERED = re.compile(r"\[#(\d+)\]\s*(.*)", re.DOTALL)


def read_pagerduty(inp: Input, collector: Collector) -> None:
    values = json_values(inp, collector)
    found = any(_is_page(value) for _, value in values)
    events: list[ImportedEvent] = []
    seen: set[str] = set()
    repeated = 0
    for where, entry, recognised in _entries(values):
        found = found or recognised
        try:
            entry_id = text_field(entry, "id") if isinstance(entry, dict) else ""
            if entry_id and entry_id in seen:
                repeated += 1
                continue
            events.append(_event(entry, where, collector))
            if entry_id:
                seen.add(entry_id)
        except RowError as error:
            collector.reject(where, str(error))
    if not found:
        raise ImporterError(
            f'{inp.name} is not PagerDuty log entries: expected {{"log_entries": [...]}} '
            "(a list-log-entries response), a list of such pages, or a list of log entries"
        )
    if events and events[0].at > events[-1].at:
        # Newest first: reversed, entries within one second keep their real order once sorted.
        events.reverse()
    for event in events:
        collector.add(event)
    if repeated:
        collector.notes.append(f"{repeated} log entries appeared on two pages; read once")


def _entries(values: list[tuple[str, object]]) -> Iterator[tuple[str, object, bool]]:
    """Every log entry in the documents: (where, entry, looks like PagerDuty's)."""
    for where, value in values:
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from _in_value(item, join_where(where, f"[{index}]"), nested=True)
        else:
            yield from _in_value(value, where, nested=False)


def _is_page(value: object) -> bool:
    """True for a response page, even an empty one, or a list that holds one."""
    if isinstance(value, list):
        return any(_is_page(item) for item in value[:50] if isinstance(item, dict))
    return isinstance(value, dict) and isinstance(value.get("log_entries"), list)


def _in_value(value: object, where: str, *, nested: bool) -> Iterator[tuple[str, object, bool]]:
    if not isinstance(value, dict):
        if nested:  # an odd element in a list of entries: reject it, not the whole file
            yield where, value, False
        return
    page = value.get("log_entries")
    if isinstance(page, list):
        for index, entry in enumerate(page):
            yield join_where(where, f"log_entries[{index}]"), entry, True
    elif "log_entries" in value:
        yield join_where(where, "log_entries"), page, True  # there, but not a list: rejected
    elif isinstance(value.get("log_entry"), dict):
        yield join_where(where, "log_entry"), value["log_entry"], True
    else:
        kind = value.get("type")
        recognised = isinstance(kind, str) and kind.endswith("_log_entry")
        if recognised or nested:
            yield where or "log entry", value, recognised


def _reference(entry: Record, key: str) -> str:
    value = entry.get(key)
    return text_field(value, "summary") if isinstance(value, dict) else ""


def _note(entry: Record) -> str:
    note = entry.get("note")
    if isinstance(note, str):
        return note
    if isinstance(note, dict):
        return text_field(note, "content")
    channel = entry.get("channel")
    if isinstance(channel, dict) and channel.get("type") == "note":
        return text_field(channel, "summary") or text_field(channel, "content")
    return ""


def _notification(entry: Record) -> str:
    """'Notified Alice by sms' from a notify entry's Notification object, when no summary."""
    channel = entry.get("channel")
    note = channel.get("notification") if isinstance(channel, dict) else None
    if not isinstance(note, dict):
        return ""
    user = _reference(note, "user") or _reference(entry, "user")
    how = text_field(note, "type").removesuffix("_notification")
    return f"Notified {user or 'someone'}" + (f" by {how}" if how else "")


def _incident(entry: Record) -> tuple[str, str]:
    """The incident's number ("#1234", or "") and title, from a reference or a full object."""
    incident = entry.get("incident")
    if not isinstance(incident, dict):
        return "", ""
    number = incident.get("incident_number")
    title = text_field(incident, "title").strip()
    summary = text_field(incident, "summary").strip()
    numbered = _NUMBERED.match(summary)
    if numbered:
        summary = numbered.group(2).strip()
    if isinstance(number, int) and not isinstance(number, bool) and number >= 0:
        tag = f"#{number}"
    else:
        tag = f"#{numbered.group(1)}" if numbered else ""
    return tag, title or summary


def _automatic(entry: Record) -> bool:
    """Whether a service acted rather than a person (the API, an integration, a timeout)."""
    agent = entry.get("agent")
    agent_type = text_field(agent, "type") if isinstance(agent, dict) else ""
    if agent_type:
        return not agent_type.startswith("user")
    channel = entry.get("channel")
    return isinstance(channel, dict) and text_field(channel, "type") in _AUTOMATIC_CHANNELS


def _with_incident(text: str, entry: Record, kind_name: str) -> str:
    tag, title = _incident(entry)
    if kind_name == "trigger_log_entry" and title and title not in text:
        return f"{tag} {title} — {text}".lstrip()
    return f"{tag}: {text}" if tag and tag not in text else text


def _event(entry: object, where: str, collector: Collector) -> ImportedEvent:
    if not isinstance(entry, dict):
        raise RowError("not a log entry (a JSON object)")
    kind_name = text_field(entry, "type")
    created = entry.get("created_at")
    at = parse_json_time(created, "created_at", collector)
    summary = text_field(entry, "summary")
    note = _note(entry)
    agent = _reference(entry, "agent")
    if kind_name == "annotate_log_entry" and note:
        text = f"Note from {agent}: {note}" if agent else f"Note: {note}"
    else:
        text = summary or _notification(entry)
        if not text and kind_name:
            action = kind_name.removesuffix("_log_entry").replace("_", " ")
            text = f"{action.capitalize()}" + (f" by {agent}" if agent else "")
    text = clean_text(text)
    if not text:
        raise RowError("no type, summary or note to say what happened")
    kind = KINDS.get(kind_name, EventKind.NOTE)
    if kind is EventKind.RESOLVED and _automatic(entry):
        kind = EventKind.NOTE
        text += " (automatic: not the incident's resolution)"
    text = clean_text(_with_incident(text, entry, kind_name))
    incident = entry.get("incident")
    link = text_field(entry, "html_url") or (
        text_field(incident, "html_url") if isinstance(incident, dict) else ""
    )
    original = f"{created} {kind_name or '?'} {text_field(entry, 'id') or '?'}: {summary}"
    if note:
        original += f" | note: {note}"
    return ImportedEvent(
        at=at,
        kind=kind,
        text=text,
        source="pagerduty",
        original=clip_original(original.rstrip()),
        link=link,
        where=where,
    )
