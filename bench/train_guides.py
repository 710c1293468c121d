"""Provides the training of pmtui's learned blame and vague-action guides, with the figures
that say how they do on documents they have not seen.

Every labelled corpus in tests/data/corpus is tuning data (blame_real, blame_fresh,
blame_sealed, blame_sealed2, blame_sealed3, blame_more, blame_synthetic; actions_real,
actions_fresh, actions_sealed, actions_sealed2, actions_sealed3, actions_more; a file not there
yet is skipped); *sealed4* and *sealed5* files are never read (HELD_OUT). Three honest
estimates guide every choice, never the in-sample figure:
- grouped cross-validation by source document: records are dealt into five folds by a hash of
  their source_id, so no document feeds both the training and the test side;
- leave one corpus out: train on every other file, test on this one (each file was written
  from its own kind of documents, so this is the nearest to a new kind of prose);
- `--errors` lists the out-of-fold misses and false alarms, counted by pattern and trap.
The written sentences of blame_synthetic.json are always on the training side, never tested.

In every estimate the threshold is chosen inside the training side (an inner grouped
cross-validation picks the lowest score whose false alarms stay under 4%), so the test side
never influences it. The decision is the one pmtui ships (guide_model): a text is flagged
when a high-precision hand rule fires or the model's score passes the threshold.

    .venv/bin/python bench/train_guides.py            # figures, then writes the model
    .venv/bin/python bench/train_guides.py --dry-run  # figures only

The model is logistic regression with an L2 penalty, trained here in pure Python (sparse
features, AdaGrad); pmtui only adds weights, so it needs neither numpy nor this script.

What round guides17 tried and did not adopt (2026-12-07, issue 11). Data: the fourth sealed set
(blame_sealed4.json, actions_sealed4.json), measured once, as tuning data. Rules for its misses
(blame owned in so many words, "fell asleep", "was texting", a signal passed at danger, one
person's destruction counted, confessions flagged without the model; for actions stricter
controls, "plan for", "debug why", "TODO") and a model trained with it: out of fold over all
files with sealed4 blame went from 0.55 / 3.4% to 0.59 / 3.4% and vague from 0.71 / 6.6% to
0.73 / 6.6%, but on the fifth sealed set (blame_sealed5.json, 1,031 sentences from 98 documents;
actions_sealed5.json, 315 items from 55, built the same day by an engineer who never saw the
guides) blame scored 0.44 / 6.5% against 0.45 / 6.9% for guides16, vague 0.65 / 14.3% against
0.64 / 13.7%, and the retrained model no longer flagged written everyday sentences such as "Lena
broke the build and went home." So guides16 ships, sealed4 waits (HELD_OUT) and sealed5 stays the
held-out set, measured twice: once for guides16, once for this go/no-go.

What round guides16 chose (2026-12-07, issue 11). Data: the third sealed set, measured once
and burned (blame_sealed3.json, 752 sentences, 160 blame; actions_sealed3.json, 201 items, 78
vague), now tuning data. Rules for its misses' forms, each checked sentence by sentence on every
other file: a contracted pronoun is a subject ("I'd forgotten to"); a person made answerable for
a harm ("he is responsible for this blackout", "the responsibility lies with", "share the
blame", "deserved to be fired"), never blame merely reported ("the FAA is blaming the
controller" is reporting, and rules for it cost 21 verdicts for 14); asleep on duty; one's own
harm as one's act ("I've corrupted the alert database", "I managed to delete", "I pushed a
change that broke the site", "my query deleted"); hindsight asked about a person ("Should the
developer have paid more attention?", "Why didn't you ..."); an outcome traced to one person;
"someone thought it was a good idea to"; findings "in breach of", "performance issues"; insults
and one's own "stupidity"; "made a small little mistake". Left alone now: "can accidentally",
"anyone accidentally", "can never tell", "what caused the problem", "easy to blame", "took down
the old cluster", a news report's "did not respond to a request for comment". For actions: an
improvement promised in the passive ("will be improved", "should be revisited"), training with
no course, work under way ("are working to prevent", "further investigating"), "rework",
detail with nothing listed ("add detailed monitoring", "stricter review processes"). Out of
fold over all files with sealed3, the old code on the same files first: blame 0.56 / 3.5% ->
0.60 / 3.5% (leave one corpus out 0.56 / 3.5% -> 0.60 / 3.4%), vague 0.70 / 5.1% -> 0.72 / 5.1%.
Ordinary prose unchanged: blame 0 of 586, vague 8 of 56. The unseen figure is the fourth sealed
set's, built the same day by an engineer who never saw the guides (bench/measure_guides.py
--corpus).

What round guides15 chose (2026-12-07, issue 11). Data: the second sealed set, measured once
and burned (blame_sealed2.json, 861 sentences, 177 blame; actions_sealed2.json, 215 items, 99
vague), now tuning data. Rules for its misses' forms, each checked sentence by sentence on every
other file (65 verdicts better, 2 worse): talk about the label "human error" ("is often used
as", "tempting to use", "what appears to be", "are inevitable"), the team's pace judged ("it
took us too long to"), list entries with no subject ("Not double checking ...", "Missed the
step ..."), writing about one's own part ("I've broken prod", "we let you down", "the
disruption we caused"), a person unaware (said of others, not "we"), a person's clause acted
"without checking" or "as the wrong user", present-tense acts on the wrong thing, chances not
taken, reliance judged, work left undone "yet" or "never" done by ourselves; for actions a
question, a spike or a trial, "regular" with no period, tuning with no target, a different thing
not named, effort, people or steps with nothing named ("more effort into", "familiarize
themselves", "assign someone", "some of the follow-ups", "implemented measures to"). The model
may no longer flag alone a person who only could not do something ("with Access down the team
could not authenticate") or who did a duty with no negation ("the team then checked"), a loss
of access or data is not a failing word, and "Even if" leads a condition like "If". Out of fold
over all files, the old code on the same files first: blame 0.55 / 3.3% -> 0.62 / 3.3%, vague
0.64 / 4.5% -> 0.74 / 4.7%; every older blame file gained out of fold. Ordinary prose: blame 0
of 586 sentences (1 before). On the third sealed set (blame_sealed3.json, 752 sentences from 67
documents; actions_sealed3.json, 201 items from 44, built the same day by an engineer who never
saw the guides), figures only: blame 0.46 / 4.7% -> 0.46 / 4.1%, vague 0.51 / 8.1% -> 0.56 /
9.8%. Tuning on one unseen set did not carry to the next for blame: its misses there are other
forms again.

What round guides14 chose (2026-12-07, issue 11). Data: blame_more.json (271 real sentences,
81 blame, 58 documents: maintenance and accident reports, rail and aviation news, data-breach
and deleted-database write-ups, forums, 2i2c incident reports) and actions_more.json (81 items,
41 vague, 36 documents: incident issues and post-mortem follow-ups, company apologies, RCA
guides), none of them a source of another file or of the sealed set's sources list. On all
files now, the old code first, grouped CV recall / false alarms -> this round: blame 0.61 / 3.6%
-> 0.60 / 3.2%, leave-one-corpus-out 0.62 / 4.0% -> 0.60 / 3.2%; vague 0.67 / 4.8% -> 0.72 / 4.3%,
leave-one-corpus-out 0.68 / 5.1% -> 0.74 / 4.6% (on the three older action files alone the
rules' false alarms fell from 17 to 15). Rules that generalise: roles of trades and the sea
(signaller, helmsman, paramedic ...; "train driver", "air traffic controller", "IT worker",
while a bare "driver" or "controller" stays software), attention and skill judged of a person
("had been distracted", "was not familiar with", "did not know the business well", "lacked the
experience"), "in error"; for actions, a commitment in prose hands the item to the verb after
it ("We will endeavor to improve", "We are now conducting a review of"), unnamed steps ("has
taken steps to ensure"), a process or its documents revised with nothing named ("Update post
mortem documentation", "... for clarity and completeness"), people brought in ("involve a team
in"), measures and mechanisms with nothing named. The model may no longer flag alone a person
who is missing ("a channel which has no owner"), words the rules turned down as talk about
human error, a rule's condition ("If the on-call did not ack, the page escalated") or quoted
words. The blame budget went from 4% to 3.5%: at 4% (grouped CV 0.62 / 3.5%) the model
retrained on blame_more raised blame_real's in-sample holdout alarms from 5 to 6; the recall
target (0.90 unseen) stays far: most misses are roles and findings of news prose the rules do
not read and the model does not learn from 475 positives.

What round four chose (2026-12-06, all files; grouped CV recall / false alarms, before ->
after): blame 0.48 / 2.1% -> 0.67 / 4.1%, vague 0.60 / 4.2% -> 0.72 / 4.8%. The blame budget
went from 2% to 4% (the rules alone spent the 2% on the sealed set's argued and reported blame,
so the model could add nothing); word classes that generalise (more roles, report verbs, an
agentive passive, a failure noun owned by a person, writing about blame, a role that names
software or modifies a thing) added 0.03-0.04; an effort or comparative with no checkable end
now flags on its rule alone (84 vague in 95 on every file) and the vague model only vetoes the
ones that have an end; the first word's identity (v0:) was dropped: it memorised documents.

What the estimates chose before (2026-12-06; grouped CV recall / false alarms): word stems
and pairs memorise their documents (blame 0.66 / 4.8% with them, 0.67 / 3.4% without at the same 4%
budget; vague 0.70 / 4.6% and 0.72 / 3.7%), so the shipped model reads word classes, the
rules' hits (the strongest features) and the rules they turned down; without the rules' hits
blame fell to 0.49. A model-only blame flag needs a person next to a failing word. L2 from
0.003 to 0.03 and 10 to 25 epochs changed recall by less than 0.03 (noise at this size).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pmtui.analysis import guide_model
from pmtui.analysis.guide_features import action_features, blame_features
from pmtui.analysis.person_blame import rule_kinds
from pmtui.analysis.vague_actions import rule_kind, rule_vague_action

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
MODEL = ROOT / "src" / "pmtui" / "analysis" / "data" / "guide_model.json"
FOLDS = 5
MAX_FALSE_ALARMS = 0.04
# Blame flags block publishing; at 4% the bundled sample and public post-mortems get 2 flags
# in 604 sentences (1 at 2%), and out of fold recall rises from 0.48 to 0.65.
BLAME_FALSE_ALARMS = 0.035  # guides14: 3.5% keeps blame_real's holdout at its 5 alarms
EPOCHS = 25
L2 = 0.01
# The action items are few and their weak rules' hits split both ways: a stronger penalty
# keeps the model from trusting a rule's word alone (grouped CV 0.63 against 0.60 at 0.01).
VAGUE_L2 = 0.05
MIN_DOCUMENTS = 2
WORDS = False  # word stems and pairs memorise their documents: grouped CV is worse with them
DROPPED: tuple[str, ...] = ()  # feature families left out (prefixes: "b:", "r:", ...)
STRONG = True  # a trial switch: False lets the model decide even where a precise rule fired


@dataclass(frozen=True, slots=True)
class Example:
    features: frozenset[str]
    positive: bool
    rule: bool  # a high-precision hand rule fired
    eligible: bool  # the model may flag it (a blame sentence names a person or a rule fired)
    group: str  # the source document; "synthetic" for written sentences
    corpus: str
    text: str = ""
    pattern: str = ""


# The sets never read here: sealed5 is the lead's held-out set; sealed4 was measured once and
# tried as tuning data in round guides17, which was not adopted (see above), so it waits.
HELD_OUT = ("sealed4", "sealed5")
# Every tuning file, in the order the figures list them. The HELD_OUT sets are not among them:
# never read here. blame_synthetic is written prose: always training side, never tested.
BLAME_FILES = (
    "blame_real",
    "blame_fresh",
    "blame_sealed",
    "blame_sealed2",
    "blame_sealed3",
    "blame_more",
    "blame_synthetic",
)
ACTION_FILES = (
    "actions_real",
    "actions_fresh",
    "actions_sealed",
    "actions_sealed2",
    "actions_sealed3",
    "actions_more",
)


def _load(name: str, key: str) -> list[dict]:
    for held in HELD_OUT:
        if held in name:
            raise SystemExit(f"train_guides: the {held} corpora are never read")
    path = CORPUS / name
    if not path.exists():
        return []
    records: list[dict] = json.loads(path.read_text(encoding="utf-8"))[key]
    return records


def blame_examples() -> list[Example]:
    examples = []
    for corpus in BLAME_FILES:
        for record in _load(f"{corpus}.json", "sentences"):
            kinds, rejected = rule_kinds(record["text"])
            features = blame_features(record["text"], frozenset(), kinds, rejected)
            examples.append(
                Example(
                    frozenset(
                        blame_features(
                            record["text"], frozenset(), kinds, rejected, with_words=WORDS
                        )
                    ),
                    record["label"] == "blame",
                    STRONG and guide_model.strong_blame_rule(kinds),
                    bool(kinds) or guide_model.blame_eligible(features),
                    record.get("source_id", "synthetic"),
                    corpus,
                    record["text"],
                    record.get("pattern", "")
                    if record["label"] == "blame"
                    else record.get("trap", "none"),
                )
            )
    return examples


def action_examples() -> list[Example]:
    examples = []
    for corpus in ACTION_FILES:
        for record in _load(f"{corpus}.json", "actions"):
            found = rule_vague_action(record["text"])
            kind = rule_kind(record["text"], found)
            examples.append(
                Example(
                    frozenset(action_features(record["text"], kind, with_words=WORDS)),
                    record["label"] == "vague",
                    STRONG and guide_model.strong_vague_rule(kind, record["text"]),
                    True,
                    record["source_id"],
                    corpus,
                    record["text"],
                    record.get("pattern", ""),
                )
            )
    return examples


def fold_of(group: str) -> int:
    return hashlib.sha256(group.encode()).digest()[0] % FOLDS


def _shared(examples: Sequence[Example]) -> frozenset[str]:
    """Features seen in at least MIN_DOCUMENTS source documents: a word only one document
    uses teaches nothing about the next document."""
    documents: dict[str, set[str]] = {}
    for example in examples:
        for feature in example.features:
            documents.setdefault(feature, set()).add(example.group)
    return frozenset(
        feature
        for feature, seen in documents.items()
        if len(seen) >= MIN_DOCUMENTS and not feature.startswith(DROPPED)
    )


def train(examples: Sequence[Example], l2: float = L2) -> dict[str, float]:
    """Logistic regression by AdaGrad over sparse binary features, L2 applied to the weights a
    step touches."""
    shared = _shared(examples)
    examples = [
        Example(ex.features & shared, ex.positive, ex.rule, ex.eligible, ex.group, ex.corpus)
        for ex in examples
    ]
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    order = list(examples)
    shuffle = random.Random(7)
    for _ in range(EPOCHS):
        shuffle.shuffle(order)
        for example in order:
            score = sum(weights.get(feature, 0.0) for feature in example.features)
            error = _sigmoid(score) - example.positive
            for feature in example.features:
                weight = weights.get(feature, 0.0)
                gradient = error + (l2 * weight if feature != "bias" else 0.0)
                square = squares.get(feature, 1e-8) + gradient * gradient
                squares[feature] = square
                weights[feature] = weight - 0.5 * gradient / math.sqrt(square)
    return weights


def _sigmoid(score: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))


def score(weights: dict[str, float], example: Example) -> float:
    """The model's score, 0 for an example it may not flag on its own."""
    if not example.eligible:
        return 0.0
    return _sigmoid(sum(weights.get(feature, 0.0) for feature in example.features))


