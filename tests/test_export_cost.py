"""Tests that a Markdown export's cost grows with the timeline once, not once per use: the
events are walked a fixed number of times however many factors link them, and the clock texts
built in bulk (the zone asked once an hour) are the ones format_instant gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pmtui.export import markdown_escape
from pmtui.export.markdown import export_markdown
from pmtui.export.markdown_clock import local_times
from pmtui.model import CauseCategory, ContributingFactor, EventKind, PostMortem, TimelineEvent
from pmtui.model.times import format_instant, parse_timezone

START = datetime(2025, 3, 29, 22, 0, tzinfo=UTC)


class CountedEvents(tuple[TimelineEvent, ...]):
    """The post-mortem's events, counting each walk through them."""

    walks = 0

    def __iter__(self) -> Any:
        CountedEvents.walks += 1
        return super().__iter__()


def postmortem(factors: int) -> PostMortem:
    events = tuple(
        TimelineEvent(f"e{n}", START + timedelta(minutes=n), EventKind.NOTE, f"line {n}")
        for n in range(50)
    )
    linked = tuple(
        ContributingFactor(
            f"f{n}", f"Factor {n}", CauseCategory.MONITORING, event_ids=(f"e{n}", f"e{n + 10}")
        )
        for n in range(factors)
    )
    return PostMortem(
        id="pm-walks",
        title="Walks",
        timezone="Europe/Berlin",
        created_at=START,
        updated_at=START,
        events=CountedEvents(events),
        factors=linked,
    )


def walks_of_an_export(pm: PostMortem) -> int:
    CountedEvents.walks = 0
    export_markdown(pm)
    return CountedEvents.walks


def test_the_timeline_is_walked_as_often_with_six_factors_as_with_one() -> None:
    one, six = walks_of_an_export(postmortem(1)), walks_of_an_export(postmortem(6))
    assert six == one
    # And each factor still lists its own events.
    document = export_markdown(postmortem(6))
    assert "Factor 5" in document and "e15" not in document
    assert document.count("**Seen in the timeline:**") == 6


def test_a_timeline_across_days_and_a_clock_change_reads_as_format_instant() -> None:
    moments = [START + timedelta(minutes=7 * n, seconds=n % 3) for n in range(2_000)]
    for zone_name in ("Europe/Berlin", "America/St_Johns", "UTC"):
        zone = parse_timezone(zone_name)
        for seconds in (False, True):
            shown = local_times(moments, zone, zone_name, seconds=seconds)
            expected = [format_instant(moment, zone, seconds=seconds) for moment in moments]
            # Across Berlin's clock change each text carries its label (CET, CEST) after it.
            assert [text[: 19 if seconds else 16] for text in shown.texts] == expected
    berlin = local_times(moments, parse_timezone("Europe/Berlin"), "Europe/Berlin")
    assert berlin.texts[0].endswith(" CET") and berlin.texts[-1].endswith(" CEST")


def test_plain_texts_are_not_searched_for_markdown_characters(monkeypatch) -> None:
    searched: list[str] = []
    pattern = markdown_escape._MAY_NEED_ESCAPE

    class Counted:
        def finditer(self, text: str) -> Any:
            searched.append(text)
            return pattern.finditer(text)

    monkeypatch.setattr(markdown_escape, "_MAY_NEED_ESCAPE", Counted())
    plain = [f"edge-proxy-{n} TLS handshake failures at {n}% | retry #{n}" for n in range(500)]
    assert (
        markdown_escape.inline_many(plain)[7]
        == "edge-proxy-7 TLS handshake failures at 7% \\| retry #7"
    )
    assert searched == []
    # A text that holds one is still escaped.
    assert markdown_escape.inline_many(["cache_key *hot* path"]) == ["cache_key \\*hot\\* path"]


class CountedZone(tzinfo):
    """A zone that counts how often an instant is converted to it."""

    def __init__(self, name: str) -> None:
        self.zone = ZoneInfo(name)
        self.conversions = 0

    def fromutc(self, moment: datetime) -> datetime:
        self.conversions += 1
        local = self.zone.fromutc(moment.replace(tzinfo=self.zone))
        return local.replace(tzinfo=self)

    def utcoffset(self, moment: datetime | None) -> timedelta | None:
        return self.zone.utcoffset(None if moment is None else moment.replace(tzinfo=None))

    def tzname(self, moment: datetime | None) -> str | None:
        return self.zone.tzname(None if moment is None else moment.replace(tzinfo=None))

    def dst(self, moment: datetime | None) -> timedelta | None:
        return self.zone.dst(None if moment is None else moment.replace(tzinfo=None))


def test_a_long_timeline_asks_its_zone_about_each_hour_not_each_event() -> None:
    # 10,000 events 7 s apart: about 20 hours.
    moments = [START + timedelta(seconds=7 * n) for n in range(10_000)]
    zone = CountedZone("Europe/Berlin")
    shown = local_times(moments, zone, "Europe/Berlin")
    assert shown.texts[1] == "2025-03-29 23:00:07 CET"
    assert zone.conversions < 100


