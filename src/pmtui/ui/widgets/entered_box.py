"""Provides `select_entered`, `select_from_start` and `show_start`: the rules for a filled
one-line box entered from the keyboard, and for one left.

Entering a filled one-line box by tab or shift+tab selects its text, so typing replaces it:
shift+tab back into a deadline holding 2021-12-15 and "+6w" once gave "2021-12-15+6w", and on
the Overview shift+tab from Timezone and "2018-10-21" gave "2018-10-212018-10-21". The
selection shows what the next key replaces; → or end keeps the text. A form dialog opening
counts as entering the box it focuses first, and so does a form's refusal, which focuses the
refused box: what is typed next replaces the refused text. A click still puts the cursor where
it lands, and other focus the program puts (a field brought back after an undo) selects
nothing. Multi-line boxes are never selected: they hold
the author's paragraphs. Form dialogs (FormModal) and the Overview's header follow it alike.

Entered by tab, a box shows the end of its text, the cursor there (a file name is what people
change). A box opened to reword one sentence shows its start (`select_from_start`), all still
selected: the cursor goes to the end only when the whole text fits with it, else to the start
(typing still replaces all; → or end still keeps it). A Five Whys answer opened to edit
showed its end, and one exactly as long as the box lost its first character to the cursor's
cell (mock meetings 18a-c).

A one-line box left shows its text from the start (`show_start`, called by the app for every
Input that loses focus): typed to its end, it went on showing the end, and on a shared screen
a long Services field read "nternet, interac, 911, ip-core" and an action "ated route-count
check that halts…". Only the view moves: the cursor stays where it was, so a box focused
again by the program goes on from there.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.widget import Widget
from textual.widgets import Input
from textual.widgets.input import Selection


def select_entered(widget: Widget | None) -> Widget | None:
    """Select the text of `widget` if it is a filled one-line box just entered from the
    keyboard; returns `widget`, so it wraps a focus move (`select_entered(focus_next())`)."""
    if isinstance(widget, Input) and widget.value:
        widget.selection = Selection(0, len(widget.value))
    return widget


def select_from_start(box: Widget | None) -> None:
    """Select all of `box` as `select_entered` does, its first character in sight: the
    cursor at the end only when the whole text fits with it, else at the start."""
    if not isinstance(box, Input) or not box.value:
        return
    _select_from_start(box)
    if not box.content_size.width:
        # Not laid out yet (a form opening on it): how much fits is known after.
        box.call_after_refresh(_select_again, box, box.value)


def _select_from_start(box: Input) -> None:
    length = len(box.value)
    fits = cell_len(box.value) < box.content_size.width
    box.selection = Selection(0, length) if fits else Selection(length, 0)


def _select_again(box: Input, value: str) -> None:
    """Place the cursor again once `box` has its width, unless typing or a move came first."""
    if box.value == value and sorted(box.selection) == [0, len(value)]:
        _select_from_start(box)


def show_start(widget: Widget) -> None:
    """Scroll a one-line box that has lost focus back to the start of its text."""
    if isinstance(widget, Input) and not widget.has_focus:
        widget.scroll_to(x=0, animate=False, force=True, immediate=True)
