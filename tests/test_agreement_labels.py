"""Tests the integrity of the second, blind labelling of the guides' corpora
(tests/data/corpus/second_labels.json) and of the sample it labels
(bench/sample_for_agreement.py). No agreement figure is asserted: the labels are a
measurement, not a target."""

from __future__ import annotations

import functools
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.corpus_checks import BLAME_PATTERNS

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
SECOND_LABELS = ROOT / "tests" / "data" / "corpus" / "second_labels.json"

# label -> the patterns that may go with it, as the corpus files' rules name them
VALID_PATTERNS: dict[str, set[str]] = {
    "blame": BLAME_PATTERNS,
    "not-blame": {"none"},
    "vague": {
        "verb without verifiable end",
        "comparative without target",
        "exploration without deliverable",
        "no verb or no object",
    },
    "concrete": {"concrete deliverable", "completed change"},
}


@functools.cache
def load_bench(name: str) -> ModuleType:
    # measure_agreement imports its sibling by plain name, as it does when run as a script.
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is being built.
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def second_labels() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SECOND_LABELS.read_text(encoding="utf-8"))
    return data


def test_every_sampled_record_has_exactly_one_second_label() -> None:
    sampler = load_bench("sample_for_agreement")
    data = second_labels()
    labels = data["labels"]
    sample = sampler.draw_sample(data["seed"])
    assert [r.id for r in sample] == list(labels)
    for record in sample:
        assert labels[record.id]["corpus"] == record.corpus


def test_second_labels_use_the_files_label_set_and_pattern_names() -> None:
    sampler = load_bench("sample_for_agreement")
    labels = second_labels()["labels"]
    for record_id, entry in labels.items():
        kind = "blame" if entry["corpus"].startswith("blame") else "actions"
        allowed = {"blame", "not-blame"} if kind == "blame" else {"vague", "concrete"}
        assert entry["label"] in allowed, record_id
        assert entry["pattern"] in VALID_PATTERNS[entry["label"]], record_id
        assert set(entry) <= {"corpus", "label", "pattern", "reason"}, record_id
        assert entry["corpus"] in sampler.SAMPLED_FILES


def test_the_sample_is_drawn_again_the_same_from_its_seed() -> None:
    sampler = load_bench("sample_for_agreement")
    first, again = sampler.draw_sample(), sampler.draw_sample()
    assert first == again
    assert second_labels()["seed"] == sampler.SEED
    assert [r.id for r in sampler.draw_sample(sampler.SEED + 1)] != [r.id for r in first]


def test_the_sample_holds_a_third_positives_from_each_file() -> None:
    sampler = load_bench("sample_for_agreement")
    sample = sampler.draw_sample()
    assert len({r.id for r in sample}) == len(sample)
    for corpus, (_, positive, size) in sampler.SAMPLED_FILES.items():
        drawn = [r for r in sample if r.corpus == corpus]
        assert len(drawn) == size
        # Split by the labels the file had when the sample was drawn (later corrections aside).
        drawn_as = [sampler.LABEL_WHEN_DRAWN.get((r.corpus, r.index), r.label) for r in drawn]
        assert drawn_as.count(positive) == round(size / 3)


def test_the_working_file_holds_texts_and_ids_but_no_label(tmp_path: Path) -> None:
    out = tmp_path / "agree" / "unlabelled.json"
    done = subprocess.run(
        [sys.executable, str(BENCH / "sample_for_agreement.py"), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    written = json.loads(out.read_text(encoding="utf-8"))
    items = written["items"]
    assert [item["id"] for item in items] == list(second_labels()["labels"])
    assert all(set(item) == {"id", "corpus", "text"} for item in items)


def test_the_measurement_reports_every_file(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "measure_agreement.py"), "--no-texts"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    sampler = load_bench("sample_for_agreement")
    for corpus in sampler.SAMPLED_FILES:
        assert f"{corpus}: n=" in done.stdout


def test_the_measurement_refuses_a_labelling_that_is_not_finished(tmp_path: Path) -> None:
    data = second_labels()
    data["labels"].pop(next(iter(data["labels"])))
    partial = tmp_path / "second_labels.json"
    partial.write_text(json.dumps(data), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(BENCH / "measure_agreement.py"), "--labels", str(partial)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("measure_agreement: error: 1 sampled records have no")
    assert len(done.stderr.strip().splitlines()) == 1
