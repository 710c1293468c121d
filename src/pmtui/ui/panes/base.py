"""Provides WorkspacePane: what every pane of the workspace shares.

A pane shows the post-mortem it is bound to (`pm`, bound down from the workspace screen) and
changes it only through `commit`, which runs a service call and hands the new state back to
the screen. Panes never hold their own copy of the truth.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.containers import Vertical
from textual.reactive import reactive

from pmtui.history import Change
from pmtui.model.postmortem import PostMortem
from pmtui.service import PostMortemService
from pmtui.ui.commands import PaletteCommand

if TYPE_CHECKING:
    from pmtui.ui.screens.workspace import WorkspaceScreen


class WorkspacePane(Vertical):
    pm: reactive[PostMortem | None] = reactive(None)

    #: The TabPane id this pane lives in; palette commands switch to it first.
    TAB_ID = ""

    @property
    def workspace(self) -> WorkspaceScreen:
        from pmtui.ui.screens.workspace import WorkspaceScreen

        screen = self.screen
        assert isinstance(screen, WorkspaceScreen)
        return screen

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
        return []

    def flush_pending(self) -> None:
        """Save any typing still waiting for its debounce timer (called on leave and quit)."""

    def focus_default(self) -> None:
        """Focus the widget a user most likely wants when this pane is shown."""

    def run_in_tab(self, action: Callable[[], Any]) -> Callable[[], None]:
        """Wrap a palette callback so it first brings this pane's tab to the front."""

        def run() -> None:
            self.workspace.show_tab(self.TAB_ID)
            action()

        return run
