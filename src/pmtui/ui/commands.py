"""Provides the command palette entries: every screen action, by a clear name."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True)
class PaletteCommand:
    title: str
    help: str
    callback: Callable[[], object]


class ScreenCommands(Provider):
    """Offers the commands of the screen the palette was opened on.

    A screen lists them in `palette_commands()`, next to its BINDINGS, so a user who knows
    no key can still do everything through ctrl+p.
    """

    def _commands(self) -> Iterable[PaletteCommand]:
        source = getattr(self.screen, "palette_commands", None)
        return source() if callable(source) else ()

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, partial(command.callback), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    partial(command.callback),
                    text=command.title,
                    help=command.help,
                )
