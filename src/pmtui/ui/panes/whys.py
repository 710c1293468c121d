"""Provides WhysPane (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from pmtui.ui.panes.base import WorkspacePane


class WhysPane(WorkspacePane):
    TAB_ID = "whys"

    def compose(self) -> ComposeResult:
        yield Static("WhysPane")
