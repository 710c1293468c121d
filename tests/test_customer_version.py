"""The customer version: built only from the fields written for customers, refused without
a customer message, and those fields kept like any other (JSON, store, merge, text door)."""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmtui.analysis.customer import (
    NO_CUSTOMER_MESSAGE,
    customer_window,
    default_headline,
)
from pmtui.analysis.readiness import CheckState, readiness
from pmtui.export.markdown import export_markdown
from pmtui.model.codec import postmortem_from_dict, postmortem_to_dict
from pmtui.model.enums import ActionStatus, CauseCategory, EventKind
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import (
    ActionItem,
    MergeConflict,
    PostMortem,
    TimelineEvent,
    Waiver,
    WhyChain,
)
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore
from tests.conftest import examples
from tests.merge_support import base_postmortem, merged

ZONE = "Europe/Berlin"


def utc(hour: int, minute: int) -> datetime:
    return datetime(2025, 3, 19, hour, minute, tzinfo=UTC)


# Nothing internal reaches it -----------------------------------------------------------------

#: The fields written for customers; every other text of a post-mortem is internal.
CUSTOMER_FIELDS = frozenset(
    {"customer_message", "customer_title", "customer_impact_start", "customer_impact_end"}
)
#: Fields that hold no free text: enums, dates, the timezone (shown as its label).
NOT_TEXT = frozenset({"timezone"})


class Markers:
    """Unique words, one per internal field, that no escaping changes."""

    def __init__(self) -> None:
        self._count = itertools.count()
        self.made: list[str] = []

    def __call__(self) -> str:
        marker = f"mkr{next(self._count):03d}qz"
        self.made.append(marker)
        return marker


def _filled(cls: type[Any], markers: Markers, **given_values: Any) -> Any:
    """An instance of the model dataclass `cls` with every text field not given a marker,
    found by type so a field added later is filled (and checked) too."""
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name in given_values or field.name in CUSTOMER_FIELDS | NOT_TEXT:
            continue
        if field.type in ("str", str):
            values[field.name] = markers()
        elif field.type in ("tuple[str, ...]",):
            values[field.name] = (markers(), markers())
    return cls(**values, **given_values)


def marked_postmortem(
    markers: Markers,
    message: str,
    title: str,
    lines: list[str],
    statuses: list[ActionStatus],
    window: bool,
) -> PostMortem:
    chain = _filled(
        WhyChain,
        markers,
        answers=(markers(), markers()),
        root_cause=True,
        category=CauseCategory.PROCESS,
    )
    events = tuple(
        _filled(TimelineEvent, markers, at=utc(8, minute), kind=kind)
        for minute, kind in ((0, EventKind.START), (5, EventKind.DETECTED), (9, EventKind.RESOLVED))
    )
    actions = tuple(
        _filled(
            ActionItem,
            markers,
            due=date(2025, 4, 1),
            status=status,
            factor_id=chain.id,
            customer_text=line,
        )
        for line, status in zip(lines, statuses, strict=True)
    )
    waiver = _filled(Waiver, markers, waived_on=date(2025, 3, 20))
    conflict = MergeConflict(markers(), markers(), markers(), markers())
    return _filled(
        PostMortem,
        markers,
        timezone=ZONE,
        customer_message=message,
        customer_title=title,
        customer_impact_start=utc(8, 1) if window else None,
        customer_impact_end=utc(8, 7) if window else None,
        created_at=utc(12, 0),
        updated_at=utc(12, 0),
        events=events,
        whys=(chain,),
        actions=actions,
        waivers=(waiver,),
        conflicts=(conflict,),
    )


customer_words = st.text(st.characters(codec="utf-8"), max_size=60)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    message=customer_words,
    title=customer_words,
    lines=st.lists(customer_words, min_size=1, max_size=4),
    statuses=st.data(),
    window=st.booleans(),
)
def test_no_internal_field_reaches_the_customer_version(
    message: str,
    title: str,
    lines: list[str],
    statuses: st.DataObject,
    window: bool,
) -> None:
    chosen = statuses.draw(
        st.lists(st.sampled_from(ActionStatus), min_size=len(lines), max_size=len(lines))
    )
    markers = Markers()
    pm = marked_postmortem(markers, f"We are sorry. {message}", title, lines, chosen, window)
    customer = export_markdown(pm, "customer")
    leaked = [marker for marker in markers.made if marker in customer]
    assert leaked == [], customer
    # The markers are findable where they belong: the internal document shows them.
    full = export_markdown(pm, "full", today=date(2025, 3, 20))
    assert pm.owner in full and pm.actions[0].text in full


# Refused without a customer message -----------------------------------------------------------


