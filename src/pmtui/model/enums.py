"""Provides the closed vocabularies of a post-mortem and their forgiving parsers."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import TypeVar

from pmtui.model.errors import ValidationError


class Severity(StrEnum):
    SEV1 = "SEV1"
    SEV2 = "SEV2"
    SEV3 = "SEV3"
    SEV4 = "SEV4"
    SEV5 = "SEV5"


class Status(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in-review"
    PUBLISHED = "published"
    CLOSED = "closed"


class EventKind(StrEnum):
    START = "start"
    DETECTED = "detected"
    ALERT = "alert"
    NOTIFIED = "notified"
    ACKNOWLEDGED = "acknowledged"
    ACTION = "action"
    DEPLOY = "deploy"
    COMMUNICATION = "communication"
    MITIGATED = "mitigated"
    RESOLVED = "resolved"
    NOTE = "note"


#: Kinds that feed the metrics; the UI and the export make them stand out.
MILESTONE_KINDS = frozenset(
    {
        EventKind.START,
        EventKind.DETECTED,
        EventKind.ACKNOWLEDGED,
        EventKind.MITIGATED,
        EventKind.RESOLVED,
    }
)


class Priority(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"


#: The word each priority means, shown beside it where one is chosen ("P2 · high"), so the
#: word typed on the choice picks it, as the same word typed in a file or a command does.
PRIORITY_WORDS: dict[Priority, str] = {
    Priority.P1: "critical",
    Priority.P2: "high",
    Priority.P3: "medium",
    Priority.P4: "low",
}


class ActionType(StrEnum):
    PREVENT = "prevent"
    DETECT = "detect"
    MITIGATE = "mitigate"
    PROCESS = "process"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    WONT_DO = "wont-do"


#: Statuses that still need work; overdue only applies to these.
UNFINISHED_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})


class CauseCategory(StrEnum):
    PROCESS = "process"
    TESTING = "testing"
    MONITORING = "monitoring"
    OPERATIONAL_DESIGN = "operational-design"
    TOOLING = "tooling"
    COMMUNICATION = "communication"
    CONFIGURATION = "configuration"
    CAPACITY = "capacity"
    DEPENDENCY = "dependency"
    DOCUMENTATION = "documentation"
    OTHER = "other"


E = TypeVar("E", bound=StrEnum)

# Spellings people type that mean the same member.
_ALIASES: dict[type[StrEnum], dict[str, str]] = {
    Severity: {str(n): f"SEV{n}" for n in range(1, 6)},
    Status: {"inreview": "in-review", "review": "in-review"},
    EventKind: {
        "detect": "detected",
        "detection": "detected",
        "alerted": "alert",
        "ack": "acknowledged",
        "acked": "acknowledged",
        "acknowledge": "acknowledged",
        "mitigate": "mitigated",
        "mitigation": "mitigated",
        "resolve": "resolved",
        "resolution": "resolved",
        "notify": "notified",
        "page": "notified",
        "paged": "notified",
        "comms": "communication",
        "comm": "communication",
        "begin": "start",
        "started": "start",
        "deployed": "deploy",
    },
    Priority: {"p0": "P1", **{word: p.value for p, word in PRIORITY_WORDS.items()}},
    ActionStatus: {
        "inprogress": "in-progress",
        "doing": "in-progress",
        "wip": "in-progress",
        "wontdo": "wont-do",
        "wontfix": "wont-do",
        "closed": "done",
        "completed": "done",
    },
    CauseCategory: {"operationaldesign": "operational-design", "design": "operational-design"},
}


def _normalise(text: str) -> str:
    return text.strip().lower().replace("_", "-").replace(" ", "-").replace("'", "")


@cache
def _lookup(enum: type[StrEnum]) -> dict[str, StrEnum]:
    """Every accepted spelling of `enum`'s members, normalised, built once per enum."""
    table: dict[str, StrEnum] = {}
    for alias, value in _ALIASES.get(enum, {}).items():
        table[_normalise(alias)] = enum(value)
    for member in enum:
        table[_normalise(member.value)] = member
    return table


def parse_optional_enum(enum: type[E], value: object, where: str = "") -> E | None:
    """Like parse_enum for a value nobody has to choose: None, '' or blanks mean unset."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_enum(enum, value, where)


def parse_enum(enum: type[E], value: object, where: str = "") -> E:
    """Read `value` as a member of `enum`, forgiving case, spaces, '_' and common synonyms.

    Anything else raises a ValidationError listing the allowed values.
    """
    if isinstance(value, enum):
        return value
    if isinstance(value, str):
        exact = enum._value2member_map_.get(value)
        if exact is not None:
            return exact  # type: ignore[return-value]
        table = _lookup(enum)
        key = _normalise(value)
        member = table.get(key) or table.get(key.replace("-", ""))
        if member is not None:
            return member  # type: ignore[return-value]
    allowed = ", ".join(m.value for m in enum)
    if value is None or value == "":
        raise ValidationError(f"a value is required; use one of: {allowed}", where)
    raise ValidationError(f"{value!r} is not one of: {allowed}", where)
