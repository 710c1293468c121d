"""Provides QuickAddLine: one typed line (or a key press) that becomes a timeline event.

The line shows, while it is typed, the exact date and time it will use (pmtui.model.quick_add)
and what bare times count from (the anchor the host sets). "Stamp now" fixes the time at the
key press; in the review of an older incident it asks for the time instead
(pmtui.model.stamping), and so does a typed line that starts with "now", which says so under
the line before enter. A line that cannot be read keeps its text and says why underneath.

The line never saves: it posts `QuickAddLine.Submitted`, and its host turns that into a change
through the service, then answers with `accepted` or `refused`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import Enum

from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input

from pmtui.model.enums import EventKind, parse_enum
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import PostMortem, optional_text, require_text
from pmtui.model.quick_add import (
    MIDNIGHT_WINDOW,
    QuickAdd,
    after_now,
    bare_time_day,
    before_incident_day,
    earliest_bare_time,
    parse_quick_add,
    preview_when,
    read_event_time,
    split_kind,
)
from pmtui.model.stamping import stamp_is_live
from pmtui.model.times import WEEKDAY_NAMES, format_instant, typed_clock, zone_label
from pmtui.ui.modals.event_form import EventFormModal, StampEventModal
from pmtui.ui.widgets.form_field import FormField

Clock = Callable[[], datetime]

#: One line at 80 columns: the form needs its rows for the time's preview and rule. The
#: offered time is the line's anchor (what a bare time counts from), named after where it is.
ASKED_HEADING = "Not today's incident: when did it happen? ({offered} offered)"

#: Under a "now" line in an older incident, before enter: what enter will do instead.
NOW_ASKS_HINT = "Not today's incident: enter asks for the time ({offered} offered)"

#: A line's first word when it is a bare wall-clock time ("06:20", "6:20:15"), no date.
_BARE_TIME = re.compile(r"^(?:\d{1,2}:\d{2}(?::\d{2})?|\d{4})$")
#: A line's leading date ("2025-03-19 14:32 …", "2025-03-19T14:32"): no rule applies to it.
_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|[Tt]\d)")
#: A line's leading offset from the selected event: "+5m", "+1h30m".
_OFFSET = re.compile(r"^\+(?:\d+[a-z]+)+$")


class Capture(Enum):
    """How the event was captured; hosts word their confirmation after it."""

    #: The line, with the time it names.
    TYPED = "typed"
    #: The line, at the moment the stamp key was pressed.
    STAMPED_LINE = "stamped line"
    #: The stamp key on an empty line, the text typed in the prompt afterwards.
    STAMPED = "stamped"
    #: An older incident: the time typed in the form the stamp key opened.
    ASKED = "asked"


@dataclass(frozen=True)
class CapturedEvent:
    """What the host is asked to add: the event, and where `+5m` counted from."""

    quick: QuickAdd
    how: Capture
    anchor: datetime | None
    source: str = "manual"
    link: str = ""


def local_time(moment: datetime, pm: PostMortem) -> str:
    """An instant as forms show it: local, with the date, seconds only if it has them."""
    return format_instant(moment, pm.zone, seconds=bool(moment.second or moment.microsecond))


def bare_time_start(anchor: datetime, pm: PostMortem, shown: datetime | None = None) -> str:
    """Where a bare `14:32` after `anchor` starts counting ("19:00"), with its day ("Tue 05
    Apr 19:00") when that is not the day of `shown` (the time beside it, else the anchor):
    "from 19:00" under a 00:30 event read as that night's 19:00, a day off."""
    earliest = earliest_bare_time(anchor, pm.zone)
    day = (shown or anchor).astimezone(pm.zone).date()
    if earliest.date() == day:
        return f"{earliest:%H:%M}"
    return f"{WEEKDAY_NAMES[earliest.weekday()]} {earliest:%d %b %H:%M}"


def _window_words() -> str:
    """MIDNIGHT_WINDOW as the hint says it: "3 h"."""
    hours, rest = divmod(int(MIDNIGHT_WINDOW.total_seconds()), 3600)
    return f"{hours} h" if not rest else f"{hours * 60 + rest // 60} min"


def anchor_hint(anchor: datetime, pm: PostMortem, room: int = 0, typed: str = "") -> str:
    """What `+5m` and a bare time mean after the selected event at `anchor`, as the rule in
    pmtui.model.quick_add, in the longest wording that fits `room` columns (0: any); `typed`
    is the line so far, whose leading time or offset the rule is then told with.

    "14:32 = the next 14:32 from Thu 07 Jul 23:27" named a moment nobody had chosen: a new
    user could not tell where it came from (mock meeting 14), so the words say it is a
    fixed while before the selected event. While 01:15 was typed the rule still spoke of
    14:32 (mock meeting 18a): the time typed is the example once there is one."""
    start = bare_time_start(anchor, pm)
    window = _window_words()
    first = typed.split(maxsplit=1)[0] if typed.strip() else ""
    clock = typed_clock(first) if _BARE_TIME.match(first) else "14:32"  # 1352 reads 13:52
    offset = first if _OFFSET.match(first) else "+5m"
    rule = f"{clock} → the first {clock} after {start} ({window} before the selected event)"
    wordings: tuple[str, ...] = (
        f"{offset} from {local_time(anchor, pm)} · {rule}",
        rule,
        f"{clock} → first {clock} after {start} ({window} before selected event)",
        f"{clock} → first after {start} ({window} before selected)",
        f"{clock} → first after {start}",
    )
    incident_day = bare_time_day(pm)
    if incident_day is not None and before_incident_day(anchor, pm.zone, incident_day):
        day = incident_day.isoformat()
        wordings = (
            f"{offset} from {local_time(anchor, pm)} · {clock} → on {day}, the incident date",
            f"{clock} → on {day}, the incident date (the selected event is days before it)",
            f"{clock} → on {day}, the incident date",
            f"{clock} → on {day}",
        )
    if _OFFSET.match(first):
        # The offset typed is what the line means now: the bare-time rule beside it only
        # explained a time nobody typed (mock meeting 20b).
        wordings = (f"{offset} from {local_time(anchor, pm)}",)
    elif _DATED.match(first):
        zone = anchor.astimezone(pm.zone).tzname() or str(pm.zone)
        wordings = (f"a date typed: that date and time, in {zone}", f"as typed, in {zone}")
    if not room:
        return wordings[0]
    return next((words for words in wordings if len(words) <= room), wordings[-1])


def new_event_time_hint(
    pm: PostMortem, anchor: datetime | None, offered: datetime | None = None
) -> str:
    """The time field's hint in a form that adds an event, with the bare-time rule it uses;
    `offered` is the time the form opens with (the day the rule's start is told against)."""
    if anchor is None or before_incident_day(anchor, pm.zone, bare_time_day(pm)):
        if pm.incident_date is None:
            return f"{pm.timezone} time; also 14:32, +5m, now"
        # No event to count from (a new post-mortem), or one days before the incident date:
        # a bare time is on the incident date.
        day = pm.incident_date.isoformat()
        return f"{pm.timezone} time · 14:32 → on {day}, the incident date · +5m, now"
    start = bare_time_start(anchor, pm, offered)
    # In the quick-add line's words (anchor_hint), so the two rules read as the one they are.
    return f"{pm.timezone} time · 14:32 → the first 14:32 after {start} · +5m, now"


def asked_offer(
    pm: PostMortem, anchor: datetime | None, today: date, *, anchor_is_last: bool = False
) -> tuple[datetime, str]:
    """The time a form asking for an older incident's time offers (now would land days away
    from its timeline), and the words naming it: the anchor (the selected event's time, or
    the last event's), else the last event's, else the incident date's first minute. With no
    event at all the words once named a selected event and the form offered today's date
    (mock meeting 17)."""
    if anchor is not None:
        return anchor, "last event's" if anchor_is_last else "selected event's"
    if pm.events:
        return pm.events[-1].at, "last event's"
    return datetime.combine(pm.incident_date or today, time.min, pm.zone), "the incident date"


def line_anchor(pm: PostMortem, selected: datetime | None) -> datetime | None:
    """What the quick-add line counts from: the selected event's time, else the last's."""
    if selected is not None:
        return selected
    return pm.events[-1].at if pm.events else None


#: The keys that put the focus on the line (see the Timeline pane and meeting mode).
_LINE_KEYS = frozenset({"/", ":"})


class _LineInput(Input):
    """The line's box: the key that brought the focus here, pressed again on an empty line,
    is not its first character. After a line is added the focus stays, and the `/` pressed
    "to add" began "/1:45pm detected …", which was refused (mock review 28a). No line starts
    with either key."""

    async def _on_key(self, event: events.Key) -> None:
        if not self.value and event.character in _LINE_KEYS:
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)


