"""Three post-mortems whose follow-through figures are known exactly: the bundled sample, a
SEV1 with done, won't-do and open items, and a SEV2 with no actions and no root cause."""

from __future__ import annotations

from datetime import UTC, date, datetime

import orjson

from pmtui.model.codec import postmortem_from_dict
from pmtui.model.enums import ActionStatus, ActionType, CauseCategory, EventKind, Severity
from pmtui.model.postmortem import ActionItem, PostMortem, TimelineEvent, WhyChain
from pmtui.resources import sample_files

#: The day the figures are computed for: two of the sample's open items are past due.
TODAY = date(2025, 4, 20)
CREATED = datetime(2025, 4, 16, 9, 0, tzinfo=UTC)


def sample() -> PostMortem:
    return postmortem_from_dict(orjson.loads(sample_files()[0].read_bytes()))


def _event(event_id: str, at: str, kind: EventKind) -> TimelineEvent:
    return TimelineEvent(id=event_id, at=datetime.fromisoformat(at), kind=kind, text=kind.value)


def database_outage() -> PostMortem:
    return PostMortem(
        id="pm-db",
        title="Primary database failover, writes refused",
        severity=Severity.SEV1,
        incident_date=date(2025, 4, 2),
        created_at=CREATED,
        updated_at=CREATED,
        events=(
            _event("e1", "2025-04-02T10:00:00+00:00", EventKind.START),
            _event("e2", "2025-04-02T10:10:00+00:00", EventKind.DETECTED),
            _event("e3", "2025-04-02T12:00:00+00:00", EventKind.RESOLVED),
        ),
        whys=(
            WhyChain("w1", "Failover untested", ("no drill",), True, CauseCategory.TESTING),
            WhyChain("w2", "Lag unseen", ("no lag alert",), True, CauseCategory.MONITORING),
        ),
        actions=(
            ActionItem(
                "b1",
                "Add a replication-lag alert",
                owner="Jonas Weber",
                due=date(2025, 4, 10),
                kind=ActionType.DETECT,
                status=ActionStatus.DONE,
                completed_on=date(2025, 4, 9),
            ),
            ActionItem(
                "b2",
                "Replace the database vendor",
                owner="Ana Silva",
                due=date(2025, 4, 1),
                status=ActionStatus.WONT_DO,
            ),
            ActionItem(
                "b3",
                "Run a quarterly failover drill, with a runbook",
                owner="Ana Silva",
                due=date(2025, 4, 25),
                kind=ActionType.PROCESS,
                tracker='DB-7, "drills"',
            ),
        ),
    )


def cache_latency() -> PostMortem:
    return PostMortem(
        id="pm-cache",
        title="Checkout latency after the cache flush",
        severity=Severity.SEV2,
        incident_date=date(2025, 4, 15),
        created_at=CREATED,
        updated_at=CREATED,
        events=(
            _event("c1", "2025-04-15T08:00:00+00:00", EventKind.START),
            _event("c2", "2025-04-15T08:30:00+00:00", EventKind.DETECTED),
            _event("c3", "2025-04-15T09:00:00+00:00", EventKind.RESOLVED),
        ),
    )


def three() -> list[PostMortem]:
    return [sample(), database_outage(), cache_latency()]
