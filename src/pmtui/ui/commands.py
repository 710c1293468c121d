"""Provides the command palette entries: every key of the screen by its Binding's description,
and the few commands that have no key."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.actions import parse as parse_action
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen

from pmtui.ui.binding_catalog import remapped
from pmtui.ui.command_listing import listing_commands


@dataclass(frozen=True)
class PaletteCommand:
    title: str
    help: str
    callback: Callable[[], object]
    #: The bound action this entry names in its own words (the undo entry says what it takes
    #: back); the palette then leaves out that key's entry. Empty for commands with no key.
    action: str = ""


def lists_own_commands(node: DOMNode) -> bool:
    """Workspace panes name their commands themselves, so that the palette reaches a pane on
    another tab too; their keys are not listed twice."""
    return not isinstance(node, Screen) and callable(getattr(node, "palette_commands", None))


def declared_bindings(node: DOMNode) -> list[Binding]:
    """The Bindings pmtui's classes of `node` declare, most specific first (Textual's own
    keys, such as tab for focus, are not pmtui's to describe)."""
    return [
        binding
        for cls in type(node).__mro__
        if cls.__module__.startswith("pmtui.")
        for binding in vars(cls).get("BINDINGS", ())
        if isinstance(binding, Binding)
    ]


def allows(node: DOMNode, action: str) -> bool:
    """Whether `action` (as a Binding names it, on `node`) applies now: the node that runs it
    neither hides it (False) nor greys it out (None) with its `check_action`."""
    # parse gives (namespace, name, parameters); the name, not the namespace, is checked.
    namespace, name, parameters = parse_action(action)
    target: DOMNode = node.app if namespace == "app" else node
    if namespace == "screen":
        target = node.screen
    return bool(target.check_action(name, parameters))


def applicable(node: DOMNode, commands: list[PaletteCommand]) -> list[PaletteCommand]:
    """`commands` of `node` that apply now: one naming a bound action goes when `node`'s
    check_action refuses that action (no row selected, nothing to reopen, no conflict)."""
    return [command for command in commands if not command.action or allows(node, command.action)]


def binding_command(
    screen: Screen,
    node: DOMNode,
    binding: Binding,
    *,
    run_in: Callable[[Callable[[], object]], Callable[[], object]] | None = None,
) -> PaletteCommand | None:
    """The palette entry of `binding` on `node`, or None when `check_action` refuses it now.

    `run_in` wraps the run (a workspace pane first brings its tab to the front)."""
    if not allows(node, binding.action):
        return None
    keymap: dict[str, str] = getattr(screen.app, "pm_keymap", {})
    run: Callable[[], object] = partial(
        screen.app.call_later, run_from_palette, screen, node, binding.action
    )
    return PaletteCommand(
        binding.description,
        _help(screen, binding, keymap),
        run_in(run) if run_in else run,
        action=binding.action,
    )


async def run_from_palette(screen: Screen, node: DOMNode, action: str) -> None:
    """Run `action` on `node` as the palette's choice. A key a text box takes as a letter is
    offered while a field has the focus (see listing_commands), but run with the focus back
    in that field its check_action refuses it as typing: "Start meeting mode" with the cursor
    in a new Summary closed the palette and did nothing (mock review 29a). The palette is
    not typing, so the focus leaves the field first."""
    from pmtui.ui.typing_focus import is_form_focus

    if not allows(node, action) and is_form_focus(screen.focused):
        with listing_commands():
            offered = allows(node, action)  # no task starts in here: the flag stays local
        if offered:
            screen.set_focus(None)
    await screen.app.run_action(action, node)


def binding_commands(screen: Screen) -> list[PaletteCommand]:
    """One command per pmtui key that `check_action` allows now on `screen` (its focused
    widget and what holds it, the screen and the app), named by the Binding's description
    and tooltip. Keys a text field takes as typing are listed too: the palette runs them."""
    focused = screen.focused
    chain = [*focused.ancestors_with_self] if focused is not None else [screen, screen.app]
    commands: list[PaletteCommand] = []
    seen: set[tuple[int, str]] = set()
    # Two keys for one thing (1 and F2 both go to Overview): the palette names it once.
    titles: set[str] = set()
    for node in chain:
        if lists_own_commands(node):
            continue
        for binding in declared_bindings(node):
            if not binding.id or not binding.description or binding.description in titles:
                continue
            if (id(node), binding.action) in seen:
                continue
            command = binding_command(screen, node, binding)
            if command is None:
                continue
            seen.add((id(node), binding.action))
            titles.add(binding.description)
            commands.append(command)
    return commands


