"""Benchmarks `pmtui check` on the bundled sample and on a 1,000-event post-mortem whose
event texts are real post-mortem sentences (tests/data/corpus/blame_real.json), so the blame
guide reads prose rather than machine lines.

Baseline, measured in the same run: `pmtui list` on the same database (it never compiles the
guides), so the difference is what the guides cost a `check`.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from common import big_postmortem
from pmtui.export.json_export import export_json

REPEAT = 7
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus" / "blame_real.json"
SAMPLE_ID = "pm-2025-03-19-api-tls"


def wall_ms(argv: list[str], env: dict[str, str]) -> float:
    samples = []
    for _ in range(REPEAT):
        began = time.perf_counter()
        # `check` exits 1 when it finds something, which is the normal case here.
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def prose_postmortem(events: int) -> str:
    """A pmtui/1 document with `events` timeline events written in real post-mortem prose."""
    sentences = [record["text"] for record in json.loads(CORPUS.read_text())["sentences"]]
    pm = big_postmortem(events, pm_id="bench-prose")
    timeline = tuple(
        replace(event, text=sentences[index % len(sentences)])
        for index, event in enumerate(pm.events)
    )
    return export_json(replace(pm, events=timeline, incident_date=date(2025, 3, 11)))


def review_ms(document: str) -> float:
    """The guides alone, in process, with the blame cache emptied before each run."""
    from pmtui.analysis import person_blame
    from pmtui.analysis.guides import review
    from pmtui.model.codec import postmortem_from_dict

    pm = postmortem_from_dict(json.loads(document))
    samples = []
    for _ in range(REPEAT):
        person_blame._ranked_cached.cache_clear()
        began = time.perf_counter()
        review(pm, today=date(2025, 3, 20))
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def main() -> None:
    pmtui = [sys.executable, "-m", "pmtui.cli.main"]
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "PMTUI_DB": str(Path(folder) / "bench.json")}
        document = Path(folder) / "prose.json"
        prose = prose_postmortem(1000)
        document.write_text(prose)
        print(f"review() in process (1,000 prose events, cold): {review_ms(prose):.1f} ms median")
        imported = subprocess.run(
            [*pmtui, "import", str(document)], check=True, env=env, capture_output=True, text=True
        )
        prose_id = imported.stdout.strip()  # import gives the document a new id
        list_ms = wall_ms([*pmtui, "list"], env)
        for name, argv in (
            ("pmtui --demo check (sample)", [*pmtui, "--demo", "check", SAMPLE_ID]),
            ("pmtui check (1,000 prose events)", [*pmtui, "check", prose_id]),
        ):
            value = wall_ms(argv, env)
            print(f"{name}: {value:.0f} ms median (pmtui list at {list_ms:.0f} ms)")


if __name__ == "__main__":
    main()
