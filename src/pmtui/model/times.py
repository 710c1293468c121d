"""Provides time rules: parsing what people type, storing UTC, showing local time."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache, lru_cache

from pmtui.model.errors import ValidationError

_RELATIVE_UNITS = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "d": 86400,
}
_RELATIVE = re.compile(r"^([+-])\s*((?:\d+\s*[a-z]+\s*)+)$")
_RELATIVE_PART = re.compile(r"(\d+)\s*([a-z]+)")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$")
_DATE_AND_CLOCK = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[ Tt](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$"
)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
#: A typed time without its colon, as ops logs and radio calls write it: `1244`, alone or
#: after a date.
_CLOCK_DIGITS = re.compile(r"^((?:\d{4}-\d{2}-\d{2}\s+)?)(\d{2})(\d{2})$")
#: A time as people say it, on a 12-hour clock: `1:45pm`, `9 a.m.`, alone or after a date.
_TWELVE_HOUR = re.compile(
    r"^((?:\d{4}-\d{2}-\d{2}\s+)?)(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?$", re.IGNORECASE
)
_OFFSET_SUFFIX = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$", re.IGNORECASE)


@lru_cache(maxsize=64)
def parse_timezone(name: str) -> tzinfo:
    """The zone for an IANA name such as "Europe/Berlin" (or "UTC")."""
    cleaned = name.strip()
    if cleaned.upper() in {"UTC", "Z", "GMT"}:
        return UTC
    # Imported with the first zone: zoneinfo (and sysconfig, which it reads) cost the home
    # screen's start-up 2 ms for a list that shows no time of day.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    # "europe/berlin" is Europe/Berlin; "America/Los" was refused with three examples of
    # other zones, and the facilitator had to guess the rest (mock meeting 19a).
    known = zone_names().get(cleaned.casefold())
    if known is not None:
        return ZoneInfo(known)
    close = zone_suggestions(cleaned)
    hint = (
        "did you mean " + " or ".join(repr(zone) for zone in close) + "?"
        if close
        else "use an IANA name such as 'UTC', 'Europe/Berlin' or 'America/New_York'"
    )
    raise ValidationError(f"{name!r} is not a known timezone; {hint}", "timezone")


@cache
def zone_names() -> dict[str, str]:
    """Every IANA zone name this machine knows, by its casefolded form. Read once, when a
    name is not found or a box suggests names: listing them takes some 70 ms."""
    from zoneinfo import available_timezones

    names = {zone.casefold(): zone for zone in available_timezones()}
    names.setdefault("utc", "UTC")
    return names


def zone_suggestions(typed: str, most: int = 2) -> list[str]:
    """The zone names `typed` most likely meant: the few it begins ("America/Los"), else the
    closest spellings ("Europe/Berln"); none for a start that many share ("Europe/")."""
    wanted = typed.strip().casefold()
    if not wanted:
        return []
    names = zone_names()
    begun = sorted((zone for key, zone in names.items() if key.startswith(wanted)), key=len)
    if begun:
        return begun if len(begun) <= most else []
    from difflib import get_close_matches

    return [names[key] for key in get_close_matches(wanted, names, n=most, cutoff=0.8)]


def localize(naive: datetime, zone: tzinfo) -> datetime:
    """Attach `zone` to a wall-clock time, refusing times that a DST jump skips."""
    aware = naive.replace(tzinfo=zone)
    round_trip = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        raise ValidationError(
            f"{naive:%Y-%m-%d %H:%M} does not exist in {zone} (the clocks jumped forward)"
        )
    return aware


def to_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime passed where an aware one is required")
    return moment.astimezone(UTC)


def parse_relative(text: str) -> timedelta | None:
    """'+5m', '-1h30m', '+90s' as a signed timedelta; None if `text` is not of that form."""
    match = _RELATIVE.match(text.strip().lower())
    if not match:
        return None
    seconds = 0
    for amount, unit in _RELATIVE_PART.findall(match.group(2)):
        if unit not in _RELATIVE_UNITS:
            return None
        seconds += int(amount) * _RELATIVE_UNITS[unit]
    return timedelta(seconds=-seconds if match.group(1) == "-" else seconds)


def typed_clock(text: str) -> str:
    """`text` with a time typed without its colon written with one (`1244` → `12:44`,
    `2025-03-19 0841` → `2025-03-19 08:41`) or on a 12-hour clock written on a 24-hour one
    (`1:45pm` → `13:45`), else unchanged. For what a person types only:
    a file's four digits are not read as a time."""
    if not isinstance(text, str):
        return text
    match = _CLOCK_DIGITS.match(text.strip())
    if match:
        return f"{match[1]}{match[2]}:{match[3]}"
    twelve = _TWELVE_HOUR.match(text.strip())
    if twelve and 1 <= int(twelve[2]) <= 12:
        # `1:45pm` → `13:45`, `12:10am` → `00:10`: a clock said aloud is written down as said.
        hour = int(twelve[2]) % 12 + (12 if twelve[4].lower() == "p" else 0)
        return f"{twelve[1]}{hour:02}:{twelve[3] or '00'}"
    return text


