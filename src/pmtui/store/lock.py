"""Provides the single-writer lock: a sidecar lock file that also records the holder's pid."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from pmtui.store.errors import StoreError, StoreLocked

# The sidecar sits in the database's folder, where someone else may have planted a symlink
# named like it: never follow one (filelock opens it with O_NOFOLLOW too).
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def lock_path_for(path: Path) -> Path:
    # A sidecar, not the database itself: os.replace swaps the database's inode on every save.
    return path.with_name(path.name + ".lock")


class WriterLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_file = lock_path_for(path)
        # Imported here: filelock is a large package, and read-only opens never need it.
        from filelock import FileLock

        self._lock = FileLock(str(self.lock_file), timeout=0, thread_local=False)

    def acquire(self) -> None:
        from filelock import Timeout

        try:
            self._lock.acquire()
        except Timeout:
            raise StoreLocked(self.path, self._holder_pid()) from None
        except OSError as error:
            if error.errno == errno.ELOOP or self.lock_file.is_symlink():
                raise StoreError(
                    f"{self.lock_file} is a symlink, not pmtui's lock file; pmtui does not "
                    "follow it: remove it if no pmtui is running"
                ) from None
            raise
        # Recorded after the lock is ours so a refused writer can name who holds it.
        with contextlib.suppress(OSError):
            fd = os.open(self.lock_file, os.O_WRONLY | os.O_TRUNC | _NO_FOLLOW)
            try:
                os.write(fd, f"{os.getpid()}\n".encode())
            finally:
                os.close(fd)

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

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
