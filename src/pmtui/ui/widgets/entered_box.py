"""Provides `select_entered`: the rule for a filled one-line box entered from the keyboard.

Entering a filled one-line box by tab or shift+tab selects its text, so typing replaces it:
shift+tab back into a deadline holding 2021-12-15 and "+6w" once gave "2021-12-15+6w", and on
the Overview shift+tab from Timezone and "2018-10-21" gave "2018-10-212018-10-21". The
selection shows what the next key replaces; → or end keeps the text. A form dialog opening
counts as entering the box it focuses first. A click still puts the cursor where it lands,
and other focus the program puts (a refusal shown, a field brought back after an undo)
selects nothing. Multi-line boxes are never selected: they hold
the author's paragraphs. Form dialogs (FormModal) and the Overview's header follow it alike.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Input
from textual.widgets.input import Selection


def select_entered(widget: Widget | None) -> Widget | None:
    """Select the text of `widget` if it is a filled one-line box just entered from the
    keyboard; returns `widget`, so it wraps a focus move (`select_entered(focus_next())`)."""
    if isinstance(widget, Input) and widget.value:
        widget.selection = Selection(0, len(widget.value))
    return widget