def twelve_hour_refusal(text: str) -> str:
    """Why `text`, written as a 12-hour time, is none ("13pm"), else ''."""
    twelve = _TWELVE_HOUR.match(text.strip()) if isinstance(text, str) else None
    if twelve is None or 1 <= int(twelve[2]) <= 12:
        return ""
    return f"{text.strip()!r} is not a time: a 12-hour clock runs from 1 to 12 (or type 14:32)"


def needs_anchor(text: str) -> bool:
    """True for forms that only mean something relative to another instant (14:32, +5m)."""
    stripped = text.strip().lower()
    return bool(_CLOCK.match(stripped)) or parse_relative(stripped) is not None


def _fraction(text: str | None) -> int:
    return int((text or "0").ljust(6, "0"))


#: The years pmtui accepts for every date and instant. A datetime holds the years 1 to 9999,
#: but a date near either end overflows once shifted to a timezone, moved by "+1mo" or
#: measured against today; no incident or deadline lies outside these.
FIRST_YEAR = 1970
LAST_YEAR = 2100
EARLIEST = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
LATEST = datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC)  # the first instant refused
YEARS = f"between the years {FIRST_YEAR} and {LAST_YEAR}"


def _in_range(moment: datetime) -> bool:
    return EARLIEST <= moment < LATEST


