"""Provides the team folder's file for one post-mortem: deterministic text that git diffs and
merges well.

A file is a sequence of pretty-printed JSON objects ("blocks"), keys sorted, two-space indent,
each starting with `{` and ending with `}` in the first column, a trailing newline and no commas
between blocks. The first block is the post-mortem's header (its fields, narrative sections,
waivers and merge conflicts); then one block per timeline event (in time order), per why chain
and per action item, each the pmtui/1 interchange form of that item tagged with `_block`.
Narrative sections are written as a list of their lines, so a line of prose is a line of the
file.

Why this shape: the same post-mortem always gives the same bytes; adding an event adds one block
(about ten lines) and touches no other line, so git's own line merge keeps two people's additions
at different places; an edited field is one changed line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC
from itertools import repeat
from pathlib import Path
from typing import Any

import orjson

from pmtui.gcpause import paused_gc
from pmtui.model.codec import FORMAT, action_to_dict, seen_to_dict, why_to_dict
from pmtui.model.postmortem import SECTION_KEYS, PostMortem, TimelineEvent
from pmtui.model.times import iso_utc
from pmtui.store import legacy_text, records, schema, validate
from pmtui.store.errors import DamagedFile
from pmtui.store.layout import POSTMORTEM_SUFFIX

SUFFIX = POSTMORTEM_SUFFIX
BLOCK = "_block"
HEADER_BLOCK = "postmortem"
EVENT_BLOCK = "event"
WHY_BLOCK = "why"
ACTION_BLOCK = "action"
_TABLE_OF_BLOCK = {
    EVENT_BLOCK: schema.EVENTS,
    WHY_BLOCK: schema.WHYS,
    ACTION_BLOCK: schema.ACTIONS,
}
# `format_minor` stays in the header: the post-mortem keeps the minor it was read with.
_NOT_HEADER = frozenset({BLOCK, "format"})
_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_UTC_Z
# Between two top-level blocks: a closing brace, a line break, an opening brace. JSON strings
# hold no raw line break and nested objects are separated by commas, so this is only ever a
# boundary between blocks (hand-written files may indent or space them differently).
_BOUNDARY = re.compile(rb"\}[ \t\r]*\n\s*\{")

_SPACE = frozenset(b" \t\n\r\x0b\x0c")
_LEADING_SPACE = re.compile(rb"[ \t\n\r\x0b\x0c]*")
#: Small enough that each piece's copies and orjson's tree reuse the memory the last piece
#: freed: pieces of a MiB took fresh pages each time (4,700 page faults reading 10,000
#: events, 2,000 at 64 KiB; 5 ms of a Markdown export).
_PIECE_BYTES = 1 << 16

Doc = dict[str, Any]


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def header_block(pm: PostMortem) -> Doc:
    header = records.header_record(pm)
    if not header.get("waivers"):
        del header["waivers"]  # left out when empty, as in pmtui/1
    if not header.get("conflicts"):
        del header["conflicts"]
    if not header.get("attachments"):
        del header["attachments"]
    for key in SECTION_KEYS:
        header[key] = _lines(header[key])
    return {BLOCK: HEADER_BLOCK, "format": FORMAT, **header}  # the header holds format_minor


def iter_blocks(pm: PostMortem) -> Iterator[Doc]:
    """The blocks of `pm`'s file, in file order, one at a time."""
    yield header_block(pm)
    for event in pm.events:
        yield _event_block(event)
    for chain in pm.whys:
        yield {BLOCK: WHY_BLOCK, **why_to_dict(chain)}
    for action in pm.actions:
        yield {BLOCK: ACTION_BLOCK, **action_to_dict(action)}


def _event_block(event: TimelineEvent) -> Doc:
    """codec.event_to_dict's keys and values, with the instant and the kind left to orjson,
    which writes them the same way (a UTC instant with a trailing Z, the kind's value; a test
    holds the two equal): a third of the cost of saving a 100,000-event file."""
    at = event.at
    return {
        BLOCK: EVENT_BLOCK,
        "id": event.id,
        "at": at if at.tzinfo is UTC else iso_utc(at),
        "kind": event.kind,
        "text": event.text,
        "source": event.source,
        "link": event.link,
        "original": event.original,
        **(
            {"seen_in": [seen_to_dict(record) for record in event.seen_in]} if event.seen_in else {}
        ),
    }


def event_block_bytes(event: TimelineEvent) -> bytes:
    return dumps_blocks((_event_block(event),))


def block_bytes(block: Doc) -> bytes:
    return dumps_blocks((block,))


