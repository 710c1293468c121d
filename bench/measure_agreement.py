"""Provides the measurement of how far two labellers agree on pmtui's "blame" and "vague"
labels: the labels of each corpus file against a second labeller's blind labels of the same
sample (tests/data/corpus/second_labels.json, drawn by bench/sample_for_agreement.py).

Per file and per kind (blame, vague) it prints the observed agreement, Cohen's kappa, a
confusion table (rows: the file's labels, columns: the second labeller's), how many of each
side's positives the other side also found, and, among sentences both call positive, how
often they name the same pattern. The sample holds about a third positives, far more than
the files do, so agreement, kappa and the two recalls are also given weighted back to
each file's own mix (each record counts for the share of its stratum it stands for).
Then every disagreement is printed with its text and both labels.

    .venv/bin/python bench/measure_agreement.py
    .venv/bin/python bench/measure_agreement.py --no-texts    # figures only
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sample_for_agreement import (
    CORPUS,
    SAMPLED_FILES,
    SampledRecord,
    corpus_records,
    draw_sample,
)

SECOND_LABELS = CORPUS / "second_labels.json"
# (the file says positive, the second labeller says positive)
CELLS = ((True, True), (True, False), (False, True), (False, False))


@dataclass(frozen=True)
class Pair:
    """One sampled record with both labellers' labels and its weight back to its file."""

    record: SampledRecord
    second_label: str
    second_pattern: str
    reason: str
    weight: float


@dataclass(frozen=True)
class Agreement:
    """Two labellers' agreement on one set of pairs, raw and weighted to the files' mix."""

    n: int
    observed: float
    kappa: float
    weighted_observed: float
    weighted_kappa: float
    confusion: Counter[tuple[bool, bool]]
    weighted: dict[tuple[bool, bool], float]
    same_pattern: int

    @property
    def file_positives(self) -> int:
        return self.confusion[True, True] + self.confusion[True, False]

    @property
    def second_positives(self) -> int:
        return self.confusion[True, True] + self.confusion[False, True]


def positive_label(corpus: str) -> str:
    return SAMPLED_FILES[corpus][1]


def load_second_labels(path: Path = SECOND_LABELS) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))["labels"]
    return labels


def pairs(sample: list[SampledRecord], second: dict[str, dict[str, str]]) -> list[Pair]:
    """Each sampled record joined to its second label, weighted by its stratum's share."""
    drawn = Counter((r.corpus, r.label == positive_label(r.corpus)) for r in sample)
    in_file: Counter[tuple[str, bool]] = Counter()
    for corpus in {r.corpus for r in sample}:
        for record in corpus_records(corpus):
            in_file[corpus, record["label"] == positive_label(corpus)] += 1
    joined = []
    for r in sample:
        stratum = (r.corpus, r.label == positive_label(r.corpus))
        entry = second[r.id]
        joined.append(
            Pair(
                record=r,
                second_label=entry["label"],
                second_pattern=entry["pattern"],
                reason=entry.get("reason", ""),
                weight=in_file[stratum] / drawn[stratum],
            )
        )
    return joined


def kappa(observed: float, file_rate: float, second_rate: float) -> float:
    """Cohen's kappa for two labels, from agreement and each side's positive rate."""
    chance = file_rate * second_rate + (1 - file_rate) * (1 - second_rate)
    return (observed - chance) / (1 - chance) if chance < 1 else 1.0


