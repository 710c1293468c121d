"""Provides TimelineFacts: what adding events to a post-mortem needs to know of it, read
without building its whole timeline.

An evidence import into a 100,000-event post-mortem compares the new events with the few
stored at the same instants, picks unused ids and checks the length limit: building 100,000
TimelineEvent objects for that was most of its cost.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Set
from dataclasses import dataclass, replace
from datetime import datetime

from pmtui.model.postmortem import PostMortem, TimelineEvent


@dataclass(frozen=True, slots=True)
class TimelineFacts:
    #: The post-mortem with an empty timeline: its header, whys and actions, for reading
    #: only. Saving it would drop every event, so it is never handed to a save.
    header: PostMortem
    event_count: int
    #: Answers `id in event_ids` for the ids its events use (a set, or a search of a file).
    event_ids: Container[str]
    #: The stored events at the instants asked for, in time order.
    at_instants: tuple[TimelineEvent, ...]


class LazyIds:
    """`id in ids` over a set built on the first question: reading a header and a count never
    asks one, and 100,000 ids are 8 MiB."""

    def __init__(self, build: Callable[[], set[str]]) -> None:
        self._build: Callable[[], set[str]] | None = build
        self._ids: set[str] = set()

    def __contains__(self, item: object) -> bool:
        if self._build is not None:
            self._ids, self._build = self._build(), None
        return item in self._ids


def facts_of(pm: PostMortem, instants: Set[datetime]) -> TimelineFacts:
    """The TimelineFacts of a post-mortem already built."""
    events = pm.events
    return TimelineFacts(
        header=replace(pm, events=()),
        event_count=len(events),
        event_ids=LazyIds(lambda: {event.id for event in events}),
        at_instants=tuple(event for event in pm.events if event.at in instants),
    )
