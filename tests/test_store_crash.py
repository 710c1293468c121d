"""Kills a saving pmtui at random moments: the file must always be a committed state.

The writer (tests/store_writer.py) saves revision after revision of a 3,000-event post-mortem
and prints each revision once it is saved. After every SIGKILL the file must load read-only,
hold exactly the last printed revision or the one after it (the save that finished before
its "saved" line got out), leave the other post-mortem alone, and let the next writer take
the lock and clear the killed writer's temporary file.
"""

from __future__ import annotations

import importlib.util
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

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


def _start_writer(path: Path, seed: int) -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [sys.executable, str(WRITER_SCRIPT), str(path), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("ready "):
        process.kill()
        _, err = process.communicate()
        pytest.fail(f"writer did not start: {line!r} {err}")
    return process, int(line.split()[1])


def _temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def test_kill_during_saves_leaves_a_committed_state(tmp_path: Path) -> None:
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
        process, ready_rev = _start_writer(path, seed)
        assert ready_rev == writer.revision_of(expected)
        # Opening as the writer cleared what the killed one left behind.
        assert [p for p in stale if p.exists()] == []
        time.sleep(rng.uniform(0.003, 0.150))
        process.send_signal(signal.SIGKILL)
        out, err = process.communicate()
        assert process.returncode == -signal.SIGKILL, err
        saved = [int(line.split()[1]) for line in out.splitlines() if line.startswith("saved ")]
        reported = saved[-1] if saved else ready_rev

        stale = [p for p in _temp_files(path) if p.name == f".{path.name}.{process.pid}.tmp"]
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
