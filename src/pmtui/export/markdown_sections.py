"""Provides the Markdown parts every template shares: readable labels for the vocabularies,
the title, the header facts and the light template's one-line header."""

from __future__ import annotations

from enum import StrEnum

from pmtui.export.markdown_clock import iso_date, zone_description
from pmtui.export.markdown_escape import MISSING, heading_text, inline
from pmtui.export.markdown_metrics import timeline_metrics
from pmtui.model.enums import ActionStatus
from pmtui.model.postmortem import SECTIONS, PostMortem

#: Narrative section headings by field name, as the model names them.
SECTION_HEADINGS: dict[str, str] = dict(SECTIONS)

_LABELS: dict[str, str] = {ActionStatus.WONT_DO.value: "won't do"}


def label(value: StrEnum) -> str:
    """A vocabulary value as a reader says it: 'in review', 'operational design', "won't do"."""
    return _LABELS.get(value.value) or value.value.replace("-", " ")


def names(values: tuple[str, ...], missing: str = MISSING) -> str:
    escaped = [name for name in (inline(value, "", cell=False) for value in values) if name]
    return ", ".join(escaped) or missing


def header_facts(pm: PostMortem) -> list[tuple[str, str]]:
    """The facts under the title, each value safe inside a list item. A fact nobody filled is
    left out: a published page full of '—' reads as unfinished, and the readiness checklist
    (not the document) is where a missing owner is pointed out."""
    facts = [
        ("Severity", pm.severity.value),
        ("Status", label(pm.status)),
        ("Owner", inline(pm.owner, "", cell=False)),
        ("Incident date", iso_date(pm.incident_day)),
        ("Timezone", inline(zone_description(pm), "", cell=False)),
        ("Attendees", names(pm.attendees, "")),
        ("Services", names(pm.services, "")),
    ]
    return [(name, value) for name, value in facts if value]


def header_line(pm: PostMortem) -> str:
    """'SEV4 · published · owner Dana Whitfield · 2025-01-14 · impact 1h 05m'."""
    parts = [pm.severity.value, label(pm.status)]
    owner = inline(pm.owner, "", cell=False)
    if owner:
        parts.append(f"owner {owner}")
    if pm.incident_day is not None:
        parts.append(pm.incident_day.isoformat())
    metrics = timeline_metrics(pm)
    if metrics.impact_duration is not None:
        parts.append(f"impact {metrics.formatted('impact_duration')}")
    return " · ".join(parts)


UNTITLED = "Untitled post-mortem"


def title_heading(pm: PostMortem) -> str:
    return heading_text(pm.title, UNTITLED)
