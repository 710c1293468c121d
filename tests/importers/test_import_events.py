"""PostMortemService.import_events: one write, fresh ids, and the de-duplication rule."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pmtui.importers import read_evidence
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import TimelineEvent
from pmtui.service import PostMortemService, duplicate_flags, evidence_key
from pmtui.store import PostMortemStore
from tests.importers.conftest import FIXTURES, SLACK_EXPORT

NOW = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)
AT = datetime(2025, 3, 11, 14, 2, 17, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "postmortems.json"


@pytest.fixture
def service(db: Path) -> Iterator[PostMortemService]:
    with PostMortemStore.open(db) as store:
        yield PostMortemService(store, clock=lambda: NOW)


def on_disk(db: Path, pm_id: str):
    with PostMortemStore.open(db, read_only=True) as reader:
        return reader.load(pm_id)


def event(text: str = "Triggered", original: str = "line", **fields: object) -> TimelineEvent:
    values: dict[str, object] = {
        "id": "",
        "at": AT,
        "kind": EventKind.ALERT,
        "text": text,
        "source": "log",
        "original": original,
    }
    values.update(fields)
    return TimelineEvent(**values)  # type: ignore[arg-type]


def test_import_adds_in_one_write_with_fresh_ids(service: PostMortemService, db: Path) -> None:
    pm = service.create("Auth outage", timezone="America/New_York")
    events = read_evidence(FIXTURES / "pagerduty_log_entries.json").timeline_events()
    writes_before = db.stat().st_mtime_ns
    pm, added, duplicates = service.import_events(pm, events)
    assert (added, duplicates) == (11, 0)
    assert db.stat().st_mtime_ns != writes_before
    saved = on_disk(db, pm.id)
    assert saved.events == pm.events
    assert len({e.id for e in saved.events}) == 11 and all(e.id for e in saved.events)
    assert saved.events[0].original.startswith("2025-03-11T10:02:17-04:00 trigger_log_entry")
    assert {e.source for e in saved.events} == {"pagerduty"}


def test_importing_the_same_evidence_twice_adds_nothing(
    service: PostMortemService, db: Path
) -> None:
    pm = service.create("Auth outage")
    for path in (FIXTURES / "alertmanager_webhook_deliveries.jsonl", SLACK_EXPORT):
        events = read_evidence(path).timeline_events()
        pm, added, _ = service.import_events(pm, events)
        assert added == len(events)
        before = db.read_bytes()
        pm, added, duplicates = service.import_events(pm, events)
        assert (added, duplicates) == (0, len(events))
        assert db.read_bytes() == before  # nothing to add: not even a write


def test_a_longer_export_adds_only_what_is_new(service: PostMortemService) -> None:
    pm = service.create("Auth outage")
    first = read_evidence(FIXTURES / "alertmanager_webhook.json").timeline_events()
    everything = read_evidence(FIXTURES / "alertmanager_webhook_deliveries.jsonl")
    pm, _, _ = service.import_events(pm, first)
    pm, added, duplicates = service.import_events(pm, everything.timeline_events())
    assert (added, duplicates) == (3, 2)
    assert len(pm.events) == 5


def test_two_different_events_in_the_same_second_both_land(service: PostMortemService) -> None:
    pm = service.create("Auth outage")
    events = read_evidence(FIXTURES / "pagerduty_log_entries.json").timeline_events()
    same_second = [e for e in events if e.at == AT]
    assert len(same_second) == 3  # trigger and two notifications
    pm, added, _ = service.import_events(pm, same_second)
    assert added == 3


def test_a_line_repeated_in_the_evidence_lands_as_often_as_it_appears(
    service: PostMortemService,
) -> None:
    data = b"2025-03-11T14:02:17Z retry failed\n2025-03-11T14:02:17Z retry failed\n"
    events = read_evidence(data).timeline_events()
    pm = service.create("Auth outage")
    pm, added, _ = service.import_events(pm, events)
    assert added == 2
    pm, added, duplicates = service.import_events(pm, events)
    assert (added, duplicates) == (0, 2)
    longer = read_evidence(data + b"2025-03-11T14:02:17Z retry failed\n").timeline_events()
    pm, added, duplicates = service.import_events(pm, longer)
    assert (added, duplicates) == (1, 2)


def test_edited_kind_and_text_still_count_as_the_same_evidence(
    service: PostMortemService,
) -> None:
    pm = service.create("Auth outage")
    events = read_evidence(FIXTURES / "grafana_webhook_deliveries.json").timeline_events()
    pm, _, _ = service.import_events(pm, events)
    resolved = pm.events[-1]
    pm = service.edit_event(pm, resolved.id, kind="mitigated", text="Checkout latency recovered")
    pm, added, duplicates = service.import_events(pm, events)
    assert (added, duplicates) == (0, 2)


def test_the_key_is_instant_source_and_original() -> None:
    base = event()
    assert evidence_key(base) == (AT, "log", "line")
    assert duplicate_flags([base], [replace(base, kind=EventKind.NOTE, text="x")]) == [True]
    assert duplicate_flags([base], [replace(base, source="csv")]) == [False]
    assert duplicate_flags([base], [replace(base, original="other line")]) == [False]
    assert duplicate_flags([base], [replace(base, at=AT.replace(microsecond=1))]) == [False]
    manual = event(original="", source="manual")
    assert duplicate_flags([manual], [manual, manual]) == [True, False]


def test_an_event_without_text_is_refused_and_nothing_is_saved(
    service: PostMortemService, db: Path
) -> None:
    pm = service.create("Auth outage")
    before = db.read_bytes()
    with pytest.raises(ValueError, match="the event text is required"):
        service.import_events(pm, [event(), event(text="  ", original="other")])
    assert db.read_bytes() == before


def test_a_read_only_store_refuses_the_import(db: Path, service: PostMortemService) -> None:
    pm = service.create("Auth outage")
    service.store.close()
    with PostMortemStore.open(db, read_only=True) as reader:
        from pmtui.store.errors import ReadOnlyStore

        with pytest.raises(ReadOnlyStore):
            PostMortemService(reader).import_events(pm, [event()])
    assert os.path.exists(db)