def _sample_document(**changes: Any) -> dict[str, Any]:
    root = Path(__file__).parent.parent / "sample_data" / "tls-cert-expiry.json"
    document: dict[str, Any] = orjson.loads(root.read_bytes())
    document.update(changes)
    return document


def test_export_without_customer_message_exits_1_naming_what_is_missing(
    run_pmtui, tmp_path: Path
) -> None:
    source = tmp_path / "no-message.json"
    source.write_bytes(orjson.dumps(_sample_document(customer_message="")))
    db = tmp_path / "db.json"
    pm_id = run_pmtui("--db", db, "import", source).out.strip()
    target = tmp_path / "customer.md"
    for output in ((), ("-o", target)):
        result = run_pmtui("--db", db, "export", pm_id, "--template", "customer", *output)
        assert result.code == 1, result
        assert result.out == ""
        [line] = result.err.splitlines()
        assert line.startswith("pmtui: error: ")
        assert "customer-facing message" in line and "Traceback" not in result.err
    assert not target.exists()
    # The internal templates still export.
    assert run_pmtui("--db", db, "export", pm_id, "--template", "full").code == 0


# The fields, kept like the others ---------------------------------------------------------------


def customer_document() -> dict[str, Any]:
    document = _sample_document(
        customer_title="Connection errors on the public API",
        customer_impact_start="2025-03-19 08:41",  # local, read in Europe/Berlin
        customer_impact_end="2025-03-19T08:52:40Z",
    )
    document["action_items"][0]["customer_text"] = "We now alert on failed renewals."
    return document


def test_customer_fields_round_trip_through_pmtui_1() -> None:
    pm = postmortem_from_dict(customer_document())
    assert pm.customer_title == "Connection errors on the public API"
    assert pm.customer_impact_start == datetime(2025, 3, 19, 7, 41, tzinfo=UTC)
    assert pm.customer_impact_end == datetime(2025, 3, 19, 8, 52, 40, tzinfo=UTC)
    assert pm.actions[0].customer_text == "We now alert on failed renewals."
    document = postmortem_to_dict(pm)
    assert document["customer_impact_start"] == "2025-03-19T07:41:00Z"
    assert document["action_items"][0]["customer_text"] == "We now alert on failed renewals."
    assert postmortem_from_dict(document) == pm


def test_a_document_from_before_the_customer_fields_reads_with_defaults() -> None:
    old = _sample_document()
    for key in ("customer_title", "customer_impact_start", "customer_impact_end"):
        old.pop(key, None)
    for action in old["action_items"]:
        action.pop("customer_text", None)
    pm = postmortem_from_dict(old)
    assert (pm.customer_title, pm.customer_impact_start, pm.customer_impact_end) == ("", None, None)
    assert all(action.customer_text == "" for action in pm.actions)
    window = customer_window(pm)
    assert (window.start, window.end) == (
        utc(7, 41).replace(second=12),
        utc(8, 52).replace(second=40),
    )
    assert window.start_is_default and window.end_is_default


def test_an_old_database_file_opens_and_keeps_everything(tmp_path: Path) -> None:
    db = tmp_path / "old.json"
    with PostMortemStore.open(db) as store:
        store.create(postmortem_from_dict(customer_document()))
    data = orjson.loads(db.read_bytes())
    # As a pmtui from before the customer fields wrote it.
    for header in data["postmortems"].values():
        for key in ("customer_title", "customer_impact_start", "customer_impact_end"):
            del header[key]
    for action in data["actions"].values():
        del action["customer_text"]
    db.write_bytes(orjson.dumps(data))
    with PostMortemStore.open(db) as store:
        [pm_id] = store.ids()
        pm = store.load(pm_id)
    assert pm.customer_title == "" and pm.customer_impact_start is None
    assert pm.customer_message.startswith("On 19 March 2025")  # nothing else lost
    assert len(pm.actions) == 5


@pytest.mark.parametrize(
    ("table", "field", "value", "problem"),
    [
        ("postmortems", "customer_title", 5, "customer_title is 5, not text"),
        ("postmortems", "customer_impact_end", "soon", "customer_impact_end"),
        ("actions", "customer_text", ["a"], "customer_text is a list, not text"),
    ],
)
def test_store_refuses_a_bad_customer_field(
    run_cli, tmp_path: Path, table: str, field: str, value: object, problem: str
) -> None:
    db = tmp_path / "db.json"
    with PostMortemStore.open(db) as store:
        store.create(postmortem_from_dict(customer_document()))
    data = orjson.loads(db.read_bytes())
    next(iter(data[table].values()))[field] = value
    db.write_bytes(orjson.dumps(data))
    before = db.read_bytes()
    result = run_cli("--db", db, "list")
    assert result.code == 1
    [line] = result.err.splitlines()
    assert line.startswith("pmtui: error: ") and problem in line
    assert db.read_bytes() == before


