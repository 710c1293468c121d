"""Provides the pmtui/1 interchange form of a post-mortem: model to plain dicts and back.

Reading is liberal (aliases, local times, missing optional fields take defaults) but every
value is validated; a bad one raises ValidationError naming the item and field, e.g.
"action_items[2].due".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from pmtui.model.enums import (
    ActionStatus,
    ActionType,
    CauseCategory,
    EventKind,
    Priority,
    Severity,
    Status,
    parse_enum,
    parse_optional_enum,
)
from pmtui.model.errors import ValidationError
from pmtui.model.format_version import FORMAT, FORMAT_MINOR, minor_of
from pmtui.model.postmortem import (
    ATTACHMENT_KINDS,
    CUSTOMER_WINDOW,
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
    check_customer_window,
    factors_from_chains,
    new_id,
    optional_text,
    require_text,
)
from pmtui.model.text import scrub
from pmtui.model.timeline_size import check_room
from pmtui.model.times import (
    iso_utc,
    needs_anchor,
    parse_due,
    parse_instant,
    parse_iso_utc,
    parse_timezone,
)


def _date_or_none(value: date | None) -> str | None:
    return value.isoformat() if value else None


def seen_to_dict(record: SeenRecord) -> dict[str, Any]:
    return {
        "at": iso_utc(record.at),
        "kind": record.kind.value,
        "source": record.source,
        "text": record.text,
        "link": record.link,
        "original": record.original,
    }


def event_to_dict(event: TimelineEvent) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": event.id,
        "at": iso_utc(event.at),
        "kind": event.kind.value,
        "text": event.text,
        "source": event.source,
        "link": event.link,
        "original": event.original,
    }
    if event.seen_in:  # left out when empty, so a file without groups reads as it always did
        data["seen_in"] = [seen_to_dict(record) for record in event.seen_in]
    return data


def why_to_dict(chain: WhyChain) -> dict[str, Any]:
    return {
        "id": chain.id,
        "problem": chain.problem,
        "answers": list(chain.answers),
        "root_cause": chain.root_cause,
        "category": chain.category.value if chain.category else None,
        "branched_from": chain.branched_from,
    }


def factor_to_dict(factor: ContributingFactor) -> dict[str, Any]:
    return {
        "id": factor.id,
        "title": factor.title,
        "category": factor.category.value if factor.category else None,
        "events": list(factor.event_ids),
        "made_sense": factor.made_sense,
        "chain": factor.chain_id,
    }


def action_to_dict(action: ActionItem) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": action.id,
        "text": action.text,
        "owner": action.owner,
        "due": _date_or_none(action.due),
        "priority": action.priority.value if action.priority else None,
        "kind": action.kind.value if action.kind else None,
        "status": action.status.value,
        "tracker": action.tracker,
        "completed_on": _date_or_none(action.completed_on),
        "factor": action.factor_id,
        "customer_text": action.customer_text,
        "verified_on": _date_or_none(action.verified_on),
        "verified_how": action.verified_how,
    }
    # Written only once a sync has happened: files of teams that never sync stay as they were.
    if action.synced_at is not None:
        data["synced_at"] = iso_utc(action.synced_at)
    if action.synced_from:
        data["synced_from"] = action.synced_from
    return data


def related_to_dict(link: RelatedIncident) -> dict[str, Any]:
    # "repeat" only when true: files and merges from before it existed stay byte-identical,
    # and an older pmtui reading a newer file loses only the flag.
    data: dict[str, Any] = {"title": link.title, "url": link.url}
    if link.repeat:
        data["repeat"] = True
    return data


def waiver_to_dict(waiver: Waiver) -> dict[str, Any]:
    return {
        "rule": waiver.rule,
        "where": waiver.where,
        "reason": waiver.reason,
        "waived_by": waiver.waived_by,
        "waived_on": waiver.waived_on.isoformat(),
    }


def conflict_to_dict(conflict: MergeConflict) -> dict[str, Any]:
    return {
        "where": conflict.where,
        "kept": conflict.kept,
        "other": conflict.other,
        "base": conflict.base,
    }


def attachment_to_dict(attachment: Attachment) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": attachment.id,
        "sha256": attachment.sha256,
        "ext": attachment.ext,
        "alt": attachment.alt,
    }
    # One of the two: the other key is left out, so a reader sees at once where it belongs.
    if attachment.event_id:
        data["event"] = attachment.event_id
    else:
        data["section"] = attachment.section
    data["added_at"] = iso_utc(attachment.added_at)
    return data


def header_to_dict(pm: PostMortem) -> dict[str, Any]:
    """Everything but the three lists: the header fields, narrative sections, waivers and
    merge conflicts."""
    data: dict[str, Any] = {
        "id": pm.id,
        "title": pm.title,
        "severity": pm.severity.value,
        "status": pm.status.value,
        "owner": pm.owner,
        "attendees": list(pm.attendees),
        "services": list(pm.services),
        "incident_date": _date_or_none(pm.incident_date),
        "timezone": pm.timezone,
    }
    for key in SECTION_KEYS:
        data[key] = getattr(pm, key)
    data["related_incidents"] = [related_to_dict(link) for link in pm.related]
    data["customer_title"] = pm.customer_title
    for key in CUSTOMER_WINDOW:
        moment = getattr(pm, key)
        data[key] = iso_utc(moment) if moment is not None else None
    data["created_at"] = iso_utc(pm.created_at)
    data["updated_at"] = iso_utc(pm.updated_at)
    if pm.waivers:  # left out when empty, so documents without any read as before
        data["waivers"] = [waiver_to_dict(w) for w in pm.waivers]
    if pm.conflicts:  # likewise: only a merge that clashed writes them
        data["conflicts"] = [conflict_to_dict(c) for c in pm.conflicts]
    if pm.attachments:  # likewise: files from before attachments existed read as before
        data["attachments"] = [attachment_to_dict(a) for a in pm.attachments]
    return data


def postmortem_to_dict(pm: PostMortem) -> dict[str, Any]:
    """The interchange document (without the read-only metrics an export adds)."""
    header = header_to_dict(pm)
    waivers = header.pop("waivers", None)
    conflicts = header.pop("conflicts", None)
    attachments = header.pop("attachments", None)
    document = {
        "format": FORMAT,
        "format_minor": FORMAT_MINOR,
        **header,
        "timeline": [event_to_dict(e) for e in pm.events],
        "factors": [factor_to_dict(f) for f in pm.factors],
        "whys": [why_to_dict(c) for c in pm.whys],
        "action_items": [action_to_dict(a) for a in pm.actions],
    }
    if waivers:
        document["waivers"] = waivers  # after the lists they refer to, for a reader
    if conflicts:
        document["conflicts"] = conflicts
    if attachments:
        document["attachments"] = attachments  # after the timeline their events are in
    return document


# Reading ------------------------------------------------------------------------------


def _list(value: object, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError(f"expected a list, got {type(value).__name__}", where)
    return value


def parse_names(value: object, where: str, *, split_entries: bool = False) -> tuple[str, ...]:
    """A list of names, or one comma-separated string of them; blanks are dropped.

    `split_entries`: an entry holding commas is the names it separates, as typed by a person
    (the roll call took "Lena Fischer, Omar Haddad" as one attendee, offered as one owner
    until the Overview's comma-separated field split it on its next save; mock meeting 19b).
    A file's entries are read as they are: its round trip is lossless."""
    if isinstance(value, str):
        value = value.split(",")
    items = _list(list(value) if isinstance(value, tuple) else value, where)
    names = []
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise ValidationError("expected text", f"{where}[{index}]")
        for part in item.split(",") if split_entries else (item,):
            name = optional_text(part, f"{where}[{index}]")
            if name:
                names.append(name)
    return tuple(names)


def _optional_date(value: object, where: str, today: date) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValidationError("expected a date such as 2025-04-01", where)
    return parse_due(value, today, where)


def _stamp(value: object, where: str, default: datetime) -> datetime:
    if value in (None, ""):
        return default
    if not isinstance(value, str):
        raise ValidationError("expected an ISO-8601 time with an offset", where)
    try:
        return parse_iso_utc(value)
    except ValueError:
        raise ValidationError(f"{value!r} is not an ISO-8601 time with an offset", where) from None


def _optional_stamp(value: object, where: str) -> datetime | None:
    """An optional ISO-8601 instant; files from before the field existed lack it."""
    if value in (None, ""):
        return None
    return _stamp(value, where, datetime.min)


class _Ids:
    """Keeps ids from the file where they are usable, mints new ones where not."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def take(self, value: object) -> str:
        candidate = value.strip() if isinstance(value, str) else ""
        # An id shows in lists and CSV too: one that the door would change is replaced.
        clean = scrub(candidate, multi_line=False) == candidate
        usable = bool(candidate) and clean and len(candidate) <= 64
        if not usable or candidate in self.seen:
            candidate = new_id()
            while candidate in self.seen:
                candidate = new_id()
        self.seen.add(candidate)
        return candidate


def _mapping(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError(f"expected an object, got {type(value).__name__}", where)
    return value


def events_from_dicts(
    items: Iterable[object],
    zone: tzinfo,
    *,
    anchor: datetime | None,
    now: datetime,
    prefix: str = "timeline",
) -> tuple[TimelineEvent, ...]:
    """Read timeline entries. A bare clock time or '+5m' counts from the previous entry
    (or from `anchor`, the incident date's local midnight)."""
    ids = _Ids()
    events = []
    previous = anchor
    for index, item in enumerate(items):
        where = f"{prefix}[{index}]"
        raw = _mapping(item, where)
        at_text = raw.get("at", raw.get("time"))
        if previous is None and isinstance(at_text, str) and needs_anchor(at_text):
            raise ValidationError(
                "a time without a date needs an incident_date or an earlier dated entry",
                f"{where}.at",
            )
        at = parse_instant(
            at_text if isinstance(at_text, str) else "",
            zone,
            now=now,
            anchor=previous,
            where=f"{where}.at",
        )
        previous = at
        events.append(
            TimelineEvent(
                id=ids.take(raw.get("id")),
                at=at,
                kind=parse_enum(EventKind, raw.get("kind", "note"), f"{where}.kind"),
                text=require_text(raw.get("text"), f"{where}.text", "the event text"),
                source=optional_text(raw.get("source", "manual"), f"{where}.source") or "manual",
                link=optional_text(raw.get("link"), f"{where}.link"),
                original=optional_text(raw.get("original"), f"{where}.original"),
                seen_in=seen_from_dicts(raw.get("seen_in"), f"{where}.seen_in"),
            )
        )
    return tuple(sorted(events, key=lambda event: event.at))


def seen_from_dicts(value: object, where: str) -> tuple[SeenRecord, ...]:
    """The records of a grouped event (a file without them, before groups, reads as none)."""
    if value is None:
        return ()
    records = []
    for index, item in enumerate(_list(value, where)):
        at_where = f"{where}[{index}]"
        raw = _mapping(item, at_where)
        try:
            at = parse_iso_utc(str(raw.get("at", "")))
        except ValueError as error:
            raise ValidationError(
                f"not a time with its UTC offset ({error})", f"{at_where}.at"
            ) from None
        records.append(
            SeenRecord(
                at=at,
                kind=parse_enum(EventKind, raw.get("kind", "note"), f"{at_where}.kind"),
                source=optional_text(raw.get("source"), f"{at_where}.source") or "manual",
                text=require_text(raw.get("text"), f"{at_where}.text", "the record's text"),
                link=optional_text(raw.get("link"), f"{at_where}.link"),
                original=optional_text(raw.get("original"), f"{at_where}.original"),
            )
        )
    return tuple(sorted(records, key=lambda record: record.at))


def whys_from_dicts(items: Iterable[object], prefix: str = "whys") -> tuple[WhyChain, ...]:
    ids = _Ids()
    chains = []
    for index, item in enumerate(items):
        where = f"{prefix}[{index}]"
        raw = _mapping(item, where)
        answers = []
        for number, answer in enumerate(_list(raw.get("answers"), f"{where}.answers")):
            answers.append(require_text(answer, f"{where}.answers[{number}]", "an answer"))
        category_value = raw.get("category")
        category = (
            None
            if category_value in (None, "")
            else parse_enum(CauseCategory, category_value, f"{where}.category")
        )
        root_cause = raw.get("root_cause")
        if root_cause is None:
            root_cause = category is not None and bool(answers)
        if not isinstance(root_cause, bool):
            raise ValidationError("expected true or false", f"{where}.root_cause")
        if root_cause and not answers:
            raise ValidationError("a root cause needs at least one answer", f"{where}.root_cause")
        if root_cause and category is None:
            raise ValidationError("a root cause needs a category", f"{where}.category")
        chains.append(
            WhyChain(
                id=ids.take(raw.get("id")),
                problem=require_text(raw.get("problem"), f"{where}.problem", "the problem"),
                answers=tuple(answers),
                root_cause=root_cause,
                category=category,
                branched_from=optional_text(raw.get("branched_from"), f"{where}.branched_from"),
            )
        )
    return tuple(chains)


def factors_from_dicts(
    items: Iterable[object],
    whys: tuple[WhyChain, ...],
    event_ids: frozenset[str],
    prefix: str = "factors",
) -> tuple[ContributingFactor, ...]:
    """Read contributing factors; each event and chain they name must be in the document."""
    ids = _Ids()
    chain_ids = {chain.id for chain in whys}
    drilled: set[str] = set()
    factors = []
    for index, item in enumerate(items):
        where = f"{prefix}[{index}]"
        raw = _mapping(item, where)
        linked: list[str] = []
        for number, value in enumerate(_list(raw.get("events"), f"{where}.events")):
            event_id = optional_text(value, f"{where}.events[{number}]")
            if event_id not in event_ids:
                raise ValidationError(
                    f"no timeline event has the id {event_id!r}", f"{where}.events[{number}]"
                )
            if event_id not in linked:
                linked.append(event_id)
        chain = optional_text(raw.get("chain", raw.get("chain_id")), f"{where}.chain")
        if chain and chain not in chain_ids:
            raise ValidationError(f"no why chain has the id {chain!r}", f"{where}.chain")
        if chain and chain in drilled:
            raise ValidationError("another factor already drills into this chain", f"{where}.chain")
        drilled.add(chain)
        factors.append(
            ContributingFactor(
                id=ids.take(raw.get("id")),
                title=require_text(raw.get("title"), f"{where}.title", "the factor"),
                category=parse_optional_enum(
                    CauseCategory, raw.get("category") or None, f"{where}.category"
                ),
                event_ids=tuple(linked),
                made_sense=optional_text(raw.get("made_sense"), f"{where}.made_sense"),
                chain_id=chain,
            )
        )
    return tuple(factors)


def _factor_of(
    raw: Mapping[str, Any],
    factors: tuple[ContributingFactor, ...],
    whys: tuple[WhyChain, ...],
    where: str,
) -> str:
    """The factor an action addresses: `factor` (an id or an index), or, in a file from
    before factors, `cause` (a why chain's id or index), which names the chain's factor."""
    if "factor" in raw or "factor_id" in raw:
        value = raw.get("factor", raw.get("factor_id"))
        if isinstance(value, int) and not isinstance(value, bool):
            if not 0 <= value < len(factors):
                raise ValidationError(f"there is no factor number {value}", f"{where}.factor")
            return factors[value].id
        factor_id = optional_text(value, f"{where}.factor")
        if factor_id and factor_id not in {f.id for f in factors}:
            raise ValidationError(f"no factor has the id {factor_id!r}", f"{where}.factor")
        return factor_id
    cause = raw.get("cause", raw.get("cause_id", ""))
    if isinstance(cause, int) and not isinstance(cause, bool):
        if not 0 <= cause < len(whys):
            raise ValidationError(f"there is no why chain number {cause}", f"{where}.cause")
        cause = whys[cause].id
    cause = optional_text(cause, f"{where}.cause")
    if not cause:
        return ""
    if cause not in {chain.id for chain in whys}:
        raise ValidationError(f"no why chain has the id {cause!r}", f"{where}.cause")
    factor = next((f for f in factors if f.chain_id == cause), None)
    if factor is None:
        raise ValidationError(f"no factor drills into why chain {cause!r}", f"{where}.cause")
    return factor.id


def actions_from_dicts(
    items: Iterable[object],
    whys: tuple[WhyChain, ...],
    *,
    today: date,
    factors: tuple[ContributingFactor, ...] | None = None,
    prefix: str = "action_items",
) -> tuple[ActionItem, ...]:
    """Read action items; `factors` None means those of a file from before factors (one
    per why chain)."""
    ids = _Ids()
    known = factors_from_chains(whys) if factors is None else factors
    actions = []
    for index, item in enumerate(items):
        where = f"{prefix}[{index}]"
        raw = _mapping(item, where)
        kind_value = raw.get("kind", raw.get("type"))
        verified_on = _optional_date(raw.get("verified_on"), f"{where}.verified_on", today)
        verified_how = optional_text(raw.get("verified_how"), f"{where}.verified_how")
        if verified_how and verified_on is None:
            raise ValidationError("say when it was verified", f"{where}.verified_on")
        if verified_on is not None and not verified_how:
            raise ValidationError("say how it was verified", f"{where}.verified_how")
        actions.append(
            ActionItem(
                id=ids.take(raw.get("id")),
                text=require_text(raw.get("text"), f"{where}.text", "the action text"),
                owner=optional_text(raw.get("owner"), f"{where}.owner"),
                due=_optional_date(raw.get("due"), f"{where}.due", today),
                priority=parse_optional_enum(Priority, raw.get("priority"), f"{where}.priority"),
                kind=parse_optional_enum(ActionType, kind_value, f"{where}.kind"),
                status=parse_enum(ActionStatus, raw.get("status", "open"), f"{where}.status"),
                tracker=optional_text(raw.get("tracker"), f"{where}.tracker"),
                completed_on=_optional_date(
                    raw.get("completed_on"), f"{where}.completed_on", today
                ),
                factor_id=_factor_of(raw, known, whys, where),
                customer_text=optional_text(raw.get("customer_text"), f"{where}.customer_text"),
                synced_at=_optional_stamp(raw.get("synced_at"), f"{where}.synced_at"),
                synced_from=optional_text(raw.get("synced_from"), f"{where}.synced_from"),
                verified_on=verified_on,
                verified_how=verified_how,
            )
        )
    return tuple(actions)


def related_from_dicts(
    items: Iterable[object], prefix: str = "related_incidents"
) -> tuple[RelatedIncident, ...]:
    """Related incidents, each a title (or id) and a URL; one of the two may be empty;
    "repeat" (default false) marks this incident as a repeat of that one."""
    related = []
    for index, item in enumerate(items):
        where = f"{prefix}[{index}]"
        raw = _mapping(item, where)
        title = optional_text(raw.get("title"), f"{where}.title")
        url = optional_text(raw.get("url"), f"{where}.url")
        if not title and not url:
            raise ValidationError("a related incident needs a title or a URL", where)
        repeat = raw.get("repeat", False)
        if not isinstance(repeat, bool):
            raise ValidationError("expected true or false", f"{where}.repeat")
        related.append(RelatedIncident(title=title, url=url, repeat=repeat))
    return tuple(related)


def waivers_from_dicts(
    items: Iterable[object], *, today: date, prefix: str = "waivers"
) -> tuple[Waiver, ...]:
    """Read waivers; a later one for the same finding replaces an earlier one."""
    waivers: dict[tuple[str, str], Waiver] = {}
    for index, item in enumerate(items):
        where = f"{prefix}[{index}]"
        raw = _mapping(item, where)
        waiver = Waiver(
            rule=require_text(raw.get("rule"), f"{where}.rule", "the rule"),
            where=require_text(raw.get("where"), f"{where}.where", "where the finding is"),
            reason=require_text(raw.get("reason"), f"{where}.reason", "a reason"),
            waived_by=optional_text(raw.get("waived_by"), f"{where}.waived_by"),
            waived_on=_optional_date(raw.get("waived_on"), f"{where}.waived_on", today) or today,
        )
        waivers[(waiver.rule, waiver.where)] = waiver
    return tuple(waivers.values())


_SHA256 = re.compile(r"[0-9a-f]{64}")


def attachments_from_dicts(
    items: Iterable[object], *, now: datetime, prefix: str = "attachments"
) -> tuple[Attachment, ...]:
    """Read attachment records. The hash and extension become a file name, so they are
    checked strictly: nothing but 64 hex digits and one of ATTACHMENT_KINDS can name a path.
    An event id that no event has is kept (the event may come back with an undo or a
    merge); the attachment is then shown with the document, not lost."""
    ids = _Ids()
    attachments = []
    for index, item in enumerate(items):
        where = f"{prefix}[{index}]"
        raw = _mapping(item, where)
        sha256 = raw.get("sha256")
        if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256.lower()):
            raise ValidationError("expected a SHA-256 as 64 hex digits", f"{where}.sha256")
        ext = raw.get("ext")
        if not isinstance(ext, str) or ext.lower() not in ATTACHMENT_KINDS:
            kinds = ", ".join(ATTACHMENT_KINDS)
            raise ValidationError(f"expected one of {kinds}", f"{where}.ext")
        event_id = optional_text(raw.get("event"), f"{where}.event")
        section = optional_text(raw.get("section"), f"{where}.section")
        if bool(event_id) == bool(section):
            raise ValidationError("an attachment needs either an event or a section", where)
        if section and section not in SECTION_KEYS:
            raise ValidationError(f"{section!r} is not a narrative section", f"{where}.section")
        attachments.append(
            Attachment(
                id=ids.take(raw.get("id")),
                sha256=sha256.lower(),
                ext=ext.lower(),
                alt=require_text(raw.get("alt"), f"{where}.alt", "alt text"),
                event_id=event_id,
                section=section,
                added_at=_stamp(raw.get("added_at"), f"{where}.added_at", now),
            )
        )
    return tuple(attachments)


def _json_value(value: object, where: str, depth: int = 0) -> Any:
    """A value of a merge conflict: any JSON value no deeper than an item (an action, a why
    chain with its answers), its texts through the model's door (a conflict may hold a
    narrative section, so line breaks are kept)."""
    if depth > 3:
        raise ValidationError("nests too deeply for a value of a post-mortem", where)
    if isinstance(value, str):
        return scrub(value, multi_line=True)
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, list):
        return [
            _json_value(item, f"{where}[{index}]", depth + 1) for index, item in enumerate(value)
        ]
    if isinstance(value, dict):
        return {
            scrub(str(key), multi_line=False): _json_value(item, f"{where}.{key}", depth + 1)
            for key, item in value.items()
        }
    raise ValidationError(f"expected a JSON value, got {type(value).__name__}", where)


