"""Benchmarks "Seen before?" on 100 post-mortems of 1,000 events each.

Times, each a median: reading every post-mortem through the service (as `pmtui similar` and the
workspace's widget do), counting their terms into an index, ranking one post-mortem against
the index (what the widget repeats as the post-mortem changes), and `pmtui similar ID` end to
end as a process. The events vary as imported chat and alerts do, so terms are not all alike.
Targets: ranking one post-mortem <= 50 ms; the whole command <= 5 s.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from common import big_postmortem, median_ms
from pmtui.analysis.similar import SimilarIndex
from pmtui.model import TimelineEvent
from pmtui.service import PostMortemService
from pmtui.store import open_store

RUN_PMTUI = "import sys; from pmtui.cli import main; sys.exit(main())"
POSTMORTEMS = 100
EVENTS = 1_000
WORDS = [
    "checkout",
    "payments",
    "search",
    "login",
    "gateway",
    "cache",
    "queue",
    "database",
    "replica",
    "primary",
    "disk",
    "certificate",
    "dns",
    "bgp",
    "deploy",
    "rollback",
    "config",
    "flag",
    "kafka",
    "redis",
    "postgres",
    "latency",
    "timeout",
    "memory",
    "cpu",
    "throttling",
    "retries",
    "backlog",
    "shard",
    "index",
    "lock",
    "leader",
    "election",
]


def varied(number: int) -> object:
    base = big_postmortem(EVENTS, pm_id=f"pm{number:04d}")

    def text(i: int) -> str:
        picked = [WORDS[(number * 7 + i * k) % len(WORDS)] for k in (1, 3, 5, 11)]
        return f"{picked[0]} {picked[1]} on host-{i % 50}: {picked[2]} then {picked[3]} #{i}"

    events = tuple(
        TimelineEvent(event.id, event.at, event.kind, text(i), event.source)
        for i, event in enumerate(base.events)
    )
    return replace(
        base,
        title=f"{WORDS[number % len(WORDS)]} {WORDS[(number * 5) % len(WORDS)]} incident",
        incident_date=date(2020, 1, 1) + timedelta(days=number * 11),
        events=events,
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="pmtui-bench-similar-") as folder:
        path = Path(folder) / "db.json"
        with PostMortemService(open_store(path)) as service:
            for number in range(POSTMORTEMS):
                service.store.create(varied(number))  # type: ignore[arg-type]

        def read() -> list:
            with PostMortemService(open_store(path, read_only=True)) as reader:
                return reader.readable_postmortems()[0]

        postmortems = read()
        read_ms = median_ms(read, 3)
        index_ms = median_ms(lambda: SimilarIndex(postmortems), 3)
        index = SimilarIndex(postmortems)
        last = postmortems[0]
        rank_ms = median_ms(lambda: index.rank(last, limit=3), 5)
        command_ms = _process_ms(path, "similar", last.id)
        # The same reading of every post-mortem without the ranking, for scale.
        actions_ms = _process_ms(path, "actions", "--json")
    print(f"{POSTMORTEMS} post-mortems x {EVENTS} events")
    print(f"read every post-mortem (read-only store): {read_ms:.0f} ms median")
    print(f"count terms into the index: {index_ms:.0f} ms median")
    print(f"rank one post-mortem: {rank_ms:.1f} ms median (target <= 50 ms)")
    print(f"pmtui similar ID, whole process: {command_ms:.0f} ms (target <= 5000 ms)")
    print(f"pmtui actions --json (reads them all too), whole process: {actions_ms:.0f} ms")


def _process_ms(path: Path, *argv: str) -> float:
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", RUN_PMTUI, "--db", str(path), *argv],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return (time.perf_counter() - began) * 1000


if __name__ == "__main__":
    main()
