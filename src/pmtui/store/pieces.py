"""Provides loads_tables() and dumps_in_pieces(): the database file's JSON a piece at a time.

orjson parses a whole document into its own tree before it builds Python objects, so parsing
a 20 MB file of 100,000 events briefly holds the file, that tree and every object at once:
60 MiB more than the objects themselves. A big file in pmtui's own compact layout is therefore
cut between two records of its events table (`},"<doc id>":{`, which no JSON string can hold
unescaped) into pieces of about 64 KiB, each parsed on its own: pieces that small reuse the
memory the last one freed, where a whole 2 MB file (10,000 events) took fresh pages for all
of it (3,200 page faults, 2,200 in pieces). A cut can only be wrong by landing inside a
record, and then a piece does not parse: the file is parsed whole instead, so the result is
always what orjson.loads(raw) gives.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import orjson

_EVENTS = b'"events":{'
_BETWEEN_RECORDS = re.compile(rb'\},"\d+":\{')
PIECE_BYTES = 1 << 16
RECORDS_PER_PIECE = 4096


class _NotCut(Exception):
    """The file is not in the layout this reader cuts; it is parsed whole."""


def loads_tables(raw: bytes) -> Any:
    """orjson.loads(raw), with less memory for a big file pmtui wrote (JSONDecodeError alike)."""
    if len(raw) >= 4 * PIECE_BYTES and raw.count(_EVENTS) == 1:
        try:
            return _loads_in_pieces(raw)
        except (orjson.JSONDecodeError, _NotCut):
            pass
    return orjson.loads(raw)


def _loads_in_pieces(raw: bytes) -> dict[str, Any]:
    start = raw.find(_EVENTS) + len(_EVENTS)
    cuts = []  # each the index of the comma between two records
    position = start + PIECE_BYTES
    while (match := _BETWEEN_RECORDS.search(raw, position)) is not None:
        cuts.append(match.start() + 1)
        position = match.start() + PIECE_BYTES
    if not cuts:
        raise _NotCut
    # Everything up to the first cut, the events table and the document closed after it.
    tables = orjson.loads(raw[: cuts[0]] + b"}}")
    if type(tables) is not dict or type(tables.get("events")) is not dict:
        raise _NotCut
    events = tables["events"]
    for begin, end in itertools.pairwise(cuts):
        events.update(orjson.loads(b"{" + raw[begin + 1 : end] + b"}"))
    # The last records, with the events table reopened, and every table after it.
    rest = orjson.loads(b"{" + _EVENTS + raw[cuts[-1] + 1 :])
    if type(rest) is not dict or type(rest.get("events")) is not dict:
        raise _NotCut
    events.update(rest.pop("events"))
    tables.update(rest)
    return tables


def dumps_in_pieces(tables: dict[str, dict[Any, Any]]) -> Iterator[bytes]:
    """The bytes of orjson.dumps(tables, option=OPT_NON_STR_KEYS), a few thousand records at a
    time, so that writing 100,000 events never holds the whole file in memory at once."""
    yield b"{"
    for number, (name, table) in enumerate(tables.items()):
        yield (b"," if number else b"") + orjson.dumps(name) + b":{"
        records = iter(table.items())
        separator = b""
        while batch := dict(itertools.islice(records, RECORDS_PER_PIECE)):
            yield separator + orjson.dumps(batch, option=orjson.OPT_NON_STR_KEYS)[1:-1]
            separator = b","
        yield b"}"
    yield b"}"
