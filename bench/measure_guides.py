"""Provides the measurement of pmtui's blame-language and vague-action guides on real prose.

Runs the guides over tests/data/corpus/blame_real.json and actions_real.json and prints, for
each half of the split (tune, holdout): recall, false-alarm rate (false positives over all
negatives), precision, the counts, and the recall of each pattern tag. It then lists the misses
and false alarms of the tune half. The holdout half was studied on 2026-12-06 and is burned:
both halves are now tuning data, and `--show-holdout` lists its misses too. Unseen documents
are measured by a fresh set kept apart (`--fresh`: blame_fresh.json and actions_fresh.json in
the same folder, same format) or any corpus file given with `--corpus PATH`; their misses are
never listed, so looking at the figures does not turn them into tuning data.

Last, the false-alarm rate on ordinary post-mortem prose: every sentence of the bundled sample
and of the public post-mortems in tests/data/public (blameless prose by intent), and every
open action item there (most of which name a deliverable).

What is measured is the shipped guide: the hand rules and the learned model together
(pmtui.analysis.guide_model), exactly as `pmtui check` and the TUI decide. `--rules-only`
measures the hand rules alone, the guide as it was before the model, for comparison. The fresh
set was measured once on 2026-12-06 and is now tuning data too (bench/train_guides.py learns
from it); figures on documents nobody tuned against come from a sealed set the lead measures
with `--corpus PATH`, whose texts this script never lists.

    .venv/bin/python bench/measure_guides.py                 # figures, tune misses
    .venv/bin/python bench/measure_guides.py --show-holdout  # also the burned half's misses
    .venv/bin/python bench/measure_guides.py --fresh         # also the fresh set, figures only
    .venv/bin/python bench/measure_guides.py --corpus X.json  # the shipped guide on any file
    .venv/bin/python bench/measure_guides.py --rules-only     # the hand rules alone (before)

The guides are called the way pmtui's review calls them on each text: the blame guide through
`blame_matches(text)` (the post-mortem's known names are unknown here, so none are passed) and
the vague-action guide through `vague_phrase(text)`; a text is flagged when either returns
something.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pmtui.analysis.action_quality import vague_phrase
from pmtui.analysis.blame import people, texts
from pmtui.analysis.person_blame import blame_matches, rule_kinds
from pmtui.analysis.vague_actions import rule_vague_action
from pmtui.model.codec import postmortem_from_dict
from pmtui.model.postmortem import PostMortem

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
NEUTRAL = (ROOT / "sample_data", ROOT / "tests" / "data" / "public")
HALVES = ("tune", "holdout")
BURNED = "holdout (burned 2026-12-06; tuning data)"
FRESH = ("blame_fresh.json", "actions_fresh.json")


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
    """One Score per half (the two known halves first, then any other split a file names):
    each record's text run through the guide once."""
    by_half = {half: Score() for half in HALVES}
    for record in records:
        positive = record["label"] == positive_label
        split = str(record.get("split", "unsplit"))
        by_half.setdefault(split, Score()).add(record, positive, flags(record["text"]))
    return by_half


def _figures(label: str, score: Score, positive: str) -> str:
    positives = score.true_positive + score.false_negative
    negatives = score.false_positive + score.true_negative
    return (
        f"{label:<8} {positives + negatives:>4} texts "
        f"({positives} {positive}, {negatives} not): "
        f"recall {score.recall:.3f} ({score.true_positive}/{positives})  "
        f"false alarms {score.false_alarm_rate:.3f} ({score.false_positive}/{negatives})  "
        f"precision {score.precision:.3f}"
    )


def report(
    title: str, by_half: dict[str, Score], positive: str, show_holdout: bool, *, listed: bool = True
) -> None:
    """Figures per half; the misses of the halves that are tuning data when `listed`."""
    print(f"== {title}")
    for half, score in by_half.items():
        counted = score.true_positive + score.false_negative + score.false_positive
        if half not in HALVES and not counted + score.true_negative:
            continue  # an empty extra split
        print(_figures(half, score, positive))
        if half == "holdout":
            print(f"         ^ {BURNED}")
        for pattern, (caught, total) in sorted(score.by_pattern.items()):
            print(f"           recall {caught / total:.2f} ({caught}/{total})  {pattern}")
    if listed:
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


def _read(path: Path) -> object:
    try:
        # utf-8-sig: a file saved by an editor that adds a byte-order mark still reads
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as error:
        raise CorpusError(f"cannot read {path}: {error}") from error


def _records(path: Path, data: object, key: str, *, halves_only: bool) -> list[dict]:
    records = data.get(key) if isinstance(data, dict) else None
    if not isinstance(records, list):
        raise CorpusError(f"{path} has no '{key}' list")
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise CorpusError(f"{path}: record {number} is not an object")
        if halves_only and record.get("split") not in HALVES:
            raise CorpusError(f"{path}: record {number} has no split 'tune' or 'holdout'")
        if not isinstance(record.get("text"), str) or not isinstance(record.get("label"), str):
            raise CorpusError(f"{path}: record {number} needs a text and a label")
    return records


