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
from pathlib import Path
from typing import Any

import orjson

from pmtui.model.codec import FORMAT, action_to_dict, event_to_dict, why_to_dict
from pmtui.model.postmortem import SECTION_KEYS, PostMortem
from pmtui.store import legacy_text, records, schema, validate
from pmtui.store.errors import DamagedFile

SUFFIX = ".pmtui"
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
_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
# Between two top-level blocks: a closing brace, a line break, an opening brace. JSON strings
# hold no raw line break and nested objects are separated by commas, so this is only ever a
# boundary between blocks (hand-written files may indent or space them differently).
_BOUNDARY = re.compile(rb"\}[ \t\r]*\n\s*\{")

Doc = dict[str, Any]


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def header_block(pm: PostMortem) -> Doc:
    header = records.header_record(pm)
    if not header.get("waivers"):
        del header["waivers"]  # left out when empty, as in pmtui/1
    if not header.get("conflicts"):
        del header["conflicts"]
    for key in SECTION_KEYS:
        header[key] = _lines(header[key])
    return {BLOCK: HEADER_BLOCK, "format": FORMAT, **header}


def blocks(pm: PostMortem) -> list[Doc]:
    """The blocks of `pm`'s file, in file order."""
    return [
        header_block(pm),
        *({BLOCK: EVENT_BLOCK, **event_to_dict(event)} for event in pm.events),
        *({BLOCK: WHY_BLOCK, **why_to_dict(chain)} for chain in pm.whys),
        *({BLOCK: ACTION_BLOCK, **action_to_dict(action)} for action in pm.actions),
    ]


def dumps_blocks(items: list[Doc]) -> bytes:
    return b"".join(orjson.dumps(item, option=_OPTIONS) + b"\n" for item in items)


def dumps(pm: PostMortem) -> bytes:
    """The file's bytes: the same post-mortem always gives the same bytes."""
    return dumps_blocks(blocks(pm))


def loads_blocks(raw: bytes, path: Path) -> list[Doc]:
    """The blocks of a file, or DamagedFile naming `path` when it is not such a file."""
    text = raw.strip()
    if not text.startswith(b"{"):
        raise DamagedFile(path, "is not a pmtui post-mortem file (it does not start with '{')")
    try:
        items: list[Any] = orjson.loads(b"[" + _BOUNDARY.sub(b"},\n{", text) + b"]")
    except orjson.JSONDecodeError as error:
        raise DamagedFile(path, f"is damaged (not a sequence of JSON blocks: {error})") from None
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise DamagedFile(path, f"is damaged (block {number} is not an object)")
    return items


def _section_text(value: object) -> object:
    # Written as a list of lines; a hand edit may give one string, which is read as it is.
    if isinstance(value, list) and all(isinstance(line, str) for line in value):
        return "\n".join(value)
    return value


def tables_of(items: list[Doc], path: Path) -> dict[str, dict[Any, Doc]]:
    """The blocks as the single-file store's tables, so both stores check records alike."""
    if not items or items[0].get(BLOCK) != HEADER_BLOCK:
        raise DamagedFile(path, "is not a pmtui post-mortem file (no post-mortem block first)")
    header = {key: value for key, value in items[0].items() if key not in (BLOCK, "format")}
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
        doc = {key: value for key, value in item.items() if key != BLOCK}
        doc["pm"] = pm_id
        tables[table][number] = doc
    return tables


def checked_tables(raw: bytes, path: Path) -> dict[str, dict[Any, Doc]]:
    """A file's records as tables, each checked as the store checks a file it opens, with
    stored unsafe characters made visible; DamagedFile or BadRecord naming the block."""
    tables = tables_of(loads_blocks(raw, path), path)
    if legacy_text.may_hold_unsafe_text(raw):  # a hand edit can bring what the model refuses
        legacy_text.shown_safely(tables)
    validate.check_records(path, tables)
    return tables


def loads(raw: bytes, path: Path) -> PostMortem:
    """The post-mortem a file holds; DamagedFile or BadRecord (naming the block) otherwise."""
    tables = checked_tables(raw, path)
    header = tables[schema.POSTMORTEMS][1]
    try:
        return records.postmortem_from_records(
            header,
            list(tables[schema.EVENTS].values()),
            list(tables[schema.WHYS].values()),
            list(tables[schema.ACTIONS].values()),
        )
    except (KeyError, ValueError, TypeError) as error:
        raise DamagedFile(path, f"holds an unreadable post-mortem ({error!r})") from None


def file_name(pm_id: str) -> str:
    return f"{pm_id}{SUFFIX}"
