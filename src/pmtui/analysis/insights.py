"""Provides insights across incidents: how many by severity and by root-cause category, the
median time to detect and to resolve per month, and the action completion rate."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

from pmtui.analysis.followup import FollowUpStats, action_rows, followup_stats
from pmtui.analysis.metrics import compute_metrics
from pmtui.model.enums import CauseCategory, Severity
from pmtui.model.postmortem import PostMortem

#: The bucket for incidents with no categorised root cause and no categorised factor yet.
UNCLASSIFIED = "unclassified"


@dataclass(frozen=True, slots=True)
class MonthMedians:
    month: str  # "YYYY-MM"
    incidents: int
    time_to_detect: float | None  # median seconds over incidents that have the metric
    time_to_resolve: float | None


@dataclass(frozen=True, slots=True)
class Insights:
    incidents: int
    by_severity: tuple[tuple[str, int], ...]  # every severity, SEV1 first, zeros kept
    by_category: tuple[tuple[str, int], ...]  # most incidents first; UNCLASSIFIED last
    months: tuple[MonthMedians, ...]  # oldest first
    actions: FollowUpStats


def incident_month(pm: PostMortem) -> str:
    """The month an incident belongs to: its incident date, else its first timeline event,
    else when it was written down."""
    if pm.incident_date is not None:
        day = pm.incident_date
    elif pm.events:
        day = pm.events[0].at.astimezone(pm.zone).date()
    else:
        day = pm.created_at.date()
    return f"{day.year:04d}-{day.month:02d}"


def _categories(pm: PostMortem) -> set[str]:
    # An incident with two chains ending in the same category is still one incident there.
    # A factor stated with a category and no chain yet counts too: its category is decided.
    chains = {c.category.value for c in pm.whys if c.root_cause and c.category is not None}
    stated = {f.category.value for f in pm.factors if f.category is not None and not f.chain_id}
    return chains | stated


def _median(values: list[float]) -> float | None:
    return median(values) if values else None


def compute_insights(postmortems: Sequence[PostMortem], today: date) -> Insights:
    severities = Counter(pm.severity for pm in postmortems)
    categories: Counter[str] = Counter()
    for pm in postmortems:
        categories.update(_categories(pm) or {UNCLASSIFIED})
    order = {category.value: index for index, category in enumerate(CauseCategory)}
    by_category = sorted(
        categories.items(),
        key=lambda item: (item[0] == UNCLASSIFIED, -item[1], order.get(item[0], len(order))),
    )
    detect: dict[str, list[float]] = {}
    resolve: dict[str, list[float]] = {}
    counts: Counter[str] = Counter()
    for pm in postmortems:
        month = incident_month(pm)
        counts[month] += 1
        metrics = compute_metrics(pm.events)
        if metrics.time_to_detect is not None:
            detect.setdefault(month, []).append(metrics.time_to_detect)
        if metrics.time_to_resolve is not None:
            resolve.setdefault(month, []).append(metrics.time_to_resolve)
    months = tuple(
        MonthMedians(
            month=month,
            incidents=counts[month],
            time_to_detect=_median(detect.get(month, [])),
            time_to_resolve=_median(resolve.get(month, [])),
        )
        for month in sorted(counts)
    )
    return Insights(
        incidents=len(postmortems),
        by_severity=tuple((s.value, severities.get(s, 0)) for s in Severity),
        by_category=tuple(by_category),
        months=months,
        actions=followup_stats(action_rows(postmortems, today)),
    )


def insights_dict(insights: Insights) -> dict[str, object]:
    """Plain values for JSON."""
    return {
        "incidents": insights.incidents,
        "by_severity": dict(insights.by_severity),
        "by_category": dict(insights.by_category),
        "months": [
            {
                "month": m.month,
                "incidents": m.incidents,
                "median_time_to_detect": m.time_to_detect,
                "median_time_to_resolve": m.time_to_resolve,
            }
            for m in insights.months
        ],
        "action_completion_rate": insights.actions.completion_rate,
    }
