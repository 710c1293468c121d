"""Provides is_form_focus: whether the focused widget is one a user may be typing into.

Single-letter and digit keys are commands only where typing cannot be meant. A form is more
than its text boxes: a user who tabs from a title to a severity list and types a name expects
letters to go into the form, not to open meeting mode.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from pmtui.ui.command_listing import keys_are_typing
from pmtui.ui.widgets.form_field import FormField


def is_form_focus(focused: Widget | None) -> bool:
    """True on a text box, a drop-down, or any control inside a labelled form field (never
    while the palette lists commands)."""
    if focused is None or not keys_are_typing():
        return False
    if getattr(focused, "LETTERS_ARE_COMMANDS", False):
        return False  # a toolbar's drop-down (pmtui.ui.widgets.toolbar_select)
    if isinstance(focused, Input | TextArea | Select):
        return True
    return any(isinstance(node, FormField | Select) for node in focused.ancestors)
