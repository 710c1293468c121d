"""Tests that a negated outcome after a person word ("a trusted team … had never gone wrong")
is not taken for blame, while a negated effort ("the team had never tested …") still is."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pmtui.analysis.blame import BLAME_LANGUAGE, blame_findings
from pmtui.analysis.person_blame import blame_matches
from pmtui.model.enums import CauseCategory
from pmtui.model.postmortem import ContributingFactor
from tests.guide_support import clean_postmortem

MEETING_SENTENCE = "Bulk jobs had always been run by a small trusted team and had never gone wrong"

OUTCOMES = [
    MEETING_SENTENCE,
    MEETING_SENTENCE + ".",
    "The team had never failed before.",
    "The job was run by the on-call engineer and had never failed before.",
    "Migrations were handled by the platform team and had never broken anything.",
    "Restores were owned by the operators and had never been needed.",
    "Deploys had always been done by two engineers and had never caused an incident.",
    "The operator had never gone wrong with this job.",
    "The nightly job was run by the data team and hadn't ever crashed.",
    "The runbook was kept by the SRE team and the failover had not once happened.",
]

EFFORTS = [
    "The team had never tested the restore.",
    "The engineer had never checked the backups.",
    "The team had never reviewed the runbook.",
    "The on-call engineer had never escalated a SEV1 before.",
    "The operators had never read the release notes.",
    "The reviewer had never looked at the diff.",
    "The team had never verified the restore procedure.",
]


@pytest.mark.parametrize("sentence", OUTCOMES)
def test_a_negated_outcome_after_a_person_word_judges_nobody(sentence: str) -> None:
    assert blame_matches(sentence) == []


@pytest.mark.parametrize("sentence", EFFORTS)
def test_a_negated_effort_after_a_person_word_is_still_blame(sentence: str) -> None:
    assert blame_matches(sentence) != []


def test_the_made_sense_note_from_the_meeting_blocks_nothing() -> None:
    factor = ContributingFactor(
        id="f1",
        title="Bulk jobs had no size limit",
        category=CauseCategory.PROCESS,
        made_sense=MEETING_SENTENCE,
    )
    pm = replace(clean_postmortem(), factors=(factor,))
    assert [f for f in blame_findings(pm) if f.rule == BLAME_LANGUAGE] == []
