"""Provides the single-writer lock: a sidecar lock file that also records the holder's pid."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from pmtui.store.errors import StoreLocked


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
        # Recorded after the lock is ours so a refused writer can name who holds it.
        with contextlib.suppress(OSError):
            self.lock_file.write_text(f"{os.getpid()}\n")

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    def _holder_pid(self) -> int | None:
        try:
            text = self.lock_file.read_text().strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None
