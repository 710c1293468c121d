"""Log lines with a leading time: RFC 3339, syslog with year and zone supplied, epoch seconds."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from pmtui.importers import read_evidence
from pmtui.model.enums import EventKind
from tests.importers.conftest import FIXTURES


def utc(hour: int, minute: int, second: int, micro: int = 0) -> datetime:
    return datetime(2025, 3, 11, hour, minute, second, micro, tzinfo=UTC)


def test_iso_and_rfc3339_variants() -> None:
    result = read_evidence(FIXTURES / "app.log", tz="UTC")
    assert result.format == "log"
    assert [(e.at, e.text) for e in result.events] == [
        (utc(14, 0, 5, 220000), 'level=warn msg="p99 login latency 2.3s" instance=auth-1'),
        (
            utc(14, 0, 35, 100000),
            "ERROR auth.session: cache miss storm on auth-2 / Traceback (most recent call "
            'last): / File "session.py", line 88, in load / raise CacheMiss(key) / '
            "session.CacheMiss: user:4411",  # the traceback is in the text too
        ),
        (utc(14, 2, 17), "auth-deployer: rollback to v2.41 requested"),  # [... +0100]
        (utc(14, 11, 30), "rollback to v2.41 started"),  # -04:00, "|" separator dropped
        (utc(14, 24, 25, 220000), "latency recovered"),
        (utc(14, 31, 0, 123456), "done"),  # nanoseconds cut to microseconds
    ]
    assert {(e.kind, e.source) for e in result.events} == {(EventKind.NOTE, "log")}


def test_a_stack_trace_joins_the_original_of_its_event() -> None:
    event = read_evidence(FIXTURES / "app.log", tz="UTC").events[1]
    assert event.original.splitlines() == [
        "2025-03-11 14:00:35,100 ERROR auth.session: cache miss storm on auth-2",
        "Traceback (most recent call last):",
        '  File "session.py", line 88, in load',
        "    raise CacheMiss(key)",
        "session.CacheMiss: user:4411",
    ]


def test_lines_without_a_time_before_any_event_and_empty_messages_are_rejected() -> None:
    result = read_evidence(FIXTURES / "app.log", tz="UTC")
    assert result.rejected == (
        ("line 1", "no time at the start of the line"),
        ("line 12", "nothing after the time"),
    )


def test_naive_lines_need_a_zone() -> None:
    result = read_evidence(FIXTURES / "app.log")
    assert len(result.events) == 5
    assert (
        "line 3",
        "'2025-03-11 14:00:35,100' has no UTC offset; say which timezone it is in (--tz)",
    ) in result.rejected


def test_syslog_with_the_year_and_zone_supplied() -> None:
    result = read_evidence(
        FIXTURES / "syslog.log", tz="America/New_York", reference_date=date(2025, 3, 11)
    )
    assert [e.at for e in result.events] == [
        utc(14, 2, 17),  # 10:02:17 in New York (EDT, -04:00)
        utc(14, 2, 18),  # <34> priority before the stamp
        utc(14, 3, 0, 3000),  # RFC 5424: its own offset wins over --tz
        utc(14, 5, 0),
        utc(14, 5, 3, 250000),
    ]
    assert result.events[1].text == "auth-1 sshd[4121]: error: maxstartups throttling"
    assert result.rejected == (("line 6", "'Feb 30 10:00:00' is not a real date"),)


def test_syslog_around_new_year_takes_the_year_nearest_the_incident() -> None:
    data = b"Dec 31 23:59:58 edge-1 nginx: upstream timed out\nJan  1 00:00:03 edge-1 nginx: ok\n"
    events = read_evidence(data, tz="UTC", reference_date=date(2025, 1, 1)).events
    assert [e.at for e in events] == [
        datetime(2024, 12, 31, 23, 59, 58, tzinfo=UTC),
        datetime(2025, 1, 1, 0, 0, 3, tzinfo=UTC),
    ]


def test_syslog_without_a_reference_date_is_never_in_the_future() -> None:
    [event] = read_evidence(b"Jan  1 00:00:00 host app: new year\n", tz="UTC").events
    assert event.at <= datetime.now(UTC)


def test_epoch_seconds_fractions_and_milliseconds() -> None:
    result = read_evidence(FIXTURES / "epoch.log")
    assert [(e.at, e.text) for e in result.events] == [
        (utc(14, 0, 17), "deploy v2.42 started"),
        (utc(14, 2, 17, 500000), "alert fired"),
        (utc(14, 2, 17, 500000), "millisecond stamp"),
        (utc(14, 14, 25, 220000), "latency recovered"),
    ]
    assert result.notes == ()


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("2025-02-30T10:00:00Z oops", "is not a real date and time"),
        ("2025-03-30 02:30:00 skipped hour", "does not exist in Europe/Berlin"),
        ("2025-03-11T14:00:00+25:00 bad offset", "is not a UTC offset"),
        ("9999-12-31T23:59:59-05:00 too late", "is out of range"),
    ],
)
def test_bad_times_are_rejected_with_reasons(line: str, reason: str) -> None:
    data = f"2025-03-11T14:00:00Z first\n{line}\n".encode()
    result = read_evidence(data, format="log", tz="Europe/Berlin")
    assert [e.text for e in result.events] == ["first"]
    [(where, why)] = result.rejected
    assert where == "line 2" and reason in why, why


def test_crlf_line_endings() -> None:
    result = read_evidence(b"2025-03-11T14:00:00Z a\r\n2025-03-11T14:01:00Z b\r\n")
    assert [e.original for e in result.events] == [
        "2025-03-11T14:00:00Z a",
        "2025-03-11T14:01:00Z b",
    ]


def test_a_line_without_a_time_after_a_rejected_line_is_rejected_not_dropped() -> None:
    data = (
        b"2025-03-11T14:00:00Z deploy started\n"
        b"2025-03-11T14:01:00Z\n"
        b"  the message went to the next line\n"
        b"2025-03-11T14:02:00Z deploy done\n"
    )
    result = read_evidence(data, tz="UTC")
    assert [e.text for e in result.events] == ["deploy started", "deploy done"]
    assert result.rejected == (
        ("line 2", "nothing after the time"),
        (
            "line 3",
            "no time at the start of the line; it continues line 2, which was rejected",
        ),
    )


def test_a_line_without_a_time_between_events_is_rejected_not_hidden() -> None:
    """Mock meeting 14: a flush-left line without a time after an event was joined to that
    event's original, shown nowhere, and the import said nothing of it."""
    data = (
        b"2022-07-08 04:43:10 core-rtr-01 BGP routes exceeded threshold\n"
        b"2022-07-08 04:44:10 noc paged\n"
        b"this line has no time at all\n"
        b"2022-07-08 04:50:00 rollback started\n"
    )
    result = read_evidence(data, tz="UTC")
    assert [e.text for e in result.events] == [
        "core-rtr-01 BGP routes exceeded threshold",
        "noc paged",
        "rollback started",
    ]
    assert result.events[1].original == "2022-07-08 04:44:10 noc paged"
    assert result.rejected == (("line 3", "no time at the start of the line"),)
    assert not any("joined" in note for note in result.notes)


