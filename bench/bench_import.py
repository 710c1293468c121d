"""Benchmarks importing a 10,000-event interchange file (target: 100 ms).

Baseline, measured in the same run: parsing the same file with orjson alone.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import orjson

from common import big_postmortem, median_ms, report
from pmtui.export.json_export import export_json
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore

REPEAT = 15


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "incident.json"
        source.write_text(export_json(big_postmortem()))
        counter = iter(range(10_000))

        def import_once() -> None:
            # A fresh database each time: import is a user's first write to a file.
            path = Path(folder) / f"db{next(counter)}.json"
            with PostMortemStore.open(path) as store:
                PostMortemService(store).import_document(orjson.loads(source.read_bytes()))

        import_ms = median_ms(import_once, REPEAT)
        baseline_ms = median_ms(lambda: orjson.loads(source.read_bytes()), REPEAT)
    report("import a 10,000-event file", import_ms, "orjson.loads alone", baseline_ms, "<= 100 ms")


if __name__ == "__main__":
    main()
