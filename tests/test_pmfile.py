"""The team folder's per-post-mortem file: the same post-mortem gives the same bytes, every
value comes back, and a damaged or foreign file is refused naming it."""

from __future__ import annotations

import difflib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from pmtui.model.codec import postmortem_from_dict
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import PostMortem, TimelineEvent
from pmtui.store import pmfile
from pmtui.store.errors import DamagedFile, StoreError

WHERE = Path("postmortems/pm.pmtui")


def sample(sample_path: Path) -> PostMortem:
    return postmortem_from_dict(orjson.loads(sample_path.read_bytes()))


def test_round_trip_is_exact_and_deterministic(sample_path: Path) -> None:
    pm = sample(sample_path)
    raw = pmfile.dumps(pm)
    again = pmfile.loads(raw, WHERE)
    assert again == pm
    assert pmfile.dumps(again) == raw
    assert raw.endswith(b"}\n") and not raw.endswith(b"\n\n")


def test_a_narrative_line_is_a_line_of_the_file(sample_path: Path) -> None:
    pm = replace(sample(sample_path), summary="First paragraph.\n\n- a bullet\n- another")
    lines = pmfile.dumps(pm).decode().splitlines()
    assert '    "- a bullet",' in lines
    assert '    "- another"' in lines


def test_adding_an_event_adds_lines_and_changes_none(sample_path: Path) -> None:
    pm = sample(sample_path)
    at = datetime(2025, 3, 19, 8, 0, 30, tzinfo=UTC)
    before = pmfile.dumps(pm).decode().splitlines()
    after = pmfile.dumps(pm.with_event(TimelineEvent("new1", at, EventKind.NOTE, "x"))).decode()
    after_lines = after.splitlines()
    changed = [
        line
        for line in difflib.unified_diff(before, after_lines, lineterm="", n=0)
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]
    assert all(line.startswith("+") for line in changed)
    assert len(changed) == 10  # one block: braces and eight fields


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"", "does not start"),
        (b"[1, 2]", "does not start"),
        (b'{"_block": "event"}\n', "no post-mortem block first"),
        (b'{"_block": "postmortem"}\n{"_block": "nonsense"}\n', "unknown kind"),
        (b'{"_block": "postmortem"\n', "not a sequence of JSON blocks"),
        (b'{"_block": "postmortem", "format": "pmtui/9"}\n', "pmtui/9"),
        (b'{"_block": "postmortem", "id": "x", "title": "t"}\n', "severity is missing"),
    ],
)
def test_a_damaged_file_is_refused_naming_the_problem(raw: bytes, says: str) -> None:
    with pytest.raises((DamagedFile, StoreError)) as caught:
        pmfile.loads(raw, WHERE)
    assert says in str(caught.value)
    assert str(WHERE) in str(caught.value)


def test_checked_bytes_read_to_the_same_post_mortem_and_a_strange_block_is_still_named(
    sample_path: Path,
) -> None:
    pm = postmortem_from_dict(orjson.loads(sample_path.read_bytes()))
    raw = pmfile.dumps(pm)
    path = Path("x.pmtui")
    assert pmfile.loads(raw, path, checked=True) == pmfile.loads(raw, path) == pm
    odd = raw + b'{\n  "_block": "chart"\n}\n'
    with pytest.raises(DamagedFile, match="unknown kind 'chart'"):
        pmfile.loads(odd, path, checked=True)
