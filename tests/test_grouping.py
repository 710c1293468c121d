"""Evidence grouping's rules, and its figures on the multi-source fixture's labelled moments."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pmtui.importers.grouping import best_record, group_moments
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import SeenRecord

AT = datetime(2025, 3, 11, 14, 0, 5, tzinfo=UTC)
BENCH = Path(__file__).resolve().parents[1] / "bench" / "measure_grouping.py"


def record(
    text: str, source: str, seconds: float = 0, kind: EventKind = EventKind.NOTE
) -> SeenRecord:
    return SeenRecord(AT + timedelta(seconds=seconds), kind, source, text)


def moments(*records: SeenRecord) -> list[tuple[int, ...]]:
    return sorted(group_moments([], records).moments)


def test_one_alert_from_several_sources_is_one_moment() -> None:
    grouping = moments(
        record("Firing: AuthErrorRateHigh — Login error rate above 5%", "alertmanager"),
        record("#4521 AuthErrorRateHigh: login error rate above 5%", "pagerduty", 31),
        record("Alertmanager: [FIRING:1] AuthErrorRateHigh auth", "slack", 31),
    )
    assert grouping == [(0, 1, 2)]


def test_records_of_one_source_stay_apart_but_an_alert_fanned_out_to_receivers() -> None:
    assert moments(
        record("Notified Ana Lima by push notification", "pagerduty", 0),
        record("Notified Ana Lima by SMS notification", "pagerduty", 1),
    ) == [(0,), (1,)]
    fanned = moments(
        record("Firing: AuthErrorRateHigh → identity-pager", "alertmanager", 0, EventKind.ALERT),
        record("Firing: AuthErrorRateHigh → slack-alerts", "alertmanager", 0, EventKind.ALERT),
    )
    assert fanned == [(0, 1)]


def test_records_further_apart_than_the_window_stay_apart() -> None:
    assert moments(
        record("Firing: AuthErrorRateHigh", "alertmanager"),
        record("Triggered AuthErrorRateHigh", "pagerduty", 121),
    ) == [(0,), (1,)]


def test_firing_and_resolved_of_one_alert_never_merge() -> None:
    assert moments(
        record("Firing: AuthErrorRateHigh", "alertmanager"),
        record("Resolved: AuthErrorRateHigh", "pagerduty", 30),
    ) == [(0,), (1,)]


def test_milestones_of_different_kinds_and_two_acknowledgements_never_merge() -> None:
    assert moments(
        record("error rate back under 0.1%, calling it", "csv", 0, EventKind.MITIGATED),
        record("error rate back under 0.1%, calling it", "slack", 10, EventKind.RESOLVED),
    ) == [(0,), (1,)]
    assert moments(
        record("Acknowledged by Ana Lima", "pagerduty", 0, EventKind.ACKNOWLEDGED),
        record("Acknowledged by Ana Lima", "opsgenie", 10, EventKind.ACKNOWLEDGED),
    ) == [(0,), (1,)]


def test_an_incident_wide_milestone_merges_with_its_kind_and_a_note_naming_it() -> None:
    assert moments(
        record("IC declared the incident resolved", "manual", 0, EventKind.RESOLVED),
        record("Resolved. Post-mortem draft tomorrow", "slack", 0),
        record("Alert closed by Bo Chen via web", "opsgenie", 30, EventKind.RESOLVED),
    ) == [(0, 1, 2)]


def test_texts_sharing_only_a_person_or_the_incident_number_stay_apart() -> None:
    assert moments(
        record("#4521: Acknowledged by Ana Lima.", "pagerduty", 0, EventKind.ACKNOWLEDGED),
        record("Ana Lima: SEV2 declared for #4521", "slack", 40),
    ) == [(0,), (1,)]


def test_a_product_name_in_both_texts_is_no_shared_alert_name() -> None:
    """Mock 31b: a person's "Seeing lots of MySQL errors …" joined the MySQL alert of the
    same minute through "MySQL", and the person's words left the document."""
    alert = "Firing: MySQLPrimaryUnreachable — MySQL primary in US East unreachable from app tier"
    person = "Mei Chen: Seeing lots of MySQL errors on the east coast apps, anyone doing it?"
    assert moments(record(alert, "alertmanager"), record(person, "slack", 30)) == [(0,), (1,)]
    # A rule's name is still one: three words or more, an acronym counting as one word, or
    # two capitalised words.
    for name in ("MySQLPrimaryUnreachable", "CPUThrottlingHigh", "NodeDown"):
        assert moments(
            record(f"Firing: {name}", "alertmanager"),
            record(f"Alertmanager: [FIRING:1] {name} edge", "slack", 30),
        ) == [(0, 1)], name


def test_an_incoming_record_joins_a_held_row_and_held_rows_never_merge() -> None:
    held = [
        [record("Firing: AuthErrorRateHigh", "alertmanager", 0, EventKind.ALERT)],
        [record("Triggered AuthErrorRateHigh", "pagerduty", 5, EventKind.ALERT)],
    ]
    grouping = group_moments(held, [record("[FIRING:1] AuthErrorRateHigh", "slack", 6)])
    assert grouping.joins == {1: (0,)} and grouping.moments == () and grouping.merged == 1


def test_the_row_shows_a_milestone_then_the_authors_words_then_a_system_then_chat() -> None:
    chat = record("Ana Lima: rolling back to v2.41 now", "slack", 0)
    pager = record("Note: Rolling back auth-service to v2.41", "pagerduty", 60)
    typed = record("Rollback to v2.41 started", "deploy", 90, EventKind.ACTION)
    assert best_record([chat, pager]) is pager
    assert best_record([chat, pager, typed]) is typed


def test_the_fixture_groups_with_no_wrong_merge() -> None:
    # Labels in tests/data/evidence/moments.json were written by hand before tuning.
    spec = importlib.util.spec_from_file_location("measure_grouping", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    one_by_one, together = bench.measure(together=False), bench.measure(together=True)
    assert one_by_one == together
    assert one_by_one == {
        "rows in": 34,
        "moments out": 24,
        "true moments": 21,
        "correct merges": 15,
        "wrong merges": 0,
        "missed merges": 9,
    }


def test_one_source_alone_still_joins_its_fan_out_to_a_held_row() -> None:
    # Only Alertmanager near: the fast path, which must group as the full rules do.
    held = [[record("Firing: AuthErrorRateHigh → pager", "alertmanager", 0, EventKind.ALERT)]]
    incoming = [
        record("Firing: AuthErrorRateHigh → chat", "alertmanager", 0, EventKind.ALERT),
        record("Firing: AuthErrorRateHigh → chat", "alertmanager", 1, EventKind.ALERT),
    ]
    grouping = group_moments(held, incoming)
    assert grouping.joins == {0: (0,)} and grouping.moments == ((1,),)
