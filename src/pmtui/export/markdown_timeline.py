"""Provides the timeline table of the full Markdown document: local date and time, kind (in
bold for the milestones the metrics come from), event text with its link, and source (every
source of a moment several sources saw: "seen in PagerDuty, Slack, Alertmanager").

Built for long timelines: one pass per column, user text escaped in bulk, rows joined once.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress, count
from operator import attrgetter

from pmtui.export.markdown_clock import local_times
from pmtui.export.markdown_escape import MISSING, inline_many, links_many
from pmtui.model.enums import MILESTONE_KINDS, EventKind
from pmtui.model.postmortem import PostMortem, TimelineEvent
from pmtui.model.sources import seen_in_label

_AT = attrgetter("at")
_LINK = attrgetter("link")
_TEXT = attrgetter("text")
_SOURCE = attrgetter("source")
_SEEN_IN = attrgetter("seen_in")
_KIND_CELLS: dict[EventKind, str] = {
    kind: f"**{kind.value}**" if kind in MILESTONE_KINDS else kind.value for kind in EventKind
}


@dataclass(frozen=True, slots=True)
class TimelineColumns:
    """The events in time order with each column's cell text (escaped for a table cell)."""

    events: list[TimelineEvent]
    header: list[str]
    times: list[str]
    texts: list[str]  # the event text with its link after it
    sources: list[str]


def timeline_columns(pm: PostMortem) -> TimelineColumns:
    # The model keeps events in time order; sorting again costs one linear pass when it does.
    # Each column is taken by `map` over all events: no Python step per event.
    events = sorted(pm.events, key=_AT)
    times = local_times(list(map(_AT, events)), pm.zone, pm.timezone)
    texts = inline_many(list(map(_TEXT, events)))
    # A moment several sources saw names them all ("seen in PagerDuty, Slack"). A handful of
    # such labels and sources (monitoring, chat, ...) name thousands of events: each escaped once.
    # Only a grouped row (seen_in) has such a label: most events skip the call.
    labels = list(map(_SOURCE, events))
    for index in compress(count(), map(_SEEN_IN, events)):
        labels[index] = seen_in_label(events[index]) or labels[index]
    unique = list(dict.fromkeys(labels))
    escaped = dict(zip(unique, inline_many(unique), strict=True))
    sources = list(map(escaped.__getitem__, labels))
    linked = list(compress(count(), map(_LINK, events)))
    for index, link in zip(linked, links_many([events[i].link for i in linked]), strict=True):
        if link:
            texts[index] = f"{texts[index]} ({link})" if texts[index] else link
    header = [times.header(), "Kind", "Event", "Source"]
    return TimelineColumns(events, header, times.texts, texts, sources)


def timeline_rows(columns: TimelineColumns) -> list[str]:
    """The table's body, one ready line per event; [] for an empty timeline."""
    return [
        f"| {when} | {_KIND_CELLS[event.kind]} | {text or MISSING} | {source or MISSING} |"
        for when, event, text, source in zip(
            columns.times, columns.events, columns.texts, columns.sources, strict=True
        )
    ]
