"""Provides evidence grouping: records of one moment seen by several sources become one row.

An incident's page reaches the timeline from Alertmanager, PagerDuty and the Slack bots that
relay them, seconds apart; a rollback is typed in chat, in a pager note and in a CSV. A record
joins a moment when all of these hold:

- it is within WINDOW of one of the moment's records, and the moment spans at most MAX_SPAN;
- it comes from a source the moment does not hold yet (a source's own records are distinct
  moments by definition), except one alert fanned out at one instant to several receivers;
- no milestone of another kind is in the moment, and two milestones of one kind merge only
  when the kind is incident-wide (start, detected, mitigated, resolved: an acknowledgement
  is one person's, so two are two moments);
- it does not state the opposite transition (firing against resolved) of a record there;
- its text agrees with one record there: both name the same alert (a CamelCase rule name
  such as AuthErrorRateHigh), or share at least MIN_SHARED content words making half of the
  shorter text's words, or one names the other's system while both state the same
  transition ("Alert created via API (Grafana)"), or one is an incident-wide milestone the
  other names ("calling it mitigated"), or both are that same milestone.

Incident numbers, times and plain numbers are left out of the words compared: every record
of the incident carries them. Pure functions over the records; nothing here changes a
post-mortem (service.PostMortemService.import_events applies a grouping).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from pmtui.model.enums import MILESTONE_KINDS, EventKind
from pmtui.model.postmortem import SeenRecord, TimelineEvent

WINDOW = timedelta(minutes=2)
MAX_SPAN = timedelta(minutes=5)
MIN_SHARED = 3
# A fan-out is one alert delivered to several receivers: the same instant within this much.
_FAN_OUT = timedelta(seconds=1)

#: Milestones that happen once per incident, whoever records them.
INCIDENT_WIDE = frozenset(
    {EventKind.START, EventKind.DETECTED, EventKind.MITIGATED, EventKind.RESOLVED}
)
_MILESTONE_WORDS = {
    EventKind.DETECTED: "detected",
    EventKind.MITIGATED: "mitigated",
    EventKind.RESOLVED: "resolved",
}
# The systems whose records relay each other; a CSV's or a log's source names nothing.
_SYSTEMS = ("pagerduty", "opsgenie", "alertmanager", "grafana", "slack")
_CHAT = frozenset({"slack"})
_FIRING = frozenset({"firing", "fired", "triggered", "created", "opened", "open"})
_CLEARED = frozenset({"resolved", "cleared", "closed", "recovered", "ok"})
_STOP = (
    frozenset(
        [
            "a",
            "an",
            "and",
            "are",
            "as",
            "at",
            "be",
            "by",
            "for",
            "from",
            "has",
            "have",
            "in",
            "into",
            "is",
            "it",
            "its",
            "of",
            "on",
            "or",
            "the",
            "this",
            "that",
            "to",
            "via",
            "was",
            "were",
            "with",
            "now",
            "not",
            "all",
            "alert",
            "alerts",
            "note",
            "added",
            "sent",
        ]
    )
    | _FIRING
    | _CLEARED
)
_WORD = re.compile(r"[a-z0-9][a-z0-9.%@'_-]*[a-z0-9%]|[a-z]")
_NAME = re.compile(r"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b")
_NUMBERISH = re.compile(r"#?[0-9][0-9:.]*")


class Record(Protocol):
    """A record of a moment: an importer's event, a timeline event or a SeenRecord."""

    @property
    def at(self) -> datetime: ...
    @property
    def kind(self) -> EventKind: ...
    @property
    def text(self) -> str: ...
    @property
    def source(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Grouping:
    """Where each incoming record goes: into a held moment, or into a new one.

    `joins` maps a held moment's index to the incoming indices that join it; `moments` are
    the new moments, each a tuple of incoming indices (one index: a record seen once).
    Every incoming index is in exactly one place.
    """

    joins: dict[int, tuple[int, ...]]
    moments: tuple[tuple[int, ...], ...]

    @property
    def merged(self) -> int:
        """How many incoming records went into a moment another record already had."""
        joined = sum(len(indices) for indices in self.joins.values())
        return joined + sum(len(moment) - 1 for moment in self.moments)


@dataclass(frozen=True, slots=True)
class _Traits:
    source: str
    words: frozenset[str]
    names: frozenset[str]
    transition: str  # "firing", "cleared" or ""
    systems: frozenset[str]  # the systems the text names


def _traits(record: Record) -> _Traits:
    text = record.text
    lowered = text.lower()
    words = frozenset(
        word
        for word in _WORD.findall(lowered)
        if word not in _STOP and not _NUMBERISH.fullmatch(word)
    )
    names = frozenset(name.lower() for name in _NAME.findall(text) if name.lower() not in _SYSTEMS)
    all_words = set(_WORD.findall(lowered))
    firing, cleared = bool(all_words & _FIRING), bool(all_words & _CLEARED)
    transition = "firing" if firing and not cleared else "cleared" if cleared else ""
    systems = frozenset(system for system in _SYSTEMS if system in lowered)
    return _Traits(record.source.strip().lower(), words, names, transition, systems)


@dataclass
class _Moment:
    held: int | None  # the held moment's index, or None for a new one
    records: list[Record]
    traits: list[_Traits]
    incoming: list[int] = field(default_factory=list)

    @property
    def first(self) -> datetime:
        return min(record.at for record in self.records)

    @property
    def last(self) -> datetime:
        return max(record.at for record in self.records)


def _kinds_agree(a: EventKind, b: EventKind) -> bool:
    if a in MILESTONE_KINDS and b in MILESTONE_KINDS:
        return a == b and a in INCIDENT_WIDE
    return True


def _texts_agree(a: Record, ta: _Traits, b: Record, tb: _Traits) -> bool:
    if ta.names & tb.names:
        return True
    shared = len(ta.words & tb.words)
    if shared >= MIN_SHARED and shared * 2 >= min(len(ta.words), len(tb.words)):
        return True
    # "Alert created via API (Grafana)": one system relaying the other's transition.
    names_other = tb.source in ta.systems or ta.source in tb.systems
    if ta.transition and ta.transition == tb.transition and names_other:
        return True
    for one, other in ((a, b), (b, a)):
        if one.kind in INCIDENT_WIDE:
            if other.kind == one.kind:
                return True
            word = _MILESTONE_WORDS.get(one.kind)
            if word and word in _WORD.findall(other.text.lower()):
                return True
    return False


def _fans_out(a: Record, ta: _Traits, b: Record, tb: _Traits) -> bool:
    """One alert delivered to several receivers: one instant, one kind, one alert name."""
    return abs(a.at - b.at) <= _FAN_OUT and a.kind == b.kind and bool(ta.names & tb.names)


def _joins(moment: _Moment, record: Record, traits: _Traits) -> timedelta | None:
    """How close `record` is to `moment` when it may join it, else None."""
    if record.at - moment.first > MAX_SPAN or moment.last - record.at > MAX_SPAN:
        return None
    nearest = min(abs(record.at - other.at) for other in moment.records)
    if nearest > WINDOW:
        return None
    agrees = False
    for other, other_traits in zip(moment.records, moment.traits, strict=True):
        if other_traits.source == traits.source and not _fans_out(
            record, traits, other, other_traits
        ):
            return None
        if not _kinds_agree(record.kind, other.kind):
            return None
        if {traits.transition, other_traits.transition} == {"firing", "cleared"}:
            return None
        agrees = agrees or _texts_agree(record, traits, other, other_traits)
    return nearest if agrees else None


def group_moments(held: Sequence[Sequence[Record]], incoming: Sequence[Record]) -> Grouping:
    """Group `incoming` records with each other and with the `held` moments (each held
    moment is the records of one timeline row). Held moments never merge with each other."""
    held_moments = [
        _Moment(index, list(records), [_traits(r) for r in records])
        for index, records in enumerate(held)
        if records
    ]
    # Held records by instant, so that each incoming record looks only at its window.
    stamps = sorted(
        (record.at, position)
        for position, moment in enumerate(held_moments)
        for record in moment.records
    )
    instants = [at for at, _ in stamps]
    new: list[_Moment] = []
    active: list[_Moment] = []  # new moments whose last record is within WINDOW
    order = sorted(range(len(incoming)), key=lambda index: incoming[index].at)
    for index in order:
        record = incoming[index]
        traits: _Traits | None = None
        low, high = record.at - WINDOW, record.at + WINDOW
        active = [moment for moment in active if moment.last >= low]
        nearby = {
            stamps[i][1] for i in range(bisect_left(instants, low), bisect_right(instants, high))
        }
        candidates = [held_moments[i] for i in sorted(nearby)] + active
        best: tuple[timedelta, _Moment] | None = None
        for moment in candidates:
            traits = traits or _traits(record)
            distance = _joins(moment, record, traits)
            if distance is not None and (best is None or distance < best[0]):
                best = (distance, moment)
        if best is None:
            moment = _Moment(None, [record], [traits or _traits(record)], [index])
            new.append(moment)
            active.append(moment)
            continue
        chosen = best[1]
        chosen.records.append(record)
        chosen.traits.append(traits or _traits(record))
        chosen.incoming.append(index)
    joins = {m.held: tuple(m.incoming) for m in held_moments if m.incoming and m.held is not None}
    return Grouping(joins, tuple(tuple(moment.incoming) for moment in new))


def _rank(record: Record) -> tuple[int, int]:
    """Lower is a better text to show: a milestone, then any kind but a note; the author's
    own words (a CSV, a hand-typed event), then a system's record, then a chat relay."""
    kind = 0 if record.kind in MILESTONE_KINDS else 2 if record.kind is EventKind.NOTE else 1
    source = record.source.strip().lower()
    origin = 2 if source in _CHAT else 1 if source in _SYSTEMS else 0
    return (kind, origin)


_R = TypeVar("_R", bound=Record)


def best_record(records: Sequence[_R]) -> _R:
    """The record whose text a moment's row shows (the earliest among equals)."""
    return min(records, key=lambda record: (*_rank(record), record.at))


def records_of(event: TimelineEvent) -> tuple[SeenRecord, ...]:
    """The records behind a timeline row: its group's, or the event itself seen once."""
    return event.seen_in or (seen_record(event),)


def held_records(events: Iterable[TimelineEvent]) -> list[SeenRecord | TimelineEvent]:
    """Every record a timeline holds, each group's records one by one (for de-duplication:
    a record merged into a row is still held)."""
    held: list[SeenRecord | TimelineEvent] = []
    for event in events:
        if event.seen_in:
            held.extend(event.seen_in)
        else:
            held.append(event)
    return held


def seen_record(event: TimelineEvent) -> SeenRecord:
    return SeenRecord(event.at, event.kind, event.source, event.text, event.link, event.original)


def plan_grouping(held: Sequence[TimelineEvent], incoming: Sequence[Record]) -> Grouping:
    """How `incoming` records group with each other and with the rows of a timeline."""
    return group_moments([records_of(event) for event in held], incoming)


def moment_event(
    event_id: str, records: Iterable[SeenRecord], row: TimelineEvent | None = None
) -> TimelineEvent:
    """The timeline row of one moment: its earliest instant, the best record's kind, text,
    source and link, and every record. A field of the `row` it replaces that no record
    holds was written by the author, and stays."""
    ordered = tuple(sorted(records, key=lambda record: record.at))
    best = best_record(ordered)
    link = best.link or next((record.link for record in ordered if record.link), "")
    event = TimelineEvent(
        event_id,
        ordered[0].at,
        best.kind,
        best.text,
        best.source,
        link,
        best.original,
        ordered,
    )
    if row is None:
        return event
    kept = {
        name: getattr(row, name)
        for name in ("kind", "text", "source", "link")
        if all(getattr(record, name) != getattr(row, name) for record in ordered)
    }
    return replace(event, **kept) if kept else event


def split_moment(row: TimelineEvent, ids: Sequence[str]) -> tuple[TimelineEvent, ...]:
    """The events a grouped row's records become: the record the row shows keeps the row's
    id, kind, text and link (the author may have edited them); the others take `ids`."""
    shown = best_record(row.seen_in)
    fresh = iter(ids)
    events = []
    for record in row.seen_in:
        if record is shown:
            events.append(
                TimelineEvent(
                    row.id, record.at, row.kind, row.text, row.source, row.link, record.original
                )
            )
        else:
            events.append(
                TimelineEvent(
                    next(fresh),
                    record.at,
                    record.kind,
                    record.text,
                    record.source,
                    record.link,
                    record.original,
                )
            )
    return tuple(events)
