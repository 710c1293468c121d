"""Tests the single-writer lock as other pmtui processes meet it: taken with flock where the
system has it, by filelock without it, and either way the same lock on the same file."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from pmtui.store import PostMortemStore, StoreLocked
from pmtui.store import lock as lock_module
from pmtui.store.lock import lock_path_for

#: Opens the database for writing as a bare pmtui would, and says which lock packages it used.
OPEN_FOR_WRITING = """
import sys
from pmtui.store import PostMortemStore

with PostMortemStore.open(sys.argv[1]):
    pass
print("filelock" in sys.modules)
"""


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "postmortems.json"


def test_taking_the_lock_does_not_import_filelock(db: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(OPEN_FOR_WRITING), str(db)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "False\n"
    assert lock_path_for(db).exists()


def test_a_lock_held_through_filelock_refuses_a_writer_naming_its_pid(db: Path) -> None:
    # An older pmtui took the lock with filelock: it still keeps this one out.
    held = FileLock(str(lock_path_for(db)), timeout=0, thread_local=False)
    with held:
        lock_path_for(db).write_text("4242\n")
        with pytest.raises(StoreLocked) as refused:
            PostMortemStore.open(db)
        assert refused.value.pid == 4242
    with PostMortemStore.open(db):  # released by the other: this writer gets it
        pass


def test_a_writer_holding_the_lock_keeps_filelock_out(db: Path) -> None:
    with PostMortemStore.open(db):
        assert lock_path_for(db).read_text() == f"{os.getpid()}\n"
        with pytest.raises(Timeout):
            FileLock(str(lock_path_for(db)), timeout=0, thread_local=False).acquire()
    other = FileLock(str(lock_path_for(db)), timeout=0, thread_local=False)
    other.acquire()  # closing the store let it go
    other.release()


def test_without_flock_filelock_takes_the_same_lock(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock_module, "HAS_FLOCK", False)
    first = PostMortemStore.open(db)
    try:
        with pytest.raises(StoreLocked) as refused:
            PostMortemStore.open(db)
        assert refused.value.pid == os.getpid()
    finally:
        first.close()
    with PostMortemStore.open(db):  # released on close
        pass


def test_the_pid_is_written_over_the_last_one_without_emptying_the_file(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Emptying a file that held data waits for the disk on ext4 (4 ms of every start-up).
    emptied: list[str] = []
    real_open, real_truncate = os.open, os.ftruncate

    def spied_open(path: object, flags: int, *args: int) -> int:
        if flags & os.O_TRUNC:
            emptied.append(f"open {path}")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    def spied_truncate(fd: int, length: int) -> None:
        if length == 0:
            emptied.append("ftruncate to 0")
        real_truncate(fd, length)

    monkeypatch.setattr(os, "open", spied_open)
    monkeypatch.setattr(os, "ftruncate", spied_truncate)
    for last_holder in ("4194304123\n", "7\n"):  # a longer pid, then a shorter one
        lock_path_for(db).write_text(last_holder)
        with PostMortemStore.open(db):
            assert lock_path_for(db).read_text() == f"{os.getpid()}\n"
    assert emptied == []
