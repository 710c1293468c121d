"""Provides ToolbarSelect: a drop-down in a pane's toolbar, where letter keys stay commands.

A form's drop-down takes typing (letters pick a choice, a sentence changes nothing), so the
pane's single-letter commands step aside while one has the focus ring. A toolbar's drop-down
is not part of a form: the Document pane's Template choice, reached by tab from the tab bar,
hid `t x y j` from the footer and swallowed `x` without a word (mock meeting 14). Its choices
have their own keys there (`f`, `l`, `c`, `t`), so letters lose nothing by staying commands.
Only enter opens it: ↑, ↓ and space scroll what the toolbar is over (the Document preview),
as they do everywhere else in that pane; once open, the arrows choose as in any drop-down.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Select


class ToolbarSelect(Select[Any], inherit_bindings=False):
    """A Select whose collapsed state leaves letter keys, arrows and space to the pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "show_overlay",
            "Open list",
            show=False,
            id="toolbar.open",
            tooltip="Open the toolbar's drop-down: ↑ ↓ choose, enter takes the choice",
        ),
    ]

    #: Read by pmtui.ui.typing_focus.is_form_focus: letters here are not typing.
    LETTERS_ARE_COMMANDS: ClassVar[bool] = True
