"""Provides the light Markdown template for minor incidents: a one-line header, summary,
detection, root causes and a compact list of action items."""

from __future__ import annotations

from datetime import date

from pmtui.analysis.metrics import compute_metrics
from pmtui.export.markdown_actions import add_action_list
from pmtui.export.markdown_blocks import MarkdownDocument
from pmtui.export.markdown_escape import inline
from pmtui.export.markdown_sections import add_narrative, label, title_heading
from pmtui.export.markdown_whys import add_causes
from pmtui.model.postmortem import PostMortem


def header_line(pm: PostMortem) -> str:
    """'SEV4 · published · owner Dana Whitfield · 2025-01-14 · impact 1h 05m'."""
    parts = [pm.severity.value, label(pm.status)]
    owner = inline(pm.owner, "", cell=False)
    if owner:
        parts.append(f"owner {owner}")
    if pm.incident_day is not None:
        parts.append(pm.incident_day.isoformat())
    metrics = compute_metrics(pm.events)
    if metrics.impact_duration is not None:
        parts.append(f"impact {metrics.formatted('impact_duration')}")
    return " · ".join(parts)


def render_light(pm: PostMortem, today: date) -> str:
    document = MarkdownDocument(title_heading(pm))
    document.paragraph(header_line(pm))
    add_narrative(document, pm, "summary")
    add_narrative(document, pm, "detection")
    add_causes(document, pm)
    add_action_list(document, pm, today)
    return document.render()
