"""Provides the full Markdown template: the whole post-mortem as a document to publish.

Like every template, it leaves out a section with nothing in it rather than printing a
placeholder: a published document holds only what was recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pmtui.analysis.metrics import compute_metrics
from pmtui.export.markdown_actions import add_action_table
from pmtui.export.markdown_blocks import MarkdownDocument
from pmtui.export.markdown_metrics import add_metrics
from pmtui.export.markdown_related import add_related
from pmtui.export.markdown_sections import add_header_facts, add_narrative, title_heading
from pmtui.export.markdown_timeline import add_timeline
from pmtui.export.markdown_waivers import add_waivers
from pmtui.export.markdown_whys import add_causes, add_whys
from pmtui.model.postmortem import SECTION_KEYS, PostMortem

_METRICS, _TIMELINE, _WHYS, _ACTIONS = "@metrics", "@timeline", "@whys", "@actions"
_CAUSES, _RELATED = "@causes", "@related"

# Narrative sections keep the model's order; the derived parts sit where a reader needs them
# (what the chains concluded right after the summary, numbers after the impact and trigger,
# the timeline after the response, actions after the lessons).
_LAYOUT: tuple[str, ...] = (
    "summary",
    _CAUSES,
    "impact",
    "trigger",
    _METRICS,
    "detection",
    "response",
    _TIMELINE,
    _WHYS,
    "went_well",
    "went_poorly",
    "lucky",
    "lessons",
    _ACTIONS,
    "open_questions",
    "customer_message",
    _RELATED,
    "links",
)
# A section added to the model later still appears, at the end, until it is placed above.
LAYOUT: tuple[str, ...] = _LAYOUT + tuple(key for key in SECTION_KEYS if key not in _LAYOUT)


def render_full(pm: PostMortem, today: date) -> str:
    document = MarkdownDocument(title_heading(pm))
    add_header_facts(document, pm)
    derived: dict[str, Callable[[], None]] = {
        _METRICS: lambda: add_metrics(document, pm, compute_metrics(pm.events)),
        _TIMELINE: lambda: add_timeline(document, pm),
        _WHYS: lambda: add_whys(document, pm),
        _ACTIONS: lambda: add_action_table(document, pm, today),
        _CAUSES: lambda: add_causes(document, pm),
        _RELATED: lambda: add_related(document, pm),
    }
    for part in LAYOUT:
        if part in derived:
            derived[part]()
        else:
            add_narrative(document, pm, part)
    add_waivers(document, pm)
    return document.render()
