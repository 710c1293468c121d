"""Provides the Markdown export of a post-mortem in three templates: full, light, customer.

Every template escapes all user text, so the document's structure is the template's alone,
and the output lints clean with pymarkdown (line length aside).
"""

from __future__ import annotations

from datetime import date, datetime

from pmtui.export.markdown_customer import render_customer
from pmtui.export.markdown_full import render_full
from pmtui.export.markdown_light import render_light
from pmtui.model.postmortem import PostMortem
from pmtui.model.text import visible

TEMPLATES: tuple[str, ...] = ("full", "light", "customer")


def export_markdown(pm: PostMortem, template: str = "full", *, today: date | None = None) -> str:
    """The post-mortem as a Markdown document.

    `today` decides which open action items are marked overdue; it defaults to today's date
    in the post-mortem's timezone.
    """
    if template not in TEMPLATES:
        allowed = ", ".join(TEMPLATES)
        raise ValueError(f"unknown Markdown template {template!r}; use one of: {allowed}")
    if template == "customer":
        return visible(render_customer(pm))
    day = today if today is not None else datetime.now(pm.zone).date()
    if template == "light":
        return visible(render_light(pm, day))
    # A file written by an older pmtui may still hold control, bidirectional or zero-width
    # characters the model now refuses: the reader sees them as escapes, not their effect.
    return visible(render_full(pm, day))