def date_in_range(day: date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


def parse_instant(
    text: str,
    zone: tzinfo,
    *,
    now: datetime | None = None,
    anchor: datetime | None = None,
    where: str = "at",
) -> datetime:
    """Read an instant a person typed or a file holds, returning it in UTC.

    Accepted: ISO-8601 / RFC 3339 with an offset; a date and time without one (read in
    `zone`); a bare clock time `14:32` (on the local date of `anchor`, else of `now`);
    `now`; and `+5m` / `-1h30m` relative to `anchor` (else `now`). Anything else, including
    a time too far away to store or show, raises a ValidationError located at `where`.
    """
    try:
        moment = _read_instant(text, zone, now=now, anchor=anchor, where=where)
    except OverflowError:  # e.g. "+999999999999h" or year 1 shifted before year 1
        moment = None
    if moment is None or not _in_range(moment):
        raise ValidationError(f"{text.strip()!r} is out of range; use a time {YEARS}", where)
    return moment


def _read_instant(
    text: str,
    zone: tzinfo,
    *,
    now: datetime | None,
    anchor: datetime | None,
    where: str,
) -> datetime:
    raw = text.strip() if isinstance(text, str) else ""
    if not raw:
        raise ValidationError("a time is required (for example 2025-03-11 14:32 or 14:32)", where)
    if raw[-1:] in "zZ" and "T" in raw:
        # Fast path for the storage and interchange form, e.g. 2025-03-11T14:02:17Z.
        try:
            return datetime.fromisoformat(raw[:-1] + "+00:00").astimezone(UTC)
        except ValueError:
            pass
    current = now or datetime.now(UTC)
    base = anchor or current
    lowered = raw.lower()
    try:
        if lowered == "now":
            return to_utc(current)
        delta = parse_relative(lowered)
        if delta is not None:
            return to_utc(base) + delta
        clock = _CLOCK.match(raw)
        if clock:
            hour, minute, second = int(clock[1]), int(clock[2]), int(clock[3] or 0)
            local_day = to_utc(base).astimezone(zone).date()
            naive = datetime.combine(local_day, time(hour, minute, second, _fraction(clock[4])))
            return to_utc(localize(naive, zone))
        wall = _DATE_AND_CLOCK.match(raw)
        if wall:
            naive = datetime(
                int(wall[1]),
                int(wall[2]),
                int(wall[3]),
                int(wall[4]),
                int(wall[5]),
                int(wall[6] or 0),
                _fraction(wall[7]),
            )
            return to_utc(localize(naive, zone))
        # RFC 3339 allows a lower-case "t" and "z".
        if _OFFSET_SUFFIX.search(raw) and ("t" in lowered or " " in raw):
            iso = raw.replace(" ", "T", 1)
            if iso[-1] in "zZ":
                iso = iso[:-1] + "+00:00"
            return to_utc(datetime.fromisoformat(iso))
    except ValidationError as error:
        raise ValidationError(error.message, where) from None
    except ValueError:
        pass
    raise ValidationError(
        f"{raw!r} is not a time; use 2025-03-11 14:32, 14:32, an ISO-8601 time with an "
        "offset, now, or +5m",
        where,
    )


def format_instant(moment: datetime, zone: tzinfo, *, seconds: bool = False) -> str:
    """A stored UTC instant as local wall-clock text, always with the date."""
    local = moment.astimezone(zone).replace(tzinfo=None)
    # isoformat, unlike strftime("%Y") on glibc, always writes a four-digit year.
    return local.isoformat(" ", "seconds" if seconds else "minutes")


def format_instants(moments: list[datetime], zone: tzinfo) -> str:
    """Several instants on one line, the date said once per day: '2025-03-03 10:05,
    2025-03-04 08:41, 09:02'. Always with the date, so a day never goes unsaid."""
    shown: list[str] = []
    day = ""
    for moment in sorted(moments):
        text = format_instant(moment, zone)
        shown.append(text if text[:10] != day else text[11:])
        day = text[:10]
    return ", ".join(shown)


def format_span(moments: list[datetime], zone: tzinfo) -> str:
    """'5 events: 2025-03-03 10:05 … 2025-03-18 08:45'; one or two are listed in full."""
    if not moments:
        return ""
    count = f"{len(moments)} event{'s' * (len(moments) != 1)}"
    if len(moments) <= 2:
        return f"{count}: {format_instants(moments, zone)}"
    first, last = min(moments), max(moments)
    return f"{count}: {format_instant(first, zone)} … {format_instant(last, zone)}"


def zone_label(zone: tzinfo, moment: datetime | None = None) -> str:
    """A short name for `zone` at `moment`, such as 'CET', 'UTC' or '+0530'."""
    local = (moment or datetime.now(UTC)).astimezone(zone)
    return local.tzname() or local.strftime("%z")


def iso_utc(moment: datetime) -> str:
    """The storage and interchange form: RFC 3339 in UTC with a trailing Z."""
    if moment.tzinfo is not UTC:
        moment = to_utc(moment)
    # A UTC datetime's isoformat always ends in "+00:00"; slicing beats str.replace on
    # the save path, which writes every event of an import.
    return moment.isoformat()[:-6] + "Z"


def parse_iso_utc(text: str) -> datetime:
    """Read the storage form back (any ISO-8601 with an offset is accepted)."""
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"stored time {text!r} has no offset")
    utc: datetime | None
    try:
        utc = moment.astimezone(UTC)
    except OverflowError:
        utc = None
    if utc is None or not _in_range(utc):
        raise ValueError(f"stored time {text!r} is out of range")
    return utc


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DUE_RELATIVE = re.compile(
    r"^(?:\+|in\s+)(\d+)\s*(d|day|days|w|wk|wks|week|weeks|mo|month|months)$"
)


#: "+1m": minutes on the timeline's quick-add, never a deadline.
_DUE_MINUTES = re.compile(r"^\+\s*(\d+)\s*m$")


