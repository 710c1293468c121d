"""Quick-add lines: `14:32 detected Pager fired`, `+5m restarted api`, `now mitigated ...`."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from pmtui.model.enums import EventKind
from pmtui.model.errors import ValidationError
from pmtui.model.quick_add import (
    DEFAULT_KIND,
    QuickAdd,
    after_now,
    begins_with_time,
    parse_quick_add,
    preview_instant,
    preview_when,
    read_event_time,
    split_kind,
)

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2025, 3, 20, 9, 30, 12, 345678, tzinfo=UTC)  # 10:30:12 CET
ANCHOR = datetime(2025, 3, 19, 7, 41, 12, tzinfo=UTC)  # 08:41:12 CET, the day before


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def quick(text: str, anchor: datetime | None = ANCHOR, **kwargs: object) -> QuickAdd:
    return parse_quick_add(text, BERLIN, now=NOW, anchor=anchor, **kwargs)  # type: ignore[arg-type]


# The forms of the issue ----------------------------------------------------------------


def test_bare_time_with_kind_is_on_the_anchor_day_in_local_time() -> None:
    assert quick("14:32 detected Pager fired") == QuickAdd(
        utc(2025, 3, 19, 13, 32), EventKind.DETECTED, "Pager fired"
    )


def test_relative_time_counts_from_the_anchor() -> None:
    result = quick("+5m restarted api")
    assert result == QuickAdd(utc(2025, 3, 19, 7, 46, 12), DEFAULT_KIND, "restarted api")


def test_relative_time_without_an_anchor_counts_from_now() -> None:
    assert quick("+5m restarted api", anchor=None).at == utc(2025, 3, 20, 9, 35, 12)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("-2m x", -120), ("+90s x", 90), ("+1h30m x", 5400), ("+5 min x", 300)],
)
def test_relative_forms(text: str, seconds: int) -> None:
    assert (quick(text).at - ANCHOR).total_seconds() == seconds


def test_now_is_the_clock_to_the_second() -> None:
    assert quick("now mitigated failover done") == QuickAdd(
        utc(2025, 3, 20, 9, 30, 12), EventKind.MITIGATED, "failover done"
    )


def test_date_and_time_are_local() -> None:
    result = quick("2025-03-19 08:41 start Certificate for api.example.com expired")
    assert result == QuickAdd(
        utc(2025, 3, 19, 7, 41), EventKind.START, "Certificate for api.example.com expired"
    )


def test_date_time_with_seconds_and_iso_with_offset() -> None:
    assert quick("2025-03-19 08:41:12 start x").at == utc(2025, 3, 19, 7, 41, 12)
    assert quick("2025-03-19T07:41:00Z alert x").at == utc(2025, 3, 19, 7, 41)


def test_seconds_on_a_bare_time() -> None:
    assert quick("08:41:12 start x").at == utc(2025, 3, 19, 7, 41, 12)


def test_without_a_kind_word_the_event_is_a_note() -> None:
    assert quick("14:32 Pager fired") == QuickAdd(
        utc(2025, 3, 19, 13, 32), EventKind.NOTE, "Pager fired"
    )


# Kinds: synonyms, explicit markers, prose ------------------------------------------------


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("ack", EventKind.ACKNOWLEDGED),
        ("Acked", EventKind.ACKNOWLEDGED),
        ("detect", EventKind.DETECTED),
        ("DETECTED", EventKind.DETECTED),
        ("paged", EventKind.NOTIFIED),
        ("comms", EventKind.COMMUNICATION),
        ("deployed", EventKind.DEPLOY),
        ("resolve", EventKind.RESOLVED),
        ("started", EventKind.START),
        ("note", EventKind.NOTE),
        ("action", EventKind.ACTION),
    ],
)
def test_kind_synonyms(word: str, kind: EventKind) -> None:
    assert quick(f"14:32 {word} on-call looked") == QuickAdd(
        utc(2025, 3, 19, 13, 32), kind, "on-call looked"
    )


def test_kind_synonyms_strip_the_kind_word() -> None:
    assert split_kind("ack Jonas took the page") == (EventKind.ACKNOWLEDGED, "Jonas took the page")
    assert split_kind("comms status page updated") == (
        EventKind.COMMUNICATION,
        "status page updated",
    )


@pytest.mark.parametrize(
    "text",
    [
        "start of the maintenance window",
        "alert was routed to #ops-alerts-low",
        "Action items reviewed with the team",
        "note that the dashboard lagged",
        "started to fail over on its own",
        "Detection was delayed by 22 minutes",
        "Mitigation started on eu-west",
        "Resolution of the ticket is pending",
    ],
)
def test_a_kind_word_starting_prose_makes_a_note_with_the_whole_line(text: str) -> None:
    assert split_kind(text) == (EventKind.NOTE, text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("mitigated by failing over to eu-west", EventKind.MITIGATED),
        ("detected the expired certificate", EventKind.DETECTED),
        ("resolved after renewing the three internal certs", EventKind.RESOLVED),
        ("deploy in progress", EventKind.DEPLOY),
    ],
)
def test_a_kind_word_continued_as_a_verb_keeps_the_word_in_the_text(
    text: str, kind: EventKind
) -> None:
    assert split_kind(text) == (kind, text)


@pytest.mark.parametrize(
    ("text", "kind", "rest"),
    [
        (
            "note The on-call's change was reverted",
            EventKind.NOTE,
            "The on-call's change was reverted",
        ),
        ("action The failover was paused", EventKind.ACTION, "The failover was paused"),
        (
            "mitigated By 23:10 writes were paused",
            EventKind.MITIGATED,
            "By 23:10 writes were paused",
        ),
    ],
)
def test_a_capital_after_a_kind_word_starts_the_events_own_sentence(
    text: str, kind: EventKind, rest: str
) -> None:
    """Mock 31b: "note The on-call's …" kept "note" at the start of the event's text."""
    assert split_kind(text) == (kind, rest)


