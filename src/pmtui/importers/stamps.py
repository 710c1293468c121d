"""Provides the time readers importers share, each returning an aware UTC datetime.

Evidence writes instants in many ways: RFC 3339 with any offset (PagerDuty renders in the
account's zone, Grafana in the server's), Go's nanosecond fractions, Slack's epoch strings,
spreadsheet times without an offset, syslog stamps without a year or zone. Each reader either
returns the right UTC instant or raises RowError saying what is wrong with that one value.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from pmtui.importers.base import Collector, RowError
from pmtui.model.errors import ValidationError
from pmtui.model.times import EARLIEST, LATEST, YEARS, localize

#: A date and time at the start of a text: ISO-8601 / RFC 3339 and the common log variants
#: (space or T, "," or "." before the fraction, offsets +01:00 / +0100 / +01 / Z / UTC; a
#: space before the offset only when it is unmistakable: " UTC", " +0100", " +01:00").
#: Zone abbreviations a log may write after its time, each naming one offset. A log of
#: "07:15:00 PST autoscaler: …" kept "PST" in every event's text and was read in the
#: dialog's zone (mock meeting 20a): with "EST" in a Los Angeles review, three hours off.
#: Names that stand for several zones (CST, IST, BST, AST) are not read: the zone asked for
#: in the dialog decides, as for a time without an offset.
ZONE_ABBREVIATIONS = {
    "PST": -8, "PDT": -7, "MST": -7, "MDT": -6, "EST": -5, "EDT": -4,
    "AKST": -9, "AKDT": -8, "HST": -10,
    "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "JST": 9, "AEST": 10, "AEDT": 11,
}  # fmt: skip
_ABBREVIATIONS = "|".join(ZONE_ABBREVIATIONS)
STAMP = re.compile(
    r"(\d{4})[-/](\d{2})[-/](\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?"
    rf"( ?(?:UTC|GMT|{_ABBREVIATIONS})|[zZ]|[+-]\d{{2}}(?::?\d{{2}})?| [+-]\d{{2}}:?\d{{2}})?(?!\w)"
)
#: Epoch seconds (10 digits, 2001 to 2286, optional fraction) or milliseconds (13 digits).
EPOCH = re.compile(r"(\d{13}|\d{10}(?:\.\d{1,9})?)(?![\d.])")
#: A BSD syslog stamp: "Mar 11 14:02:17" (day padded with a space or a zero).
SYSLOG = re.compile(
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\d{1,2}) "
    r"(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?!\d)"
)
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}

#: Alertmanager and Grafana write Go's zero time for "no end yet".
GO_ZERO_TIME = datetime(1, 1, 1, tzinfo=UTC)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@lru_cache(maxsize=64)
def _offset(text: str) -> tzinfo:
    text = text.strip()
    if text in ("Z", "z", "UTC", "GMT"):
        return UTC
    if text in ZONE_ABBREVIATIONS:
        return timezone(timedelta(hours=ZONE_ABBREVIATIONS[text]), text)
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise RowError(f"{text!r} is not a UTC offset")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _micro(fraction: str | None) -> int:
    return int((fraction or "0")[:6].ljust(6, "0"))


def checked(moment: datetime, raw: str) -> datetime:
    """`moment` in UTC, refused when it lies outside what a datetime can show in any zone."""
    try:
        if moment.tzinfo is not UTC:
            moment = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise RowError(f"{raw!r} is out of range") from None
    if not EARLIEST <= moment < LATEST:
        raise RowError(f"{raw!r} is out of range; pmtui reads times {YEARS}")
    return moment


def attach_zone(naive: datetime, raw: str, collector: Collector) -> datetime:
    """A wall-clock time read in the zone the user gave; without one the row is refused."""
    zone = collector.options.tz
    if zone is None:
        raise RowError(f"{raw!r} has no UTC offset; say which timezone it is in (--tz)")
    try:
        aware = naive.replace(tzinfo=zone)
        if aware.utcoffset() != aware.replace(fold=1).utcoffset():
            # Near a DST change: the model's rule refuses skipped times, takes the first
            # of repeated ones. Elsewhere both folds agree and nothing needs checking.
            aware = localize(naive, zone)
    except ValidationError as error:
        raise RowError(error.message) from None
    except (OverflowError, ValueError):  # year 1 or 9999 shifted past what a datetime holds
        raise RowError(f"{raw!r} is out of range") from None
    collector.naive_times += 1
    return checked(aware, raw)


def from_match(match: re.Match[str], collector: Collector) -> datetime:
    """The instant a STAMP match spells; naive ones are read in the user's timezone."""
    raw = match.group(0)
    try:
        moment = datetime.fromisoformat(raw)  # the usual ISO forms, parsed in C
    except ValueError:
        moment = _from_groups(match)
    if moment.tzinfo is None:
        return attach_zone(moment, raw, collector)
    return checked(moment, raw)


