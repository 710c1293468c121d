"""Provides shared helpers for pmtui's benchmarks: a big realistic post-mortem and timing."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from pmtui.model import (
    ActionItem,
    CauseCategory,
    ContributingFactor,
    EventKind,
    PostMortem,
    TimelineEvent,
    WhyChain,
)

KINDS = list(EventKind)


def big_postmortem(events: int = 10_000, pm_id: str = "bench0001") -> PostMortem:
    """A post-mortem the size of a long incident with imported chat and alert evidence."""
    start = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)
    timeline = tuple(
        TimelineEvent(
            id=f"e{i:06d}",
            at=start + timedelta(seconds=7 * i),
            kind=KINDS[i % len(KINDS)],
            text=f"edge-proxy-{i % 40} TLS handshake failures at {i % 97}% | retry #{i}",
            source=("monitoring", "chat", "pager", "deploy", "manual")[i % 5],
            link=f"https://grafana.example.com/d/edge?from={i}" if i % 10 == 0 else "",
        )
        for i in range(events)
    )
    whys = (
        WhyChain(
            id="why-renewal",
            problem="The API certificate expired",
            answers=("Renewal failed", "DNS token was rotated", "No alert paged"),
            root_cause=True,
            category=CauseCategory.MONITORING,
        ),
    )
    actions = tuple(
        ActionItem(
            id=f"a{i}",
            text=f"Page on certificate expiry under 14 days for endpoint group {i}",
            owner="edge-team",
            due=date(2025, 4, 1) + timedelta(days=i),
            factor_id="why-renewal",
            customer_text=f"We are adding certificate expiry alerts, step {i + 1} of 5.",
        )
        for i in range(5)
    )
    return PostMortem(
        id=pm_id,
        title="Expired TLS certificate on the public API",
        timezone="Europe/Berlin",
        incident_date=date(2025, 3, 11),
        summary="The public API served an expired certificate for 97 minutes.",
        # The customer template is refused without it, and the benchmark times all three.
        customer_message="Many API requests failed for 97 minutes; we are sorry.",
        created_at=start,
        updated_at=start,
        events=timeline,
        # As pmtui reads a file from before factors: one factor per chain, under its id.
        factors=(
            ContributingFactor(
                id="why-renewal",
                title="The API certificate expired",
                category=CauseCategory.MONITORING,
                chain_id="why-renewal",
            ),
        ),
        whys=whys,
        actions=actions,
    )


def median_ms(run: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def report(name: str, value_ms: float, baseline_name: str, baseline_ms: float, target: str) -> None:
    ratio = value_ms / baseline_ms if baseline_ms else float("inf")
    print(
        f"{name}: {value_ms:.2f} ms median ({ratio:.2f}x {baseline_name} at "
        f"{baseline_ms:.2f} ms; target {target})"
    )
