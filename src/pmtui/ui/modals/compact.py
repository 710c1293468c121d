"""Provides ShortTerminalFit: form dialogs that still fit a 24-row terminal."""

from __future__ import annotations

from typing import TypeVar

from textual.events import Resize
from textual.screen import ModalScreen

from pmtui.ui.stylesheets import MODAL_CSS
from pmtui.ui.widgets.footer import show_dialog_keys

ResultT = TypeVar("ResultT")

#: Below this many rows a form's inputs, selects and buttons drop their borders.
COMPACT_BELOW_HEIGHT = 34


class ShortTerminalFit(ModalScreen[ResultT]):
    """Base for form dialogs: in a short terminal every control goes compact.

    Textual calls on_mount and on_resize of every class in the MRO, so subclasses keep
    their own handlers.

    Borders cost two rows per row of fields, which a 24-row shared screen cannot spare
    without pushing the buttons off the bottom.
    """

    CSS_PATH = MODAL_CSS

    def on_mount(self) -> None:
        self.fit_height(self.app.size.height)
        show_dialog_keys(self)

    def on_resize(self, event: Resize) -> None:
        self.fit_height(event.size.height)

    def fit_height(self, height: int) -> None:
        compact = 0 < height < COMPACT_BELOW_HEIGHT
        self.set_class(compact, "-compact")
        for widget in self.query("Input, Select, Button"):
            widget.compact = compact  # type: ignore[attr-defined]
