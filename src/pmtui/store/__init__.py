"""Provides the database file: typed, crash-safe, single-writer storage of post-mortems."""

from pmtui.store.database import PostMortemStore
from pmtui.store.errors import (
    DamagedFile,
    NewerSchema,
    NotFound,
    ReadOnlyStore,
    StoreError,
    StoreLocked,
    WriteFailed,
)

__all__ = [
    "DamagedFile",
    "NewerSchema",
    "NotFound",
    "PostMortemStore",
    "ReadOnlyStore",
    "StoreError",
    "StoreLocked",
    "WriteFailed",
]
