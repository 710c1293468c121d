"""Tests what reading a big timeline costs: work grows with what a command uses.

Reading stored times takes the quick road for pmtui's own "...Z" form and keeps the careful
one for the rest; the search for unsafe stored text skips a clean file quickly.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pmtui.model.times import parse_iso_utc
from pmtui.store import records

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