def test_a_colon_or_comma_makes_the_word_a_kind_even_before_prose() -> None:
    assert split_kind("start: of the maintenance window") == (
        EventKind.START,
        "of the maintenance window",
    )
    assert split_kind("Mitigation: traffic moved") == (EventKind.MITIGATED, "traffic moved")
    assert split_kind("detected, synthetic check paged") == (
        EventKind.DETECTED,
        "synthetic check paged",
    )


def test_words_that_merely_resemble_a_kind_are_text() -> None:
    assert split_kind("Starting the failover") == (EventKind.NOTE, "Starting the failover")
    assert split_kind("Alerting stayed silent") == (EventKind.NOTE, "Alerting stayed silent")
    assert split_kind("notes: none") == (EventKind.NOTE, "notes: none")


def test_a_lone_kind_word_becomes_the_text() -> None:
    assert quick("now resolved") == QuickAdd(
        utc(2025, 3, 20, 9, 30, 12), EventKind.RESOLVED, "Resolved"
    )
    assert split_kind("ack") == (EventKind.ACKNOWLEDGED, "Acknowledged")


def test_note_forces_a_note_whose_text_starts_with_a_kind_word() -> None:
    assert split_kind("note detected nothing unusual") == (
        EventKind.NOTE,
        "detected nothing unusual",
    )


def test_line_breaks_in_pasted_text_become_spaces() -> None:
    assert split_kind("detected pager\nfired") == (EventKind.DETECTED, "pager fired")


# Midnight ------------------------------------------------------------------------------


def test_just_after_midnight_following_a_late_event_is_the_next_day() -> None:
    late = datetime(2025, 3, 19, 22, 58, tzinfo=UTC)  # 23:58 CET
    assert quick("00:03 resolved x", anchor=late).at == utc(2025, 3, 19, 23, 3)


