"""Provides the customer-facing Markdown template: what happened, when customers were
affected, and what is being done about it.

It is built only from the fields written for customers (see pmtui.analysis.customer): the
customer message, the customer title (else a neutral "Incident report: <date>"), the
customer impact window (else the impact milestones) and each action's customer line (an
action without one is left out). No internal field stands in for a missing one: without a
customer message there is no customer version, and CustomerVersionMissing says so.
"""

from __future__ import annotations

from pmtui.analysis.customer import (
    CustomerWindow,
    customer_headline,
    customer_lines,
    customer_window,
    missing_for_customers,
)
from pmtui.export.markdown_blocks import MarkdownDocument
from pmtui.export.markdown_clock import labelled_instant
from pmtui.export.markdown_escape import heading_text, list_item_text
from pmtui.export.markdown_sections import add_markdown_section
from pmtui.model.postmortem import PostMortem
from pmtui.model.times import format_duration


class CustomerVersionMissing(ValueError):
    """The post-mortem has no customer version yet; `missing` names what it needs."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(
            f"there is no customer version without {' and '.join(missing)}; "
            "write it in the Overview pane (or: pmtui set ID customer_message TEXT)"
        )


def timing(pm: PostMortem, window: CustomerWindow) -> list[str]:
    """When customers were affected, in the incident's timezone and in UTC."""
    lines = []
    if window.start is not None:
        lines.append(f"Started: {labelled_instant(window.start, pm.zone)}")
    if window.end is not None:
        lines.append(f"Ended: {labelled_instant(window.end, pm.zone)}")
    elif window.start is not None:
        lines.append("Status: not yet resolved")
    # Ends out of order give no duration: a negative one would only confuse a customer.
    if window.duration is not None:
        lines.append(f"Duration of impact: {format_duration(window.duration)}")
    return lines


def render_customer(pm: PostMortem) -> str:
    missing = missing_for_customers(pm)
    if missing:
        raise CustomerVersionMissing(missing)
    document = MarkdownDocument(heading_text(customer_headline(pm), "Incident report"))

    # The author's Markdown, as in every template; like every empty section in every
    # template, a section with nothing in it is left out.
    add_markdown_section(document, "What happened", pm.customer_message)
    when = timing(pm, customer_window(pm))
    if when:
        document.section("Impact")
        document.bullets(when)

    done, planned = customer_lines(pm)
    if done or planned:
        document.section("What we are doing")
    if done:
        document.paragraph("Already done:")
        document.bullets(list_item_text(line) for line in done)
    if planned:
        document.paragraph("Next steps:")
        document.bullets(list_item_text(line) for line in planned)
    return document.render()
