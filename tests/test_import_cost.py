"""Tests that an import into a big timeline compares the evidence with the events at its
instants only, while a line repeated in the evidence still counts once per repetition."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pmtui import service as service_module
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import TimelineEvent
from pmtui.service import duplicate_flags

START = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)


def timeline(count: int) -> list[TimelineEvent]:
    return [
        TimelineEvent(f"e{i}", START + timedelta(seconds=i), EventKind.NOTE, f"line {i}")
        for i in range(count)
    ]


def test_a_one_event_import_keys_only_the_events_at_its_instant(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keyed: list[object] = []
    evidence_key = service_module.evidence_key

    def counting(event: object) -> object:
        keyed.append(event)
        return evidence_key(event)  # type: ignore[arg-type]

    monkeypatch.setattr(service_module, "evidence_key", counting)
    held = timeline(5_000)
    incoming = [held[1234], TimelineEvent("x", START - timedelta(days=1), EventKind.NOTE, "new")]
    assert duplicate_flags(held, incoming) == [True, False]
    assert len(keyed) == 3  # the two incoming events and the one held at the same instant


def test_repeated_lines_still_count_once_each_at_one_instant() -> None:
    held = timeline(3)
    same = TimelineEvent("y", held[0].at, EventKind.NOTE, held[0].text)
    assert duplicate_flags(held, [same, same]) == [True, False]
