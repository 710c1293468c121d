"""Provides WorkspaceHost and ChecklistHost: what panes and modals may ask of the screen
that shows the post-mortem, named as Protocols so they never import that screen.

The screen module imports every pane; a pane importing it back would tie the whole UI into
one import circle. Anything a pane wants beyond these calls it asks for with a message
(pmtui.ui.messages) that the screen handles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

    from pmtui.analysis.findings import Finding
    from pmtui.history import Change
    from pmtui.model.postmortem import PostMortem
    from pmtui.service import PostMortemService
    from pmtui.ui.widgets.status_bar import SaveState


class WorkspaceHost(Protocol):
    """The screen a pane lives in: the one post-mortem, the service, and the save state."""

    service: PostMortemService
    read_only_reason: str
    save_state: SaveState | None

    @property
    def pm(self) -> PostMortem: ...

    @property
    def read_only(self) -> bool: ...

    @property
    def app(self) -> App[object]: ...

    @property
    def focused(self) -> Widget | None: ...

    def commit(self, command: Callable[[PostMortem], PostMortem]) -> Change | None:
        """Run a service call on the current post-mortem and adopt the result."""
        ...

    def flush_pending(self) -> None:
        """Save typing still waiting for its debounce, in every pane."""
        ...

    def show_save_state(self) -> None:
        """Saved, unless a field shows typing it refused."""
        ...

    def mark_pending(self) -> None:
        """Typing is waiting for its debounce; the status bar must not claim it is saved."""
        ...

    def show_tab(self, tab_id: str) -> None: ...

    def tab_title(self, tab_id: str) -> str: ...

    def refresh_bindings(self) -> None: ...


class ChecklistHost(Protocol):
    """What the readiness checklist needs of the Checks pane that opened it."""

    @property
    def pm(self) -> PostMortem | None: ...

    @property
    def service(self) -> PostMortemService: ...

    def commit(self, command: Callable[[PostMortem], PostMortem]) -> Change | None: ...

    def go_to(self, where: str, about: str = "") -> None:
        """Show the place a finding is about, ready to fix; `about`: what it says."""
        ...

    def waive(self, finding: Finding, on_done: Callable[[bool], None] | None = None) -> None:
        """Ask for a reason, then record the waiver."""
        ...
