"""Provides NarrativeArea: the text area of a narrative section, with the editing keys people
expect and listed in F1.

Textual's TextArea selects all with F7, which the workspace uses to show the Checks pane, so
a user could not select a whole section at all; ctrl+a does it, as in every editor the room
knows (home still goes to the start of the line). ctrl+a is the app's (PmtuiApp), as it
selects all in one-line boxes too. TextArea has no key for the start or end of the whole text;
ctrl+home and ctrl+end are where every editor puts them. The keys carry ids and
descriptions, so F1 lists them under "Editing" wherever a narrative area is on screen.

The first focus after a section's text is loaded puts the cursor at its end: a writer who
tabs into a written section means to add to it, and at the start (TextArea's place) the first
words typed landed in front of the text. Later focuses keep the cursor where the user left it.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TextArea
from textual.widgets.text_area import Selection


def change_end(shown: str, text: str) -> int:
    """Where the part of `text` that differs from `shown` ends (an index into `text`): the
    cursor goes there after an undo or redo, so the next words typed follow the change. All
    of `text` differs from an empty `shown`: its end."""
    same = 0  # characters alike at the start
    for was, now in zip(shown, text, strict=False):
        if was != now:
            break
        same += 1
    # Characters alike at the end, never overlapping the alike start in either text.
    limit = min(len(shown), len(text)) - same
    tail = 0
    while tail < limit and shown[-1 - tail] == text[-1 - tail]:
        tail += 1
    return len(text) - tail


class NarrativeArea(TextArea):
    BINDINGS = [
        Binding(
            "ctrl+home",
            "cursor_text_start",
            "Start of text",
            show=False,
            id="editing.text_start",
            tooltip="Go to the start of the whole text",
        ),
        Binding(
            "ctrl+end",
            "cursor_text_end",
            "End of text",
            show=False,
            id="editing.text_end",
            tooltip="Go to the end of the whole text",
        ),
        Binding("ctrl+x", "cut", "Cut", show=False, id="editing.cut", tooltip="Cut the selection"),
        Binding(
            "ctrl+c", "copy", "Copy", show=False, id="editing.copy", tooltip="Copy the selection"
        ),
        Binding(
            "ctrl+v",
            "paste",
            "Paste",
            show=False,
            id="editing.paste",
            tooltip="Paste what was cut or copied",
        ),
        Binding(
            "ctrl+w",
            "delete_word_left",
            "Delete word",
            show=False,
            id="editing.delete_word",
            tooltip="Delete the word before the cursor",
        ),
        Binding(
            "ctrl+u",
            "delete_to_start_of_line",
            "Delete to line start",
            show=False,
            id="editing.delete_line_start",
            tooltip="Delete from the cursor to the start of the line",
        ),
        Binding(
            "ctrl+k",
            "delete_to_end_of_line_or_delete_line",
            "Delete to line end",
            show=False,
            id="editing.delete_line_end",
            tooltip="Delete from the cursor to the end of the line (an empty line: the line)",
        ),
    ]

    #: Whether the cursor has been in the text since it was last loaded.
    _entered = False

    def load_text(self, text: str) -> None:
        super().load_text(text)
        self._entered = False

    def load_text_at_change(self, text: str) -> None:
        """Load `text` with the cursor just after the part that differs from the text shown
        until now, in view: after an undo the section showed its first lines, not the words
        taken back (mock meeting 18c), and after a redo the cursor stayed before the words
        put back, so the next words typed landed in front of them (mock meetings 20b, 21a)."""
        if not self.text and not self.has_focus:
            # Filled for the first time (or after being emptied), out of focus: shown from
            # its start, and the first focus puts the cursor at its end (_watch_has_focus).
            self.load_text(text)
            return
        end = change_end(self.text, text)
        self.load_text(text)
        self._entered = True  # the cursor is placed: a first focus leaves it there
        row = text.count("\n", 0, end)
        self.move_cursor((row, end - (text.rfind("\n", 0, end) + 1)))

    def _watch_has_focus(self, focus: bool) -> None:
        if focus and not self._entered:
            self._entered = True
            # A click places the cursor itself (after or before this): only the start moves.
            if self.text and self.selection == Selection.cursor((0, 0)):
                self.move_cursor(self.document.end)
        super()._watch_has_focus(focus)

    def action_cursor_text_start(self) -> None:
        self.move_cursor((0, 0))

    def action_cursor_text_end(self) -> None:
        self.move_cursor(self.document.end)