class QuickAddLine(FormField):
    """The line (an Input with `input_id`) inside a FormField whose id is "ff-<input_id>"."""

    DEFAULT_CSS = """
    QuickAddLine {
        height: auto;
    }
    QuickAddLine > .field-label {
        display: none;
    }
    /* Under a bordered line the messages line up with its text. */
    QuickAddLine.-framed > .field-hint,
    QuickAddLine.-framed > .field-error {
        padding: 0 1;
    }
    QuickAddLine > Input {
        border-title-color: $text-muted;
        border-subtitle-color: $text-muted;
    }
    QuickAddLine > Input:focus {
        border-title-color: $accent;
    }
    """

    class Submitted(Message):
        """The line (or a stamp) means an event; the host adds it and answers the line."""

        def __init__(self, line: QuickAddLine, event: CapturedEvent) -> None:
            super().__init__()
            self.line = line
            self.event = event

        @property
        def control(self) -> QuickAddLine:
            return self.line

    #: The post-mortem the line adds to (its zone and incident date read the line).
    pm: reactive[PostMortem | None] = reactive(None, init=False)
    #: What `+5m` and a bare `14:32` count from: the selected event, else None.
    anchor_at: reactive[datetime | None] = reactive(None, init=False)
    #: The anchor is the last event, not one the user selected (meeting mode off the
    #: timeline step), so the words offering its time say "last".
    anchor_is_last = False

    def __init__(
        self,
        *,
        placeholder: str,
        input_id: str,
        compact: bool = False,
        clock: Clock | None = None,
    ) -> None:
        line = _LineInput(placeholder=placeholder, id=input_id, compact=compact)
        line.border_title = "Quick add"
        super().__init__("Quick add", line, id=f"ff-{input_id}")
        self.set_class(not compact, "-framed")
        self.input = line
        self.clock: Clock = clock or (lambda: datetime.now(UTC))

    # What the line will mean -----------------------------------------------------------

    def watch_pm(self) -> None:
        self._show_context()

    def watch_anchor_at(self) -> None:
        self._show_context()

    def on_resize(self) -> None:
        # The rule's wording is chosen by the width: it must stay on the line's one border.
        self._show_context()

    def _room(self) -> int:
        """Columns a border subtitle or the hint line may use (0 before the first layout)."""
        # The border's corners and a space each side of the subtitle.
        return max(0, self.input.size.width - 4)

    def _show_context(self) -> None:
        self._show_rule()
        if self.is_mounted and self.input.value:
            self._show_preview(self.input.value)

    def _show_rule(self) -> None:
        """The border's rule for `+5m` and a bare time, told with the time typed if any."""
        pm, anchor = self.pm, self.anchor_at
        if anchor is None or pm is None:
            rule = ""
        else:
            rule = anchor_hint(anchor, pm, self._room() or 1, self.input.value)
        if self.input.border_subtitle != rule:
            self.input.border_subtitle = rule

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        # A message about the old line would only confuse while the new one is typed.
        if self.has_class("-invalid"):
            self.set_error("")  # only when shown: clearing re-lays out the host
        self._show_rule()
        self._show_preview(event.value)

    def _show_preview(self, line: str) -> None:
        """Under the line, the exact date and time it will use, as it is typed."""
        pm = self.pm
        if pm is None:
            return
        if after_now(line) is not None and not self._is_live(pm):
            self.set_hint(NOW_ASKS_HINT.format(offered=self._offer(pm)[1]))
            return
        preview = preview_when(
            line,
            pm.zone,
            now=self.clock(),
            anchor=self.anchor_at,
            incident_date=bare_time_day(pm),
        )
        if preview.startswith("→"):
            note = self._date_first_note(line, pm)
            # One line: a note that would wrap under the line is left out.
            room = self._room()
            if note and (not room or len(preview) + len(note) <= room + 2):
                preview += note
        self.set_hint(preview)

    def _date_first_note(self, line: str, pm: PostMortem) -> str:
        """After a bare time's preview, how to give its day: "06:20 …" typed after an event
        of the next day meant that day, and nothing said a date could be typed first. The
        example is the same moment written in full, on the date the line resolves to: an
        example on another day (the selected event's, mock meeting 14) read as the date that
        would be saved (mock meeting 15: "→ Fri 2023-09-08 00:40 · or give the date:
        2023-09-07 00:40")."""
        first = line.split(maxsplit=1)[0]
        anchor = self.anchor_at
        if anchor is None or not _BARE_TIME.match(first):
            return ""
        local = read_event_time(first, pm.zone, now=self.clock(), anchor=anchor).astimezone(pm.zone)
        day = local.date()
        clock = f"{local:%H:%M}" + (f":{local.second:02d}" if local.second else "")
        return f" · or give the date: {day.isoformat()} {clock} …"

    # Capturing ---------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        pm = self.pm
        if pm is None or not event.value.strip():
            return
        rest = after_now(event.value)
        if rest is not None and not self._is_live(pm):
            # Today's date would land days away from the timeline: as the stamp key does.
            self._ask_time(pm, rest)
            return
        try:
            quick = parse_quick_add(
                event.value,
                pm.zone,
                now=self.clock(),
                anchor=self.anchor_at,
                incident_date=bare_time_day(pm),
            )
        except ValidationError as error:
            self.set_error(error.message)
            return
        self._capture(quick, Capture.TYPED)

    def stamp_now(self) -> None:
        """Capture an event at this second: the line's text, else a prompt for it. An older
        incident is asked for its time instead, as today's date would be wrong."""
        pm = self.pm
        if pm is None:
            return
        # The time is fixed at the key press, whatever is typed afterwards.
        at = self.clock().replace(microsecond=0)
        line = self.input.value
        if not self._is_live(pm, at):
            rest = after_now(line)
            self._ask_time(pm, line if rest is None else rest)
        elif line.strip():
            self._capture(_stamped(at, line), Capture.STAMPED_LINE)
        else:
            self._prompt_text(pm, at)

    def _prompt_text(self, pm: PostMortem, at: datetime) -> None:
        heading = (
            f"Stamped {format_instant(at, pm.zone, seconds=True)} {zone_label(pm.zone, at)}"
            " · what happened?"
        )

        def save(text: str) -> str:
            if not text.strip():
                raise ValidationError("type what happened; the time is already set", "text")
            kind, body = split_kind(text)
            self._capture(QuickAdd(at=at, kind=kind, text=body), Capture.STAMPED)
            return "captured"

        self.app.push_screen(StampEventModal(heading, save))

    def _is_live(self, pm: PostMortem, at: datetime | None = None) -> bool:
        """Whether "now" means the current time in `pm` (see pmtui.model.stamping)."""
        last = pm.events[-1].at if pm.events else None
        return stamp_is_live(pm.incident_date, last, at or self.clock())

    def _offer(self, pm: PostMortem) -> tuple[datetime, str]:
        """The time the asked form offers, and what its heading calls it."""
        today = self.clock().astimezone(pm.zone).date()
        return asked_offer(pm, self.anchor_at, today, anchor_is_last=self.anchor_is_last)

    def _ask_time(self, pm: PostMortem, line: str) -> None:
        """Offer the anchor's time (the selected event's, else the last's, else the incident's
        day) in the event form, with what `line` says filled in. The offered time and what a
        bare time counts from are one instant: offering 11:00 on the 18th while `09:30` read
        from the 5th's event once put the typed time two weeks from the one shown."""
        anchor = line_anchor(pm, self.anchor_at)
        offered, offered_words = self._offer(pm)
        kind, text = split_kind(line) if line.strip() else (None, "")
        values = {
            "at": local_time(offered, pm),
            "kind": kind.value if kind is not None else "note",
            "text": text,
            "source": "manual",
        }

        def read_time(typed: str) -> datetime:
            return read_event_time(
                typed, pm.zone, now=self.clock(), anchor=anchor, incident_date=bare_time_day(pm)
            )

        def save(typed: dict[str, str]) -> str:
            # Checked here, by the model's rules, so a refused value shows in the form.
            quick = QuickAdd(
                at=read_time(typed["at"]),
                kind=parse_enum(EventKind, typed["kind"], "kind"),
                text=require_text(typed["text"], "text", "the event text"),
            )
            source = optional_text(typed.get("source", ""), "source") or "manual"
            link = optional_text(typed.get("link", ""), "link")
            self._capture(quick, Capture.ASKED, anchor=anchor, source=source, link=link)
            return "captured"

        form = EventFormModal(
            ASKED_HEADING.format(offered=offered_words),
            values,
            save,
            time_hint=new_event_time_hint(pm, anchor, offered),
            # The offered time is selected, text and all: typing replaces it.
            read_time=read_time,
            zone=pm.zone,
        )
        self.app.push_screen(form)

    def _capture(
        self,
        quick: QuickAdd,
        how: Capture,
        *,
        anchor: datetime | None = None,
        source: str = "manual",
        link: str = "",
    ) -> None:
        if how is not Capture.ASKED:
            anchor = self.anchor_at
        event = CapturedEvent(quick, how, anchor, source=source, link=link)
        self.post_message(self.Submitted(self, event))

    # The host's answer --------------------------------------------------------------------

    def accepted(self, event: CapturedEvent) -> None:
        """The event was added: a line that was used is emptied for the next one."""
        if self.has_class("-invalid"):
            self.set_error("")
        if event.how is not Capture.STAMPED:
            self.input.value = ""

    def refused(self, message: str) -> None:
        """The event was not added: say why under the line, keeping what was typed."""
        self.set_error(message)


def _stamped(at: datetime, line: str) -> QuickAdd:
    """The line as an event at `at`; a leading "now" is redundant with the stamp."""
    rest = after_now(line)
    if rest is not None:
        line = rest
    kind, text = split_kind(line)
    return QuickAdd(at=at, kind=kind, text=text)
