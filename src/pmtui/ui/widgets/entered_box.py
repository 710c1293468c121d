"""Provides `select_entered` and `show_start`: the rules for a filled one-line box entered
from the keyboard, and for one left.

Entering a filled one-line box by tab or shift+tab selects its text, so typing replaces it:
shift+tab back into a deadline holding 2021-12-15 and "+6w" once gave "2021-12-15+6w", and on
the Overview shift+tab from Timezone and "2018-10-21" gave "2018-10-212018-10-21". The
selection shows what the next key replaces; → or end keeps the text. A form dialog opening
counts as entering the box it focuses first, and so does a form's refusal, which focuses the
refused box: what is typed next replaces the refused text. A click still puts the cursor where
it lands, and other focus the program puts (a field brought back after an undo) selects
nothing. Multi-line boxes are never selected: they hold
the author's paragraphs. Form dialogs (FormModal) and the Overview's header follow it alike.

A one-line box left shows its text from the start (`show_start`, called by the app for every
Input that loses focus): typed to its end, it went on showing the end, and on a shared screen
a long Services field read "nternet, interac, 911, ip-core" and an action "ated route-count
check that halts…". Only the view moves: the cursor stays where it was, so a box focused
again by the program goes on from there.
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


def show_start(widget: Widget) -> None:
    """Scroll a one-line box that has lost focus back to the start of its text."""
    if isinstance(widget, Input) and not widget.has_focus:
        widget.scroll_to(x=0, animate=False, force=True, immediate=True)
