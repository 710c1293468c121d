"""The import summary says when an alert fired long before the rest of the evidence."""

from __future__ import annotations

import orjson

from pmtui.analysis import metrics
from pmtui.importers import early_alerts, read_evidence


def body(*alerts: dict[str, object]) -> dict[str, object]:
    return {"version": "4", "status": "firing", "receiver": "identity-pager", "alerts": alerts}


def alert(name: str, starts: str, status: str = "firing", ends: str = "") -> dict[str, object]:
    return {
        "status": status,
        "labels": {"alertname": name},
        "startsAt": starts,
        "endsAt": ends or "0001-01-01T00:00:00Z",
        "fingerprint": name,
    }


STALE = alert("DiskWillFillIn4Days", "2025-02-18T09:12:00Z")
PAGE = alert("AuthErrorRateHigh", "2025-03-11T14:00:05Z")
PAGE_RESOLVED = alert("AuthErrorRateHigh", "2025-03-11T14:00:05Z", "resolved", "2025-03-11T14:24Z")


def test_an_alert_firing_for_weeks_is_named_in_the_import_notes() -> None:
    data = orjson.dumps([body(STALE, PAGE), body(STALE, PAGE_RESOLVED)])
    result = read_evidence(data, tz="Europe/Berlin")
    assert result.notes == (
        '"Firing: DiskWillFillIn4Days → identity-pager" already firing 21d 4h 48m before the '
        "rest of this evidence (since 2025-02-18 10:12); without a start or detected event, "
        "TTA is not measured.",
    )
    assert "2025-02-18 09:12 UTC" in read_evidence(data).notes[0]


def test_alerts_of_the_incident_itself_bring_no_note() -> None:
    assert read_evidence(orjson.dumps([body(PAGE), body(PAGE_RESOLVED)])).notes == ()


def test_the_import_and_the_metrics_agree_on_what_long_before_means() -> None:
    assert early_alerts.LONG_BEFORE == metrics.LONG_BEFORE


def test_an_alert_resolved_days_later_is_not_early_before_its_own_resolution() -> None:
    """One alert, firing at 07:52 and resolved 13 days later: its resolution is not "the rest
    of this evidence" (mock 35b read "already firing 13d 8h 08m before")."""
    firing = alert("SiteNotFoundRateHigh", "2022-04-05T07:52:00Z")
    resolved = alert(
        "SiteNotFoundRateHigh", "2022-04-05T07:52:00Z", "resolved", "2022-04-18T16:00Z"
    )
    assert read_evidence(orjson.dumps([body(firing), body(resolved)])).notes == ()
