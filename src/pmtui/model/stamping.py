"""Provides stamp_is_live: whether "stamp now" may write the current time without asking.

"Stamp now" is for a live incident or a review held the day after. In a review of an older
incident the current date would land days away from everything else in the timeline and
turn the metrics meaningless, so the UI asks for the time instead, offering the incident's.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

#: How far back the incident (its date or its last event) may lie for "now" to be meant.
LIVE_WINDOW = timedelta(days=1)


def stamp_is_live(incident_date: date | None, last_event: datetime | None, now: datetime) -> bool:
    """True when the incident date or the last event lies within LIVE_WINDOW of `now`
    (an empty post-mortem without a date is being written live)."""
    if incident_date is None and last_event is None:
        return True
    if last_event is not None and now - last_event <= LIVE_WINDOW:
        return True
    return incident_date is not None and (now.date() - incident_date) <= LIVE_WINDOW