def test_indented_lines_join_their_event_visibly_and_are_counted() -> None:
    data = (
        b"2025-03-11T14:00:00Z java.lang.IllegalStateException: pool exhausted\n"
        b"\tat com.shop.Pool.take(Pool.java:42)\n"
        b"Caused by: java.net.SocketTimeoutException\n"
        b"\t... 12 more\n"
        b"2025-03-11T14:01:00Z restarted\n"
        b"  wrapped tail of the restart message\n"
    )
    result = read_evidence(data, format="log", tz="UTC")
    assert [e.text for e in result.events] == [
        "java.lang.IllegalStateException: pool exhausted / at com.shop.Pool.take(Pool.java:42)"
        " / Caused by: java.net.SocketTimeoutException / ... 12 more",
        "restarted / wrapped tail of the restart message",
    ]
    assert result.events[1].original == (
        "2025-03-11T14:01:00Z restarted\n  wrapped tail of the restart message"
    )
    assert result.rejected == ()
    assert (
        "4 lines joined to the line above (indented, or part of a stack trace): "
        'their event\'s text shows them after "/"'
    ) in result.notes


def test_indented_lines_after_a_rejected_untimed_line_are_rejected_with_it() -> None:
    data = (
        b"2025-03-11T14:00:00Z deploy started\n"
        b"no time here\n"
        b"  indented under it\n"
        b"2025-03-11T14:02:00Z deploy done\n"
    )
    result = read_evidence(data, tz="UTC")
    assert [e.original for e in result.events] == [
        "2025-03-11T14:00:00Z deploy started",
        "2025-03-11T14:02:00Z deploy done",
    ]
    assert result.rejected == (
        ("line 2", "no time at the start of the line"),
        ("line 3", "no time at the start of the line; it continues line 2, which was rejected"),
    )


def test_a_zone_abbreviation_after_the_time_is_its_offset_not_event_text() -> None:
    # Mock meeting 20a: "07:15:00 PST autoscaler: …" kept "PST" in the text and was read in
    # the dialog's zone; an "EST" log in a Los Angeles review would have been 3 h off.
    data = (
        b"2021-01-04 07:15:00 PST autoscaler: scaling up\n"
        b"2021-01-04 07:20:00 EST aws: gateway saturated\n"
        b"2021-01-04 07:25:00 CEST eu-edge: errors\n"
        b"2021-01-04 07:30:00 ESTABLISHED connections dropped\n"
    )
    events = read_evidence(data, tz="America/Los_Angeles").events
    by_text = {event.text: event.at for event in events}
    assert by_text["autoscaler: scaling up"] == datetime(2021, 1, 4, 15, 15, tzinfo=UTC)
    assert by_text["aws: gateway saturated"] == datetime(2021, 1, 4, 12, 20, tzinfo=UTC)
    assert by_text["eu-edge: errors"] == datetime(2021, 1, 4, 5, 25, tzinfo=UTC)
    # A word that only starts like one is text, read in the zone asked for.
    assert by_text["ESTABLISHED connections dropped"] == datetime(2021, 1, 4, 15, 30, tzinfo=UTC)


def test_a_zone_abbreviation_naming_several_zones_is_left_to_the_zone_asked_for() -> None:
    [event] = read_evidence(b"2021-01-04 07:15:00 CST db: failover\n", tz="UTC").events
    assert event.at == datetime(2021, 1, 4, 7, 15, tzinfo=UTC)
    assert event.text == "CST db: failover"
