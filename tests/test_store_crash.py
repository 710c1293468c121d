"""Kills a saving pmtui at random moments: the file must always be a committed state.

The writer (tests/store_writer.py) saves revision after revision of a 3,000-event post-mortem
and prints each revision once it is saved. After every SIGKILL the file must load read-only,
hold exactly the last printed revision or the one after it (the save that finished before
its "saved" line got out), leave the other post-mortem alone, and let the next writer take
the lock and clear the killed writer's temporary file.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import TextIO

import pytest

from pmtui.store import PostMortemStore

KILLS = 60
WRITER_SCRIPT = Path(__file__).with_name("store_writer.py")


def _load_writer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("store_writer", WRITER_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


writer = _load_writer()


class Writers:
    """Starts writers through store_writer.py's fork server: each is a process of its own,
    forked from one that already imported pmtui (an interpreter's start-up per kill would be
    most of this test's cost and none of what it checks)."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._errors = (folder / "writers.err").open("w+")
        self._server = subprocess.Popen(
            [sys.executable, str(WRITER_SCRIPT), "--fork-server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            text=True,
        )
        self._started = 0
        self._live: int | None = None  # a writer not yet killed, should the test fail

    def start(self, path: Path, seed: int) -> tuple[int, TextIO, int]:
        """A new writer on `path`: its pid, its stdout and the revision it found."""
        assert self._server.stdin is not None and self._server.stdout is not None
        self._started += 1
        output = self._folder / f"writer-{self._started}.out"
        os.mkfifo(output)
        self._server.stdin.write(f"{path}\t{seed}\t{output}\n")
        self._server.stdin.flush()
        pid = self._live = int(self._expect("pid"))
        stdout = output.open()  # the writer opens the other end first thing
        line = stdout.readline()
        if not line.startswith("ready "):
            pytest.fail(f"writer did not start: {line!r} {self.errors()}")
        return pid, stdout, int(line.split()[1])

    def kill(self, pid: int, stdout: TextIO) -> tuple[str, int]:
        """SIGKILL the writer: what it printed, and the signal that ended it."""
        os.kill(pid, signal.SIGKILL)
        self._live = None
        with stdout:
            out = stdout.read()
        return out, int(self._expect("signal"))

    def errors(self) -> str:
        self._errors.seek(0)
        return self._errors.read()

    def close(self) -> None:
        assert self._server.stdin is not None
        if self._live is not None:
            with contextlib.suppress(ProcessLookupError):  # it may have ended on its own
                os.kill(self._live, signal.SIGKILL)
        self._server.stdin.close()
        self._server.wait(timeout=60)
        self._errors.close()

    def _expect(self, word: str) -> str:
        assert self._server.stdout is not None
        line = self._server.stdout.readline()
        assert line.startswith(f"{word} "), f"fork server said {line!r}: {self.errors()}"
        return line.split()[1]


@pytest.fixture
def writers(tmp_path: Path) -> Iterator[Writers]:
    folder = tmp_path / "writers"
    folder.mkdir()
    started = Writers(folder)
    yield started
    started.close()


def _temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def test_kill_during_saves_leaves_a_committed_state(tmp_path: Path, writers: Writers) -> None:
    path = tmp_path / "postmortems.json"
    seed = 4242
    expected = writer.initial_postmortem()
    bystander = writer.bystander_postmortem()
    with PostMortemStore.open(path) as store:
        store.create(expected)
        store.create(bystander)

    rng = random.Random(seed)
    began = time.monotonic()
    kills_mid_write = 0
    beyond_reported = 0
    revisions_saved = 0
    stale: list[Path] = []
    for kill in range(KILLS):
        # Starting at all proves the kernel released the killed writer's lock.
        pid, stdout, ready_rev = writers.start(path, seed)
        assert ready_rev == writer.revision_of(expected)
        # Opening as the writer cleared what the killed one left behind.
        assert [p for p in stale if p.exists()] == []
        time.sleep(rng.uniform(0.003, 0.150))
        out, ended_by = writers.kill(pid, stdout)
        assert ended_by == signal.SIGKILL, writers.errors()
        saved = [int(line.split()[1]) for line in out.splitlines() if line.startswith("saved ")]
        reported = saved[-1] if saved else ready_rev

        stale = [p for p in _temp_files(path) if p.name == f".{path.name}.{pid}.tmp"]
        kills_mid_write += bool(stale)

        with PostMortemStore.open(path, read_only=True) as reader:
            assert sorted(reader.ids()) == sorted([writer.CRASH_ID, writer.BYSTANDER_ID])
            loaded = reader.load(writer.CRASH_ID)
            assert reader.load(writer.BYSTANDER_ID) == bystander
        rev = writer.revision_of(loaded)
        assert rev in (reported, reported + 1), f"kill {kill}: file at rev {rev}, told {reported}"
        beyond_reported += rev == reported + 1
        revisions_saved += rev - writer.revision_of(expected)
        expected = writer.replay(expected, rev, seed)
        assert loaded == expected, f"kill {kill}: rev {rev} differs from what the writer saved"

    elapsed = time.monotonic() - began
    # A writer in this process takes the lock too, and clears what the last kill left.
    with PostMortemStore.open(path) as store:
        assert store.load(writer.CRASH_ID) == expected
        assert _temp_files(path) == []
    print(
        f"\n{KILLS} kills in {elapsed:.1f} s: {revisions_saved} revisions verified, "
        f"{kills_mid_write} kills left a temp file, {beyond_reported} files one save ahead "
        f"of the writer's last report"
    )
    assert revisions_saved > KILLS  # the writer really saved between kills
    assert kills_mid_write > 0  # some kills landed inside a write
