"""Provides TimelineScan: a team file that pmtui wrote itself, read for an evidence import
without parsing its events, and new events spliced into its bytes at their place in time.

An import into a 100,000-event post-mortem needs the events near a few instants (duplicates,
and the rows a record of the same moment joins), whether an id is in use and the count;
parsing every event block for that was most of its time and memory.
A file whose exact bytes this user's pmtui wrote (checked_files.is_written) is in pmfile's
own layout: the header block, then one block per event in time order, each starting
`{\\n  "_block": "event",\\n  "at": "<instant>",\\n  "id": ...`, then the whys and actions;
blocks are separated by `}\\n{`, which no JSON string holds (no raw line break) and no nested
value does (nested items are indented and separated by commas). So the events are found by
searching the bytes (a bisection over their instants), and everything else is left as it is:
adding an event adds one block and changes the header's `updated_at`, as a team file promises
(a row another source's record joins is one block swapped).
Any other file goes through the whole model, as every other save does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from pmtui.model.postmortem import TimelineEvent
from pmtui.model.timeline_facts import TimelineFacts, TimeWindows
from pmtui.model.times import iso_utc
from pmtui.store import pmfile, records
from pmtui.store.errors import DamagedFile

Doc = dict[str, Any]
_BETWEEN = b"}\n{"
_EVENT_HEAD = b'}\n{\n  "_block": "event",\n  "at": '
_END = b"\n}\n"
_TAIL_KINDS = (pmfile.WHY_BLOCK, pmfile.ACTION_BLOCK)


class _Unappendable(Exception):
    """The bytes are not in the layout this reader relies on; the model reads them."""


@dataclass(frozen=True, slots=True)
class EventIdsInFile:
    """`id in ids` for the event ids of a file in pmtui's layout, by searching its bytes."""

    raw: bytes
    start: int
    end: int

    def __contains__(self, event_id: object) -> bool:
        if not isinstance(event_id, str):
            return False
        # An action block has the same two lines; a false "taken" only draws another id.
        line = b'",\n  "id": ' + orjson.dumps(event_id) + b',\n  "kind": '
        return self.raw.find(line, self.start, self.end) != -1


@dataclass(frozen=True, slots=True)
class TimelineScan:
    raw: bytes
    header: Doc  # the first block as parsed
    whys: list[Doc]
    actions: list[Doc]
    events_start: int  # the offset of the first event block's "{" (or of what follows)
    events_end: int  # the offset just past the last event block
    event_count: int

    def facts(self, windows: TimeWindows, path: Path) -> TimelineFacts:
        """The scanned post-mortem's TimelineFacts: only the blocks inside `windows` are
        parsed."""
        try:
            header = pmfile.tables_of([self.header], path)["postmortems"][1]
            found: list[Doc] = []
            for start, end in zip(windows.starts, windows.ends, strict=True):
                position = self._first_event_from(start, after=False)
                while position < self.events_end and self._instant_at(position) <= end:
                    block_end = self.raw.index(_END, position) + 2
                    block = orjson.loads(self.raw[position:block_end])
                    del block[pmfile.BLOCK]
                    block["pm"] = header.get("id")
                    found.append(block)
                    position = block_end + 1
            return records.timeline_facts_from_records(
                header,
                found,
                self.whys,
                self.actions,
                self.event_count,
                EventIdsInFile(self.raw, self.events_start, self.events_end),
            )
        except (KeyError, ValueError, TypeError, orjson.JSONDecodeError) as error:
            raise DamagedFile(path, f"holds an unreadable post-mortem ({error!r})") from None

    def spliced(
        self,
        events: Sequence[TimelineEvent],
        updated_at: datetime,
        replaced: Sequence[TimelineEvent] = (),
    ) -> list[Any]:
        """The file's bytes with `events` added at their place in time (after the events
        already at their instant, as PostMortem.with_events orders them), each of `replaced`
        moved there too in place of the block with its id (as with_event_replaced does), and
        the header's `updated_at` set: pieces of the old bytes (memoryviews) and the new
        blocks. KeyError names a replaced id the file does not hold."""
        view = memoryview(self.raw)
        header = {**self.header, "updated_at": iso_utc(updated_at)}
        pieces: list[Any] = [pmfile.block_bytes(header)]
        # (offset, 0 to insert a block there or 1 to skip the bytes up to `end`, order, ...)
        steps: list[tuple[int, int, int, Any]] = []
        for row in replaced:
            start, end = self._block_of(row.id)
            steps.append((start, 1, 0, end))
        # A replaced row goes before the new events at its instant, as in the whole save.
        written = sorted(enumerate((*replaced, *events)), key=lambda pair: (pair[1].at, pair[0]))
        steps += [
            (self._first_event_from(event.at, after=True), 0, order, event)
            for order, (_, event) in enumerate(written)
        ]
        position = self.events_start
        for offset, skip, _, payload in sorted(steps, key=lambda step: step[:3]):
            if offset > position:
                pieces.append(view[position:offset])
                position = offset
            if skip:
                position = max(position, payload)
            else:
                pieces.append(pmfile.event_block_bytes(payload))
        pieces.append(view[position:])
        return pieces

    def _block_of(self, event_id: str) -> tuple[int, int]:
        """The offsets of the event block with `event_id`: its "{" and just past its "}\n"."""
        line = b'",\n  "id": ' + orjson.dumps(event_id) + b',\n  "kind": '
        found = self.raw.find(line, self.events_start, self.events_end)
        if found == -1:
            raise KeyError(event_id)
        start = self.raw.rfind(b"\n{\n", self.events_start - 1, found) + 1
        return start, self.raw.index(_END, found) + 3

    def _next_event(self, start: int) -> int:
        """The offset of the first event block's "{" at or after `start`, else events_end."""
        found = self.raw.find(_EVENT_HEAD, max(start - 2, self.events_start - 2), self.events_end)
        return found + 2 if found != -1 else self.events_end

    def _instant_at(self, block: int) -> datetime:
        begin = block - 2 + len(_EVENT_HEAD)  # the head starts at the "}" before the block
        end = self.raw.index(b"\n", begin) - 1  # before the line's comma
        return records.stored_instant(orjson.loads(self.raw[begin:end]))

    def _first_event_from(self, moment: datetime, *, after: bool) -> int:
        """The first event block whose instant is past `moment` (`after`) or not before it,
        by bisection over the blocks' offsets (the file keeps them in time order)."""
        low, high = self.events_start, self.events_end
        while low < high:
            middle = (low + high) // 2
            block = self._next_event(middle)
            if block >= high:
                high = middle
                continue
            instant = self._instant_at(block)
            if instant < moment or (after and instant == moment):
                low = block + 1
            else:
                high = middle  # no block starts between middle and this one
        return self._next_event(low)


