"""Benchmarks `pmtui check` on the bundled sample and on a 1,000-event post-mortem whose
event texts are real post-mortem sentences (tests/data/corpus/blame_real.json), so the blame
guide reads prose rather than machine lines.

Baseline, measured in the same run: `pmtui list` on the same database (it never compiles the
guides), so the difference is what the guides cost a `check`. Also the learned model's cost:
reading its weights in a fresh process, and per text what the rules alone cost and what the
shipped guide (rules + model) costs, caches emptied.
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
        person_blame._decided.cache_clear()
        began = time.perf_counter()
        review(pm, today=date(2025, 3, 20))
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def model_load_ms() -> float:
    """Reading and parsing the shipped weights, in a fresh process each time."""
    code = (
        "import time\n"
        "from pmtui.analysis import guide_model\n"
        "began = time.perf_counter()\n"
        "assert guide_model.available()\n"
        "print((time.perf_counter() - began) * 1000)\n"
    )
    samples = [
        float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                             text=True).stdout)
        for _ in range(REPEAT)
    ]  # fmt: skip
    return statistics.median(samples)


def per_text_us() -> tuple[float, float, float]:
    """Microseconds per corpus sentence: (rules alone, shipped blame guide, shipped vague
    guide on the same texts), every cache emptied first."""
    from pmtui.analysis import person_blame, vague_actions

    texts = [record["text"] for record in json.loads(CORPUS.read_text())["sentences"]]
    person_blame.blame_matches("warm up the model")
    timings = []
    for run in (
        lambda text: person_blame._ranked_cached(text, frozenset()),
        person_blame.blame_matches,
        vague_actions.vague_action,
    ):
        person_blame._ranked_cached.cache_clear()
        person_blame._decided.cache_clear()
        vague_actions.vague_action.cache_clear()
        began = time.perf_counter()
        for text in texts:
            run(text)
        timings.append((time.perf_counter() - began) * 1e6 / len(texts))
    rules, blame, vague = timings
    return rules, blame, vague


def main() -> None:
    print(f"guide model: read in {model_load_ms():.1f} ms median (fresh process)")
    rules, blame, vague = per_text_us()
    print(
        f"per sentence: rules alone {rules:.0f} us, blame guide (rules + model) {blame:.0f} us, "
        f"vague-action guide {vague:.0f} us"
    )
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
