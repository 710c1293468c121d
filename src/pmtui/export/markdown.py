"""Provides the Markdown export of a post-mortem: a template (built-in full, light, customer,
or a team's own file) rendered in a sandbox from one view model, then finished.

The built-in templates are template files shipped in the package (export/templates/), rendered
exactly like a copied one, so a copy renders byte-identical by construction. Every value a
template prints is escaped before it sees it, so the document's structure is the template's
alone, and the built-in documents lint clean with pymarkdown (line length aside).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from pmtui.export.markdown_attachments import ATTACHMENTS_PREFIX
from pmtui.export.markdown_customer import CustomerVersionMissing
from pmtui.export.markdown_finish import Fences, finish
from pmtui.export.markdown_whys import forget_linkable
from pmtui.export.template_engine import (
    BUILTIN_TEMPLATES,
    builtin_template,
    compile_template,
    render,
)
from pmtui.model.postmortem import PostMortem
from pmtui.model.text import visible

if TYPE_CHECKING:
    from jinja2 import Template

TEMPLATES: tuple[str, ...] = tuple(BUILTIN_TEMPLATES)


def export_markdown(
    pm: PostMortem,
    template: str = "full",
    *,
    today: date | None = None,
    attachments: str = ATTACHMENTS_PREFIX,
) -> str:
    """The post-mortem as a Markdown document in a built-in template.

    `attachments` is where attached images are, relative to where the document is read.
    `today` decides which open action items are marked overdue; it defaults to today's date
    in the post-mortem's timezone. Raises ValueError for an unknown template and
    CustomerVersionMissing for a customer version the post-mortem does not have.
    """
    if template not in TEMPLATES:
        allowed = ", ".join(TEMPLATES)
        raise ValueError(f"unknown Markdown template {template!r}; use one of: {allowed}")
    return _export(pm, builtin_template(template), today, attachments)


def export_markdown_with(
    pm: PostMortem,
    source: str,
    name: str,
    *,
    today: date | None = None,
    attachments: str = ATTACHMENTS_PREFIX,
) -> str:
    """The post-mortem rendered by the template text `source` (a team's own file).

    `name` is how errors name the file. Raises TemplateProblem ('name:line: problem') for a
    template that does not compile or fails while rendering, CustomerVersionMissing when it
    asks for a customer version the post-mortem does not have.
    """
    return _export(pm, compile_template(source, name), today, attachments)


def _export(pm: PostMortem, template: Template, today: date | None, prefix: str) -> str:
    from pmtui.export.template_view import template_context

    day = today if today is not None else datetime.now(pm.zone).date()
    fences = Fences()
    try:
        text = render(
            template, template_context(pm, day, fences, prefix), passes=(CustomerVersionMissing,)
        )
    finally:
        forget_linkable()
    # A file written by an older pmtui may still hold control, bidirectional or zero-width
    # characters the model now refuses: the reader sees them as escapes, not their effect.
    return visible(finish(text, fences))
