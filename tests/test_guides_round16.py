"""Tests of the patterns pmtui's blame and vague-action guides learned in round guides16
(2026-12-07), when the third sealed set became tuning data: each form is caught however it is
worded, and the look-alike a blameless post-mortem writes is left alone.

The sentences are written for these tests, in the forms the tuning documents showed; none is
copied from a corpus file.
"""

from __future__ import annotations

import pytest

from pmtui.analysis.action_quality import vague_phrase
from pmtui.analysis.person_blame import blame_matches
from pmtui.analysis.subjects import person_word


@pytest.mark.parametrize(
    "sentence",
    [
        # a contracted pronoun is still the subject
        "I'd forgotten to rotate the signing key before the release.",
        "We'd forgotten to renew the wildcard certificate.",
        # a person made answerable for the harm
        "The release manager is responsible for the outage on Tuesday.",
        "You are responsible for taking down the billing service.",
        "The responsibility lies with the on-call engineer.",
        "Frankly, you both can share the blame for this one.",
        "The contractor should be fired for what happened.",
        # asleep at one's post
        "The night operator was asleep on duty when the alarm sounded.",
        # one's own harm told as one's act
        "I've corrupted the session store twice this quarter.",
        "We took down production with a single flag.",
        "I managed to wipe the staging and production buckets in one go.",
        "Yesterday I deployed a config change that broke checkout for an hour.",
        "My query then deleted every row of the orders table.",
        # hindsight asked as a question about a person
        "Should the reviewer have paid closer attention to the diff?",
        "Could I have been more careful with that command?",
        "Why didn't the on-call engineer roll back at once?",
        # an outcome traced to one person, a sarcastic judgement, an official finding
        "Investigators traced the data loss to a single contractor.",
        "Someone thought it was a good idea to run the migration at peak.",
        "The board found the technician in breach of the maintenance procedure.",
        # judgements in so many words
        "Only an idiot runs that script against prod.",
        "I made a bad choice about which replica to promote.",
        "The new hire lacked familiarity with the failover tooling.",
        "The sysadmin made a small silly mistake in the firewall rule.",
    ],
)
def test_each_new_form_of_blame_is_caught(sentence: str) -> None:
    assert blame_matches(sentence), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        # a duty, not a harm; a factor, not a person
        "The on-call engineer is responsible for paging the incident commander.",
        "Nobody could say which factors might have been responsible for the crash.",
        # talk about blame itself
        "Blaming the operator would not have prevented the next outage.",
        "It is easy to blame the developer, but the console had no confirmation step.",
        # tiredness as a condition, not a post deserted
        "The on-call engineer was asleep when the page arrived at 03:10.",
        # retiring things, and the review's own questions
        "We took down the old cluster after the migration finished.",
        "Could we have caught the expiry earlier?",
        "Why wasn't the alert routed to the database team?",
        # what the system allows; what nobody knows yet; news boilerplate
        "The console lets anyone accidentally delete a bucket; a confirmation step is due.",
        "If the setup is such that a junior can accidentally crash it, the setup is wrong.",
        "We are not yet sure what caused the outage.",
        "The vendor did not immediately respond to a request for comment.",
        "I can never tell from the dashboard which region is primary.",
        "The database has performance issues under heavy write load.",
        "We thought it was a good idea to ship behind a flag, and at the time it was.",
    ],
)
def test_the_look_alikes_of_a_blameless_write_up_are_left_alone(sentence: str) -> None:
    assert not blame_matches(sentence), sentence


def test_a_contracted_pronoun_names_a_person_and_a_capitalised_contraction_is_not_an_acronym() -> (
    None
):
    assert person_word("I'd", frozenset())
    assert person_word("we’ve", frozenset())
    assert not person_word("it'd", frozenset())


def test_blame_handed_to_a_person_gets_the_hint_that_asks_about_guards() -> None:
    (found,) = blame_matches("The responsibility lies with the on-call engineer.")
    assert "which guard, check or review was missing" in found.hint


@pytest.mark.parametrize(
    "item",
    [
        # an improvement promised in the passive
        "Deploy tooling will be improved to catch config drift.",
        "The paging policy should be revisited.",
        # training with no course named
        "Support engineers will receive additional training on the new console.",
        # work under way with no end
        "We're still investigating why the replica fell behind.",
        "We are working to prevent this class of failure in future.",
        # a rework with no change named; detail with nothing listed
        "Rework the release process to avoid skipped steps",
        "Add detailed queue monitoring.",
        "Implement stricter review processes for DNS changes.",
    ],
)
def test_each_new_form_of_vague_action_is_flagged(item: str) -> None:
    assert vague_phrase(item), item


@pytest.mark.parametrize(
    "item",
    [
        "Rework the release script to add a confirmation prompt before production",
        "Add detailed runbooks for DNS rollbacks with the exact zone-file commands",
        "Write comprehensive integration tests for the retry wrapper covering timeouts and 429s",
        "The retry budget will be lowered to 3 attempts by 2026-12-20",
    ],
)
def test_the_concrete_look_alikes_are_left_alone(item: str) -> None:
    assert not vague_phrase(item), item


@pytest.mark.parametrize(
    "sentence",
    ["Dana was slow to declare the incident.", "The on-call engineer was too late to page AWS."],
)
def test_a_persons_pace_judged_gets_the_hint_that_asks_what_slowed_them(sentence: str) -> None:
    """Mock 36b: "Dana was slow to declare the incident" was told only that it stopped at a
    person."""
    (found,) = blame_matches(sentence, people=("Dana",))
    assert "Ask what slowed them" in found.hint


@pytest.mark.parametrize(
    "item",
    [
        "Investigate the May regression until the crash reproduces in a unit test",
        "Look into the parser crash until a failing regression test is merged",
    ],
)
def test_a_study_that_stops_at_a_named_artefact_is_not_vague(item: str) -> None:
    """Mock 37b: "Investigate ... until the crash reproduces in a unit test" has a checkable
    end, and was flagged; "Investigate until we understand it" still is."""
    assert not vague_phrase(item), item
    assert vague_phrase("Investigate until we understand it") == "Investigate"
