"""Tests "Seen before?" against public incidents: the measurement of bench/measure_similar.py
on tests/data/corpus/similar_pairs.json must stay above a floor on both halves."""

from __future__ import annotations

from types import ModuleType

import pytest

from tests.bench_support import bench_module


@pytest.fixture
def measure_similar(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    return bench_module("measure_similar", monkeypatch)


def test_every_pair_is_in_the_corpus_and_the_split_follows_the_hash(
    measure_similar: ModuleType,
) -> None:
    data = measure_similar.load_corpus()
    known = {incident["id"] for incident in data["incidents"]}
    paired = [member for pair in data["pairs"] for member in pair["incidents"]]
    assert len(paired) == len(set(paired)) == 30
    assert set(paired) | set(data["distractors"]) == known
    halves = [measure_similar.half_of(pair) for pair in data["pairs"]]
    assert (halves.count("tune"), halves.count("holdout")) == (6, 9)


def test_the_partner_ranks_in_the_top_3_on_both_halves(measure_similar: ModuleType) -> None:
    scores = measure_similar.measured()
    # Measured when written: tune 10/12 in the top 3 (MRR 0.80), holdout 16/18 (MRR 0.75).
    # A floor one query below each, so a real regression fails and noise does not.
    assert scores["tune"].share_within(3) >= 9 / 12
    assert scores["holdout"].share_within(3) >= 15 / 18
    for score in scores.values():
        assert score.share_within(1) >= 0.6
        assert score.mrr >= 0.7
