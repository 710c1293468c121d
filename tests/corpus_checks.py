"""Provides the record checks that every labelled guide corpus (fresh, sealed) must pass.

One definition of a valid blame or action record, so the corpora cannot drift apart in what
they call a label, a pattern or a trap.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

# The labelling vocabulary every corpus file follows (the rules are in each file's "about").
BLAME_PATTERNS = {
    "counterfactual",
    "possessive blame",
    "passive with agent",
    "leading clause",
    "negated effort",
    "judgement of skill/attention",
    "explicit naming",
}
TRAPS = {
    "passive with a thing as subject",
    "says what should not be needed",
    "argues against human error",
    "reports blame without making it",
    "a name or role that is not the subject of a failure",
    "how it made sense at the time",
    "an attacker, not a colleague, as the subject",
}
ACTION_PATTERNS = {
    "vague": {
        "verb without verifiable end",
        "comparative without target",
        "exploration without deliverable",
        "no verb or no object",
    },
    "concrete": {"concrete deliverable", "completed change"},
}


def check_blame_records(records: Iterable[dict], patterns: set[str], traps: set[str]) -> None:
    """Each record is blame with a known pattern and no trap, or not-blame with a known trap."""
    for record in records:
        assert record["label"] in ("blame", "not-blame"), record
        if record["label"] == "blame":
            assert record["pattern"] in patterns, record
            assert "trap" not in record, record
        else:
            assert record["pattern"] == "none", record
            assert record.get("trap", "none") in traps | {"none"}, record


def check_action_records(records: Iterable[dict], patterns: Mapping[str, set[str]]) -> None:
    """Each action's pattern belongs to its label."""
    for record in records:
        assert record["label"] in patterns, record
        assert record["pattern"] in patterns[record["label"]], record


def check_blame_spread(records: list[dict], patterns: set[str], traps: set[str]) -> None:
    """Every blame pattern at least five times; at least 60 traps of at least six known kinds."""
    seen = Counter(record["pattern"] for record in records if record["label"] == "blame")
    assert set(seen) == patterns
    assert min(seen.values()) >= 5, seen
    trap_counts = Counter(record["trap"] for record in records if "trap" in record)
    assert set(trap_counts) <= traps
    assert sum(trap_counts.values()) >= 60
    assert len(trap_counts) >= 6, trap_counts


HTTPS_URL = re.compile(r"https://[^\s/]+\.[^\s/]+/\S*$")


def normalised(text: str) -> str:
    """A text as compared for duplicates: case and spacing do not make it another text."""
    return " ".join(text.casefold().split())


def check_traceable_file(data: dict, key: str, split: str) -> None:
    """Every source listed once with an https url and `split`; every record of `key` kept
    in `split`, its text trimmed, traceable to a listed source by the same url."""
    sources = {source["source_id"]: source for source in data["sources"]}
    assert len(sources) == len(data["sources"]), "a source id is listed twice"
    assert all(source["split"] == split for source in sources.values())
    assert all(HTTPS_URL.match(source["url"]) for source in sources.values())
    for record in data[key]:
        assert record["text"] and record["text"].strip() == record["text"], record
        assert record["split"] == split, record
        assert HTTPS_URL.match(record["url"]), record
        assert sources[record["source_id"]]["url"] == record["url"], record
        assert isinstance(record["adapted"], bool), record
    assert {record["source_id"] for record in data[key]} == set(sources)


def check_no_text_twice(records: Iterable[dict]) -> None:
    texts = Counter(normalised(record["text"]) for record in records)
    assert not [text for text, count in texts.items() if count > 1]


def fields(value: Any, names: set[str]) -> Iterator[str]:
    """Yields every string held under one of `names`, at any depth of a corpus file."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in names and isinstance(item, str):
                yield item
            else:
                yield from fields(item, names)
    elif isinstance(value, list):
        for item in value:
            yield from fields(item, names)


def check_shares_nothing(held_out: dict, key: str, others: Iterable[dict]) -> None:
    """No source id, source url or record text of the held-out file `held_out` (records under
    `key`) appears anywhere in `others`."""
    others = list(others)
    other_ids = {value for data in others for value in fields(data, {"source_id"})}
    other_urls = {value for data in others for value in fields(data, {"url", "source_url"})}
    other_texts = {normalised(value) for data in others for value in fields(data, {"text"})}
    assert not {source["source_id"] for source in held_out["sources"]} & other_ids
    assert not {source["url"] for source in held_out["sources"]} & other_urls
    assert not {normalised(record["text"]) for record in held_out[key]} & other_texts
