"""Time rules: what people type, what is stored (UTC) and what is shown (local, with date)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from pmtui.model.errors import ValidationError
from pmtui.model.times import (
    format_duration,
    format_duration_short,
    format_instant,
    iso_utc,
    needs_anchor,
    parse_due,
    parse_instant,
    parse_iso_utc,
    parse_relative,
    parse_timezone,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2025, 3, 11, 14, 2, 17, tzinfo=UTC)  # a Tuesday, CET (+01:00) in Berlin
MONDAY = date(2025, 3, 10)
FRIDAY = date(2025, 3, 14)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# parse_instant: absolute forms ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-11T14:02:17Z", utc(2025, 3, 11, 14, 2, 17)),
        ("2025-03-11T14:02:17z", utc(2025, 3, 11, 14, 2, 17)),
        ("2025-03-11t14:02:17Z", utc(2025, 3, 11, 14, 2, 17)),
        ("2025-03-11T14:02:17+00:00", utc(2025, 3, 11, 14, 2, 17)),
        ("2025-03-11T15:02:17+01:00", utc(2025, 3, 11, 14, 2, 17)),
        ("2025-03-11T09:02:17-05:00", utc(2025, 3, 11, 14, 2, 17)),
        ("2025-03-11T19:32:17+05:30", utc(2025, 3, 11, 14, 2, 17)),
        ("2025-03-11 15:02:17+0100", utc(2025, 3, 11, 14, 2, 17)),
        ("2025-03-11T14:02:17.250Z", utc(2025, 3, 11, 14, 2, 17, 250000)),
        ("2025-03-11T14:02:17.123456Z", utc(2025, 3, 11, 14, 2, 17, 123456)),
        ("  2025-03-11T14:02:17Z  ", utc(2025, 3, 11, 14, 2, 17)),
    ],
)
def test_iso_with_offset_is_read_as_that_instant(text: str, expected: datetime) -> None:
    # The zone only matters for times without an offset; New York must not shift these.
    result = parse_instant(text, NEW_YORK, now=NOW)
    assert result == expected
    assert result.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        # CET in winter, CEST in summer
        ("2025-03-11 14:32", BERLIN, utc(2025, 3, 11, 13, 32)),
        ("2025-03-11T14:32:05", BERLIN, utc(2025, 3, 11, 13, 32, 5)),
        ("2025-07-01 14:32", BERLIN, utc(2025, 7, 1, 12, 32)),
        # New York moves to EDT on 2025-03-09, Berlin only on 2025-03-30
        ("2025-03-08 09:00", NEW_YORK, utc(2025, 3, 8, 14, 0)),
        ("2025-03-10 09:00", NEW_YORK, utc(2025, 3, 10, 13, 0)),
        ("2025-03-11 14:32:05.5", UTC, utc(2025, 3, 11, 14, 32, 5, 500000)),
    ],
)
def test_naive_date_and_time_is_local_to_the_zone(
    text: str, zone: ZoneInfo, expected: datetime
) -> None:
    assert parse_instant(text, zone, now=NOW) == expected


@pytest.mark.parametrize(
    ("text", "zone", "shown"),
    [
        ("2025-03-30 02:30", BERLIN, "2025-03-30 02:30 does not exist in Europe/Berlin"),
        ("2025-03-09 02:30", NEW_YORK, "2025-03-09 02:30 does not exist in America/New_York"),
    ],
)
def test_nonexistent_local_time_in_the_spring_gap_is_refused(
    text: str, zone: ZoneInfo, shown: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_instant(text, zone, now=NOW, where="timeline[4].at")
    assert shown in caught.value.message
    assert "clocks jumped forward" in caught.value.message
    assert caught.value.where == "timeline[4].at"


def test_times_just_around_the_spring_gap_are_accepted() -> None:
    assert parse_instant("2025-03-30 01:59", BERLIN, now=NOW) == utc(2025, 3, 30, 0, 59)
    assert parse_instant("2025-03-30 03:00", BERLIN, now=NOW) == utc(2025, 3, 30, 1, 0)


@pytest.mark.parametrize(
    ("text", "zone", "first"),
    [
        # 02:30 happens twice in Berlin on 2025-10-26: first in CEST (+02:00), then CET
        ("2025-10-26 02:30", BERLIN, utc(2025, 10, 26, 0, 30)),
        # 01:30 happens twice in New York on 2025-11-02: first in EDT (-04:00), then EST
        ("2025-11-02 01:30", NEW_YORK, utc(2025, 11, 2, 5, 30)),
    ],
)
def test_ambiguous_fall_back_time_takes_the_first_occurrence(
    text: str, zone: ZoneInfo, first: datetime
) -> None:
    assert parse_instant(text, zone, now=NOW) == first


# parse_instant: bare clock times -----------------------------------------------------


def test_bare_clock_time_is_on_the_anchors_local_date() -> None:
    anchor = utc(2025, 3, 11, 8, 0)  # 09:00 in Berlin
    assert parse_instant("14:32", BERLIN, now=NOW, anchor=anchor) == utc(2025, 3, 11, 13, 32)
    assert parse_instant("7:05:09", BERLIN, now=NOW, anchor=anchor) == utc(2025, 3, 11, 6, 5, 9)
    assert parse_instant("14:32:05.25", BERLIN, now=NOW, anchor=anchor) == utc(
        2025, 3, 11, 13, 32, 5, 250000
    )


def test_bare_clock_time_without_anchor_uses_the_local_date_of_now() -> None:
    now = utc(2025, 3, 11, 23, 30)  # already 2025-03-12 00:30 in Berlin
    assert parse_instant("10:00", BERLIN, now=now) == utc(2025, 3, 12, 9, 0)
    assert parse_instant("10:00", UTC, now=now) == utc(2025, 3, 11, 10, 0)


def test_bare_clock_time_near_midnight_uses_the_local_date_not_the_utc_date() -> None:
    # Anchor 23:30 in Berlin is still 22:30 UTC on the same date.
    late_evening = utc(2025, 3, 11, 22, 30)
    assert parse_instant("23:45", BERLIN, now=NOW, anchor=late_evening) == utc(2025, 3, 11, 22, 45)
    # A clock time is on the anchor's date, never rolled over to the next day.
    assert parse_instant("00:15", BERLIN, now=NOW, anchor=late_evening) == utc(2025, 3, 10, 23, 15)

    # Anchor 00:30 in Berlin on 2025-03-12 is 23:30 UTC on 2025-03-11: the local date wins.
    after_midnight = utc(2025, 3, 11, 23, 30)
    assert parse_instant("01:00", BERLIN, now=NOW, anchor=after_midnight) == utc(2025, 3, 12, 0, 0)

    # Anchor 23:30 in New York (EDT) is 03:30 UTC the next day.
    new_york_evening = utc(2025, 3, 12, 3, 30)
    assert parse_instant("23:45", NEW_YORK, now=NOW, anchor=new_york_evening) == utc(
        2025, 3, 12, 3, 45
    )


def test_bare_clock_time_in_the_dst_gap_is_refused() -> None:
    anchor = utc(2025, 3, 30, 0, 0)  # 01:00 CET, the night the clocks jump
    with pytest.raises(ValidationError, match="does not exist in Europe/Berlin"):
        parse_instant("02:15", BERLIN, now=NOW, anchor=anchor)


# parse_instant: now and relative -------------------------------------------------------


def test_now_is_the_given_clock_in_utc() -> None:
    berlin_now = datetime(2025, 3, 11, 15, 2, 17, tzinfo=BERLIN)
    assert parse_instant("now", BERLIN, now=berlin_now) == NOW
    assert parse_instant(" NOW ", BERLIN, now=NOW, anchor=utc(2020, 1, 1)) == NOW


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("+5m", timedelta(minutes=5)),
        ("-1h30m", -timedelta(hours=1, minutes=30)),
        ("+90s", timedelta(seconds=90)),
        ("+1d", timedelta(days=1)),
        ("+ 2 hrs 5 min", timedelta(hours=2, minutes=5)),
        ("-45sec", -timedelta(seconds=45)),
    ],
)
def test_relative_time_counts_from_anchor_else_now(text: str, delta: timedelta) -> None:
    anchor = utc(2025, 3, 11, 8, 0)
    assert parse_instant(text, BERLIN, now=NOW, anchor=anchor) == anchor + delta
    assert parse_instant(text, BERLIN, now=NOW) == NOW + delta


def test_parse_relative_and_needs_anchor() -> None:
    assert parse_relative("-1h30m") == timedelta(minutes=-90)
    assert parse_relative("+5mo") is None
    assert parse_relative("5m") is None
    assert needs_anchor("14:32")
    assert needs_anchor("+5m")
    assert not needs_anchor("now")
    assert not needs_anchor("2025-03-11 14:32")


@pytest.mark.parametrize(
    "text",
    [
        "garbage",
        "yesterday",
        "14h32",
        "25:00",
        "14:60",
        "2025-02-30 10:00",
        "2025-03-11",
        "+5 fortnights",
        "5m",
        "14:02:17+01:00",
    ],
)
def test_garbage_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_instant(text, BERLIN, now=NOW, where="timeline[2].at")
    error = caught.value
    assert error.where == "timeline[2].at"
    assert f"{text!r} is not a time" in error.message
    for form in ("2025-03-11 14:32", "14:32", "ISO-8601", "now", "+5m"):
        assert form in error.message


@pytest.mark.parametrize(
    "text",
    [
        "+999999999999h",
        "+99999999999999999999s",
        "-100000000h",
        "0001-01-01T00:30:00+01:00",
        "0001-01-01 00:10",
        "9999-12-31 23:59",
        "9999-12-31T23:59:59Z",
        "1969-12-31T23:59:59Z",
        "2101-01-01 01:30",
        "2101-01-01T00:00:00Z",
    ],
)
def test_times_too_far_away_to_store_or_show_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_instant(text, BERLIN, now=NOW, where="timeline[0].at")
    assert caught.value.where == "timeline[0].at"
    assert caught.value.message == (
        f"{text!r} is out of range; use a time between the years 1970 and 2100"
    )


def test_times_at_the_edges_of_the_range_can_be_shown_in_any_zone() -> None:
    for text in ("1970-01-01T00:00:00Z", "2100-12-31T23:59:59Z"):
        moment = parse_instant(text, BERLIN, now=NOW)
        for zone in (BERLIN, NEW_YORK, ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Etc/GMT+12")):
            assert format_instant(moment, zone)[:4] in {"1969", "1970", "2100", "2101"}


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_time_is_refused(text: str | None) -> None:
    with pytest.raises(ValidationError, match="a time is required") as caught:
        parse_instant(text, BERLIN, now=NOW)  # type: ignore[arg-type]
    assert caught.value.where == "at"


# storage form --------------------------------------------------------------------------


def test_iso_utc_round_trip_keeps_microseconds() -> None:
    moment = datetime(2025, 3, 11, 15, 2, 17, 123456, tzinfo=BERLIN)
    assert iso_utc(moment) == "2025-03-11T14:02:17.123456Z"
    assert iso_utc(utc(2025, 3, 11, 14, 2, 17)) == "2025-03-11T14:02:17Z"
    assert parse_iso_utc("2025-03-11T14:02:17.123456Z") == utc(2025, 3, 11, 14, 2, 17, 123456)
    assert parse_iso_utc("2025-03-11T15:02:17+01:00") == utc(2025, 3, 11, 14, 2, 17)
    with pytest.raises(ValueError, match="has no offset"):
        parse_iso_utc("2025-03-11T14:02:17")
    for far in ("0001-01-01T00:30:00+01:00", "9999-12-31T12:00:00Z"):
        with pytest.raises(ValueError, match="is out of range"):
            parse_iso_utc(far)


# parse_due -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-04-01", date(2025, 4, 1)),
        (" 2025-04-01 ", date(2025, 4, 1)),
        ("today", MONDAY),
        ("Today", MONDAY),
        ("tomorrow", date(2025, 3, 11)),
        ("+3d", date(2025, 3, 13)),
        ("+10 days", date(2025, 3, 20)),
        ("+2w", date(2025, 3, 24)),
        ("+1mo", date(2025, 4, 10)),
        ("+3 months", date(2025, 6, 10)),
        ("in 2 weeks", date(2025, 3, 24)),
        ("in 1 month", date(2025, 4, 10)),
        ("in 5 days", date(2025, 3, 15)),
        ("end of month", date(2025, 3, 31)),
        ("EOM", date(2025, 3, 31)),
        # weekday names on a Monday: the coming one, this week
        ("friday", FRIDAY),
        ("Friday", FRIDAY),
        ("next friday", FRIDAY),
        ("this friday", FRIDAY),
        ("tuesday", date(2025, 3, 11)),
        # the same weekday as today means a week from today
        ("monday", date(2025, 3, 17)),
    ],
)
def test_parse_due_relative_to_a_fixed_monday(text: str, expected: date) -> None:
    assert parse_due(text, MONDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("friday", date(2025, 3, 21)),
        ("next friday", date(2025, 3, 21)),
        ("monday", date(2025, 3, 17)),
        ("thursday", date(2025, 3, 20)),
        ("tomorrow", date(2025, 3, 15)),
        ("+1w", date(2025, 3, 21)),
    ],
)
def test_parse_due_relative_to_a_fixed_friday(text: str, expected: date) -> None:
    assert parse_due(text, FRIDAY) == expected


def test_parse_due_month_arithmetic_clamps_to_the_month_end() -> None:
    assert parse_due("+1mo", date(2025, 1, 31)) == date(2025, 2, 28)
    assert parse_due("end of month", date(2024, 2, 10)) == date(2024, 2, 29)
    assert parse_due("end of month", date(2025, 12, 31)) == date(2025, 12, 31)


@pytest.mark.parametrize("text", ["2022-Q1", "next week", "someday", "+3", "+2y", "friday 13"])
def test_parse_due_refuses_other_forms_and_names_the_accepted_ones(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_due(text, MONDAY, where="action_items[0].due")
    error = caught.value
    assert error.where == "action_items[0].due"
    assert error.message.startswith(f"{text!r} is not a date")
    for form in ("YYYY-MM-DD", "+3d", "+2w", "+1mo", "tomorrow", "next friday"):
        assert form in error.message


@pytest.mark.parametrize("text", ["2025-02-30", "2025-13-01", "2025-04-31"])
def test_parse_due_refuses_dates_that_do_not_exist(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_due(text, MONDAY)
    assert caught.value.message == f"{text!r} is not a real date"
    assert caught.value.where == "due"


@pytest.mark.parametrize("text", ["+99999999999d", "+3000000d", "+999999w", "+9999999mo"])
def test_parse_due_refuses_deadlines_past_the_year_9999(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_due(text, MONDAY, where="action_items[3].due")
    assert caught.value.message == f"{text!r} is too far in the future"
    assert caught.value.where == "action_items[3].due"


@pytest.mark.parametrize("text", ["", "  ", None])
def test_parse_due_requires_a_value(text: str | None) -> None:
    with pytest.raises(ValidationError, match="a deadline is required"):
        parse_due(text, MONDAY)  # type: ignore[arg-type]


# format_instant / format_duration ------------------------------------------------------


def test_format_instant_always_shows_the_local_date() -> None:
    moment = utc(2025, 3, 11, 14, 2, 17)
    assert format_instant(moment, UTC) == "2025-03-11 14:02"
    assert format_instant(moment, BERLIN) == "2025-03-11 15:02"
    assert format_instant(moment, BERLIN, seconds=True) == "2025-03-11 15:02:17"
    assert format_instant(moment, NEW_YORK) == "2025-03-11 10:02"
    # Crossing midnight changes the date shown, in both directions.
    assert format_instant(utc(2025, 3, 11, 23, 30), BERLIN) == "2025-03-12 00:30"
    assert format_instant(utc(2025, 3, 12, 3, 30), NEW_YORK) == "2025-03-11 23:30"
    assert format_instant(utc(2025, 3, 11, 0, 0), timezone(timedelta(hours=-5))) == (
        "2025-03-10 19:00"
    )


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0s"),
        (0.4, "0s"),
        (45, "45s"),
        (59.6, "1m"),
        (60, "1m"),
        (90, "1m 30s"),
        (720, "12m"),
        (1318, "21m 58s"),
        (3600, "1h 00m"),
        (3900, "1h 05m"),
        (6828, "1h 54m"),  # 1h 53m 48s, to the nearest minute as the metrics line shows it
        (86400, "1d 0h 00m"),
        (86400 + 11 * 60, "1d 0h 11m"),
        (2 * 86400 + 3 * 3600 + 59, "2d 3h 01m"),
        (-(86400 + 3900), "-1d 1h 05m"),
        (-300, "-5m"),
        (-3900, "-1h 05m"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


# parse_timezone ------------------------------------------------------------------------


def test_parse_timezone_accepts_iana_names_and_utc_spellings() -> None:
    assert parse_timezone("Europe/Berlin") == BERLIN
    assert parse_timezone("  America/New_York ") == NEW_YORK
    for name in ("UTC", "utc", "Z", "GMT"):
        assert parse_timezone(name) is UTC


@pytest.mark.parametrize(
    "name", ["Mars/Olympus_Mons", "", "   ", "Berlin", "../../etc/passwd", "Europe/"]
)
def test_parse_timezone_refuses_unknown_names_clearly(name: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_timezone(name)
    error = caught.value
    assert error.where == "timezone"
    assert error.message.startswith(f"{name!r} is not a known timezone")
    assert "'Europe/Berlin'" in error.message


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(45, "45s"), (1320, "22m"), (4260, "1h11m"), (86400 + 11 * 60, "1d0h11m")],
)
def test_format_duration_short_keeps_minutes_past_a_day(seconds: float, text: str) -> None:
    assert format_duration_short(seconds) == text


def test_a_typed_incident_date_other_than_its_full_form_previews_its_day() -> None:
    from pmtui.model.times import incident_day_preview

    today = date(2026, 12, 7)  # a Monday
    assert incident_day_preview("-5d", today) == "→ Wed 2026-12-02"
    assert incident_day_preview(" Yesterday ", today) == "→ Sun 2026-12-06"
    assert incident_day_preview("last friday", today) == "→ Fri 2026-12-04"
    # Nothing to add to a date typed in full, an empty box, or text that is no date (its
    # refusal says why on saving).
    assert incident_day_preview("2026-12-02", today) == ""
    assert incident_day_preview("", today) == ""
    assert incident_day_preview("-5", today) == ""
    assert incident_day_preview("-999999999d", today) == ""


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("America/Los", "'America/Los_Angeles'"),
        ("america/new", "'America/New_York'"),
        ("Europe/Berln", "'Europe/Berlin'"),
    ],
)
def test_an_unknown_timezone_names_the_zone_it_most_likely_meant(typed: str, meant: str) -> None:
    # Mock meeting 19a: "America/Los" was refused with three examples of other zones.
    with pytest.raises(ValidationError, match="did you mean") as caught:
        parse_timezone(typed)
    assert meant in caught.value.message


def test_a_timezone_typed_in_other_case_is_that_zone() -> None:
    assert parse_timezone("europe/berlin") == ZoneInfo("Europe/Berlin")
