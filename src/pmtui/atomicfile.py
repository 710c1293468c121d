"""Provides crash-safe file replacement, shared by the database store and document exports.

The bytes go to a temporary file in the target's folder, are fsynced, then renamed over the
target, and the folder is fsynced, so a crash leaves either the old file or the whole new one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path


def replace_file(
    path: Path, payload: bytes | Iterable[bytes | memoryview], temp: Path, *, new_file_mode: int
) -> None:
    """Replace `path` with `payload` (bytes, or the file's bytes piece by piece) through `temp`
    (which must be in the same folder).

    An existing file keeps its permissions; a new one gets `new_file_mode` (less the umask).
    """
    try:
        mode: int | None = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = None
    # O_EXCL: a name planted beforehand (a symlink to someone's file, too) is never opened.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, new_file_mode)
    try:
        try:
            for piece in (payload,) if isinstance(payload, bytes) else payload:
                view = memoryview(piece)
                while view:
                    view = view[os.write(fd, view) :]
            if mode is not None:
                # Through the descriptor: the name could have been swapped for a link by now.
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename inside `folder` durable; not every platform can open a folder for this."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
