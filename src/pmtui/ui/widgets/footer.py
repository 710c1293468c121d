"""Provides PmtuiFooter: Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer throws its keys away and builds them again on every bindings update
(focus moving, a screen resuming, refresh_bindings), and each new key restyles itself once
more as its compact flag is bound. Opening a post-mortem sent about thirty such updates, most
of them for the very same keys: a third of the time before the first paint. This footer
compares what it would show with what it shows, and keeps its keys when nothing differs.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


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

    async def _look(self) -> None:
        self._look_queued = False
        await self.recompose()

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
        return (keys, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE)

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        shown = self._what_it_shows()
        if shown == self._shown and self.children:
            return
        self._shown = shown
        await super().recompose()
