"""Provides the Metrics section: TTD, TTA, TTM, TTR and impact duration derived from the
timeline, the milestone times they come from, and a note when milestones are out of order."""

from __future__ import annotations

from datetime import datetime

from pmtui.analysis.metrics import (
    METRIC_LABELS,
    METRIC_NAMES,
    Metrics,
    compute_metrics,
    metrics_of_columns,
    milestone_findings,
)
from pmtui.export.markdown_clock import local_times
from pmtui.export.markdown_escape import inline
from pmtui.model.postmortem import PostMortem
from pmtui.model.stored_events import StoredEvents

NOT_RECORDED = "not recorded"

_MILESTONES: tuple[tuple[str, str], ...] = (
    ("start", "Start"),
    ("detected", "Detected"),
    ("acknowledged", "Acknowledged"),
    ("mitigated", "Mitigated"),
    ("resolved", "Resolved"),
)


def timeline_metrics(pm: PostMortem) -> Metrics:
    """compute_metrics(pm.events); a timeline read from the store gives its kinds and times
    as columns, with no TimelineEvent built."""
    if isinstance(pm.events, StoredEvents):
        columns = pm.events.columns
        return metrics_of_columns(columns.kinds, columns.ats)
    return compute_metrics(pm.events)


def metric_label(name: str) -> str:
    """'Time to detect (TTD)'; 'Impact duration' needs no abbreviation after it."""
    short, long = METRIC_LABELS[name]
    return long if long.startswith(short) else f"{long} ({short})"


def metric_value(metrics: Metrics, name: str) -> str:
    # Absent is not zero: a missing milestone must not read as "0s".
    return NOT_RECORDED if getattr(metrics, name) is None else metrics.formatted(name)


def any_milestone(metrics: Metrics) -> bool:
    """Whether the timeline holds a milestone at all; without one the section is left out."""
    return any(getattr(metrics.milestones, key) is not None for key, _ in _MILESTONES)


def metric_rows(metrics: Metrics) -> list[list[str]]:
    """[label, value] for each metric, in the order METRIC_NAMES gives."""
    return [[metric_label(name), metric_value(metrics, name)] for name in METRIC_NAMES]


def milestone_problems(metrics: Metrics) -> str:
    """The out-of-order findings joined with '; ' (safe in a paragraph), or ''."""
    findings = milestone_findings(metrics.milestones)
    return "; ".join(inline(finding.message, cell=False) for finding in findings)


def milestone_table(pm: PostMortem, metrics: Metrics) -> tuple[str, list[list[str]]]:
    """The time column's header ('Time (CET)') and [milestone, local time] rows."""
    moments: dict[str, datetime] = {
        key: getattr(metrics.milestones, key)
        for key, _ in _MILESTONES
        if getattr(metrics.milestones, key) is not None
    }
    times = local_times(list(moments.values()), pm.zone, pm.timezone)
    shown = dict(zip(moments, times.texts, strict=True))
    return times.header(), [[name, shown.get(key, NOT_RECORDED)] for key, name in _MILESTONES]
