"""The pmtui/1 interchange format: liberal, validated reading and lossless writing."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from pmtui.model.codec import FORMAT, postmortem_from_dict, postmortem_to_dict
from pmtui.model.enums import (
    ActionStatus,
    ActionType,
    CauseCategory,
    EventKind,
    Priority,
    Severity,
    Status,
)
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import SECTION_KEYS, ActionItem, TimelineEvent, WhyChain

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data" / "tls-cert-expiry.json"
NOW = datetime(2025, 3, 24, 16, 0, tzinfo=UTC)
DELETE = object()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def base() -> dict[str, Any]:
    """A small valid document; each invalid-value test breaks exactly one thing in it."""
    return {
        "format": "pmtui/1",
        "id": "pm-1",
        "title": "Checkout errors after config push",
        "timezone": "Europe/Berlin",
        "incident_date": "2025-03-11",
        "attendees": ["Ana", "Ben"],
        "timeline": [
            {"id": "e1", "at": "2025-03-11T10:00:00Z", "kind": "start", "text": "Errors begin"},
            {"id": "e2", "at": "2025-03-11T10:12:00Z", "kind": "detected", "text": "Alert"},
        ],
        "whys": [
            {
                "id": "why-a",
                "problem": "Checkout returned 500s",
                "answers": ["A bad config was pushed", "No canary stage for config"],
                "root_cause": True,
                "category": "process",
            }
        ],
        "action_items": [
            {"id": "a1", "text": "Add a canary stage", "due": "2025-04-01", "cause": "why-a"},
            {"id": "a2", "text": "Document config rollback"},
        ],
    }


def load(data: object, now: datetime = NOW, **kwargs: Any) -> Any:
    return postmortem_from_dict(data, now=now, **kwargs)


def sample() -> dict[str, Any]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def changed(path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    doc = base()
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


# defaults ------------------------------------------------------------------------------


def test_a_title_alone_is_a_valid_document_with_defaults() -> None:
    pm = load({"title": "  Disk full on db-3  "})
    assert pm.title == "Disk full on db-3"
    assert len(pm.id) == 8
    int(pm.id, 16)  # a minted id is hex
    assert pm.severity is Severity.SEV3
    assert pm.status is Status.DRAFT
    assert pm.owner == ""
    assert pm.attendees == ()
    assert pm.services == ()
    assert pm.incident_date is None
    assert pm.timezone == "UTC"
    assert all(pm.section(key) == "" for key in SECTION_KEYS)
    assert pm.created_at == NOW
    assert pm.updated_at == NOW
    assert (pm.events, pm.whys, pm.actions) == ((), (), ())


def test_updated_at_defaults_to_created_at() -> None:
    pm = load({"title": "t", "created_at": "2025-03-12T08:00:00+01:00"})
    assert pm.created_at == utc(2025, 3, 12, 7, 0)
    assert pm.updated_at == utc(2025, 3, 12, 7, 0)


def test_item_defaults() -> None:
    pm = load(
        {
            "title": "t",
            "timeline": [{"at": "2025-03-11T10:00:00Z", "text": "Something"}],
            "whys": [{"problem": "Why?"}],
            "action_items": [{"text": "Do the thing"}],
        }
    )
    (event,) = pm.events
    assert event == TimelineEvent(
        id=event.id, at=utc(2025, 3, 11, 10), kind=EventKind.NOTE, text="Something"
    )
    assert event.source == "manual"
    (chain,) = pm.whys
    assert chain == WhyChain(id=chain.id, problem="Why?")
    assert chain.root_cause is False
    assert chain.category is None
    (action,) = pm.actions
    assert action == ActionItem(id=action.id, text="Do the thing")
    # Nothing invented: a priority or type nobody gave stays unset.
    assert (action.priority, action.kind, action.status) == (None, None, ActionStatus.OPEN)
    assert action.due is None and action.completed_on is None and action.factor_id == ""
    # The incident date is taken from the first event when the document leaves it out.
    assert pm.incident_date == date(2025, 3, 11)


def test_null_values_read_as_empty() -> None:
    pm = load(
        {
            "title": "t",
            "owner": None,
            "summary": None,
            "timeline": None,
            "whys": None,
            "action_items": [{"text": "x", "due": None, "owner": None, "tracker": ""}],
            "timeline_extra": "ignored",
        }
    )
    assert pm.owner == "" and pm.summary == "" and pm.events == ()
    assert pm.actions[0].due is None and pm.actions[0].owner == ""


def test_liberal_spellings_are_read() -> None:
    pm = load(
        {
            "title": "t",
            "severity": "sev 1",
            "status": "In Review",
            "attendees": "Ana, Ben ,, Chen",
            "services": ["api", "  ", " db "],
            "timezone": "utc",
            "timeline": [
                {"time": "2025-03-11 11:00", "kind": "ACK", "text": "x", "source": None},
            ],
            "whys": [{"problem": "p", "answers": ["a"], "category": "Operational Design"}],
            "action_items": [
                {"text": "x", "type": "detect", "status": "WIP", "factor_id": 0, "priority": "high"}
            ],
        }
    )
    assert pm.severity is Severity.SEV1
    assert pm.status is Status.IN_REVIEW
    assert pm.attendees == ("Ana", "Ben", "Chen")
    assert pm.services == ("api", "db")
    assert pm.timezone == "utc"
    assert pm.events[0].at == utc(2025, 3, 11, 11)
    assert pm.events[0].kind is EventKind.ACKNOWLEDGED
    assert pm.events[0].source == "manual"
    # category without an explicit root_cause marks the chain's last answer as root cause
    assert pm.whys[0].root_cause is True
    assert pm.whys[0].category is CauseCategory.OPERATIONAL_DESIGN
    action = pm.actions[0]
    assert action.kind is ActionType.DETECT
    assert action.status is ActionStatus.IN_PROGRESS
    assert action.priority is Priority.P2
    assert action.factor_id == pm.whys[0].id  # a chain number is turned into its id


def test_relative_deadlines_count_from_today_in_the_post_mortems_timezone() -> None:
    late = utc(2025, 3, 11, 23, 30)  # already 2025-03-12 in Berlin
    doc = {
        "title": "t",
        "timezone": "Europe/Berlin",
        "action_items": [
            {"text": "a", "due": "tomorrow"},
            {"text": "b", "due": "+2w"},
            {"text": "c", "due": "friday", "status": "done", "completed_on": "today"},
        ],
    }
    pm = load(doc, now=late)
    assert [a.due for a in pm.actions] == [date(2025, 3, 13), date(2025, 3, 26), date(2025, 3, 14)]
    assert pm.actions[2].completed_on == date(2025, 3, 12)
    doc["timezone"] = "UTC"
    assert load(doc, now=late).actions[0].due == date(2025, 3, 12)


def test_pm_id_argument_overrides_the_documents_id() -> None:
    assert load(base()).id == "pm-1"
    assert load(base(), pm_id="fresh01").id == "fresh01"


# invalid values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "where", "message"),
    [
        (("title",), DELETE, "title", "a title is required"),
        (("title",), "   ", "title", "a title is required"),
        (("title",), 42, "title", "a title is required"),
        (("format",), "pmtui/2", "format", "unsupported format 'pmtui/2'"),
        (("severity",), "SEV9", "severity", "'SEV9' is not one of: SEV1"),
        (("status",), "archived", "status", "'archived' is not one of: draft"),
        (("timezone",), "Mars/Olympus", "timezone", "'Mars/Olympus' is not a known timezone"),
        (("timezone",), 5, "timezone", "expected text, got int"),
        (("incident_date",), "2025-02-30", "incident_date", "'2025-02-30' is not a real date"),
        (("owner",), ["Ana"], "owner", "expected text, got list"),
        (("summary",), 5, "summary", "expected text, got int"),
        (("attendees",), ["Ana", 7], "attendees[1]", "expected text"),
        (("services",), 5, "services", "expected a list, got int"),
        (("created_at",), "yesterday", "created_at", "is not an ISO-8601 time with an offset"),
        (("updated_at",), 1741687200, "updated_at", "expected an ISO-8601 time"),
        (("created_at",), "2025-03-11T10:00:00", "created_at", "not an ISO-8601 time"),
        (("created_at",), "0001-01-01T00:30:00+01:00", "created_at", "not an ISO-8601 time"),
        (("updated_at",), "9999-12-31T23:00:00Z", "updated_at", "not an ISO-8601 time"),
        (("timeline",), "not a list", "timeline", "expected a list, got str"),
        (("timeline",), {"at": "10:00"}, "timeline", "expected a list, got dict"),
        (("timeline", 0), "a note", "timeline[0]", "expected an object, got str"),
        (("timeline", 1), None, "timeline[1]", "expected an object, got NoneType"),
        (("timeline", 1, "kind"), "explosion", "timeline[1].kind", "'explosion' is not one of"),
        (("timeline", 1, "kind"), 3, "timeline[1].kind", "3 is not one of"),
        (("timeline", 1, "at"), "garbage", "timeline[1].at", "'garbage' is not a time"),
        (("timeline", 1, "at"), DELETE, "timeline[1].at", "a time is required"),
        (("timeline", 1, "at"), 1741687200, "timeline[1].at", "a time is required"),
        (("timeline", 1, "at"), "2025-03-30 02:30", "timeline[1].at", "does not exist"),
        (("timeline", 0, "at"), "+999999999999h", "timeline[0].at", "is out of range"),
        (("timeline", 1, "at"), "0001-01-01T00:00:00Z", "timeline[1].at", "is out of range"),
        (("timeline", 1, "text"), DELETE, "timeline[1].text", "the event text is required"),
        (("timeline", 1, "text"), " \n ", "timeline[1].text", "the event text is required"),
        (("timeline", 0, "source"), 5, "timeline[0].source", "expected text, got int"),
        (("timeline", 0, "link"), ["x"], "timeline[0].link", "expected text, got list"),
        (("whys",), {"id": "x"}, "whys", "expected a list, got dict"),
        (("whys", 0), 3, "whys[0]", "expected an object, got int"),
        (("whys", 0, "problem"), DELETE, "whys[0].problem", "the problem is required"),
        (("whys", 0, "answers"), "because", "whys[0].answers", "expected a list, got str"),
        (("whys", 0, "answers", 1), "", "whys[0].answers[1]", "an answer is required"),
        (("whys", 0, "category"), DELETE, "whys[0].category", "a root cause needs a category"),
        (("whys", 0, "category"), None, "whys[0].category", "a root cause needs a category"),
        (("whys", 0, "category"), "bad luck", "whys[0].category", "'bad luck' is not one of"),
        (("whys", 0, "answers"), [], "whys[0].root_cause", "needs at least one answer"),
        (("whys", 0, "root_cause"), "yes", "whys[0].root_cause", "expected true or false"),
        (("action_items",), "fix it", "action_items", "expected a list, got str"),
        (("action_items", 1), ["x"], "action_items[1]", "expected an object, got list"),
        (("action_items", 0, "text"), DELETE, "action_items[0].text", "the action text is"),
        (("action_items", 0, "due"), "2022-Q1", "action_items[0].due", "'2022-Q1' is not a date"),
        (("action_items", 0, "due"), "2025-02-30", "action_items[0].due", "not a real date"),
        (("action_items", 0, "due"), 20250401, "action_items[0].due", "expected a date such as"),
        (("action_items", 0, "due"), "+3000000d", "action_items[0].due", "too far in the future"),
        (("action_items", 1, "completed_on"), "soon", "action_items[1].completed_on", "not a"),
        (("action_items", 1, "priority"), "P9", "action_items[1].priority", "'P9' is not one"),
        (("action_items", 1, "kind"), "fix", "action_items[1].kind", "'fix' is not one of"),
        (("action_items", 1, "status"), "blocked", "action_items[1].status", "not one of"),
        (("action_items", 1, "owner"), 5, "action_items[1].owner", "expected text, got int"),
        (("action_items", 0, "cause"), "why-b", "action_items[0].cause", "no why chain has"),
        (("action_items", 0, "cause"), 1, "action_items[0].cause", "no why chain number 1"),
        (("action_items", 0, "cause"), -1, "action_items[0].cause", "no why chain number -1"),
        (("action_items", 0, "cause"), True, "action_items[0].cause", "expected text, got bool"),
    ],
)
def test_invalid_values_name_the_item_and_field(
    path: tuple[str | int, ...], value: object, where: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        load(changed(path, value))
    assert caught.value.where == where
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{where}: ")


def test_the_unchanged_base_document_is_valid() -> None:
    # Guards the parametrized test above: each failure there is caused by its one change.
    pm = load(base())
    assert [e.id for e in pm.events] == ["e1", "e2"]
    assert pm.actions[0].factor_id == "why-a"


@pytest.mark.parametrize("data", [None, [], "pmtui/1", 3])
def test_a_document_that_is_not_an_object_is_refused(data: object) -> None:
    with pytest.raises(ValidationError, match="expected an object") as caught:
        load(data)
    assert caught.value.where == "document"


def test_a_missing_cause_names_the_id_it_looked_for() -> None:
    with pytest.raises(ValidationError) as caught:
        load(changed(("action_items", 0, "cause"), "why-renewal"))
    assert caught.value.message == "no why chain has the id 'why-renewal'"


# local and relative times --------------------------------------------------------------


def test_bare_clock_times_are_on_the_incident_date_in_the_post_mortems_timezone() -> None:
    doc = {
        "title": "t",
        "timezone": "Europe/Berlin",
        "incident_date": "2025-03-11",
        "timeline": [
            {"at": "14:32", "kind": "start", "text": "a"},
            {"at": "+5m", "kind": "detected", "text": "b"},
            {"at": "14:45:30", "kind": "acknowledged", "text": "c"},
            {"at": "2025-03-11T16:00:00+01:00", "kind": "mitigated", "text": "d"},
            {"at": "-1h30m", "kind": "note", "text": "e"},
        ],
    }
    pm = load(doc)
    assert [(e.text, e.at) for e in pm.events] == [
        ("e", utc(2025, 3, 11, 13, 30)),  # 90 minutes before the previous entry, d
        ("a", utc(2025, 3, 11, 13, 32)),
        ("b", utc(2025, 3, 11, 13, 37)),
        ("c", utc(2025, 3, 11, 13, 45, 30)),
        ("d", utc(2025, 3, 11, 15, 0)),
    ]
    # The same file read as New York time (EDT already on 2025-03-11) lands elsewhere.
    doc["timezone"] = "America/New_York"
    in_new_york = {e.text: e.at for e in load(doc).events}
    assert in_new_york["a"] == utc(2025, 3, 11, 18, 32)
    assert in_new_york["e"] == utc(2025, 3, 11, 13, 30)  # d carries its own offset


def test_a_relative_first_entry_counts_from_local_midnight_of_the_incident_date() -> None:
    doc = {
        "title": "t",
        "timezone": "Europe/Berlin",
        "incident_date": "2025-03-11",
        "timeline": [{"at": "+5m", "text": "a"}],
    }
    assert load(doc).events[0].at == utc(2025, 3, 10, 23, 5)


def test_bare_clock_times_follow_an_earlier_dated_entry_without_incident_date() -> None:
    doc = {
        "title": "t",
        "timezone": "Europe/Berlin",
        "timeline": [
            {"at": "2025-03-12T23:30:00Z", "kind": "start", "text": "a"},  # 00:30 on the 13th
            {"at": "01:15", "text": "b"},
        ],
    }
    pm = load(doc)
    assert pm.events[1].at == utc(2025, 3, 13, 0, 15)
    assert pm.incident_date == date(2025, 3, 13)  # the first event's local date


def test_a_bare_clock_time_with_nothing_to_anchor_it_is_refused() -> None:
    doc = {"title": "t", "timeline": [{"at": "14:32", "text": "a"}]}
    with pytest.raises(ValidationError) as caught:
        load(doc)
    assert caught.value.where == "timeline[0].at"
    assert "needs an incident_date" in caught.value.message


def test_an_explicit_null_incident_date_is_kept() -> None:
    doc = {
        "title": "t",
        "incident_date": None,
        "timeline": [{"at": "2025-03-11T10:00:00Z", "text": "a"}],
    }
    assert load(doc).incident_date is None


# ids and ordering ----------------------------------------------------------------------


def test_ids_are_kept_and_duplicates_or_unusable_ones_are_reminted() -> None:
    doc = {
        "title": "t",
        "timeline": [
            {"id": "e1", "at": "2025-03-11T10:00:00Z", "text": "first"},
            {"id": "e1", "at": "2025-03-11T10:01:00Z", "text": "duplicate"},
            {"id": "  e2 ", "at": "2025-03-11T10:02:00Z", "text": "padded"},
            {"at": "2025-03-11T10:03:00Z", "text": "missing"},
            {"id": "x" * 65, "at": "2025-03-11T10:04:00Z", "text": "too long"},
            {"id": 7, "at": "2025-03-11T10:05:00Z", "text": "not text"},
        ],
        "whys": [{"id": "e1", "problem": "ids are per list"}, {"id": "e1", "problem": "dup"}],
        "action_items": [{"id": "e1", "text": "x", "cause": "e1"}],
    }
    pm = load(doc)
    ids = [e.id for e in pm.events]
    assert ids[0] == "e1"
    assert ids[2] == "e2"
    assert len(set(ids)) == 6
    for minted in (ids[1], ids[3], ids[4], ids[5]):
        assert len(minted) == 8 and minted not in {"e1", "e2"}
    assert pm.whys[0].id == "e1" and pm.whys[1].id != "e1"
    assert pm.actions[0].id == "e1"
    assert pm.actions[0].factor_id == "e1"  # the first chain with that id


def test_events_are_sorted_by_time_and_ties_keep_file_order() -> None:
    doc = {
        "title": "t",
        "timeline": [
            {"id": "late", "at": "2025-03-11T12:00:00Z", "text": "x"},
            {"id": "tie-a", "at": "2025-03-11T11:00:00Z", "text": "x"},
            {"id": "early", "at": "2025-03-11T09:00:00Z", "text": "x"},
            {"id": "tie-b", "at": "2025-03-11T12:00:00+01:00", "text": "x"},  # 11:00Z
            {"id": "tie-c", "at": "2025-03-11T11:00:00Z", "text": "x"},
        ],
    }
    pm = load(doc)
    assert [e.id for e in pm.events] == ["early", "tie-a", "tie-b", "tie-c", "late"]
    assert postmortem_to_dict(pm)["timeline"][0]["id"] == "early"


# the sample and lossless writing -------------------------------------------------------


def test_the_sample_loads() -> None:
    pm = load(sample())
    assert pm.id == "pm-2025-03-19-api-tls"
    assert pm.severity is Severity.SEV2
    assert pm.status is Status.IN_REVIEW
    assert pm.timezone == "Europe/Berlin"
    assert pm.incident_date == date(2025, 3, 19)
    assert 4 <= len(pm.attendees) <= 6
    assert all(pm.section(key) for key in SECTION_KEYS)
    assert 20 <= len(pm.events) <= 25
    assert {e.kind for e in pm.events} == set(EventKind)
    assert {"monitoring", "pager", "chat", "deploy", "manual"} <= {e.source for e in pm.events}
    assert [e.at for e in pm.events] == sorted(e.at for e in pm.events)
    assert all(e.at.year == 2025 and e.at.month == 3 for e in pm.events)
    assert [c.id for c in pm.whys] == ["why-renewal", "why-expiry-check"]
    assert all(c.root_cause and c.category and 4 <= len(c.answers) <= 5 for c in pm.whys)
    assert {c.category for c in pm.whys} == {CauseCategory.MONITORING, CauseCategory.PROCESS}
    assert len(pm.actions) == 5
    assert {a.kind for a in pm.actions} == set(ActionType)
    assert {a.status for a in pm.actions} == {
        ActionStatus.OPEN,
        ActionStatus.IN_PROGRESS,
        ActionStatus.DONE,
    }
    assert {a.priority for a in pm.actions} == {Priority.P1, Priority.P2, Priority.P3}
    assert all(a.owner and a.due and a.tracker.startswith("OPS-") for a in pm.actions)
    assert all(a.factor_id in {"why-renewal", "why-expiry-check"} for a in pm.actions)
    done = [a for a in pm.actions if a.status is ActionStatus.DONE]
    assert [(a.id, a.completed_on) for a in done] == [("act-renewal-alert", date(2025, 3, 21))]


def test_the_sample_file_is_in_canonical_form() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    document = postmortem_to_dict(load(json.loads(text)))
    assert document["format"] == FORMAT
    assert json.dumps(document, indent=2, ensure_ascii=False) + "\n" == text


@pytest.mark.parametrize("make", [sample, base])
def test_to_dict_from_dict_to_dict_is_identical(make: Any) -> None:
    first = postmortem_to_dict(load(make()))
    # A later clock must not change anything either: nothing in the file is relative.
    again = postmortem_to_dict(load(copy.deepcopy(first), now=utc(2031, 1, 1)))
    assert again == first
    through_json = postmortem_to_dict(load(orjson.loads(orjson.dumps(first))))
    assert through_json == first


def test_incident_date_left_out_is_the_day_of_the_start_event() -> None:
    # A multi-day incident: the deploy that caused it happened the day before it started.
    pm = load(
        {
            "title": "t",
            "timezone": "Europe/Berlin",
            "timeline": [
                {"at": "2025-03-10T22:30:00Z", "kind": "deploy", "text": "Deploy v2"},
                {"at": "2025-03-11T02:00:00Z", "kind": "start", "text": "Errors begin"},
            ],
        }
    )
    assert pm.incident_date == date(2025, 3, 11)


def test_trigger_and_related_incidents_round_trip() -> None:
    data = {
        "title": "t",
        "trigger": "Config push `c-17`",
        "related_incidents": [{"title": "INC-1", "url": "https://wiki.example/1"}, {"url": "u"}],
    }
    pm = load(data)
    assert pm.trigger == "Config push `c-17`"
    assert [(r.title, r.url) for r in pm.related] == [
        ("INC-1", "https://wiki.example/1"),
        ("", "u"),
    ]
    assert load(postmortem_to_dict(pm)) == pm
    old = load({"title": "t"})  # written before either existed
    assert (old.trigger, old.related) == ("", ())
    with pytest.raises(ValidationError, match="title or a URL"):
        load({"title": "t", "related_incidents": [{"title": " "}]})


@pytest.mark.parametrize(
    ("verification", "field", "message"),
    [
        ({"verified_on": "2025-03-01"}, "verified_how", "say how it was verified"),
        ({"verified_how": "paged in staging"}, "verified_on", "say when it was verified"),
    ],
)
def test_a_verification_needs_a_past_date_and_how(
    verification: dict[str, str], field: str, message: str
) -> None:
    item = {"text": "Page on expiry", "status": "done", **verification}
    with pytest.raises(ValidationError) as refused:
        load({"title": "t", "action_items": [item]}, now=utc(2025, 3, 11, 12, 0))
    assert refused.value.where == f"action_items[0].{field}"
    assert message in str(refused.value)
    item.update(verified_on="2025-03-01", verified_how="paged in staging")
    done = load({"title": "t", "action_items": [item]}, now=utc(2025, 3, 11, 12, 0))
    assert done.actions[0].verified_on == date(2025, 3, 1)
