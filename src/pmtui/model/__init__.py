"""Provides the post-mortem model: dataclasses, vocabularies and pure validation rules.

The names below are looked up on first use: importing one small module of the model (its
errors, enums or times) does not build the post-mortem's dataclasses, about 9 ms that the
CLI's error handling and the home screen's list do not need before the app starts.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

#: Where each name of the model's interface is defined.
_HOMES = {
    **dict.fromkeys(
        (
            "MILESTONE_KINDS",
            "ActionStatus",
            "ActionType",
            "CauseCategory",
            "EventKind",
            "Priority",
            "Severity",
            "Status",
            "parse_enum",
        ),
        "pmtui.model.enums",
    ),
    "ValidationError": "pmtui.model.errors",
    **dict.fromkeys(
        (
            "SECTION_KEYS",
            "SECTIONS",
            "ActionItem",
            "ContributingFactor",
            "MergeConflict",
            "PostMortem",
            "RelatedIncident",
            "SeenRecord",
            "TimelineEvent",
            "Waiver",
            "WhyChain",
            "new_id",
        ),
        "pmtui.model.postmortem",
    ),
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