def one_at_a_time(moments: list[datetime], zone: tzinfo, zone_name: str) -> tuple[list[str], str]:
    """What local_times must give: each instant converted and labelled on its own."""
    local = [moment.astimezone(zone) for moment in moments]
    seconds = any(moment.second for moment in local)
    texts = [format_instant(moment, zone, seconds=seconds) for moment in moments]
    labels = [moment.tzname() or moment.strftime("%z") for moment in local]
    if len({moment.tzname() for moment in local}) <= 1:
        return texts, labels[0] if labels else zone_name
    return [f"{text} {label}" for text, label in zip(texts, labels, strict=True)], zone_name


TRICKY_ZONES = (
    "Europe/Berlin",  # CET/CEST, the change at 01:00 UTC
    "America/St_Johns",  # -03:30 and -02:30
    "Asia/Kathmandu",  # +05:45: an hour's local minutes run past local midnight
    "Australia/Lord_Howe",  # a 30-minute clock change, at half past a UTC hour
    "Pacific/Chatham",  # +12:45 and +13:45
    "Africa/Monrovia",  # -00:44:30 until 1972: an offset with seconds
    "UTC",
)


@pytest.mark.parametrize("zone_name", TRICKY_ZONES)
def test_local_times_read_as_each_instant_converted_on_its_own(zone_name: str) -> None:
    zone = parse_timezone(zone_name)
    # Around each zone's clock changes of a year (and Monrovia's 1972 one), one instant every
    # 7 min 13 s, some on a whole minute, and a few a microsecond before an hour ends.
    starts = [datetime(1972, 1, 6, tzinfo=UTC), datetime(2025, 3, 29, tzinfo=UTC)]
    starts += [datetime(2025, 4, 5, tzinfo=UTC), datetime(2025, 9, 27, tzinfo=UTC)]
    starts += [datetime(2025, 10, 4, 12, tzinfo=UTC), datetime(2025, 10, 25, tzinfo=UTC)]
    for start in starts:
        moments = [start + timedelta(seconds=433 * n) for n in range(700)]
        moments += [start + timedelta(hours=n, microseconds=-1) for n in range(1, 48)]
        moments += [start + timedelta(hours=n) for n in range(48)]
        for chosen in (sorted(moments), moments, sorted(moments)[:3], []):
            whole_minutes = [moment.replace(second=0) for moment in chosen]
            # An instant given with another offset is the same instant.
            elsewhere = [moment.astimezone(timezone(timedelta(hours=2))) for moment in chosen]
            for case in (chosen, sorted(whole_minutes), elsewhere):
                shown = local_times(case, zone, zone_name)
                assert (shown.texts, shown.label) == one_at_a_time(case, zone, zone_name)


ODD_LINKS = [
    "https://grafana.example.com/d/edge?from=1&to=2",
    "HTTPS://EXAMPLE.COM/A_B",
    "https://example.com/path.",  # sentence punctuation after it is the sentence's
    "https://example.com/a_(b)",
    "https://example.com/a_(b))",
    "https://example.com/~user/~other",
    "https://example.com/$x$",
    "https://",
    "ftp://files.example.com/x",
    "see https://example.com/x and https://example.com/y",
    "https://example.com/x y",
    "https://例え.jp/パス",
    "https://example.com/zero\u200bwidth",
    "javascript:alert(1)",
    "<https://example.com>",
    "https://example.com/a|b",
    "  https://example.com/padded  ",
    "`https://example.com/code`",
    "",
]


def test_links_read_as_every_other_value_of_a_cell() -> None:
    assert markdown_escape.links_many(ODD_LINKS) == markdown_escape.inline_many(ODD_LINKS)
    for link in ODD_LINKS:
        assert markdown_escape.links_many([link]) == markdown_escape.inline_many([link])


def test_a_timeline_of_links_that_are_whole_urls_is_not_searched_for_urls(monkeypatch) -> None:
    searched: list[str] = []
    escape_urls = markdown_escape._escape_urls

    def counted(text: str, **options: Any) -> str:
        searched.append(text)
        return escape_urls(text, **options)

    monkeypatch.setattr(markdown_escape, "_escape_urls", counted)
    events = tuple(
        TimelineEvent(
            f"e{n}",
            START + timedelta(minutes=n),
            EventKind.ALERT,
            f"alert {n}",
            link=f"https://grafana.example.com/d/edge?from={n}",
        )
        for n in range(300)
    )
    pm = PostMortem(id="pm-links", title="Links", created_at=START, updated_at=START, events=events)
    document = export_markdown(pm)
    assert "| alert 7 (<https://grafana.example.com/d/edge?from=7>) |" in document
    assert not any("grafana" in text for text in searched)
