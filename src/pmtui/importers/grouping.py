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
  such as AuthErrorRateHigh, not a product's such as MySQL), or share at least MIN_SHARED
  content words making half of the shorter text's words, or one names the other's system
  while both state the same transition ("Alert created via API (Grafana)"), or one is an
  incident-wide milestone the other names ("calling it mitigated"), or both are that same
  milestone.

Incident numbers, times and plain numbers are left out of the words compared: every record
of the incident carries them. A record is compared with the NEAREST records in time on each
side only, so a 100,000-line log groups in linear time. Pure functions over the records;
nothing here changes a post-mortem (service.PostMortemService.import_evidence applies one).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

from pmtui.model.enums import MILESTONE_KINDS, EventKind
from pmtui.model.evidence import Record
from pmtui.model.postmortem import SeenRecord, TimelineEvent

WINDOW = timedelta(minutes=2)
MAX_SPAN = timedelta(minutes=5)
#: How far from an incoming record a held row can start and still matter to it: a row's
#: records follow its instant by up to MAX_SPAN, and one within WINDOW can take the record.
REACH = WINDOW + MAX_SPAN
MIN_SHARED = 3
# A fan-out is one alert delivered to several receivers: the same instant within this much.
#: Records looked at on each side of an incoming one: the nearest in time. A moment has a
#: few records; a 100,000-line log has thousands within WINDOW, none of them another source.
NEAREST = 16

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
# A token whose case changes within it: AuthErrorRateHigh, CPUThrottlingHigh, MySQL.
_CAMEL = re.compile(
    r"\b[A-Za-z][A-Za-z0-9]*[a-z0-9][A-Z][A-Za-z0-9]*\b|\b[A-Z]{2,}[a-z][A-Za-z0-9]*\b"
)
# Its words: an acronym before a capitalised word is one word (CPU in CPUThrottlingHigh).
_CAMEL_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+")
_NUMBERISH = re.compile(r"#?[0-9][0-9:.]*")


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
    names = frozenset(
        name.lower()
        for name in _CAMEL.findall(text)
        if _is_alert_name(name) and name.lower() not in _SYSTEMS
    )
    all_words = set(_WORD.findall(lowered))
    firing, cleared = bool(all_words & _FIRING), bool(all_words & _CLEARED)
    transition = "firing" if firing and not cleared else "cleared" if cleared else ""
    systems = frozenset(system for system in _SYSTEMS if system in lowered)
    return _Traits(record.source.strip().lower(), words, names, transition, systems)


def _is_alert_name(token: str) -> bool:
    """Whether a CamelCase token reads as a rule's name (AuthErrorRateHigh, NodeDown), not a
    product's (MySQL, PostgreSQL, DynamoDB): three words or more, or two capitalised ones.
    "MySQL" named by an alert and by a person's chat message at the same minute merged the
    two, and the person's words left the document (mock 31b)."""
    parts = _CAMEL_PART.findall(token)
    if len(parts) >= 3:
        return True
    return len(parts) == 2 and all(part[:1].isupper() and part[1:].islower() for part in parts)


def _source(record: Record) -> str:
    return record.source.strip().lower()


@dataclass
class _Moment:
    held: int | None  # the held moment's index, or None for a new one
    records: list[Record]
    incoming: list[int] = field(default_factory=list)
    # Tokenised only when a record comes near: a 100,000-event timeline is mostly never read.
    _traits: list[_Traits | None] = field(init=False)
    sources: set[str] = field(init=False)
    first: datetime = field(init=False)
    last: datetime = field(init=False)

    def __post_init__(self) -> None:
        self._traits = [None] * len(self.records)
        self.sources = {_source(record) for record in self.records}
        self.first = min(record.at for record in self.records)
        self.last = max(record.at for record in self.records)

    def traits(self, index: int) -> _Traits:
        found = self._traits[index]
        if found is None:
            found = self._traits[index] = _traits(self.records[index])
        return found

    def add(self, record: Record, traits: _Traits, index: int) -> None:
        self.records.append(record)
        self._traits.append(traits)
        self.incoming.append(index)
        self.sources.add(traits.source)
        self.first, self.last = min(self.first, record.at), max(self.last, record.at)


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


