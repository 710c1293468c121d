"""Provides ActionsPane (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from pmtui.ui.panes.base import WorkspacePane


class ActionsPane(WorkspacePane):
    TAB_ID = "actions"

    def compose(self) -> ComposeResult:
        yield Static("ActionsPane")
