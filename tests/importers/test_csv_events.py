"""Generic CSV out of a spreadsheet: BOM, CRLF, quotes, header aliases, naive times with --tz."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pmtui.importers import ImporterError, read_evidence
from pmtui.model.enums import EventKind
from tests.importers.conftest import FIXTURES

SPREADSHEET = FIXTURES / "timeline_spreadsheet.csv"
SEMICOLON = FIXTURES / "timeline_semicolon.csv"


def utc(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2025, 3, 11, hour, minute, second, tzinfo=UTC)


def test_the_fixture_really_has_a_bom_and_crlf() -> None:
    data = SPREADSHEET.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data


def test_naive_times_are_read_in_the_zone_given_and_offsets_are_kept() -> None:
    result = read_evidence(SPREADSHEET, tz="America/New_York")
    assert result.format == "csv"
    assert [(e.at, e.kind, e.source) for e in result.events] == [
        (utc(13, 58), EventKind.DEPLOY, "ci"),
        (utc(14, 2), EventKind.NOTIFIED, "pager"),
        (utc(14, 5, 12), EventKind.ACKNOWLEDGED, "pager"),
        (utc(14, 11, 2), EventKind.ACTION, "chat"),
        (utc(14, 24, 25), EventKind.MITIGATED, "monitoring"),  # written with -04:00
        (utc(14, 30), EventKind.RESOLVED, "pager"),
        (utc(14, 31), EventKind.NOTE, "comms"),
    ]
    assert "7 times without a UTC offset read in America/New_York" in result.notes


def test_quoted_fields_doubled_quotes_and_line_breaks() -> None:
    events = read_evidence(SPREADSHEET, tz="America/New_York").events
    assert events[1].text == 'PagerDuty paged Alice ("AuthLatencyHigh")'
    assert events[3].text == "Rollback started, v2.42 → v2.41"
    assert events[4].text == "Latency back to normal confirmed on both instances"
    # The original is the record as written, quotes, line break and all.
    assert events[4].original == (
        '2025-03-11T10:24:25-04:00,"Latency back to normal\nconfirmed on both instances",'
        "mitigated,monitoring,"
    )
    assert events[4].where == "line 6"
    assert events[0].link == "https://ci.example.com/run/8812"


def test_bad_rows_are_rejected_with_line_numbers_and_unknown_kinds_become_notes() -> None:
    result = read_evidence(SPREADSHEET, tz="America/New_York")
    assert [(where, reason.split(" is ")[0]) for where, reason in result.rejected] == [
        ("line 10", "'yesterday'"),
        ("line 11", "no text"),
    ]
    assert "1 rows had a kind pmtui does not know ('statuspage'): notes" in result.notes


def test_without_a_zone_naive_rows_are_rejected_and_say_how_to_fix_it() -> None:
    result = read_evidence(SPREADSHEET)
    assert [e.at for e in result.events] == [utc(14, 24, 25)]
    assert result.rejected[0] == (
        "line 2",
        "'2025-03-11 09:58:00' has no UTC offset; say which timezone it is in (--tz)",
    )


def test_semicolons_and_separate_date_and_time_columns() -> None:
    result = read_evidence(SEMICOLON, tz="Europe/Berlin")
    assert [(e.at, e.kind, e.text) for e in result.events] == [
        (utc(13, 2, 17), EventKind.NOTIFIED, "Paged the identity on-call"),
        (utc(13, 5), EventKind.ACKNOWLEDGED, "Ack; investigating"),
    ]
    [(where, reason)] = result.rejected
    assert where == "line 2" and reason.startswith("'11.03.2025 14:00' is not a time")


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("timestamp,event", "2025-03-11T14:02:17Z,Paged"),
        ("Time (UTC)\tMessage", "2025-03-11T14:02:17Z\tPaged"),
        ("at|text|kind", "2025-03-11T14:02:17Z|Paged|trigger"),
        ("Date,Description", "1741702937,Paged"),
        ("created_at,summary,source", "2025-03-11 14:02:17 UTC,Paged,pd"),
    ],
)
def test_header_aliases_and_separators(header: str, row: str) -> None:
    result = read_evidence(f"{header}\n{row}\n".encode())
    assert result.format == "csv"
    [event] = result.events
    assert event.text == "Paged"
    assert event.at in (utc(14, 2, 17), datetime(2025, 3, 11, 14, 22, 17, tzinfo=UTC))


def test_a_trigger_word_is_an_alert_and_the_source_defaults_to_csv() -> None:
    [event] = read_evidence(b"at|text|kind\n2025-03-11T14:02:17Z|Paged|trigger\n").events
    assert (event.kind, event.source) == (EventKind.ALERT, "csv")


def test_a_header_without_a_time_column_is_refused() -> None:
    with pytest.raises(
        ImporterError,
        match=r"t\.csv: the CSV header has no time column; name one of: timestamp, time",
    ):
        read_evidence(b"who,what\nalice,paged\n", format="csv", name="t.csv")


def test_a_header_without_a_text_column_is_refused() -> None:
    with pytest.raises(ImporterError, match=r"t\.csv: the CSV header has no text column"):
        read_evidence(b"time,who\n2025-03-11T14:00Z,alice\n", format="csv", name="t.csv")


def test_short_rows_and_blank_lines() -> None:
    data = b"time,event,kind\n\n2025-03-11T14:00:00Z\n2025-03-11T14:01:00Z,ok\n,,\n"
    result = read_evidence(data)
    assert [e.text for e in result.events] == ["ok"]
    assert result.rejected == (("line 3", "no text"),)


def test_a_dst_gap_time_is_rejected_in_its_zone() -> None:
    data = b"time,event\n2025-03-30 02:30,happened in the skipped hour\n"
    result = read_evidence(data, tz="Europe/Berlin")
    assert result.events == ()
    assert "does not exist in Europe/Berlin" in result.rejected[0][1]


def test_a_repeated_hour_time_is_read_as_its_first_occurrence() -> None:
    data = b"time,event\n2025-10-26 02:30,in the hour that happens twice\n"
    [event] = read_evidence(data, tz="Europe/Berlin").events
    assert event.at == datetime(2025, 10, 26, 0, 30, tzinfo=UTC)  # 02:30 CEST, not CET


def test_a_time_not_read_gives_the_callers_advice_on_its_zone() -> None:
    """The reason's advice on a zone is the caller's: the CLI names --tz, the import dialog
    its Timezone field (mock meeting 15); the importer itself names neither."""
    data = b"time,event\nlater,Cards declined\n2025-03-11 14:02,Pager fired\n"
    neutral = read_evidence(data, tz="UTC", name="square.csv").rejected[0][1]
    assert neutral.endswith(
        "(with an offset, or without one, in the timezone given) or epoch seconds"
    )
    cli = read_evidence(data, tz="UTC", name="square.csv", zone_advice="or give --tz")
    assert "(with an offset, or give --tz) or epoch seconds" in cli.rejected[0][1]