def test_just_before_midnight_preceding_an_early_event_is_the_previous_day() -> None:
    early = datetime(2025, 3, 19, 23, 5, tzinfo=UTC)  # 00:05 CET on 2025-03-20
    assert quick("23:55 start x", anchor=early).at == utc(2025, 3, 19, 22, 55)


def test_a_time_more_than_three_hours_before_the_anchor_is_the_next_day() -> None:
    # Was "stays on the anchor day": 12:00 after 23:58 went 12 hours back. A bare time now
    # counts forward from three hours before the anchor, as the hint says (issue 12).
    late = datetime(2025, 3, 19, 22, 58, tzinfo=UTC)  # 23:58 CET
    assert quick("12:00 x", anchor=late).at == utc(2025, 3, 20, 11, 0)
    assert quick("00:00 x", anchor=ANCHOR).at == utc(2025, 3, 19, 23, 0)  # 00:00 on the 20th


def test_a_small_hour_after_a_late_event_of_a_multi_day_incident_is_the_next_day() -> None:
    # The mock meeting: 02:00 after an event at 22:30 was saved 18 hours before it.
    pacific = ZoneInfo("America/Los_Angeles")
    anchor = datetime(2021, 10, 29, 5, 30, tzinfo=UTC)  # 2021-10-28 22:30 PDT
    result = parse_quick_add(
        "02:00 action New hardware did not help", pacific, now=NOW, anchor=anchor
    )
    assert result.at.astimezone(pacific) == datetime(2021, 10, 29, 2, 0, tzinfo=pacific)
    assert result.kind is EventKind.ACTION


def test_a_time_a_few_minutes_before_the_anchor_stays_on_its_day() -> None:
    anchor = datetime(2025, 3, 19, 13, 40, tzinfo=UTC)  # 14:40 CET
    assert quick("14:32 x", anchor=anchor).at == utc(2025, 3, 19, 13, 32)
    # Exactly three hours back is still that day; a minute more is the next day.
    assert quick("11:40 x", anchor=anchor).at == utc(2025, 3, 19, 10, 40)
    assert quick("11:39 x", anchor=anchor).at == utc(2025, 3, 20, 10, 39)


def test_midnight_typed_as_24_00_is_refused() -> None:
    with pytest.raises(ValidationError, match="not a time of day") as caught:
        quick("24:00 x")
    assert caught.value.where == "at"


def test_without_anchor_a_bare_time_is_on_the_incident_date_else_today() -> None:
    assert quick("23:30 x", anchor=None, incident_date=date(2025, 3, 19)).at == utc(
        2025, 3, 19, 22, 30
    )
    assert quick("08:00 x", anchor=None).at == utc(2025, 3, 20, 7, 0)


# DST (Europe/Berlin: 2025-03-30 02:00 -> 03:00, 2025-10-26 03:00 -> 02:00) ---------------


def test_a_time_the_clocks_skip_is_refused_with_a_clear_message() -> None:
    before_jump = datetime(2025, 3, 30, 0, 50, tzinfo=UTC)  # 01:50 CET
    with pytest.raises(ValidationError, match="does not exist") as caught:
        quick("02:30 x", anchor=before_jump)
    assert caught.value.where == "at"


def test_relative_time_across_the_spring_jump_counts_real_minutes() -> None:
    before_jump = datetime(2025, 3, 30, 0, 58, tzinfo=UTC)  # 01:58 CET
    result = quick("+5m x", anchor=before_jump)
    assert result.at == utc(2025, 3, 30, 1, 3)  # 03:03 CEST
    assert result.at.astimezone(BERLIN).strftime("%H:%M %Z") == "03:03 CEST"


def test_a_time_that_happens_twice_takes_the_occurrence_nearer_the_anchor() -> None:
    first_0245 = datetime(2025, 10, 26, 0, 45, tzinfo=UTC)  # 02:45 CEST
    second_0245 = datetime(2025, 10, 26, 1, 45, tzinfo=UTC)  # 02:45 CET
    assert quick("02:30 x", anchor=first_0245).at == utc(2025, 10, 26, 0, 30)  # CEST
    assert quick("02:30 x", anchor=second_0245).at == utc(2025, 10, 26, 1, 30)  # CET


