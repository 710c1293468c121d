"""Provides TickList: a SelectionList whose ticked rows show ✓ and whose unticked rows show
an empty box.

Textual draws an X in every box, ticked or not, told apart only by a shade: a shared screen,
tmux or a copy of the screen does not keep it, and a facilitator could not tell who was
ticked present or which events were linked to a factor.
"""

from __future__ import annotations

from typing import Any, TypeVar

from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets._toggle_button import ToggleButton  # private: the X SelectionList draws
from textual.widgets.option_list import OptionDoesNotExist

from pmtui.ui.notices import TYPED_WORD, notify_kind
from pmtui.ui.typed_words import TYPING_SECONDS

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: When a character other than space was last typed on the list (its key time).
        self._typed_at = -TYPING_SECONDS
        #: The characters typed at typing pace so far: the row a word of it starts is found.
        self._found = ""

    def on_key(self, event: events.Key) -> None:
        # A sentence typed here ("marcus here") flipped the highlighted box at each space: a
        # space that follows a typed character at typing pace is writing, not a tick.
        if event.key == "space" and event.time - self._typed_at <= TYPING_SECONDS:
            self._typed_at = event.time
            self._found += " "  # "priya r" finds Priya Raman
            event.stop()
            event.prevent_default()
            self.notify(
                "Typing here ticks nothing: it finds a row; space on its own ticks the "
                "highlighted row, ↑/↓ move.",
                severity="warning",
                timeout=4,
            )
        elif event.is_printable and event.key != "space":
            typed_on = event.time - self._typed_at <= TYPING_SECONDS
            self._typed_at = event.time
            self._found = (self._found if typed_on else "") + (event.character or "")
            self._highlight_found()

    def _highlight_found(self) -> None:
        """Highlight the first row with a word starting with what was typed: "Priya" typed
        on the roll call did nothing, and the space after it unticked the owner, still
        highlighted (mock meetings 25a, 25b)."""
        typed = self._found.casefold()
        for index in range(self.option_count):
            prompt = str(self.get_option_at_index(index).prompt).casefold()
            if prompt.startswith(typed) or any(w.startswith(typed) for w in prompt.split()):
                self.highlighted = index
                return
        # Nothing starts so: the words were meant for a box (the factor form opens on its
        # events list, and "The" typed there vanished without a word, mock meeting 26b).
        shown = self._found if len(self._found) <= 30 else "…" + self._found[-29:]
        notify_kind(
            self,
            f"No row here has a word starting with “{shown}”: this list only ticks rows "
            "(space). Tab or shift+tab moves to a box to type in.",
            kind=TYPED_WORD,
            severity="warning",
            timeout=6,
        )

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
