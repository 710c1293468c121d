"""Provides the measurement of "Seen before?" on public incidents: how often an incident's
known partner (the same failure mode elsewhere) ranks first, in the top 3, and the MRR.

tests/data/corpus/similar_pairs.json holds 15 pairs of related public incidents and 21
distractors, each a title, a date and a summary of its cause. Each becomes a small
post-mortem (title, incident date, summary) in a throwaway database, read back through the
service as `pmtui similar` reads them; then each member of a pair is ranked against all 50
others (earlier and later alike) and the partner's rank is recorded.

The pairs are split in two halves by the first byte of the SHA-256 of their id (the two
incident ids joined by "+"), fixed before any weight was tuned: even is "tune", odd is
"holdout". Weights were changed while looking at the tune half only.

    .venv/bin/python bench/measure_similar.py            # both halves' figures
    .venv/bin/python bench/measure_similar.py --misses   # and the tune half's misses
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pmtui.analysis.similar import SimilarIndex
from pmtui.model.postmortem import PostMortem
from pmtui.service import PostMortemService
from pmtui.store import open_store

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"
PAIRS_FILE = CORPUS / "similar_pairs.json"
HALVES = ("tune", "holdout")


def pair_id(pair: dict) -> str:
    return "+".join(pair["incidents"])


def half_of(pair: dict) -> str:
    return "tune" if hashlib.sha256(pair_id(pair).encode()).digest()[0] % 2 == 0 else "holdout"


@dataclass
class Score:
    """The partner's rank for each incident of one half's pairs."""

    ranks: list[int] = field(default_factory=list)  # 1 is first; 0 is not ranked at all
    misses: list[str] = field(default_factory=list)

    def share_within(self, top: int) -> float:
        return sum(1 for rank in self.ranks if 0 < rank <= top) / len(self.ranks)

    @property
    def mrr(self) -> float:
        return sum(1 / rank for rank in self.ranks if rank) / len(self.ranks)


def load_corpus(path: Path = PAIRS_FILE) -> dict:
    data: dict = json.loads(path.read_text(encoding="utf-8"))
    return data


def corpus_postmortems(data: dict, folder: Path) -> list[PostMortem]:
    """Each incident as a small post-mortem, written to and read back from a database in
    `folder`; its id is the incident's id."""
    from pmtui.model.codec import postmortem_from_dict

    with PostMortemService(open_store(folder / "similar.json")) as service:
        for incident in data["incidents"]:
            document = {
                "title": incident["title"],
                # Some write-ups give only the month: the first of it keeps the order.
                "incident_date": (incident["date"] + "-01-01")[:10],
                "summary": incident["summary"],
                "links": incident["source_url"],
            }
            service.store.create(postmortem_from_dict(document, pm_id=incident["id"]))
        postmortems, unreadable = service.readable_postmortems()
    if unreadable:
        raise SystemExit("\n".join(unreadable))
    return postmortems


def measure(data: dict, postmortems: list[PostMortem]) -> dict[str, Score]:
    index = SimilarIndex(postmortems)
    by_id = {pm.id: pm for pm in postmortems}
    scores = {half: Score() for half in HALVES}
    for pair in data["pairs"]:
        score = scores[half_of(pair)]
        first, second = pair["incidents"]
        for asked, partner in ((first, second), (second, first)):
            ranked = [match.pm_id for match in index.rank(by_id[asked], later=True)]
            rank = ranked.index(partner) + 1 if partner in ranked else 0
            score.ranks.append(rank)
            if not 0 < rank <= 3:
                top = ", ".join(ranked[:3])
                score.misses.append(f"{asked}: {partner} ranked {rank or '-'}; top 3: {top}")
    return scores


def measured(data: dict | None = None) -> dict[str, Score]:
    """Both halves' scores, measured in a throwaway database."""
    data = data or load_corpus()
    with tempfile.TemporaryDirectory(prefix="pmtui-similar-") as folder:
        return measure(data, corpus_postmortems(data, Path(folder)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the tune half's misses")
    args = parser.parse_args()
    data = load_corpus()
    scores = measured(data)
    for half in HALVES:
        score = scores[half]
        print(
            f"{half:<8} {len(score.ranks) // 2:>2} pairs  top-1 {score.share_within(1):.0%}  "
            f"top-3 {score.share_within(3):.0%}  MRR {score.mrr:.2f}  ranks {score.ranks}"
        )
    if args.misses:
        for miss in scores["tune"].misses:
            print(f"  tune miss: {miss}")


if __name__ == "__main__":
    main()
