"""Provides the post-mortem model: dataclasses, vocabularies and pure validation rules."""

from pmtui.model.enums import (
    MILESTONE_KINDS,
    ActionStatus,
    ActionType,
    CauseCategory,
    EventKind,
    Priority,
    Severity,
    Status,
    parse_enum,
)
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import (
    SECTION_KEYS,
    SECTIONS,
    ActionItem,
    ContributingFactor,
    MergeConflict,
    PostMortem,
    RelatedIncident,
    SeenRecord,
    TimelineEvent,
    Waiver,
    WhyChain,
    new_id,
)

__all__ = [
    "MILESTONE_KINDS",
    "SECTIONS",
    "SECTION_KEYS",
    "ActionItem",
    "ActionStatus",
    "ActionType",
    "CauseCategory",
    "ContributingFactor",
    "EventKind",
    "MergeConflict",
    "PostMortem",
    "Priority",
    "RelatedIncident",
    "SeenRecord",
    "Severity",
    "Status",
    "TimelineEvent",
    "ValidationError",
    "Waiver",
    "WhyChain",
    "new_id",
    "parse_enum",
]
