"""Benchmarks one edit saved with 10,000 events in the file (target: 10 ms median).

Baseline, measured in the same run: serialising the same file with orjson and replacing it
atomically, i.e. the unavoidable I/O of a crash-safe save.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import orjson

from common import big_postmortem, median_ms, report
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore
from pmtui.store.atomic import atomic_write

REPEAT = 60


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.json"
        with PostMortemStore.open(path) as store:
            service = PostMortemService(store)
            pm = big_postmortem()
            store.create(pm)
            state = {"pm": pm, "n": 0}

            def edit_one_event() -> None:
                current = state["pm"]
                n = state["n"] = state["n"] + 1
                event = current.events[(n * 137) % len(current.events)]
                state["pm"] = service.edit_event(current, event.id, text=f"{event.text} (edit {n})")

            edit_ms = median_ms(edit_one_event, REPEAT)
            payload = path.read_bytes()
            data = orjson.loads(payload)
            baseline_ms = median_ms(lambda: atomic_write(path, orjson.dumps(data)), REPEAT)
            size_mb = len(payload) / 1e6
    report(
        f"edit one event, 10,000 events in a {size_mb:.1f} MB file",
        edit_ms,
        "bare orjson + atomic replace",
        baseline_ms,
        "<= 10 ms",
    )


if __name__ == "__main__":
    main()
