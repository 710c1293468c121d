"""Provides parse_quick_add: one typed line such as `14:32 detected Pager fired` read as an event.

The line is `<when> [<kind>] <text>`:

- when: `14:32`, `14:32:05`, `1432` or `2:32pm` (a wall-clock time, see below), `+5m` /
  `-2m` / `+1h30m` (from the anchor, else from now), `now`, `2025-03-19 08:41[:ss]` (a local
  date and time), or an ISO-8601 time with an offset (`2025-03-19T07:41:00Z`).
- kind: optional; the first word names it when it is a kind or a synonym (`detected`, `ack`,
  `mitigated`, `comms`, ...). Without one the event is a **note**: the metrics are derived
  from milestone kinds only, so a line the parser does not understand must never create or
  move a milestone, and "note" (unlike "action") claims nothing about what someone did.
  The facilitator sees the kind in the table at once and can change it with one key.
- text: the rest, as typed.

A wall-clock time is the first such time at or after the anchor (the selected event, else
the last one) less MIDNIGHT_WINDOW, as the hint "14:32 → the first 14:32 after <anchor − 3h>
(3 h before the selected event)" says: a line typed after an event usually follows it, and a
line a few minutes back (a correction) must not jump a day. So `02:00` after an event at
22:30 is 3½ hours later, on the next day, not 18½ hours before it (a multi-day incident,
issue 12); `00:03` after 23:58 is five minutes later; `14:32` after 14:40 is eight minutes
earlier; and `18:14` after an event at 02:00 stays on that event's day. Without an anchor it
falls on the incident date, else on today; so it does after an anchor more than a day before
the incident date while nothing is on that day yet (see bare_time_day: a deploy weeks earlier,
typed first, is a cause, not where the incident's times go on).
`describe_when` names the exact instant, so the line can show it while it is typed
(`preview_instant` does the same under an event form's Time field).

A first word that only looks like a kind in prose is read as prose:
- followed by a word that makes it the subject of a sentence (`start of the migration`,
  `alert was routed to #ops-low`, `action items reviewed`) the whole line is the text of a
  note;
- followed by a word that continues it as a verb (`mitigated by failing over`,
  `detected the expired certificate`) the kind is taken and the word stays in the text; a
  capital (`note The config was wrong`) starts the text's own sentence instead;
- the noun synonyms `detection`, `mitigation`, `resolution` only name a kind with a colon
  (`Mitigation started` is prose);
- a colon or comma after the word always makes it the kind: `start: maintenance window`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from pmtui.model.enums import EventKind, parse_enum
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import PostMortem
from pmtui.model.times import (
    WEEKDAY_NAMES,
    parse_instant,
    parse_relative,
    twelve_hour_refusal,
    typed_clock,
    zone_label,
)

#: The kind of a line that names none (see the module docstring for why).
DEFAULT_KIND = EventKind.NOTE

EXAMPLE = "14:32 detected Pager fired"

#: How far before the anchor a bare wall-clock time may still land (else it is the next day).
MIDNIGHT_WINDOW = timedelta(hours=3)
#: An event typed this far before the one its line counted from is a cause planted earlier
#: (the deploy of May 12, typed while the room walks through June 8): see keeps_anchor.
EARLIER_CAUSE_GAP = timedelta(days=1)

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_WITH_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d")
_SIGNED_NUMBER = re.compile(r"^[+-]\d+$")
_HALF_OF_DAY = re.compile(r"^[ap]\.?m\.?$", re.IGNORECASE)
_TWELVE_HOUR_CLOCK = re.compile(r"^(?:0?[1-9]|1[0-2])(?::\d{2})?$")
_FIRST_WORD = re.compile(r"^(\S+)\s*(.*)$", re.DOTALL)
#: The first characters of a line's time: two digits or a digit and a colon (12:44, 9:05,
#: 1244, 2025-03-19 08:41), or a signed number.
_TIME_BEGUN = re.compile(r"^(?:\d[\d:]|[+-]\d)")

# After a kind word, these make it the subject of a sentence: the line is prose.
_SUBJECT_OF = frozenset(
    {
        "of",
        "to",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "has",
        "had",
        "have",
        "that",
        "which",
        "who",
        "item",
        "items",
    }
)
# After a kind word, these continue it as a verb: the kind counts and the word stays.
_VERB_CONTINUES = frozenset(
    {
        "by",
        "via",
        "with",
        "after",
        "through",
        "using",
        "from",
        "in",
        "on",
        "at",
        "for",
        "during",
        "the",
        "a",
        "an",
        "it",
        "its",
        "our",
        "their",
    }
)
# Synonyms that are nouns; as a line's first word they usually start a sentence.
_NOUN_SYNONYMS = frozenset({"detection", "mitigation", "resolution"})


@dataclass(frozen=True, slots=True)
class QuickAdd:
    """What a quick-add line means: an instant (UTC), a kind and the event text."""

    at: datetime
    kind: EventKind
    text: str


def parse_quick_add(
    text: str,
    zone: tzinfo,
    *,
    now: datetime,
    anchor: datetime | None,
    incident_date: date | None = None,
) -> QuickAdd:
    """Read a quick-add line; raise ValidationError (where "at" or "text") if it says no time
    or no event. `anchor` is the instant of the selected (else last) event, or None."""
    raw = text.strip() if isinstance(text, str) else ""
    if not raw:
        raise ValidationError(f"type a time and what happened, e.g. {EXAMPLE}", "text")
    at, rest = _read_when(raw, zone, now=now, anchor=anchor, incident_date=incident_date)
    kind, body = split_kind(rest)
    return QuickAdd(at=at, kind=kind, text=body)


def keeps_anchor(added: datetime, anchor: datetime | None) -> bool:
    """Whether an event just added at `added` should leave the selection (and so what the
    next bare time counts from) where it was, at `anchor`: it lies days before it. Selected,
    it pulled the next four lines of mock review 28b 27 days back, and the metrics with
    them; the lines after a cause planted earlier continue the incident."""
    return anchor is not None and added < anchor - EARLIER_CAUSE_GAP


def begins_with_time(text: str) -> bool:
    """Whether `text`, the first characters typed, reads as the start of a line's time:
    typed where keys are commands (the Timeline's table), it was meant for the line."""
    return bool(_TIME_BEGUN.match(text))


def after_now(text: str) -> str | None:
    """The rest of a line that starts with `now` (its time is the moment it is typed), else
    None: a review of an older incident asks for the time of such a line instead."""
    first, rest = _split_first(text.strip())
    return rest if first.lower() == "now" else None


def split_kind(text: str) -> tuple[EventKind, str]:
    """The kind a line starts with (or the default) and the event text that remains."""
    body = " ".join(text.split()) if "\n" in text else text.strip()
    if not body:
        raise ValidationError(f"say what happened after the time, e.g. {EXAMPLE}", "text")
    word, rest = _split_first(body)
    explicit = word[-1] in ":,"
    bare = word.rstrip(":,")
    kind = _kind_of(bare)
    if kind is None:
        return DEFAULT_KIND, body
    if not rest:
        # "now mitigated": the kind says it all; the event text repeats it.
        return kind, kind.value.capitalize()
    if explicit:
        return kind, rest
    if bare.lower() in _NOUN_SYNONYMS:
        return DEFAULT_KIND, body
    typed_next = _split_first(rest)[0]
    following = typed_next.lower().rstrip(":,.;")
    if following in _SUBJECT_OF:
        return DEFAULT_KIND, body
    if following in _VERB_CONTINUES and not typed_next[:1].isupper():
        # "detected the expired certificate" continues the verb; "note The on-call's change"
        # starts the event's own sentence after its kind, which kept "note" (mock 31b).
        return kind, body
    return kind, rest


def _kind_of(word: str) -> EventKind | None:
    if not word or not word[0].isalpha():
        return None
    try:
        return parse_enum(EventKind, word, "kind")
    except ValidationError:
        return None


def _split_first(text: str) -> tuple[str, str]:
    match = _FIRST_WORD.match(text)
    if not match:
        return "", ""
    return match[1], match[2].strip()


def _read_when(
    raw: str,
    zone: tzinfo,
    *,
    now: datetime,
    anchor: datetime | None,
    incident_date: date | None,
) -> tuple[datetime, str]:
    """The instant at the start of `raw` (UTC) and the text after it."""
    first, rest = _split_first(raw)
    lowered = first.lower()
    if lowered == "now":
        # A stamp is to the second: the room reads it, nobody needs microseconds.
        return now.astimezone(UTC).replace(microsecond=0), rest
    if _DATE.match(first):
        clock, after = _with_half_of_day(*_split_first(rest))
        _refuse_twelve_hour(clock)
        clock = typed_clock(clock)
        if not _CLOCK.match(clock):
            raise ValidationError(
                f"after the date give a time, e.g. {first} 08:41 start Certificate expired",
                "at",
            )
        return parse_instant(f"{first} {clock}", zone, now=now, where="at"), after
    if _ISO_WITH_TIME.match(first):
        return parse_instant(first, zone, now=now, where="at"), rest
    first, rest = _with_half_of_day(first, rest)
    _refuse_twelve_hour(first)
    clock_match = _CLOCK.match(typed_clock(first))
    if clock_match:
        wall = _wall_clock(first, clock_match)
        return _on_nearest_day(wall, zone, now=now, anchor=anchor, day=incident_date), rest
    if lowered[:1] in "+-" and len(lowered) > 1 and lowered[1].isdigit():
        shown = first if len(first) <= 24 else first[:23] + "…"  # a pasted blob stays short
        try:
            if _SIGNED_NUMBER.match(lowered) and rest:
                # "+5 min restarted api": the unit came as its own word.
                unit, after = _split_first(rest)
                if parse_relative(lowered + unit.lower()) is not None:
                    first, lowered, rest = first + unit, lowered + unit.lower(), after
            delta = parse_relative(lowered)
            if delta is None:
                raise ValidationError(
                    f"{shown!r} is not a duration; use +5m, +90s, +1h30m or -2m", "at"
                )
            base = anchor if anchor is not None else now.replace(microsecond=0)
            return base.astimezone(UTC) + delta, rest
        except ValidationError:
            raise
        except (OverflowError, ValueError):
            # Typed while the preview reads every keystroke: a huge offset overflows
            # timedelta (or int() refuses its 4,300 digits); it gets words, not a crash.
            raise ValidationError(
                f"{shown!r} is out of range; use a time between the years 1970 and 2100", "at"
            ) from None
    raise ValidationError(
        f"start with a time: 14:32, +5m, now or 2025-03-19 08:41 (e.g. {EXAMPLE})", "at"
    )


def _with_half_of_day(clock: str, rest: str) -> tuple[str, str]:
    """`1:45`, `pm detected …` as `1:45pm`, `detected …`: a 12-hour time said with a space.
    Only after an hour a 12-hour clock has: in "14:32 PM joined the bridge" PM is a person."""
    half, after = _split_first(rest)
    if _HALF_OF_DAY.match(half) and _TWELVE_HOUR_CLOCK.match(clock):
        return clock + half, after
    return clock, rest


def _refuse_twelve_hour(typed: str) -> None:
    problem = twelve_hour_refusal(typed)
    if problem:
        raise ValidationError(problem, "at")


def _wall_clock(typed: str, match: re.Match[str]) -> time:
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValidationError(f"{typed!r} is not a time of day (00:00 to 23:59)", "at")
    return time(hour, minute, second)


def _on_nearest_day(
    wall: time, zone: tzinfo, *, now: datetime, anchor: datetime | None, day: date | None
) -> datetime:
    """The first `wall` at or after the anchor less MIDNIGHT_WINDOW (local wall clock); on
    the incident's `day` without an anchor, or with one days before that day."""
    if anchor is None or before_incident_day(anchor, zone, day):
        naive = datetime.combine(day or now.astimezone(zone).date(), wall)
        return _localize(naive, zone, near=None)
    earliest = earliest_bare_time(anchor, zone)
    naive = datetime.combine(earliest.date(), wall)
    if naive < earliest:
        naive += timedelta(days=1)
    return _localize(naive, zone, near=anchor)


def read_event_time(
    text: str,
    zone: tzinfo,
    *,
    now: datetime,
    anchor: datetime | None,
    incident_date: date | None = None,
) -> datetime:
    """The instant a new event's time field means (UTC). A bare `14:32` follows the quick-add
    line's rule (the first one at or after the anchor less MIDNIGHT_WINDOW; without an anchor
    on `incident_date`), so the add form and the line never put one typed time on two
    different days; anything else reads as pmtui.model.times.parse_instant reads it."""
    raw = text.strip() if isinstance(text, str) else ""
    clock_match = _CLOCK.match(typed_clock(raw))
    if clock_match and (anchor is not None or incident_date is not None):
        wall = _wall_clock(raw, clock_match)
        return _on_nearest_day(wall, zone, now=now, anchor=anchor, day=incident_date)
    return parse_instant(typed_clock(raw), zone, now=now, anchor=anchor, where="at")


def bare_time_day(pm: PostMortem) -> date | None:
    """The day a bare time falls on when the event it counts from lies days before it: the
    incident date while no event is on that day yet (or on the evening before). A deploy of
    May 12, typed first, then left the start typed next on June 8, not on May 12 (31a).
    None once the incident's day has events: an earlier event selected there on purpose
    (the renewal warning of March 3) is where its bare times go."""
    day = pm.incident_date
    if day is None:
        return None
    # The timeline is sorted: its last event says whether any is on the day (read per key).
    if pm.events and not before_incident_day(pm.events[-1].at, pm.zone, day):
        return None
    return day


def before_incident_day(anchor: datetime, zone: tzinfo, day: date | None) -> bool:
    """Whether the event at `anchor` lies days before the incident's day `day` (a deploy of
    May 12 in the review of June 8). A bare time typed after it belongs to the incident's
    day: typed first into an empty timeline, the deploy became what every later bare time
    counted from, and the start went to May 12 (mock review 31a)."""
    if day is None:
        return False
    local = anchor.astimezone(zone).replace(tzinfo=None)
    return local < datetime.combine(day, time.min) - EARLIER_CAUSE_GAP


def earliest_bare_time(anchor: datetime, zone: tzinfo) -> datetime:
    """The local wall-clock moment (naive) a bare time after `anchor` may fall at earliest."""
    # Wall-clock arithmetic picks the day, so a DST change on that day cannot tip the choice.
    return anchor.astimezone(zone).replace(tzinfo=None) - MIDNIGHT_WINDOW


def describe_when(at: datetime, zone: tzinfo) -> str:
    """The instant a line will use, as the room reads it: 'Tue 2025-03-12 18:14 CET'."""
    local = at.astimezone(zone)
    seconds = f":{local.second:02d}" if local.second else ""
    weekday = WEEKDAY_NAMES[local.weekday()]
    return f"{weekday} {local:%Y-%m-%d %H:%M}{seconds} {zone_label(zone, at)}"


def preview_when(
    text: str,
    zone: tzinfo,
    *,
    now: datetime,
    anchor: datetime | None,
    incident_date: date | None = None,
) -> str:
    """What a half-typed line will use: '→ Tue 2025-03-12 18:14 CET' (and ' · note' when
    its text names no kind), else why not yet."""
    raw = text.strip()
    if not raw:
        return ""
    try:
        at, rest = _read_when(raw, zone, now=now, anchor=anchor, incident_date=incident_date)
    except ValidationError as error:
        return error.message
    return f"→ {describe_when(at, zone)}{kind_words(rest)}"


def kind_words(rest: str) -> str:
    """What follows a line's time in the preview when its text names no kind: " · note".
    A first word that names no kind makes the line a note, which nothing said while it was
    typed ("12:44 alerted …" was saved as a note; mock meeting 18c); a word with a colon
    that names none ("rollback: …") is named. A kind the line names is what it says, so
    the preview leaves that room to the date it will use."""
    if not rest.strip():
        return ""
    try:
        kind, _ = split_kind(rest)
    except ValidationError:
        return ""
    if kind is not DEFAULT_KIND:
        return ""
    word = _split_first(rest.strip())[0]
    bare = word.rstrip(":,")
    if word[-1:] in ":," and _kind_of(bare) is None and bare.lower() != DEFAULT_KIND.value:
        return f" · {kind.value} (“{bare[:20]}” is no kind)"
    return f" · {kind.value}"


def preview_instant(text: str, read: Callable[[str], datetime], zone: tzinfo) -> str:
    """What a time field will be saved at, as it is typed: '→ Tue 2025-03-12 18:14 CET', else
    why it cannot be read ("" while it is empty). `read` is the very function the save reads
    the field with, so the preview and the saved instant cannot disagree."""
    if not text.strip():
        return ""
    try:
        at = read(text)
    except ValidationError as error:
        return error.message
    return f"→ {describe_when(at, zone)}"


def _localize(naive: datetime, zone: tzinfo, *, near: datetime | None) -> datetime:
    """`naive` in `zone` as UTC; refuses a time the clocks skipped, and for a time that
    happens twice (clocks going back) takes the one nearer `near` (else the first)."""
    candidates = []
    for fold in (0, 1):
        utc = naive.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        if utc.astimezone(zone).replace(tzinfo=None) == naive and utc not in candidates:
            candidates.append(utc)
    if not candidates:
        raise ValidationError(
            f"{naive:%Y-%m-%d %H:%M} does not exist in {zone} (the clocks jumped forward)",
            "at",
        )
    if near is None:
        return min(candidates)
    return min(candidates, key=lambda utc: (abs(utc - near), utc))