def _help(screen: Screen, binding: Binding, keymap: dict[str, str]) -> str:
    key = screen.app.get_key_display(remapped(binding, keymap))
    return f"{binding.tooltip} ({key})" if binding.tooltip else key


def palette_entries(screen: Screen) -> list[PaletteCommand]:
    """Everything ctrl+p offers on `screen`: its keys, then the commands without a key."""
    with listing_commands():
        source = getattr(screen, "palette_commands", None)
        extra: list[PaletteCommand] = list(source()) if callable(source) else []
        named = {command.action for command in extra if command.action}
        keys = [command for command in binding_commands(screen) if command.action not in named]
    return [*keys, *extra]


#: How much a hit counts when the typed words start later in its title than its first word.
LATER_WORD_WEIGHT = 0.6


#: Words of commands that delete: listed first only when the words typed ask for them.
_DELETING = ("delete", "remove")


def ranked(title: str, query: str, score: float) -> float:
    """The palette's score of the command `title` for the words typed, from the fuzzy
    matcher's `score`.

    - A title that begins with what was typed comes first; undo or redo only when asked for
      by name: "edit owner" and "owner" listed "Redo edit owner" above "Edit owner /
      facilitator", and enter redid a change.
    - A pane's name typed whole ("five whys") puts "Go to Five Whys" first, and a command
      that deletes comes first only when a typed word asks for it: "five whys" listed "Five
      Whys: Delete" first, and enter deleted a factor with its chain (mock 33a).
    """
    words = query.casefold().split()
    typed = " ".join(words)
    lowered = title.casefold()
    if typed and lowered == f"go to {typed}":
        return score * 2
    first = words[0] if words else ""
    history = lowered.startswith(("undo ", "redo ")) and not lowered.startswith(first)
    if history or (first and not lowered.startswith(first)):
        score *= LATER_WORD_WEIGHT * (LATER_WORD_WEIGHT if history else 1)
    asked = any(verb.startswith(word) for verb in _DELETING for word in words if len(word) > 2)
    if not asked and any(verb in lowered for verb in _DELETING):
        score *= LATER_WORD_WEIGHT * LATER_WORD_WEIGHT
    return score


class ScreenCommands(Provider):
    """Offers the commands of the screen the palette was opened on, so a user who knows
    no key can still do everything through ctrl+p."""

    async def startup(self) -> None:
        # A workspace builds a tab's pane when it is first shown; the palette offers the
        # commands of every tab. Built in a task of its own that each search waits for,
        # shielded: Textual awaits startup in the first search, and words typed at once
        # cancelled that search, the startup with it, and every later search found nothing
        # ("edit trigger" typed right after ctrl+p listed no command, mock 32b).
        compose_all_panes = getattr(self.screen, "compose_all_panes", None)
        self._panes_built: asyncio.Task[None] | None = (
            asyncio.ensure_future(compose_all_panes()) if compose_all_panes is not None else None
        )

    async def _commands(self) -> list[PaletteCommand]:
        if self._panes_built is not None:
            # A pane that failed to build offers no commands; the others still do.
            with contextlib.suppress(Exception):
                await asyncio.shield(self._panes_built)
        return palette_entries(self.screen)

    async def discover(self) -> Hits:
        for command in await self._commands():
            yield DiscoveryHit(command.title, partial(command.callback), help=command.help)

    async def search(self, query: str) -> Hits:
        commands = await self._commands()
        matcher = self.matcher(query)
        for command in commands:
            score = ranked(command.title, query, matcher.match(command.title))
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    partial(command.callback),
                    text=command.title,
                    help=command.help,
                )
