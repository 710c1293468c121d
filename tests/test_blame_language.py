"""Tests of the blame-language detector and guide: measured precision and recall on a sentence
set of realistic SRE prose (tests/data/blame_sentences.json), the decisions on borderline
wording, and the findings over a whole post-mortem.

The set's `tune` sentences shaped the rules; its `holdout` sentences were written after the
rules were frozen and never used to change them (the data file tells the history). Both must
reach 0.90 precision and recall; the figures are printed with the test output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import orjson
import pytest

from pmtui.analysis.blame import BLAME_LANGUAGE, blame_findings, people, texts
from pmtui.analysis.findings import FindingSeverity
from pmtui.analysis.person_blame import blame_matches, person_blame
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import ActionItem, TimelineEvent, WhyChain
from tests.guide_support import at, clean_postmortem

SENTENCES = Path(__file__).parent / "data" / "blame_sentences.json"
BAR = 0.90


@dataclass(frozen=True)
class Score:
    split: str
    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int
    misses: tuple[str, ...]

    @property
    def precision(self) -> float:
        flagged = self.true_positive + self.false_positive
        return self.true_positive / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        blameful = self.true_positive + self.false_negative
        return self.true_positive / blameful if blameful else 1.0

    def line(self) -> str:
        total = self.true_positive + self.false_positive + self.false_negative + self.true_negative
        return (
            f"blame-language {self.split:<7} ({total} sentences): precision {self.precision:.3f} "
            f"({self.true_positive}/{self.true_positive + self.false_positive}), recall "
            f"{self.recall:.3f} ({self.true_positive}/{self.true_positive + self.false_negative})"
        )


def _dataset() -> dict:
    return orjson.loads(SENTENCES.read_bytes())


def score(split: str) -> Score:
    data = _dataset()
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    misses = []
    for row in data["sentences"]:
        if row["split"] != split:
            continue
        flagged = bool(blame_matches(row["text"], data["people"]))
        key = {(True, True): "tp", (True, False): "fp", (False, True): "fn"}.get(
            (flagged, row["blame"]), "tn"
        )
        counts[key] += 1
        if key in ("fp", "fn"):
            misses.append(f"{key.upper()}: {row['text']}")
    return Score(split, counts["tp"], counts["fp"], counts["fn"], counts["tn"], tuple(misses))


def test_the_sentence_set_is_big_enough_and_balanced() -> None:
    rows = _dataset()["sentences"]
    for split in ("tune", "holdout"):
        blameful = sum(1 for r in rows if r["split"] == split and r["blame"])
        neutral = sum(1 for r in rows if r["split"] == split and not r["blame"])
        assert blameful >= 60 and neutral >= 60, (split, blameful, neutral)
    assert len({r["text"] for r in rows}) == len(rows), "a sentence is in the set twice"


@pytest.mark.parametrize("split", ["tune", "holdout"])
def test_precision_and_recall(split: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = score(split)
    with capsys.disabled():
        print(f"\n{result.line()}")
    details = "\n".join([result.line(), *result.misses])
    assert result.precision >= BAR, details
    assert result.recall >= BAR, details


# Decisions on wording ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # The issue's own examples of neutral technical text.
        "Certificate renewal failed silently for 15 days.",
        "Health checks failed because the readiness probe timed out.",
        "The forgot-password endpoint returned 500s.",
        "The process failed to start because the config file was missing.",
        # Decided: a system that "should have" done something names the missing control.
        "The deploy should have been blocked by CI, but the check was optional.",
        "The alert should have fired at 14 days.",
        # A thing as the subject of a failure verb is a description, not blame.
        "The canary didn't catch the regression because it only checks /healthz.",
        "The scheduler forgot pending jobs after a restart.",
        "Monitoring failed to notice handshake failures below the HTTP layer.",
        "The cert-manager operator failed to reconcile the Certificate.",
        # Passive facts and absent owners name no one.
        "The migration was not tested against production-sized data.",
        "Nobody owns the #ops-alerts-low channel, so warnings there go unread.",
        "The on-call rotation has no secondary, so a missed page is never escalated.",
        # Product words.
        "The user error rate (HTTP 4xx) rose to 7%.",
        "The API returned a human-readable error message.",
        "Lazy loading of the module hid the import error.",
        "Sloppy quorum let the write succeed on two replicas.",
        "The Forgot your password link sent duplicate emails.",
        # People doing their job.
        "Ravi acknowledged the page at 09:07 and opened the incident channel.",
        "Dana had checked the dashboard at 09:00 and saw nothing unusual.",
    ],
)
def test_neutral_text_is_left_alone(text: str) -> None:
    assert blame_matches(text, ("Dana Kim", "Ravi Patel")) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The on-call failed to notice the disk alert.", "The on-call failed to notice"),
        ("We should have caught this in review.", "should have"),
        ("Someone forgot to renew the domain.", "forgot"),
        ("This was human error.", "human error"),
        ("A careless edit took down the load balancers.", "careless"),
        ("The technician took down the production database.", "The technician took down"),
        ("During the incident nobody read the runbook.", "nobody read"),
        ("Peter failed to notice the alert.", "Peter failed to notice"),  # a name, not a tool
        ("A feature added during the migration that nobody removed.", "nobody removed"),
        ("The developer didn't test the migration.", "The developer didn't test"),
        ("Support was negligent.", "negligent"),
        ("The release manager dropped the ball.", "dropped the ball"),
        ("Ravi ignored the warning.", "Ravi ignored"),
        ("Okonkwo missed the page.", "Okonkwo missed"),  # a first name nobody listed
        ("If Dana had checked the graph, we would have seen it.", "had checked"),
        ("The mistake was made by the on-call engineer.", "was made by"),
        ("It was Sam's fault.", "Sam's fault"),
        ("The reviewer merged it without reading it.", "The reviewer merged it without reading"),
    ],
)  # fmt: skip
def test_blameful_text_is_found_with_its_phrase(text: str, phrase: str) -> None:
    matches = blame_matches(text, ("Dana Kim", "Ravi Patel"))
    assert [match.phrase for match in matches] == [phrase]


def test_every_match_has_a_hint_and_a_systemic_rewording_at_its_place() -> None:
    text = "Dana forgot to renew it. Later we should have rolled back. Human error."
    matches = blame_matches(text, ("Dana Kim",))
    # A known person's name is part of the phrase: the finding says who it is about.
    assert [m.phrase for m in matches] == ["Dana forgot", "should have", "Human error"]
    for match in matches:
        assert text[match.start : match.end] == match.phrase
        assert match.hint.endswith(("?", "."))
        # The rewording says what in the system made it happen.
        assert re.search(r"\b(because|so)\b", match.rewrite), match.rewrite


def test_places_stay_exact_when_lower_casing_changes_the_length() -> None:
    # "İ" lower-cases to two characters; the detector then reads the text as written.
    text = "İstanbul region: Dana forgot to drain the node."
    (match,) = blame_matches(text, ("Dana Kim",))
    assert text[match.start : match.end] == "Dana forgot"


@pytest.mark.parametrize(
    ("text", "people", "phrase"),
    [
        ("Bob forgot to renew the cert.", ("Bob",), "Bob forgot"),
        ("Last week Priya Shah forgot the DNS step.", ("Priya Shah",), "Priya Shah forgot"),
        ("Bob forgot to renew the cert.", (), "forgot"),  # not one of the post-mortem's people
    ],
)
def test_a_slip_names_its_subject_when_it_is_one_of_the_postmortems_people(
    text: str, people: tuple[str, ...], phrase: str
) -> None:
    (match,) = blame_matches(text, people)
    assert match.phrase == phrase
    name = phrase.split()[0]
    if people:
        assert match.hint.startswith(f"This makes {name} the subject of the failure")
        assert "Forgetting is normal." in match.hint
    else:
        assert "Bob" not in match.hint


def test_the_five_whys_entry_point_keeps_its_contract() -> None:
    found = person_blame("The engineer forgot to renew the certificate.")
    assert found is not None
    assert found.phrase == "forgot"
    assert "remind" in found.hint
    assert person_blame("The alert routing sends warnings to a channel nobody reads.") is None


# The guide over a post-mortem ----------------------------------------------------------------


def blameful_postmortem():
    pm = clean_postmortem()
    event = TimelineEvent(
        "ev-blame",
        at(3),
        EventKind.NOTE,
        "Ravi ignored the warning in #ops.",
        original="<ravi> I forgot the flag, sorry",  # a quote from the evidence: not read
    )
    chain = replace(
        pm.whys[0],
        answers=("The engineer forgot the flag.", *pm.whys[0].answers),
    )
    return replace(
        pm,
        title="Dana's mistake takes checkout down",
        summary="Dana forgot to warm the cache. We should have rolled back sooner.",
        links="https://wiki.example.com/why-people-forgot-things",
        events=(*pm.events[:1], event, *pm.events[1:]),
        whys=(chain,),
        actions=(
            *pm.actions,
            ActionItem("a2", "Be more careful with cache flushes", owner="Dana Kim"),
        ),
    )


def test_findings_name_every_text_that_blames() -> None:
    findings = blame_findings(blameful_postmortem())
    assert [f.where for f in findings] == [
        "title",
        "summary",
        "timeline[ev-blame].text",
        "whys[w1].answers[0]",
        "action_items[a2].text",
    ]
    assert {f.rule for f in findings} == {BLAME_LANGUAGE}
    assert {f.severity for f in findings} == {FindingSeverity.BLOCKING}
    summary = findings[1]
    assert summary.message == (
        "'Dana forgot', 'should have' put a person at the centre of the failure"
    )
    # Each kind of blame gets its own question, named by its phrase (mock 37b: a section with
    # several kinds showed only the first one's).
    assert summary.hint.startswith("'Dana forgot': This makes Dana the subject of the failure")
    assert "Forgetting is normal." in summary.hint
    assert "'should have': 'Should have' judges with hindsight" in summary.hint
    assert summary.hint.count("Say it about the system") == 1
    assert 'Say it about the system, e.g. "the runbook has no step' in summary.hint


def test_the_clean_postmortem_and_the_sample_have_no_blame() -> None:
    from pmtui.model.codec import postmortem_from_dict
    from pmtui.resources import sample_files

    assert blame_findings(clean_postmortem()) == []
    sample = postmortem_from_dict(orjson.loads(sample_files()[0].read_bytes()))
    assert blame_findings(sample) == []


def test_people_are_the_owner_attendees_and_action_owners_once_each() -> None:
    pm = replace(clean_postmortem(), attendees=("Dana Kim", "", "Lee Chan"))
    assert people(pm) == ("Dana Kim", "Lee Chan", "Ravi Patel")


def test_every_text_is_read_except_links_and_evidence_quotes() -> None:
    places = dict(texts(blameful_postmortem()))
    assert "links" not in places
    assert places["timeline[ev-blame].text"] == "Ravi ignored the warning in #ops."
    assert "whys[w1].problem" in places and "open_questions" in places


def test_a_chain_answer_names_its_chain() -> None:
    pm = replace(clean_postmortem(), whys=(WhyChain("c9", "Checkout was slow.", ("Bob forgot.",)),))
    (finding,) = blame_findings(pm)
    assert finding.where == "whys[c9].answers[0]"


# Patterns of blame the first rules did not know, each with the hint that fits it ----------

COUNTERFACTUAL = "what made the action reasonable at the time"
POSSESSIVE = "a person's property"
JUDGEMENT = "Describe the conditions instead"
UNTESTED = "what let it go untested"
PROCEDURE = "hard to follow or easy to skip"
PERSON = "This stops at a person"


@pytest.mark.parametrize(
    ("text", "phrase", "hint"),
    [
        # counterfactuals
        ("If the on-call had looked at the lag graph, the outage would have been shorter.",
         "had looked", COUNTERFACTUAL),
        ("If the pilot had been using the navigation aids, he would have turned back.",
         "had been using", COUNTERFACTUAL),
        ("Had we known about the quota, we would have sharded earlier.", "Had", COUNTERFACTUAL),
        ("The reviewer could have caught the typo.", "could have caught", COUNTERFACTUAL),
        ("The SRE should have drained the node first.", "should have", "'Should have'"),
        # a failure made a person's property
        ("The outage was caused by the operator's misconfiguration of the load balancer.",
         "operator's misconfiguration", POSSESSIVE),
        ("Contributing to the delay was the on-call engineer's fatigue.", "engineer's fatigue",
         POSSESSIVE),
        ("The failure of the release manager to pause the rollout let it reach every region.",
         "failure of the release manager to", POSSESSIVE),
        ("Probable cause: Okafor's failure to rotate the key before it expired.",
         "Okafor's failure", POSSESSIVE),
        ("His delayed decision to fail over doubled the impact.", "His delayed", POSSESSIVE),
        # passive voice with a person as the agent
        ("The warning was ignored by the on-call engineer.", "was ignored by", PERSON),
        ("The power supply was accidentally shut down by a technician.",
         "was accidentally shut down by", PERSON),
        ("The migration was never tested by the database team.", "was never tested by",
         UNTESTED),
        # blame behind a leading clause
        ("While the pager was going off, the on-caller ignored it.", "the on-caller ignored",
         PERSON),
        ("During the failover, one of our technicians failed to copy the build to server 8.",
         "one of our technicians failed to copy", PERSON),
        ("The staff deployed the build to seven servers, however, missed the eighth.", "missed",
         PERSON),
        # negated effort, with or without a named subject
        ("The technicians did not copy the new binary to server eight.",
         "The technicians did not copy", PERSON),
        ("None of us noticed the expiry warning.", "None of us noticed", PERSON),
        ("This was a breaking change we did not catch in the migration.", "we did not catch",
         PERSON),
        ("Did not disable the pipeline despite knowing the risk.", "Did not disable", PERSON),
        ("The rollback runbook was not followed during the incident.",
         "runbook was not followed", PROCEDURE),
        # judgements of a person's skill, state or attention
        ("A tired sysadmin ran the cleanup script on the primary.", "tired sysadmin", JUDGEMENT),
        ("The operators were poorly trained for a manual failover.", "poorly trained",
         JUDGEMENT),
        ("The supervisor was unprepared to run the drill.", "The supervisor was unprepared",
         JUDGEMENT),
        ("The deploy went wrong because the team rushed.", "the team rushed", PERSON),
        ("This is our bad: the SDKs had no timeout for flags.", "our bad", JUDGEMENT),
    ],
)  # fmt: skip
def test_each_blame_pattern_is_found_with_the_hint_for_that_pattern(
    text: str, phrase: str, hint: str
) -> None:
    found = person_blame(text)
    assert found is not None, text
    assert found.phrase == phrase
    assert hint in found.hint


@pytest.mark.parametrize(
    "text",
    [
        # arguing against "human error" is not blaming
        "Human error is never a root cause.",
        "The outage was not caused by human error.",
        "When a report says 'operator error', we keep asking why.",
        "We didn't blame the on-call engineer; we fixed the alert routing instead.",
        # what a person should not have to do
        "An engineer should not have to check three dashboards to see the error rate.",
        "Nobody should have to remember this step by heart.",
        # what is missing, said as a wish
        "We should have a runbook for the failover.",
        # a thing as the subject, in the passive or after "which"
        "The replica which should have been promoted stayed read-only.",
        "The pilot's checklist had no item for the anti-ice system.",
        "Had the cache been warm, latency would have stayed flat.",
        "Experts said an automatic brake might have prevented the crash.",
        "Rate limiting implementation didn't account for the load balancer.",
        # a decision explained, a condition, a state
        "We did not roll back because the error rate was already falling.",
        "If the on-call did not acknowledge within five minutes, the page escalated.",
        "Customers did not notice any impact.",
        "We did not have an alert on subnet capacity.",
        "The runbook was not followed because it described the old cluster.",
        # a product, named by its own agent noun or by three capitalised words mid-sentence
        "Orchestrator failed to tell a short partition from a data center loss.",
        "On the first working day of 2021, AWS Transit Gateways did not scale fast enough.",
        # a thing nobody watched, in a clause about it: the thing had no watcher
        "Renewal reminders were sent to a mailbox that nobody read.",
        "The warnings landed in a queue which no one monitored.",
        # a remediation step: a setting turned off, however live the thing it configures
        "Engineers disabled the customer config.",
        "The on-call engineer turned off the production feature flag at 14:02.",
    ],
)
def test_wording_that_only_looks_like_blame_is_left_alone(text: str) -> None:
    assert blame_matches(text) == []


def test_a_long_narrative_full_of_failure_phrases_is_read_in_linear_time() -> None:
    # A pasted 40,000-character log of blame: every phrase costs a bounded look around it,
    # not a walk back to the start of the text (that took over ten seconds).
    import time

    text = ("the engineer did not check the logs and had we known, " * 750)[:40_000]
    began = time.perf_counter()
    found = blame_matches(text + " unique tail")
    assert time.perf_counter() - began < 4.0
    assert len(found) >= 700


# Sentences written for each construction the guide generalises and each trap it must leave
# alone (tests/data/corpus/blame_synthetic.json). They are unit tests of the rules, never a
# measure: the real-prose corpus and the fresh held-out set measure the guide.
SYNTHETIC = orjson.loads(
    (Path(__file__).parent / "data" / "corpus" / "blame_synthetic.json").read_bytes()
)["sentences"]
CONSTRUCTIONS = {
    "subject + failure verb",
    "modal perfect",
    "failed to + duty verb",
    "possessive + failure noun",
    "agentive passive",
    "judgement adjective",
    "causal framing",
    "procedure not followed",
}
TRAPS = {
    "passive with a thing as subject",
    "thing as subject of a failure verb",
    "says what should not be needed",
    "argues against human error",
    "decision that made sense",
    "missing safeguard",
    "neutral narrative with people",
    "identifiers and product words",
    "system-level lessons",
}


# Written sentences where the learned model's verdict overrides a weaker rule; a handful at
# most, or the model no longer fits what the guide is for.
MODEL_DISAGREES: set[str] = set()


def test_the_synthetic_sentences_cover_every_construction_and_trap() -> None:
    assert len(SYNTHETIC) >= 150
    assert all(record["synthetic"] is True for record in SYNTHETIC)
    blame = [record for record in SYNTHETIC if record["label"] == "blame"]
    assert {record["pattern"] for record in blame} == CONSTRUCTIONS
    assert {record["trap"] for record in SYNTHETIC if record["label"] == "not-blame"} == TRAPS
    assert 0.4 <= len(blame) / len(SYNTHETIC) <= 0.6


@pytest.mark.parametrize(
    "record", SYNTHETIC, ids=[f"{r['label']}:{r['text'][:50]}" for r in SYNTHETIC]
)
def test_each_written_sentence_is_judged_by_its_construction(record: dict) -> None:
    found = blame_matches(record["text"])
    if record["text"] in MODEL_DISAGREES:
        # A known miss, pinned: the learned model outvotes a weaker rule here. A retrained
        # model that catches it fails this line, so the set is revisited, not left stale.
        assert not found, record["text"]
    elif record["label"] == "blame":
        assert found, record["text"]
    else:
        assert not found, (record["text"], [match.phrase for match in found])


def test_the_country_us_in_capitals_is_no_person_but_us_is() -> None:
    """Mock meeting 17: "network capacity in the eastern US fell sharply" was flagged as
    blame ("US fell") in the Impact, and blocked publishing in front of the room."""
    from pmtui.analysis.person_blame import blame_matches

    impact = (
        "For about 4h25m, from 19:00 to 23:25 UTC on 2 June, network capacity in the eastern "
        "US fell sharply; YouTube views dropped about 10% worldwide, Google Cloud Storage "
        "traffic fell about 30%, and a small share of Gmail users could not reach their mail."
    )
    assert blame_matches(impact) == []
    assert blame_matches("None of us checked the backups before the migration.")


@pytest.mark.parametrize(
    "sentence",
    [
        "The junior engineer didn't know the list held site IDs",
        "The new hire didn't know the template needed 21 fields",
        "The on-call engineer did not know the runbook existed",
        "Sam did not know the cache was shared",
    ],
)
def test_what_a_named_person_did_not_know_judges_them(sentence: str) -> None:
    """Every mock facilitator of rounds 28 to 30 typed one of these, and none was flagged."""
    found = blame_matches(sentence)
    assert found and found[0].kind == "judgement", sentence
    # Its hint asks what would have told them, not "what made care hard": four mock
    # facilitators (31a to 34a) found a knowledge gap is not carelessness.
    assert "what they did not know" in found[0].hint and "care" not in found[0].hint


@pytest.mark.parametrize(
    "sentence",
    [
        "We did not know the flag also controlled the cache.",
        "We still did not know the cause",
        "They did not know the cause yet",
        "The load balancer did not know the backend was down",
    ],
)
def test_what_we_or_a_thing_did_not_know_is_no_judgement(sentence: str) -> None:
    assert blame_matches(sentence) == [], sentence
