"""Provides TimelineFacts: what adding events to a post-mortem needs to know of it, read
without building its whole timeline.

An evidence import into a 100,000-event post-mortem compares the new events with the few
stored near them in time (duplicates, and the rows a record of the same moment joins), picks
unused ids and checks the length limit: building 100,000 TimelineEvent objects for that was
most of its cost.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from pmtui.model.postmortem import PostMortem, TimelineEvent


@dataclass(frozen=True, slots=True)
class TimelineFacts:
    #: The post-mortem with an empty timeline: its header, whys and actions, for reading
    #: only. Saving it would drop every event, so it is never handed to a save.
    header: PostMortem
    event_count: int
    #: Answers `id in event_ids` for the ids its events use (a set, or a search of a file).
    event_ids: Container[str]
    #: The stored events inside the windows asked for, in time order.
    nearby: tuple[TimelineEvent, ...]


@dataclass(frozen=True, slots=True)
class TimeWindows:
    """Closed stretches of time, sorted and apart: where the stored events an import must
    see lie (the evidence's instants widened by how far a record reaches)."""

    starts: tuple[datetime, ...]
    ends: tuple[datetime, ...]

    @classmethod
    def around(cls, instants: Iterable[datetime], reach: timedelta) -> TimeWindows:
        """[instant - reach, instant + reach] for each instant, overlapping ones joined."""
        starts: list[datetime] = []
        ends: list[datetime] = []
        for moment in sorted(set(instants)):
            if ends and moment - reach <= ends[-1]:
                ends[-1] = moment + reach
            else:
                starts.append(moment - reach)
                ends.append(moment + reach)
        return cls(tuple(starts), tuple(ends))

    def __bool__(self) -> bool:
        return bool(self.starts)

    def __contains__(self, moment: object) -> bool:
        if not isinstance(moment, datetime):
            return False
        index = bisect_right(self.starts, moment) - 1
        return index >= 0 and moment <= self.ends[index]

    def text_bounds(self) -> tuple[list[str], list[str]]:
        """Each window's bounds as strings that a stored `at` spelled as pmtui spells it
        ("YYYY-MM-DDTHH:MM:SS[.ffffff]Z") compares with directly: the start's whole second
        (a prefix sorts first) and the end's whole second followed by "~" (after "Z" and
        "."), so a window holds a few instants more, never fewer, and nothing is parsed."""
        starts = [_whole_second(moment) for moment in self.starts]
        ends = [_whole_second(moment) + "~" for moment in self.ends]
        return starts, ends


def _whole_second(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat()


def holds_text(starts: list[str], ends: list[str], at: str) -> bool:
    """Whether a canonical stored instant `at` is inside windows given by text_bounds()."""
    index = bisect_right(starts, at) - 1
    return index >= 0 and at <= ends[index]


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


def facts_of(pm: PostMortem, windows: TimeWindows) -> TimelineFacts:
    """The TimelineFacts of a post-mortem already built."""
    events = pm.events
    return TimelineFacts(
        header=replace(pm, events=()),
        event_count=len(events),
        event_ids=LazyIds(lambda: {event.id for event in events}),
        nearby=tuple(event for event in events if event.at in windows) if windows else (),
    )
