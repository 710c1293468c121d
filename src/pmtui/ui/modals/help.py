"""Provides HelpScreen (F1): every key of the screen it was opened from, grouped by area."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from pmtui.ui.binding_catalog import remapped

_AREA_NAMES = {
    "app": "Everywhere",
}


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


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "Close", id="help.close", tooltip="Close help")]

    def __init__(self, origin: Screen) -> None:
        super().__init__(classes="modal")
        self._origin = origin

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="modal-body help-body"):
            yield Static("Keys  ·  ctrl+p finds every command by name", classes="modal-title")
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Where", "Key", "Does", "Details")
        for row in _binding_rows(self._origin):
            table.add_row(*row)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
