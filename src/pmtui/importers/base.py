"""Provides what every evidence importer shares: its rows, its result and its one error type.

An importer never raises anything but ImporterError (the whole input is unusable: binary,
truncated, not the format asked for). A single bad record becomes a rejection with a reason
and the rest of the file still imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import NamedTuple

from pmtui.evidence_formats import FORMATS as FORMATS  # re-exported: pmtui.importers offers it
from pmtui.gcpause import paused_gc as paused_gc  # re-exported for the importers
from pmtui.limits import MAX_EVENTS, MAX_INPUT_BYTES
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import TimelineEvent
from pmtui.model.text import rule_for

#: The largest evidence input read (a file, or all of a Slack export's files together).
MAX_BYTES = MAX_INPUT_BYTES

#: Longest text kept on a timeline row (the original keeps the full evidence up to MAX_ORIGINAL).
MAX_TEXT = 500
MAX_ORIGINAL = 10_000
#: The longest link the model holds; a longer one would refuse the whole import.
MAX_LINK = rule_for("link").limit

#: A JSON object as the importers read it: its values are checked before they are used.
Record = dict[str, object]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_SPACES = re.compile(r"\s+")


class ImporterError(ValueError):
    """The input as a whole cannot be imported; the message says why, in one line."""


class TimelineFull(Exception):
    """The input has more events than any timeline may hold (raised as soon as it does)."""


class RowError(ValueError):
    """One record cannot be imported; the importer turns it into a rejection with this reason."""


class ImportedEvent(NamedTuple):
    """One timeline event read from evidence, before it is added to a post-mortem.

    A NamedTuple, not a dataclass: an import makes 100,000 of them and a tuple is built
    several times faster. The service takes these as they are (see import_events).
    """

    at: datetime  # UTC
    kind: EventKind
    text: str  # one clean line, at most MAX_TEXT characters
    source: str  # the format's name ("pagerduty", "opsgenie", ...), or a CSV's own
    original: str  # the evidence verbatim: the line, row or record summary it was read from
    link: str = ""
    where: str = ""  # where in the input it came from, e.g. "line 12" or "log_entries[3]"
    key: bool = False  # a key moment (a pinned Slack message, or one with the chosen reaction)

    def to_event(self, event_id: str = "") -> TimelineEvent:
        """The model event (the service gives imported events fresh ids when it adds them)."""
        return TimelineEvent(
            event_id, self.at, self.kind, self.text, self.source, self.link, self.original
        )


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What one input yielded: events sorted by time, rejected records and their reasons."""

    events: tuple[ImportedEvent, ...]
    rejected: tuple[tuple[str, str], ...]  # (where, reason)
    format: str
    outside: int = 0  # events dropped by the since/until window
    notes: tuple[str, ...] = ()  # things the user should know, e.g. a timezone assumed

    def timeline_events(self) -> tuple[TimelineEvent, ...]:
        return tuple(event.to_event() for event in self.events)


@dataclass(frozen=True, slots=True)
class Options:
    """Everything a caller may tell an importer; each importer uses what applies to it."""

    tz: tzinfo | None = None  # for times without an offset
    tz_name: str = ""
    channel: str | None = None  # Slack: one channel by name
    since: datetime | None = None
    until: datetime | None = None
    key_reaction: str | None = None  # Slack: messages with this reaction are key moments
    key_only: bool = False  # Slack: keep only key moments
    joins: bool = False  # Slack: keep channel joins and leaves as notes
    reference_date: date | None = None  # syslog: the incident's date completes a yearless stamp
    keep_values: bool = False  # Grafana: keep the query values ("[B=1843, C=1]") in the text
    # After "with an offset, " in the reason for a time not read: how the caller's user names
    # the zone of a time without one (the CLI's --tz, the import dialog's Timezone field).
    zone_advice: str = "or without one, in the timezone given"


@dataclass
class Collector:
    """Gathers one import's events and rejections, applying the since/until window."""

    options: Options
    events: list[ImportedEvent] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    outside: int = 0
    naive_times: int = 0  # read in options.tz because they had no offset
    long_links: int = 0  # left out: longer than the model holds (the original keeps them)

    def add(self, event: ImportedEvent) -> None:
        since, until = self.options.since, self.options.until
        if (since is not None and event.at < since) or (until is not None and event.at > until):
            self.outside += 1
            return
        if len(event.link) > MAX_LINK:
            self.long_links += 1
            event = event._replace(link="")
        self.events.append(event)
        if len(self.events) > MAX_EVENTS:
            # No timeline can take this input, whatever it already holds (an import's
            # duplicates are never more than the timeline holds), so reading on is wasted.
            raise TimelineFull

    def reject(self, where: str, reason: str) -> None:
        self.rejected.append((where, reason))

    def result(self, fmt: str) -> ImportResult:
        notes = list(self.notes)
        if self.naive_times:
            noun = "time" if self.naive_times == 1 else "times"
            notes.append(
                f"{self.naive_times} {noun} without a UTC offset read in {self.options.tz_name}"
            )
        if self.long_links:
            noun = "link" if self.long_links == 1 else "links"
            notes.append(
                f"{self.long_links} {noun} longer than {MAX_LINK:,} characters left out of "
                "the events"
            )
        # sorted() is stable: events at one instant keep the order the evidence lists them in.
        events = tuple(sorted(self.events, key=lambda event: event.at))
        return ImportResult(events, tuple(self.rejected), fmt, self.outside, tuple(notes))


def join_where(where: str, key: str) -> str:
    """A location inside `where`: "alerts[0]", "[2].alerts[0]", "line 3: alerts[0]"."""
    if not where:
        return key
    if where.startswith("line ") and ":" not in where:
        return f"{where}: {key}"
    return f"{where}{key}" if key.startswith("[") else f"{where}.{key}"


def clean_text(raw: str) -> str:
    """One line fit for a timeline row: control characters and runs of space collapsed."""
    if raw.isprintable() and "  " not in raw and len(raw) <= MAX_TEXT:
        return raw.strip()  # the common case, without two regex passes
    text = _SPACES.sub(" ", _CONTROL.sub(" ", raw)).strip()
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1].rstrip() + "…"
    return text


def clip_original(raw: str) -> str:
    if len(raw) > MAX_ORIGINAL:
        return raw[:MAX_ORIGINAL] + f"… [{len(raw) - MAX_ORIGINAL} more characters]"
    return raw


def require_text(raw: str, what: str) -> str:
    text = clean_text(raw)
    if not text:
        raise RowError(f"no {what}")
    return text


def text_field(record: Record, name: str) -> str:
    """A string field of a JSON object; anything else (missing, number, null) reads as ''."""
    value = record.get(name)
    return value if isinstance(value, str) else ""
