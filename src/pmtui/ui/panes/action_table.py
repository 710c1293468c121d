"""Provides ActionTable: the action items as a DataTable whose rows look overdue or done.

Each cell is an ActionCell carrying its sort value and its row's look, so sorting uses
DataTable.sort and the looks come from component classes styled in styles/actions.tcss
(theme variables only), resolved when the cell is drawn so a theme change restyles them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date
from typing import Literal

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable

from pmtui.model.enums import ActionStatus, Priority
from pmtui.model.postmortem import ActionItem
from pmtui.ui.widgets.row_ends import row_end_bindings

Look = Literal["", "overdue", "done"]
SortMode = Literal["due", "owner", "status"]

SORT_MODES: tuple[SortMode, ...] = ("due", "owner", "status")
SORT_NAMES: dict[SortMode, str] = {"due": "due date", "owner": "owner", "status": "status"}
#: Columns compared, in order, for each sort mode (ties fall through to the next column).
SORT_COLUMNS: dict[SortMode, tuple[str, ...]] = {
    "due": ("due", "priority", "owner"),
    "owner": ("owner", "due", "priority"),
    "status": ("status", "due", "priority"),
}
#: (key, label, width); the action text takes whatever width is left.
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("due", "Due", 12),
    ("owner", "Owner", 14),
    ("status", "Status", 11),
    ("priority", "P", 2),
    ("text", "Action", 0),
)
_STATUS_ORDER = {
    ActionStatus.IN_PROGRESS: 0,
    ActionStatus.OPEN: 1,
    ActionStatus.DONE: 2,
    ActionStatus.WONT_DO: 3,
}
_STATUS_TEXT = {
    ActionStatus.OPEN: "open",
    ActionStatus.IN_PROGRESS: "in progress",
    ActionStatus.DONE: "✓ done",
    ActionStatus.WONT_DO: "won't do",
}
_PRIORITY_ORDER = {priority: index for index, priority in enumerate(Priority)}


def _status_text(action: ActionItem) -> str:
    """The status as the table shows it: a done item someone checked worked reads
    "✓ verified"; both read "✓ done", and only All action items told them apart (mock 35b)."""
    if action.status is ActionStatus.DONE and action.is_verified:
        return "✓ verified"
    return _STATUS_TEXT[action.status]


_TRACKER_NAMES = {"jira": "Jira", "linear": "Linear", "github": "GitHub"}


def sync_label(action: ActionItem) -> str:
    """'synced from Jira 2026-12-06 08:20 UTC', or '' for an item no sync has touched: how
    fresh the status is, and which tracker it came from."""
    if action.synced_at is None:
        return ""
    source = _TRACKER_NAMES.get(action.synced_from, action.synced_from or "a tracker")
    return f"synced from {source} {action.synced_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def row_look(action: ActionItem, today: date) -> Look:
    if action.is_overdue(today):
        return "overdue"
    return "" if action.is_open else "done"


@dataclass(frozen=True, eq=True)
class ActionCell:
    """What one cell shows, how it sorts, and the look of its row."""

    text: str
    sort: tuple[object, ...]
    look: Look = ""
    clip: bool = False  # the long action text: measured no wider than the table leaves it
    table: ActionTable | None = field(default=None, compare=False, repr=False)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        style = self.table.look_style(self.look) if self.table is not None else Style()
        yield Text(self.text, style=style, no_wrap=True, overflow="ellipsis", end="")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        # The action text may be long; the table gives it only the width that is left.
        width = len(self.text)
        if self.clip and self.table is not None:
            width = min(width, self.table.text_width)
        return Measurement(1, max(1, width))


class ActionTable(DataTable[ActionCell]):
    BINDINGS = row_end_bindings("action_table", "item")
    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | {
        "action-table--overdue",
        "action-table--done",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.text_width = 40

    def on_mount(self) -> None:
        for key, label, width in COLUMNS:
            self.add_column(label, key=key, width=width or None)

    def look_style(self, look: Look) -> Style:
        if not look:
            return Style()
        return self.get_component_rich_style(f"action-table--{look}", partial=True)

    def cells(self, action: ActionItem, today: date) -> dict[str, ActionCell]:
        look = row_look(action, today)
        due = action.due.isoformat() if action.due else "—"
        if look == "overdue":
            due = f"! {due}"
        owner = action.owner or "—"

        def cell(text: str, *sort: object, clip: bool = False) -> ActionCell:
            return ActionCell(text, sort, look, clip, self)

        return {
            "due": cell(due, action.due is None, action.due or date.max),
            "owner": cell(owner, not action.owner, owner.casefold()),
            "status": cell(_status_text(action), _STATUS_ORDER[action.status]),
            "priority": cell(
                action.priority.value if action.priority else "—",
                # Unset sorts after every chosen priority.
                _PRIORITY_ORDER.get(action.priority, len(_PRIORITY_ORDER))
                if action.priority
                else len(_PRIORITY_ORDER),
            ),
            "text": cell(" ".join(action.text.split()), action.text.casefold(), clip=True),
        }

    def on_resize(self) -> None:
        # Its own size, not only the pane's: a table shown (from hidden, when the first item
        # was added) while a form covered the screen was measured at no width, and its first
        # item read "Isolate int…" at 120 columns (mock meeting 23b).
        self.refit()

    def refit(self) -> None:
        """Give the action text the width there is now, the rows' text cells re-measured."""
        if self.fit_text_column():
            for row_key in list(self.rows):
                cell = self.get_cell(row_key, "text")
                self.update_cell(row_key, "text", cell, update_width=True)

    def fit_text_column(self) -> bool:
        """Give the action text the width the other columns leave; True if it changed."""
        fixed = sum(width for _, _, width in COLUMNS) + 2 * self.cell_padding * len(COLUMNS)
        # Room is kept for a vertical scrollbar, which appears without a resize event.
        spare = self.styles.scrollbar_size_vertical
        width = max(12, self.scrollable_content_region.width - fixed - spare)
        changed = width != self.text_width
        self.text_width = width
        return changed

    def sort_by(self, mode: SortMode) -> None:
        columns = SORT_COLUMNS[mode]
        self.sort(*columns, key=lambda cells: tuple(cell.sort for cell in cells))
        for key, label, _ in COLUMNS:
            column = self.columns.get(key)  # type: ignore[call-overload]
            if column is not None:
                column.label = Text(f"{label} ▲" if key == mode else label)
