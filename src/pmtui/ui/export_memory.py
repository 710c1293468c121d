"""Provides ExportMemory: where and as what the exports of this session were written, so the
next export dialog offers the same again."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ExportMemory:
    """Held by the app for the whole session: a post-mortem closed and opened again still
    offers what it was last exported as, and a new one starts in the folder used last."""

    #: The folder of the last export, whichever post-mortem it was.
    folder: Path | None = None
    #: Per post-mortem id: the folder its document was last written to.
    folders: dict[str, Path] = field(default_factory=dict)
    #: Per post-mortem id: the document format last written (0 Markdown, 1 HTML).
    formats: dict[str, int] = field(default_factory=dict)

    def folder_for(self, pm_id: str) -> Path | None:
        return self.folders.get(pm_id) or self.folder

    def remember(self, pm_id: str, folder: Path, document_format: int | None = None) -> None:
        self.folder = self.folders[pm_id] = folder
        if document_format is not None:
            self.formats[pm_id] = document_format
