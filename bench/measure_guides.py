"""Provides the measurement of pmtui's blame-language and vague-action guides on real prose.

Runs the guides over tests/data/corpus/blame_real.json and actions_real.json and prints, for
each half of the split (tune, holdout): recall, false-alarm rate (false positives over all
negatives), precision, the counts, and the recall of each pattern tag. It then lists the misses
and false alarms of the TUNE half only, because those are the ones a person may study while
changing the rules; looking at the held-out ones would turn them into tuning data.

    .venv/bin/python bench/measure_guides.py                 # figures, tune misses
    .venv/bin/python bench/measure_guides.py --show-holdout  # for the final report only

The guides are called the way pmtui's review calls them on each text: the blame guide through
`blame_matches(text)` (the post-mortem's known names are unknown here, so none are passed) and
the vague-action guide through `vague_phrase(text)`; a text is flagged when either returns
something.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pmtui.analysis.action_quality import vague_phrase
from pmtui.analysis.person_blame import blame_matches

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"
HALVES = ("tune", "holdout")


@dataclass
class Score:
    """Confusion counts of one guide on one half, with the texts it got wrong."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0
    by_pattern: dict[str, list[int]] = field(default_factory=dict)  # pattern -> [caught, total]
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def add(self, record: dict, positive: bool, flagged: bool) -> None:
        if positive:
            caught_total = self.by_pattern.setdefault(record.get("pattern", "untagged"), [0, 0])
            caught_total[0] += flagged
            caught_total[1] += 1
        if positive and flagged:
            self.true_positive += 1
        elif positive:
            self.false_negative += 1
            self.misses.append(_described(record))
        elif flagged:
            self.false_positive += 1
            self.false_alarms.append(_described(record))
        else:
            self.true_negative += 1

    @property
    def recall(self) -> float:
        positives = self.true_positive + self.false_negative
        return self.true_positive / positives if positives else 1.0

    @property
    def false_alarm_rate(self) -> float:
        negatives = self.false_positive + self.true_negative
        return self.false_positive / negatives if negatives else 0.0

    @property
    def precision(self) -> float:
        flagged = self.true_positive + self.false_positive
        return self.true_positive / flagged if flagged else 1.0


def _described(record: dict) -> str:
    trap = f" [{record['trap']}]" if record.get("trap") else ""
    pattern, source = record.get("pattern", "untagged"), record.get("source_id", "?")
    return f"({pattern}){trap} {record['text']}  <{source}>"


def scores(
    records: Iterable[dict], positive_label: str, flags: Callable[[str], bool]
) -> dict[str, Score]:
    """One Score per half: each record's text run through the guide once."""
    by_half = {half: Score() for half in HALVES}
    for record in records:
        positive = record["label"] == positive_label
        by_half[record["split"]].add(record, positive, flags(record["text"]))
    return by_half


def report(title: str, by_half: dict[str, Score], positive: str, show_holdout: bool) -> None:
    print(f"== {title}")
    for half in HALVES:
        score = by_half[half]
        positives = score.true_positive + score.false_negative
        negatives = score.false_positive + score.true_negative
        print(
            f"{half:<8} {positives + negatives:>4} texts "
            f"({positives} {positive}, {negatives} not): "
            f"recall {score.recall:.3f} ({score.true_positive}/{positives})  "
            f"false alarms {score.false_alarm_rate:.3f} ({score.false_positive}/{negatives})  "
            f"precision {score.precision:.3f}"
        )
        for pattern, (caught, total) in sorted(score.by_pattern.items()):
            print(f"           recall {caught / total:.2f} ({caught}/{total})  {pattern}")
    for half in HALVES if show_holdout else ("tune",):
        score = by_half[half]
        print(f"-- {half}: {len(score.misses)} misses")
        for line in score.misses:
            print(f"   MISS  {line}")
        print(f"-- {half}: {len(score.false_alarms)} false alarms")
        for line in score.false_alarms:
            print(f"   ALARM {line}")
    print()


class CorpusError(Exception):
    """A corpus file that cannot be measured; its message is the one line the user sees."""


def _corpus(name: str, key: str) -> list[dict]:
    path = CORPUS / name
    try:
        # utf-8-sig: a file saved by an editor that adds a byte-order mark still reads
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as error:
        raise CorpusError(f"cannot read {path}: {error}") from error
    records = data.get(key) if isinstance(data, dict) else None
    if not isinstance(records, list):
        raise CorpusError(f"{path} has no '{key}' list")
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict) or record.get("split") not in HALVES:
            raise CorpusError(f"{path}: record {number} has no split 'tune' or 'holdout'")
        if not isinstance(record.get("text"), str) or not isinstance(record.get("label"), str):
            raise CorpusError(f"{path}: record {number} needs a text and a label")
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--show-holdout",
        action="store_true",
        help="also list the held-out misses and false alarms (for the final report only)",
    )
    args = parser.parse_args(argv)
    try:
        sentences = _corpus("blame_real.json", "sentences")
        actions = _corpus("actions_real.json", "actions")
    except CorpusError as error:
        print(f"measure_guides: error: {error}", file=sys.stderr)
        return 1
    report(
        "blame language (pmtui.analysis.person_blame.blame_matches)",
        scores(sentences, "blame", lambda text: bool(blame_matches(text))),
        "blame",
        args.show_holdout,
    )
    report(
        "vague action items (pmtui.analysis.action_quality.vague_phrase)",
        scores(actions, "vague", lambda text: bool(vague_phrase(text))),
        "vague",
        args.show_holdout,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
