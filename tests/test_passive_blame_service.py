"""Tests of the guides over the bundled sample, through the service as the workspace calls
it: a passive sentence about things, added to the summary, is neither a Checks finding nor a
hint under the summary; with a person as the agent it is both. (The Pilot test in
tests/ui/test_traps5.py types the mock review's own sentence into the summary.)"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from pmtui.analysis.blame import people
from pmtui.analysis.person_blame import blame_matches
from pmtui.model.codec import postmortem_from_dict
from pmtui.model.postmortem import PostMortem
from pmtui.resources import sample_files
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore

NOW = datetime(2025, 3, 20, 9, 30, tzinfo=UTC)  # the morning after the sample incident


@pytest.fixture
def service(tmp_path: Path) -> Iterator[PostMortemService]:
    with PostMortemStore.open(tmp_path / "pm.json") as store:
        yield PostMortemService(store, clock=lambda: NOW)


def summary_ending(service: PostMortemService, sentence: str) -> PostMortem:
    """The sample with `sentence` typed at the end of its summary, as saved and read back."""
    sample = postmortem_from_dict(orjson.loads(sample_files()[0].read_bytes()), now=NOW)
    service.store.create(sample)
    service.update(service.get(sample.id), summary=sample.summary + sentence)
    return service.get(sample.id)


def blame_places(service: PostMortemService, pm: PostMortem) -> list[str]:
    """Where the Checks pane lists blame language, waived or not."""
    result = service.readiness(pm)
    found = [*result.open, *(waived.finding for waived in result.waived)]
    return [finding.where for finding in found if finding.rule == "blame-language"]


def summary_hint(pm: PostMortem) -> list[str]:
    """The blame the hint line under the summary would show (none hides it)."""
    return [match.phrase for match in blame_matches(pm.summary, people(pm))]


@pytest.mark.parametrize(
    "sentence",
    [
        " Services assumed to be HA were never tested with PDX01 fully offline.",
        # The same pattern said of other things: a plural common noun opening the sentence
        # is not a first name, and "were never <done>" has no person doing it.
        " Systems were never tested with the datacenter offline.",
        " The generators were never checked after the utility switch.",
    ],
)
def test_a_passive_sentence_about_things_is_not_blame(
    service: PostMortemService, sentence: str
) -> None:
    pm = summary_ending(service, sentence)
    assert pm.summary.endswith(sentence.strip())
    assert blame_places(service, pm) == []
    assert summary_hint(pm) == []


def test_a_person_as_the_agent_of_never_tested_is_blame_in_the_checks_and_the_hint(
    service: PostMortemService,
) -> None:
    agent = " Services assumed to be HA were never tested by the on-call team."
    pm = summary_ending(service, agent)
    assert blame_places(service, pm) == ["summary"]
    assert summary_hint(pm)
