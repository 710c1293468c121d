"""Provides DocumentPane and DocumentPreview (being built)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widgets import Static

from pmtui.model.postmortem import PostMortem
from pmtui.ui.panes.base import WorkspacePane


class DocumentPane(WorkspacePane):
    TAB_ID = "document"

    def compose(self) -> ComposeResult:
        yield Static("DocumentPane")


class DocumentPreview(Static):
    pm: reactive[PostMortem | None] = reactive(None)
