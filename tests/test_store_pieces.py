"""Tests that reading a big database file a piece at a time gives exactly what parsing it
whole gives, for pmtui's own files and for every file it cannot cut safely."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmtui.store import pieces
from pmtui.store.pieces import loads_tables

# Texts made of the fragments a cut looks for, so that strings hold would-be cut points.
TEXT = st.lists(
    st.sampled_from([*'ab},"{:\\1 \u00e9\u202e', '},"7":{', '\\"', '"}}']), max_size=12
).map("".join)


def tables(events: list[dict[str, object]], *, last: str = "actions") -> dict[str, object]:
    data: dict[str, object] = {
        "meta": {"1": {"app": "pmtui", "schema": 1}},
        "postmortems": {"1": {"id": "p", "title": "t"}},
        "events": {str(n + 1): doc for n, doc in enumerate(events)},
    }
    data[last] = {"1": {"id": "a", "pm": "p"}}
    return data


@pytest.fixture(autouse=True)
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pieces, "PIECE_BYTES", 64)  # every test file is cut many times
    monkeypatch.setattr(pieces, "RECORDS_PER_PIECE", 4)  # and written in many pieces


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(TEXT, min_size=1, max_size=40), nested=st.booleans())
def test_cut_or_whole_the_result_is_what_orjson_reads(texts: list[str], nested: bool) -> None:
    events = [{"id": f"e{n}", "pm": "p", "text": text} for n, text in enumerate(texts)]
    if nested:
        events[len(events) // 2]["extra"] = {"1": {"x": 1}, "2": {"y": [1, {"3": {}}]}}
    raw = orjson.dumps(tables(events))
    assert loads_tables(raw) == orjson.loads(raw)
    assert list(loads_tables(raw)) == list(orjson.loads(raw))


def test_a_big_file_is_really_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[int] = []
    real = pieces.orjson.loads

    def counting(raw: bytes) -> object:
        parsed.append(len(raw))
        return real(raw)

    monkeypatch.setattr(pieces.orjson, "loads", counting)
    raw = orjson.dumps(tables([{"id": f"e{n}", "text": "x" * 20} for n in range(200)]))
    assert loads_tables(raw) == real(raw)
    assert len(parsed) > 10 and max(parsed) < len(raw) / 5


@pytest.mark.parametrize(
    "raw",
    [
        # Not compact: no cut point, parsed whole.
        orjson.dumps(tables([{"id": "e"}] * 50), option=orjson.OPT_INDENT_2),
        # A second "events" table (nested in a header): parsed whole, last one wins.
        orjson.dumps(
            {"postmortems": {"1": {"events": {"1": {}}}}, "events": {str(n): {} for n in range(80)}}
        ),
        # Duplicate document ids: the later value at the first one's place, as orjson does.
        b'{"meta":{},"events":{'
        + b",".join(b'"%d":{"n":%d}' % (n % 7, n) for n in range(90))
        + b"}}",
    ],
)
def test_files_it_cannot_cut_read_as_orjson_reads_them(raw: bytes) -> None:
    assert loads_tables(raw) == orjson.loads(raw)


@pytest.mark.parametrize(
    "raw",
    [
        b'{"meta":{},"events":{' + b",".join(b'"%d":{"t":"a}"}' % n for n in range(90)) + b"}",
        b'{"meta":{},"events":{' + b",".join(b'"%d":{"t":"a"}' % n for n in range(90)) + b"}}}",
        b'{"meta":{},"events":{' + b",".join(b'"%d":{"t":"a}' % n for n in range(90)) + b"}}",
    ],
)
def test_damaged_json_is_refused_as_orjson_refuses_it(raw: bytes) -> None:
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(raw)
    with pytest.raises(orjson.JSONDecodeError):
        loads_tables(raw)


@settings(max_examples=100, deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=0, max_value=30), min_size=0, max_size=5),
    text=TEXT,
)
def test_written_piece_by_piece_the_bytes_are_orjsons(sizes: list[int], text: str) -> None:
    from pmtui.store.pieces import dumps_in_pieces

    data = {
        f"table{n}": {key: {"id": f"e{key}", "text": text} for key in range(size)}
        for n, size in enumerate(sizes)
    }
    written = b"".join(dumps_in_pieces(data))
    assert written == orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
