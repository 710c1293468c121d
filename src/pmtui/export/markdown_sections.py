"""Provides the Markdown parts every template shares: readable labels for the vocabularies,
the header facts, and the narrative sections written as paragraphs."""

from __future__ import annotations

from enum import StrEnum

from pmtui.export.markdown_blocks import MarkdownDocument
from pmtui.export.markdown_clock import iso_date, zone_description
from pmtui.export.markdown_escape import MISSING, heading_text, inline
from pmtui.model.enums import ActionStatus
from pmtui.model.postmortem import SECTIONS, PostMortem

#: Narrative section headings by field name, as the model names them.
SECTION_HEADINGS: dict[str, str] = dict(SECTIONS)

_LABELS: dict[str, str] = {ActionStatus.WONT_DO.value: "won't do"}


def label(value: StrEnum) -> str:
    """A vocabulary value as a reader says it: 'in review', 'operational design', "won't do"."""
    return _LABELS.get(value.value) or value.value.replace("-", " ")


def names(values: tuple[str, ...]) -> str:
    escaped = [name for name in (inline(value, "", cell=False) for value in values) if name]
    return ", ".join(escaped) or MISSING


def add_header_facts(document: MarkdownDocument, pm: PostMortem) -> None:
    facts = (
        ("Severity", pm.severity.value),
        ("Status", label(pm.status)),
        ("Owner", inline(pm.owner, cell=False)),
        ("Incident date", iso_date(pm.incident_day) or MISSING),
        ("Timezone", inline(zone_description(pm), cell=False)),
        ("Attendees", names(pm.attendees)),
        ("Services", names(pm.services)),
    )
    document.bullets(f"**{name}:** {value}" for name, value in facts)


def add_markdown_section(document: MarkdownDocument, heading: str, text: str) -> bool:
    """A section holding the author's Markdown; like every empty section in every template,
    it is left out when there is nothing in it. True if it was added."""
    return document.markdown_section(heading, text)


def add_narrative(document: MarkdownDocument, pm: PostMortem, key: str) -> None:
    """One narrative section, left out when empty."""
    add_markdown_section(document, SECTION_HEADINGS[key], pm.section(key))


UNTITLED = "Untitled post-mortem"


def title_heading(pm: PostMortem) -> str:
    return heading_text(pm.title, UNTITLED)