def out_of_fold(examples: Sequence[Example], l2: float = L2) -> list[tuple[Example, float]]:
    """Every testable example with the score of a model trained without its document."""
    scored = []
    for fold in range(FOLDS):
        training = [ex for ex in examples if ex.group == "synthetic" or fold_of(ex.group) != fold]
        weights = train(training, l2)
        scored.extend(
            (ex, score(weights, ex))
            for ex in examples
            if ex.group != "synthetic" and fold_of(ex.group) == fold
        )
    return scored


def threshold_for(scored: Sequence[tuple[Example, float]]) -> float:
    """The lowest threshold whose combined decision keeps false alarms under the limit."""
    negatives = [(ex, value) for ex, value in scored if not ex.positive]
    limit = (
        BLAME_FALSE_ALARMS
        if negatives and negatives[0][0].corpus.startswith("blame")
        else MAX_FALSE_ALARMS
    )
    allowed = int(limit * len(negatives))
    by_rule = sum(ex.rule for ex, _ in negatives)
    left = sorted((value for ex, value in negatives if not ex.rule and ex.eligible), reverse=True)
    budget = max(0, allowed - by_rule)
    # Flagged when score >= threshold: the budget-th highest score of the negatives the rules
    # leave alone is the last one allowed through.
    if budget >= len(left):
        return 0.5
    return min(0.99, max(left[budget] + 1e-6, 0.05))


