"""Provides wall-clock text for instants in a post-mortem's timezone, always with the date,
and the zone label that goes with it (CET, CEST, UTC)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from operator import attrgetter

from pmtui.export.markdown_escape import inline
from pmtui.model.postmortem import PostMortem
from pmtui.model.times import format_instant, zone_label

_AT = attrgetter("at")


def _label(local: datetime) -> str:
    return local.tzname() or local.strftime("%z")


_SECOND = attrgetter("second")
#: "00:00" .. "23:59", and ":00" .. ":59".
_CLOCKS = [f"{hour:02d}:{minute:02d}" for hour in range(24) for minute in range(60)]
_SECONDS = [f":{second:02d}" for second in range(60)]


def _clock_texts(local: list[datetime], seconds: bool) -> list[str]:
    """'YYYY-MM-DD HH:MM[:SS]' for each local time: the text times.format_instant gives (a
    test pins it), built from a day's text made once and a table of clock faces. Formatting
    each one (isoformat, strftime) was a tenth of a 10,000-event export."""
    days: dict[int, str] = {}
    texts: list[str] = []
    append = texts.append
    clocks, faces = _CLOCKS, _SECONDS
    for moment in local:
        day = days.get(ordinal := moment.toordinal())
        if day is None:
            day = days[ordinal] = f"{moment.date().isoformat()} "
        clock = clocks[moment.hour * 60 + moment.minute]
        append(f"{day}{clock}{faces[moment.second]}" if seconds else day + clock)
    return texts


@dataclass(frozen=True, slots=True)
class LocalTimes:
    """Column text for a list of instants and the header that explains it."""

    texts: list[str]
    label: str  # e.g. "CET"; the zone name when the label changes (DST) inside the list

    def header(self, title: str = "Time") -> str:
        return f"{title} ({inline(self.label)})"  # a zone name may hold '_' (New_York)


def local_times(
    moments: Sequence[datetime], zone: tzinfo, zone_name: str, *, seconds: bool | None = None
) -> LocalTimes:
    """`moments` as local date and time; seconds only if one of them has any (or `seconds`).

    When the clocks change inside the list (CET to CEST), every text carries its own label,
    so 02:30 before and after the change cannot be confused.
    """
    local = [moment.astimezone(zone) for moment in moments]
    show_seconds = any(map(_SECOND, local)) if seconds is None else seconds
    texts = _clock_texts(local, show_seconds)
    labels = {moment.tzname() for moment in local}
    if len(labels) <= 1:
        return LocalTimes(texts, _label(local[0]) if local else zone_name)
    return LocalTimes(
        [f"{text} {_label(m)}" for text, m in zip(texts, local, strict=True)], zone_name
    )


def reference_moment(pm: PostMortem) -> datetime:
    """The instant whose zone label describes the incident (CET or CEST for Europe/Berlin)."""
    if pm.events:
        return min(pm.events, key=_AT).at
    if pm.incident_date is not None:
        return datetime.combine(pm.incident_date, time(12), tzinfo=pm.zone).astimezone(UTC)
    return pm.created_at


def zone_description(pm: PostMortem) -> str:
    """'Europe/Berlin (CET)', or just 'UTC' when the label says nothing more."""
    label = zone_label(pm.zone, reference_moment(pm))
    return pm.timezone if label == pm.timezone else f"{pm.timezone} ({label})"


def labelled_instant(moment: datetime, zone: tzinfo) -> str:
    """'2025-01-14 15:02 CET (14:02 UTC)' for readers anywhere; just '... UTC' when equal."""
    local = moment.astimezone(zone)
    text = f"{format_instant(moment, zone)} {_label(local)}"
    if local.utcoffset():
        utc = moment.astimezone(UTC)
        same_day = utc.date() == local.date()
        text += f" ({utc:%H:%M} UTC)" if same_day else f" ({utc:%Y-%m-%d %H:%M} UTC)"
    return text


def iso_date(day: date | None) -> str:
    return day.isoformat() if day is not None else ""
