"""Provides the one check every user-given file passes: pmtui reads and writes regular files only.

A named pipe blocks the reader until someone writes to it, a device never ends (/dev/zero) or
is replaced by a regular file when written over (/dev/null, as root): so both are refused at
once, found with os.stat, which never opens the file. Reading then opens with O_NONBLOCK and
checks the opened file again, so a pipe swapped in between cannot block either.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFile(OSError):
    """`filename` exists but is a pipe, device or socket; `strerror` says which, for a person."""

    strerror: str  # always set by __init__, so callers may show it without a None check

    def __init__(self, path: Path | str, mode: int) -> None:
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        super().__init__(errno.EINVAL, f"is {kind}, not a regular file", str(path))


def refuse_special(path: Path | str, status: os.stat_result) -> None:
    """Raise IsADirectoryError for a folder and NotRegularFile for anything else not regular."""
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(status.st_mode):
        raise NotRegularFile(path, status.st_mode)


def read_regular(path: Path, limit: int = -1) -> bytes:
    """The bytes of the regular file `path` (at most `limit`), following symlinks.

    Raises FileNotFoundError, IsADirectoryError, NotRegularFile (all OSError) without waiting.
    """
    refuse_special(path, os.stat(path))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with open(fd, "rb", closefd=True) as handle:
        refuse_special(path, os.fstat(fd))
        os.set_blocking(fd, True)
        return handle.read(limit)


def write_target(path: Path) -> Path:
    """The file a write to `path` really replaces: a symlink's final target, so the link stays.

    The target may not exist yet; a folder or a special file there is refused (see
    `refuse_special`), as replacing a device node with a regular file damages the system.
    """
    target = Path(os.path.realpath(path))
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return target
    refuse_special(path, status)
    return target