def _from_groups(match: re.Match[str]) -> datetime:
    """The forms fromisoformat refuses: "2025/03/11", " +0100", " UTC", a lower-case "z"."""
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    try:
        naive = datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second or 0),
            _micro(fraction),
        )
    except ValueError:
        raise RowError(f"{match.group(0)!r} is not a real date and time") from None
    return naive if offset is None else naive.replace(tzinfo=_offset(offset))


def from_epoch(text: str) -> datetime:
    """Epoch seconds as text, fractions kept exactly (no float rounding): "1741701737.123456"."""
    whole, _, fraction = text.strip().partition(".")
    if not whole.isdigit() or len(whole) > 12 or (fraction and not fraction.isdigit()):
        raise RowError(f"{text!r} is not epoch seconds")
    if len(whole) == 13 and not fraction:  # milliseconds
        whole, fraction = whole[:10], whole[10:]
    try:
        moment = _EPOCH + timedelta(seconds=int(whole), microseconds=_micro(fraction))
    except OverflowError:  # past the year 9999
        raise RowError(f"{text!r} is out of range") from None
    return checked(moment, text)


def from_epoch_ms(text: str) -> datetime:
    whole, fraction = text[:-3], text[-3:]
    return from_epoch(f"{whole}.{fraction}")


def from_syslog(match: re.Match[str], collector: Collector) -> datetime:
    """A yearless syslog stamp: the year that puts it nearest the incident's date, or without
    one the latest year that does not put it in the future (as syslog readers do)."""
    month, day = _MONTHS[match[1]], int(match[2])
    clock = (int(match[3]), int(match[4]), int(match[5]), _micro(match[6]))
    reference = collector.options.reference_date
    today = datetime.now(UTC).date()
    base = reference or today
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(datetime(year, month, day, *clock))
        except ValueError:  # Feb 29 outside a leap year, or day 31 of a short month
            continue
    if not candidates:
        raise RowError(f"{match.group(0)!r} is not a real date")
    anchor = datetime.combine(base, datetime.min.time())
    if reference is None:
        past = [c for c in candidates if c.date() <= today + timedelta(days=1)]
        naive = max(past) if past else min(candidates)
    else:
        naive = min(candidates, key=lambda candidate: abs(candidate - anchor))
    return attach_zone(naive, match.group(0), collector)


def parse_text_time(raw: str, collector: Collector) -> datetime:
    """A whole cell that holds a time: ISO-8601 with or without offset, or epoch seconds."""
    text = raw.strip()
    match = STAMP.fullmatch(text)
    if match:
        return from_match(match, collector)
    if EPOCH.fullmatch(text):
        return from_epoch_ms(text) if len(text) == 13 else from_epoch(text)
    match = SYSLOG.fullmatch(text)
    if match:
        return from_syslog(match, collector)
    if not text:
        raise RowError("no time")
    raise RowError(
        f"{text[:60]!r} is not a time pmtui reads; use ISO-8601 such as 2025-03-11 14:02:17 "
        f"(with an offset, {collector.options.zone_advice}) or epoch seconds"
    )


def parse_json_time(value: object, what: str, collector: Collector) -> datetime:
    """An RFC 3339 string from a JSON record (any offset, up to nanoseconds)."""
    if not isinstance(value, str) or not value.strip():
        raise RowError(f"no {what}")
    text = value.strip()
    iso = text[:-1] + "+00:00" if text[-1:] in "zZ" else text
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        # Not what fromisoformat takes (e.g. "+0200" on Python 3.11 with a 9-digit fraction).
        return parse_text_time(text, collector)
    if moment.tzinfo is None:
        return attach_zone(moment, text, collector)
    if moment == GO_ZERO_TIME:
        return GO_ZERO_TIME
    return checked(moment, text)
