"""Tests of the once-sealed corpus for pmtui's blame and vague-action guides
(tests/data/corpus/blame_sealed.json and actions_sealed.json).

The set was built on 2026-12-06 from documents in no other corpus file, by someone who read
neither the guides' code nor any measurement of it, and measured once that day; it is tuning
data now (bench/train_guides.py learns from it). These tests check it stays valid tuning data:
big enough, from many documents, every record traceable to a public https URL, labelled by the
earlier files' rules, sharing no source and no text with the other tuning files (so grouped
cross-validation and leave-one-corpus-out stay honest), and saying in its "about" what it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.corpus_checks import (
    ACTION_PATTERNS,
    BLAME_PATTERNS,
    TRAPS,
    check_action_records,
    check_blame_records,
    check_blame_spread,
    check_no_text_twice,
    check_shares_nothing,
    check_traceable_file,
)

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
# (sealed file, the key holding its records)
SEALED = [
    ("blame_sealed.json", "sentences"),
    ("actions_sealed.json", "actions"),
]


def _load(name: str) -> dict[str, Any]:
    return orjson.loads((CORPUS / name).read_bytes())


def _blame() -> list[dict[str, Any]]:
    return _load("blame_sealed.json")["sentences"]


def _actions() -> list[dict[str, Any]]:
    return _load("actions_sealed.json")["actions"]


def _other_corpus_files() -> list[Path]:
    sealed = {name for name, _ in SEALED}
    return sorted(path for path in CORPUS.glob("*.json") if path.name not in sealed)


def test_the_blame_set_is_big_enough_and_from_many_documents() -> None:
    sentences = _blame()
    assert len(sentences) >= 450
    assert len({record["source_id"] for record in sentences}) >= 45
    assert sum(record["label"] == "blame" for record in sentences) >= 100


def test_the_blame_sentences_spread_over_every_pattern_and_hold_sixty_known_traps() -> None:
    check_blame_spread(_blame(), BLAME_PATTERNS, TRAPS)


def test_the_action_set_is_big_enough_and_from_many_documents() -> None:
    actions = _actions()
    assert len(actions) >= 130
    assert len({record["source_id"] for record in actions}) >= 25
    assert sum(record["label"] == "vague" for record in actions) >= 55


def test_blame_records_have_a_valid_label_pattern_and_trap() -> None:
    check_blame_records(_blame(), BLAME_PATTERNS, TRAPS)


def test_action_records_have_a_pattern_that_fits_their_label() -> None:
    check_action_records(_actions(), ACTION_PATTERNS)


@pytest.mark.parametrize(("name", "key"), SEALED)
def test_every_record_keeps_its_split_and_is_traceable_to_an_https_url_and_a_listed_source(
    name: str, key: str
) -> None:
    check_traceable_file(_load(name), key, "sealed")


@pytest.mark.parametrize(("name", "key"), SEALED)
def test_no_text_appears_twice(name: str, key: str) -> None:
    check_no_text_twice(_load(name)[key])


@pytest.mark.parametrize(("name", "key"), SEALED)
def test_no_source_and_no_text_is_shared_with_any_other_corpus_file(name: str, key: str) -> None:
    others = [orjson.loads(path.read_bytes()) for path in _other_corpus_files()]
    assert {"blame_real.json", "blame_fresh.json", "blame_synthetic.json"} <= {
        path.name for path in _other_corpus_files()
    }
    check_shares_nothing(_load(name), key, others)


@pytest.mark.parametrize("name", [name for name, _ in SEALED])
def test_the_about_text_says_when_it_was_measured_and_that_it_is_tuning_data_now(
    name: str,
) -> None:
    data = _load(name)
    assert "measured once 2026-12-06, now tuning data" in data["about"]
    assert "now tuning data" in data["split_rule"]
    assert "never tuned on" not in data["about"] + data["split_rule"]


def test_adapted_sentences_are_a_small_minority() -> None:
    sentences = _blame()
    assert sum(record["adapted"] for record in sentences) < 0.1 * len(sentences)