def fit(examples: Sequence[Example], l2: float = L2) -> tuple[dict[str, float], float]:
    """Weights from every example and a threshold chosen by grouped cross-validation inside
    them."""
    return train(examples, l2), threshold_for(out_of_fold(examples, l2))


@dataclass
class Figures:
    caught: int = 0
    positives: int = 0
    alarms: int = 0
    negatives: int = 0

    def add(self, positive: bool, flagged: bool) -> None:
        if positive:
            self.positives += 1
            self.caught += flagged
        else:
            self.negatives += 1
            self.alarms += flagged

    def short(self) -> str:
        recall = self.caught / self.positives if self.positives else 1.0
        alarms = self.alarms / self.negatives if self.negatives else 0.0
        counts = f"{self.caught}/{self.positives} FA {alarms:.3f} {self.alarms}/{self.negatives}"
        return f"{recall:.2f} {counts}"

    def __str__(self) -> str:
        recall = self.caught / self.positives if self.positives else 1.0
        alarms = self.alarms / self.negatives if self.negatives else 0.0
        return (
            f"recall {recall:.3f} ({self.caught}/{self.positives})  "
            f"false alarms {alarms:.3f} ({self.alarms}/{self.negatives})"
        )


def figures(pairs: Sequence[tuple[Example, bool]]) -> Figures:
    result = Figures()
    for example, flagged in pairs:
        result.add(example.positive, flagged)
    return result


