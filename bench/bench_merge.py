"""Benchmarks `pmtui merge-driver` on two 10,000-event versions of one post-mortem (target:
well under a second): each side added 100 events and edited 100 others, both edited one
field differently (a merge conflict), and one side rewrote a paragraph of the summary.

Measured: the pure merge of the three documents, and the whole driver in this process
(read and validate three files, merge, validate the result, write it). Baseline, in the same
run: reading the three files with pmfile.loads, which any driver must do.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from common import big_postmortem, median_ms, report
from pmtui.cli.main import main as pmtui_main
from pmtui.merge.postmortem import merge_documents
from pmtui.model import EventKind, PostMortem, TimelineEvent
from pmtui.model.codec import postmortem_to_dict
from pmtui.store import pmfile

REPEAT = 5


def side(base: PostMortem, name: str, offset: int) -> PostMortem:
    start = base.events[0].at
    added = tuple(
        TimelineEvent(
            f"{name}{i}", start + timedelta(seconds=13 * i), EventKind.NOTE, f"{name} {i}"
        )
        for i in range(100)
    )
    events = list(base.events)
    for i in range(offset, len(events), 100):
        events[i] = replace(events[i], text=f"{events[i].text} ({name})")
    return replace(
        base,
        events=tuple(events),
        owner=name,
        summary=base.summary + f"\n\n{name} wrote this.",
    ).with_events(added)


def main() -> None:
    base = big_postmortem()
    ours, theirs = side(base, "alice", 3), side(base, "bob", 51)
    documents = [postmortem_to_dict(pm) for pm in (base, ours, theirs)]
    merge_ms = median_ms(lambda: merge_documents(*documents), REPEAT)
    with tempfile.TemporaryDirectory() as folder:
        files = [Path(folder) / name for name in ("base", "ours", "theirs")]
        raws = [pmfile.dumps(pm) for pm in (base, ours, theirs)]

        def drive() -> None:
            for path, raw in zip(files, raws, strict=True):
                path.write_bytes(raw)
            assert pmtui_main(["merge-driver", *map(str, files), "postmortems/x.pmtui"]) == 0

        driver_ms = median_ms(drive, REPEAT)
        read_ms = median_ms(lambda: [pmfile.loads(raw, files[0]) for raw in raws], REPEAT)
        merged = pmfile.loads(files[1].read_bytes(), files[1])
    assert len(merged.events) == 10_200 and len(merged.conflicts) == 2  # owner and summary
    report(
        "merge two 10,000-event versions (pure merge)",
        merge_ms,
        "reading 3 files",
        read_ms,
        "well under 1,000 ms",
    )
    report(
        "merge-driver end to end, in process",
        driver_ms,
        "reading 3 files",
        read_ms,
        "well under 1,000 ms",
    )


if __name__ == "__main__":
    main()
