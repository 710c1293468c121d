"""Provides PmtuiFooter: Textual's Footer, fitted to the screen's width and rebuilt only when
the keys it shows change.

Textual's Footer lays its keys out in one row and cuts whatever passes the right edge: at 80
columns the Timeline pane's footer ended in "f1 Hel" and the Five Whys pane's lost Quit and
Help. This footer shows the keys in the order of the bindings (the focused pane's first, then
the screen's, then the app's), leaves out from the end those with no room, and always ends
with F1 whole: "Help", or "More" when keys were left out (the help screen lists them all).

Textual's Footer also throws its keys away and builds them again on every bindings update
(focus moving, a screen resuming, refresh_bindings), and each new key restyles itself once
more as its compact flag is bound. Opening a post-mortem sent about thirty such updates, most
of them for the very same keys: a third of the time before the first paint. This footer
compares what it would show with what it shows, and keeps its keys when nothing differs.
"""

from __future__ import annotations

from collections.abc import Collection

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: The action of the key that is always shown, last: it opens the list of every key.
HELP_ACTION = "help"
#: Keys kept while others are left out for room: the next undo and redo are named in the
#: footer, and at 120 columns the Timeline's many keys pushed "^y Redo" off (mock meeting 16).
#: The Checks key is shown only as the way back from a finding's place, and then kept.
KEPT_ACTIONS = frozenset({HELP_ACTION, "undo", "redo", "key_tab('checks')"})
#: What the help key says when the footer had no room for some keys.
MORE = "More"


def key_width(key_display: str, description: str, compact: bool) -> int:
    """Cells a FooterKey takes in the footer, with its margin (Textual's Footer styles)."""
    words = cell_len(key_display) + (1 + cell_len(description) if description else 0)
    # Compact: no padding around the key, one cell of margin after each key. Otherwise a
    # cell either side of the key and one after the description, without margin.
    return words + 1 if compact else words + 2


def keys_that_fit(widths: list[int], room: int, always: Collection[int] = ()) -> list[int]:
    """Indexes of the keys shown in `room` cells, in their order: every one of `always`, and
    as many of the others as fit, from the first (left out from the end)."""
    used = sum(widths[index] for index in always)
    shown = []
    full = False
    for index, width in enumerate(widths):
        if index in always:
            shown.append(index)
            continue
        full = full or used + width > room
        if not full:
            used += width
            shown.append(index)
    return shown


class PmtuiFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: object = None
        #: A look at the keys is already due after the next refresh.
        self._look_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        # Opening a post-mortem updates the bindings a dozen times between two refreshes
        # (each pane mounted, the focus moving); one look after the refresh sees them all.
        self._bindings_ready = True
        if not screen.app.app_focus or self._look_queued:
            return
        if self.is_attached and screen is self.screen:
            self._look_queued = self.call_after_refresh(self._look)

    def on_resize(self, event: events.Resize) -> None:
        # A wider or narrower screen has room for more or fewer keys.
        if self._bindings_ready and not self._look_queued:
            self._look_queued = self.call_after_refresh(self._look)

    async def _look(self) -> None:
        self._look_queued = False
        await self.recompose()

    def _width(self) -> int:
        # Docked along the bottom of the screen: before its first layout, the screen's width.
        return self.size.width or self.screen.size.width

    def _what_it_shows(self) -> object:
        """Everything Footer.compose reads, in a comparable form."""
        keys = tuple(
            (
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.group,
                binding.tooltip,
                enabled,
                tooltip,
            )
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING
        )
        return (
            keys,
            self.show_command_palette,
            self.app.ENABLE_COMMAND_PALETTE,
            self.compact,
            self._width(),
        )

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        for widget in widgets:
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # Born as compact as the footer it is bound to: a FooterKey starts compact
                # and the binding then flips it, each flip restyling the key (about 5% of the
                # home screen's start-up). The palette's key is not bound: it stays compact.
                widget.set_reactive(FooterKey.compact, self.compact)
        palette = [w for w in widgets if w.has_class("-command-palette")]
        keys = [w for w in widgets if isinstance(w, FooterKey) and w not in palette]
        if len(keys) + len(palette) < len(widgets):
            yield from widgets  # binding groups (pmtui has none) are left as Textual lays them
            return
        room = self._width() - sum(self._palette_width(w) for w in palette)
        widths = [key_width(k.key_display, k.description, self.compact) for k in keys]
        help_keys = [i for i, k in enumerate(keys) if k.action == HELP_ACTION]
        kept = [i for i, k in enumerate(keys) if k.action in KEPT_ACTIONS]
        if help_keys and sum(widths) > room:
            # Saying "More" takes no more room than "Help".
            keys[help_keys[0]].description = MORE
        shown = keys_that_fit(widths, room, kept) if sum(widths) > room else range(len(keys))
        # F1 ends the row, whatever its place among the bindings.
        order = [i for i in shown if i not in help_keys] + [i for i in shown if i in help_keys]
        yield from (keys[i] for i in order)
        yield from palette

    def _palette_width(self, key: Widget) -> int:
        assert isinstance(key, FooterKey)
        # Docked right: a one-cell border on its left, no padding around the key, and one
        # cell after the description unless compact.
        words = cell_len(key.key_display) + 1 + cell_len(key.description)
        return 1 + words + (0 if self.compact else 1)

    async def recompose(self) -> None:
        if not self.is_attached or self.screen not in self.app.screen_stack:
            # A dialog being dismissed loses its widgets before its footer: a look queued
            # just before would ask the half-emptied dialog which keys apply.
            return
        shown = self._what_it_shows()
        if shown == self._shown and self.children:
            return
        self._shown = shown
        await super().recompose()


def show_dialog_keys(dialog: Screen) -> None:
    """Give a dialog its own footer along the bottom, over the footer of the screen below:
    while the dialog is open the keys that apply are its own (ctrl+s, esc), not that screen's."""
    if not dialog.query_children(PmtuiFooter):
        dialog.mount(PmtuiFooter())