def agreement(group: list[Pair]) -> Agreement:
    confusion: Counter[tuple[bool, bool]] = Counter()
    weighted: dict[tuple[bool, bool], float] = dict.fromkeys(CELLS, 0.0)
    same_pattern = 0
    for p in group:
        positive = positive_label(p.record.corpus)
        cell = (p.record.label == positive, p.second_label == positive)
        confusion[cell] += 1
        weighted[cell] += p.weight
        if cell == (True, True) and p.record.pattern == p.second_pattern:
            same_pattern += 1

    def figures(table: Mapping[tuple[bool, bool], float]) -> tuple[float, float]:
        total = sum(table.values())
        observed = (table[True, True] + table[False, False]) / total
        file_rate = (table[True, True] + table[True, False]) / total
        second_rate = (table[True, True] + table[False, True]) / total
        return observed, kappa(observed, file_rate, second_rate)

    observed, raw_kappa = figures(confusion)
    weighted_observed, weighted_kappa = figures(weighted)
    return Agreement(
        n=len(group),
        observed=observed,
        kappa=raw_kappa,
        weighted_observed=weighted_observed,
        weighted_kappa=weighted_kappa,
        confusion=confusion,
        weighted=weighted,
        same_pattern=same_pattern,
    )


def ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.2f}" if whole else f"{part}/0"


def report(name: str, positive: str, result: Agreement) -> str:
    c = result.confusion
    negative = "not-blame" if positive == "blame" else "concrete"
    width = max(len(positive), len(negative)) + 2
    corner = "file \\ second"
    w = result.weighted
    file_side = (w[True, True] + w[True, False]) or 1.0
    second_side = (w[True, True] + w[False, True]) or 1.0
    return "\n".join(
        [
            f"{name}: n={result.n}  agreement {result.observed:.2f}  kappa {result.kappa:.2f}"
            f"  | weighted to the file's mix: agreement {result.weighted_observed:.2f}"
            f"  kappa {result.weighted_kappa:.2f}",
            f"  {corner:<{width + 2}}{positive:>{width}}{negative:>{width}}",
            f"  {positive:<{width + 2}}{c[True, True]:>{width}}{c[True, False]:>{width}}",
            f"  {negative:<{width + 2}}{c[False, True]:>{width}}{c[False, False]:>{width}}",
            f"  the file's {positive} that the second labeller also found: "
            f"{ratio(c[True, True], result.file_positives)}"
            f" (found only by the file: {c[True, False]})",
            f"  the second labeller's {positive} that the file also has: "
            f"{ratio(c[True, True], result.second_positives)}"
            f" (found only by the second: {c[False, True]})",
            f"  weighted to the file's mix: the second finds {w[True, True] / file_side:.2f}"
            f" of the file's {positive}, the file {w[True, True] / second_side:.2f}"
            f" of the second's",
            f"  both {positive}, same pattern: {ratio(result.same_pattern, c[True, True])}",
        ]
    )


def disagreements(group: list[Pair]) -> list[str]:
    lines = []
    for p in group:
        if p.record.label == p.second_label:
            continue
        why = f"  [{p.reason}]" if p.reason else ""
        lines.append(
            f"  {p.record.id} file: {p.record.label} ({p.record.pattern})"
            f" | second: {p.second_label} ({p.second_pattern}){why}\n      {p.record.text}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-texts", action="store_true", help="figures only")
    parser.add_argument("--labels", type=Path, default=SECOND_LABELS, help="second labels")
    args = parser.parse_args()
    sample, second = draw_sample(), load_second_labels(args.labels)
    # Agreement on a part of the sample would be agreement on whatever was easiest to label.
    unlabelled = [r.id for r in sample if r.id not in second]
    if unlabelled:
        raise SystemExit(
            f"measure_agreement: error: {len(unlabelled)} sampled records have no second "
            f"label yet (first: {unlabelled[0]}); label them all, then measure"
        )
    joined = pairs(sample, second)
    by_file: dict[str, list[Pair]] = {}
    for p in joined:
        by_file.setdefault(p.record.corpus, []).append(p)
    for kind, positive in (("blame", "blame"), ("actions", "vague")):
        files = [name for name in by_file if name.startswith(kind)]
        for name in files:
            print(report(name, positive, agreement(by_file[name])))
        every = [p for name in files for p in by_file[name]]
        print(report(f"ALL {kind}", positive, agreement(every)))
        print()
    if not args.no_texts:
        for name, group in by_file.items():
            lines = disagreements(group)
            print(f"--- {name}: {len(lines)} disagreements")
            print("\n".join(lines))


if __name__ == "__main__":
    main()
