"""PagerDuty log entries: an account rendering in America/New_York, newest first, several pages."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest

from pmtui.importers import ImporterError, read_evidence
from pmtui.model.enums import EventKind
from tests.importers.conftest import FIXTURES

PAGE = FIXTURES / "pagerduty_log_entries.json"
PAGES = FIXTURES / "pagerduty_log_entries_pages.json"


def at(hour: int, minute: int, second: int) -> datetime:
    return datetime(2025, 3, 11, hour, minute, second, tzinfo=UTC)


EXPECTED = [
    (
        at(14, 2, 17),
        EventKind.ALERT,
        "#1234 AuthLatencyHigh: p99 login latency above 2s — Triggered through the API.",
    ),
    (at(14, 2, 17), EventKind.NOTIFIED, "#1234: Notified Alice Chen by push notification."),
    (at(14, 2, 17), EventKind.NOTIFIED, "#1234: Notified Alice Chen by SMS."),
    (at(14, 5, 12), EventKind.ACKNOWLEDGED, "#1234: Acknowledged by Alice Chen."),
    (
        at(14, 10, 3),
        EventKind.NOTE,
        "#1234: Note from Alice Chen: Rolling back auth-service to v2.41",
    ),
    (at(14, 12, 40), EventKind.ACTION, "#1234: Assigned to Bob Okafor by Alice Chen."),
    (at(14, 12, 41), EventKind.NOTIFIED, "#1234: Notified Bob Okafor by phone call."),
    (at(14, 15, 40), EventKind.ACKNOWLEDGED, "#1234: Acknowledged by Bob Okafor."),
    (at(14, 16, 0), EventKind.ACTION, "#1234: Escalated to level 2 by Alice Chen."),
    (at(14, 18, 30), EventKind.NOTE, "#1234: Urgency changed to high."),
    (at(14, 30, 0), EventKind.RESOLVED, "#1234: Resolved by Alice Chen."),
]


def rows(result) -> list[tuple[datetime, EventKind, str]]:
    return [(e.at, e.kind, e.text) for e in result.events]


def test_one_page_in_new_york_offsets_lands_in_utc_in_time_order() -> None:
    result = read_evidence(PAGE)
    assert result.format == "pagerduty"
    assert rows(result) == EXPECTED
    assert result.rejected == ()
    assert {e.source for e in result.events} == {"pagerduty"}
    assert all(e.at.tzinfo is UTC for e in result.events)


def test_entries_in_the_same_second_keep_their_real_order() -> None:
    # Newest first in the file: trigger is listed after its notifications; pmtui reverses.
    first_three = [e.kind for e in read_evidence(PAGE).events[:3]]
    assert first_three == [EventKind.ALERT, EventKind.NOTIFIED, EventKind.NOTIFIED]


def test_both_acknowledge_spellings_are_acknowledged() -> None:
    acks = [e for e in read_evidence(PAGE).events if e.kind is EventKind.ACKNOWLEDGED]
    kinds = {e.original.split()[1] for e in acks}
    assert kinds == {"acknowledgement_log_entry", "acknowledge_log_entry"}


def test_several_pages_read_each_entry_once() -> None:
    result = read_evidence(PAGES)
    assert rows(result) == EXPECTED
    assert result.notes == ("1 log entries appeared on two pages; read once",)
    assert result.events[0].where == "[2].log_entries[2]"


def test_pages_as_json_lines() -> None:
    pages = orjson.loads(PAGES.read_bytes())
    data = b"\n".join(orjson.dumps(page) for page in pages) + b"\n"
    result = read_evidence(data, name="pages.jsonl")
    assert rows(result) == EXPECTED
    assert result.events[0].where == "line 3: log_entries[2]"


def test_a_json_lines_line_that_is_not_json_is_rejected_and_the_rest_imported() -> None:
    pages = orjson.loads(PAGES.read_bytes())
    lines = [orjson.dumps(page) for page in pages]
    data = b"\n".join([lines[0], b'{"log_entries": [', *lines[1:]]) + b"\n"
    result = read_evidence(data, format="pagerduty", name="pages.jsonl")
    assert rows(result) == EXPECTED
    [(where, reason)] = result.rejected
    assert where == "line 2" and reason.startswith("not valid JSON")


def test_original_keeps_the_rendered_time_id_and_summary_and_link() -> None:
    trigger = read_evidence(PAGE).events[0]
    assert trigger.original == (
        "2025-03-11T10:02:17-04:00 trigger_log_entry R1TRIGGER0001: Triggered through the API."
    )
    assert trigger.link == "https://acme.pagerduty.com/incidents/Q2AUTH0OUTAGE"
    note = read_evidence(PAGE).events[4]
    assert note.original.endswith("Note added | note: Rolling back auth-service to v2.41")


def test_a_single_log_entry_and_a_bare_list_of_entries() -> None:
    entries = orjson.loads(PAGE.read_bytes())["log_entries"]
    single = read_evidence(orjson.dumps({"log_entry": entries[0]}))
    assert rows(single) == [EXPECTED[-1]]
    bare = read_evidence(orjson.dumps(entries))
    assert rows(bare) == EXPECTED


def test_an_oldest_first_file_is_read_in_the_same_order() -> None:
    entries = orjson.loads(PAGE.read_bytes())["log_entries"]
    result = read_evidence(orjson.dumps({"log_entries": entries[::-1]}))
    assert rows(result) == EXPECTED


def entry(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "RX",
        "type": "trigger_log_entry",
        "summary": "Triggered",
        "created_at": "2025-03-11T10:02:17-04:00",
    }
    base.update(fields)
    return {key: value for key, value in base.items() if value is not None}


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"created_at": None}, "no created_at"),
        ({"created_at": 1741701737}, "no created_at"),
        ({"created_at": "last tuesday"}, "is not a time"),
        ({"created_at": "2025-03-11T10:02:17"}, "has no UTC offset"),
        ({"created_at": "9999-12-31T23:00:00-04:00"}, "out of range"),
        ({"type": None, "summary": None}, "no type, summary or note"),
    ],
)
def test_a_bad_entry_is_rejected_with_its_reason(fields: dict[str, object], reason: str) -> None:
    good = entry(id="R1", created_at="2025-03-11T10:00:00-04:00")
    result = read_evidence(orjson.dumps({"log_entries": [good, entry(**fields), "oops"]}))
    assert [e.text for e in result.events] == ["Triggered"]
    (where, why), (where2, why2) = result.rejected
    assert where == "log_entries[1]" and reason in why, why
    assert where2 == "log_entries[2]" and "not a log entry" in why2


def test_a_time_without_offset_is_read_in_the_zone_given() -> None:
    data = orjson.dumps({"log_entries": [entry(created_at="2025-03-11T10:02:17")]})
    result = read_evidence(data, tz="America/New_York")
    assert result.events[0].at == at(14, 2, 17)
    assert result.notes == ("1 time without a UTC offset read in America/New_York",)


def test_unknown_types_are_notes_and_a_notify_without_summary_is_described() -> None:
    notify = entry(
        type="notify_log_entry",
        summary=None,
        channel={
            "type": "auto",
            "notification": {"type": "sms_notification", "user": {"summary": "Alice Chen"}},
        },
    )
    future = entry(id="RY", type="ai_summary_log_entry", summary="Summary drafted")
    result = read_evidence(orjson.dumps({"log_entries": [notify, future]}))
    assert rows(result) == [
        (at(14, 2, 17), EventKind.NOTIFIED, "Notified Alice Chen by sms"),
        (at(14, 2, 17), EventKind.NOTE, "Summary drafted"),
    ]


@pytest.mark.parametrize(
    "document",
    [{"incidents": []}, [1, 2, 3], {"log_entries_count": 3}, "log_entries"],
)
def test_json_that_is_not_pagerduty_is_refused_as_a_whole(document: object) -> None:
    with pytest.raises(ImporterError, match="is not PagerDuty log entries"):
        read_evidence(orjson.dumps(document), format="pagerduty", name="x.json")


def test_an_empty_page_imports_nothing() -> None:
    result = read_evidence(b'{"log_entries": [], "more": false}')
    assert (result.events, result.rejected, result.format) == ((), (), "pagerduty")


REFERENCE = {"type": "incident_reference", "summary": "[#4521] Checkout 5xx above 5%"}


def test_rows_carry_the_incidents_number_and_the_trigger_its_title() -> None:
    trigger = entry(summary="Triggered through the API.", incident=REFERENCE)
    ack = entry(
        id="RA", type="acknowledge_log_entry", summary="Acknowledged by Ana Lima.",
        incident={"incident_number": 77, "title": "DNS outage", "type": "incident"},
    )  # fmt: skip
    result = read_evidence(orjson.dumps({"log_entries": [trigger, ack]}))
    assert [e.text for e in result.events] == [
        "#4521 Checkout 5xx above 5% — Triggered through the API.",
        "#77: Acknowledged by Ana Lima.",
    ]


@pytest.mark.parametrize(
    ("agent", "channel"),
    [
        ({"type": "service_reference", "summary": "Checkout"}, {"type": "api"}),
        ({"type": "inbound_integration_reference", "summary": "Alertmanager"}, {"type": "api"}),
        (None, {"type": "timeout"}),
        (None, {"type": "auto"}),
    ],
)
def test_an_automatic_resolve_is_a_note_not_the_resolved_milestone(
    agent: object, channel: object
) -> None:
    resolve = entry(
        type="resolve_log_entry", summary="Resolved through the API.",
        agent=agent, channel=channel, incident=REFERENCE,
    )  # fmt: skip
    [event] = read_evidence(orjson.dumps({"log_entries": [resolve]})).events
    assert event.kind is EventKind.NOTE
    assert event.text == (
        "#4521: Resolved through the API. (automatic: not the incident's resolution)"
    )


def test_a_persons_resolve_is_the_resolved_milestone() -> None:
    resolve = entry(
        type="resolve_log_entry", summary="Resolved by Ana Lima.", channel={"type": "website"},
        agent={"type": "user_reference", "summary": "Ana Lima"}, incident=REFERENCE,
    )  # fmt: skip
    [event] = read_evidence(orjson.dumps({"log_entries": [resolve]})).events
    assert (event.kind, event.text) == (EventKind.RESOLVED, "#4521: Resolved by Ana Lima.")
