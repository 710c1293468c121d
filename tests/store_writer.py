"""Provides the crash test's writer: a pmtui process that saves edits in a tight loop until killed.

`python store_writer.py PATH SEED` opens PATH as the writer, loads the post-mortem CRASH_ID,
prints "ready REV" (REV is the number in its title, "rev REV"), then for ever builds revision
REV + 1 with `step()`, saves it and prints "saved REV + 1". `step()` is a pure function of the
previous state, the revision number and the seed, so the test replays it to know exactly what
the file must hold for any revision.

`python store_writer.py --fork-server` starts the writers for the crash test more cheaply: it
imports pmtui once, then for each line "PATH<tab>SEED<tab>OUTPUT" on stdin forks a child that runs
the writer with its stdout on OUTPUT (a named pipe the test reads), prints "pid PID", waits
for the child and prints "signal N" (the signal that ended it, 0 if none). Each writer is
still a process of its own that opens the file and takes the lock itself; only the start-up
of an interpreter and its imports, the same for every writer, is done once.
"""

from __future__ import annotations

import os
import random
import sys
import traceback
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pmtui.model.enums import ActionStatus, CauseCategory, EventKind
from pmtui.model.postmortem import ActionItem, PostMortem, TimelineEvent, WhyChain
from pmtui.store import PostMortemStore

CRASH_ID = "crash001"
BYSTANDER_ID = "bystand1"
BASE = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)
KINDS = list(EventKind)
STATUSES = list(ActionStatus)


def _event(event_id: str, at: datetime, rng: random.Random) -> TimelineEvent:
    return TimelineEvent(
        id=event_id,
        at=at,
        kind=rng.choice(KINDS),
        text=f"edge-proxy-{rng.randrange(40)} handshake failures at {rng.randrange(100)}%",
        source=rng.choice(("monitoring", "chat", "pager", "deploy", "manual")),
        link=f"https://grafana.example.com/d/{rng.randrange(1000)}" if rng.random() < 0.1 else "",
    )


def _minute(rng: random.Random) -> datetime:
    # Whole minutes in a ten-hour window: many events share an instant, as typed ones do.
    return BASE + timedelta(minutes=rng.randrange(600))


def initial_postmortem(events: int = 3000) -> PostMortem:
    rng = random.Random(20250311)
    timeline = tuple(_event(f"e{i:05d}", _minute(rng), rng) for i in range(events))
    whys = tuple(
        WhyChain(id=f"w{i}", problem=f"Problem {i}", answers=(f"Because {i}",)) for i in range(3)
    )
    actions = tuple(
        ActionItem(
            id=f"a{i}",
            text=f"Alert on certificate expiry for group {i}",
            owner="edge-team",
            due=date(2025, 4, 1) + timedelta(days=i),
            factor_id=f"w{i % 3}",
        )
        for i in range(20)
    )
    return PostMortem(
        id=CRASH_ID,
        title="rev 0",
        timezone="Europe/Berlin",
        incident_date=date(2025, 3, 11),
        created_at=BASE,
        updated_at=BASE,
        whys=whys,
        actions=actions,
    ).with_events(timeline)


def bystander_postmortem() -> PostMortem:
    """A second post-mortem in the same file that no step touches."""
    return PostMortem(
        id=BYSTANDER_ID,
        title="Queue backlog",
        incident_date=date(2025, 2, 1),
        created_at=BASE,
        updated_at=BASE,
        summary="Nothing in the crash loop may change this.",
        events=(TimelineEvent(id="b1", at=BASE, kind=EventKind.START, text="Backlog grows"),),
    )


def revision_of(pm: PostMortem) -> int:
    return int(pm.title.removeprefix("rev "))


def step(pm: PostMortem, rev: int, seed: int) -> PostMortem:
    """Revision `rev`: one random edit (event, why or action) plus the title "rev REV"."""
    rng = random.Random(seed * 1_000_003 + rev)
    choice = rng.randrange(10)
    events = pm.events
    if choice == 0 or len(events) < 10:
        pm = pm.with_event(_event(f"n{rev}", _minute(rng), rng))
    elif choice == 1:
        pm = pm.without_event(rng.choice(events).id)
    elif choice == 2:
        pm = pm.with_event(replace(rng.choice(events), id=f"d{rev}"))
    elif choice == 3:
        # Moved onto another event's instant: the two must keep their order on disk.
        moved = rng.choice(events)
        at = rng.choice(events).at
        pm = pm.with_event_replaced(replace(moved, at=at, text=f"{moved.text} (moved {rev})"))
    elif choice in (4, 5):
        edited = rng.choice(events)
        pm = pm.with_event_replaced(replace(edited, text=f"{edited.text} (edit {rev})"))
    elif choice == 6:
        pm = pm.with_action(
            ActionItem(id=f"a{rev}", text=f"Action {rev}", owner="sre", due=date(2025, 5, 1))
        )
    elif choice == 7 and len(pm.actions) > 1:
        pm = pm.without_action(rng.choice(pm.actions).id)
    elif choice in (7, 8):
        action = rng.choice(pm.actions)
        pm = pm.with_action(replace(action, status=rng.choice(STATUSES), tracker=f"OPS-{rev}"))
    else:
        chain = rng.choice(pm.whys)
        pm = pm.with_why_chain(
            replace(chain, answers=(*chain.answers, f"Why {rev}"), category=CauseCategory.TOOLING)
        )
    return replace(pm, title=f"rev {rev}", updated_at=BASE + timedelta(seconds=rev))


def replay(pm: PostMortem, until: int, seed: int) -> PostMortem:
    """The state `until` reached from `pm` by the writer's steps."""
    for rev in range(revision_of(pm) + 1, until + 1):
        pm = step(pm, rev, seed)
    return pm


def main(argv: list[str]) -> None:
    path, seed = Path(argv[1]), int(argv[2])
    store = PostMortemStore.open(path)
    pm = store.load(CRASH_ID)
    rev = revision_of(pm)
    print(f"ready {rev}", flush=True)
    while True:
        new = step(pm, rev + 1, seed)
        store.save(new, pm)
        pm, rev = new, rev + 1
        print(f"saved {rev}", flush=True)


def _run_forked_writer(path: str, seed: str, output: str) -> None:
    """In the forked child: the writer, its stdout on `output`; never returns."""
    try:
        fd = os.open(output, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
        main(["store_writer.py", path, seed])
    except BaseException:
        traceback.print_exc()
    finally:
        # Never back into the server's loop, nor through its exit handlers and buffers.
        os._exit(1)


def fork_server() -> None:
    for line in sys.stdin:
        path, seed, output = line.rstrip("\n").split("\t")
        pid = os.fork()
        if pid == 0:
            _run_forked_writer(path, seed, output)
        print(f"pid {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"signal {os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--fork-server"]:
        fork_server()
    else:
        main(sys.argv)
