"""Tests that a Markdown export's cost grows with the timeline once, not once per use: the
events are walked a fixed number of times however many factors link them, and the clock texts
built in bulk are the ones format_instant gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

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