def digest_of(pieces: Sequence[Any]) -> str:
    hashed = hashlib.sha256()
    for piece in pieces:
        hashed.update(piece)
    return hashed.hexdigest()


def scan(raw: bytes, path: Path) -> TimelineScan | None:
    """The scan of a file pmtui wrote itself (the caller knows it by its digest); None when
    the bytes are not in pmfile's layout after all."""
    try:
        return _scan(raw, path)
    except (_Unappendable, DamagedFile, KeyError, ValueError, TypeError, orjson.JSONDecodeError):
        return None


def _scan(raw: bytes, path: Path) -> TimelineScan:
    if raw[:2] != b"{\n" or not raw.endswith(_END):
        raise _Unappendable
    header_end = raw.index(_END) + 3  # a nested close is indented: this is the header's
    header = orjson.loads(raw[:header_end])
    if type(header) is not dict or header.get(pmfile.BLOCK) != pmfile.HEADER_BLOCK:
        raise _Unappendable
    tail = _tail_start(raw, header_end)
    tail_blocks = pmfile.loads_blocks(raw[tail:], path) if tail < len(raw) else []
    whys: list[Doc] = []
    actions: list[Doc] = []
    for block in tail_blocks:
        kind = block.pop(pmfile.BLOCK, None)
        if kind not in _TAIL_KINDS:
            raise _Unappendable
        block["pm"] = header.get("id")
        (whys if kind == pmfile.WHY_BLOCK else actions).append(block)
    events = raw.count(_EVENT_HEAD, header_end - 3, tail)
    # Every block between the header and the tail is an event block: no other kind hides there.
    if raw.count(_BETWEEN, header_end - 3, tail) != events:
        raise _Unappendable
    return TimelineScan(raw, header, whys, actions, header_end, tail, events)


def _tail_start(raw: bytes, header_end: int) -> int:
    """Where the first why or action block begins (the end of the file when none)."""
    starts = [
        raw.find(b'}\n{\n  "_block": "' + kind.encode() + b'"', header_end - 3)
        for kind in _TAIL_KINDS
    ]
    found = [start + 2 for start in starts if start != -1]
    tail = min(found, default=len(raw))
    if raw.find(_EVENT_HEAD, tail) != -1:  # an event after a why or an action
        raise _Unappendable
    return tail
