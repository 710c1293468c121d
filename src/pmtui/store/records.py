"""Provides the stored form of each model object and the way back.

Stored documents are the interchange dicts plus a `pm` key naming their post-mortem. Reading
trusts pmtui's own writes and so skips the forgiving parsers, which keeps loading 10,000
events fast; a value that does not fit still raises, and the store reports the file as damaged.
"""

from __future__ import annotations

from collections.abc import Container
from datetime import UTC, date, datetime
from itertools import compress, count, islice, repeat
from operator import attrgetter, contains, itemgetter, le, methodcaller
from typing import Any

from pmtui.model.codec import (
    action_to_dict,
    event_to_dict,
    factor_to_dict,
    header_to_dict,
    why_to_dict,
)
from pmtui.model.enums import (
    ActionStatus,
    ActionType,
    CauseCategory,
    EventKind,
    Priority,
    Severity,
    Status,
)
from pmtui.model.format_version import FORMAT_MINOR, minor_of
from pmtui.model.postmortem import (
    SECTION_KEYS,
    ActionItem,
    Attachment,
    ContributingFactor,
    MergeConflict,
    PostMortem,
    RelatedIncident,
    SeenRecord,
    TimelineEvent,
    Waiver,
    WhyChain,
    factors_from_chains,
)
from pmtui.model.stored_events import EventColumns, StoredEvents
from pmtui.model.timeline_facts import TimelineFacts
from pmtui.model.times import EARLIEST, LATEST, parse_iso_utc

Doc = dict[str, Any]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _instant(value: str | None) -> datetime | None:
    return parse_iso_utc(value) if value else None


def event_record(pm_id: str, event: TimelineEvent) -> Doc:
    return {"pm": pm_id, **event_to_dict(event)}


def why_record(pm_id: str, chain: WhyChain) -> Doc:
    return {"pm": pm_id, **why_to_dict(chain)}


def action_record(pm_id: str, action: ActionItem) -> Doc:
    return {"pm": pm_id, **action_to_dict(action)}


def header_record(pm: PostMortem) -> Doc:
    header = header_to_dict(pm)
    # Always written: the store updates a header by merging keys, so a key left out (the
    # interchange omits an empty list) would keep the waivers that were just removed.
    header.setdefault("waivers", [])
    header.setdefault("conflicts", [])  # the same, for merge conflicts resolved
    header.setdefault("attachments", [])  # and for attachments removed
    # A handful per post-mortem, so they travel with the header; always written, so that a
    # header without the key is one from before factors (see postmortem_from_records).
    header["factors"] = [factor_to_dict(factor) for factor in pm.factors]
    # This writer's minor, whatever the post-mortem was read from: a store writes only what
    # this pmtui knows (and refuses a post-mortem from a newer one, see format_version).
    header["format_minor"] = FORMAT_MINOR
    return header


_KIND_OF = {kind.value: kind for kind in EventKind}
_from_iso = datetime.fromisoformat
_AT = itemgetter("at")
_ID = itemgetter("id")
_KIND = itemgetter("kind")
_TEXT = itemgetter("text")
_TZINFO = attrgetter("tzinfo")
_EVENT_AT = attrgetter("at")


def stored_instant(text: str) -> datetime:
    # pmtui writes "...Z", which Python 3.11 reads straight into a UTC datetime: a third of
    # parse_iso_utc's cost, and a 100,000-event timeline reads 100,000 of them.
    moment = _from_iso(text)
    if moment.tzinfo is UTC and EARLIEST <= moment < LATEST:
        return moment
    return parse_iso_utc(text)  # another offset, or out of range: its own message


# A frozen dataclass's __init__ sets each field through object.__setattr__; its slots' own
# setters do the same in half the time, which is 100 ms of reading 100,000 events. The model
# has no __post_init__ to skip (a test holds the two ways equal).
_new = object.__new__
_SET_EVENT_FIELDS = tuple(
    getattr(TimelineEvent, name).__set__
    for name in ("id", "at", "kind", "text", "source", "link", "original", "seen_in")
)


def event_from_record(doc: Doc) -> TimelineEvent:
    get = doc.get
    event = _new(TimelineEvent)
    set_id, set_at, set_kind, set_text, set_source, set_link, set_original, set_seen_in = (
        _SET_EVENT_FIELDS
    )
    set_id(event, doc["id"])
    set_at(event, stored_instant(doc["at"]))
    set_kind(event, _KIND_OF[doc["kind"]])
    set_text(event, doc["text"])
    set_source(event, get("source", "manual"))
    set_link(event, get("link", ""))
    set_original(event, get("original", ""))
    seen = get("seen_in")
    set_seen_in(event, tuple(map(_seen_from_record, seen)) if seen else ())
    return event


def _quick_instants(docs: list[Doc]) -> list[datetime] | None:
    """Each record's instant, read in one pass in C and checked at once (every one in UTC,
    the earliest and latest in range); None when any needs the careful way (another offset,
    a value out of range or of the wrong type)."""
    try:
        instants = list(map(_from_iso, map(_AT, docs)))
    except (KeyError, TypeError, ValueError):
        return None
    if instants and not (
        set(map(_TZINFO, instants)) == {UTC}
        and min(instants) >= EARLIEST
        and max(instants) < LATEST
    ):
        return None
    return instants


