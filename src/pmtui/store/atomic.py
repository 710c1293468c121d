"""Provides crash-safe file replacement: the file is always the old or the new version."""

from __future__ import annotations

import contextlib
import glob
import os
from collections.abc import Iterable
from pathlib import Path

from pmtui.atomicfile import replace_file


def temp_path_for(path: Path) -> Path:
    # Same folder as the target, so os.replace is a rename within one filesystem.
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def atomic_write(path: Path, payload: bytes | Iterable[bytes | memoryview]) -> None:
    """Replace the database file `path` with `payload`, crash-safely (see pmtui.atomicfile).

    A temporary file left by a killed writer is recognised by its pid and removed by the
    next writer (`remove_stale_temp_files`).
    """
    temp = temp_path_for(path)
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()  # our own leftover from a write that failed half-way
    replace_file(path, payload, temp, new_file_mode=0o644)


def remove_stale_temp_files(path: Path) -> None:
    """Delete temporary files that a killed writer left beside `path`."""
    # Only ".NAME.<pid>.tmp": escaped, as "pm[1].json" would match another database's
    # temp files, and a pid, as ".pm.json.old.<pid>.tmp" belongs to the database pm.json.old.
    prefix = f".{path.name}."
    for leftover in path.parent.glob(f"{glob.escape(prefix)}*.tmp"):
        if leftover.name[len(prefix) : -len(".tmp")].isdigit():
            with contextlib.suppress(OSError):
                leftover.unlink()
