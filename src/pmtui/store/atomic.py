"""Provides crash-safe file replacement: the file is always the old or the new version."""

from __future__ import annotations

import contextlib
import glob
import os
from pathlib import Path


def temp_path_for(path: Path) -> Path:
    # Same folder as the target, so os.replace is a rename within one filesystem.
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def atomic_write(path: Path, payload: bytes) -> None:
    """Write `payload` to a temporary file, fsync it, rename it over `path`, fsync the folder.

    A crash at any point leaves `path` holding either its previous bytes or `payload`.
    """
    temp = temp_path_for(path)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    os.close(fd)
    try:
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not every platform can open a folder for this.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temp_files(path: Path) -> None:
    """Delete temporary files that a killed writer left beside `path`."""
    # Only ".NAME.<pid>.tmp": escaped, as "pm[1].json" would match another database's
    # temp files, and a pid, as ".pm.json.old.<pid>.tmp" belongs to the database pm.json.old.
    prefix = f".{path.name}."
    for leftover in path.parent.glob(f"{glob.escape(prefix)}*.tmp"):
        if leftover.name[len(prefix) : -len(".tmp")].isdigit():
            with contextlib.suppress(OSError):
                leftover.unlink()
