"""Alertmanager and Grafana webhook bodies: one, an array, JSON Lines; repeats de-duplicated."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import orjson
import pytest

from pmtui.importers import ImporterError, read_evidence
from pmtui.model.enums import EventKind
from tests.importers.conftest import FIXTURES

SINGLE = FIXTURES / "alertmanager_webhook.json"
DELIVERIES = FIXTURES / "alertmanager_webhook_deliveries.jsonl"
ARRAY = FIXTURES / "alertmanager_webhook_array.json"
GRAFANA = FIXTURES / "grafana_webhook.json"
GRAFANA_DELIVERIES = FIXTURES / "grafana_webhook_deliveries.json"


def utc(hour: int, minute: int, second: int, micro: int = 0, day: int = 11) -> datetime:
    return datetime(2025, 3, day, hour, minute, second, micro, tzinfo=UTC)


def rows(result) -> list[tuple[datetime, EventKind, str]]:
    return [(e.at, e.kind, e.text) for e in result.events]


FIRING_1 = (
    utc(14, 0, 5, 220000),
    EventKind.ALERT,
    "Firing: AuthLatencyHigh (instance=auth-1:9100) — p99 login latency above 2s on auth-1:9100"
    " → identity-pager",
)
FIRING_2 = (
    utc(14, 0, 35, 100000),
    EventKind.ALERT,
    "Firing: AuthLatencyHigh (instance=auth-2:9100) — p99 login latency above 2s on auth-2:9100"
    " → identity-pager",
)
RESOLVED_2 = (utc(14, 20, 10, 500000), EventKind.NOTE, "Resolved: " + FIRING_2[2][8:])
RESOLVED_1 = (utc(14, 24, 25, 220000), EventKind.NOTE, "Resolved: " + FIRING_1[2][8:])
BUDGET = (
    utc(14, 31, 2, 123456),
    EventKind.ALERT,
    "Firing: LoginErrorBudgetBurn — Login error budget burning at 14x → identity-pager",
)


def test_one_body_is_one_alert_event_per_firing_alert() -> None:
    result = read_evidence(SINGLE)
    assert result.format == "alertmanager"
    # A firing alert's endsAt (Prometheus's "valid until") never becomes an event.
    assert rows(result) == [FIRING_1, FIRING_2]
    assert result.events[0].link.startswith("http://prometheus.example.com:9090/graph?")
    assert {e.source for e in result.events} == {"alertmanager"}


def test_six_deliveries_as_json_lines_are_de_duplicated() -> None:
    result = read_evidence(DELIVERIES)
    assert rows(result) == [FIRING_1, FIRING_2, RESOLVED_2, RESOLVED_1, BUDGET]
    assert result.rejected == ()
    assert result.events[0].where == "line 1: alerts[0]"
    assert result.events[2].where == "line 3: alerts[1]"


def test_an_array_of_bodies() -> None:
    assert rows(read_evidence(ARRAY)) == [FIRING_1, FIRING_2, RESOLVED_2, RESOLVED_1]


def test_a_resolved_alert_alone_still_gives_its_firing_event() -> None:
    last = orjson.loads(ARRAY.read_bytes())[1]
    assert rows(read_evidence(orjson.dumps(last))) == [FIRING_1, FIRING_2, RESOLVED_2, RESOLVED_1]


def test_original_names_the_alert_and_keeps_the_time_as_sent() -> None:
    events = read_evidence(DELIVERIES).events
    assert events[0].original == (
        'firing 2025-03-11T14:00:05.22Z 8f4e3b2a1c0d9e7f {alertname="AuthLatencyHigh", '
        'instance="auth-1:9100", job="auth", severity="critical", team="identity"}'
    )
    assert events[3].original.startswith("resolved 2025-03-11T14:24:25.22Z 8f4e3b2a1c0d9e7f ")


def test_the_same_alert_firing_again_later_is_a_new_event() -> None:
    first = orjson.loads(SINGLE.read_bytes())
    again = copy.deepcopy(first)
    for alert in again["alerts"]:
        alert["startsAt"] = "2025-03-11T16:00:00Z"
    result = read_evidence(orjson.dumps([first, again, first]))
    assert len(result.events) == 4


def body(*alerts: dict[str, object], **top: object) -> dict[str, object]:
    return {"version": "4", "status": "firing", "alerts": list(alerts), **top}


def alert(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "status": "firing",
        "labels": {"alertname": "DiskFull", "instance": "db-1"},
        "annotations": {},
        "startsAt": "2025-03-11T14:00:00Z",
        "endsAt": "0001-01-01T00:00:00Z",
        "fingerprint": "00000000000000aa",
    }
    base.update(fields)
    return {key: value for key, value in base.items() if value is not None}


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"startsAt": None}, "no startsAt"),
        ({"startsAt": "0001-01-01T00:00:00Z"}, "Go's zero time"),
        ({"startsAt": "soon"}, "is not a time"),
        ({"status": "pending"}, 'neither "firing" nor "resolved"'),
        ({"status": "resolved"}, "resolved, but endsAt is Go's zero time"),
        ({"status": "resolved", "endsAt": "2025-03-11T13:00:00Z"}, "is before startsAt"),
    ],
)
def test_bad_alerts_are_rejected_with_reasons(fields: dict[str, object], reason: str) -> None:
    good = alert(fingerprint="00000000000000bb", labels={"alertname": "Good"})
    result = read_evidence(orjson.dumps(body(good, alert(**fields), 7)), format="alertmanager")
    assert result.events[0].text == "Firing: Good"
    assert len(result.rejected) == 2
    where, why = result.rejected[0]
    assert where == "alerts[1]" and reason in why, why
    assert result.rejected[1] == ("alerts[2]", "not an alert (a JSON object)")


def test_a_resolved_alert_with_bad_end_keeps_its_firing_event() -> None:
    result = read_evidence(orjson.dumps(body(alert(status="resolved"))))
    assert [e.kind for e in result.events] == [EventKind.ALERT]
    assert "endsAt" in result.rejected[0][1]


def test_alerts_without_fingerprint_are_told_apart_by_labels() -> None:
    one = alert(fingerprint=None)
    two = alert(fingerprint=None, labels={"alertname": "DiskFull", "instance": "db-2"})
    result = read_evidence(orjson.dumps([body(one, two), body(one, two)]))
    assert [e.text for e in result.events] == [
        "Firing: DiskFull (instance=db-1)",
        "Firing: DiskFull (instance=db-2)",
    ]


def test_values_of_any_type_and_depth_become_text() -> None:
    deep = "[" * 1000 + "]" * 1000  # orjson reads 1,024 levels; str() of it would recurse
    data = (
        '{"orgId": 1, "commonLabels": {"alertname": DEEP}, "alerts": [{"status": "firing", '
        '"startsAt": "2025-03-11T14:00:00Z", "labels": {"x": DEEP, "n": 1.5, "b": true}, '
        '"annotations": {"summary": DEEP}, "values": {"B": DEEP}}]}'
    ).replace("DEEP", deep)
    [event] = read_evidence(data.encode(), keep_values=True).events
    assert event.text == "Firing: alert (b=true, n=1.5, x=[…]) — […] [B=[…]]"
    assert event.original == 'firing 2025-03-11T14:00:00Z {b="true", n="1.5", x="[…]"}'


def test_a_truncated_last_line_of_json_lines_is_rejected_alone() -> None:
    lines = DELIVERIES.read_bytes().splitlines()
    data = b"\n".join([*lines[:-1], lines[-1][:40]])
    result = read_evidence(data, name="deliveries.jsonl")
    assert rows(result) == [FIRING_1, FIRING_2, RESOLVED_2, RESOLVED_1]
    [(where, why)] = result.rejected
    assert where == "line 6" and why.startswith("not valid JSON")


def test_a_truncated_single_body_is_refused() -> None:
    data = SINGLE.read_bytes()[:-200]
    with pytest.raises(ImporterError, match=r"am\.json is not valid JSON .*truncated"):
        read_evidence(data, format="alertmanager", name="am.json")


def test_json_without_alerts_is_not_a_webhook_body() -> None:
    expected = 'is not an Alertmanager webhook body: expected an object with an "alerts" list'
    with pytest.raises(ImporterError, match=expected):
        read_evidence(b'{"status": "firing"}', format="alertmanager", name="x")
    result = read_evidence(orjson.dumps([body(alert()), {"status": "firing"}]))
    assert result.rejected == (("[1]", 'not an Alertmanager webhook body: no "alerts" list'),)


# Grafana --------------------------------------------------------------------------------


def test_grafana_berlin_offsets_across_the_spring_forward_night() -> None:
    result = read_evidence(GRAFANA_DELIVERIES)
    assert result.format == "grafana"
    firing, resolved = result.events
    # 01:55 CET (+01:00) and 03:10 CEST (+02:00): 15 minutes apart, not 75.
    assert firing.at == datetime(2025, 3, 30, 0, 55, tzinfo=UTC)
    assert resolved.at == datetime(2025, 3, 30, 1, 10, tzinfo=UTC)
    assert firing.text == (
        "Firing: CheckoutLatencyHigh — Checkout p95 latency above 800 ms → payments-webhook"
    )
    assert resolved.text == (
        "Resolved: CheckoutLatencyHigh — Checkout p95 latency above 800 ms → payments-webhook"
    )
    assert (firing.kind, resolved.kind) == (EventKind.ALERT, EventKind.NOTE)
    assert firing.link == "https://grafana.example.com/d/checkout?orgId=1&viewPanel=4"
    assert {e.source for e in result.events} == {"grafana"}
    assert firing.original.startswith("firing 2025-03-30T01:55:00+01:00 57c6d9296de2ad39 ")


def test_a_single_grafana_body_and_json_lines() -> None:
    assert len(read_evidence(GRAFANA).events) == 1
    bodies = orjson.loads(GRAFANA_DELIVERIES.read_bytes())
    lines = b"\n".join(orjson.dumps(b) for b in bodies)
    assert rows(read_evidence(lines)) == rows(read_evidence(GRAFANA_DELIVERIES))


def test_grafana_read_as_alertmanager_gives_the_same_instants() -> None:
    as_grafana = read_evidence(GRAFANA_DELIVERIES)
    as_am = read_evidence(GRAFANA_DELIVERIES, format="alertmanager")
    assert [e.at for e in as_am.events] == [e.at for e in as_grafana.events]
    assert {e.source for e in as_am.events} == {"alertmanager"}


def test_grafana_drops_its_internal_query_values_unless_asked_to_keep_them() -> None:
    dropped = read_evidence(GRAFANA_DELIVERIES).events[0]
    assert "B=" not in dropped.text
    kept = read_evidence(GRAFANA_DELIVERIES, keep_values=True).events[0]
    assert kept.text == (
        "Firing: CheckoutLatencyHigh — Checkout p95 latency above 800 ms [B=912.4, C=1] "
        "→ payments-webhook"
    )
    with pytest.raises(ImporterError, match="--keep-values only applies to Grafana"):
        read_evidence(SINGLE, keep_values=True)


@pytest.mark.parametrize(
    ("receiver", "shown"),
    [
        ("slack-alerts-low", " → slack-alerts-low (no page)"),
        ("team-email", " → team-email (no page)"),
        ("identity-pager", " → identity-pager"),
        ("pagerduty-low", " → pagerduty-low"),  # says low, but PagerDuty pages
        ("team-identity", " → team-identity"),  # says nothing: not called quiet
        ("login-workflow", " → login-workflow"),  # "log" and "low" only as whole words
    ],
)
def test_the_receiver_is_kept_and_a_quiet_one_says_it_paged_nobody(
    receiver: str, shown: str
) -> None:
    [event] = read_evidence(orjson.dumps(body(alert(), receiver=receiver))).events
    assert event.text == "Firing: DiskFull (instance=db-1)" + shown


def test_one_alert_sent_to_two_receivers_is_two_events() -> None:
    bodies = [body(alert(), receiver="identity-pager"), body(alert(), receiver="alerts-low")]
    result = read_evidence(orjson.dumps(bodies))
    assert [e.text for e in result.events] == [
        "Firing: DiskFull (instance=db-1) → identity-pager",
        "Firing: DiskFull (instance=db-1) → alerts-low (no page)",
    ]
