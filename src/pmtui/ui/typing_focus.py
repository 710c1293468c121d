"""Provides is_form_focus: whether the focused widget is one a user may be typing into.

Single-letter and digit keys are commands only where typing cannot be meant. A form is more
than its text boxes: a user who tabs from a title to a severity list and types a name expects
letters to go into the form, not to open meeting mode.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from pmtui.ui.widgets.form_field import FormField

_LISTING = ContextVar("pmtui_listing_commands", default=False)


@contextmanager
def listing_commands() -> Iterator[None]:
    """While the command palette lists what applies, nobody is typing: a command whose key a
    text box would take as a letter is still offered (the palette runs it, not the key)."""
    token = _LISTING.set(True)
    try:
        yield
    finally:
        _LISTING.reset(token)


def keys_are_typing() -> bool:
    """False while the palette lists commands (see `listing_commands`)."""
    return not _LISTING.get()


def is_form_focus(focused: Widget | None) -> bool:
    """True on a text box, a drop-down, or any control inside a labelled form field (never
    while the palette lists commands)."""
    if focused is None or not keys_are_typing():
        return False
    if isinstance(focused, Input | TextArea | Select):
        return True
    return any(isinstance(node, FormField | Select) for node in focused.ancestors)
