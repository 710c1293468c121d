"""Provides the post-mortem the merge tests start from, and ways to edit and merge it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from pmtui.merge.postmortem import merge_documents
from pmtui.model.codec import postmortem_from_dict, postmortem_to_dict
from pmtui.model.enums import CauseCategory, EventKind, Severity
from pmtui.model.postmortem import (
    ActionItem,
    ContributingFactor,
    PostMortem,
    TimelineEvent,
    WhyChain,
)

START = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)
CREATED = datetime(2025, 3, 12, 8, 0, tzinfo=UTC)


def base_postmortem() -> PostMortem:
    return PostMortem(
        id="pm1",
        title="Certificate expired on the public API",
        severity=Severity.SEV2,
        owner="Priya",
        attendees=("Priya", "Jonas"),
        services=("api",),
        incident_date=date(2025, 3, 11),
        timezone="Europe/Berlin",
        summary="First paragraph.\n\nSecond paragraph.\n\nThird paragraph.",
        impact="All TLS clients failed.",
        created_at=CREATED,
        updated_at=CREATED,
        events=(
            TimelineEvent("e1", START, EventKind.START, "Certificate expires"),
            TimelineEvent("e2", START + timedelta(minutes=5), EventKind.DETECTED, "Alert fires"),
            TimelineEvent("e3", START + timedelta(minutes=40), EventKind.RESOLVED, "Renewed"),
        ),
        whys=(
            WhyChain(
                "w1",
                "The certificate expired",
                ("Renewal is manual", "No reminder exists"),
                root_cause=True,
                category=CauseCategory.PROCESS,
            ),
        ),
        factors=(
            ContributingFactor(
                "w1", "The certificate expired", CauseCategory.PROCESS, ("e1",), chain_id="w1"
            ),
        ),
        actions=(
            ActionItem("a1", "Automate renewal with ACME", owner="Jonas", due=date(2025, 4, 1)),
            ActionItem("a2", "Alert 14 days before expiry", owner="Priya", due=date(2025, 4, 8)),
        ),
    )


def document(pm: PostMortem) -> dict[str, Any]:
    return postmortem_to_dict(pm)


def merged(base: PostMortem | None, ours: PostMortem, theirs: PostMortem) -> PostMortem:
    """The merge as the driver builds it: documents merged, read back through the codec."""
    result = merge_documents(document(base) if base else None, document(ours), document(theirs))
    return postmortem_from_dict(result, pm_id=result["id"])


def later(pm: PostMortem, minutes: int) -> datetime:
    return pm.updated_at + timedelta(minutes=minutes)