def dumps_blocks(items: Iterable[Doc]) -> bytes:
    return b"".join(orjson.dumps(item, option=_OPTIONS) + b"\n" for item in items)


def dumps(pm: PostMortem) -> bytes:
    """The file's bytes: the same post-mortem always gives the same bytes."""
    # Block by block: 100,000 event dicts held at once would double a save's peak memory.
    return dumps_blocks(iter_blocks(pm))


def loads_blocks(raw: bytes, path: Path) -> list[Doc]:
    """The blocks of a file, or DamagedFile naming `path` when it is not such a file."""
    # Found in place: raw.lstrip() copied the whole file to count its leading spaces.
    leading = _LEADING_SPACE.match(raw)
    start = leading.end() if leading else 0
    end = len(raw)
    while end > start and raw[end - 1] in _SPACE:
        end -= 1
    if raw[start : start + 1] != b"{":
        raise DamagedFile(path, "is not a pmtui post-mortem file (it does not start with '{')")
    try:
        items = _parse_in_pieces(raw, start, end)
    except orjson.JSONDecodeError:
        # Parsed whole again, so that the message places the error in the file, not a piece.
        try:
            items = orjson.loads(b"[" + _BOUNDARY.sub(b"},\n{", raw[start:end]) + b"]")
        except orjson.JSONDecodeError as error:
            raise DamagedFile(
                path, f"is damaged (not a sequence of JSON blocks: {error})"
            ) from None
    if not all(map(isinstance, items, repeat(dict))):  # in C: one check per block
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise DamagedFile(path, f"is damaged (block {number} is not an object)")
    return items


def _parse_in_pieces(raw: bytes, start: int, end: int) -> list[Any]:
    """The blocks between `start` and `end`, parsed a piece at a time (see iter_pieces)."""
    items: list[Any] = []
    for piece in iter_pieces(raw, start, end):
        items.extend(piece)
    return items


def iter_pieces(raw: bytes, start: int, end: int) -> Iterator[list[Any]]:
    """The blocks between `start` and `end`, about 64 KiB of them at a time, in file order.

    orjson builds its own tree of a whole document before the Python objects; for a
    100,000-event file that tree, the file and a joined copy of it held at once were 70 MiB
    of the reading's peak. Cut between two blocks (see _BOUNDARY), each piece holds whole
    blocks; a reader that keeps only a few fields of each never holds them all.
    JSONDecodeError when a piece does not parse.
    """
    position = start
    while position < end:
        boundary = _BOUNDARY.search(raw, min(position + _PIECE_BYTES, end), end)
        stop = boundary.start() + 1 if boundary is not None else end
        yield _piece_blocks(raw[position:stop])
        position = boundary.end() - 1 if boundary is not None else end


def _piece_blocks(piece: bytes) -> list[Any]:
    """The blocks of one piece; JSONDecodeError when they do not parse."""
    try:
        # pmtui writes "}\n{" between blocks and nowhere else (nested objects are indented,
        # a string holds no raw line break): bytes.replace finds it in C, where the pattern
        # walked every byte. A piece that parses so has no other boundary the pattern would
        # have changed; any other spacing (a hand edit) fails to parse and takes the pattern.
        blocks: list[Any] = orjson.loads(b"[" + piece.replace(b"}\n{", b"},\n{") + b"]")
    except orjson.JSONDecodeError:
        blocks = orjson.loads(b"[" + _BOUNDARY.sub(b"},\n{", piece) + b"]")
    return blocks


def _section_text(value: object) -> object:
    # Written as a list of lines; a hand edit may give one string, which is read as it is.
    if isinstance(value, list) and all(isinstance(line, str) for line in value):
        return "\n".join(value)
    return value


def tables_of(items: list[Doc], path: Path) -> dict[str, dict[Any, Doc]]:
    """The blocks as the single-file store's tables, so both stores check records alike."""
    if not items or items[0].get(BLOCK) != HEADER_BLOCK:
        raise DamagedFile(path, "is not a pmtui post-mortem file (no post-mortem block first)")
    header = {key: value for key, value in items[0].items() if key not in _NOT_HEADER}
    if items[0].get("format", FORMAT) != FORMAT:
        raise DamagedFile(
            path, f"holds format {items[0].get('format')!r}; this pmtui reads {FORMAT!r}"
        )
    for key in SECTION_KEYS:
        if key in header:
            header[key] = _section_text(header[key])
    pm_id = header.get("id")
    tables: dict[str, dict[Any, Doc]] = {
        schema.POSTMORTEMS: {1: header},
        schema.EVENTS: {},
        schema.WHYS: {},
        schema.ACTIONS: {},
    }
    for number, item in enumerate(items[1:], start=2):
        kind = item.get(BLOCK)
        table = _TABLE_OF_BLOCK.get(kind) if isinstance(kind, str) else None
        if table is None:
            raise DamagedFile(path, f"is damaged (block {number} is of unknown kind {kind!r})")
        # Each block is a fresh dict of this parse: changed in place, not copied.
        del item[BLOCK]
        item["pm"] = pm_id
        tables[table][number] = item
    return tables


