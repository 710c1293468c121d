"""Provides HelpScreen (F1): every key of the screen it was opened from, grouped by area.

The table fits its columns to the dialog and wraps the descriptions onto more lines, so every
one reads whole at 80 columns as at 200: a cut "Add a timeline event at this very seco" tells
a facilitator nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from pmtui.ui.binding_catalog import remapped
from pmtui.ui.stylesheets import MODAL_CSS
from pmtui.ui.widgets.row_ends import row_end_bindings

_AREA_NAMES = {
    "app": "Everywhere",
}

#: The widest each of the first three columns (where, key, what it does) grows, at 80 columns
#: and from 100; the details take the rest, and every column wraps.
_NARROW_COLUMNS = (10, 9, 14)
_WIDE_COLUMNS = (10, 13, 23)
#: From this table width the wide columns fit beside readable details.
_WIDE_TABLE_MIN = 90
#: Columns the table keeps for itself: a cell's padding each side and a scrollbar.
_CELL_PADDING = 2
_SCROLLBAR = 2


def column_widths(rows: list[tuple[str, str, str, str]], width: int) -> tuple[int, ...]:
    """The four columns' text widths in a table `width` cells wide: each of the first three
    as wide as its longest text up to its cap, the details the rest."""
    caps = _WIDE_COLUMNS if width >= _WIDE_TABLE_MIN else _NARROW_COLUMNS
    firsts = [
        max(1, min(cap, max((len(row[index]) for row in rows), default=1)))
        for index, cap in enumerate(caps)
    ]
    room = width - _SCROLLBAR - _CELL_PADDING * 4 - sum(firsts)
    return (*firsts, max(12, room))


def _key_text(screen: Screen, binding: Binding) -> str:
    """Every key of a binding, each as Textual displays it: 'ctrl+y / ctrl+shift+z' (Textual
    displays only the first of "ctrl+y,ctrl+shift+z" and runs the rest into it)."""
    keys = [key.strip() for key in binding.key.split(",") if key.strip()]
    return " / ".join(screen.app.get_key_display(replace(binding, key=key)) for key in keys)


def _binding_rows(screen: Screen) -> list[tuple[str, str, str, str]]:
    """(area, key, description, tooltip) for the app, the screen and everything on it."""
    rows: list[tuple[str, str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    keymap: dict[str, str] = getattr(screen.app, "pm_keymap", {})
    nodes = [screen.app, screen, *screen.walk_children()]
    for node in nodes:
        for binding in getattr(node, "BINDINGS", []):
            # pmtui's own bindings carry ids; the text inputs' editing keys are not listed.
            if not isinstance(binding, Binding) or not binding.description or not binding.id:
                continue
            area = (binding.id or "").split(".")[0] or type(node).__name__
            key = _key_text(screen, remapped(binding, keymap))
            if (key, binding.description) in seen:
                continue
            seen.add((key, binding.description))
            rows.append(
                (_AREA_NAMES.get(area, area.title()), key, binding.description, binding.tooltip)
            )
    return rows


class KeyTable(DataTable[str]):
    """The keys, one row each."""

    BINDINGS = row_end_bindings("help_keys", "key")


class HelpScreen(ModalScreen[None]):
    CSS_PATH = MODAL_CSS
    BINDINGS = [Binding("escape,f1,q", "close", "Close", id="help.close", tooltip="Close help")]

    def __init__(self, origin: Screen) -> None:
        super().__init__(classes="modal")
        self._origin = origin
        self._rows: list[tuple[str, str, str, str]] = []
        self._width = 0  # the table width the rows are laid out for
        #: The rows are in the table (on a workspace, once every tab's pane is built).
        self.keys_listed = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="modal-body help-body"):
            yield Static("Keys  ·  ctrl+p finds every command by name", classes="modal-title")
            yield KeyTable(id="help-keys", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        compose_all_panes = getattr(self._origin, "compose_all_panes", None)
        if compose_all_panes is None:
            self._list_keys()
        else:
            # A workspace builds a tab's pane when it is first shown; help lists every tab's
            # keys. In a worker: the panes are bound after a refresh of this screen, which
            # must not be waiting for them.
            self.run_worker(self._list_keys_of_every_tab(compose_all_panes), exclusive=True)

    async def _list_keys_of_every_tab(
        self, compose_all_panes: Callable[[], Awaitable[None]]
    ) -> None:
        await compose_all_panes()
        self._list_keys()

    def _list_keys(self) -> None:
        self._rows = _binding_rows(self._origin)
        # A first guess from the screen's width (the dialog is laid out after this); the
        # table is fitted to its real width once it is known.
        self._fill(min(100, self.size.width) - 8)
        self.keys_listed = True
        self.call_after_refresh(self._fit)

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        width = self.query_one(DataTable).size.width
        if width and width != self._width:
            self._fill(width)

    def _fill(self, width: int) -> None:
        """Lay the rows out for a table `width` cells wide, wrapping what is longer."""
        self._width = width
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        widths = column_widths(self._rows, width)
        for label, column_width in zip(("Where", "Key", "Does", "Details"), widths, strict=True):
            table.add_column(label, width=column_width)
        for cells in self._rows:
            table.add_row(*cells, height=None)
        table.move_cursor(row=row)

    def action_close(self) -> None:
        self.dismiss(None)
