"""Tests of "Seen before?" ranking (pmtui.analysis.similar) on hand-made post-mortems."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pmtui.analysis.similar import SimilarIndex, similar_incidents
from pmtui.analysis.similar_terms import stem, words
from pmtui.model import CauseCategory, EventKind, PostMortem, TimelineEvent, WhyChain

DAY = date(2025, 3, 11)


def incident(
    pm_id: str,
    title: str,
    *,
    day: date = DAY,
    summary: str = "",
    causes: tuple[str, ...] = (),
    events: tuple[str, ...] = (),
    category: CauseCategory | None = None,
    services: tuple[str, ...] = (),
) -> PostMortem:
    start = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    return PostMortem(
        id=pm_id,
        title=title,
        incident_date=day,
        summary=summary,
        services=services,
        whys=(
            (WhyChain("w1", "Requests failed", causes, root_cause=True, category=category),)
            if causes
            else ()
        ),
        events=tuple(
            TimelineEvent(f"e{i}", start + timedelta(minutes=i), EventKind.NOTE, text)
            for i, text in enumerate(events)
        ),
    )


def earlier(days: int) -> date:
    return DAY - timedelta(days=days)


def ids(pm: PostMortem, others: list[PostMortem], **options: bool) -> list[str]:
    return [match.pm_id for match in similar_incidents(pm, [pm, *others], **options)]


def test_a_shared_root_cause_outranks_many_shared_timeline_words() -> None:
    asked = incident(
        "now",
        "Checkout down",
        causes=("The certificate expired because renewal was manual",),
        events=("Rolled back the canary deploy on gateway", "Paged the gateway on-call"),
    )
    same_cause = incident(
        "cause", "Login down", day=earlier(30), causes=("Certificate renewal was manual",)
    )
    same_events = incident(
        "events",
        "Search slow",
        day=earlier(20),
        events=("Rolled back the canary deploy on gateway", "Paged the gateway on-call") * 3,
    )
    assert ids(asked, [same_events, same_cause]) == ["cause", "events"]


def test_stop_words_and_common_incident_words_make_no_match() -> None:
    asked = incident("now", "The service error outage", summary="Users saw errors; the team")
    generic = incident(
        "old", "An outage of the service", day=earlier(3), summary="The error affected customers"
    )
    assert ids(asked, [generic]) == []
    assert list(words("The service had an ERROR and an outage at 14:05 in 2021")) == []
    # Mock review 29a was shown "nobody, restoration, instead" as what two incidents share.
    assert list(words("Nobody noticed; instead someone ran it, as anyone would")) == ["noticed"]


def test_only_earlier_incidents_unless_later_ones_are_asked_for() -> None:
    asked = incident("now", "Leap second crashed the resolver")
    before = incident("before", "Leap second crashed the proxy", day=earlier(400))
    after = incident("after", "Leap second hung the database", day=DAY + timedelta(days=90))
    assert ids(asked, [before, after]) == ["before"]
    matches = similar_incidents(asked, [asked, before, after], later=True)
    assert {(m.pm_id, m.later) for m in matches} == {("before", False), ("after", True)}


def test_each_match_names_the_shared_terms_that_made_it_biggest_first_as_written_here() -> None:
    asked = incident(
        "now",
        "Regex backtracking exhausted CPU",
        causes=("The regex backtracked: backtracking grew catastrophically",),
    )
    old = incident("old", "CPU pinned by regex", day=earlier(900), summary="Backtracking regex")
    (match,) = similar_incidents(asked, [old])
    shared = [term.term for term in match.shared]
    assert set(shared) == {"regex", "backtracking", "cpu"}
    weights = [term.weight for term in match.shared]
    assert weights == sorted(weights, reverse=True)
    assert abs(sum(weights) - match.score) < 1e-9
    assert (match.title, match.day) == ("CPU pinned by regex", earlier(900))


def test_a_shared_category_and_service_count_as_whole_names() -> None:
    asked = incident(
        "now",
        "Queue backlog",
        causes=("Consumer lag grew",),
        category=CauseCategory.CAPACITY,
        services=("billing-api",),
    )
    same = incident(
        "same",
        "Slow invoices",
        day=earlier(5),
        causes=("Workers saturated",),
        category=CauseCategory.CAPACITY,
        services=("billing-api",),
    )
    other = incident("other", "Slow reports", day=earlier(5), services=("billing",))
    (match,) = similar_incidents(asked, [same, other])
    assert {term.term for term in match.shared} == {"category capacity", "billing-api"}


def test_word_forms_meet_at_one_stem() -> None:
    assert stem("expired") == stem("expiry") == stem("expires")
    assert stem("certificates") == stem("certificate")
    assert stem("class") == "class"  # not "clas"


def test_the_index_answers_for_a_changed_post_mortem_without_being_rebuilt() -> None:
    old = incident("old", "Disk full on the primary", day=earlier(50))
    index = SimilarIndex([old, incident("now", "Checkout down")])
    assert index.rank(incident("now", "Checkout down")) == []
    edited = incident("now", "Checkout down", causes=("The primary disk filled up",))
    assert [m.pm_id for m in index.rank(edited)] == ["old"]


def test_an_undated_post_mortem_is_ordered_by_when_it_was_written() -> None:
    asked = incident("now", "Cache stampede")
    undated = PostMortem(
        id="undated",
        title="Cache stampede on deploy",
        created_at=datetime(2024, 1, 1, tzinfo=UTC),
    )
    assert ids(asked, [undated]) == ["undated"]


def test_the_team_read_apart_sees_what_is_saved_and_keeps_no_copy(tmp_path: Path) -> None:
    from pmtui.service import PostMortemService
    from pmtui.store import handover, open_store

    with PostMortemService(open_store(tmp_path / "db.json")) as service:
        first = service.create("Disk full on db-3")
        postmortems, unreadable = service.readable_postmortems_apart()
        assert ([pm.id for pm in postmortems], unreadable) == ([first.id], [])
        # The read-only store it opened would leave the whole file for a next opener.
        assert handover._kept == []
