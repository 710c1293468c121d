"""Provides WorkspacePane: what every pane of the workspace shares.

A pane shows the post-mortem it is bound to (`pm`, bound down from the workspace screen) and
changes it only through `commit`, which runs a service call and hands the new state back to
the screen. Panes never hold their own copy of the truth.

A pane sees its screen only as a WorkspaceHost (pmtui.ui.host) and never imports the screen
module: what it wants elsewhere (another pane's place shown, the checklist walked) it asks for
with a message from pmtui.ui.messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, cast

from textual.containers import Vertical
from textual.reactive import reactive
from textual.widget import Widget

from pmtui.history import Change
from pmtui.model.postmortem import PostMortem
from pmtui.service import PostMortemService
from pmtui.ui.commands import PaletteCommand
from pmtui.ui.host import WorkspaceHost


class WorkspacePane(Vertical):
    pm: reactive[PostMortem | None] = reactive(None)

    #: The TabPane id this pane lives in; palette commands switch to it first.
    TAB_ID = ""

    @property
    def workspace(self) -> WorkspaceHost:
        # Panes are composed only by the workspace screen, which is a WorkspaceHost.
        return cast(WorkspaceHost, self.screen)

    @property
    def service(self) -> PostMortemService:
        return self.workspace.service

    def commit(self, command: Callable[[PostMortem], PostMortem]) -> Change | None:
        """Apply a service call to the current post-mortem; see WorkspaceScreen.commit."""
        return self.workspace.commit(command)

    def unavailable_reason(self, action: str) -> str:
        """Why `action` cannot run now, in words for a notification ('' when it can)."""
        return self.workspace.read_only_reason if self.workspace.read_only else ""

    def can_run(self, action: str) -> bool:
        """Whether `action` can run now; when not, the user is told why."""
        reason = self.unavailable_reason(action)
        if reason:
            self.notify(reason, severity="warning")
        return not reason

    def palette_commands(self) -> list[PaletteCommand]:
        """Commands named in this pane's own words (each with the bound action it runs)."""
        return []

    def key_commands(self) -> list[PaletteCommand]:
        """This pane's keys that `palette_commands` does not already name, from any tab:
        each by its Binding's description, after the tab's name."""
        from pmtui.ui.commands import binding_command, declared_bindings

        named = {command.action for command in self.palette_commands()}
        tab = self.workspace.tab_title(self.TAB_ID)
        commands = []
        for binding in declared_bindings(self):
            if binding.action in named or not binding.id or not binding.description:
                continue
            named.add(binding.action)
            command = binding_command(self.screen, self, binding, run_in=self.run_in_tab)
            if command is not None:
                commands.append(replace(command, title=f"{tab}: {command.title}"))
        return commands

    def flush_pending(self) -> None:
        """Save any typing still waiting for its debounce timer (called on leave and quit)."""

    def focus_default(self) -> None:
        """Focus the widget a user most likely wants when this pane is shown."""

    def tab_shown(self) -> None:
        """This pane's tab was brought to the front (by a key, the palette or a click)."""

    def focus_list(self) -> None:
        """Focus the pane's list or table, never a text field (see WorkspaceScreen.focus_list);
        most panes' default focus already is one."""
        self.focus_default()

    def focus_in_front(self, widget: Widget, *, scroll_visible: bool = True) -> None:
        """Focus `widget`, a callback after a refresh, unless another tab came to the front
        meanwhile (a key took the user back to where they were): focused, its tab would
        come back to the front, as TabbedContent shows the tab of the focused widget."""
        tab = self.parent
        if tab is None or tab.display:
            widget.focus(scroll_visible=scroll_visible)

    def view_place(self) -> object:
        """How this pane is shown, where a key changes it without changing the post-mortem
        (a sort, a template); None when no key does. See `return_to_view`."""
        return None

    def return_to_view(self, place: object) -> None:
        """Show the pane as `view_place` found it: the key that changed it was the first
        letter of a word typed where keys are commands (pmtui.ui.typed_words)."""

    def run_in_tab(self, action: Callable[[], Any]) -> Callable[[], None]:
        """Wrap a palette callback so it first brings this pane's tab to the front."""

        def run() -> None:
            self.workspace.show_tab(self.TAB_ID)
            action()

        return run
