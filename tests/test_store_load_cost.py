"""Tests what reading a big timeline costs: work grows with what a command uses.

Reading stored times takes the quick road for pmtui's own "...Z" form and keeps the careful
one for the rest; the search for unsafe stored text skips a clean file quickly.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pmtui.model import EventKind, PostMortem, TimelineEvent
from pmtui.model.times import parse_iso_utc
from pmtui.store import open_store, pieces, pmfile, records

START = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "stored",
    [
        "2025-03-11T09:00:00Z",
        "2025-03-11T09:00:00.123456Z",
        "2025-03-11T10:00:00+01:00",  # a hand-written offset is converted to UTC
        "2025-03-11T09:00:00+00:00",
    ],
)
def test_stored_times_read_back_as_the_careful_parser_reads_them(stored: str) -> None:
    doc = {"id": "e1", "at": stored, "kind": "note", "text": "t"}
    event = records.event_from_record(doc)
    assert event.at == parse_iso_utc(stored)
    assert event.at.tzinfo is UTC


@pytest.mark.parametrize("stored", ["1969-12-31T23:59:59Z", "2101-01-01T00:00:00Z", "2025-03-11"])
def test_stored_times_out_of_range_or_without_offset_are_refused(stored: str) -> None:
    with pytest.raises(ValueError):
        records.event_from_record({"id": "e1", "at": stored, "kind": "note", "text": "t"})


@pytest.mark.parametrize(
    ("raw", "flagged"),
    [
        (b'{"t": "plain ascii"}', False),
        ('{"t": "caf\u00e9 \u2014 na\u00efve"}'.encode(), False),
        ('{"t": "caf\u00e9 \u202e reversed"}'.encode(), True),  # a raw bidi override
        ('{"t": "zero\u200bwidth"}'.encode(), True),
        (b'{"t": "esc \\u001b[2J"}', True),
        (b'{"t": "del \x7f"}', True),
        (b'{"t": "bidi \\u202e"}', True),
        (b'{"t": "line\\nbreak"}', False),
    ],
)
def test_the_quick_search_for_unsafe_stored_text(raw: bytes, flagged: bool) -> None:
    from pmtui.store.legacy_text import may_hold_unsafe_text

    assert may_hold_unsafe_text(raw) is flagged


@pytest.mark.parametrize(
    "doc",
    [
        {"id": "e1", "at": "2025-03-11T09:00:00Z", "kind": "deploy", "text": "t"},
        {
            "id": "e2",
            "at": "2025-03-11T09:00:00.5Z",
            "kind": "note",
            "text": "t",
            "source": "chat",
            "link": "https://example.com",
            "original": "09:00 t",
        },
    ],
)
def test_an_event_read_back_is_the_one_its_constructor_makes(doc: dict[str, str]) -> None:
    from dataclasses import FrozenInstanceError

    from pmtui.model.enums import EventKind
    from pmtui.model.postmortem import TimelineEvent

    read = records.event_from_record(doc)
    made = TimelineEvent(
        doc["id"],
        parse_iso_utc(doc["at"]),
        EventKind(doc["kind"]),
        doc["text"],
        doc.get("source", "manual"),
        doc.get("link", ""),
        doc.get("original", ""),
    )
    assert read == made and hash(read) == hash(made) and repr(read) == repr(made)
    with pytest.raises(FrozenInstanceError):
        read.text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    "times",
    [
        ["2025-03-11T09:00:05Z", "2025-03-11T09:00:00Z", "2025-03-11T09:00:00.5Z"],
        # One hand-written offset sends the whole list the careful way, with the same result.
        ["2025-03-11T09:00:05Z", "2025-03-11T10:00:00+01:00", "2025-03-11T09:00:00Z"],
        [],
    ],
)
def test_events_read_in_bulk_are_those_read_one_by_one_in_time_order(times: list[str]) -> None:
    docs = [{"id": f"e{n}", "at": at, "kind": "note", "text": "t"} for n, at in enumerate(times)]
    one_by_one = sorted((records.event_from_record(doc) for doc in docs), key=lambda e: e.at)
    assert records.events_from_records(docs) == one_by_one


@pytest.mark.parametrize("at", ["0001-01-01T00:00:00Z", "2025-03-11T09:00:00", 20250311])
def test_a_time_out_of_range_or_without_offset_in_bulk_is_refused_as_one_by_one(
    at: object,
) -> None:
    docs = [
        {"id": "e0", "at": "2025-03-11T09:00:00Z", "kind": "note", "text": "t"},
        {"id": "e1", "at": at, "kind": "note", "text": "t"},
    ]
    with pytest.raises((ValueError, TypeError)):
        records.events_from_records(docs)


def _long_timeline(count: int) -> PostMortem:
    events = tuple(
        TimelineEvent(
            id=f"e{n:05d}",
            at=START + timedelta(seconds=7 * n),
            kind=EventKind.NOTE,
            text=f"edge-proxy-{n % 4} TLS handshake failures at {n % 100}% | retry #{n}",
            source="monitoring",
            link=f"https://grafana.example.com/d/edge?from={n}" if n % 3 == 0 else "",
        )
        for n in range(count)
    )
    return PostMortem(
        id="pm-long", title="A long timeline", created_at=START, updated_at=START, events=events
    )


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_reading_a_long_timeline_holds_little_beyond_what_it_builds(
    tmp_path: Path, kind: str
) -> None:
    """The file is parsed a piece at a time: neither it whole nor orjson's tree of all of it
    (several times the file) is held while its records are built."""
    if kind == "file":
        path = tmp_path / "pm.json"
    else:
        path = tmp_path / "team"
        path.mkdir()
        (path / "pmtui-team.json").write_text('{"format": "pmtui-team/1", "markdown": false}\n')
    with open_store(path) as store:
        store.create(_long_timeline(5_000))
    if kind == "file":
        raw = path.read_bytes()
        read: Callable[[], object] = lambda: pieces.loads_tables(raw)  # noqa: E731
    else:
        stored = path / "postmortems" / "pm-long.pmtui"
        raw = stored.read_bytes()
        read = lambda: pmfile.loads_blocks(raw, stored)  # noqa: E731
    assert len(raw) > 900_000
    tracemalloc.start()
    try:
        built = read()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert built
    assert peak - held < 1 << 20, f"{(peak - held) / 2**20:.1f} MiB held beyond the records"
