"""parse_enum: forgiving about spelling, strict about meaning."""

from __future__ import annotations

from enum import StrEnum

import pytest

from pmtui.model.enums import (
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


@pytest.mark.parametrize(
    ("enum", "text", "expected"),
    [
        # exact values and case
        (Severity, "SEV2", Severity.SEV2),
        (Severity, "sev2", Severity.SEV2),
        (Severity, "  Sev2 ", Severity.SEV2),
        # separators between the parts are optional
        (Severity, "SEV 2", Severity.SEV2),
        (Severity, "sev-2", Severity.SEV2),
        (Severity, "sev_2", Severity.SEV2),
        (Priority, "p1", Priority.P1),
        (Priority, "P 3", Priority.P3),
        (Status, "in-review", Status.IN_REVIEW),
        (Status, "In Review", Status.IN_REVIEW),
        (Status, "IN_REVIEW", Status.IN_REVIEW),
        (Status, "inreview", Status.IN_REVIEW),
        (ActionStatus, "in progress", ActionStatus.IN_PROGRESS),
        (ActionStatus, "In_Progress", ActionStatus.IN_PROGRESS),
        (ActionStatus, "inprogress", ActionStatus.IN_PROGRESS),
        (ActionStatus, "won't do", ActionStatus.WONT_DO),
        (ActionStatus, "Wont_Do", ActionStatus.WONT_DO),
        (CauseCategory, "Operational Design", CauseCategory.OPERATIONAL_DESIGN),
        (CauseCategory, "OPERATIONAL_DESIGN", CauseCategory.OPERATIONAL_DESIGN),
        (CauseCategory, "operationaldesign", CauseCategory.OPERATIONAL_DESIGN),
        (ActionType, "DETECT", ActionType.DETECT),
        (EventKind, "Acknowledged", EventKind.ACKNOWLEDGED),
    ],
)
def test_case_space_and_underscore_variants(
    enum: type[StrEnum], text: str, expected: StrEnum
) -> None:
    result = parse_enum(enum, text)
    assert result is expected


@pytest.mark.parametrize(
    ("enum", "text", "expected"),
    [
        (Severity, "1", Severity.SEV1),
        (Severity, "5", Severity.SEV5),
        (Status, "review", Status.IN_REVIEW),
        (EventKind, "ack", EventKind.ACKNOWLEDGED),
        (EventKind, "ACKED", EventKind.ACKNOWLEDGED),
        (EventKind, "detection", EventKind.DETECTED),
        (EventKind, "Mitigation", EventKind.MITIGATED),
        (EventKind, "resolve", EventKind.RESOLVED),
        (EventKind, "paged", EventKind.NOTIFIED),
        (EventKind, "comms", EventKind.COMMUNICATION),
        (EventKind, "begin", EventKind.START),
        (EventKind, "started", EventKind.START),
        (EventKind, "deployed", EventKind.DEPLOY),
        (Priority, "critical", Priority.P1),
        (Priority, "P0", Priority.P1),
        (Priority, "High", Priority.P2),
        (Priority, "medium", Priority.P3),
        (Priority, "low", Priority.P4),
        (ActionStatus, "WIP", ActionStatus.IN_PROGRESS),
        (ActionStatus, "doing", ActionStatus.IN_PROGRESS),
        (ActionStatus, "won't fix", ActionStatus.WONT_DO),
        (ActionStatus, "wont_fix", ActionStatus.WONT_DO),
        (ActionStatus, "completed", ActionStatus.DONE),
        (ActionStatus, "closed", ActionStatus.DONE),
        (CauseCategory, "design", CauseCategory.OPERATIONAL_DESIGN),
    ],
)
def test_synonyms(enum: type[StrEnum], text: str, expected: StrEnum) -> None:
    assert parse_enum(enum, text) is expected


def test_a_member_is_returned_as_is() -> None:
    assert parse_enum(EventKind, EventKind.NOTE) is EventKind.NOTE


def test_synonyms_do_not_leak_between_vocabularies() -> None:
    # "closed" is a Status value, and an ActionStatus synonym for done.
    assert parse_enum(Status, "closed") is Status.CLOSED
    assert parse_enum(ActionStatus, "closed") is ActionStatus.DONE
    with pytest.raises(ValidationError):
        parse_enum(Status, "wip")
    with pytest.raises(ValidationError):
        parse_enum(EventKind, "began")


@pytest.mark.parametrize(
    ("enum", "value", "allowed"),
    [
        (Severity, "SEV6", "SEV1, SEV2, SEV3, SEV4, SEV5"),
        (Status, "archived", "draft, in-review, published, closed"),
        (
            EventKind,
            "explosion",
            "start, detected, alert, notified, acknowledged, action, deploy, communication, "
            "mitigated, resolved, note",
        ),
        (Priority, "P5", "P1, P2, P3, P4"),
        (ActionType, "fix", "prevent, detect, mitigate, process"),
        (ActionStatus, "blocked", "open, in-progress, done, wont-do"),
        (
            CauseCategory,
            "bad luck",
            "process, testing, monitoring, operational-design, tooling, communication, "
            "configuration, capacity, dependency, documentation, other",
        ),
    ],
)
def test_unknown_value_lists_the_allowed_ones(
    enum: type[StrEnum], value: str, allowed: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_enum(enum, value, "timeline[1].kind")
    assert caught.value.message == f"{value!r} is not one of: {allowed}"
    assert caught.value.where == "timeline[1].kind"
    assert str(caught.value) == f"timeline[1].kind: {value!r} is not one of: {allowed}"


@pytest.mark.parametrize("value", [None, 2, 1.5, True, ["SEV2"], ""])
def test_non_text_and_empty_values_are_refused(value: object) -> None:
    expected = "a value is required; use" if value in (None, "") else "is not one of"
    with pytest.raises(ValidationError, match=f"{expected}.*SEV1, SEV2"):
        parse_enum(Severity, value, "severity")
