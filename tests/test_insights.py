"""Insights across incidents, with exact figures over three post-mortems."""

from __future__ import annotations

from dataclasses import replace

from pmtui.analysis.insights import UNCLASSIFIED, compute_insights, incident_month, insights_dict
from pmtui.model.enums import CauseCategory
from pmtui.model.postmortem import ContributingFactor
from tests.followup_support import TODAY, cache_latency, three


def test_incidents_by_severity_keep_every_level() -> None:
    insights = compute_insights(three(), TODAY)
    assert insights.incidents == 3
    assert insights.by_severity == (("SEV1", 1), ("SEV2", 2), ("SEV3", 0), ("SEV4", 0), ("SEV5", 0))


def test_incidents_by_root_cause_category() -> None:
    # The sample ends at monitoring and process; the outage at testing and monitoring; the
    # cache incident has no root cause yet. An incident counts once per category.
    insights = compute_insights(three(), TODAY)
    assert insights.by_category == (
        ("monitoring", 2),
        ("process", 1),
        ("testing", 1),
        (UNCLASSIFIED, 1),
    )


def test_a_categorised_factor_without_a_chain_counts_in_its_category() -> None:
    sample, outage, cache = three()
    # The cache incident states a factor and its category, without asking why yet.
    stated = ContributingFactor("f1", "The cache had no size limit.", CauseCategory.CAPACITY)
    cache = replace(cache, factors=(*cache.factors, stated))
    insights = compute_insights([sample, outage, cache], TODAY)
    assert insights.by_category == (
        ("monitoring", 2),
        ("process", 1),
        ("testing", 1),
        ("capacity", 1),
    )


def test_median_detect_and_resolve_per_month() -> None:
    months = compute_insights(three(), TODAY).months
    assert [(m.month, m.incidents) for m in months] == [("2025-03", 1), ("2025-04", 2)]
    assert (months[0].time_to_detect, months[0].time_to_resolve) == (1318.0, 6828.0)
    # April: 10 and 30 minutes to detect, 2 hours and 1 hour to resolve.
    assert (months[1].time_to_detect, months[1].time_to_resolve) == (1200.0, 5400.0)


def test_action_completion_rate() -> None:
    insights = compute_insights(three(), TODAY)
    assert insights.actions.completion_rate == 2 / 7
    assert insights_dict(insights)["action_completion_rate"] == 2 / 7


def test_no_postmortems() -> None:
    insights = compute_insights([], TODAY)
    assert insights.incidents == 0 and insights.months == () and insights.by_category == ()
    assert insights.actions.completion_rate is None


def test_missing_milestones_are_left_out_of_the_median() -> None:
    pm = cache_latency()
    from dataclasses import replace

    no_resolve = replace(pm, events=pm.events[:2])
    month = compute_insights([pm, no_resolve], TODAY).months[0]
    assert (month.time_to_detect, month.time_to_resolve) == (1800.0, 3600.0)


def test_incident_month_falls_back_to_the_timeline() -> None:
    from dataclasses import replace

    assert incident_month(replace(cache_latency(), incident_date=None)) == "2025-04"
