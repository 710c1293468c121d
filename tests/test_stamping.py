"""When "stamp now" may use the current time: only for an incident of today or yesterday."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pmtui.model.stamping import stamp_is_live

NOW = datetime(2025, 3, 20, 9, 30, tzinfo=UTC)


def test_an_incident_of_today_or_yesterday_is_live() -> None:
    assert stamp_is_live(date(2025, 3, 20), None, NOW)
    assert stamp_is_live(date(2025, 3, 19), None, NOW)
    assert stamp_is_live(None, datetime(2025, 3, 19, 10, 0, tzinfo=UTC), NOW)
    assert stamp_is_live(None, None, NOW)


def test_an_older_incident_is_not() -> None:
    assert not stamp_is_live(date(2025, 3, 2), None, NOW)
    assert not stamp_is_live(date(2025, 3, 2), datetime(2025, 3, 2, 9, 0, tzinfo=UTC), NOW)
