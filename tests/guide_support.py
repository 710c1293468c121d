"""Provides clean_postmortem(): a small post-mortem every quality guide passes, for the guide,
readiness and `pmtui check` tests to break one thing at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from pmtui.model.enums import ActionType, CauseCategory, EventKind, Priority, Severity
from pmtui.model.postmortem import (
    ActionItem,
    ContributingFactor,
    PostMortem,
    TimelineEvent,
    WhyChain,
)

TODAY = date(2025, 6, 10)


def at(minute: int) -> datetime:
    return datetime(2025, 6, 2, 10, 0, tzinfo=UTC) + timedelta(minutes=minute)


def clean_postmortem(today: date = TODAY) -> PostMortem:
    """Nothing to point out on `today`: the action item is due four weeks later."""
    return PostMortem(
        id="clean-pm",
        title="Checkout latency after the cache flush",
        severity=Severity.SEV2,
        owner="Dana Kim",
        attendees=("Dana Kim", "Ravi Patel", "Priya Raman"),
        services=("checkout",),
        incident_date=date(2025, 6, 2),
        timezone="Europe/Berlin",
        summary="A full cache flush during a config change sent every checkout read to the "
        "database for 40 minutes; p99 latency rose from 180 ms to 4 s.",
        impact="About 12% of checkouts timed out between 12:00 and 12:40 CEST.",
        detection="The latency SLO burn alert paged the on-call rotation five minutes in.",
        response="The cache was warmed from the replica snapshot and traffic recovered.",
        lessons="A full flush is a capacity event for the database, not a cache operation.",
        customer_message="Checkout was slow for 40 minutes on 2 June; it is fast again.",
        events=(
            TimelineEvent("e1", at(0), EventKind.START, "Config change flushes the cache."),
            TimelineEvent("e2", at(5), EventKind.DETECTED, "Latency SLO burn alert pages."),
            TimelineEvent("e3", at(7), EventKind.ACKNOWLEDGED, "On-call acknowledges the page."),
            TimelineEvent("e4", at(40), EventKind.MITIGATED, "Cache warmed from the snapshot."),
            TimelineEvent("e5", at(60), EventKind.RESOLVED, "Latency at baseline for 20 min."),
        ),
        whys=(
            WhyChain(
                id="w1",
                problem="Checkout reads went to the database for 40 minutes.",
                answers=(
                    "The config change flushed the whole cache at once.",
                    "The cache client treats a namespace change as a full flush.",
                    "The config schema has no check that flags a namespace change as a flush.",
                ),
                root_cause=True,
                category=CauseCategory.TOOLING,
            ),
        ),
        factors=(
            ContributingFactor(
                id="w1",
                title="A config change flushed the checkout cache",
                category=CauseCategory.TOOLING,
                event_ids=("e1",),
                made_sense="Namespace changes had always been cheap in the old cache client.",
                chain_id="w1",
            ),
        ),
        actions=(
            ActionItem(
                id="a1",
                text="Make the config validator refuse a cache namespace change unless the "
                "change carries the flag allow-full-flush.",
                owner="Ravi Patel",
                due=today + timedelta(weeks=4),
                priority=Priority.P1,
                kind=ActionType.PREVENT,
                factor_id="w1",
            ),
        ),
    )


def with_action(pm: PostMortem, **changes: object) -> PostMortem:
    """`pm` with its one action item changed."""
    return replace(pm, actions=(replace(pm.actions[0], **changes),))
