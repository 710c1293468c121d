"""Provides pmtui's storage: the single database file and the team folder, behind one interface.

The two store classes are imported on first use: a team folder never needs TinyDB.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmtui.store.errors import (
    DamagedFile,
    NewerFormat,
    NewerSchema,
    NotFound,
    ReadOnlyStore,
    StoreError,
    StoreLocked,
    WriteFailed,
)

if TYPE_CHECKING:
    from pmtui.store.database import PostMortemStore
    from pmtui.store.folder import FolderStore
    from pmtui.store.protocol import Store

__all__ = [
    "DamagedFile",
    "FolderStore",
    "NewerFormat",
    "NewerSchema",
    "NotFound",
    "PostMortemStore",
    "ReadOnlyStore",
    "Store",
    "StoreError",
    "StoreLocked",
    "WriteFailed",
    "open_store",
]


def open_store(path: Path | str, *, read_only: bool = False) -> Store:
    """The team folder at `path` (a folder holding pmtui-team.json), else the database file."""
    from pmtui.store.layout import is_team_folder

    path = Path(path).expanduser()
    if is_team_folder(path):
        from pmtui.store.folder import FolderStore

        return FolderStore.open(path, read_only=read_only)
    if path.is_dir():
        raise DamagedFile(
            path, "is a folder but not a team folder (make it one with: pmtui init FOLDER)"
        )
    from pmtui.store.database import PostMortemStore

    return PostMortemStore.open(path, read_only=read_only)


def __getattr__(name: str) -> Any:
    if name == "PostMortemStore":
        from pmtui.store.database import PostMortemStore

        return PostMortemStore
    if name == "FolderStore":
        from pmtui.store.folder import FolderStore

        return FolderStore
    if name == "Store":
        from pmtui.store.protocol import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