def _corpus(name: str, key: str) -> list[dict]:
    path = CORPUS / name
    return _records(path, _read(path), key, halves_only=True)


def _any_corpus(path: Path) -> tuple[str, list[dict]]:
    """An extra corpus file: blame sentences ('sentences') or action items ('actions'), any
    split names."""
    data = _read(path)
    key = "sentences" if isinstance(data, dict) and "sentences" in data else "actions"
    return key, _records(path, data, key, halves_only=False)


RULES_ONLY = False  # set by --rules-only: the hand rules without the learned model


def _blamed(text: str) -> bool:
    return bool(rule_kinds(text)[0]) if RULES_ONLY else bool(blame_matches(text))


def _vague(text: str) -> bool:
    return rule_vague_action(text) is not None if RULES_ONLY else bool(vague_phrase(text))


def _report_extra(path: Path) -> None:
    key, records = _any_corpus(path)
    if key == "sentences":
        report(f"blame language on {path.name}", scores(records, "blame", _blamed), "blame", False,
               listed=False)  # fmt: skip
    else:
        report(f"vague action items on {path.name}", scores(records, "vague", _vague), "vague",
               False, listed=False)  # fmt: skip


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])|\n+")


def neutral_documents() -> Iterator[tuple[str, PostMortem]]:
    """The bundled sample and the public post-mortems, as pmtui reads them."""
    for folder in NEUTRAL:
        for path in sorted(folder.glob("*.json")):
            data = _read(path)
            try:
                yield path.name, postmortem_from_dict(data)
            except ValueError as error:
                raise CorpusError(f"cannot read {path}: {error}") from error


def neutral_figures() -> tuple[Score, Score, list[str]]:
    """(blame over every sentence, vague over every open action item, the flagged lines) on
    ordinary post-mortem prose; every flag counts as a false alarm."""
    blame, vague, flagged = Score(), Score(), []
    for name, pm in neutral_documents():
        names = people(pm)
        for where, text in texts(pm):
            # The guide reads the whole text, as the review does; each sentence is a unit.
            starts = [match.start for match in blame_matches(text, names)]
            at = 0
            for sentence in _SENTENCE_END.split(text):
                begin = text.find(sentence, at)
                at = begin + len(sentence)
                if not sentence.strip():
                    continue
                hit = any(begin <= start < at for start in starts)
                blame.add({"text": sentence}, False, hit)
                if hit:
                    flagged.append(f"BLAME {name} {where}: {sentence.strip()}")
        for action in pm.actions:
            if action.is_open:
                hit = bool(vague_phrase(action.text))
                vague.add({"text": action.text}, False, hit)
                if hit:
                    flagged.append(f"VAGUE {name}: {action.text}")
    return blame, vague, flagged


def _report_neutral() -> None:
    blame, vague, flagged = neutral_figures()
    print("== ordinary post-mortem prose (sample_data, tests/data/public): every flag is noise")
    for title, score in (("blame", blame), ("vague", vague)):
        negatives = score.false_positive + score.true_negative
        print(
            f"{title:<8} {negatives:>4} texts: false alarms {score.false_alarm_rate:.3f} "
            f"({score.false_positive}/{negatives})"
        )
    for line in flagged:
        print(f"   FLAG  {line}")
    print()


def main(argv: list[str] | None = None) -> int:
    global RULES_ONLY  # one run measures one guide
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--show-holdout",
        action="store_true",
        help="also list the misses and false alarms of the burned holdout half (tuning data)",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="also measure the fresh held-out set (blame_fresh.json, actions_fresh.json)",
    )
    parser.add_argument(
        "--corpus",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="also measure this corpus file (figures only); may be given more than once",
    )
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="measure the hand rules alone, without the learned model (the guide before it)",
    )
    args = parser.parse_args(argv)
    RULES_ONLY = args.rules_only
    if RULES_ONLY:
        print("-- the hand rules alone (--rules-only); ordinary prose is measured as shipped\n")
    try:
        sentences = _corpus("blame_real.json", "sentences")
        actions = _corpus("actions_real.json", "actions")
        extra = list(args.corpus)
        if args.fresh:
            for name in FRESH:
                if (CORPUS / name).is_file():
                    extra.append(CORPUS / name)
                else:
                    print(f"-- fresh set: {CORPUS / name} is absent, not measured\n")
        report(
            "blame language (pmtui.analysis.person_blame.blame_matches, rules + model)",
            scores(sentences, "blame", _blamed),
            "blame",
            args.show_holdout,
        )
        report(
            "vague action items (pmtui.analysis.action_quality.vague_phrase, rules + model)",
            scores(actions, "vague", _vague),
            "vague",
            args.show_holdout,
        )
        _report_neutral()
        for path in extra:
            _report_extra(path)
    except CorpusError as error:
        print(f"measure_guides: error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