def _may_fan_out(moment: _Moment, record: Record) -> bool:
    """Whether `record` may be one alert sent to several receivers with a record of
    `moment`: the same instant and kind (the alert name is checked in _joins)."""
    return any(other.at == record.at and other.kind == record.kind for other in moment.records)


def _joins(moment: _Moment, record: Record, traits: _Traits) -> timedelta | None:
    """How close `record` is to `moment` when it may join it, else None."""
    if record.at - moment.first > MAX_SPAN or moment.last - record.at > MAX_SPAN:
        return None
    nearest = min(abs(record.at - other.at) for other in moment.records)
    if nearest > WINDOW:
        return None
    agrees = False
    for index, other in enumerate(moment.records):
        other_traits = moment.traits(index)
        if other_traits.source == traits.source and not (
            other.at == record.at
            and other.kind == record.kind
            and traits.names & other_traits.names
        ):
            return None
        if not _kinds_agree(record.kind, other.kind):
            return None
        if {traits.transition, other_traits.transition} == {"firing", "cleared"}:
            return None
        agrees = agrees or _texts_agree(record, traits, other, other_traits)
    return nearest if agrees else None


def _nearest(stamps: list[datetime], record: Record) -> range:
    """Positions in `stamps` (sorted) within WINDOW of `record`, at most NEAREST either side."""
    low = bisect_left(stamps, record.at - WINDOW)
    high = bisect_right(stamps, record.at + WINDOW)
    middle = bisect_left(stamps, record.at, low, high)
    return range(max(low, middle - NEAREST), min(high, middle + NEAREST))


def _in_time_order(records: Sequence[Record]) -> Sequence[int]:
    """The indices of `records` by time (an import's are already in order: not sorted again)."""
    if all(records[i].at <= records[i + 1].at for i in range(len(records) - 1)):
        return range(len(records))
    return sorted(range(len(records)), key=lambda index: records[index].at)


def _one_source_alone(
    incoming: Sequence[Record], held_at: list[datetime], held_of: list[_Moment]
) -> bool:
    """Whether every incoming record and every held one near them share one source: then
    only an alert fanned out to several receivers can merge (a 100,000-line log, fast)."""
    if not incoming:
        return True
    sources = {_source(record) for record in incoming}
    if len(sources) > 1:
        return False
    first = min(record.at for record in incoming) - WINDOW
    last = max(record.at for record in incoming) + WINDOW
    nearby = range(bisect_left(held_at, first), bisect_right(held_at, last))
    return all(held_of[position].sources <= sources for position in nearby)


def _fan_outs_only(
    incoming: Sequence[Record],
    held_at: list[datetime],
    held_of: list[_Moment],
    held_moments: list[_Moment],
) -> Grouping:
    """group_moments when one source is alone (see _one_source_alone): a record joins the
    first moment holding a record of the same instant and kind that names the same alert."""
    moments: list[list[int]] = []
    # Plain lists, not _Moment: most records of a log are alone at their instant.
    at_instant: dict[datetime, list[list[int]]] = {}
    traits: dict[int, _Traits] = {}

    def traits_of(index: int) -> _Traits:
        if index not in traits:
            traits[index] = _traits(incoming[index])
        return traits[index]

    def fans_out(record: Record, names: frozenset[str], other: Record, other_names: Any) -> bool:
        return other.at == record.at and other.kind == record.kind and bool(names & other_names)

    for index in _in_time_order(incoming):
        record = incoming[index]
        at = record.at
        start, end = bisect_left(held_at, at), bisect_right(held_at, at)
        same = at_instant.get(at)
        if start == end and not same:
            moment = [index]
            moments.append(moment)
            at_instant[at] = [moment]
            continue
        names = traits_of(index).names
        joined = False
        for position in range(start, end):
            held = held_of[position]
            if any(
                fans_out(record, names, other, held.traits(number).names)
                for number, other in enumerate(held.records)
            ):
                held.add(record, traits_of(index), index)
                joined = True
                break
        for moment in () if joined else same or ():
            if any(fans_out(record, names, incoming[i], traits_of(i).names) for i in moment):
                moment.append(index)
                joined = True
                break
        if not joined:
            moment = [index]
            moments.append(moment)
            at_instant.setdefault(at, []).append(moment)
    joins = {m.held: tuple(m.incoming) for m in held_moments if m.incoming and m.held is not None}
    return Grouping(joins, tuple(tuple(moment) for moment in moments))


