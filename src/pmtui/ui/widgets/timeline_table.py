"""Provides TimelineTable: the timeline as a virtual table that draws only the visible rows.

A DataTable measures every row on a full reload (about a second at 10,000 events) and cannot
insert at an index. The post-mortem is immutable, so this table simply holds the sorted
`events` tuple and renders lines straight from it with the Line API: an update swaps the
tuple and repaints what is on screen, whatever the size of the timeline.
"""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime, tzinfo

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from pmtui.model.enums import EventKind
from pmtui.model.postmortem import TimelineEvent
from pmtui.model.times import zone_label

EMPTY_HINT = (
    "No events yet. Type a line below, e.g. `14:32 detected Pager fired`, "
    "or press n to stamp one now."
)

# Each kind's colour family (a component class, so every theme applies).
_KIND_GROUP = {
    EventKind.START: "problem",
    EventKind.DETECTED: "problem",
    EventKind.ALERT: "problem",
    EventKind.NOTIFIED: "response",
    EventKind.ACKNOWLEDGED: "response",
    EventKind.ACTION: "work",
    EventKind.DEPLOY: "work",
    EventKind.COMMUNICATION: "work",
    EventKind.MITIGATED: "recovery",
    EventKind.RESOLVED: "recovery",
    EventKind.NOTE: "note",
}

# Components that paint a background; see TimelineTable._style.
_BACKGROUNDS = frozenset(
    {"timeline-table--header", "timeline-table--cursor", "timeline-table--milestone"}
)

WHEN_WIDTH = 19  # YYYY-MM-DD HH:MM:SS
KIND_WIDTH = 15  # "◆ acknowledged" and "communication"
SOURCE_WIDTH = 12
GAP = 2
#: Below this width the source column gives its room to the event text.
SOURCE_MIN_WIDTH = 90
MILESTONE_MARK = "◆ "
#: Before the number of sources of a moment several sources saw (one row for all of them).
GROUP_MARK = "×"
#: Before the text of an event that has an image attached.
ATTACHED_MARK = "📎 "


