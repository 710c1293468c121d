"""Provides the Metrics section: TTD, TTA, TTM, TTR and impact duration derived from the
timeline, the milestone times they come from, and a note when milestones are out of order."""

from __future__ import annotations

from datetime import datetime

from pmtui.analysis.metrics import METRIC_LABELS, METRIC_NAMES, Metrics, milestone_findings
from pmtui.export.markdown_blocks import MarkdownDocument
from pmtui.export.markdown_clock import local_times
from pmtui.export.markdown_escape import inline
from pmtui.model.postmortem import PostMortem

NOT_RECORDED = "not recorded"

_MILESTONES: tuple[tuple[str, str], ...] = (
    ("start", "Start"),
    ("detected", "Detected"),
    ("acknowledged", "Acknowledged"),
    ("mitigated", "Mitigated"),
    ("resolved", "Resolved"),
)


def metric_label(name: str) -> str:
    """'Time to detect (TTD)'; 'Impact duration' needs no abbreviation after it."""
    short, long = METRIC_LABELS[name]
    return long if long.startswith(short) else f"{long} ({short})"


def metric_value(metrics: Metrics, name: str) -> str:
    # Absent is not zero: a missing milestone must not read as "0s".
    return NOT_RECORDED if getattr(metrics, name) is None else metrics.formatted(name)


def add_metrics(document: MarkdownDocument, pm: PostMortem, metrics: Metrics) -> None:
    """The metrics and milestones; left out when the timeline holds no milestone at all."""
    if all(getattr(metrics.milestones, key) is None for key, _ in _MILESTONES):
        return
    document.section("Metrics")
    document.table(
        ["Metric", "Value"],
        [[metric_label(name), metric_value(metrics, name)] for name in METRIC_NAMES],
    )
    findings = milestone_findings(metrics.milestones)
    if findings:
        problems = "; ".join(inline(finding.message, cell=False) for finding in findings)
        document.paragraph(
            f"**Milestones out of order:** {problems}. The values above are kept as measured, "
            "so some are negative; check the times of these events in the timeline."
        )
    moments: dict[str, datetime] = {
        key: getattr(metrics.milestones, key)
        for key, _ in _MILESTONES
        if getattr(metrics.milestones, key) is not None
    }
    times = local_times(list(moments.values()), pm.zone, pm.timezone)
    shown = dict(zip(moments, times.texts, strict=True))
    document.table(
        ["Milestone", times.header()],
        [[name, shown.get(key, NOT_RECORDED)] for key, name in _MILESTONES],
    )
