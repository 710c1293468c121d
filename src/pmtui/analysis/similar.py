"""Provides "Seen before?": the team's other post-mortems ranked by how much their causes,
titles, summaries, triggers and timelines share with one post-mortem, with the terms that
made each match.

The ranking is BM25 (Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and
Beyond", 2009) over pmtui's own terms (analysis.similar_terms), scored field by field: each
field's term frequency is saturated and length-normalised on its own, then weighted, so a
thousand-event timeline cannot outweigh one shared root cause. Written here rather than taken
from a library: rank-bm25 pulls in numpy (numpy 2.4 measured 50 to 190 ms to import and 45 MB
installed on the development machine) for what is some sixty lines here, and it knows
neither fields nor which terms made a match.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from pmtui.analysis.similar_terms import shown_word, term_of, word_counts
from pmtui.model.postmortem import PostMortem

#: How much a shared term counts by the field it is in: a cause or factor names the failure
#: mode, a timeline event mostly names the hosts and the hour. Products of two weights score
#: a term (the field it has here and the field it has there). Tuned on the tune half of
#: tests/data/corpus/similar_pairs.json (see bench/measure_similar.py).
FIELD_WEIGHTS: dict[str, float] = {
    "cause": 3.0,  # the answers of a Five Whys chain, its root cause last
    "factor": 2.0,  # a contributing factor: the problem a chain starts from
    "category": 1.5,  # a root cause's category
    "service": 1.5,
    "title": 2.0,
    "trigger": 2.0,
    "summary": 1.0,
    "event": 0.4,
}
#: BM25's saturation (k1) and length normalisation (b); the usual values.
K1 = 1.2
B = 0.75
#: Fields that are names, not prose: their length says nothing about a term's weight.
_NAME_FIELDS = frozenset({"category", "service"})
#: How many shared terms a match names.
SHOWN_TERMS = 5


def factor_texts(pm: PostMortem) -> Iterator[tuple[str, str]]:
    """(field, text) for each contributing factor and cause: a chain's problem, then each of
    its answers (the last is the root cause once one is marked)."""
    for chain in pm.whys:
        yield "factor", chain.problem
        for answer in chain.answers:
            yield "cause", answer


def incident_texts(pm: PostMortem) -> Iterator[tuple[str, str]]:
    """(field, text) for every prose text of `pm` the ranking reads."""
    yield "title", pm.title
    yield "summary", pm.summary
    yield "trigger", pm.trigger
    yield from factor_texts(pm)
    for event in pm.events:
        yield "event", event.text


@dataclass(slots=True)
class IncidentTerms:
    """One post-mortem as the ranking sees it: its terms counted field by field."""

    pm_id: str
    title: str
    day: date | None
    order: tuple[date, str]  # when it happened, for "earlier"; see _order
    counts: dict[str, Counter[str]] = field(default_factory=dict)  # field -> term -> count
    words: dict[str, Counter[str]] = field(default_factory=dict)  # term -> words seen

    @property
    def lengths(self) -> dict[str, int]:
        return {name: sum(counted.values()) for name, counted in self.counts.items()}


def _order(pm: PostMortem) -> tuple[date, str]:
    # Undated post-mortems take the day they were written: still before later ones.
    return (pm.incident_day or pm.created_at.date(), pm.created_at.isoformat())


def incident_terms(pm: PostMortem) -> IncidentTerms:
    """Count `pm`'s terms by field; root-cause categories and services count as one term."""
    found = IncidentTerms(pm.id, pm.title, pm.incident_day, _order(pm))
    texts: dict[str, list[str]] = {}
    for name, text in incident_texts(pm):
        texts.setdefault(name, []).append(text)
    for name, parts in texts.items():
        counted = found.counts.setdefault(name, Counter())
        for word, count in word_counts("\n".join(parts)).items():
            term = term_of(word)
            if term:
                counted[term] += count
                found.words.setdefault(term, Counter())[shown_word(word)] += count
    for chain in pm.whys:
        if chain.category is not None:
            _add_name(found, "category", f"category {chain.category.value}")
    for service in pm.services:
        _add_name(found, "service", service)
    return found