def _fit(text: str, width: int) -> str:
    """`text` padded or cut to exactly `width` cells, ending in … when cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


def _when(moment: datetime, zone: tzinfo) -> str:
    local = moment.astimezone(zone)
    if moment.second or moment.microsecond:
        return local.strftime("%Y-%m-%d %H:%M:%S")
    return local.strftime("%Y-%m-%d %H:%M")


def _one_line(text: str) -> str:
    return " ".join(text.split()) if "\n" in text or "\t" in text else text


class TimelineTable(ScrollView, can_focus=True):
    """The sorted timeline; the cursor stays on the same event across updates."""

    DEFAULT_CSS = """
    TimelineTable {
        overflow-x: hidden;
        background: $surface;
    }

    TimelineTable > .timeline-table--header {
        background: $panel;
        color: $text;
        text-style: bold;
    }

    /* The cursor is loud while the table has focus, a quiet marker otherwise. */
    TimelineTable > .timeline-table--cursor {
        background: $boost;
        text-style: bold;
    }

    TimelineTable:focus > .timeline-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }

    /* Milestones feed the metrics: the room must find them at a glance. */
    TimelineTable > .timeline-table--milestone {
        background: $primary 15%;
        text-style: bold;
    }

    TimelineTable > .timeline-table--source {
        color: $text-muted;
    }

    TimelineTable > .timeline-table--hint {
        color: $text-muted;
        text-style: italic;
    }

    TimelineTable > .timeline-table--kind-problem {
        color: $text-error;
    }

    TimelineTable > .timeline-table--kind-response {
        color: $text-warning;
    }

    TimelineTable > .timeline-table--kind-work {
        color: $text-accent;
    }

    TimelineTable > .timeline-table--kind-recovery {
        color: $text-success;
    }

    TimelineTable > .timeline-table--kind-note {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES = {
        "timeline-table--header",
        "timeline-table--cursor",
        "timeline-table--milestone",
        "timeline-table--source",
        "timeline-table--hint",
        "timeline-table--kind-problem",
        "timeline-table--kind-response",
        "timeline-table--kind-work",
        "timeline-table--kind-recovery",
        "timeline-table--kind-note",
    }

    BINDINGS = [
        Binding(
            "up",
            "cursor_up",
            "Up",
            show=False,
            id="timeline.up",
            tooltip="The event before the selected one",
        ),
        Binding(
            "down",
            "cursor_down",
            "Down",
            show=False,
            id="timeline.down",
            tooltip="The event after the selected one",
        ),
        Binding(
            "pageup",
            "page_up",
            "Page up",
            show=False,
            id="timeline.page_up",
            tooltip="One screen of events earlier",
        ),
        Binding(
            "pagedown",
            "page_down",
            "Page down",
            show=False,
            id="timeline.page_down",
            tooltip="One screen of events later",
        ),
        Binding(
            "home",
            "first",
            "First event",
            show=False,
            id="timeline.first",
            tooltip="The earliest event",
        ),
        Binding(
            "end", "last", "Last event", show=False, id="timeline.last", tooltip="The latest event"
        ),
    ]

    class CursorMoved(Message):
        """The cursor landed on another event (None: the timeline is empty)."""

        def __init__(self, table: TimelineTable, event_id: str | None) -> None:
            super().__init__()
            self.table = table
            self.event_id = event_id

    class EventChosen(Message):
        """The user asked to open an event (enter is the pane's; this is a double click)."""

        def __init__(self, table: TimelineTable, event_id: str) -> None:
            super().__init__()
            self.table = table
            self.event_id = event_id

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._events: tuple[TimelineEvent, ...] = ()
        self._zone: tzinfo = UTC
        # The instant whose zone label the header names while there is no event to take it
        # from (None: now, which named EST for a July incident in Toronto).
        self._zone_moment: datetime | None = None
        self._cursor = 0
        self._cursor_id: str | None = None
        self._attached: frozenset[str] = frozenset()

    # What the pane reads and sets ---------------------------------------------------------

    @property
    def events(self) -> tuple[TimelineEvent, ...]:
        return self._events

    @property
    def zone(self) -> tzinfo:
        return self._zone

    @property
    def zone_moment(self) -> datetime | None:
        return self._zone_moment

    @property
    def attached(self) -> frozenset[str]:
        """The ids of the events shown with the 📎 mark (they have an image attached)."""
        return self._attached

    @attached.setter
    def attached(self, event_ids: frozenset[str]) -> None:
        self._attached = event_ids
        self.refresh()

    @property
    def cursor_index(self) -> int | None:
        return self._cursor if self._events else None

    @property
    def cursor_event(self) -> TimelineEvent | None:
        return self._events[self._cursor] if self._events else None

    def show(
        self,
        events: tuple[TimelineEvent, ...],
        zone: tzinfo,
        *,
        select: str | None = None,
        zone_moment: datetime | None = None,
    ) -> None:
        """Show `events` (sorted); keep the cursor on its event, or move it to `select`.
        `zone_moment` names the header's zone (EST or EDT) while `events` is empty."""
        old_index, old_id = self._cursor, self._cursor_id
        first_time = not self._events and self._cursor_id is None
        self._events = events
        self._zone = zone
        self._zone_moment = zone_moment
        self.virtual_size = Size(0, len(events) + 1)
        index = self._index_of(select, old_index) if select else None
        if index is None and old_id:
            index = self._index_of(old_id, old_index)
        if index is None:
            # The event is gone (deleted): stay at the same place, i.e. on its successor.
            index = len(events) - 1 if first_time else old_index
        self._set_cursor(max(0, min(index, len(events) - 1)), scroll=True)
        self.refresh()

    def select_event(self, event_id: str) -> bool:
        index = self._index_of(event_id, self._cursor)
        if index is None:
            return False
        self._set_cursor(index, scroll=True)
        return True

    def _index_of(self, event_id: str, near: int) -> int | None:
        events = self._events
        # Most updates leave the event where it was, or one row away: look there first.
        for index in (near, near - 1, near + 1):
            if 0 <= index < len(events) and events[index].id == event_id:
                return index
        for index, event in enumerate(events):
            if event.id == event_id:
                return index
        return None

    def _set_cursor(self, index: int, *, scroll: bool) -> None:
        old = self._cursor
        self._cursor = index
        new_id = self._events[index].id if self._events else None
        moved = new_id != self._cursor_id
        self._cursor_id = new_id
        if scroll:
            self._scroll_to_cursor()
        self._refresh_row(old)
        self._refresh_row(index)
        self._refresh_row(-1)  # the header names the zone as of the cursor's date
        if moved:
            self.post_message(self.CursorMoved(self, new_id))

    # Scrolling ---------------------------------------------------------------------------

    @property
    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_y)
        visible = self._visible_rows
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False)
        elif self._cursor >= top + visible:
            self.scroll_to(y=self._cursor - visible + 1, animate=False)

    def _refresh_row(self, index: int) -> None:
        """Repaint one event's line (-1: the header), if it is on screen."""
        screen_y = 0 if index < 0 else index + 1 - round(self.scroll_y)
        if (index < 0 or screen_y >= 1) and screen_y < self.size.height:
            self.refresh(Region(0, screen_y, self.size.width, 1))

    def on_resize(self) -> None:
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # Keys and mouse ------------------------------------------------------------------------

    def _move(self, index: int) -> None:
        if self._events:
            self._set_cursor(max(0, min(index, len(self._events) - 1)), scroll=True)

    def action_cursor_up(self) -> None:
        self._move(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self._move(self._cursor + 1)

    def action_page_up(self) -> None:
        self._move(self._cursor - self._visible_rows)

    def action_page_down(self) -> None:
        self._move(self._cursor + self._visible_rows)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self._events) - 1)

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1 or not self._events:
            return
        index = round(self.scroll_y) + offset.y - 1
        if index >= len(self._events):
            return
        if event.chain == 2 and index == self._cursor:
            self.post_message(self.EventChosen(self, self._events[index].id))
            return
        self._set_cursor(index, scroll=True)

    # Drawing -----------------------------------------------------------------------------

    def _columns(self, width: int) -> tuple[int, int, int]:
        """Widths of (kind offset, text, source); 0 source means the column is hidden."""
        source = SOURCE_WIDTH if width >= SOURCE_MIN_WIDTH else 0
        fixed = 1 + WHEN_WIDTH + GAP + KIND_WIDTH + GAP + (GAP + source if source else 0) + 1
        return 1 + WHEN_WIDTH + GAP, max(1, width - fixed), source

    def _style(self, name: str) -> Style:
        """A component's look. Theme colours may be translucent ($text-muted, $boost), so
        colours come from the full style, which blends them over the table's background;
        components that only colour text keep the row's background."""
        full = self.get_component_rich_style(name)
        if name in _BACKGROUNDS:
            return full
        return self.get_component_rich_style(name, partial=True) + Style(color=full.color)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._header(width, base)
        if not self._events:
            # Wrapped, never cut: at 80 columns one line ended "…or press…" (mock meeting 18a).
            lines = textwrap.wrap(EMPTY_HINT, max(10, width - 2))
            if 1 <= y <= len(lines):
                hint = base + self._style("timeline-table--hint")
                return Strip([Segment(_fit(" " + lines[y - 1], width), hint)], width)
            return Strip.blank(width, base)
        index = round(self.scroll_y) + y - 1
        if index >= len(self._events):
            return Strip.blank(width, base)
        return self._row(self._events[index], index == self._cursor, width, base)

    def _header(self, width: int, base: Style) -> Strip:
        style = self._style("timeline-table--header")
        moment = self._events[self._cursor].at if self._events else self._zone_moment
        _, text_width, source_width = self._columns(width)
        cells = [
            " ",
            _fit(f"When ({zone_label(self._zone, moment)})", WHEN_WIDTH),
            " " * GAP,
            _fit("Kind", KIND_WIDTH),
            " " * GAP,
            _fit("Event", text_width),
        ]
        if source_width:
            cells += [" " * GAP, _fit("Source", source_width)]
        line = "".join(cells)
        return Strip([Segment(_fit(line, width), style)], width)

    def _row(self, event: TimelineEvent, is_cursor: bool, width: int, base: Style) -> Strip:
        row = self._style("timeline-table--milestone") if event.is_milestone else base
        kind_style = row + self._style(f"timeline-table--kind-{_KIND_GROUP[event.kind]}")
        source_style = row + self._style("timeline-table--source")
        _, text_width, source_width = self._columns(width)
        mark = MILESTONE_MARK if event.is_milestone else ""
        seen = len(event.sources) if event.seen_in else 1
        text = _one_line(event.text)
        if seen > 1 and not source_width:
            text = f"{GROUP_MARK}{seen} {text}"  # the source column that says so is hidden
        if event.id in self.attached:
            text = ATTACHED_MARK + text
        segments = [
            Segment(" " + _fit(_when(event.at, self._zone), WHEN_WIDTH) + " " * GAP, row),
            Segment(_fit(mark + event.kind.value, KIND_WIDTH), kind_style),
            Segment(" " * GAP + _fit(text, text_width), row),
        ]
        if source_width:
            source = f"{GROUP_MARK}{seen} sources" if seen > 1 else event.source
            segments.append(Segment(" " * GAP + _fit(source, source_width), source_style))
        segments.append(Segment(" ", row))
        if is_cursor:
            cursor = self._style("timeline-table--cursor")
            segments = list(Segment.apply_style(segments, post_style=cursor))
        return Strip(segments).adjust_cell_length(width, row)