def events_from_records(docs: list[Doc]) -> list[TimelineEvent]:
    """[event_from_record(doc) for doc in docs], in time order, at a fraction of the cost:
    the instants are read at once (see _quick_instants) and no function is called per
    event. Anything else takes the careful way."""
    instants = _quick_instants(docs)
    if instants is None:
        events = [event_from_record(doc) for doc in docs]
    else:
        (set_id, set_at, set_kind, set_text, set_source, set_link, set_original, set_seen_in) = (
            _SET_EVENT_FIELDS
        )
        seen_from_record = _seen_from_record
        new, kind_of = _new, _KIND_OF
        events = []
        append = events.append
        for doc, at in zip(docs, instants, strict=True):
            event = new(TimelineEvent)
            get = doc.get
            set_id(event, doc["id"])
            set_at(event, at)
            set_kind(event, kind_of[doc["kind"]])
            set_text(event, doc["text"])
            set_source(event, get("source", "manual"))
            set_link(event, get("link", ""))
            set_original(event, get("original", ""))
            seen = get("seen_in")
            set_seen_in(event, tuple(map(seen_from_record, seen)) if seen else ())
            append(event)
    # Stored order is insertion order; the timeline is always shown by time.
    events.sort(key=_EVENT_AT)
    return events


def stored_events(docs: list[Doc]) -> tuple[TimelineEvent, ...]:
    """tuple(events_from_records(docs)), as a StoredEvents: each field read as a column in
    C (see model.stored_events), the events built only when someone looks at them. Every
    value is read here, so a record that does not fit raises now, as it would being built."""
    instants = _quick_instants(docs)
    if instants is None:
        return tuple(events_from_records(docs))  # the careful way names what is wrong
    # Stored order is insertion order; the timeline is always shown by time (a stable sort,
    # as events_from_records' own).
    if not all(map(le, instants, islice(instants, 1, None))):
        order = sorted(range(len(docs)), key=instants.__getitem__)
        docs = list(map(docs.__getitem__, order))
        instants = list(map(instants.__getitem__, order))
    columns = EventColumns(
        ids=list(map(_ID, docs)),
        ats=instants,
        kinds=list(map(_KIND_OF.__getitem__, map(_KIND, docs))),
        texts=list(map(_TEXT, docs)),
        sources=_column(docs, "source", "manual"),
        links=_column(docs, "link", ""),
        originals=_column(docs, "original", ""),
        # Only a row several sources saw has records: most events skip this.
        seen_in={
            index: tuple(map(_seen_from_record, docs[index]["seen_in"]))
            for index in compress(count(), map(contains, docs, repeat("seen_in")))
            if docs[index]["seen_in"]
        },
    )
    return StoredEvents(columns, events_from_columns)


def _column(docs: list[Doc], key: str, default: str) -> list[str]:
    """Each record's `key`, or `default` where a record lacks it: pmtui writes every one
    (codec.event_to_dict), so they are read by key (a third of the cost of dict.get); a
    file from before the field, or a hand edit, takes the slower way."""
    try:
        return list(map(itemgetter(key), docs))
    except KeyError:
        return list(map(methodcaller("get", key, default), docs))


def events_from_columns(columns: EventColumns) -> tuple[TimelineEvent, ...]:
    """The TimelineEvents whose fields `columns` holds, in its order."""
    (set_id, set_at, set_kind, set_text, set_source, set_link, set_original, set_seen_in) = (
        _SET_EVENT_FIELDS
    )
    new, seen_in = _new, columns.seen_in.get
    events: list[TimelineEvent] = []
    append = events.append
    for index, (id_, at, kind, text, source, link, original) in enumerate(
        zip(
            columns.ids,
            columns.ats,
            columns.kinds,
            columns.texts,
            columns.sources,
            columns.links,
            columns.originals,
            strict=True,
        )
    ):
        event = new(TimelineEvent)
        set_id(event, id_)
        set_at(event, at)
        set_kind(event, kind)
        set_text(event, text)
        set_source(event, source)
        set_link(event, link)
        set_original(event, original)
        set_seen_in(event, seen_in(index, ()))
        append(event)
    return tuple(events)


def _seen_from_record(doc: Doc) -> SeenRecord:
    return SeenRecord(
        stored_instant(doc["at"]),
        _KIND_OF[doc["kind"]],
        doc.get("source", "manual"),
        doc["text"],
        doc.get("link", ""),
        doc.get("original", ""),
    )


def why_from_record(doc: Doc) -> WhyChain:
    category = doc.get("category")
    return WhyChain(
        id=doc["id"],
        problem=doc["problem"],
        answers=tuple(doc.get("answers", ())),
        root_cause=bool(doc.get("root_cause", False)),
        category=CauseCategory(category) if category else None,
        branched_from=doc.get("branched_from", ""),
    )


