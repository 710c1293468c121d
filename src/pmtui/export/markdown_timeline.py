"""Provides the timeline table of the full Markdown document: local date and time, kind (in
bold for the milestones the metrics come from), event text with its link, and source (every
source of a moment several sources saw: "seen in PagerDuty, Slack, Alertmanager").

Built for long timelines: one pass per column, user text escaped in bulk, rows joined once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import compress, count
from operator import attrgetter

from pmtui.export.markdown_clock import local_times
from pmtui.export.markdown_escape import MISSING, inline_many, links_many
from pmtui.model.enums import MILESTONE_KINDS, EventKind
from pmtui.model.postmortem import PostMortem, TimelineEvent
from pmtui.model.sources import seen_in_label
from pmtui.model.stored_events import StoredEvents

_ID = attrgetter("id")
_AT = attrgetter("at")
_KIND = attrgetter("kind")
_LINK = attrgetter("link")
_TEXT = attrgetter("text")
_SOURCE = attrgetter("source")
_SEEN_IN = attrgetter("seen_in")
_KIND_CELLS: dict[EventKind, str] = {
    kind: f"**{kind.value}**" if kind in MILESTONE_KINDS else kind.value for kind in EventKind
}


@dataclass(frozen=True, slots=True)
class TimelineColumns:
    """The events in time order: their ids and kinds, and each column's cell text (escaped
    for a table cell)."""

    ids: list[str]
    kinds: list[EventKind]
    header: list[str]
    times: list[str]
    texts: list[str]  # the event text with its link after it
    sources: list[str]


def timeline_columns(pm: PostMortem) -> TimelineColumns:
    """The timeline's columns; a timeline read from the store (StoredEvents) gives its own,
    with no TimelineEvent built."""
    if isinstance(pm.events, StoredEvents):
        stored = pm.events.columns
        return _columns(
            pm,
            True,  # stored_events checked and sorted them
            stored.ids,
            stored.ats,
            stored.kinds,
            stored.texts,
            stored.sources,
            stored.links,
            {index: stored.event(index) for index in stored.seen_in},
        )
    # The model keeps events in time order; sorting again costs one linear pass when it does.
    # Each column is taken by `map` over all events: no Python step per event.
    events = sorted(pm.events, key=_AT)
    return _columns(
        pm,
        False,
        list(map(_ID, events)),
        list(map(_AT, events)),
        list(map(_KIND, events)),
        list(map(_TEXT, events)),
        list(map(_SOURCE, events)),
        list(map(_LINK, events)),
        {index: events[index] for index in compress(count(), map(_SEEN_IN, events))},
    )


def _columns(
    pm: PostMortem,
    in_utc_order: bool,
    ids: list[str],
    ats: list[datetime],
    kinds: list[EventKind],
    texts: list[str],
    sources: list[str],
    links: list[str],
    grouped: dict[int, TimelineEvent],
) -> TimelineColumns:
    """`grouped`: the events several sources saw, by position; `in_utc_order`: see
    local_times."""
    times = local_times(ats, pm.zone, pm.timezone, in_utc_order=in_utc_order)
    cells = inline_many(texts)
    # A moment several sources saw names them all ("seen in PagerDuty, Slack"). A handful of
    # such labels and sources (monitoring, chat, ...) name thousands of events: each escaped once.
    labels = sources.copy()
    for index, event in grouped.items():
        labels[index] = seen_in_label(event) or labels[index]
    unique = list(dict.fromkeys(labels))
    escaped = dict(zip(unique, inline_many(unique), strict=True))
    shown_sources = list(map(escaped.__getitem__, labels))
    linked = list(compress(count(), links))
    for index, link in zip(linked, links_many([links[i] for i in linked]), strict=True):
        if link:
            cells[index] = f"{cells[index]} ({link})" if cells[index] else link
    header = [times.header(), "Kind", "Event", "Source"]
    return TimelineColumns(ids, kinds, header, times.texts, cells, shown_sources)


def timeline_rows(columns: TimelineColumns) -> list[str]:
    """The table's body, one ready line per event; [] for an empty timeline."""
    return [
        f"| {when} | {kind} | {text or MISSING} | {source or MISSING} |"
        for when, kind, text, source in zip(
            columns.times,
            map(_KIND_CELLS.__getitem__, columns.kinds),
            columns.texts,
            columns.sources,
            strict=True,
        )
    ]