def group_moments(held: Sequence[Sequence[Record]], incoming: Sequence[Record]) -> Grouping:
    """Group `incoming` records with each other and with the `held` moments (each held
    moment is the records of one timeline row). Held moments never merge with each other."""
    held_moments = [_Moment(index, list(records)) for index, records in enumerate(held) if records]
    # Every record by instant, so that each incoming record looks only at its neighbours.
    pairs = sorted(
        ((record.at, position) for position, m in enumerate(held_moments) for record in m.records),
        key=lambda pair: pair[0],
    )
    held_at = [at for at, _ in pairs]
    held_of = [held_moments[position] for _, position in pairs]
    if _one_source_alone(incoming, held_at, held_of):
        return _fan_outs_only(incoming, held_at, held_of, held_moments)
    new: list[_Moment] = []
    new_at: list[datetime] = []  # each incoming record's instant, in the order handled
    new_of: list[_Moment] = []  # ... and the moment it went to
    for index in _in_time_order(incoming):
        record = incoming[index]
        source = _source(record)
        candidates: dict[int, _Moment] = {}
        for stamps, moments in ((held_at, held_of), (new_at, new_of)):
            for position in _nearest(stamps, record):
                moment = moments[position]
                # A source's own records are distinct moments, but for a fan-out.
                if source not in moment.sources or (
                    moment.first <= record.at <= moment.last and _may_fan_out(moment, record)
                ):
                    candidates[id(moment)] = moment
        traits = _traits(record) if candidates else None
        best: tuple[timedelta, _Moment] | None = None
        for moment in candidates.values():
            assert traits is not None
            distance = _joins(moment, record, traits)
            if distance is not None and (best is None or distance < best[0]):
                best = (distance, moment)
        if best is None:
            chosen = _Moment(None, [record], [index])
            new.append(chosen)
        else:
            chosen = best[1]
            chosen.add(record, traits or _traits(record), index)
        new_at.append(record.at)
        new_of.append(chosen)
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


@dataclass(frozen=True, slots=True)
class GroupedRows:
    """What adding records to a timeline writes: the held rows records joined (by their
    index among the held events, each the row with its new records) and the new rows."""

    joined: dict[int, TimelineEvent]
    rows: tuple[TimelineEvent, ...]
    merged: int  # as Grouping.merged


def grouped_rows(held: Sequence[TimelineEvent], added: Sequence[TimelineEvent]) -> GroupedRows:
    """`added` events (fresh ids) grouped with each other and with the `held` rows."""
    grouping = plan_grouping(held, added)
    if not grouping.merged:
        return GroupedRows({}, tuple(added), 0)
    joined = {}
    for index, incoming in grouping.joins.items():
        row = held[index]
        records = (*records_of(row), *(seen_record(added[i]) for i in incoming))
        joined[index] = moment_event(row.id, records, row)
    rows = tuple(
        added[moment[0]]
        if len(moment) == 1
        else moment_event(added[moment[0]].id, [seen_record(added[i]) for i in moment])
        for moment in grouping.moments
    )
    return GroupedRows(joined, rows, grouping.merged)


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