def test_customer_texts_pass_the_model_door() -> None:
    document = customer_document()
    document["customer_title"] = "API\x1b[31m errors\u202e\nagain"
    document["action_items"][0]["customer_text"] = "Alerts\u200b\tadded\n"
    pm = postmortem_from_dict(document)
    assert pm.customer_title == "API[31m errors again"
    assert pm.actions[0].customer_text == "Alerts added"
    document["customer_title"] = "x" * 201
    with pytest.raises(ValidationError) as too_long:
        postmortem_from_dict(document)
    assert too_long.value.where == "customer_title"


def test_a_window_that_ends_before_it_starts_is_refused() -> None:
    document = customer_document()
    document["customer_impact_end"] = "2025-03-19 08:00"
    with pytest.raises(ValidationError, match="ends before it starts"):
        postmortem_from_dict(document)


def test_service_reads_window_times_as_event_times_and_checks_the_default_ends(
    tmp_path: Path,
) -> None:
    with PostMortemService(PostMortemStore.open(tmp_path / "db.json")) as service:
        pm = service.import_document(_sample_document())
        # A bare clock time is on the day the incident started, in its timezone.
        pm = service.update(pm, customer_impact_end="09:55")
        assert pm.customer_impact_end == utc(8, 55)
        # Against the default start (08:41 CET): an end before it is refused, by name.
        with pytest.raises(ValidationError) as refused:
            service.update(pm, customer_impact_end="08:30")
        assert refused.value.where == "customer_impact_end"
        with pytest.raises(ValidationError) as refused:
            service.update(pm, customer_impact_start="10:30")
        assert refused.value.where == "customer_impact_start"
        pm = service.update(pm, customer_impact_end="")
        assert pm.customer_impact_end is None
        pm, action = service.add_action(
            pm, text="Probe", owner="Lena", due="+1w", customer_text=" We probe it. "
        )
        assert action.customer_text == "We probe it."
        assert service.get(pm.id).action(action.id).customer_text == "We probe it."


def test_merge_keeps_customer_fields_from_both_sides_and_records_a_clash() -> None:
    base = base_postmortem()
    ours = replace(base, customer_title="API errors", customer_impact_start=base.events[0].at)
    theirs = base.with_action(replace(base.action("a1"), customer_text="We alert earlier."))
    result = merged(base, ours, theirs)
    assert result.customer_title == "API errors"
    assert result.customer_impact_start == base.events[0].at
    assert result.action("a1").customer_text == "We alert earlier."
    assert result.conflicts == ()
    clash = merged(base, ours, replace(base, customer_title="Certificate errors"))
    assert [c.where for c in clash.conflicts] == ["customer_title"]


# The author is told ----------------------------------------------------------------------------


def test_readiness_says_when_there_is_no_customer_version() -> None:
    pm = postmortem_from_dict(_sample_document(customer_message=""))
    result = readiness(pm, today=date(2025, 3, 24))
    [item] = [i for i in result.items if NO_CUSTOMER_MESSAGE in i.rules]
    assert item.label == "The customer version has its own message"
    assert item.state is CheckState.WARNING  # internal publishing does not need it
    [finding] = item.open
    assert finding.where == "customer_message"
    written = readiness(postmortem_from_dict(_sample_document()), today=date(2025, 3, 24))
    assert [i.state for i in written.items if NO_CUSTOMER_MESSAGE in i.rules] == [CheckState.PASSED]


def test_default_headline_is_neutral_and_dated() -> None:
    pm = postmortem_from_dict(_sample_document(customer_impact_start=None))
    assert default_headline(pm) == "Incident report: 2025-03-19"  # the 'start' event's day
    assert default_headline(replace(pm, events=(), incident_date=None)) == "Incident report"


def test_pmtui_set_writes_the_customer_title_and_window(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "sample.json"
    source.write_bytes(orjson.dumps(_sample_document(customer_title="")))
    db = tmp_path / "db.json"
    pm_id = run_cli("--db", db, "import", source).out.strip()
    assert run_cli("--db", db, "set", pm_id, "customer_title", "API errors").code == 0
    refused = run_cli("--db", db, "set", pm_id, "customer_impact_end", "08:00")
    assert refused.code == 1 and refused.out == ""
    [line] = refused.err.splitlines()
    assert line == (
        "pmtui: error: customer_impact_end: the customer impact window ends before it starts"
    )
    markdown = run_cli("--db", db, "export", pm_id, "--template", "customer").out
    assert markdown.startswith("# API errors\n")
    assert "- Ended: 2025-03-19 09:52 CET (08:52 UTC)\n" in markdown
