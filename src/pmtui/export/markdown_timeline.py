"""Provides the timeline table of the full Markdown document: local date and time, kind (in
bold for the milestones the metrics come from), event text with its link, and source (every
source of a moment several sources saw: "seen in PagerDuty, Slack, Alertmanager").

Built for long timelines: one pass per column, user text escaped in bulk, rows joined once.
"""

from __future__ import annotations

from pmtui.export.markdown_blocks import MarkdownDocument
from pmtui.export.markdown_clock import local_times
from pmtui.export.markdown_escape import MISSING, inline_many
from pmtui.model.enums import MILESTONE_KINDS, EventKind
from pmtui.model.postmortem import PostMortem
from pmtui.model.sources import seen_in_label

_KIND_CELLS: dict[EventKind, str] = {
    kind: f"**{kind.value}**" if kind in MILESTONE_KINDS else kind.value for kind in EventKind
}


def add_timeline(document: MarkdownDocument, pm: PostMortem) -> None:
    # The model keeps events in time order; sorting again costs one linear pass when it does.
    events = sorted(pm.events, key=lambda event: event.at)
    if not events:
        return  # an empty section is left out, as in every template
    document.section("Timeline")
    times = local_times([event.at for event in events], pm.zone, pm.timezone)
    texts = inline_many([event.text for event in events])
    # A moment several sources saw names them all; its row shows the best record's text.
    sources = inline_many([seen_in_label(event) or event.source for event in events])
    linked = [index for index, event in enumerate(events) if event.link]
    for index, link in zip(linked, inline_many([events[i].link for i in linked]), strict=True):
        if link:
            texts[index] = f"{texts[index]} ({link})" if texts[index] else link
    rows = [
        f"| {when} | {_KIND_CELLS[event.kind]} | {text or MISSING} | {source or MISSING} |"
        for when, event, text, source in zip(times.texts, events, texts, sources, strict=True)
    ]
    document.table_lines([times.header(), "Kind", "Event", "Source"], rows)
