"""Tests of the fresh held-out corpus for pmtui's blame and vague-action guides
(tests/data/corpus/blame_fresh.json and actions_fresh.json).

The first corpus's held-out half has been looked at, so these files were built from documents
that are in neither blame_real.json nor actions_real.json, by someone who had not read the
guides' rules. These tests check the fresh set is honest as an instrument: big enough, from many
documents, every record traceable to a public URL, labelled by the first corpus's rules, and
sharing no source and no text with the first corpus. They deliberately assert no recall figure:
the set is measured once per release, never tuned against.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import orjson
import pytest

from tests.corpus_checks import (
    ACTION_PATTERNS,
    BLAME_PATTERNS,
    TRAPS,
    check_action_records,
    check_blame_records,
    check_blame_spread,
)

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
# (fresh file, the key holding its records)
FRESH = [
    ("blame_fresh.json", "sentences"),
    ("actions_fresh.json", "actions"),
]
FIRST_CORPUS = [("blame_real.json", "sentences"), ("actions_real.json", "actions")]


def _load(name: str) -> dict:
    return orjson.loads((CORPUS / name).read_bytes())


def _normalised(text: str) -> str:
    return " ".join(text.casefold().split())


def _blame() -> list[dict]:
    return _load("blame_fresh.json")["sentences"]


def _actions() -> list[dict]:
    return _load("actions_fresh.json")["actions"]


def test_the_blame_set_is_big_enough_and_from_many_documents() -> None:
    sentences = _blame()
    blame = [record for record in sentences if record["label"] == "blame"]
    assert len(sentences) >= 500
    assert len({record["source_id"] for record in sentences}) >= 50
    assert len(blame) >= 100


def test_the_blame_sentences_spread_over_every_pattern_and_hold_sixty_known_traps() -> None:
    check_blame_spread(_blame(), BLAME_PATTERNS, TRAPS)


def test_the_action_set_is_big_enough_and_from_many_documents() -> None:
    actions = _actions()
    assert len(actions) >= 150
    assert len({record["source_id"] for record in actions}) >= 25
    assert sum(record["label"] == "vague" for record in actions) >= 60


def test_blame_records_have_a_valid_label_pattern_and_trap() -> None:
    check_blame_records(_blame(), BLAME_PATTERNS, TRAPS)


def test_action_records_have_a_pattern_that_fits_their_label() -> None:
    check_action_records(_actions(), ACTION_PATTERNS)


@pytest.mark.parametrize(("name", "key"), FRESH)
def test_every_record_is_fresh_traceable_to_a_public_url_and_a_listed_source(
    name: str, key: str
) -> None:
    data = _load(name)
    sources = {source["source_id"]: source for source in data["sources"]}
    assert all(source["split"] == "fresh" for source in sources.values())
    assert all(re.match(r"https?://\S+$", source["url"]) for source in sources.values())
    for record in data[key]:
        assert record["text"] and record["text"].strip() == record["text"], record
        assert record["split"] == "fresh", record
        assert re.match(r"https?://\S+$", record["url"]), record
        assert sources[record["source_id"]]["url"] == record["url"], record
        assert isinstance(record["adapted"], bool), record
    assert {record["source_id"] for record in data[key]} == set(sources)


@pytest.mark.parametrize(("name", "key"), FRESH)
def test_no_text_appears_twice(name: str, key: str) -> None:
    texts = Counter(_normalised(record["text"]) for record in _load(name)[key])
    assert not [text for text, count in texts.items() if count > 1]


@pytest.mark.parametrize(("name", "key"), FRESH)
def test_no_source_and_no_text_is_shared_with_the_first_corpus(name: str, key: str) -> None:
    first = [_load(first_name) for first_name, _ in FIRST_CORPUS]
    first_ids = {source["source_id"] for data in first for source in data["sources"]}
    first_urls = {source["url"] for data in first for source in data["sources"]}
    first_texts = {
        _normalised(record["text"])
        for data, (_, first_key) in zip(first, FIRST_CORPUS, strict=True)
        for record in data[first_key]
    }
    fresh = _load(name)
    assert not {source["source_id"] for source in fresh["sources"]} & first_ids
    assert not {source["url"] for source in fresh["sources"]} & first_urls
    assert not {_normalised(record["text"]) for record in fresh[key]} & first_texts


@pytest.mark.parametrize(("name", "key"), FRESH)
def test_the_about_text_says_when_it_was_built_that_it_is_unseen_and_how_it_is_used(
    name: str, key: str
) -> None:
    about = _load(name)["about"]
    assert "2026-12-06" in about
    assert "never saw it" in about
    assert "once per release" in about


def test_adapted_sentences_are_a_small_minority() -> None:
    sentences = _blame()
    assert sum(record["adapted"] for record in sentences) < 0.1 * len(sentences)