def due_in_minutes(text: str) -> str | None:
    """Why `text` is no deadline when it is the timeline's minutes ("+1m"), else None: said
    while typing and on save alike (mock meeting 27b), a month being "mo"."""
    minutes = _DUE_MINUTES.match(text.strip().lower()) if isinstance(text, str) else None
    if minutes is None:
        return None
    return f"{text.strip()} is minutes; a deadline in months is +{minutes[1]}mo"


def parse_due(text: str, today: date, where: str = "due") -> date:
    """Read a deadline: YYYY-MM-DD, today, tomorrow, +3d, +2w, +1mo, in 2 weeks,
    friday / next friday, end of month; a date outside FIRST_YEAR..LAST_YEAR is refused."""
    day = _read_due(text, today, where)
    if not date_in_range(day):
        raise ValidationError(f"{text.strip()!r} is out of range; use a date {YEARS}", where)
    return day


def _read_due(text: str, today: date, where: str) -> date:
    raw = text.strip().lower() if isinstance(text, str) else ""
    if not raw:
        raise ValidationError("a deadline is required (for example 2025-04-01 or +2w)", where)
    iso = _iso_day(raw, text, where)
    if iso is not None:
        return iso
    if raw == "today":
        return today
    if raw == "tomorrow":
        return today + timedelta(days=1)
    if raw in {"end of month", "eom"}:
        import calendar  # here: the rest of pmtui's start-up has no use for it

        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    relative = _DUE_RELATIVE.match(raw)
    if relative:
        amount, unit = int(relative[1]), relative[2]
        try:
            if unit.startswith("d"):
                return today + timedelta(days=amount)
            if unit.startswith("w"):
                return today + timedelta(weeks=amount)
            return _add_months(today, amount)
        except (OverflowError, ValueError):  # past the year 9999
            raise ValidationError(f"{text.strip()!r} is too far in the future", where) from None
    words = raw.split()
    if words and words[0] in {"next", "this"}:
        words = words[1:]
    if len(words) == 1 and words[0] in _WEEKDAYS:
        ahead = (_WEEKDAYS.index(words[0]) - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    minutes = due_in_minutes(text)
    if minutes is not None:
        raise ValidationError(minutes, where)
    raise ValidationError(
        f"{text.strip()!r} is not a date; use YYYY-MM-DD, +3d, +2w, +1mo, tomorrow or next friday",
        where,
    )


def _iso_day(raw: str, text: str, where: str) -> date | None:
    """The day `raw` names as YYYY-MM-DD; None when it is not of that form."""
    iso = _ISO_DATE.match(raw)
    if not iso:
        return None
    try:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))
    except ValueError:
        raise ValidationError(f"{text.strip()!r} is not a real date", where) from None


_PAST_RELATIVE = re.compile(r"^(?:-(\d+)\s*(d|w)|(\d+)\s*(d|day|days|w|week|weeks)\s+ago)$")
#: The forms an incident date is read in, as its refusal names them: short ones, so the
#: refusal under a third of the header wraps between forms (at 120x35 "…-3d, 2 / weeks
#: ago" read as cut after "2"; mock meeting 15). "today" and "3 days ago" are read too.
INCIDENT_DATE_FORMS = "YYYY-MM-DD, yesterday, -3d, -2w or last friday"


def parse_incident_date(text: str, today: date, where: str = "incident_date") -> date:
    """Read the day an incident happened: YYYY-MM-DD, today, yesterday, -3d / 3 days ago,
    -2w / 2 weeks ago, friday / last friday (the latest before today). The deadline forms
    (+3d, tomorrow, next friday) are not read: the hint they gave an incident date named a
    future nobody reviews, and 'friday' there meant the one ahead."""
    day = _read_incident_day(text, today, where)
    if not date_in_range(day):
        raise ValidationError(f"{text.strip()!r} is out of range; use a date {YEARS}", where)
    return day


