"""Provides the reproducible sample that a second labeller labels blind, to learn how far two
careful people agree on pmtui's "blame" and "vague" labels given the same written rules.

From each labelled corpus file in tests/data/corpus it draws, with a fixed seed, 120 sentences
(blame_*) or 60 action items (actions_*), about a third of them positives by the file's own
label, so the sample is not almost all neutral. The labels are read only to stratify: the
working file holds an opaque id, the file's name and the text, shuffled so that the order
tells nothing either.

    .venv/bin/python bench/sample_for_agreement.py              # writes /tmp/agree/unlabelled.json
    .venv/bin/python bench/sample_for_agreement.py -o FILE.json

The second labeller's labels live in tests/data/corpus/second_labels.json, keyed by these
ids; bench/measure_agreement.py compares them with the files' labels.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"
DEFAULT_OUT = Path("/tmp/agree/unlabelled.json")
SEED = 20261206
POSITIVE_SHARE = 1 / 3

# file name -> (list key, the label that counts as a positive, sample size)
SAMPLED_FILES: dict[str, tuple[str, str, int]] = {
    "blame_real": ("sentences", "blame", 120),
    "blame_fresh": ("sentences", "blame", 120),
    "blame_sealed": ("sentences", "blame", 120),
    "actions_real": ("actions", "vague", 60),
    "actions_fresh": ("actions", "vague", 60),
    "actions_sealed": ("actions", "vague", 60),
}


@dataclass(frozen=True)
class SampledRecord:
    """One drawn record: its opaque id, its file, its text and the file's own labels."""

    id: str
    corpus: str
    index: int
    text: str
    label: str
    pattern: str


def record_id(corpus: str, index: int, text: str) -> str:
    """An id that names neither the label nor the position, yet is stable for the record."""
    digest = hashlib.sha256(f"{corpus}\0{index}\0{text}".encode()).hexdigest()[:10]
    return f"{corpus.split('_')[0][0]}{digest}"


def corpus_records(corpus: str) -> list[dict[str, str]]:
    """The labelled records of one corpus file, in file order."""
    key = SAMPLED_FILES[corpus][0]
    data = json.loads((CORPUS / f"{corpus}.json").read_text(encoding="utf-8"))
    records: list[dict[str, str]] = data[key]
    return records


#: Labels corrected after the sample was drawn and labelled (each correction is logged in its
#: file's "about"). The draw splits a file by label, so it reads these records with the label
#: they had then: the sample stays the one the second labeller labelled, while the agreement
#: is measured against the corrected labels.
LABEL_WHEN_DRAWN: dict[tuple[str, int], str] = {
    ("blame_fresh", 599): "blame",
    ("blame_sealed", 135): "not-blame",
}


def draw_file(corpus: str, seed: int = SEED) -> list[SampledRecord]:
    """A third positives and the rest negatives of one file, shuffled, drawn with `seed`."""
    _, positive, size = SAMPLED_FILES[corpus]
    records = corpus_records(corpus)
    # A string seed is hashed with SHA-512 by random.Random, so the draw is the same on
    # every machine and Python build, and each file gets its own independent stream.
    rng = random.Random(f"{seed}:{corpus}")
    drawn_as = [LABEL_WHEN_DRAWN.get((corpus, i), r["label"]) for i, r in enumerate(records)]
    positives = [i for i, label in enumerate(drawn_as) if label == positive]
    negatives = [i for i, label in enumerate(drawn_as) if label != positive]
    wanted_positives = min(len(positives), round(size * POSITIVE_SHARE))
    chosen = rng.sample(positives, wanted_positives)
    chosen += rng.sample(negatives, min(len(negatives), size - wanted_positives))
    rng.shuffle(chosen)
    return [
        SampledRecord(
            id=record_id(corpus, i, records[i]["text"]),
            corpus=corpus,
            index=i,
            text=records[i]["text"],
            label=records[i]["label"],
            pattern=records[i]["pattern"],
        )
        for i in chosen
    ]


def draw_sample(seed: int = SEED) -> list[SampledRecord]:
    """The whole sample, file by file in a fixed order."""
    return [record for corpus in SAMPLED_FILES for record in draw_file(corpus, seed)]


def unlabelled(sample: list[SampledRecord], seed: int = SEED) -> dict[str, object]:
    """What the second labeller may see: ids, file names and texts, never a label."""
    return {
        "seed": seed,
        "items": [{"id": r.id, "corpus": r.corpus, "text": r.text} for r in sample],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    sample = draw_sample()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(unlabelled(sample), indent=1, ensure_ascii=False) + "\n")
    print(f"{len(sample)} texts, no labels, written to {args.out}")


if __name__ == "__main__":
    main()
