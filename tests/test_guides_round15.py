"""Tests of the patterns pmtui's blame and vague-action guides learned in round guides15
(2026-12-07), when the second sealed set became tuning data: each form is caught however it is
worded, and the look-alike a blameless post-mortem writes is left alone.

The sentences are written for these tests, in the forms the tuning documents showed; none is
copied from a corpus file.
"""

from __future__ import annotations

import pytest

from pmtui.analysis.action_quality import vague_phrase
from pmtui.analysis.person_blame import blame_matches


@pytest.mark.parametrize(
    "sentence",
    [
        # the team's pace judged
        "It took us far too long to page the database team.",
        "We were too slow to roll back the release.",
        # a list entry with no subject that names an effort left out
        "Not double-checking the target cluster before running the migration.",
        "Not reading the deprecation notice in the provider's changelog.",
        "Missed the second step of the failover runbook.",
        # writing about one's own part
        "I've broken production twice this year with the same script.",
        "We let our customers down on Tuesday.",
        "We apologise for the downtime we caused for everyone on the EU cluster.",
        # a person unaware, said of them
        "The release manager wasn't fully aware which branch was being tagged.",
        "The contractor was unaware that the bucket served production traffic.",
        # a clause whose person acted without looking, or on the wrong target
        "The operator restarted the primary without checking the replication lag.",
        "We ran the cleanup job against the wrong cluster.",
        # an act on the wrong thing, said in the present
        "A technician unplugs the wrong power cable.",
        # chances not taken
        "The reviewer had three opportunities to notice the missing migration.",
        # attention elsewhere
        "The dispatcher relied too heavily on the automatic routing.",
        # work left undone, said with "yet" or of ourselves
        "The team hasn't rotated the leaked keys yet.",
        "We never documented the manual failover steps.",
        # a person the passive names as its agent
        "The outage followed a series of failures by the night shift.",
        "Nobody created the DNS record for the new region.",
    ],
)
def test_each_new_form_of_blame_is_caught(sentence: str) -> None:
    assert blame_matches(sentence), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        # talk about the label, not a verdict
        "Operator error is often cited as the cause when the tooling gave no warning.",
        "It is tempting to use human error as the root cause and stop there.",
        "What looks at first like human error is usually a gap in the process.",
        "Human mistakes are inevitable, so the deploy tool asks for confirmation.",
        "Reporters asked whether investigators had found any pilot error.",
        # things that lose access, a person stopped by a system, a duty done
        "With SSO down, the on-call could not log in to the console for 20 minutes.",
        "The team then checked every certificate issued by the same ClusterIssuer and renewed "
        "three of them.",
        # a gap, not a person's failure
        "Not having an alert on queue depth meant the backlog grew unseen.",
        "We relied entirely on customer reports, because the SDK sends no errors to us.",
        "Our engineers were not aware of the dependency at the time.",
        "We don't guard against commands run in production as the wrong user.",
        "The script connects to the wrong database when the variable is unset.",
        "Even if a developer picks the wrong branch, the pipeline refuses the deploy.",
        "We broke the migration into three smaller steps.",
        "The feature has not launched yet; this was internal testing.",
    ],
)
def test_the_look_alikes_of_a_blameless_write_up_are_left_alone(sentence: str) -> None:
    assert not blame_matches(sentence), sentence


@pytest.mark.parametrize(
    "item",
    [
        # a question is not a deliverable
        "Can we use the managed certificate service instead of our own renewals?",
        "How would the team escalate if the whole platform went down",
        "Is running the nightly backup slowing the disks down",
        # a study, a spike, a trial
        "Spike into managed Prometheus",
        "Try the prevent-destroy setting on the DNS zone",
        "Determine if there is a way to block merges while staging is down",
        "Team discussed restarting Prometheus when the WAL is small",
        # "regular" with no period
        "Conduct regular security audits",
        # effort, people and steps with nothing named
        "We need to put more effort into capacity planning.",
        "Engineers should familiarize themselves with the deployment policy.",
        "Assign someone to watch deploys on Fridays",
        "Do some of the open follow-ups before the next release",
        "We have implemented measures to prevent a repeat of this incident.",
        "We are changing our internal procedures to make sure the status page is updated.",
        # tuning with no target, a different thing not named
        "Tune the HTTP client the spawner uses",
        "Switch to a different secret management approach",
    ],
)
def test_each_new_form_of_vague_action_is_flagged(item: str) -> None:
    assert vague_phrase(item), item


@pytest.mark.parametrize(
    "item",
    [
        "Add a CI check that blocks merges while the staging health check fails",
        "Run restore tests of the main database every month",
        "Adjust the retry policy to use exponential backoff capped at 30 s",
        "Tune the autovacuum settings so that bloat stays under 20%",
        "Implement a quota on prod so pending pods fail fast, rather than queuing?",
        "Write a one-page incident response guide (what to do when prod is deleted?)",
        "Agree on a sustainable way to ship hotfixes from master",
    ],
)
def test_the_concrete_look_alikes_are_left_alone(item: str) -> None:
    if item.startswith("Agree on"):
        # still vague, but by its missing object, as before round guides15
        assert vague_phrase(item) == "Agree on a sustainable way"
    else:
        assert not vague_phrase(item), item


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("It took us too long to declare the incident.", "Ask what slowed them"),
        ("The reviewer had three opportunities to notice the missing migration.", "hindsight"),
        ("The release manager wasn't fully aware which branch was tagged.", "what would have told"),
        ("Not double-checking the target cluster first.", "what in the system let it happen"),
    ],
)
def test_each_new_form_gets_a_hint_that_fits_it(sentence: str, asks: str) -> None:
    (found,) = blame_matches(sentence)
    assert asks in found.hint


def test_a_subjectless_entry_is_caught_after_another_sentence_or_on_a_new_line() -> None:
    summary = "Cache nodes were flushed at peak. Not double-checking the target cluster first."
    assert [match.phrase for match in blame_matches(summary)] == ["Not double-checking"]
    listed = "Contributing:\n- Missed the second step of the runbook"
    assert blame_matches(listed)
    assert not blame_matches("It was not checking the lock. Nobody minded.")


def test_a_question_is_quoted_by_its_opening_words() -> None:
    item = "Can we use the managed certificate service instead of our own renewals?"
    assert vague_phrase(item) == "Can we use"


def test_a_question_opening_with_should_is_a_question_not_a_lead_in() -> None:
    """Mock 35b: "Should we keep ...?" lost its "Should" to the "we should" lead-in and was
    not flagged, where "Can we look into ...?" was."""
    item = "Should we keep customer contact details somewhere outside the sites?"
    assert vague_phrase(item) == "Should we keep"
    assert not vague_phrase("We should add an alert when the disk is above 90%")


def test_a_subjectless_entry_that_acted_without_looking_is_caught() -> None:
    """Mock 35b, in What went poorly: "Ran the script without reading the ticket properly"."""
    assert blame_matches("Ran the script without reading the ticket properly")
    assert blame_matches("Went poorly:\n- Deployed the change without waiting for the canary.")
    assert not blame_matches("The deploy proceeded without checking health.")