def _rules_flag(example: Example) -> bool:
    return "r:any" in example.features


def grouped_cv(examples: Sequence[Example], l2: float = L2) -> list[tuple[Example, bool]]:
    """Each testable example with the shipped decision of a model trained without its
    document: each outer fold picks its own threshold by an inner CV of its training side."""
    pairs = []
    for fold in range(FOLDS):
        training = [ex for ex in examples if ex.group == "synthetic" or fold_of(ex.group) != fold]
        fold_weights, fold_threshold = fit(training, l2)
        pairs.extend(
            (ex, ex.rule or score(fold_weights, ex) >= fold_threshold)
            for ex in examples
            if ex.group != "synthetic" and fold_of(ex.group) == fold
        )
    return pairs


def estimate(
    title: str,
    examples: list[Example],
    l2: float = L2,
    *,
    out: Callable[[str], None] = print,
    errors: bool = False,
) -> None:
    """Prints, for every tuning file and all together, the rules alone, rules + model in
    sample, grouped CV out-of-fold, and leave-one-corpus-out (trained on every other file)."""
    testable = [ex for ex in examples if ex.group != "synthetic"]
    corpora = [c for c in dict.fromkeys(ex.corpus for ex in testable)]
    began = time.perf_counter()
    weights, threshold = fit(examples, l2)
    in_sample = [(ex, ex.rule or score(weights, ex) >= threshold) for ex in testable]
    pairs = grouped_cv(examples, l2)
    out(f"== {title} (threshold {threshold:.3f})")
    out(f"{'file':<16} {'rules alone':<30} {'in-sample':<30} {'grouped CV':<30} leave-one-out")
    total_loo: list[tuple[Example, bool]] = []
    for corpus in [*corpora, "all"]:

        def mine(
            rows: Sequence[tuple[Example, bool]], corpus: str = corpus
        ) -> list[tuple[Example, bool]]:
            return [(ex, flag) for ex, flag in rows if corpus == "all" or ex.corpus == corpus]

        rules = mine([(ex, _rules_flag(ex)) for ex in testable])
        if corpus != "all":
            training = [ex for ex in examples if ex.corpus != corpus]
            loo_weights, loo_threshold = fit(training, l2)
            loo = [
                (ex, ex.rule or score(loo_weights, ex) >= loo_threshold)
                for ex in testable
                if ex.corpus == corpus
            ]
            total_loo.extend(loo)
        else:
            loo = total_loo
        out(
            f"{corpus:<16} {figures(rules).short():<30} {figures(mine(in_sample)).short():<30} "
            f"{figures(mine(pairs)).short():<30} {figures(loo).short()}"
        )
    out(f"({time.perf_counter() - began:.0f} s)\n")
    if errors:
        report_errors(pairs, out)


