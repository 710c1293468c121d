"""Provides StoredEvents: a timeline read from the store as columns, its events built on first use.

A Markdown export of a 10,000-event post-mortem prints each event's fields a column at a time
(times, kinds, texts, sources) and derives the metrics from its kinds and times: building
10,000 TimelineEvent objects first was a fifth of the whole command's cost. A post-mortem read
for such a reader holds a StoredEvents as its `events`: a tuple of TimelineEvent to everyone
else (its length, items, iteration, comparison and hash are those of the built tuple), built
the first time anyone looks at it; a reader that knows it asks for `columns` instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, SupportsIndex, overload

from pmtui.model.enums import EventKind
from pmtui.model.postmortem import SeenRecord, TimelineEvent


@dataclass(frozen=True, slots=True)
class EventColumns:
    """A timeline's fields, one list per field, in the order of PostMortem.events (by time)."""

    ids: list[str]
    ats: list[datetime]  # always UTC, ascending
    kinds: list[EventKind]
    texts: list[str]
    sources: list[str]
    links: list[str]
    originals: list[str]
    #: Each grouped row's records by its position; most events have none and are absent.
    seen_in: dict[int, tuple[SeenRecord, ...]]

    def __len__(self) -> int:
        return len(self.ids)

    def event(self, index: int) -> TimelineEvent:
        """The event at `index`, built on its own (for the few a reader needs whole)."""
        return TimelineEvent(
            self.ids[index],
            self.ats[index],
            self.kinds[index],
            self.texts[index],
            self.sources[index],
            self.links[index],
            self.originals[index],
            self.seen_in.get(index, ()),
        )


class StoredEvents(tuple[TimelineEvent, ...]):
    """PostMortem.events as `columns`, the TimelineEvent objects built on first use by `build`.

    The tuple underneath is empty: every tuple operation is answered from the built events,
    so no caller can tell it apart from the tuple it stands for (a copy or pickle is that
    plain tuple).
    """

    columns: EventColumns
    _build: Callable[[EventColumns], tuple[TimelineEvent, ...]] | None
    _events: tuple[TimelineEvent, ...]

    def __new__(
        cls,
        columns: EventColumns,
        build: Callable[[EventColumns], tuple[TimelineEvent, ...]],
    ) -> StoredEvents:
        stored = super().__new__(cls)
        stored.columns = columns
        stored._build = build
        stored._events = ()
        return stored

    @property
    def built(self) -> tuple[TimelineEvent, ...]:
        """The events as a plain tuple, built once."""
        if self._build is not None:
            self._events = self._build(self.columns)
            self._build = None
        return self._events

    def __len__(self) -> int:
        return len(self.columns)

    def __bool__(self) -> bool:
        return len(self.columns) > 0

    def __iter__(self) -> Iterator[TimelineEvent]:
        return iter(self.built)

    def __reversed__(self) -> Iterator[TimelineEvent]:
        return reversed(self.built)

    def __contains__(self, item: object) -> bool:
        return item in self.built

    @overload
    def __getitem__(self, index: SupportsIndex) -> TimelineEvent: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[TimelineEvent, ...]: ...

    def __getitem__(self, index: SupportsIndex | slice) -> Any:
        return self.built[index]

    def index(self, value: Any, start: SupportsIndex = 0, stop: SupportsIndex = 2**63 - 1) -> int:
        return self.built.index(value, start, stop)

    def count(self, value: Any) -> int:
        return self.built.count(value)

    def __add__(self, other: tuple[Any, ...]) -> tuple[Any, ...]:
        return self.built + other

    def __radd__(self, other: tuple[Any, ...]) -> tuple[Any, ...]:
        return other + self.built

    def __mul__(self, times: SupportsIndex) -> tuple[TimelineEvent, ...]:
        return self.built * times

    __rmul__ = __mul__

    def __eq__(self, other: object) -> bool:
        return self.built == other

    def __ne__(self, other: object) -> bool:
        return self.built != other

    def __lt__(self, other: tuple[Any, ...]) -> bool:
        return self.built < other

    def __le__(self, other: tuple[Any, ...]) -> bool:
        return self.built <= other

    def __gt__(self, other: tuple[Any, ...]) -> bool:
        return self.built > other

    def __ge__(self, other: tuple[Any, ...]) -> bool:
        return self.built >= other

    def __hash__(self) -> int:
        return hash(self.built)

    def __repr__(self) -> str:
        return repr(self.built)

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (self.built,))
