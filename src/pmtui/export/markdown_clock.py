"""Provides wall-clock text for instants in a post-mortem's timezone, always with the date,
and the zone label that goes with it (CET, CEST, UTC)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import islice, repeat
from operator import attrgetter, is_, le

from pmtui.export.markdown_escape import inline
from pmtui.model.postmortem import PostMortem
from pmtui.model.stored_events import StoredEvents
from pmtui.model.times import format_instant, zone_label

_AT = attrgetter("at")
_SECOND = attrgetter("second")
_TZINFO = attrgetter("tzinfo")


def _label(local: datetime) -> str:
    return local.tzname() or local.strftime("%z")


#: "00:00" .. "23:59", and ":00" .. ":59".
_CLOCKS = [f"{hour:02d}:{minute:02d}" for hour in range(24) for minute in range(60)]
_SECONDS = [f":{second:02d}" for second in range(60)]
_MINUTES = [timedelta(minutes=minutes) for minutes in range(61)]
_MINUTES_A_DAY = 24 * 60
_LAST_OF_HOUR = timedelta(hours=1, microseconds=-1)


def _minute_text(local: datetime) -> str:
    """'YYYY-MM-DD HH:MM', the text times.format_instant gives (a test pins it)."""
    return f"{local.date().isoformat()} {_CLOCKS[local.hour * 60 + local.minute]}"


@dataclass(frozen=True, slots=True)
class _Walk:
    """Each instant's local minute ('YYYY-MM-DD HH:MM'), local second and (zone name, label)."""

    minutes: list[str]
    seconds: list[int]
    zones: list[tuple[str | None, str]]
    names: set[str | None]  # every zone name met (CET, CEST), to tell whether the clock changed


def _walk_each(moments: Sequence[datetime], zone: tzinfo) -> _Walk:
    """Every instant converted on its own: for instants out of time order or not in UTC."""
    local = [moment.astimezone(zone) for moment in moments]
    zones = [(moment.tzname(), _label(moment)) for moment in local]
    return _Walk(
        list(map(_minute_text, local)),
        list(map(_SECOND, local)),
        zones,
        {name for name, _ in zones},
    )


def _walk(moments: Sequence[datetime], zone: tzinfo, *, in_utc_order: bool = False) -> _Walk:
    """Instants in time order, in UTC (a timeline's): the zone is asked once per UTC hour.

    A timeline has many events an hour and few clock changes. Where the zone's offset and
    name are the same at an hour's first and last microsecond, and the offset is whole
    minutes, each instant in that hour reads as the hour's local start plus its own minutes
    and seconds: its minutes' instants are found by bisection and share one text, with no
    Python step per instant. Any other hour (one a clock change falls in, an offset with
    seconds) is converted instant by instant. `in_utc_order`: the caller knows they are
    (a stored timeline's columns), so they are not checked again.
    """
    if not in_utc_order and not (
        all(map(is_, map(_TZINFO, moments), repeat(UTC)))
        and all(map(le, moments, islice(moments, 1, None)))
    ):
        return _walk_each(moments, zone)
    minutes: list[str] = []
    seconds = list(map(_SECOND, moments))
    zones: list[tuple[str | None, str]] = []
    names: set[str | None] = set()
    index, count = 0, len(moments)
    while index < count:
        moment = moments[index]
        hour = moment.replace(minute=0, second=0, microsecond=0)
        first, last = hour.astimezone(zone), (hour + _LAST_OF_HOUR).astimezone(zone)
        offset = first.utcoffset()
        if not (
            offset is not None
            and offset == last.utcoffset()
            and first.tzname() == last.tzname()
            and offset % _MINUTES[1] == _MINUTES[0]
        ):
            local = moment.astimezone(zone)
            minutes.append(_minute_text(local))
            seconds[index] = local.second
            zones.append((local.tzname(), _label(local)))
            names.add(local.tzname())
            index += 1
            continue
        names.add(first.tzname())
        day = f"{first.date().isoformat()} "
        start = first.hour * 60 + first.minute  # the hour's local start, in minutes of its day
        hour_end = bisect_left(moments, hour + _MINUTES[60], index + 1)
        zones += [(first.tzname(), _label(first))] * (hour_end - index)
        while index < hour_end:
            minute = moments[index].minute
            end = bisect_left(moments, hour + _MINUTES[minute + 1], index + 1, hour_end)
            local_minute = start + minute
            text = (
                day + _CLOCKS[local_minute]
                if local_minute < _MINUTES_A_DAY
                else _minute_text((hour + _MINUTES[minute]).astimezone(zone))  # the next day
            )
            minutes += [text] * (end - index)
            index = end
    return _Walk(minutes, seconds, zones, names)


@dataclass(frozen=True, slots=True)
class LocalTimes:
    """Column text for a list of instants and the header that explains it."""

    texts: list[str]
    label: str  # e.g. "CET"; the zone name when the label changes (DST) inside the list

    def header(self, title: str = "Time") -> str:
        return f"{title} ({inline(self.label)})"  # a zone name may hold '_' (New_York)


def local_times(
    moments: Sequence[datetime],
    zone: tzinfo,
    zone_name: str,
    *,
    seconds: bool | None = None,
    in_utc_order: bool = False,
) -> LocalTimes:
    """`moments` as local date and time; seconds only if one of them has any (or `seconds`).
    `in_utc_order`: every one is in UTC and none is earlier than the one before (see _walk).

    When the clocks change inside the list (CET to CEST), every text carries its own label,
    so 02:30 before and after the change cannot be confused.
    """
    walk = _walk(moments, zone, in_utc_order=in_utc_order)
    show_seconds = any(walk.seconds) if seconds is None else seconds
    texts = walk.minutes
    if show_seconds:
        faces = _SECONDS
        texts = [
            f"{minute}{faces[second]}" for minute, second in zip(texts, walk.seconds, strict=True)
        ]
    if len(walk.names) <= 1:
        return LocalTimes(texts, walk.zones[0][1] if moments else zone_name)
    return LocalTimes(
        [f"{text} {label}" for text, (_, label) in zip(texts, walk.zones, strict=True)], zone_name
    )


def reference_moment(pm: PostMortem) -> datetime:
    """The instant whose zone label describes the incident (CET or CEST for Europe/Berlin)."""
    if isinstance(pm.events, StoredEvents):  # in time order, and no event built for this
        if pm.events.columns.ats:
            return pm.events.columns.ats[0]
    elif pm.events:
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