def report_errors(pairs: Sequence[tuple[Example, bool]], out: Callable[[str], None]) -> None:
    """The out-of-fold misses and false alarms, counted by pattern (or trap), then listed."""
    misses = Counter(ex.pattern for ex, flag in pairs if ex.positive and not flag)
    caught = Counter(ex.pattern for ex, flag in pairs if ex.positive and flag)
    alarms = Counter(ex.pattern for ex, flag in pairs if not ex.positive and flag)
    out("out-of-fold by pattern: caught / missed")
    for pattern in sorted(set(misses) | set(caught), key=lambda p: -misses[p]):
        out(f"  {pattern:<36} {caught[pattern]:>4} / {misses[pattern]:<4}")
    out("out-of-fold false alarms by trap: " + ", ".join(f"{k}: {v}" for k, v in alarms.items()))
    for ex, flag in pairs:
        if ex.positive != flag:
            tag = "MISS" if ex.positive else "FA  "
            rules = ",".join(sorted(f[2:] for f in ex.features if f.startswith("r:")))
            out(f"{tag} [{ex.corpus}|{ex.pattern}|{rules}] {ex.text}")


def compact(weights: dict[str, float]) -> dict[str, float]:
    """The weights worth shipping: rounded, the near-zero ones left out (they change no
    decision)."""
    return {
        feature: round(weight, 3)
        for feature, weight in sorted(weights.items())
        if abs(weight) >= 0.02 or feature == "bias"
    }


