"""Provides the hand-over of a file just read, from a read-only store to the next store.

`pmtui timeline import` reads the post-mortem read-only first, so that its evidence is read
and checked before the writer lock is taken; then it opens the file again to write. With
100,000 events, reading and checking the file twice cost half the command. So a read-only
store leaves what it read here when it closes, stamped like the summary sidecar (size,
mtime_ns, inode), and the next store to open the same file takes it while the file still has
that stamp (a writer checks once it holds the lock); otherwise the file is read as usual.
One file at a time, taken once; nothing is kept across a write or after a migration.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmtui.model.postmortem import PostMortem


@dataclass(frozen=True, slots=True)
class Reading:
    path: Path
    stamp: list[int]
    tables: dict[str, dict[Any, Any]]
    postmortems: dict[str, PostMortem]
    #: A team file read for an evidence import (a pmfile_append.TimelineScan).
    scan: Any = None


_kept: list[Reading] = []


def keep(reading: Reading) -> None:
    _kept[:] = [reading]


def forget() -> None:
    """Let go of what a store left: a command that opens no other store after it (an export)
    need not keep a whole file's tables alive for the collector to walk at exit."""
    _kept.clear()


def take(path: Path, stamp: list[int] | None) -> Reading | None:
    """What a store left for `path` while it still has `stamp`; given once, then forgotten."""
    if not _kept:
        return None
    reading = _kept.pop()
    if stamp is None or reading.path != path or reading.stamp != stamp:
        return None
    return reading