def _read_incident_day(text: str, today: date, where: str) -> date:
    raw = " ".join(text.strip().lower().split()) if isinstance(text, str) else ""
    iso = _iso_day(raw, text, where)
    if iso is not None:
        return iso
    if raw == "today":
        return today
    if raw == "yesterday":
        return today - timedelta(days=1)
    relative = _PAST_RELATIVE.match(raw)
    if relative:
        amount = int(relative[1] or relative[3])
        weeks = (relative[2] or relative[4]).startswith("w")
        try:
            return today - timedelta(weeks=amount) if weeks else today - timedelta(days=amount)
        except OverflowError:  # before the year 1
            raise ValidationError(
                f"{text.strip()!r} is out of range; use a date {YEARS}", where
            ) from None
    words = raw.removeprefix("last ").split()
    if len(words) == 1 and words[0] in _WEEKDAYS:
        return today - timedelta(days=(today.weekday() - _WEEKDAYS.index(words[0])) % 7 or 7)
    named = _month_named(raw)
    if named is not None:
        return named
    raise ValidationError(f"{text.strip()!r} is not a date; use {INCIDENT_DATE_FORMS}", where)


# A month by name makes a date unambiguous, as a public write-up gives it: "June 8 2021",
# "8 Jun 2021", "June 8, 2021" (mock 37b). "07/02/2019" stays refused: day or month first?
# English names, whatever the locale: a write-up is quoted as it was published.
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH_NAMED = re.compile(r"^(?:([a-z]{3,9})\s+(\d{1,2})|(\d{1,2})\s+([a-z]{3,9}))\s+(\d{4})$")


def _month_named(raw: str) -> date | None:
    found = _MONTH_NAMED.match(" ".join(raw.replace(",", " ").replace(".", " ").split()))
    if not found:
        return None
    name = found[1] or found[4]
    day = int(found[2] or found[3])
    months = [index for index, month in enumerate(_MONTHS, 1) if month.startswith(name)]
    if len(months) != 1:  # ("ma" is no month, "mar" is March)
        return None
    try:
        return date(int(found[5]), months[0], day)
    except ValueError:
        return None


#: Weekday names from a table: strftime's %a follows the process locale.
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def incident_day_preview(text: str, today: date) -> str:
    """Under an Incident date box, the day a typed form other than YYYY-MM-DD means
    ("-5d" → "→ Wed 2026-12-02"); "" for an empty box, a date typed in full, or text that
    reads as no date (its refusal says why when it is saved). "-3d" was saved as a date
    nobody saw until the box was left (mock meeting 18c)."""
    raw = text.strip() if isinstance(text, str) else ""
    if not raw or _ISO_DATE.match(raw):
        return ""
    try:
        day = parse_incident_date(raw, today)
    except ValidationError:
        return ""
    return f"→ {WEEKDAY_NAMES[day.weekday()]} {day.isoformat()}"


def format_duration(seconds: float) -> str:
    """A compact duration such as '45s', '12m', '1h 05m' or '2d 3h 07m'; negative keeps its
    sign. Minutes are kept at any length: '1d' for a day and eleven minutes would hide them.
    From an hour on it is to the nearest minute, as format_duration_short gives it, so the
    metrics line and the exported document show the same value."""
    sign = "-" if seconds < 0 else ""
    total = round(abs(seconds))
    if total >= 3600:
        days, rest = divmod(round(total / 60), 1440)
        hours, minutes = divmod(rest, 60)
        text = f"{hours}h {minutes:02d}m"
        return f"{sign}{days}d {text}" if days else sign + text
    minutes, secs = divmod(total, 60)
    if not minutes:
        return f"{sign}{secs}s"
    return f"{sign}{minutes}m {secs:02d}s" if secs else f"{sign}{minutes}m"


def format_duration_short(seconds: float) -> str:
    """A duration to the minute for tight spaces: '45s', '22m', '1h11m', '2d3h07m'."""
    if abs(seconds) < 60:
        return format_duration(seconds)
    sign = "-" if seconds < 0 else ""
    minutes = round(abs(seconds) / 60)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{sign}{days}d{hours}h{mins:02d}m"
    if hours:
        return f"{sign}{hours}h{mins:02d}m"
    return f"{sign}{mins}m"


def _add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day (Jan 31 + 1mo = Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    import calendar  # here: the rest of pmtui's start-up has no use for it

    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
