"""Provides the Markdown parts every template shares: readable labels for the vocabularies,
the header facts, and the narrative sections written as paragraphs."""

from __future__ import annotations

from enum import StrEnum

from pmtui.export.markdown_blocks import MarkdownDocument
from pmtui.export.markdown_clock import iso_date, zone_description
from pmtui.export.markdown_escape import MISSING, heading_text, inline, paragraphs
from pmtui.model.enums import ActionStatus
from pmtui.model.postmortem import SECTIONS, PostMortem

#: Narrative section headings by field name, as the model names them.
SECTION_HEADINGS: dict[str, str] = dict(SECTIONS)

_LABELS: dict[str, str] = {ActionStatus.WONT_DO.value: "won't do"}

NOT_WRITTEN = "Not written yet."


def label(value: StrEnum) -> str:
    """A vocabulary value as a reader says it: 'in review', 'operational design', "won't do"."""
    return _LABELS.get(value.value) or value.value.replace("-", " ")


def names(values: tuple[str, ...]) -> str:
    escaped = [name for name in (inline(value, "") for value in values) if name]
    return ", ".join(escaped) or MISSING


def add_header_facts(document: MarkdownDocument, pm: PostMortem) -> None:
    facts = (
        ("Severity", pm.severity.value),
        ("Status", label(pm.status)),
        ("Owner", inline(pm.owner)),
        ("Incident date", iso_date(pm.incident_date) or MISSING),
        ("Timezone", inline(zone_description(pm))),
        ("Attendees", names(pm.attendees)),
        ("Services", names(pm.services)),
    )
    document.bullets(f"**{name}:** {value}" for name, value in facts)


def add_narrative(
    document: MarkdownDocument, pm: PostMortem, key: str, *, always: bool = False
) -> None:
    """One narrative section; an empty one is left out unless `always`."""
    blocks = paragraphs(pm.section(key))
    if not blocks and not always:
        return
    document.section(SECTION_HEADINGS[key])
    if blocks:
        document.paragraphs(blocks)
    else:
        document.note(NOT_WRITTEN)


UNTITLED = "Untitled post-mortem"


def title_heading(pm: PostMortem) -> str:
    return heading_text(pm.title, UNTITLED)