def factor_from_record(doc: Doc) -> ContributingFactor:
    category = doc.get("category")
    return ContributingFactor(
        id=doc["id"],
        title=doc["title"],
        category=CauseCategory(category) if category else None,
        event_ids=tuple(doc.get("events", ())),
        made_sense=doc.get("made_sense", ""),
        chain_id=doc.get("chain", ""),
    )


def action_from_record(doc: Doc) -> ActionItem:
    return ActionItem(
        id=doc["id"],
        text=doc["text"],
        owner=doc.get("owner", ""),
        due=_date(doc.get("due")),
        priority=Priority(doc["priority"]) if doc.get("priority") else None,
        kind=ActionType(doc["kind"]) if doc.get("kind") else None,
        status=ActionStatus(doc.get("status", "open")),
        tracker=doc.get("tracker", ""),
        completed_on=_date(doc.get("completed_on")),
        # Files from before factors name a why chain, whose factor has the chain's id.
        factor_id=doc["factor"] if "factor" in doc else doc.get("cause", ""),
        customer_text=doc.get("customer_text", ""),  # files from before it existed lack it
        # Files from before tracker sync existed lack both.
        synced_at=_instant(doc.get("synced_at")),
        synced_from=doc.get("synced_from", ""),
        verified_on=_date(doc.get("verified_on")),
        verified_how=doc.get("verified_how", ""),
    )


def waiver_from_record(doc: Doc) -> Waiver:
    return Waiver(
        rule=doc["rule"],
        where=doc["where"],
        reason=doc["reason"],
        waived_by=doc.get("waived_by", ""),
        waived_on=date.fromisoformat(doc["waived_on"]),
    )


def conflict_from_record(doc: Doc) -> MergeConflict:
    return MergeConflict(
        where=doc["where"], kept=doc.get("kept"), other=doc.get("other"), base=doc.get("base")
    )


def attachment_from_record(doc: Doc) -> Attachment:
    return Attachment(
        id=doc["id"],
        sha256=doc["sha256"],
        ext=doc["ext"],
        alt=doc["alt"],
        event_id=doc.get("event", ""),
        section=doc.get("section", ""),
        added_at=parse_iso_utc(doc["added_at"]),
    )


def postmortem_from_records(
    header: Doc,
    events: list[Doc],
    whys: list[Doc],
    actions: list[Doc],
    *,
    events_on_demand: bool = False,
) -> PostMortem:
    """`events_on_demand`: its events as StoredEvents (see stored_events), for a reader
    that looks at the timeline a column at a time (an export)."""
    parsed_events = (
        stored_events(events) if events_on_demand else tuple(events_from_records(events))
    )
    chains = tuple(why_from_record(doc) for doc in whys)
    factors = (
        tuple(factor_from_record(doc) for doc in header["factors"])
        if "factors" in header
        else factors_from_chains(chains)  # a file from before factors: one per chain
    )
    return PostMortem(
        id=header["id"],
        title=header["title"],
        severity=Severity(header["severity"]),
        status=Status(header["status"]),
        owner=header.get("owner", ""),
        attendees=tuple(header.get("attendees", ())),
        services=tuple(header.get("services", ())),
        incident_date=_date(header.get("incident_date")),
        timezone=header.get("timezone", "UTC"),
        created_at=parse_iso_utc(header["created_at"]),
        updated_at=parse_iso_utc(header["updated_at"]),
        events=parsed_events,
        whys=chains,
        factors=factors,
        actions=tuple(action_from_record(doc) for doc in actions),
        # Files written before waivers existed have no such key.
        waivers=tuple(waiver_from_record(doc) for doc in header.get("waivers", ())),
        # Files written before merges existed have no such key either.
        conflicts=tuple(conflict_from_record(doc) for doc in header.get("conflicts", ())),
        # Nor files written before attachments existed.
        attachments=tuple(attachment_from_record(doc) for doc in header.get("attachments", ())),
        # Files written before related incidents existed have no such key.
        related=tuple(
            RelatedIncident(doc.get("title", ""), doc.get("url", ""), doc.get("repeat", False))
            for doc in header.get("related_incidents", ())
        ),
        # And files written before the customer fields existed have none of them.
        customer_title=header.get("customer_title", ""),
        customer_impact_start=_instant(header.get("customer_impact_start")),
        customer_impact_end=_instant(header.get("customer_impact_end")),
        format_minor=_minor(header.get("format_minor")),
        **{key: header.get(key, "") for key in SECTION_KEYS},
    )


def _minor(value: object) -> int:
    minor = minor_of(value)
    if minor is None:
        raise ValueError(f"format_minor {value!r} is not a whole number")
    return minor


def timeline_facts_from_records(
    header: Doc,
    found: list[Doc],
    whys: list[Doc],
    actions: list[Doc],
    event_count: int,
    event_ids: Container[str],
) -> TimelineFacts:
    """TimelineFacts of a post-mortem's records: only the `found` events are built."""
    events = events_from_records(found)
    return TimelineFacts(
        header=postmortem_from_records(header, [], whys, actions),
        event_count=event_count,
        event_ids=event_ids,
        nearby=tuple(events),
    )
