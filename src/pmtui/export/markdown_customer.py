"""Provides the customer-facing Markdown template: what happened, the impact with its start
and end times, and what is being done about it.

It is written for a status-page reader, so it leaves out everything internal: owners,
attendees, services, severity, tracker references, the timeline and its sources.
"""

from __future__ import annotations

from pmtui.analysis.metrics import Metrics, compute_metrics
from pmtui.export.markdown_actions import customer_action_texts
from pmtui.export.markdown_blocks import MarkdownDocument
from pmtui.export.markdown_clock import labelled_instant
from pmtui.export.markdown_sections import add_markdown_section, title_heading
from pmtui.model.postmortem import PostMortem


def timing(pm: PostMortem, metrics: Metrics) -> list[str]:
    """When it started and ended, in the incident's timezone and in UTC."""
    milestones = metrics.milestones
    lines = []
    if milestones.start is not None:
        lines.append(f"Started: {labelled_instant(milestones.start, pm.zone)}")
    restored = milestones.mitigated
    if restored is not None and restored != milestones.resolved:
        lines.append(f"Service restored: {labelled_instant(restored, pm.zone)}")
    if milestones.resolved is not None:
        lines.append(f"Resolved: {labelled_instant(milestones.resolved, pm.zone)}")
    elif restored is None and milestones.start is not None:
        lines.append("Status: not yet resolved")
    # A negative duration (milestones out of order) would only confuse a customer.
    if metrics.impact_duration is not None and metrics.impact_duration >= 0:
        lines.append(f"Duration of impact: {metrics.formatted('impact_duration')}")
    return lines


def render_customer(pm: PostMortem) -> str:
    document = MarkdownDocument(title_heading(pm))

    # The customer message is the text written for this audience. Without it the summary and
    # the impact section stand in; with it they stay out, as they are written for the team
    # (error budgets, ticket counts, internal hostnames).
    message = pm.customer_message.strip()
    story = pm.customer_message if message else pm.summary
    impact = "" if message else pm.impact

    # The author's Markdown, as in every template; an empty section is left out.
    add_markdown_section(document, "What happened", story)
    when = timing(pm, compute_metrics(pm.events))
    if impact.strip() or when:
        document.section("Impact")
        document.markdown(impact)
        if when:
            document.bullets(when)

    done, planned = customer_action_texts(pm)
    if done or planned:
        document.section("What we are doing")
    if done:
        document.paragraph("Already done:")
        document.bullets(done)
    if planned:
        document.paragraph("Next steps:")
        document.bullets(planned)
    return document.render()
