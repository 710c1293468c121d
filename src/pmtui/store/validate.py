"""Provides check_records(): every record of a database file checked once, when it is opened.

A file pmtui did not write (edited by hand, merged badly, damaged) is refused as a whole,
naming the first record and field that is wrong, so that no command reads half of it, fails
later with a TypeError, or rewrites it. Checking is by type and vocabulary only, one pass,
with no model objects built: opening a 10,000-event file stays a matter of milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from pmtui.model.enums import (
    ActionStatus,
    ActionType,
    CauseCategory,
    EventKind,
    Priority,
    Severity,
    Status,
)
from pmtui.model.errors import ValidationError
from pmtui.model.format_version import minor_of
from pmtui.model.postmortem import ATTACHMENT_KINDS, SECTION_KEYS
from pmtui.model.times import (
    EARLIEST,
    LATEST,
    date_in_range,
    parse_iso_utc,
    parse_timezone,
)
from pmtui.store import schema
from pmtui.store.errors import BadRecord

Doc = dict[str, Any]
#: A field check: None when the value is fine, else what is wrong with it.
Check = Callable[[object], str | None]


def _text(value: object) -> str | None:
    return None if type(value) is str else f"is {_shown(value)}, not text"


def _required_text(value: object) -> str | None:
    if type(value) is not str:
        return f"is {_shown(value)}, not text"
    return None if value.strip() else "is empty"


def _names(value: object) -> str | None:
    if type(value) is not list:
        return f"is {_shown(value)}, not a list of names"
    for item in value:
        if type(item) is not str:
            return f"holds {_shown(item)}, not a name"
    return None


def _one_of(kind: type[Any], label: str) -> Check:
    values = frozenset(member.value for member in kind)
    listed = label or ", ".join(sorted(values))

    def check(value: object) -> str | None:
        if type(value) is str and value in values:
            return None
        return f"{_shown(value)} is not one of {listed}"

    return check


def _one_of_texts(values: tuple[str, ...]) -> Check:
    def check(value: object) -> str | None:
        if type(value) is str and value in values:
            return None
        return f"{_shown(value)} is not one of {', '.join(values)}"

    return check


def _optional(check: Check) -> Check:
    def optional(value: object) -> str | None:
        return None if value is None else check(value)

    return optional


def _date(value: object) -> str | None:
    if type(value) is not str:
        return f"is {_shown(value)}, not a date"
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a date (YYYY-MM-DD)"
    return None if date_in_range(day) else f"{value!r} is out of range"


def _instant(value: object) -> str | None:
    if type(value) is not str:
        return f"is {_shown(value)}, not a time"
    try:
        parse_iso_utc(value)
    except ValueError as error:
        return str(error)
    return None


def _zone(value: object) -> str | None:
    if type(value) is not str:
        return f"is {_shown(value)}, not a timezone name"
    try:
        parse_timezone(value)
    except ValidationError:
        return f"{value!r} is not a known timezone"
    return None


def _flag(value: object) -> str | None:
    return None if type(value) is bool else f"is {_shown(value)}, not true or false"


def _minor(value: object) -> str | None:
    return None if minor_of(value) is not None else f"is {_shown(value)}, not a whole number"


def _waivers(value: object) -> str | None:
    if type(value) is not list:
        return f"is {_shown(value)}, not a list of waivers"
    for index, waiver in enumerate(value):
        if type(waiver) is not dict:
            return f"[{index}] is {_shown(waiver)}, not a waiver"
        problem = _fields(waiver, _WAIVER)
        if problem:
            return f"[{index}].{problem}"
    return None


def _factors(value: object) -> str | None:
    if type(value) is not list:
        return f"is {_shown(value)}, not a list of contributing factors"
    for index, factor in enumerate(value):
        if type(factor) is not dict:
            return f"[{index}] is {_shown(factor)}, not a contributing factor"
        problem = _id_problem(factor.get("id"), None) or _fields(factor, _FACTOR)
        if problem:
            return f"[{index}].{problem}"
    return None


def _related(value: object) -> str | None:
    if type(value) is not list:
        return f"is {_shown(value)}, not a list of related incidents"
    for index, link in enumerate(value):
        if type(link) is not dict:
            return f"[{index}] is {_shown(link)}, not a related incident"
        for key in ("title", "url"):
            if key in link and type(link[key]) is not str:
                return f"[{index}].{key} is {_shown(link[key])}, not text"
        if "repeat" in link and type(link["repeat"]) is not bool:
            return f"[{index}].repeat is {_shown(link['repeat'])}, not true or false"
    return None


def _seen_in(value: object) -> str | None:
    if type(value) is not list:
        return f"is {_shown(value)}, not a list of records"
    for index, record in enumerate(value):
        if type(record) is not dict:
            return f"[{index}] is {_shown(record)}, not a record"
        problem = _fields(record, _SEEN)
        if problem:
            return f"[{index}].{problem}"
    return None


def _conflicts(value: object) -> str | None:
    if type(value) is not list:
        return f"is {_shown(value)}, not a list of merge conflicts"
    for index, conflict in enumerate(value):
        if type(conflict) is not dict:
            return f"[{index}] is {_shown(conflict)}, not a merge conflict"
        problem = _fields(conflict, _CONFLICT)
        if problem:
            return f"[{index}].{problem}"
    return None


_SHA256 = re.compile(r"[0-9a-f]{64}")


def _sha256(value: object) -> str | None:
    # It becomes a file name beside the database: only a hash can be one.
    if type(value) is str and _SHA256.fullmatch(value):
        return None
    return f"is {_shown(value)}, not a SHA-256 (64 lowercase hex digits)"


def _attachments(value: object) -> str | None:
    if type(value) is not list:
        return f"is {_shown(value)}, not a list of attachments"
    for index, attachment in enumerate(value):
        if type(attachment) is not dict:
            return f"[{index}] is {_shown(attachment)}, not an attachment"
        problem = _fields(attachment, _ATTACHMENT)
        if not problem and bool(attachment.get("event")) == bool(attachment.get("section")):
            problem = "needs either an event or a section"
        if not problem and attachment.get("section", "") not in ("", *SECTION_KEYS):
            problem = f"section {_shown(attachment['section'])} is not a narrative section"
        if problem:
            return f"[{index}].{problem}"
    return None


#: How deep a conflict's value may nest: an item holding a list of answers is three levels.
CONFLICT_VALUE_DEPTH = 3


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max((_depth(item) for item in value[:1000]), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(item) for item in value.values()), default=0)
    return 0


def _conflict_value(value: object) -> str | None:
    # A value of the place the conflict names, of any type (the place's own rules apply when
    # it is taken), but never deeper than an item: a value nested hundreds of levels deep
    # could be read but no longer written (orjson refuses it), and the file would be stuck.
    return None if _depth(value) <= CONFLICT_VALUE_DEPTH else "nests too deeply"


def _shown(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool | int | float):
        return repr(value).lower() if isinstance(value, bool) else repr(value)
    if isinstance(value, str):
        return repr(value[:40])
    return f"a {'list' if isinstance(value, list) else 'object'}"


# (key, required, check). Optional keys may be absent; present, they must pass.
Spec = tuple[tuple[str, bool, Check], ...]

_WAIVER: Spec = (
    ("rule", True, _required_text),
    ("where", True, _required_text),
    ("reason", True, _required_text),
    ("waived_by", False, _text),
    ("waived_on", True, _date),
)
_CONFLICT: Spec = (
    ("where", True, _required_text),
    ("kept", True, _conflict_value),
    ("other", True, _conflict_value),
    ("base", False, _conflict_value),
)
_ATTACHMENT: Spec = (
    ("id", True, _required_text),
    ("sha256", True, _sha256),
    ("ext", True, _one_of_texts(ATTACHMENT_KINDS)),
    ("alt", True, _required_text),
    ("event", False, _text),
    ("section", False, _text),
    ("added_at", True, _instant),
)
_FACTOR: Spec = (
    ("title", True, _required_text),
    ("category", False, _optional(_one_of(CauseCategory, ""))),
    ("events", False, _names),
    ("made_sense", False, _text),
    ("chain", False, _text),
)
_HEADER: Spec = (
    ("title", True, _required_text),
    ("severity", True, _one_of(Severity, "SEV1..SEV5")),
    ("status", True, _one_of(Status, "")),
    ("owner", False, _text),
    ("attendees", False, _names),
    ("services", False, _names),
    ("incident_date", False, _optional(_date)),
    ("timezone", False, _zone),
    ("created_at", True, _instant),
    ("updated_at", True, _instant),
    ("waivers", False, _waivers),
    ("conflicts", False, _conflicts),
    ("attachments", False, _attachments),
    ("factors", False, _factors),
    ("related_incidents", False, _related),
    *((key, False, _text) for key in SECTION_KEYS),
    ("customer_title", False, _text),
    ("customer_impact_start", False, _optional(_instant)),
    ("customer_impact_end", False, _optional(_instant)),
    ("format_minor", False, _minor),
)
_EVENT: Spec = (
    ("at", True, _instant),
    ("kind", True, _one_of(EventKind, "")),
    ("text", True, _text),
    ("source", False, _text),
    ("link", False, _text),
    ("original", False, _text),
    ("seen_in", False, _seen_in),
)
_SEEN: Spec = (
    ("at", True, _instant),
    ("kind", True, _one_of(EventKind, "")),
    ("text", True, _text),
    ("source", False, _text),
    ("link", False, _text),
    ("original", False, _text),
)
_WHY: Spec = (
    ("problem", True, _text),
    ("answers", False, _names),
    ("root_cause", False, _flag),
    ("category", False, _optional(_one_of(CauseCategory, ""))),
    ("branched_from", False, _text),
)
_ACTION: Spec = (
    ("text", True, _text),
    ("owner", False, _text),
    ("due", False, _optional(_date)),
    ("priority", False, _optional(_one_of(Priority, ""))),
    ("kind", False, _optional(_one_of(ActionType, ""))),
    ("status", False, _one_of(ActionStatus, "")),
    ("tracker", False, _text),
    ("completed_on", False, _optional(_date)),
    ("cause", False, _text),
    ("factor", False, _text),
    ("customer_text", False, _text),
    ("synced_at", False, _optional(_instant)),
    ("synced_from", False, _text),
    ("verified_on", False, _optional(_date)),
    ("verified_how", False, _text),
)
_ELEMENTS: tuple[tuple[str, Spec], ...] = (
    (schema.EVENTS, _EVENT),
    (schema.WHYS, _WHY),
    (schema.ACTIONS, _ACTION),
)


def _fields(doc: Doc, spec: Spec) -> str | None:
    for key, required, check in spec:
        if key in doc:
            problem = check(doc[key])
            if problem:
                return f"{key}{problem}" if problem.startswith("[") else f"{key} {problem}"
        elif required:
            return f"{key} is missing"
    return None


_KINDS = frozenset(kind.value for kind in EventKind)


def _event_is_sound(doc: Doc) -> bool:
    """The common case of _fields(doc, _EVENT) is None, several times faster: a file holds
    tens of thousands of events, and only a bad one needs the field-by-field message."""
    at, kind = doc.get("at"), doc.get("kind")
    if type(at) is not str or type(kind) is not str or kind not in _KINDS:
        return False
    try:
        moment = datetime.fromisoformat(at)
        if moment.tzinfo is None or not EARLIEST <= moment < LATEST:
            return False
    except (ValueError, OverflowError):
        return False
    return (
        type(doc.get("text")) is str
        and type(doc.get("source", "")) is str
        and type(doc.get("link", "")) is str
        and type(doc.get("original", "")) is str
        and ("seen_in" not in doc or _seen_in(doc["seen_in"]) is None)
    )


_ID = itemgetter("id")
_PM = itemgetter("pm")


def _events_are_sound(docs: list[Doc], pm_ids: set[str]) -> bool:
    """True when check_records' per-event loop would find nothing: ids and post-mortem
    references checked a column at a time in C, so a 10,000-event file pays one Python call
    per event (_event_is_sound) instead of four. False sends the caller the careful way,
    which names the first bad record."""
    try:
        ids, pms = list(map(_ID, docs)), list(map(_PM, docs))
    except (KeyError, TypeError):
        return False
    return (
        set(map(type, ids)) | set(map(type, pms)) <= {str}
        and "" not in ids
        and pm_ids.issuperset(pms)
        and len(set(zip(pms, ids, strict=True))) == len(ids)
        and all(map(_event_is_sound, docs))
    )


def check_records(path: Path, data: dict[str, dict[Any, Doc]]) -> None:
    """Raise BadRecord for the first record that pmtui could not read back as it wrote it."""
    for key, doc in data.get(schema.META, {}).items():
        if doc.get("app") != schema.APP or not schema.is_version(doc.get("schema")):
            raise BadRecord(path, schema.META, key, None, "is not pmtui's schema record")
    pm_ids: set[str] = set()
    for key, doc in data.get(schema.POSTMORTEMS, {}).items():
        pm_id = doc.get("id")
        problem = _id_problem(pm_id, pm_ids) or _fields(doc, _HEADER)
        if problem:
            raise BadRecord(path, schema.POSTMORTEMS, key, pm_id, problem)
        pm_ids.add(pm_id)  # type: ignore[arg-type]
    for table, spec in _ELEMENTS:
        docs = data.get(table, {})
        if spec is _EVENT and _events_are_sound(list(docs.values()), pm_ids):
            continue
        seen: set[tuple[str, str]] = set()
        for key, doc in docs.items():
            element_id, pm_id = doc.get("id"), doc.get("pm")
            problem = _pm_problem(pm_id, pm_ids) or _id_problem(element_id, None)
            if not problem and (pm_id, element_id) in seen:
                problem = f"id {element_id!r} is used twice in post-mortem {pm_id!r}"
            if not problem and (spec is not _EVENT or not _event_is_sound(doc)):
                problem = _fields(doc, spec)
            if problem:
                raise BadRecord(path, table, key, element_id, problem)
            seen.add((pm_id, element_id))  # type: ignore[arg-type]


def _id_problem(value: object, taken: set[str] | None) -> str | None:
    if type(value) is not str or not value:
        return "id is missing" if value is None else f"id {_shown(value)} is not text"
    if taken is not None and value in taken:
        return f"id {value!r} is used twice"
    return None


def _pm_problem(value: object, pm_ids: set[str]) -> str | None:
    if type(value) is not str:
        return "pm is missing" if value is None else f"pm {_shown(value)} is not text"
    return None if value in pm_ids else f"pm {value!r} names no post-mortem in the file"
