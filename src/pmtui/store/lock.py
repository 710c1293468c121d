"""Provides the single-writer lock: a sidecar lock file that also records the holder's pid.

Where the system has flock (every POSIX system pmtui runs on), the lock is taken with it
directly: importing filelock cost the home screen's start-up about 9 ms, for the one call
it needs. The lock is the same flock on the same file that filelock takes, so a pmtui
holding it either way refuses the other. Without flock (Windows, or a file system that
does not support it) filelock takes it as before.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING

from pmtui.store.errors import StoreError, StoreLocked

if TYPE_CHECKING:
    from filelock import BaseFileLock

try:
    import fcntl
except ImportError:  # Windows: filelock's own lock
    HAS_FLOCK = False
else:
    HAS_FLOCK = True

# The sidecar sits in the database's folder, where someone else may have planted a symlink
# named like it: never follow one (filelock opens it with O_NOFOLLOW too). O_NONBLOCK: a
# FIFO planted there must not hang the open.
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
#: What flock answers when another open file holds the lock (EACCES on some file systems).
_HELD_ELSEWHERE = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES})


def lock_path_for(path: Path) -> Path:
    # A sidecar, not the database itself: os.replace swaps the database's inode on every save.
    return path.with_name(path.name + ".lock")


def _record_pid(fd: int) -> None:
    """Write this process's pid over the last holder's, then cut what is left of a longer one.

    Not truncated to nothing first: on ext4 emptying a file that held data waits for the
    disk (4 ms of the home screen's start-up), cutting it to a length does not.
    """
    pid = f"{os.getpid()}\n".encode()
    os.pwrite(fd, pid, 0)
    if os.fstat(fd).st_size > len(pid):
        os.ftruncate(fd, len(pid))


class WriterLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_file = lock_path_for(path)
        #: The open lock file while this lock holds it through flock.
        self._fd: int | None = None
        #: filelock's lock, where flock is missing.
        self._fallback: BaseFileLock | None = None

    def acquire(self) -> None:
        try:
            fd = self._flocked() if HAS_FLOCK else None
            if fd is None:
                self._acquire_with_filelock()
                return
        except OSError as error:
            if error.errno == errno.ELOOP or self.lock_file.is_symlink():
                raise StoreError(
                    f"{self.lock_file} is a symlink, not pmtui's lock file; pmtui does not "
                    "follow it: remove it if no pmtui is running"
                ) from None
            raise
        self._fd = fd
        # Recorded after the lock is ours so a refused writer can name who holds it.
        with contextlib.suppress(OSError):
            _record_pid(fd)

    def _flocked(self) -> int | None:
        """The lock file, open and flocked by this lock; None where flock is not supported.

        Raises StoreLocked when another open file (this process's or another's) holds it.
        """
        fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT | _NO_FOLLOW, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno in _HELD_ELSEWHERE:
                raise StoreLocked(self.path, self._holder_pid()) from None
            if error.errno == errno.ENOSYS:
                return None
            raise
        return fd

    def _acquire_with_filelock(self) -> None:
        # Imported here: filelock is a large package, needed only without flock.
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.lock_file), timeout=0, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            raise StoreLocked(self.path, self._holder_pid()) from None
        self._fallback = lock
        with contextlib.suppress(OSError):
            fd = os.open(self.lock_file, os.O_WRONLY | _NO_FOLLOW)
            try:
                _record_pid(fd)
            finally:
                os.close(fd)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            # Closing the file releases its flock; unlocking first says so explicitly.
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)
        fallback, self._fallback = self._fallback, None
        if fallback is not None and fallback.is_locked:
            fallback.release()

    def _holder_pid(self) -> int | None:
        try:
            fd = os.open(self.lock_file, os.O_RDONLY | _NO_FOLLOW)
        except OSError:
            return None
        try:
            text = os.read(fd, 32).decode("ascii", "replace").strip()
        except OSError:
            return None
        finally:
            os.close(fd)
        return int(text) if text.isdigit() else None
