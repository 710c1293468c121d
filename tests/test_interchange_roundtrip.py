"""Property: any valid post-mortem survives the interchange format unchanged.

model -> postmortem_to_dict -> orjson bytes -> postmortem_from_dict -> postmortem_to_dict
must give back the same document (and an equal model).

What "valid" means here is what a post-mortem read through the codec can hold:
- Reading strips every text field and id, and passes it through the model's door
  (pmtui.model.text: no control, bidirectional or zero-width character; one-line fields
  without line breaks or tabs), so the strategies generate text that is already held that way.
  A model holding "  padded " or an ESC can never come out of the codec (or the service, which
  validates the same way); generating it would only test that the door works.
- Ids are kept when the door would not change them, so generated ids are such.
- Required text (title, event text, source, why problem and answers, action text, ids) is
  never empty: reading refuses or replaces empty values.
- Events are in time order (ties in insertion order), as PostMortem keeps them.
- A root cause needs at least one answer and a category; an action's cause is "" or the id of
  one of the chains.
- Waivers name distinct findings (reading keeps the last waiver for a rule and place) and
  always carry their date (a missing one reads as today).
- Merge conflicts name distinct places (reading keeps the last one for a place); their values
  are any JSON value a place can hold (text with line breaks, a list, an item, null, a flag).
Everything else is drawn from the full range: unicode with newlines, pipes and emoji, times
with whole seconds and with microseconds, every enum member, present and absent dates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from pmtui.model.codec import postmortem_from_dict, postmortem_to_dict
from pmtui.model.enums import (
    ActionStatus,
    ActionType,
    CauseCategory,
    EventKind,
    Priority,
    Severity,
    Status,
)
from pmtui.model.postmortem import (
    SECTION_KEYS,
    ActionItem,
    ContributingFactor,
    MergeConflict,
    PostMortem,
    TimelineEvent,
    Waiver,
    WhyChain,
)
from pmtui.model.text import scrub
from tests.conftest import examples

NOW = datetime(2025, 3, 24, 16, 0, tzinfo=UTC)

# Characters people really paste into post-mortems, on top of arbitrary unicode. UTF-8 only:
# a lone surrogate cannot be written to a JSON file by anything.
_VISIBLE_SPICE = ["|", "||", "🔥", "🧯", "✅", "ä", "漢", "—", '"', "\\", "`", "#"]
_SPICE = st.sampled_from(["\n", "\r\n", "\t", " ", *_VISIBLE_SPICE])
_CHUNK = st.one_of(st.text(st.characters(codec="utf-8"), max_size=10), _SPICE)
_RAW_TEXT = st.lists(_CHUNK, max_size=3).map("".join)
_VISIBLE = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Zs", "Zl", "Zp", "Cc", "Cf")),
    st.sampled_from(_VISIBLE_SPICE),
)


def _stripped(head: str, body: str) -> str:
    # `head` is never whitespace, so the result is never empty; building it this way instead
    # of filtering out empty strings keeps generation fast.
    return (head + body).strip()


def _one_line(text: str) -> str:
    return scrub(text, multi_line=False)


#: Optional one-line text as the codec returns it: stripped, possibly empty.
optional_text = _RAW_TEXT.map(_one_line).map(str.strip)
#: Narrative and evidence as the codec returns them: line breaks and tabs kept.
multi_line_text = _RAW_TEXT.map(lambda text: scrub(text, multi_line=True).strip())
#: Required text: stripped and never empty.
required_text = st.builds(_stripped, _VISIBLE, _RAW_TEXT.map(_one_line))
#: Ids are kept when printable, non-empty and at most 64 characters (here at most 1 + 12).
ident = st.builds(_stripped, _VISIBLE, st.lists(_VISIBLE, max_size=12).map("".join))

_whole_seconds = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)
).map(lambda moment: moment.replace(microsecond=0))
_with_microseconds = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)
)
instant = st.one_of(_whole_seconds, _with_microseconds)
optional_date = st.none() | st.dates(min_value=date(1971, 1, 1), max_value=date(2099, 12, 31))
zone_name = st.sampled_from(
    ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]
)


def unique_ids(count: int) -> st.SearchStrategy[list[str]]:
    return st.lists(ident, min_size=count, max_size=count, unique=True)


@st.composite
def timeline(draw: st.DrawFn) -> tuple[TimelineEvent, ...]:
    count = draw(st.integers(0, 6))
    ids = draw(unique_ids(count))
    events = [
        TimelineEvent(
            id=event_id,
            # A few repeated instants exercise ties.
            at=draw(instant | st.just(datetime(2025, 3, 11, 14, 2, 17, tzinfo=UTC))),
            kind=draw(st.sampled_from(EventKind)),
            text=draw(required_text),
            source=draw(st.sampled_from(["monitoring", "pager", "chat", "deploy"]) | required_text),
            link=draw(optional_text),
            original=draw(multi_line_text),
        )
        for event_id in ids
    ]
    return tuple(sorted(events, key=lambda event: event.at))


@st.composite
def why_chains(draw: st.DrawFn) -> tuple[WhyChain, ...]:
    count = draw(st.integers(0, 4))
    chains = []
    for chain_id in draw(unique_ids(count)):
        answers = tuple(draw(st.lists(required_text, max_size=5)))
        category = draw(st.none() | st.sampled_from(CauseCategory))
        root_cause = bool(answers) and category is not None and draw(st.booleans())
        chains.append(
            WhyChain(
                id=chain_id,
                problem=draw(required_text),
                answers=answers,
                root_cause=root_cause,
                category=category,
                branched_from=draw(optional_text),
            )
        )
    return tuple(chains)


@st.composite
def factors(
    draw: st.DrawFn, chain_ids: list[str], event_ids: list[str]
) -> tuple[ContributingFactor, ...]:
    count = draw(st.integers(0, 4))
    # At most one factor drills into a chain; events are linked in any order, each once.
    chains = draw(st.permutations(["", "", "", "", *chain_ids]))
    linked = (
        st.lists(st.sampled_from(event_ids), unique=True, max_size=3) if event_ids else st.just([])
    )
    return tuple(
        ContributingFactor(
            id=factor_id,
            title=draw(required_text),
            category=draw(st.none() | st.sampled_from(CauseCategory)),
            event_ids=tuple(draw(linked)),
            made_sense=draw(optional_text),
            chain_id=chains[index],
        )
        for index, factor_id in enumerate(draw(unique_ids(count)))
    )


@st.composite
def action_items(draw: st.DrawFn, factor_ids: list[str]) -> tuple[ActionItem, ...]:
    count = draw(st.integers(0, 6))
    causes = st.sampled_from(["", *factor_ids])
    return tuple(
        ActionItem(
            id=action_id,
            text=draw(required_text),
            owner=draw(optional_text),
            due=draw(optional_date),
            priority=draw(st.sampled_from(Priority)),
            kind=draw(st.sampled_from(ActionType)),
            status=draw(st.sampled_from(ActionStatus)),
            tracker=draw(st.just("") | st.from_regex(r"[A-Z]{2,5}-[0-9]{1,5}", fullmatch=True)),
            completed_on=draw(optional_date),
            factor_id=draw(causes),
            verified_on=(verified := draw(optional_date)),
            verified_how=draw(required_text) if verified else "",
        )
        for action_id in draw(unique_ids(count))
    )


@st.composite
def waivers(draw: st.DrawFn) -> tuple[Waiver, ...]:
    rules = st.sampled_from(["blame-language", "missing-owner", "no-root-cause"]) | required_text
    places = st.lists(st.tuples(rules, required_text), max_size=4, unique=True)
    return tuple(
        Waiver(
            rule=rule,
            where=where,
            reason=draw(required_text),
            waived_by=draw(optional_text),
            waived_on=draw(st.dates(min_value=date(1971, 1, 1), max_value=date(2099, 12, 31))),
        )
        for rule, where in draw(places)
    )


#: What a conflict holds: a value of the place it names, or a whole item (None: deleted).
conflict_value = st.one_of(
    st.none(),
    st.booleans(),
    multi_line_text,
    st.lists(required_text, max_size=3),
    st.dictionaries(st.sampled_from(["id", "text", "owner", "due"]), optional_text, max_size=4),
)


@st.composite
def merge_conflicts(draw: st.DrawFn) -> tuple[MergeConflict, ...]:
    places = draw(st.lists(required_text, max_size=3, unique=True))
    return tuple(
        MergeConflict(
            where=where,
            kept=draw(conflict_value),
            other=draw(conflict_value),
            base=draw(conflict_value),
        )
        for where in places
    )


@st.composite
def post_mortems(draw: st.DrawFn) -> PostMortem:
    whys = draw(why_chains())
    events = draw(timeline())
    found = draw(factors([chain.id for chain in whys], [event.id for event in events]))
    sections = {key: draw(multi_line_text) for key in SECTION_KEYS}
    return PostMortem(
        id=draw(ident),
        title=draw(required_text),
        severity=draw(st.sampled_from(Severity)),
        status=draw(st.sampled_from(Status)),
        owner=draw(optional_text),
        attendees=tuple(draw(st.lists(required_text, max_size=5))),
        services=tuple(draw(st.lists(required_text, max_size=4))),
        incident_date=draw(optional_date),
        timezone=draw(zone_name),
        created_at=draw(instant),
        updated_at=draw(instant),
        events=events,
        whys=whys,
        factors=found,
        actions=draw(action_items([factor.id for factor in found])),
        waivers=draw(waivers()),
        conflicts=draw(merge_conflicts()),
        **sections,
    )


@settings(max_examples=examples(100), deadline=None)
@given(post_mortems())
def test_interchange_round_trip_is_lossless(pm: PostMortem) -> None:
    document = postmortem_to_dict(pm)
    wire = orjson.dumps(document)
    read_back = postmortem_from_dict(orjson.loads(wire), now=NOW)
    assert postmortem_to_dict(read_back) == document
    assert read_back == pm


@settings(max_examples=examples(30), deadline=None)
@given(post_mortems(), st.datetimes(timezones=st.just(UTC)))
def test_reading_does_not_depend_on_the_clock(pm: PostMortem, now: datetime) -> None:
    # Every date and time in a written document is absolute, so "now" must not leak in.
    document = postmortem_to_dict(pm)
    assert postmortem_to_dict(postmortem_from_dict(document, now=now)) == document
