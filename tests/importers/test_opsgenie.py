"""Opsgenie alert activity logs: a list-alert-logs response, pages, and bare records."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest

from pmtui.importers import ImporterError, detect, read_evidence
from pmtui.model.enums import EventKind
from tests.importers.conftest import FIXTURES

LOGS = FIXTURES / "opsgenie_alert_logs.json"


def at(hour: int, minute: int, second: int, micro: int = 0) -> datetime:
    return datetime(2025, 3, 11, hour, minute, second, micro, tzinfo=UTC)


EXPECTED = [
    (at(14, 2, 18, 4000), EventKind.ALERT, "Alert created via API (Alertmanager)"),
    (
        at(14, 2, 19, 310000),
        EventKind.NOTIFIED,
        "Sent [SMS] notification to ana.lima@example.com (System)",
    ),
    (at(14, 5, 40), EventKind.ACKNOWLEDGED, "Alert acknowledged via web (ana.lima@example.com)"),
    (at(14, 6, 2), EventKind.NOTE, "Viewed on [web] (bo.chen@example.com)"),
    (
        at(14, 10, 30, 118000),
        EventKind.NOTE,
        "Added note: rolled back auth-service to v2.41 (ana.lima@example.com)",
    ),
    (
        at(14, 40, 0, 452000),
        EventKind.RESOLVED,
        "Alert closed by Ana Lima via web (ana.lima@example.com)",
    ),
]


def rows(result) -> list[tuple[datetime, EventKind, str]]:
    return [(e.at, e.kind, e.text) for e in result.events]


def test_a_list_alert_logs_response_is_detected_and_read_oldest_first() -> None:
    assert detect(LOGS) == "opsgenie"
    result = read_evidence(LOGS)
    assert result.format == "opsgenie"
    assert rows(result) == EXPECTED
    assert result.rejected == ()
    assert {e.source for e in result.events} == {"opsgenie"}
    assert result.events[0].original == (
        "2025-03-11T14:02:18.004Z system 1741701738004_1741701738004000000: Alert created via "
        "API | owner: Alertmanager"
    )


def test_overlapping_pages_and_json_lines_read_each_record_once() -> None:
    page = orjson.loads(LOGS.read_bytes())
    second = {**page, "data": page["data"][3:]}
    for data in (orjson.dumps([page, second]), orjson.dumps(page) + b"\n" + orjson.dumps(second)):
        result = read_evidence(data)
        assert rows(result) == EXPECTED
        assert result.notes == ("3 Opsgenie log records appeared on two pages; read once",)


def test_a_json_lines_line_that_is_not_json_is_rejected_and_the_rest_imported() -> None:
    page = orjson.loads(LOGS.read_bytes())
    data = b"\n".join([orjson.dumps(page), b'{"data": [']) + b"\n"
    result = read_evidence(data, format="opsgenie", name="logs.jsonl")
    assert rows(result) == EXPECTED
    [(where, reason)] = result.rejected
    assert where == "line 2" and reason.startswith("not valid JSON")


def test_a_bare_list_of_records() -> None:
    records = orjson.loads(LOGS.read_bytes())["data"]
    assert rows(read_evidence(orjson.dumps(records))) == EXPECTED


@pytest.mark.parametrize(
    ("log", "owner"),
    [
        ("Alert closed via API", "Alertmanager"),
        ("Alert closed automatically", "System"),
        ("Alert closed via API", "ana.lima@example.com"),
    ],
)
def test_a_close_no_person_made_is_a_note_not_the_resolved_milestone(log: str, owner: str) -> None:
    record = {"log": log, "owner": owner, "createdAt": "2025-03-11T14:40:00Z", "offset": "1"}
    [event] = read_evidence(orjson.dumps({"data": [record]})).events
    assert event.kind is EventKind.NOTE
    assert event.text.endswith("(automatic: not the incident's resolution)")


def test_bad_records_are_rejected_and_the_rest_imports() -> None:
    good = {"log": "Alert acknowledged via web", "createdAt": "2025-03-11T14:05:40Z"}
    bad = [
        {"log": "Alert created", "createdAt": "yesterday"},
        {"log": "  ", "createdAt": "2025-03-11T14:05:40Z"},
        "oops",
    ]
    result = read_evidence(orjson.dumps({"data": [good, *bad]}))
    assert [e.kind for e in result.events] == [EventKind.ACKNOWLEDGED]
    assert [where for where, _ in result.rejected] == ["data[1]", "data[2]", "data[3]"]
    reasons = [why for _, why in result.rejected]
    assert "is not a time" in reasons[0]
    assert reasons[1] == "no log text to say what happened"
    assert reasons[2] == "not a log record (a JSON object)"


def test_an_empty_page_imports_nothing_and_other_json_is_refused() -> None:
    empty = read_evidence(b'{"data": [], "took": 0.01}', format="opsgenie")
    assert (empty.events, empty.rejected) == ((), ())
    with pytest.raises(ImporterError, match="is not Opsgenie alert logs"):
        read_evidence(b'{"data": {"log": 1}}', format="opsgenie", name="x.json")
