"""Tests that pmtui leaves promptly when its terminal goes away, with the database intact.

The TUI runs in a child process on a real pseudo-terminal; closing the terminal's master
side is what a closed window or a dropped ssh connection does (the child gets SIGHUP and its
writes fail).
"""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest

from pmtui.store import PostMortemStore
from tests.test_limits import timeline

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")


def seed(db: Path, events: int) -> None:
    from pmtui.model.postmortem import PostMortem

    with PostMortemStore.open(db) as store:
        store.create(PostMortem(id="big", title="Huge timeline", timezone="UTC", events=events))


def read_until(fd: int, text: bytes, timeout: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while text not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"{text!r} never shown; saw {seen[-300:]!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def exit_status(pid: int, timeout: float) -> int | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    return None


@pytest.mark.parametrize("busy", [False, True], ids=["idle", "opening a big timeline"])
@pytest.mark.parametrize(
    "hang_up",
    [False, True],
    ids=["terminal closed", "hung up and closed (tmux kill-session)"],
)
def test_closing_the_terminal_ends_pmtui_promptly_and_keeps_the_file(
    tmp_path: Path, pmtui_argv: list[str], busy: bool, hang_up: bool
) -> None:
    db = tmp_path / "db.json"
    seed(db, timeline(100_000) if busy else ())
    before = db.read_bytes()
    status: int | None = None
    pid, master = pty.fork()
    if pid == 0:  # the child: pmtui on the pseudo-terminal
        os.environ["TERM"] = "xterm-256color"
        os.environ.pop("TEXTUAL", None)
        os.execv(pmtui_argv[0], [*pmtui_argv, "--db", str(db)])
    try:
        read_until(master, b"Huge timeline", timeout=30)
        if busy:
            os.write(master, b"\r")  # open it: showing 100,000 events keeps the app busy
            time.sleep(0.5)
        closed_at = time.monotonic()
        if hang_up:
            os.kill(pid, signal.SIGHUP)  # as tmux kill-session does, then closes the terminal
        os.close(master)
        master = -1
        status = exit_status(pid, timeout=8)
        assert status is not None, "pmtui still runs after its terminal went away"
        assert time.monotonic() - closed_at < 8
    finally:
        if master != -1:
            os.close(master)
        if status is None:  # never leave a pmtui behind, whatever failed
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    assert db.read_bytes() == before
    with PostMortemStore.open(db) as store:  # the writer lock went with the process
        assert store.load("big").title == "Huge timeline"