def main(argv: list[str] | None = None) -> int:
    global MIN_DOCUMENTS, DROPPED, EPOCHS, WORDS, STRONG, BLAME_FALSE_ALARMS  # trial settings
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the figures only")
    parser.add_argument("--l2", type=float, help="the L2 penalty per example (a trial)")
    parser.add_argument("--min-documents", type=int, default=MIN_DOCUMENTS)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument(
        "--words", action="store_true", help="also word stems and pairs (a trial; not shipped)"
    )
    parser.add_argument(
        "--drop", default="", help="feature families to leave out, e.g. 'b:,r:' (a trial)"
    )
    parser.add_argument(
        "--only", choices=("blame", "vague"), help="train and measure one guide only"
    )
    parser.add_argument(
        "--blame-fa", type=float, default=BLAME_FALSE_ALARMS, help="the blame guide's budget"
    )
    parser.add_argument(
        "--no-strong", action="store_true", help="the model decides even where a rule fired"
    )
    parser.add_argument(
        "--errors", action="store_true", help="list the out-of-fold misses and false alarms"
    )
    args = parser.parse_args(argv)
    MIN_DOCUMENTS = args.min_documents
    EPOCHS = args.epochs
    WORDS = args.words
    STRONG = not args.no_strong
    BLAME_FALSE_ALARMS = args.blame_fa
    DROPPED = tuple(prefix for prefix in args.drop.split(",") if prefix)
    model: dict[str, object] = {"format": guide_model.FORMAT}
    for guide, build in (("blame", blame_examples), ("vague", action_examples)):
        if args.only and args.only != guide:
            continue
        examples = build()
        l2 = args.l2 if args.l2 is not None else VAGUE_L2 if guide == "vague" else L2
        estimate(f"{guide} guide", examples, l2, errors=args.errors)
        weights, threshold = fit(examples, l2)
        model[guide] = {"threshold": round(threshold, 4), "weights": compact(weights)}
    if not args.dry_run and not args.only:
        MODEL.parent.mkdir(parents=True, exist_ok=True)
        MODEL.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {MODEL.relative_to(ROOT)} ({MODEL.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
