"""Benchmarks undo and redo of one event edit with 10,000 events in the file (target: 10 ms
median, like any one edit: an undo is one save of the items that differ).

Baseline, measured in the same run: the edit itself, through the same service.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import big_postmortem, median_ms, report
from pmtui.history import History
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore

REPEAT = 60


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.json"
        with PostMortemStore.open(path) as store:
            service = PostMortemService(store)
            pm = big_postmortem()
            store.create(pm)
            history = History()
            state = {"pm": pm, "n": 0}

            def edit_one_event() -> None:
                current = state["pm"]
                n = state["n"] = state["n"] + 1
                event = current.events[(n * 137) % len(current.events)]
                change = service.run(
                    current, lambda pm: service.edit_event(pm, event.id, text=f"{event.text} {n}")
                )
                history.record(change)
                state["pm"] = change.after

            def undo_then_redo() -> None:
                change = history.undo_next
                assert change is not None
                state["pm"] = service.revert(state["pm"], change.before)
                history.undone()
                state["pm"] = service.revert(state["pm"], change.after)
                history.redone()

            edit_ms = median_ms(edit_one_event, REPEAT)
            # Both ways in one run; half of it is one undo (or one redo).
            undo_ms = median_ms(undo_then_redo, REPEAT) / 2
            size_mb = path.stat().st_size / 1e6
    report(
        f"undo (or redo) one event edit, 10,000 events in a {size_mb:.1f} MB file",
        undo_ms,
        "the edit itself",
        edit_ms,
        "<= 10 ms",
    )


if __name__ == "__main__":
    main()