def checked_tables(raw: bytes, path: Path, *, checked: bool = False) -> dict[str, dict[Any, Doc]]:
    """A file's records as tables, each checked as the store checks a file it opens, with
    stored unsafe characters made visible; DamagedFile or BadRecord naming the block.

    `checked`: these exact bytes were written or checked by this user's pmtui before (see
    checked_files.py), so the record-by-record check is not repeated.
    """
    return _made_safe_and_checked(tables_of(loads_blocks(raw, path), path), raw, path, checked)


def _made_safe_and_checked(
    tables: dict[str, dict[Any, Doc]], raw: bytes, path: Path, checked: bool
) -> dict[str, dict[Any, Doc]]:
    # Even in checked bytes: a note vouches for checked records, not for text safe to show
    # (a pulled file with a control character is noted once it has been checked).
    if legacy_text.may_hold_unsafe_text(raw):  # a hand edit can bring what the model refuses
        legacy_text.shown_safely(tables)
    if not checked:
        validate.check_records(path, tables)
    return tables


def loads(
    raw: bytes, path: Path, *, checked: bool = False, events_on_demand: bool = False
) -> PostMortem:
    """The post-mortem a file holds; DamagedFile or BadRecord (naming the block) otherwise.
    `events_on_demand`: see Store.load (protocol.py)."""
    # Every record and event built here stays alive: see pmtui.gcpause.
    with paused_gc():
        parts = _parts(raw, path, checked=checked)
        return _postmortem(path, *parts, events_on_demand=events_on_demand)


def loads_summary(raw: bytes, path: Path, *, checked: bool = False) -> tuple[PostMortem, int]:
    """The post-mortem a file holds without its timeline, and how many events it has: what
    its line in a list needs. The file is checked as loads() checks it, so a damaged one is
    refused alike; only the events are not built (most of reading a long timeline)."""
    with paused_gc():
        header, events, whys, actions = _parts(raw, path, checked=checked)
        return _postmortem(path, header, [], whys, actions), len(events)


def _parts(raw: bytes, path: Path, *, checked: bool) -> tuple[Doc, list[Doc], list[Doc], list[Doc]]:
    items = loads_blocks(raw, path)
    parts = _checked_parts(items, path) if checked else None
    if parts is None or legacy_text.may_hold_unsafe_text(raw):
        tables = _made_safe_and_checked(tables_of(items, path), raw, path, checked)
        parts = (
            tables[schema.POSTMORTEMS][1],
            list(tables[schema.EVENTS].values()),
            list(tables[schema.WHYS].values()),
            list(tables[schema.ACTIONS].values()),
        )
    return parts


def _postmortem(
    path: Path,
    header: Doc,
    events: list[Doc],
    whys: list[Doc],
    actions: list[Doc],
    *,
    events_on_demand: bool = False,
) -> PostMortem:
    try:
        return records.postmortem_from_records(
            header, events, whys, actions, events_on_demand=events_on_demand
        )
    except (KeyError, ValueError, TypeError) as error:
        raise DamagedFile(path, f"holds an unreadable post-mortem ({error!r})") from None


def _checked_parts(
    items: list[Doc], path: Path
) -> tuple[Doc, list[Doc], list[Doc], list[Doc]] | None:
    """The header and the event, why and action blocks of a file whose records are checked,
    as they are: the records read them by key, so the blocks are not rewritten into tables
    (a third of reading 100,000 events). None when a block is of no known kind (tables_of
    then names it)."""
    header = tables_of(items[:1], path)[schema.POSTMORTEMS][1]
    parts: dict[object, list[Doc]] = {EVENT_BLOCK: [], WHY_BLOCK: [], ACTION_BLOCK: []}
    try:
        for item in items[1:]:
            parts[item.get(BLOCK)].append(item)
    except (KeyError, TypeError):
        return None
    return header, parts[EVENT_BLOCK], parts[WHY_BLOCK], parts[ACTION_BLOCK]


def file_name(pm_id: str) -> str:
    return f"{pm_id}{SUFFIX}"