def _add_name(found: IncidentTerms, name: str, shown: str) -> None:
    term = f"{name}:{shown.casefold()}"
    found.counts.setdefault(name, Counter())[term] += 1
    found.words.setdefault(term, Counter())[shown] += 1


@dataclass(frozen=True, slots=True)
class SharedTerm:
    term: str  # as the post-mortem asked about writes it
    weight: float  # its part of the score


@dataclass(frozen=True, slots=True)
class SimilarIncident:
    pm_id: str
    title: str
    day: date | None
    score: float
    shared: tuple[SharedTerm, ...]
    later: bool  # happened after the post-mortem asked about


class SimilarIndex:
    """The team's post-mortems counted once; ask it about any post-mortem, as often as it
    changes, for the price of counting that one."""

    def __init__(self, postmortems: Iterable[PostMortem]) -> None:
        self.incidents = {pm.id: incident_terms(pm) for pm in postmortems}
        self.document_frequency: Counter[str] = Counter()
        totals: Counter[str] = Counter()
        for incident in self.incidents.values():
            self.document_frequency.update(
                {term for counted in incident.counts.values() for term in counted}
            )
            totals.update(incident.lengths)
        count = max(1, len(self.incidents))
        self.average_length = {name: total / count for name, total in totals.items()}
        self._weights = {pm_id: self.weights(found) for pm_id, found in self.incidents.items()}

    def idf(self, term: str, documents: int) -> float:
        df = self.document_frequency.get(term, 0)
        return math.log(1 + (documents - df + 0.5) / (df + 0.5))

    def weights(self, incident: IncidentTerms) -> dict[str, float]:
        """Each term's field-weighted, saturated frequency in `incident`."""
        weighted: dict[str, float] = {}
        lengths = incident.lengths
        for name, counted in incident.counts.items():
            weight = FIELD_WEIGHTS[name]
            b = 0.0 if name in _NAME_FIELDS else B
            average = self.average_length.get(name) or 1.0
            norm = K1 * (1 - b + b * lengths[name] / average)
            for term, count in counted.items():
                weighted[term] = weighted.get(term, 0.0) + weight * count / (count + norm)
        return weighted

    def rank(
        self, pm: PostMortem, *, later: bool = False, limit: int | None = None
    ) -> list[SimilarIncident]:
        """The other post-mortems that share terms with `pm`, best first; only those that
        happened before it unless `later`."""
        asked = incident_terms(pm)
        query = self.weights(asked)
        documents = len(self.incidents) + (pm.id not in self.incidents)
        idf = {term: self.idf(term, documents) for term in query}
        ranked = []
        for other in self.incidents.values():
            is_later = other.order > asked.order
            if other.pm_id == pm.id or (is_later and not later):
                continue
            parts = {
                term: idf[term] * query[term] * weight
                for term, weight in self._weights[other.pm_id].items()
                if term in query
            }
            if not parts:
                continue
            top = sorted(parts.items(), key=lambda item: (-item[1], item[0]))[:SHOWN_TERMS]
            shared = tuple(SharedTerm(_shown(asked, term), weight) for term, weight in top)
            score = sum(parts.values())
            ranked.append(
                SimilarIncident(other.pm_id, other.title, other.day, score, shared, is_later)
            )
        ranked.sort(key=lambda match: (-match.score, match.pm_id))
        return ranked if limit is None else ranked[:limit]


def _shown(incident: IncidentTerms, term: str) -> str:
    """The word the post-mortem itself uses most for `term`."""
    seen = incident.words[term]
    return min(seen, key=lambda word: (-seen[word], word))


def similar_incidents(
    pm: PostMortem, postmortems: Iterable[PostMortem], *, later: bool = False, limit: int = 5
) -> list[SimilarIncident]:
    """The `limit` post-mortems most like `pm` among `postmortems` (which may include it)."""
    return SimilarIndex(postmortems).rank(pm, later=later, limit=limit)
