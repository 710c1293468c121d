"""Provides read_select_key: a drop-down's keys acted on as the app reads them.

Textual opens a Select's list, moves in it and closes it when the key has bubbled back up to
the app, and moves the focus into and out of the list later still. In a burst (tmux, a paste,
a fast typist: "tab enter up up enter tab 2021-10-28") the app had by then handed "up up
enter" to the closed drop-down and the date to the next field: the severity stayed SEV3 and
the two enters, resolved against the field focused by then, submitted the form twice. Here a
drop-down's keys act at once, focus moves included, so the next key is read where it lands
when typed slowly.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Select
from textual.widgets._select import SelectOverlay

#: The keys that open a closed drop-down (Select's own binding).
_OPENS = frozenset({"enter", "space", "up", "down"})
#: Keys that move in an open list, and the OptionList action each runs.
_MOVES = {
    "up": "action_cursor_up",
    "down": "action_cursor_down",
    "home": "action_first",
    "end": "action_last",
    "pageup": "action_page_up",
    "pagedown": "action_page_down",
}


def read_select_key(screen: Screen[object], focused: Widget | None, key: str) -> bool:
    """Act on `key` for the focused drop-down now; False when it is not a drop-down's key."""
    if isinstance(focused, Select) and not focused.expanded and key in _OPENS:
        _open(screen, focused)
        return True
    if isinstance(focused, SelectOverlay) and isinstance(focused.parent, Select):
        select: Select[object] = focused.parent
        if key in _MOVES:
            getattr(focused, _MOVES[key])()
            return True
        if key in ("enter", "escape"):
            if key == "enter" and focused.highlighted is not None:
                select.value = select._options[focused.highlighted][1]
            _close(screen, select)
            return True
    return False


def _open(screen: Screen[object], select: Select[object]) -> None:
    overlay = select.query_one(SelectOverlay)
    # Without the watcher: it focuses the list only later, which in a burst would take the
    # focus back from a field the user had tabbed on to meanwhile.
    select.set_reactive(Select.expanded, True)
    select.set_class(True, "-expanded")
    index = next(
        (i for i, (_prompt, value) in enumerate(select._options) if value == select.value), None
    )
    overlay.select(index)
    screen.set_focus(overlay, scroll_visible=False)


def _close(screen: Screen[object], select: Select[object]) -> None:
    select.expanded = False
    screen.set_focus(select, scroll_visible=False)