def conflicts_from_dicts(
    items: Iterable[object], *, prefix: str = "conflicts"
) -> tuple[MergeConflict, ...]:
    """Read merge conflicts; a later one for the same place replaces an earlier one."""
    conflicts: dict[str, MergeConflict] = {}
    for index, item in enumerate(items):
        where = f"{prefix}[{index}]"
        raw = _mapping(item, where)
        conflict = MergeConflict(
            where=require_text(raw.get("where"), f"{where}.where", "where the conflict is"),
            kept=_json_value(raw.get("kept"), f"{where}.kept"),
            other=_json_value(raw.get("other"), f"{where}.other"),
            base=_json_value(raw.get("base"), f"{where}.base"),
        )
        conflicts[conflict.where] = conflict
    return tuple(conflicts.values())


def postmortem_from_dict(
    data: object, *, now: datetime | None = None, pm_id: str | None = None
) -> PostMortem:
    """Build a validated PostMortem from an interchange document.

    `pm_id` overrides the document's id (an import always mints a fresh one).
    """
    raw = _mapping(data, "document")
    current = now or datetime.now(UTC)
    fmt = raw.get("format", FORMAT)
    if fmt != FORMAT:
        raise ValidationError(f"unsupported format {fmt!r}; this pmtui reads {FORMAT!r}", "format")
    minor = minor_of(raw.get("format_minor"))
    if minor is None:
        raise ValidationError("expected a whole number such as 2", "format_minor")
    timezone = optional_text(raw.get("timezone"), "timezone") or "UTC"
    try:
        zone = parse_timezone(timezone)
    except ValidationError as error:
        raise ValidationError(error.message, "timezone") from None
    today = current.astimezone(zone).date()
    incident_date = _optional_date(raw.get("incident_date"), "incident_date", today)
    anchor = local_midnight(incident_date, zone) if incident_date else None
    timeline = _list(raw.get("timeline"), "timeline")
    check_room(0, len(timeline), "the document")  # before parsing a single one of them
    events = events_from_dicts(timeline, zone, anchor=anchor, now=current)
    if "incident_date" not in raw and events:
        # Only a document that leaves the field out gets a date, an explicit null is kept
        # (export -> import -> export stays identical): the day of its first start event,
        # not of its first event, which may be a deploy the day before; the first event's
        # day only for a timeline without a start.
        starts = [event.at for event in events if event.kind is EventKind.START]
        incident_date = (min(starts) if starts else events[0].at).astimezone(zone).date()
    whys = whys_from_dicts(_list(raw.get("whys"), "whys"))
    if "factors" in raw:
        event_ids = frozenset(event.id for event in events)
        factors = factors_from_dicts(_list(raw.get("factors"), "factors"), whys, event_ids)
    else:
        # A document from before factors: each chain becomes a factor with its chain.
        factors = factors_from_chains(whys)
    actions = actions_from_dicts(
        _list(raw.get("action_items"), "action_items"), whys, today=today, factors=factors
    )
    sections = {key: optional_text(raw.get(key), key) for key in SECTION_KEYS}
    # Files written before the customer fields existed have none: the defaults apply.
    impact_start, impact_end = (
        customer_instant(raw.get(key), key, zone, now=current) for key in CUSTOMER_WINDOW
    )
    check_customer_window(impact_start, impact_end)
    created = _stamp(raw.get("created_at"), "created_at", current)
    return PostMortem(
        id=pm_id or optional_text(raw.get("id"), "id") or new_id(),
        title=require_text(raw.get("title"), "title", "a title"),
        severity=parse_enum(Severity, raw.get("severity", "SEV3"), "severity"),
        status=parse_enum(Status, raw.get("status", "draft"), "status"),
        owner=optional_text(raw.get("owner"), "owner"),
        attendees=parse_names(raw.get("attendees"), "attendees"),
        services=parse_names(raw.get("services"), "services"),
        incident_date=incident_date,
        timezone=timezone,
        created_at=created,
        updated_at=_stamp(raw.get("updated_at"), "updated_at", created),
        events=events,
        whys=whys,
        factors=factors,
        actions=actions,
        related=related_from_dicts(_list(raw.get("related_incidents"), "related_incidents")),
        waivers=waivers_from_dicts(_list(raw.get("waivers"), "waivers"), today=today),
        conflicts=conflicts_from_dicts(_list(raw.get("conflicts"), "conflicts")),
        attachments=attachments_from_dicts(
            _list(raw.get("attachments"), "attachments"), now=current
        ),
        customer_title=optional_text(raw.get("customer_title"), "customer_title"),
        customer_impact_start=impact_start,
        customer_impact_end=impact_end,
        format_minor=minor,
        **sections,
    )


def customer_instant(value: object, where: str, zone: tzinfo, *, now: datetime) -> datetime | None:
    """One end of the customer impact window: empty is None (the impact milestone applies);
    otherwise any time an event accepts, a local one read in the post-mortem's timezone."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValidationError("expected a time such as 2025-03-11 14:32", where)
    return parse_instant(value, zone, now=now, where=where)


def local_midnight(day: date, zone: tzinfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)


__all__ = [
    "FORMAT",
    "FORMAT_MINOR",
    "action_to_dict",
    "actions_from_dicts",
    "attachment_to_dict",
    "attachments_from_dicts",
    "conflict_to_dict",
    "conflicts_from_dicts",
    "customer_instant",
    "event_to_dict",
    "events_from_dicts",
    "factor_to_dict",
    "factors_from_dicts",
    "header_to_dict",
    "local_midnight",
    "postmortem_from_dict",
    "postmortem_to_dict",
    "related_from_dicts",
    "related_to_dict",
    "seen_from_dicts",
    "seen_to_dict",
    "waiver_to_dict",
    "waivers_from_dicts",
    "why_to_dict",
    "whys_from_dicts",
]
