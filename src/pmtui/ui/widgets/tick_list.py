"""Provides TickList: a SelectionList whose ticked rows show ✓ and whose unticked rows show
an empty box.

Textual draws an X in every box, ticked or not, told apart only by a shade: a shared screen,
tmux or a copy of the screen does not keep it, and a facilitator could not tell who was
ticked present or which events were linked to a factor.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets._toggle_button import ToggleButton  # private: the X SelectionList draws
from textual.widgets.option_list import OptionDoesNotExist

#: What a ticked row's box shows (one cell, as the X it replaces).
TICKED = "✓"

ValueT = TypeVar("ValueT")


class TickList(SelectionList[ValueT]):
    """A SelectionList with ✓ in a ticked box and nothing in an unticked one, the
    highlighted row too."""

    DEFAULT_CSS = """
    TickList {
        & > .selection-list--button,
        & > .selection-list--button-highlighted {
            color: $panel;
            background: $panel;
        }

        & > .selection-list--button-selected,
        & > .selection-list--button-selected-highlighted {
            color: $text-success;
            background: $panel;
            text-style: bold;
        }
    }
    """

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return line  # not a row with a box (Textual drew it otherwise)
        mark = TICKED if selection.value in self._selected else " "
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, line.cell_length)