def test_a_time_that_happens_twice_without_anchor_is_the_first() -> None:
    result = quick("02:30 x", anchor=None, incident_date=date(2025, 10, 26))
    assert result.at == utc(2025, 10, 26, 0, 30)


def test_date_and_time_in_summer_use_summer_offset() -> None:
    assert quick("2025-07-01 12:00 start x").at == utc(2025, 7, 1, 10, 0)


# Errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("", "text", "type a time and what happened"),
        ("   ", "text", "type a time and what happened"),
        ("Pager fired", "at", "start with a time"),
        ("14:32", "text", "say what happened after the time"),
        ("now", "text", "say what happened after the time"),
        ("+5x restarted api", "at", "is not a duration"),
        ("2025-03-19 start x", "at", "after the date give a time"),
        ("2025-02-30 08:00 x", "at", "is not a time"),
        ("25:61 x", "at", "not a time of day"),
    ],
)
def test_errors_say_what_to_type(text: str, where: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        quick(text)
    assert caught.value.where == where


def test_an_evening_time_after_an_early_event_stays_on_that_events_day() -> None:
    # The user test: 18:14 typed after an event at 02:00 (CET) of the next day landed
    # on the previous day and turned time to mitigate negative.
    early = datetime(2025, 3, 20, 1, 0, tzinfo=UTC)  # 02:00 CET on 2025-03-20
    assert quick("18:14 mitigated x", anchor=early).at == utc(2025, 3, 20, 17, 14)


def test_the_preview_names_the_exact_day_time_and_zone() -> None:
    early = datetime(2025, 3, 20, 1, 0, tzinfo=UTC)
    assert preview_when("18:14 mitigated", BERLIN, now=NOW, anchor=early) == (
        "→ Thu 2025-03-20 18:14 CET"
    )
    assert preview_when("", BERLIN, now=NOW, anchor=early) == ""
    assert "not a time of day" in preview_when("25:00 x", BERLIN, now=NOW, anchor=early)


def test_the_preview_shows_the_seconds_a_line_carries_as_digits() -> None:
    # Seen in tmux: a stamped line previewed as "11:57:%S", the format code itself.
    early = datetime(2025, 3, 20, 1, 0, tzinfo=UTC)
    assert preview_when("18:14:07 mitigated", BERLIN, now=NOW, anchor=early) == (
        "→ Thu 2025-03-20 18:14:07 CET"
    )


def test_a_huge_offset_is_refused_in_words_not_a_crash() -> None:
    for line in ("+" + "9" * 5000 + "h x", "+99999999999999999999h x", "-9999999999d x"):
        with pytest.raises(ValidationError, match="is out of range") as caught:
            quick(line)
        assert caught.value.where == "at"
        assert len(caught.value.message) < 100
        assert "is out of range" in preview_when(line, BERLIN, now=NOW, anchor=ANCHOR)


def test_a_pasted_blob_after_a_sign_is_refused_in_one_short_line() -> None:
    with pytest.raises(ValidationError, match="is not a duration") as caught:
        quick("+1h" + "9" * 5000 + " x")
    assert len(caught.value.message) < 100


def test_after_now_is_the_rest_of_a_line_that_starts_with_now() -> None:
    assert after_now("  NOW mitigated failover done") == "mitigated failover done"
    assert after_now("now") == ""
    assert after_now("nowhere to be seen") is None
    assert after_now("14:32 now done") is None


def test_preview_instant_names_what_its_reader_gives_or_why_not() -> None:
    """The event form's preview: the instant the save's own reader gives, in the zone."""
    anchor = utc(2025, 3, 19, 21, 30)  # 22:30 CET: 02:00 is the next night

    def read(typed: str) -> datetime:
        return read_event_time(typed, BERLIN, now=NOW, anchor=anchor)

    assert preview_instant("02:00", read, BERLIN) == "→ Thu 2025-03-20 02:00 CET"
    assert preview_instant("2025-03-19 23:13:05", read, BERLIN) == "→ Wed 2025-03-19 23:13:05 CET"
    assert preview_instant("26:10", read, BERLIN) == "'26:10' is not a time of day (00:00 to 23:59)"
    assert preview_instant("  ", read, BERLIN) == ""


def test_a_line_begins_with_a_time_from_its_first_two_characters() -> None:
    # Typed on the Timeline's table, these were meant for the quick-add line (mock meeting
    # 18a: "12:44 action …" switched to the Overview on its `1`).
    for typed in ("12", "12:44 action Capacity addition", "9:05", "1244", "2025-03-19", "+5m"):
        assert begins_with_time(typed), typed
    for typed in ("1", "3 whys", "now", "+", "-x", "Because 12:44"):
        assert not begins_with_time(typed), typed


# Mock meeting 18c: "1244 …" was refused, and an unknown first word became a note unsaid ------


def test_a_time_written_without_its_colon_reads_as_that_time() -> None:
    # 1244 after the anchor (08:41 CET on the 19th) is 12:44 CET the same day.
    assert quick("1244 detected Pager fired").at == utc(2025, 3, 19, 11, 44)
    assert quick("2025-03-19 0841 start Certificate expired").at == utc(2025, 3, 19, 7, 41)
    assert read_event_time("0905", BERLIN, now=NOW, anchor=None) == utc(2025, 3, 20, 8, 5)


def test_a_colonless_time_that_is_no_time_of_day_says_so() -> None:
    with pytest.raises(ValidationError, match="'2575' is not a time of day") as caught:
        quick("2575 x")
    assert caught.value.where == "at"
    with pytest.raises(ValidationError, match="start with a time"):
        quick("12445 x")  # five digits: no time at all


def test_the_preview_says_a_line_naming_no_kind_is_saved_as_a_note() -> None:
    said = preview_when("12:44 rollback: reverted the config", BERLIN, now=NOW, anchor=ANCHOR)
    assert said == "→ Wed 2025-03-19 12:44 CET · note (“rollback” is no kind)"
    said = preview_when("12:44 Backlog drained", BERLIN, now=NOW, anchor=ANCHOR)
    assert said == "→ Wed 2025-03-19 12:44 CET · note"
    # A line that names its kind says nothing more: the kind is what it typed.
    said = preview_when("12:44 mitigated by failover", BERLIN, now=NOW, anchor=ANCHOR)
    assert said == "→ Wed 2025-03-19 12:44 CET"
    assert quick("12:44 alerted on-call via pager").kind is EventKind.ALERT


# Twelve-hour times, as people say them (mock review 28a typed "1:45pm detected …") ---------


@pytest.mark.parametrize(
    ("line", "local_hour", "minute"),
    [
        ("1:45pm detected Pager fired", 13, 45),
        ("1:45 pm detected Pager fired", 13, 45),
        ("1:45PM detected Pager fired", 13, 45),
        ("9am detected Pager fired", 9, 0),
        ("9 a.m. detected Pager fired", 9, 0),
        ("12:10am detected Pager fired", 0, 10),
        ("12:10pm detected Pager fired", 12, 10),
        ("09:30 pm detected Pager fired", 21, 30),
        ("2025-03-19 1:45pm detected Pager fired", 13, 45),
    ],
)
def test_a_twelve_hour_time_is_read_as_the_time_it_says(
    line: str, local_hour: int, minute: int
) -> None:
    added = quick(line, anchor=utc(2025, 3, 19, 0, 0))
    local = added.at.astimezone(BERLIN)
    assert (local.hour, local.minute) == (local_hour, minute)
    assert (added.kind, added.text) == (EventKind.DETECTED, "Pager fired")


@pytest.mark.parametrize("line", ["13pm detected Pager", "0:30am detected Pager"])
def test_a_twelve_hour_time_past_twelve_is_refused_with_its_reason(line: str) -> None:
    with pytest.raises(ValidationError, match="1 to 12"):
        quick(line)


def test_pm_as_a_first_word_after_a_24_hour_time_is_text() -> None:
    # "PM" can be a post-mortem or a project manager: after 14:32 it is not a clock's half.
    added = quick("14:32 PM joined the bridge", anchor=utc(2025, 3, 19, 0, 0))
    assert added.text == "PM joined the bridge"


def test_an_event_forms_time_field_reads_a_twelve_hour_time() -> None:
    at = read_event_time("1:45pm", BERLIN, now=NOW, anchor=utc(2025, 3, 19, 0, 0))
    assert at.astimezone(BERLIN).hour == 13


def test_an_event_days_before_the_anchor_leaves_the_selection_where_it_was() -> None:
    from pmtui.model.quick_add import keeps_anchor

    assert keeps_anchor(utc(2021, 5, 12, 10, 0), utc(2021, 6, 8, 9, 48))
    assert not keeps_anchor(utc(2021, 6, 8, 8, 0), utc(2021, 6, 8, 9, 48))  # a correction
    assert not keeps_anchor(utc(2021, 6, 9, 2, 0), utc(2021, 6, 8, 23, 0))  # the next day
    assert not keeps_anchor(utc(2021, 5, 12, 10, 0), None)


def test_a_bare_time_after_an_event_days_before_the_incident_date_is_on_that_date() -> None:
    """Mock review 31a: the deploy of May 12 typed first into an empty timeline; the start,
    09:47, then went to May 12 as well."""
    deploy = utc(2021, 5, 12, 10, 0)
    day = date(2021, 6, 8)
    started = quick("09:47 start Errors began", anchor=deploy, incident_date=day)
    assert started.at.astimezone(BERLIN).date() == day
    assert started.at.astimezone(BERLIN).hour == 9
    assert read_event_time("09:47", BERLIN, now=NOW, anchor=deploy, incident_date=day) == (
        started.at
    )
    # An offset still counts from the selected event, and the evening before the date is
    # still where a bare time after it goes on from (an incident starting at 23:50).
    assert quick("+5m canary done", anchor=deploy, incident_date=day).at == utc(2021, 5, 12, 10, 5)
    evening = utc(2021, 6, 7, 21, 50)  # 23:50 in Berlin
    assert quick("00:10 detected Pager", anchor=evening, incident_date=day).at == utc(
        2021, 6, 7, 22, 10
    )
    # Without an incident date the selected event stays what the time counts from.
    assert quick("09:47 start Errors began", anchor=deploy).at.date() == date(2021, 5, 12)


def test_bare_times_go_to_the_incident_date_only_while_nothing_is_on_that_day() -> None:
    from pmtui.model.postmortem import PostMortem, TimelineEvent
    from pmtui.model.quick_add import bare_time_day

    day = date(2021, 6, 8)
    deploy = TimelineEvent("e1", utc(2021, 5, 12, 10, 0), EventKind.DEPLOY, "Latent bug shipped")
    pm = PostMortem("pm-1", "CDN outage", incident_date=day, timezone="Europe/Berlin")
    assert bare_time_day(pm) == day  # an empty timeline
    with_deploy = replace(pm, events=(deploy,))
    assert bare_time_day(with_deploy) == day  # only a cause planted weeks earlier
    evening = TimelineEvent("e2", utc(2021, 6, 7, 21, 50), EventKind.START, "Errors began")
    # The incident began the evening before: its day has started, the selection rules.
    assert bare_time_day(replace(pm, events=(deploy, evening))) is None
    assert bare_time_day(replace(pm, incident_date=None, events=(deploy,))) is None
