"""Provides TimelinePane (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from pmtui.ui.panes.base import WorkspacePane


class TimelinePane(WorkspacePane):
    TAB_ID = "timeline"

    def compose(self) -> ComposeResult:
        yield Static("TimelinePane")
