"""Provides the blame-language detector: text that stops at a person instead of a system.

`person_blame(text)` gives the most telling place (the Five Whys pane shows its hint under an
answer); `blame_matches(text, people)` gives every place, for the quality guides. Each match
carries a question that moves the text on to the system and an example of a systemic wording.

What counts as blame:
- judging a person: "careless", "negligent", "dropped the ball", "human error", "X's fault";
- hindsight about what people should have done: "should have", "if Ravi had checked";
- a person (a role, a pronoun, an attendee's or any first name) as the subject of a failure:
  "the on-call didn't escalate", "Mateo missed the page", "Jonas forgot", "we failed to notice".
What does not, by decision:
- a thing as the subject: "renewal failed silently", "the canary didn't catch it", "the
  process failed to start", "the scheduler forgot pending jobs";
- a system that "should have" done something: "the deploy should have been blocked by CI"
  names the control that was missing, which is where a blameless review wants to end up;
- passive facts that name no one: "the change was not tested against production data";
- nobody doing something, where the sentence gives a thing as the reason: "nobody watched the
  lag alert because it paged a retired rota", "no alert covered it, so nobody noticed" (the
  gap is in the system; "nobody checked the expiry date" alone still stops at people), or
  where nobody watched a monitoring signal: "nobody watched the BoltDB write metrics" is a
  monitoring gap (the signal had no watcher), while "nobody noticed the lag" is not;
- identifiers and product words: "forgot-password endpoint", "user error rate", "lazy loading".
The rules are sentence shapes over word classes, not sentences: a lexicon of people (roles,
pronouns, names; subjects.py), of failure, duty, destructive and leaking verbs, of judging
adjectives and adverbs, of failure nouns; and few shapes: subject + failure verb, a modal
perfect ("could have rejected"), "failed to"/"did not"/"still haven't" + a duty verb, a
possessive + a failure noun or a poor act ("the captain's ineffective management"), an agentive
passive ("entered by a team member"), a judgement of a person ("the engineer was rushed", "we
need to be more careful"), causal framing ("a typo by the on-call"), a negative question to a
person ("why didn't you test it?"). A phrase quoted and talked about, or reported as someone
else's blame, is a mention. tests/data/corpus/blame_synthetic.json holds a written sentence for
each shape and each trap (tests/test_blame_language.py); bench/measure_guides.py measures the
rules on real prose.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from pmtui.analysis import guide_model
from pmtui.analysis.subjects import (
    CLAUSE_REACH,
    PERSON_NOUNS,
    Subject,
    SubjectKind,
    name_tokens,
    person_word,
    subject_after,
    subject_before,
    words,
)

#: Asked whenever an answer names a person (or "someone") as the one who failed.
PERSON_HINT = (
    "This stops at a person. Ask what in the system let it happen: which check, alert, "
    "tool or step was missing?"
)


@dataclass(frozen=True, slots=True)
class PersonBlame:
    phrase: str  # the words, as written, that stop at a person
    hint: str  # a question that moves the answer on to the system
    start: int = 0  # where `phrase` is in the text
    end: int = 0
    rewrite: str = ""  # an example of the same fact said about the system
    kind: str = ""  # what kind of blame: "hindsight", "forgot", "judgement", "person", ...


class _Gate(Enum):
    ALWAYS = "always"  # the words blame whoever the subject is
    PERSON_OR_UNSAID = "person-or-unsaid"  # blame unless a thing is the subject
    PERSON = "person"  # blame only with a person as the subject
    PERSON_AFTER_IF = "person-after-if"  # "if <person> had checked ..."
    PERSON_AGENT = "person-agent"  # "... was ignored by <person>"
    PERSON_AFTER = "person-after"  # "Had <person> checked ..."
    OWNER = "owner"  # "the pilot's failure to ...": the `owner` group must be a person


_ADVICE: dict[str, tuple[str, str]] = {
    "human-error": (
        "'Human error' ends the inquiry. Ask what made the error easy to make and hard to catch.",
        "the console applied the change to every region without a confirmation step, so one "
        "typo reached production",
    ),
    "hindsight": (
        "'Should have' judges with hindsight. Ask what made the action reasonable at the time, "
        "with what people knew then.",
        "the rollout did not pause when the error rate rose, because the pipeline has no "
        "automatic halt",
    ),
    "counterfactual": (
        "A counterfactual ('if they had ...', 'would have caught') judges with hindsight. Ask "
        "what made the action reasonable at the time, and what would have shown the danger.",
        "the rollout did not pause when the error rate rose, because the pipeline has no "
        "automatic halt",
    ),
    "judgement": (
        "This judges a person. Describe the conditions instead: what made care hard "
        "(time pressure, noise, a missing check)?",
        "the config was edited by hand under time pressure, and nothing validated it before "
        "the reload",
    ),
    "knowledge": (
        "This faults a person for what they did not know. Ask what would have told them: "
        "the runbook, an alert, the tool itself, a review?",
        "the tag also matched hosts in neighbouring regions, and neither the runbook nor the "
        "tool's preview showed which hosts it would reach",
    ),
    "pace": (
        "This judges how fast people were. Ask what slowed them: a missing signal, access "
        "they lacked, a runbook step, a decision nobody owned?",
        "the incident was declared 40 minutes after the first alert, because the alert did not "
        "say which customers were affected and the runbook names no one who may declare",
    ),
    "blamed": (
        "This hands the outcome to a person. Ask what made their act possible and its result "
        "so large: which guard, check or review was missing?",
        "one command could drop the production database with no confirmation, and the last "
        "restore had never been tested",
    ),
    "forgot": (
        "Forgetting is normal. Ask what should have reminded them: a checklist, "
        "automation, an alert?",
        "the runbook has no step for updating the DNS record, so the migration left it "
        "pointing at the old host",
    ),
    "possessive": (
        "This makes the failure a person's property ('the pilot's failure to ...'). Ask what "
        "made the step hard to do or easy to skip, and name that condition as the cause.",
        "the recovery procedure was not on the checklist and nothing prompted it, so the "
        "approach continued below the safe speed",
    ),
    "procedure": (
        "A procedure that was not followed is a finding about the procedure. Ask what made "
        "it hard to follow or easy to skip: was it known, findable, enforced by a tool?",
        "the release checklist's manual CDN step has no reminder and no check, so the "
        "rollback was built but never served",
    ),
    "person": (
        PERSON_HINT,
        "the alert did not reach the on-call rotation because it was routed to a channel "
        "nobody watches",
    ),
    "unnamed": (
        "This reads as someone's lapse. Say what the system did or lacked: which check, "
        "alert, tool or step would have caught it?",
        "the change reached production without a check that compares it with the live "
        "configuration",
    ),
    "test": (
        "Ask what let it go untested: which pipeline stage, environment, exercise or data "
        "was missing?",
        "the change reached production without a test against production-sized data, "
        "because the pipeline has no such stage",
    ),
}


def _stems(pattern: str) -> tuple[str, ...]:
    """The literal openings of an `_any` alternation's words, for a rule's `needs`: the
    letters of each word up to its first regex mark ("shut\\s+down" gives "shut")."""
    stems = set()
    for word in re.split(r"\|(?![^(]*\))", pattern[3:-1]):  # the top-level alternatives
        stem = re.match(r"[a-z' -]*", word).group(0)  # type: ignore[union-attr]  # always
        # "out\\s+of ... depth" would give "out", which "without" holds: use the last word
        stems.add(stem if stem == word or len(stem) >= 4 else re.findall(r"[a-z]+", word)[-1])
    return tuple(sorted(stems))


def _any(*words: str) -> str:
    # Longest first, so "double-check" wins over "check".
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


_HUMAN = _any(
    "notice", "realise", "realize", "remember", r"pay\s+attention", "double-check",
    "escalate", "spot", "think", "consider", "anticipate", "heed",
)  # fmt: skip
_HUMAN_PAST = _any(
    "noticed", "realised", "realized", "remembered", r"paid\s+attention", "double-checked",
    "escalated", "spotted", "thought", "considered", "anticipated", "heeded",
)  # fmt: skip
_DUTY = _any(
    "check", "verify", "validate", "confirm", "read", "see", "look", "catch", "review",
    "follow", "respond", "reply", "react", "acknowledge", "ack", "answer", "update",
    "communicate", "coordinate", "tell", "inform", "notify", "warn", "wait", "run",
    r"roll\s+back", "monitor", "watch", "page", "investigate", "document", "ask", "report",
    "act", "intervene", "renew", "rotate", r"back\s+up", "inspect", "plan", "prepare",
    "assign", "drain", "revert", "take", "remove", r"clean\s+up", "apply", "declare",
    "involve", r"follow\s+up", "call", "lock", "secure", "alert", "raise", "flag", "stop",
    "block", "pause", "announce", "schedule",
)  # fmt: skip
_DUTY_PAST = _any(
    "checked", "verified", "validated", "confirmed", "read", "saw", "seen", "looked",
    "caught", "reviewed", "followed", "responded", "replied", "reacted", "acknowledged",
    "acked", "answered", "updated", "communicated", "coordinated", "told", "informed",
    "notified", "warned", "waited", "ran", r"rolled\s+back", "monitored", "watched", "paged",
    "investigated", "documented", "asked", "reported", "acted", "intervened", "renewed",
    "rotated", r"backed\s+up", "inspected", "planned", "prepared", "assigned", "drained",
    "reverted", "took", "removed", r"cleaned\s+up", "applied", "declared", "involved",
    "called", "locked", "secured", "alerted", "raised", "flagged", "stopped", "blocked",
    "paused", "announced", "scheduled",
)  # fmt: skip
_NOT = (
    r"(?:didn['’]?t|did\s+not|failed\s+to|neglected\s+to|omitted\s+to|forgot\s+to|never"
    r"|(?:didn['’]?t|did\s+not|never)\s+bother(?:ed)?\s+to)"
    r"\s+(?:even\s+|properly\s+|actually\s+|really\s+|bother\s+to\s+)?"
)
_SLIPS = _any(
    "missed", "overlooked", "ignored", "skipped", "misread", "misconfigured", "misjudged",
    "misunderstood", "mistyped", "typoed", "botched", "bungled", "neglected", "disregarded",
    "dismissed", "bypassed", "circumvented", "overrode", r"messed\s+up", r"screwed\s+up",
    # ("broke the migration into three steps" splits it)
    # ("we took down the old cluster" retires it)
    "goofed", r"broke(?![^.;]{0,40}\b(?:into|apart)\b)",
    r"(?:took|brought)\s+down(?!\s+(?:the\s+)?(?:old|legacy|unused|deprecated|retired|stale"
    r"|previous|former|spare|test)\b)",
    r"knocked\s+over", r"(?:took|brought|knocked)\s+(?:[\w'’-]+\s+){1,3}?down",
    r"slept\s+through", r"shrugged\s+off", r"brushed\s+(?:off|aside)", "rushed", "violated",
    "disobeyed", "mishandled", "misused",
    "panicked", r"rubber-?stamped", "mistook", "misidentified", "misinterpreted",
    "misremembered", "misclicked", "miscounted",
    "miscalculated", "misjudged", "misapplied", "misnamed", "mislabell?ed", "misrouted",
    r"confused\s+(?:the|a|an|two|real|one|his|her|their)", "ignored", "flouted",
    r"cut\s+corners", r"took\s+(?:a\s+)?shortcuts?", r"jumped\s+the\s+gun",
)  # fmt: skip
_HANDLED = _any(
    "deleted", "dropped", "applied", "deployed", "pushed", "ran", "merged", "selected",
    "chose", "picked", "used", "edited", "entered", "typed", "restarted", "killed",
    r"scaled\s+down", r"shut\s+down", "copied", "committed", "targeted", "rebooted",
    "removed", "modified", "changed", "promoted", "configured", r"rolled\s+out", "released",
    "hit", "pressed", "clicked", "issued", "sent", "posted", "executed", "unplugged",
    "flipped", "toggled", "set", "picked", "updated", "installed", "uploaded", "gave",
    "provided", "quoted", "told", "specified", "passed",
)  # fmt: skip
# Verbs that destroy or stop something: with a person subject and a live target ("the intern
# deleted the production bucket") the sentence makes the person the cause.
_DESTROYED = _any(
    "deleted", "dropped", "wiped", "truncated", "erased", "purged", "overwrote", "overwritten",
    "destroyed", "formatted", "nuked",
)  # fmt: skip
# Verbs that stop something: routine in remediation ("we restarted all pods"), so only a
# live target named as such makes them the cause ("the technician took down production").
_STOPPED = _any(
    "unplugged", "terminated", "decommissioned", r"shut\s+down", r"took\s+down",
    r"brought\s+down", r"switched\s+off", r"turned\s+off", r"powered\s+off", "killed",
    "rebooted", "restarted", "removed", "disabled",
)  # fmt: skip
# What makes a target live: the thing people depend on, or all of it.
_LIVE = _any(
    "production", "prod", "live", "primary", "master", "customer", "customers'", "wrong", "main",
)  # fmt: skip
_ALL = _any("entire", "whole", "all", "every")
# Settings and switches: a live word that only modifies one ("disabled the customer config",
# "turned off the production feature flag") names a step of the remediation, not a service.
_SETTING = _any(
    "config", "configs", "configuration", "configurations", "setting", "settings", "flag",
    "flags", "feature", "features", "toggle", "rule", "rules", "alert", "alerts", "alarm",
    "alarms", "check", "checks", "job", "jobs", "cron", "schedule", "webhook", "webhooks",
    "integration", "plugin", "option", "override", "limit", "limits", "policy",
)  # fmt: skip
# The words of the object, up to a clause word: "disabled that scaling activity until all
# fixes are deployed" names no live target.
_OBJECT_WORD = (
    # (a full stop ends the object: "disabled the configuration. Engineering identified ...")
    r"(?:(?!(?:until|after|before|while|when|because|so|and|but|then|to)\b)[\w'’/-]+(?:\.\w+)*"
    r"\s+)"
)
# Secrets a person may expose by posting them.
_SECRET = _any(
    "password", "passwords", "secret", "secrets", "token", "tokens", "credentials",
    r"api\s+keys?", r"private\s+keys?", r"access\s+keys?", r"ssh\s+keys?", "passphrase",
    r"connection\s+strings?",
)  # fmt: skip
_LEAKED = _any(
    "posted", "committed", "pushed", "leaked", "pasted", "shared", "published", "uploaded",
    "exposed", r"checked\s+in", "emailed", "hard-?coded", "hardcoded", "printed", "logged",
)  # fmt: skip
# Adjectives that judge a person, said of a person subject: "the engineer was rushed".
_JUDGED = _any(
    "careless", "sloppy", "negligent", "lazy", "incompetent", "inept", "clumsy", "reckless",
    "cavalier", "lax", "inattentive", "unfocused", "forgetful", "absent-minded", "hasty",
    "impatient", "impulsive", "overconfident", "arrogant", "complacent", "ignorant", "clueless",
    "naive", "inexperienced", "unqualified", "untrained", "unprepared", "unfit", "incapable",
    "irresponsible", "unprofessional", "undisciplined", "disorganised", "disorganized",
    "overzealous", "thoughtless", "heedless", "slapdash", "haphazard", "unreliable",
    "unresponsive", "indifferent", "dismissive", r"out\s+of\s+(?:his|her|their)\s+depth",
)  # fmt: skip
# States of a person: said of the person who failed ("a tired sysadmin typed ...") they make
# the state the cause; said alone ("we were tired after six hours, so we handed over") they
# describe the conditions, which a blameless review wants.
_STATES = _any(
    "tired", "exhausted", "fatigued", "sleepy", "drowsy", "distracted", "confused", "rushed",
    "hurried", "panicked", "flustered", "stressed", "overwhelmed", "overworked",
)  # fmt: skip
# Adverbs that judge how a person acted: "the captain inappropriately pulled aft".
_JUDGED_HOW = _any(
    "accidentally", "mistakenly", "inadvertently", "wrongly", "erroneously", "unintentionally",
    "inappropriately", "improperly", "incorrectly", "carelessly", "hastily", "prematurely",
    "recklessly", "negligently", "sloppily", "thoughtlessly", "blindly", "haphazardly",
    "needlessly", "unnecessarily", "foolishly", "naively", "lazily", "unwisely", "rashly",
    "hurriedly", "impulsively", "absent-?mindedly", "unknowingly", "unwittingly",
)  # fmt: skip
# Adjectives of a poor act, after a person's possessive: "the captain's ineffective management".
_POOR = _any(
    "poor", "ineffective", "inadequate", "improper", "inappropriate", "incorrect", "wrong",
    "faulty", "careless", "sloppy", "hasty", "rushed", "delayed", "late", "slow", "negligent",
    "reckless", "mistaken", "flawed", "bad", "questionable", "lax", "deficient", "insufficient",
    "unsafe", "unprofessional", "misguided", "ill-advised", "ill-judged", "premature",
    "botched", "impaired", "erroneous", "failed", "untimely", "lacking",
)  # fmt: skip
# What a person does that can be judged poor.
_ACTS = _any(
    r"judge?ments?", "decisions?", "management", "handling", "response", "reaction",
    "performance", "communications?", "planning", "execution", "work", "call", "choices?",
    "monitoring", "supervision", "attention", "actions?", "conduct", "command",
    "airmanship", "skills?", "training", "preparation", "procedures?", "vigilance",
    "awareness", "approach", "change", "changes", "command", "commands", "typing",
)  # fmt: skip
_JUDGEMENT = (
    r"\b(?:careless(?:ly|ness)?|negligen(?:t|tly|ce)|slopp(?:y|ily|iness)(?!\s+quorum)"
    r"|laz(?:y|ily|iness)(?![\s-]+(?:load|init|eval|import|delet|expir|fetch|connect))"
    r"|incompeten(?:t|ce|cy)|inattenti(?:ve|on)|reckless(?:ly|ness)?"
    r"|irresponsib(?:le|ly|ility)|complacen(?:t|ce|cy)|thoughtless(?:ly|ness)?|clueless"
    r"|lack\s+of\s+(?:attention|care|diligence|discipline|rigou?r|focus|judge?ment)"
    r"|(?:not|wasn['’]?t|weren['’]?t|isn['’]?t|aren['’]?t|was\s+not|were\s+not)\s+"
    r"(?:being\s+)?(?:careful|attentive|diligent|thorough|focused|paying\s+attention)"
    r"|more\s+(?:careful(?:ly)?|attentive|diligent|vigilant)"
    r"|paying\s+(?:no|little)\s+attention|dropped\s+the\s+ball|asleep\s+at\s+the\s+(?:wheel|switch)"
    r"|(?:bad|poor|questionable)\s+(?:judge?ment|decision(?:s|-making)?|call)|should(?:\s+have|['’]ve)\s+known"
    r"|(?:rookie|stupid|silly|dumb|careless|sloppy|amateur(?:ish)?|obvious|basic|avoidable"
    r"|unforgivable|boneheaded)\s+(?:mistake|error|move|blunder|thing|decision|choice)s?"
    r"|poorly[\s-]+trained|ill[\s-]+prepared|our\s+bad|flagrant(?:ly)?|unprofessional"
    r"|(?:troubled|poor|bad|checkered|spotty)\s+(?:work\s+|employment\s+|performance\s+)?"
    r"(?:history|track\s+record)|(?:completely|totally|simply|utterly)\s+unacceptable"
    r"|(?:we|i)\s+(?:have\s+to|need\s+to|must|should|can)\s+do\s+better"
    r"|lack\s+of\s+(?:experience|skill|competence|expertise)"
    r"|(?:low|poor|little|insufficient)\s+(?:knowledge|skills?|competence|expertise)"
    r"|(?:didn['’]?t|did\s+not|never|couldn['’]?t|could\s+not|haven['’]?t|hasn['’]?t"
    r"|hadn['’]?t|(?:have|has|had)\s+not|won['’]?t|wouldn['’]?t)\s+(?:even\s+)?(?:be\s+)?"
    r"bother(?:ed)?"
    r"|in\s+(?:their|his|her|your|my)\s+right\s+minds?|(?:lacks?|lacked|lacking|no)\s+common"
    r"\s+sense|(?:unable|incapable)\s+(?:of\s+comprehending|to\s+comprehend|to\s+grasp)"
    r"|(?:problems?|trouble|difficult(?:y|ies))\s+(?:with\s+)?(?:performing|doing)\s+"
    r"(?:his|her|their)\s+(?:own\s+)?(?:job|duties|work|role)"
    r"|lack\s+of\s+(?:(?:any|basic|deeper|deep|sufficient|proper|enough|real)\s+)?"
    r"(?:understanding|knowledge|awareness|competence|skills?|expertise|experience"
    r"|diligence|discipline|care|attention|rigou?r|judge?ment|focus|professionalism)\b"
    # Not knowing the state of an incident is an information gap, not a judgement.
    r"(?!\s+(?:of|about|on|into)\s+(?:the\s+|its\s+|their\s+)?(?:system|service|customers?"
    r"|users?|scope|impact|issue|problem|incident|outage|cause|root|extent|situation|state"
    r"|severity|blast|failure|change)\b)"
    r"|without\s+bothering|(?:nobody|no\s+one|no-one)\s+bothered|fat[\s-]?finger(?:ed|ing|s)?"
    # Insults and one's own "stupidity" judge a person whatever the sentence says of them.
    r"|(?:my|his|her|their|your)\s+(?:own\s+)?(?:stupidity|idiocy|laziness|ignorance|arrogance"
    r"|incompetence)|idiots?|idiotic|morons?|moronic|wankers?|dumbass(?:es)?"
    r"|(?:bad|poor|questionable|stupid|dumb)\s+choices?)\b"
)


# A role as a regex: "pilot", "on-call engineers", "air traffic controller".
_ROLE = (
    "(?:"
    + "|".join(sorted((re.escape(noun) for noun in PERSON_NOUNS), key=len, reverse=True))
    + r")s?|(?:air\s+)?traffic\s+controllers?"
)
# What a person may be said to own when the text makes a failure theirs.
_OWNED_FAILURE = (
    r"(?:failure|inability|disregard|neglect|fatigue|mistakes?|errors?|misjudge?ments?|typos?"
    r"|slips?|blunders?|missteps?"
    r"|misconfiguration|lapses?|oversights?|omissions?|negligence|inattention|carelessness"
    r"|complacency|improper|inadequate|delayed|premature|incorrect|faulty|wrong|lack\s+of)"
)
# Verbs after "did not" that describe a state, not an effort someone left out: "we did not
# have an alert" names a missing safeguard.
_STATIVE = (
    r"(?:have|has|know|expect|want|need|rece\w*|get|exist|happen|matter|mean|intend|seem"
    r"|belong|contain|include|require|hear|own|work|occur|affect|impact|change|cause|lose"
    r"|experience|find|like|think|believe|go|come|make|return|show|appear(?!\s+to)"
    r"|blame|punish|fire|shame|learn|encounter|plan\s+for)"
)
# A human-error phrase quoted, denied or argued against is a mention, not a verdict.
_MENTION_BEFORE = re.compile(
    r"(?:\b(?:not|no|never|nor|rather\s+than|instead\s+of|beyond|past|than|myth|so-called"
    r"|blam\w*|label\w*|call(?:ed|ing)?(?:\s+it)?|normal|ordinary|inevitable|natural|everyday"
    r"|allow\w*|let|permit\w*|toleran\w*|tolerat\w*|resilien\w*|prone\s+to|against"
    # Weighing the label itself: "tempting to use human error as a root cause", "what
    # appears to be human error", "asked if they had found any pilot error".
    r"|merely|tempt\w*|us(?:e|ing)|cit(?:e|ing)|appears?\s+to\s+be|seems?\s+to\s+be|any"
    r"|conclusion\s+is)|n['’]t)"
    r"\W+(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)
_MENTION_AFTER = re.compile(
    r"^\W*(?:is|was|are)\s+(?:never|not|rarely|seldom|only|just|a\s+(?:symptom|label|starting))"
    r"|^\W*(?:is|are)\s+(?:seen|treated|understood|best\s+seen)\s+as"
    r"|^\W*(?:is|are)\s+(?:an?|the)\s+(?:effect|symptom|result|consequence|outcome)\s+of"
    r"|^\W*isn['’]t"
    # The label as a habit of writers, or as part of work: "operator error is often used as
    # a simple explanation", "... are so often listed as causes", "human mistakes are
    # inevitable".
    r"|^[^.!?]{0,60}?\b(?:is|are)\s+(?:(?:so|too|very)\s+)?(?:often|commonly|frequently"
    r"|usually|typically|routinely)\b"
    r"|^\W*(?:is|are)\s+(?:inevitable|unavoidable|normal|natural|expected)\b",
    re.IGNORECASE,
)
# Past participles that say what befell people or what they met, not an effort they left
# out: "we had never seen", "haven't received", "had never encountered".
_UNDONE_OUTCOMES = (
    rf"{_STATIVE}|been|had|seen|heard|needed|found|received|got|gotten|experienced|happened"
    r"|occurred|encountered|expected|intended|used|tried|attempted|observed"
)
# Where a sentence or a list entry starts: the text's start, a new line, after a full stop.
_ENTRY_START = r"(?:^|(?<=\n)|(?<=[.!?;]\s)|(?<=[.!?;]\s\s))[\W_]*"
# A clause that opens with a person as its subject: "The signaller rang ...", "We rebuild ...".
_CLAUSE_PERSON = (
    r"(?:^|[.;:]\s+)\W*(?:(?:the|a|an|our|one|another|that|this)\s+)?(?:[\w-]+\s+)?"
    rf"(?:{_ROLE}|we|i|he|she)\s"
)


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]  # for the text as written
    # The same, case-sensitive, for the lower-cased text: IGNORECASE keeps the regex engine
    # from skipping ahead by first letters, which makes it about three times slower.
    lowered: re.Pattern[str] | None
    gate: _Gate
    advice: str
    with_subject: bool = False  # the phrase starts at its subject: "Bob didn't check"
    not_after_if: bool = False  # the consequence of a counterfactual already found by "if"
    # Only a failure said to have happened and left unexplained: not "if they did not ...",
    # not "we did not roll back because the error rate was falling".
    asserted: bool = False
    # Words one of which the lower-cased text must hold for the rule to match at all: a
    # substring test is far cheaper than letting the regex engine try every position.
    needs: tuple[str, ...] = ()
    # The phrase says nobody did something: blame unless the sentence gives the system's
    # reason for the gap ("nobody watched the alert because it paged a retired rota").
    absence: bool = False
    # The advice shown, when not the one `advice` names (which the model reads as the kind).
    hint: str = ""


def _rule(
    pattern: str,
    gate: _Gate,
    advice: str,
    *,
    with_subject: bool = False,
    cased: bool = False,
    not_after_if: bool = False,
    asserted: bool = False,
    needs: tuple[str, ...] = (),
    absence: bool = False,
    hint: str = "",
) -> _Rule:
    """`pattern` is written in lower case unless `cased` (it then runs on the text as is)."""
    flags = (not_after_if, asserted, needs, absence, hint)
    if cased:
        return _Rule(re.compile(pattern), None, gate, advice, with_subject, *flags)
    return _Rule(re.compile(pattern, re.I), re.compile(pattern), gate, advice, with_subject, *flags)


_NEGATED = ("didn", "did not", "failed", "neglected", "omitted", "forgot", "never", "bother")

# The words of one's own harm told as one's act ("I've corrupted", "we took down production").
_HARM_WORDS = (
    "corrupted", "overwhelmed", "trashed", "hosed", "borked", "clobbered", "nuked", "crashed",
    "degraded", " out ", " down ",
)  # fmt: skip

# In priority order: where two matches overlap, the earlier rule's phrase is the one shown.
_RULES: tuple[_Rule, ...] = (
    _rule(
        r"\bhuman[\s-]+(?:errors?|mistakes?|failures?)\b|\b(?:operator|user|pilot)[\s-]+error\b"
        r"(?![\s-]*(?:rates?|counts?|codes?|budget|ratio|responses?|pages?|messages?|logs?"
        r"|metrics?|spikes?|class|type|handl|path))|\bpebkac\b|\blayer[\s-]?8\b",
        _Gate.ALWAYS,
        "human-error",
        needs=("human", "operator", "user", "pilot", "pebkac", "layer"),
    ),
    _rule(_JUDGEMENT, _Gate.ALWAYS, "judgement"),
    # A person's state or skill as the cause: "a tired sysadmin", "inexperienced operators".
    _rule(
        r"\b(?:tired|exhausted|fatigued|sleepy|distracted|overworked|inexperienced|untrained"
        rf"|unqualified|overconfident|hasty|panicked|confused)\s+(?:[\w-]+\s+)?(?:{_ROLE})\b",
        _Gate.ALWAYS,
        "judgement",
        needs=(
            "tired",
            "exhaust",
            "fatigu",
            "sleepy",
            "distract",
            "overwork",
            "inexperienc",
            "untrain",
            "unqualif",
            "overconfid",
            "hasty",
            "panick",
            "confused",
        ),
    ),
    _rule(
        r"\b(?:was|were)\s+(?:completely\s+|totally\s+|clearly\s+)?(?:unprepared|unqualified"
        r"|untrained|inexperienced|not\s+(?:qualified|trained|prepared|competent))\b"
        r"|\b(?:was|were)n['’]t\s+(?:qualified|trained|prepared|competent|careful|experienced"
        r"|familiar)"
        r"\s+enough\b|\b(?:was|were)n['’]t\s+(?:(?:properly|adequately)\s+)?(?:qualified|competent"
        r"|trained)\b",
        _Gate.PERSON,
        "judgement",
        with_subject=True,
        needs=("unprepared", "unqualified", "untrained", "inexperienced", "not ", "n't", "n’t"),
    ),
    # The failure made a person's property: "the pilot's failure to", "his delayed decision".
    _rule(
        rf"(?P<owner>\b[\w'’-]+)['’]s\s+(?:[\w-]+\s+){{0,2}}?{_OWNED_FAILURE}\b",
        _Gate.OWNER,
        "possessive",
        asserted=True,
        needs=("'s", "’s"),
    ),
    # "the captain's ineffective management", "the pilots' performance was impaired"
    _rule(
        rf"(?P<owner>\b[\w-]+(?:['’]s|s['’]))\s+(?:(?:own|recent|final|initial)\s+)?(?:{_POOR}"
        rf"\s+(?:[\w-]+\s+)?{_ACTS}|{_ACTS}\s+(?:was|were|is|had\s+been)\s+(?:[a-z]+ly\s+)?"
        rf"(?:{_POOR}|degraded|lacking|below\s+standard))\b",
        _Gate.OWNER,
        "possessive",
        asserted=True,
        needs=("'s", "’s", "s'", "s’"),
    ),
    _rule(
        rf"\b(?:his|her)\s+(?:own\s+)?(?:[\w-]+\s+)?{_OWNED_FAILURE}\b"
        r"|\btheir\s+(?:own\s+)?(?:inability|disregard|negligence|carelessness|inattention"
        r"|complacency|fatigue|mistakes?|lapses?|misjudge?ments?)\b"
        r"|\b(?:failure|inability|refusal|neglect)\s+(?:by|of)\s+(?:the\s+|an?\s+|our\s+)?"
        rf"(?:[\w-]+\s+){{0,3}}?(?:{_ROLE})\s+to\b",
        _Gate.ALWAYS,
        "possessive",
        needs=("his ", "her ", "their ", "failure", "inability", "refusal", "neglect"),
    ),
    # A procedure not followed: the people who did not follow it are implied.
    _rule(
        r"\b(?:procedures?|process(?:es)?|runbooks?|checklists?|polic(?:y|ies)|protocols?"
        r"|instructions?|playbooks?|guidelines?)\b(?:\s+[\w'’-]+){0,12}?\s+(?:was|were|is|are"
        r"|had\s+been|has\s+been)\s*(?:not|never|n['’]t)\s+(?:[a-z]+ly\s+)?(?:followed"
        r"|adhered\s+to|observed|respected|read|applied|performed|executed|completed"
        r"|carried\s+out)\b",
        _Gate.ALWAYS,
        "procedure",
        asserted=True,
        needs=("not", "never", "n't", "n’t"),
    ),
    _rule(
        # "should not have to page anyone" says what should not be needed, and "we should
        # have a runbook" what is missing: neither is hindsight.
        r"\b(?:should(?:n['’]?t|\s+not|\s+never)?\s+have|should['’]ve|shouldn['’]t['’]ve"
        r"|ought(?:\s+not)?\s+to\s+have)\b(?!\s+(?:to|a|an|the|some|more|no|any|our|their"
        r"|its|one|two|enough|better|fewer|less)\b)",
        _Gate.PERSON_OR_UNSAID,
        "hindsight",
        needs=("should", "ought"),
    ),
    _rule(
        r"(?<![\w/_-])forg(?:ot|otten|ets|etting)\b(?![\s_/-]*(?:(?:your|my|the)\s+)?(?:password|passwd|pass"
        r"|username|user\s*name|pin|login|credentials|secret)\b)",
        _Gate.PERSON_OR_UNSAID,
        "forgot",
        needs=("forg",),
    ),
    _rule(
        r"\b(?:his|her|their|my|our|your)\s+(?:own\s+)?(?:fault|mistake|negligence|carelessness"
        r"|oversight)\b|\b\w+['’]s\s+(?:fault|mistake|negligence|carelessness|oversight|blunder)\b"
        # ("the pilot was to blame", not "it is easy to blame the developer")
        r"|\bfault\s+of\b|\bat\s+fault\b|(?:\b(?:is|was|are|were|be|been|partly|partially"
        r"|solely|largely|mostly|also|equally)|['’]s|['’]re)\s+to\s+blame\b"
        r"|\b(?:mistake|oversight|lapse|blunder|slip)\s+(?:made\s+)?by\b",
        _Gate.ALWAYS,
        "person",
        asserted=True,
        needs=(
            "fault",
            "mistake",
            "negligence",
            "carelessness",
            "oversight",
            "blame",
            "lapse",
            "blunder",
            "slip",
        ),
    ),
    # "a misunderstanding by the employee", "a typo by the on-call engineer"
    _rule(
        r"\b(?:mistakes?|errors?|typos?|slips?|lapses?|blunders?|oversights?|omissions?"
        r"|misunderstandings?|misjudge?ments?|misreadings?|misconfigurations?|misclicks?"
        r"|negligence|carelessness|inattention|misstep)\s+(?:made\s+|committed\s+|on\s+the"
        r"\s+part\s+of\s+)?(?:by|of)\s+",
        _Gate.PERSON_AGENT,
        "person",
        needs=(" by ", " of "),
    ),
    # "a series of failures by the crew"
    _rule(r"\bfailures?\s+by\s+", _Gate.PERSON_AGENT, "person", needs=(" by ",)),
    # "a mistake that an intern made"
    _rule(
        r"\b(?:mistake|error|typo|slip|blunder|misstep|oversight)s?\s+(?:that|which)\s+"
        r"(?:(?:the|an?|our|their|one|his|her)\s+)?(?:[\w-]+\s+)?(?P<owner>[\w'’-]+)\s+"
        r"(?:had\s+|has\s+|have\s+)?(?:made|committed)\b",
        _Gate.OWNER,
        "person",
        needs=("made", "committed"),
    ),
    # "Fatima's typo": a capitalised name owning the slip (a lower-case "parser's error" is
    # software).
    _rule(
        r"\b[A-Z][a-z]+['’]s\s+(?:typo|slip|lapse|error|blunder)s?\b",
        _Gate.ALWAYS,
        "person",
        cased=True,
        needs=("'s", "’s"),
    ),
    _rule(
        r"\b(?:nobody|no\s+one|no-one|(?:none|neither|not\s+one)\s+of\s+(?:us|them|the\s+team))"
        r"(?:\s+(?:on|in|from|at)\s+(?:the\s+|our\s+|that\s+)?[\w-]+(?:\s+(?:team|shift|rotation))?)?"
        rf"\s+(?:even\s+|ever\s+)?(?:{_HUMAN_PAST}|{_DUTY_PAST}|tested|questioned|created"
        r"|added|wrote|configured|set\s+up|fixed"
        r"|followed\s+up)\b",
        _Gate.ALWAYS,
        "person",
        needs=("nobody", "no one", "no-one", "none of", "neither of", "not one of"),
        absence=True,
    ),
    _rule(
        rf"\b(?:{_NOT}test|never\s+tested)\b",
        _Gate.PERSON_OR_UNSAID,
        "test",
        with_subject=True,
        asserted=True,
        needs=_NEGATED,
    ),
    # "The junior engineer didn't know the list held site IDs": what a named person did not
    # know, said of them, judges them; every mock facilitator's such sentence passed (28a to
    # 30b). Said of ourselves ("we did not know the flag also controlled the cache", "we
    # still did not know the cause") or of "they" (the team, as often as a person) it is the
    # team's own account of a gap or of the diagnosis so far, and the labels leave it.
    _rule(
        r"(?<!\bwe\s)(?<!\bi\s)(?<!\bthey\s)(?<!\bstill\s)(?<!\byet\s)"
        r"\b(?:didn['’]?t|did\s+not)\s+know\b|(?<!\bwe\s)(?<!\bthey\s)\bnever\s+knew\b",
        _Gate.PERSON,
        "judgement",
        with_subject=True,
        needs=("know", "knew"),
        hint="knowledge",
    ),
    _rule(
        rf"\b(?:{_NOT}{_HUMAN}|never\s+{_HUMAN_PAST})\b",
        _Gate.PERSON_OR_UNSAID,
        "person",
        with_subject=True,
        needs=_NEGATED,
    ),
    _rule(
        # ("I can never tell if he is kidding" is no effort left out)
        rf"(?<!\bcan\s)(?<!\bcould\s)\b(?:{_NOT}{_DUTY}|never\s+{_DUTY_PAST})\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        asserted=True,
        needs=_NEGATED,
    ),
    # Any effort a person left out: "a technician failed to copy", "the pilot did not reverse".
    _rule(
        r"\b(?:didn['’]?t|did\s+not|failed\s+to|neglected\s+to|omitted\s+to)\s+"
        # (a news report's "did not immediately respond to a request for comment")
        r"(?![^.;!?]{0,40}\b(?:for|seeking)\s+comment\b)(?:(?:even|properly"
        r"|actually|really|fully|correctly|adequately|bother\s+to|manage\s+to)\s+)*"
        rf"(?!{_STATIVE}\b)[a-z]+\b"
        r"|\b(?:was|were)(?:n['’]t|\s+not)\s+(?!expecting|going|being|getting|using|running"
        r"|tracking|collecting|storing|scanning|logging|exporting|sending|emitting|seeing"
        r"|receiving|aware)[a-z]+ing\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        asserted=True,
        needs=(
            "didn",
            "did not",
            "failed to",
            "neglected to",
            "omitted to",
            "wasn",
            "weren",
            "was not",
            "were not",
        ),
    ),
    # A list entry with no subject ("Did not disable the pipeline despite the risk") speaks
    # of the team; a system would be named.
    _rule(
        rf"^(?:didn['’]?t|did\s+not)\s+(?:[a-z]+ly\s+)?(?!{_STATIVE}\b)[a-z]+\b",
        _Gate.ALWAYS,
        "person",
        needs=("didn", "did not"),
    ),
    # "errant input that Amazon engineers entered"
    _rule(
        r"\b(?:errant|erroneous|incorrect|wrong|bad|faulty|invalid|mistyped)\s+(?:[\w-]+\s+){0,2}?"
        rf"(?:that|which)\s+(?:[\w'’-]+\s+){{0,2}}?(?P<owner>[\w'’-]+)\s+{_HANDLED}\b",
        _Gate.OWNER,
        "person",
        needs=("that", "which"),
    ),
    _rule(rf"\b{_SLIPS}\b", _Gate.PERSON, "person", with_subject=True, needs=_stems(_SLIPS)),
    # "Why didn't you test it?", "did the boss/manager not keep tabs ...?": a question that
    # asks a person why they failed.
    _rule(
        r"\b(?:didn['’]?t|wasn['’]?t|weren['’]?t|hadn['’]?t|haven['’]?t|hasn['’]?t|couldn['’]?t"
        r"|wouldn['’]?t)\s+(?:(?:the|our|your|their|a|an|any|this)\s+)?(?:[\w-]+/)?"
        r"(?P<owner>[\w'’-]+)\b(?=[^.!?\n]{0,160}\?)"
        r"|\b(?:did|was|were|had|have|has)\s+(?:(?:the|our|your|their|a|an|any|this)\s+)?"
        r"(?:[\w-]+/)?(?P<owner2>[\w'’-]+)\s+(?:[\w-]+\s+)?(?:not|never)\b(?=[^.!?\n]{0,160}\?)",
        _Gate.OWNER,
        "person",
        needs=("?",),
    ),
    # "Teams still haven't adopted the guidelines": a duty left undone, said to persist.
    _rule(
        r"\b(?:still|yet)\s+(?:haven['’]?t|hasn['’]?t|hadn['’]?t|have\s+not|has\s+not|had\s+not"
        r"|didn['’]?t|did\s+not|don['’]?t|doesn['’]?t|do\s+not|does\s+not|won['’]?t|will\s+not)"
        rf"\s+(?!(?:{_STATIVE}|been|had|seen|heard|needed|found|received|got|gotten|experienced"
        r"|happened|occurred|recovered|finished|completed|shipped|released|landed|merged)\b)"
        r"[a-z]+\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        asserted=True,
        needs=("still", "yet"),
    ),
    # "We need to be more careful", "the team should be more aware": an exhortation to people.
    _rule(
        r"\b(?:needs?(?:\s+to)?|should|must|has\s+to|have\s+to|ought\s+to|got\s+to|will"
        r"|shall)\s+(?:all\s+|really\s+|also\s+|simply\s+|just\s+)?be\s+(?:much\s+|a\s+lot\s+"
        r"|far\s+|a\s+bit\s+|way\s+)?(?:more|better|less)\s+(?:aware|careful|attentive|vigilant"
        r"|diligent|thorough|disciplined|rigorous|mindful|cautious|focused|alert|conscientious"
        r"|responsible|professional|observant|at|about|with|when)\b"
        # "... better at alerting on saturation, so we added a queue-depth alert" turned the
        # wish into a change of the system.
        r"(?![^.;!?]{0,120}\b(?:so|by|and)\s+(?:we\s+|the\s+team\s+)?(?:have\s+)?(?:added"
        r"|adding|built|building|created|creating|wrote|writing|introduced|introducing|set\s+up"
        r"|setting\s+up|automated|automating|changed|changing|configured|configuring)\b)",
        _Gate.PERSON_OR_UNSAID,
        "judgement",
        with_subject=True,
        needs=("more", "better", "less"),
    ),
    # Any modal perfect with a person subject: "the reviewer could have rejected it".
    _rule(
        r"\b(?:could|might|should)(?:\s+have|['’]ve)\s+(?:easily\s+|simply\s+|quickly\s+"
        r"|just\s+|at\s+least\s+)?(?!been\b|had\b|lost\b|used\b|needed\b|happened\b"
        r"|gone\b|come\b)[a-z]+(?:ed|en|wn|ne|ught|ept|ade|ung|ook|ew|ent|elt|ost|ut|un|ot"
        r"|aw|ld|ck)\b",
        _Gate.PERSON,
        "counterfactual",
        not_after_if=True,
        needs=("could", "might", "should"),
    ),
    # "could have been stopped by the release manager"
    _rule(
        r"\b(?:could|might|should|would)(?:\s+have|['’]ve)\s+(?:been|be)\s+[a-z]+(?:ed|en|wn|ne"
        r"|ught|ept|ade|one|ook|ew|ent|ost|ut|un|ot|aw|ld|ck)\s+by\s+",
        _Gate.PERSON_AGENT,
        "counterfactual",
        needs=(" by ",),
    ),
    # The team's pace judged: "it took us too long to declare the incident".
    _rule(
        r"\bit\s+took\s+(?:us|me|him|her|them|the\s+(?:team|on-?call(?:\s+engineers?)?"
        r"|engineers?|responders?))\s+(?:(?:far|way|much)\s+)?too\s+long\b"
        r"|\b(?:we|i)\s+(?:were|was)\s+(?:(?:far|way|much)\s+)?too\s+slow\s+to\b",
        _Gate.ALWAYS,
        "judgement",
        needs=("too long", "too slow"),
        hint="pace",
    ),
    # A list entry with no subject that names an effort left out: "Not double checking the
    # consequences", "Missed the step in my notes". A gap in the system is said with
    # "having" or "being" ("Not having an alert for ...") and stays a finding.
    _rule(
        rf"{_ENTRY_START}(?:(?:not|never)\s+(?:properly\s+|fully\s+|carefully\s+|actually\s+)?"
        r"(?:double[\s-]?checking|checking|considering|testing|verifying|validating|confirming"
        r"|reading|reviewing|following|noticing|realising|realizing|escalating|communicating"
        r"|updating|asking|looking|paying|documenting|reporting|monitoring|waiting|thinking"
        r"|informing|notifying|telling|investigating|rolling\s+back)\b"
        r"|missed\s+(?:the|a|an|one|two|a\s+single|several|some)\s"
        # "Ran the script without reading the ticket properly"
        r"|(?:[a-z]+ed|ran|took|made|went|hit|set|put|sent|wrote|gave|did)\s"
        r"[^.;!?\n]{0,80}?\bwithout\s+(?:first\s+|properly\s+|fully\s+|even\s+)?(?:reading"
        r"|double[\s-]?checking|checking|verifying|confirming|testing|reviewing|asking"
        r"|consulting|telling|notifying|waiting)\b)",
        _Gate.ALWAYS,
        "person",
        needs=("not ", "never ", "missed ", "without"),
    ),
    # Writing about one's own part: "I've broken prod a bunch of times", "we let you down",
    # "the disruption we caused".
    _rule(
        r"\b(?:i|we)(?:\s+(?:have|had)\s+|['’]ve\s+|['’]d\s+|\s+)(?:accidentally\s+"
        r"|inadvertently\s+|unintentionally\s+|mistakenly\s+)?(?:broken|broke)\s+"
        r"(?:prod|production|the\s+(?:site|build|service|app|website|deploy)|everything|it)\b"
        r"(?!\s+(?:into|up|apart|out|down)\b)"
        r"|\b(?:i|we)\s+(?:(?:have|had)\s+|['’]ve\s+)?(?:really\s+)?let\s+(?:you|our\s+[\w-]+"
        r"|them|everyone|everybody|you\s+all)\s+down\b"
        r"|\b(?:disruption|outage|downtime|pain|inconvenience|trouble|harm|damage|frustration)"
        r"\s+(?:that\s+)?(?:we|i)\s+(?:have\s+|had\s+)?caused\b",
        _Gate.ALWAYS,
        "person",
        needs=("broke", "let ", "caused"),
    ),
    # A person made answerable for the harm: "he is responsible for this blackout", "you are
    # responsible for knocking out the application", "you both can share the blame", "the
    # intern deserved to be fired". A duty ("the on-call engineer is responsible for paging
    # the commander") names no harm, and stays.
    _rule(
        r"\b(?:is|was|are|were|am|['’]re|['’]m)\s+(?:solely\s+|directly\s+"
        r"|personally\s+|fully\s+|entirely\s+|ultimately\s+|partly\s+|partially\s+)?"
        r"responsible\s+for\s+(?:(?:the|this|that|an?|his|her|their|my|our|your)\s+)?"
        r"(?:(?:whole|entire|big|major|massive|recent|initial|resulting)\s+)?(?:outage|incident"
        r"|blackout|crash|failure|mistake|error|downtime|loss|deletion|breach|accident"
        r"|collision|disaster|mess|damage|causing|knocking|taking\s+down|breaking|deleting"
        r"|crashing|bringing\s+down|wiping|dropping|corrupting)\b",
        _Gate.PERSON,
        "judgement",
        with_subject=True,
        asserted=True,
        needs=("responsible",),
        hint="blamed",
    ),
    _rule(
        r"\bshare\s+the\s+blame\b|\b(?:deserved?|deserves|ought|should|must)\s+(?:to\s+)?be"
        r"\s+(?:fired|sacked|punished|disciplined|reprimanded)\b",
        _Gate.PERSON_OR_UNSAID,
        "judgement",
        asserted=True,
        needs=("blame", "fired", "sacked", "punished", "disciplined", "reprimanded"),
        hint="blamed",
    ),
    # "the responsibility is on the senior dev", "responsibility lies with the captain"
    _rule(
        r"\bresponsibility\s+(?:is|was|lies|lay|rests|rested|falls|fell)\s+(?:squarely\s+)?"
        r"(?:on|with|upon)\s+",
        _Gate.PERSON_AGENT,
        "judgement",
        asserted=True,
        needs=("responsibility",),
        hint="blamed",
    ),
    # Hindsight asked as a question about a person: "Should the individual developer have paid
    # more attention?", "Could I have been more cautious?". "Could we have caught it earlier?"
    # asks about the system's chances, and stays.
    _rule(
        r"\b(?:should|could|would|shouldn['’]t|couldn['’]t)\s+(?:i|you|he|she|they|the\s+"
        rf"(?:[\w-]+\s+)?(?:{_ROLE}))\s+have\s+(?:been\s+(?:more|less)\s+[a-z]+|paid\s+"
        r"(?:more|closer|better)\s+attention|known\s+better|taken\s+more\s+care|double[\s-]?checked"
        r"|thought\s+(?:twice|harder|more))",
        _Gate.ALWAYS,
        "hindsight",
        needs=("should", "could", "would"),
    ),
    # "why didn't you set up a script", "why didn't the pilot go around": a question that
    # faults the person asked about. "Why didn't we ...?" is the review's own question.
    _rule(
        r"\bwhy\s+(?:didn['’]?t|did\s+not|wouldn['’]?t|couldn['’]?t"
        r"|hasn['’]?t|haven['’]?t)\s+(?:you|he|she|they|anyone|someone|somebody|the\s+"
        rf"(?:[\w-]+\s+)?(?:{_ROLE}))\b",
        _Gate.ALWAYS,
        "hindsight",
        needs=("why",),
    ),
    # Confessing the harm as one's doing: "I managed to delete a large proportion of the
    # content", "I pushed out a code change that broke the site", "my choice caused a bigger
    # problem". "We shipped a change that broke ..." is the team's account, and stays.
    _rule(
        r"\b(?:i|you|he|she)\s+(?:somehow\s+|even\s+)?managed\s+to\s+(?:accidentally\s+)?"
        r"(?:delete|drop|wipe|break|crash|corrupt|destroy|overwrite|kill|erase|truncate|nuke"
        r"|lose|take\s+down|bring\s+down|knock\s+out|take\s+out)\b"
        r"|\bi\s+(?:pushed|deployed|shipped|merged|released|ran|made|committed)\s+(?:out\s+)?"
        r"[^.;!?]{0,60}?\b(?:that|which)\s+(?:then\s+)?(?:broke|took\s+down|crashed|brought\s+down"
        r"|wiped|deleted|corrupted|knocked\s+out)\b"
        r"|\b(?:my|his|her|your)\s+(?:own\s+)?(?:choice|decision|change|command|script|typo"
        r"|commit|push|query|action|testing)s?\s+(?:had\s+|then\s+)?(?:caused|broke|took\s+down"
        r"|triggered|wiped|deleted|crashed|corrupted|affected\s+(?:the\s+)?(?:live|production"
        r"|prod))\b",
        _Gate.ALWAYS,
        "person",
        needs=(
            "managed to",
            "broke",
            "took",
            "crashed",
            "brought",
            "wiped",
            "deleted",
            "corrupted",
            "knocked",
            "caused",
            "triggered",
            "affected",
        ),
    ),
    # An outcome traced to one person: "tracing a midweek computer debacle to a single
    # employee".
    _rule(
        r"\b(?:trac(?:ed|ing|es|e)|pinned|pinning|attributed|attributing)\s+[^.;!?]{0,60}?\bto\s+"
        r"(?:a\s+single|one|one\s+single|an?\s+(?:lone|individual))\s+(?:employee|engineer"
        r"|person|worker|contractor|developer|technician|intern|operator|individual|admin"
        r"|administrator|controller|pilot)\b",
        _Gate.ALWAYS,
        "person",
        needs=("trac", "pinn", "attribut"),
    ),
    # A person's sarcasm-judged choice: "because someone thought it was a good idea to push
    # untested code". Said by us ("we thought it was a good idea") it is how it made sense.
    _rule(
        r"(?<!\bwe\s)(?<!\bi\s)\bthought\s+it\s+(?:was|would\s+be)\s+(?:a\s+)?(?:good|great"
        r"|smart|clever|brilliant|fine)\s+idea\s+to\b",
        _Gate.PERSON,
        "judgement",
        with_subject=True,
        needs=("idea",),
    ),
    # Official findings against a person: "found the nurse in breach of the Code", "has
    # performance issues".
    _rule(
        r"\bin\s+breach\s+of\b|\b(?:has|had|have|having)\s+(?:had\s+)?(?:serious\s+|ongoing\s+"
        r"|known\s+|documented\s+)?performance\s+(?:issues|problems|concerns)\b",
        _Gate.PERSON,
        "judgement",
        with_subject=True,
        needs=("breach", "performance"),
    ),
    # Asleep at one's post: "a controller was asleep on the job", "fell asleep while on
    # duty". Tiredness told as a condition ("the on-call engineer was asleep when the page
    # came") names no post and stays.
    _rule(
        r"\b(?:asleep|sleeping|napping|snoozing|dozing|dozed\s+off)\s+(?:(?:for\s+[^.;!?]{1,30}?"
        r"\s+)?(?:while\s+)?(?:on|at)\s+(?:the\s+)?(?:job|duty|watch|post|console|controls)\b)"
        r"|\b(?:snoozing|napping|sleeping|dozing)\s+(?:air\s+traffic\s+)?(?:controllers?"
        r"|pilots?|operators?|guards?|crew|engineers?)\b",
        _Gate.ALWAYS,
        "judgement",
        needs=("asleep", "sleeping", "napping", "snoozing", "dozing", "dozed"),
    ),
    # One's own harm told as one's act: "I've corrupted the alert database", "And I've
    # degraded production", "we took out a stock exchange".
    _rule(
        r"\b(?:i|we|you)(?:\s+(?:have|had)\s+|['’]ve\s+|['’]d\s+|\s+)(?:just\s+|accidentally\s+"
        r"|inadvertently\s+|unintentionally\s+|mistakenly\s+|completely\s+|basically\s+)?"
        r"(?:corrupted|overwhelmed|trashed|hosed|borked|clobbered|nuked"
        r"|crashed\s+(?!into\b|and\b|out\b)[a-z]"
        r"|degraded\s+(?:prod|production|the\s+(?:site|service|app|website))"
        # ("we took down the old cluster" retires it: only a live target is harm)
        r"|knocked\s+(?:out|down|over)\s+[a-z]"
        r"|(?:took|taken)\s+(?:out|down)\s+(?:(?:the|our|a|an|their|all\s+of)\s+)?"
        r"(?:whole\s+|entire\s+)?(?:prod|production|(?:web)?site|stock\s+exchange|internet))",
        _Gate.ALWAYS,
        "person",
        needs=_HARM_WORDS,
    ),
    # A person unaware, said of them: "the bosun was not aware", "he wasn't fully aware which
    # workspace"; said of ourselves it is the team's account of a gap, as with "didn't know".
    _rule(
        r"(?<!\bwe\s)(?<!\bi\s)(?<!\bthey\s)\b(?:was|were)(?:(?:n['’]t|\s+not)\s+"
        r"(?:fully\s+|entirely\s+|completely\s+|even\s+)?aware|\s+(?:completely\s+"
        r"|entirely\s+|totally\s+)?unaware)\b"
        # (what nobody knew then is how it made sense at the time)
        r"(?![^.;!?]{0,40}\bat\s+the\s+time\b)",
        _Gate.PERSON,
        "judgement",
        with_subject=True,
        asserted=True,
        needs=("aware",),
        hint="knowledge",
    ),
    # A clause whose subject is a person and whose act was done without the look that would
    # have caught it, or on the wrong target: "The signaller rang the desk without realising
    # the crossing was open", "We rebuild the search indices as the wrong user".
    _rule(
        # (a clause that says what nobody guards against is a gap: "we don't guard against
        # running commands as the wrong user")
        rf"{_CLAUSE_PERSON}(?:(?!\b(?:not|never|against)\b|n['’]t\b)[^.;!?]){{0,100}}?"
        r"\b(?:without\s+(?:first\s+|properly\s+|fully\s+"
        r"|even\s+|ever\s+)?(?:realising|realizing|noticing|double[\s-]?checking|checking"
        r"|verifying|confirming|reading|consulting|being\s+(?:fully\s+)?aware)"
        r"|(?:on|in|against|to|as|from|into)\s+the\s+wrong\s+(?:host|server|cluster"
        r"|database|db|environment|terminal|region|account|user|workspace|context|branch"
        r"|machine|node|instance|table|bucket|project|namespace|valve|box|window|tab|shell))\b",
        _Gate.ALWAYS,
        "person",
        needs=("without", "wrong"),
    ),
    # Chances a person had and did not take: "the pilot had five opportunities to notice".
    _rule(
        r"\bhad\s+(?:[\w-]+\s+){0,2}?(?:opportunit(?:y|ies)|chances?)\s+(?:[\w-]+\s+){0,5}?to\s+"
        r"(?:notice|recogni[sz]e|catch|spot|see|detect|stop|prevent|avoid|check|question|flag"
        r"|intervene|escalate|realise|realize)\b",
        _Gate.PERSON_OR_UNSAID,
        "counterfactual",
        needs=("opportunit", "chance"),
    ),
    # A person's attention elsewhere: "the crew relied too much on the autothrottle", "took
    # his attention away from the window"; said of ourselves ("we relied entirely on customer
    # reports") it is the team's account of a missing signal.
    _rule(
        r"(?<!\bwe\s)(?<!\bi\s)\b(?:relied|depended|leaned)\s+(?:too\s+(?:much|heavily)|solely"
        r"|only|exclusively|entirely|blindly)\s+on\b|\bover-?reli(?:ed|es)\s+on\b"
        r"|\btook\s+(?:his|her|their|my|our)\s+(?:eyes|attention|focus)\s+(?:away\s+)?(?:off"
        r"|from)\b",
        _Gate.PERSON,
        "judgement",
        with_subject=True,
        asserted=True,
        needs=("relied", "depended", "leaned", "reli", "took"),
    ),
    # Work left undone, said of a person, with "yet" after it: "we haven't resolved the
    # action items yet", "had not updated".
    _rule(
        r"\b(?:haven['’]?t|hasn['’]?t|hadn['’]?t|have\s+not|has\s+not|had\s+not|never)\s+"
        r"(?:(?:yet|ever|properly|actually|even)\s+)?"
        # (nor a release still to come: "we haven't launched it yet")
        rf"(?!(?:{_UNDONE_OUTCOMES}|recovered|decided|identified|determined|started|begun"
        r"|considered|planned|launched|released|shipped|announced|published|finished|completed"
        r"|deployed|rolled)\b)[a-z]+ed\b(?=[^.!?]{0,80}\byet\b)",
        _Gate.PERSON,
        "person",
        with_subject=True,
        asserted=True,
        needs=("yet",),
    ),
    # "we never verbalized our learnings", "realized we hadn't updated": a step the team
    # left out, said of itself.
    _rule(
        r"\b(?:we|i)\s+(?:never|hadn['’]?t|had\s+not)\s+(?:(?:properly|actually|even|ever)\s+)?"
        rf"(?!(?:{_UNDONE_OUTCOMES})\b)[a-z]+ed\b",
        _Gate.ALWAYS,
        "person",
        asserted=True,
        needs=("never", "hadn", "had not"),
    ),
    # An act on the wrong thing, said in the present: "an operator opens the wrong valve".
    _rule(
        r"\b(?!(?:as|is|was|has|does|this|its|us|his|thus|plus|less|across|unless|always"
        r"|perhaps|towards|besides)\b)[a-z]+s\s+(?:the|a|an)\s+wrong\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        asserted=True,
        needs=("wrong",),
    ),
    # Any act on the wrong thing: "restored the wrong snapshot", "paged the wrong team".
    _rule(
        r"\b[a-z]+(?:ed|ew|ook|ent|ut|ot|an|it)\s+(?:the|a|an)\s+wrong\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        needs=("wrong",),
    ),
    # "his failure to escalate", "their failure to notice"
    _rule(
        rf"\b(?:his|her|our|my|your)\s+(?:repeated\s+|own\s+)?failure\s+to\s+(?:{_DUTY}|{_HUMAN})\b"
        rf"|\btheir\s+(?:repeated\s+|own\s+)?failure\s+to\s+(?:{_HUMAN}|rotate|renew|follow)\b",
        _Gate.ALWAYS,
        "possessive",
        asserted=True,
        needs=("failure to",),
    ),
    # "hit the wrong button", "used an inappropriate rest facility", "an untested branch"
    _rule(
        rf"\b{_HANDLED}\s+(?:[\w'’-]+\s+){{0,3}}?(?:inappropriate|improper|untested|unreviewed"
        r"|unapproved|unverified|mistaken|erroneous|unsafe)\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        needs=(
            "inappropriate",
            "improper",
            "untested",
            "unreviewed",
            "unapproved",
            "unverified",
            "mistaken",
            "erroneous",
            "unsafe",
        ),
    ),
    # "the intern deleted the production bucket", "ran rm -rf on the primary instead of ..."
    _rule(
        rf"\b{_DESTROYED}\s+{_OBJECT_WORD}{{0,5}}?(?:{_LIVE}|{_ALL})\b"
        rf"|\b{_STOPPED}\s+{_OBJECT_WORD}{{0,5}}?{_LIVE}\b(?![\s-]+{_SETTING}\b)",
        _Gate.PERSON,
        "person",
        with_subject=True,
        asserted=True,
        needs=(*_stems(_DESTROYED), *_stems(_STOPPED)),
    ),
    _rule(
        rf"\b(?:{_DESTROYED}|{_STOPPED}|{_HANDLED})\s+(?:[\w'’./-]+\s+){{1,8}}?instead\s+of\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        asserted=True,
        needs=("instead of",),
    ),
    _rule(
        rf"\b{_HANDLED}\s+(?:[\w'’./-]+\s+){{1,5}}?(?:that|which)\s+(?:then\s+)?(?:took|brought"
        r"|knocked)\s+(?:[\w'’-]+\s+){0,3}?down\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        asserted=True,
        needs=("down",),
    ),
    # "an employee posted the API token in a public repository"
    _rule(
        # (after "the", "leaked" describes the secret: "revoked the leaked token")
        rf"\b(?<!the\s)(?<!a\s)(?<!an\s)(?<!its\s){_LEAKED}\s+(?:[\w'’\"“”-]+\s+){{0,4}}?{_SECRET}\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        needs=_stems(_SECRET),
    ),
    # "the engineer was rushed", "our operators are complacent"
    _rule(
        r"\b(?:was|were|is|are|seemed|appeared|became|got|looked|felt|being|been)\s+(?:too\s+|very"
        r"\s+|so\s+|clearly\s+|overly\s+|a\s+bit\s+|quite\s+|extremely\s+|simply\s+|just\s+"
        r"|visibly\s+|obviously\s+|completely\s+|totally\s+)?" + _JUDGED + r"\b",
        _Gate.PERSON,
        "judgement",
        with_subject=True,
        needs=_stems(_JUDGED),
    ),
    # "a rushed engineer", "an inexperienced operator"
    _rule(
        rf"\b(?:{_JUDGED}|{_STATES})\s+(?:[\w-]+\s+)?(?:{_ROLE})\b",
        _Gate.ALWAYS,
        "judgement",
        needs=(*_stems(_JUDGED), *_stems(_STATES)),
    ),
    # "left the S3 bucket public"
    _rule(
        r"\bleft\s+(?:[\w'’-]+\s+){1,4}?(?:public|open\s+to|exposed|unlocked|unencrypted"
        r"|unattended|unpatched|world-readable|wide\s+open)\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        asserted=True,
        needs=("left",),
    ),
    # "blame lies with the engineer", "the responsibility rests on the on-call"
    _rule(
        r"\b(?:blame|fault|responsibility|culpability)\s+(?:lies|lay|rests|rested|falls|fell)\s+"
        r"(?:squarely\s+|solely\s+|entirely\s+|firmly\s+)?(?:with|on)\b",
        _Gate.ALWAYS,
        "person",
        needs=("lies", "lay", "rest", "fall", "fell"),
    ),
    # "the on-call did nothing for 45 minutes"
    _rule(
        r"\b(?:did\s+nothing|took\s+no\s+action|(?:didn['’]?t|did\s+not)\s+do\s+anything"
        r"|made\s+no\s+(?:attempt|effort))\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        asserted=True,
        needs=("nothing", "no action", "anything", "no attempt", "no effort"),
    ),
    # A slip as a gerund after a person's act: "approved his own change, bypassing the review".
    _rule(
        r",\s*(?:thereby\s+|thus\s+|effectively\s+)?(?:bypassing|ignoring|skipping|overlooking"
        r"|disregarding|circumventing|overriding|missing)\b"
        r"|\brubber-?stamping\b",
        _Gate.PERSON,
        "person",
        needs=(
            "bypassing",
            "ignoring",
            "skipping",
            "overlooking",
            "disregarding",
            "circumventing",
            "overriding",
            "missing",
            "rubber",
        ),
    ),
    # "chose to ignore the warning", "keeps ignoring the linter"
    _rule(
        r"\b(?:chose|decided|opted|elected)\s+to\s+(?:ignore|skip|bypass|override|disregard"
        r"|dismiss|silence)\b|\b(?:keeps?|kept|keeping)\s+(?:on\s+)?(?:ignoring|skipping|missing"
        r"|bypassing|forgetting|overriding|breaking)\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        asserted=True,
        needs=("chose", "decided", "opted", "elected", "keep", "kept"),
    ),
    # Any "mis-" verb of a person: "the responder misdiagnosed the problem".
    _rule(
        r"\bmis(?!sion|sile|sing|sive)[a-z]{3,}ed\b|\bmis(?:took|read|heard|led|understood|spoke"
        r"|set|put|sent|wrote|laid|dealt|keyed|typed)\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        needs=("mis",),
    ),
    _rule(
        rf"\b{_HANDLED}\s+(?:[\w'’-]+\s+){{0,4}}?(?:wrong|bad|incorrect|broken|faulty|buggy)\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        needs=("wrong", "bad", "incorrect", "broken", "faulty", "buggy"),
    ),
    _rule(
        # ("a setup where the junior can accidentally crash it" says what the system allows)
        # (and "lets anyone accidentally delete a bucket")
        rf"(?<!\bcan\s)(?<!\bcould\s)(?<!\bmay\s)(?<!\bmight\s)(?<!\banyone\s)(?<!\banybody\s)"
        rf"\b{_JUDGED_HOW}\b"
        r"|\bby\s+(?:mistake|accident)\b|\bin\s+error\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        needs=(*_stems(_JUDGED_HOW), "by mistake", "by accident", "in error"),
    ),
    # Attention judged as the cause, said of a person: "the signaller had been distracted by a
    # call", "the driver became 'distracted'"; "a phone can distract you" names no one.
    _rule(
        r"\b(?:was|were|had\s+been|has\s+been|became|become|becoming|got|getting|grew|seemed)"
        r"\s+(?:[a-z]+ly\s+)?['‘’\"“]?(?:distracted|inattentive|complacent|preoccupied"
        r"|disoriented|disorientated)\b",
        _Gate.PERSON,
        "judgement",
        with_subject=True,
        needs=("distract", "inattentive", "complacent", "preoccupied", "disorient"),
    ),
    # Skill judged, said of a person: "I was not otherwise familiar with the system", "he did
    # not know the business very well", "the crew lacked the experience".
    _rule(
        r"\b(?:was|were)(?:\s+not|n['’]t)\s+(?:otherwise\s+|very\s+|fully\s+|sufficiently\s+"
        r"|really\s+)?familiar\s+with\b"
        r"|\bdid(?:\s+not|n['’]?t)\s+(?:really\s+)?know\s+(?:[\w'’-]+\s+){1,3}?(?:very\s+|that\s+"
        r"|so\s+)?well\b"
        r"|\black(?:ed|s)\s+(?:the\s+)?(?:necessary\s+|required\s+|sufficient\s+|relevant\s+)?"
        r"(?:experience|skills?|expertise|competence|proficiency|familiarity)\b",
        _Gate.PERSON,
        "judgement",
        with_subject=True,
        needs=("familiar", "know", "lack"),
    ),
    _rule(
        # ("made a small little mistake", "had a major screw up")
        r"\b(?:made|making|had)\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+){0,2}?"
        r"(?:mistake|error|slip|blunder|screw[\s-]?up|fuck[\s-]?up|cock[\s-]?up)s?\b",
        _Gate.PERSON_OR_UNSAID,
        "person",
        with_subject=True,
        needs=("mistake", "error", "slip", "blunder"),
    ),
    # A person's pace judged: "Dana was slow to declare the incident" asks what slowed her
    # (mock 36b: the hint said only that it stopped at a person).
    _rule(
        r"\b(?:was|were)\s+(?:too\s+(?:slow|late|hasty)|slow\s+to|late\s+to)\b"
        r"|\b(?:rebooted|restarted|acted|moved|deployed|reacted|responded|escalated|rolled\s+"
        r"(?:out|back))\s+(?:[\w-]+\s+){0,3}?too\s+(?:quickly|soon|early|fast|hastily|late"
        r"|slowly)\b|\b(?:spent|took)\s+(?:way\s+|far\s+|much\s+)?too\s+(?:long|much\s+time)\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        needs=("too", "slow to", "late to"),
        hint="pace",
    ),
    _rule(
        r"\b(?:was|were)\s+too\s+(?:busy|lazy|distracted|careless|tired)\b"
        r"|\b(?:is|was|were|are)\s+(?:solely\s+|directly\s+|fully\s+)?responsible\s+for\s+"
        r"(?:the|this)\s+(?:outage|incident|failure|downtime|breakage|problem|issue)\b"
        r"|(?<!\bwhat\s)(?<!\bwhich\s)\b(?:caused|triggered|started)\s+(?:the|this|an?)\s+"
        r"(?:outage|incident|failure"
        r"|downtime|breakage|problem|issue)\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        needs=("too", "responsible", "caused", "triggered", "started"),
    ),
    _rule(
        r"\bwithout\s+(?:first\s+|even\s+|properly\s+)?(?:testing|checking|reading|verifying"
        r"|reviewing|looking|asking|telling|notifying|informing|waiting|warning|consulting"
        r"|running\s+(?:the\s+)?(?:tests?|migrations?|checks?|linter|dry[\s-]run|plan)|following"
        r"|escalating|paging|approval|announcing|coordinating|double-checking|draining"
        r"|confirming|validating|thinking|a\s+(?:backup|review|second\s+reviewer))\b",
        _Gate.PERSON,
        "person",
        with_subject=True,
        needs=("without",),
    ),
    _rule(
        r"\b(?:could|might)(?:\s+have|['’]ve)\s+(?:easily\s+|simply\s+|quickly\s+)?(?:prevented"
        rf"|avoided|known|realised|realized|detected|identified|fixed|done|{_HUMAN_PAST}"
        rf"|{_DUTY_PAST})\b",
        _Gate.PERSON,
        "counterfactual",
        not_after_if=True,
        needs=("could", "might"),
    ),
    _rule(
        # "if the pilot had been using his aids", "if we had known": any past participle,
        # but not "if we had a canary", which names a missing safeguard.
        r"\bhad\s+(?:(?:not|only|just|actually|properly|really|simply)\s+|n['’]t\s+)*"
        r"(?:been\s+[a-z]+|(?!(?:a|an|the|more|better|any|no|some|enough|our|their|its|his|her"
        r"|this|that|these|those|less|fewer|much|many|to|one|two)\b)(?:[a-z]+-)?[a-z]+(?:ed|en|wn|ne|ught"
        r"|ept|ade|ood|ung|id|ook|ew|ent|elt|ost|et|ut|ad|un|ot|aw|ld|ck))\b",
        _Gate.PERSON_AFTER_IF,
        "counterfactual",
        needs=("had",),
    ),
    _rule(
        r"\bhad\s",
        _Gate.PERSON_AFTER,
        "counterfactual",
        needs=("had",),
    ),
    # "... avoidable had the engineer followed the steps": an inverted counterfactual.
    _rule(
        r"\bhad\s+(?:(?:the|our|an?|their|that|this)\s+)?(?:[\w-]+\s+)?(?P<owner>[\w'’-]+)\s+"
        r"(?:not\s+|only\s+|just\s+)?(?:[a-z]+-)?[a-z]+(?:ed|en|wn|ne|ught)\b",
        _Gate.OWNER,
        "counterfactual",
        needs=("had",),
    ),
    # "an incorrect command entered by an S3 team member"
    _rule(
        r"\b(?:incorrect|wrong|bad|erroneous|faulty|mistyped|invalid|errant|careless|botched"
        rf"|mistaken|untested|dangerous)\s+(?:[\w-]+\s+){{0,2}}?(?:{_HANDLED}|made|written|given"
        r"|typed|issued)\s+by\s+",
        _Gate.PERSON_AGENT,
        "person",
        needs=(" by ",),
    ),
    _rule(
        r"\b(?:was|were)\s+(?:never|not)\s+(?:[a-z]+ly\s+)?tested\s+by\s+",
        _Gate.PERSON_AGENT,
        "test",
        needs=("tested",),
    ),
    _rule(
        r"\b(?:was|were|got|went|been)\s+(?:[a-z]+ly\s+)?(?:missed|ignored|overlooked|skipped"
        r"|misread|misconfigured|botched|forgotten|neglected|unnoticed|deleted|broken"
        r"|dismissed|made|caused|introduced|triggered|shut\s+down|switched\s+off|turned\s+off"
        r"|disabled|wiped|overwritten|overridden|bypassed|mistyped|entered|rebooted|removed"
        r"|killed|dropped)\s+by\s+",
        _Gate.PERSON_AGENT,
        "person",
        needs=(" by ",),
    ),
)


# The word right before a verb, when it is its subject: "a change we did not catch", "a
# contractor who inadvertently switched off the power", "a flag which should have been".
_ADJACENT = re.compile(
    r"\b(we|i|he|she|they|you|someone|somebody|who|which)\s+(?:[a-z]+ly\s+|also\s+|then\s+"
    r"|just\s+|still\s+|even\s+)*$",
    re.IGNORECASE,
)


_EXPLAINED = re.compile(
    r"[^.;!?]{0,200}?\b(?:because|since|as\s+(?:the|it|we|they|there|our)|given\s+that"
    r"|to\s+avoid|as\s+(?:planned|intended|agreed|documented|scheduled)|on\s+purpose|deliberately"
    r"|intentionally|to\s+(?:force|test|trigger|free|drain|reclaim|recover|restore|contain"
    r"|mitigate|protect|unblock|release|stop\s+the|fail\s+over))\b",
    re.IGNORECASE,
)
# A form of "to be" right before "never ...": the verb is passive ("were never tested").
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+$", re.IGNORECASE)
_CONDITIONAL = re.compile(r"\b(?:if|unless|whether|when)\s+(?:[\w'’-]+\s+){1,4}$", re.IGNORECASE)
_AFTER_IF = re.compile(r"\bif\s+(?:[\w'’()-]+\s+){1,5}$", re.IGNORECASE)
# A failure that follows from a condition just stated is that condition's consequence: "we
# have no such app in staging, so we didn't catch the issue in testing".
_CONSEQUENCE = re.compile(
    r"(?:\bso|\btherefore|\bhence|\bthus|\bwhich\s+meant|\bmeaning)\s*,?\s+(?:[\w'’-]+\s+){1,3}$",
    re.IGNORECASE,
)


# What explains an absence later in its sentence: "because", "since", "given that", "as it",
# a colon. The explanation is the system's when its subject is a thing.
_CAUSE_AFTER = re.compile(
    r"[^.;!?]{0,200}?(?:\b(?:because(?:\s+of)?|since|given\s+that)\b|\bas(?=\s+(?:the|it|its"
    r"|there|our|no)\b)|:)\s*",
    re.IGNORECASE,
)


# "..., so nobody noticed": the absence follows from the clause before.
_SO_BEFORE = re.compile(
    r"\b(?:so|therefore|hence|thus|which\s+meant|meaning)\s*,?\s+(?:that\s+)?$", re.IGNORECASE
)


# Watching verbs: nobody doing one of these over a signal says the signal had no watcher.
# "noticed" and "spotted" are left out: they say someone saw and did not take it in.
_WATCHED = re.compile(
    r"(?:watched|monitored|looked|saw|seen|checked|reviewed|read|inspected|followed)$",
    re.IGNORECASE,
)
# What a monitoring system shows: nobody watching one of these is a gap in monitoring (the
# root-cause picker's "monitoring — nothing watched it"), not a person's failure. The object
# may carry a few words first ("the BoltDB write metrics"), but not a clause ("the expiry
# date before the alert fired" is about the date).
_SIGNAL_OBJECT = re.compile(
    r"\s+(?:(?:at|on|over|to|in|into)\s+)?"
    r"(?:(?!(?:until|after|before|while|when|because|so|and|but|then|to|for|since)\b)"
    r"[\w'’/.-]+\s+){0,5}?"
    r"(?:metrics?|dashboards?|graphs?|charts?|alerts?|alarms?|alerting|logs?|lag|latency"
    r"|(?:queue|backlog)\s+(?:depth|size|length)|slos?|slis?|error[\s-]+(?:rates?|budgets?)"
    r"|telemetry|monitoring|monitors?|gauges?|traces|tracing|health[\s-]+checks?|probes?"
    r"|pages|paging|panels?|p9[59]|p99\.9|throughput|saturation|signals?|counters?)\b",
    re.IGNORECASE,
)


def _reasons(text: str, match: re.Match[str], names: frozenset[str]) -> set[SubjectKind]:
    """The kinds of what the sentence gives as the reason nobody did something: the subject
    of the condition before "so" ("no alert covered it, so nobody noticed") and of the clause
    after "because" ("... because it paged a retired rota"); empty when it gives none."""
    kinds = set()
    so = _SO_BEFORE.search(text, max(0, match.start() - 20), match.start())
    if so:
        condition_end = len(text[: so.start()].rstrip(" ,;:—–"))
        kinds.add(subject_before(text, condition_end, names).kind)
    cause = _CAUSE_AFTER.match(text, match.end())
    if cause:
        kinds.add(subject_after(text, cause.end(), names))
    return kinds - {SubjectKind.NONE}


# "a mailbox that nobody read", "a queue no one monitored": nobody watching the thing just
# named (a relative clause, with no object of its own) says the thing had no watcher, a
# condition of the system (mock meeting 26a). Only watching verbs: "a feature that nobody
# removed" and "during the incident nobody responded" still stop at people.
_ANTECEDENT = re.compile(
    r"\b(?:a|an|the|its|their|our|this|that|one|every|each)\s+(?:[\w'’/-]+\s+){0,3}?"
    r"[\w'’/-]+\s+(?:(?:that|which)\s+)?\Z",
    re.IGNORECASE,
)
_NO_OBJECT = re.compile(
    r"\s*(?:[.,;:!?)—–]|\Z|(?:for|in|during|until|after|before|since|at|on|over|anymore|again"
    r"|either|any\s+more)\b)",
    re.IGNORECASE,
)


def _watching(match: re.Match[str]) -> bool:
    """Whether the verb that ends `match` ("nobody read") is one of watching."""
    verb = re.search(r"[\w'’]+$", match.group(0))
    return bool(verb and _WATCHED.match(verb.group(0)))


def _unowned_thing(text: str, match: re.Match[str], names: frozenset[str]) -> bool:
    """Whether nobody watching (`match`) is said of a thing named just before it, in a clause
    with no object of its own: "a mailbox that nobody read"."""
    before = text[: match.start()]
    antecedent = _ANTECEDENT.search(before, max(0, len(before) - 80))
    if antecedent is None or not _NO_OBJECT.match(text, match.end()):
        return False
    return subject_after(before, antecedent.start(), names) is SubjectKind.THING


def _systemic_absence(text: str, match: re.Match[str], names: frozenset[str]) -> bool:
    """Whether nobody doing something (`match`) is said to be a gap in the system: the
    consequence of a condition just stated ("no alert covered it, so nobody noticed"),
    explained by a thing ("nobody watched the alert because it paged a retired rota"), or
    a signal with no watcher ("nobody watched the BoltDB write metrics"). An explanation
    that is a person ("because we were busy") leaves it at the person."""
    watching = _watching(match)
    if watching and _unowned_thing(text, match, names):
        return True
    reasons = _reasons(text, match, names)
    if reasons:
        return SubjectKind.THING in reasons
    return watching and bool(_SIGNAL_OBJECT.match(text, match.end()))


_CLAUSE_OPENS = re.compile(r"(?:^|[.;:!?,(\"“])\s*\Z")
_ADJACENT_AFTER = re.compile(r"\s+(?:we|i|he|she|they|you|someone)\b", re.IGNORECASE)


# A phrase inside quotes that the sentence then talks about ('"The engineer forgot" is not a
# root cause'), or one after words that introduce wording, is a mention, whatever its rule.
_QUOTES = "\"“”‘’'"
_TALKED_ABOUT = re.compile(
    r"[^.!?]{0,40}?[\"”’']\s*(?:\(|,)?\s*(?:is|are|was|isn['’]t|aren['’]t|implies|imply"
    r"|teaches|explains|says|ends|stops|blames|names|puts|sounds|becomes|means|or|and|[,;:)])",
    re.IGNORECASE,
)
_WORDING_BEFORE = re.compile(
    r"\b(?:saying|to\s+say|calling(?:\s+it)?|to\s+call"
    r"|writing|write|phrases?\s+like|words?\s+like|language\s+like|such\s+as|ban|avoid"
    r"|instead\s+of\s+(?:saying|writing|asking)|asking|ask)\W+(?:[\w'’-]+\W+){0,5}$",
    re.IGNORECASE,
)


# "the outage was blamed on an employee's error" reports blame someone else made.
_BLAMED_ON = re.compile(
    r"\b(?:was|were|is|are|been|being)\s+(?:widely\s+|publicly\s+|later\s+)?(?:blamed|pinned)"
    r"\s+on\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _is_quoted_mention(text: str, start: int, end: int) -> bool:
    clause = _sentence_before(text, start)
    opened = sum(clause.count(mark) for mark in '"“') % 2 == 1 or clause.rstrip()[-1:] in '“"‘'
    if opened and _TALKED_ABOUT.match(text, end):
        return True
    return bool(_WORDING_BEFORE.search(clause[-80:]) or _BLAMED_ON.search(clause[-60:]))


def _is_mention(text: str, match: re.Match[str]) -> bool:
    """Whether a human-error phrase is quoted, denied or argued against rather than used."""
    before, after = text[max(0, match.start() - 200) : match.start()], text[match.end() :]
    quoted = before[-1:] in "'\"‘“" and after[:1] in "'\"’”"
    return quoted or bool(_MENTION_BEFORE.search(before) or _MENTION_AFTER.search(after[:200]))


# "the software that should have done something": a relative "that" right after a noun
# takes that noun as its subject.
_RELATIVE_THAT = re.compile(r"\b([\w'’-]+)\s+that\s+(?:[a-z]+ly\s+|also\s+|then\s+)*$", re.I)
_NOT_ANTECEDENTS = words(
    "so such said says say saying knew know known think thought believe believed found noted "
    "realised realized meant mean means ensure ensured sure is was are were be been shows "
    "showed now assumed assume expected expect hoped decided agreed clear given except "
    "fact hope hoping way"
)


# The word before a gerund is its subject: "the root cause was the developer forgetting to".
_GERUND = re.compile(r"[a-z-]+ing\b", re.IGNORECASE)
_BEFORE_GERUND = re.compile(r"\b([\w'’-]+)\s+$")


def _subject(text: str, position: int, names: frozenset[str]) -> Subject:
    if _GERUND.match(text, position):
        owner = _BEFORE_GERUND.search(text, max(0, position - 40), position)
        if owner and person_word(owner.group(1), names) and owner.group(1).islower():
            return Subject(SubjectKind.PERSON, owner.start(1), owner.group(1))
    adjacent = _ADJACENT.search(text, max(0, position - 40), position)
    if adjacent:
        word = adjacent.group(1).lower()
        kind = SubjectKind.THING if word == "which" else SubjectKind.PERSON
        return Subject(kind, adjacent.start(1), word)
    relative = _RELATIVE_THAT.search(text, max(0, position - 60), position)
    if relative:
        antecedent = relative.group(1)
        # Only a role, a pronoun or a known name: "AWS Transit Gateways that did not scale".
        if antecedent in names or (antecedent.islower() and person_word(antecedent, names)):
            return Subject(SubjectKind.PERSON, relative.start(1), "that")
        if antecedent.lower() not in _NOT_ANTECEDENTS and not antecedent.lower().endswith("ed"):
            return Subject(SubjectKind.THING, relative.start(1), "that")
    return subject_before(text, position, names)


def _passes(rule: _Rule, text: str, match: re.Match[str], names: frozenset[str]) -> int | None:
    """Where the phrase starts if `match` is blame under its rule's gate, else None."""
    if rule.advice == "human-error" and _is_mention(text, match):
        return None
    if _is_quoted_mention(text, match.start(), match.end()):
        return None
    if rule.not_after_if and re.search(r"\bif\b", _sentence_before(text, match.start()), re.I):
        return None  # "if Dana had checked, we could have caught it": one counterfactual
    if rule.asserted and (
        _CONDITIONAL.search(text, max(0, match.start() - 60), match.start())
        or _EXPLAINED.match(text, match.end())
        or _CONSEQUENCE.search(text, max(0, match.start() - 60), match.start())
    ):
        return None
    if rule.absence and _systemic_absence(text, match, names):
        return None
    if rule.gate is _Gate.ALWAYS:
        return match.start()
    if rule.with_subject and _PASSIVE_BEFORE.search(
        text, max(0, match.start() - 20), match.start()
    ):
        # "Services were never tested": the subject is what was (not) tested, not who failed
        # to; a person as the agent ("... never tested by Bob") is a PERSON_AGENT rule's.
        return None
    if rule.gate is _Gate.OWNER:
        group = "owner" if match.start("owner") >= 0 else "owner2"
        owner = text[match.start(group) : match.end(group)]  # as written, capitals kept
        return match.start() if person_word(owner, names) else None
    if rule.gate is _Gate.PERSON_AFTER:
        if not _CLAUSE_OPENS.search(text, max(0, match.start() - 20), match.start()):
            return None  # "Had" opens a clause only at the start or after punctuation
        if _ADJACENT_AFTER.match(text, match.end() - 1):
            return match.start()  # "Had we known ..."
    if rule.gate in (_Gate.PERSON_AGENT, _Gate.PERSON_AFTER):
        person = subject_after(text, match.end(), names) is SubjectKind.PERSON
        return match.start() if person else None
    subject = _subject(text, match.start(), names)
    allowed = {SubjectKind.PERSON}
    if rule.gate is _Gate.PERSON_OR_UNSAID:
        allowed.add(SubjectKind.NONE)
    if subject.kind not in allowed:
        return None
    if rule.gate is _Gate.PERSON_AFTER_IF and not _AFTER_IF.search(
        text, max(0, match.start() - 60), match.start()
    ):
        return None  # "Dana had checked the dashboard at 09:00" is plain narrative
    return subject.start if rule.with_subject else match.start()


def _sentence_before(text: str, position: int) -> str:
    reach = max(0, position - CLAUSE_REACH)
    start = max(reach - 1, *(text.rfind(mark, reach, position) for mark in ".!?\n"))
    return text[start + 1 : position]


def _ranked(text: str, people: Iterable[str]) -> tuple[tuple[int, PersonBlame], ...]:
    if not text or not text.strip():
        return ()
    return _decided(text, _names(tuple(people)))


@lru_cache(maxsize=64)
def _names(people: tuple[str, ...]) -> frozenset[str]:
    # A review asks with the same people for every text of a post-mortem.
    return name_tokens(people)


# Texts are immutable and a review re-reads all of them after every save (10,000 timeline
# events are about half a second of regex work), so only an edited text costs anything.
@lru_cache(maxsize=4096)
def _ranked_cached(
    text: str, names: frozenset[str]
) -> tuple[tuple[tuple[int, PersonBlame], ...], frozenset[str]]:
    """Every match with its rule's priority, in text order, overlaps resolved by priority; and
    the kinds of the rules whose words matched but whose gate turned them down (a thing as the
    subject, a quoted mention), which the model reads as evidence against blame."""
    lowered = text.lower()
    # A few characters change length when lower-cased ("İ"); offsets must match the text.
    usable = len(lowered) == len(text)
    found: list[tuple[int, PersonBlame]] = []
    rejected: set[str] = set()
    for priority, rule in enumerate(_RULES):
        # map() over the bound method keeps the loop in C: lists of sixty words cost little.
        if rule.needs and not any(map(lowered.__contains__, rule.needs)):
            continue
        if rule.lowered is not None and usable:
            matches = rule.lowered.finditer(lowered)
        else:
            matches = rule.pattern.finditer(text)
        for match in matches:
            start = _passes(rule, text, match, names)
            if start is None:
                rejected.add(rule.advice)
                continue
            hint, rewrite = _ADVICE[rule.hint or rule.advice]
            phrase = text[start : match.end()].rstrip()
            found.append(
                (
                    priority,
                    PersonBlame(phrase, hint, start, start + len(phrase), rewrite, rule.advice),
                )
            )
    # Kept phrases never overlap, so sorted by start their ends are sorted too: a new phrase
    # need only be compared with its two neighbours (thousands of matches in a long text).
    starts: list[int] = []
    kept: list[tuple[int, PersonBlame]] = []
    for priority, blame in sorted(found, key=lambda item: (item[0], item[1].start)):
        index = bisect.bisect_right(starts, blame.start)
        if index and kept[index - 1][1].end > blame.start:
            continue
        if index < len(kept) and kept[index][1].start < blame.end:
            continue
        starts.insert(index, blame.start)
        kept.insert(index, (priority, blame))
    return tuple(kept), frozenset(rejected)


# A sentence ends at . ! or ? followed by a space, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_NAME_WORD = re.compile(r"[A-Z][\w'’-]*")
# Model-only flags rank after every rule, so person_blame prefers a rule's sharper hint.
_MODEL_PRIORITY = 1_000


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        spans.append((start, end.start()))
        start = end.end()
    spans.append((start, len(text)))
    return [(begin, end) for begin, end in spans if text[begin:end].strip()]


def _named(text: str, blame: PersonBlame, names: frozenset[str]) -> PersonBlame:
    """A slip whose phrase leaves out its subject ("forgot" in "Bob forgot to renew"), widened
    to start at the subject when that is one of the post-mortem's people, and its hint naming
    them: the finding then says who the sentence is about."""
    if not names or blame.kind not in _SUBJECT_NAMED:
        return blame
    subject = subject_before(text, blame.start, names)
    if subject.kind is not SubjectKind.PERSON or subject.start >= blame.start:
        return blame
    word = next(
        (
            found
            for found in _NAME_WORD.finditer(text, subject.start, blame.start)
            if re.sub(r"['’]s?$", "", found.group(0)) in names
        ),
        None,
    )
    if word is None:
        return blame
    name = re.sub(r"['’]s?$", "", word.group(0))
    return PersonBlame(
        text[word.start() : blame.end],
        f"This makes {name} the subject of the failure; say what the step or system did. "
        f"{blame.hint}",
        word.start(),
        blame.end,
        blame.rewrite,
        blame.kind,
    )


_SUBJECT_NAMED = frozenset({"forgot", "person", "procedure", "test", "judgement"})


def _model_blame(
    text: str, start: int, end: int, names: frozenset[str], contributions: dict[str, float]
) -> PersonBlame:
    begin, finish, kind = guide_model.blame_flag_place(text[start:end], names, contributions)
    hint, rewrite = _ADVICE[kind]
    return PersonBlame(
        text[start + begin : start + finish], hint, start + begin, start + finish, rewrite, kind
    )


@lru_cache(maxsize=65536)
def _decided(text: str, names: frozenset[str]) -> tuple[tuple[int, PersonBlame], ...]:
    """The rules' matches and the model's verdict per sentence: a sentence is flagged when a
    high-precision rule fires in it or the model's score passes its threshold; a weaker
    rule's match ("a person did not …") stands only with the model's agreement."""
    ranked, rejected = _ranked_cached(text, names)
    if not guide_model.available():
        return tuple((priority, _named(text, blame, names)) for priority, blame in ranked)
    decided: list[tuple[int, PersonBlame]] = []
    at = 0  # ranked is in text order and sentences too: one pass over both
    for start, end in _sentences(text):
        while at < len(ranked) and ranked[at][1].start < start:
            at += 1
        inside = []
        while at < len(ranked) and ranked[at][1].start < end:
            inside.append(ranked[at])
            at += 1
        kinds = tuple(dict.fromkeys(blame.kind for _, blame in inside))
        if inside and guide_model.strong_blame_rule(kinds):
            flagged, contributions = True, dict[str, float]()
        else:
            flagged, contributions = guide_model.blame_contributions(
                text[start:end], names, kinds, tuple(sorted(rejected))
            )
        if not flagged:
            continue
        if inside:
            decided.extend((priority, _named(text, blame, names)) for priority, blame in inside)
        else:
            decided.append((_MODEL_PRIORITY, _model_blame(text, start, end, names, contributions)))
    return tuple(decided)


def blame_matches(text: str, people: Iterable[str] = ()) -> list[PersonBlame]:
    """Every place `text` blames a person, in text order, without overlaps.

    `people` are the names known to the post-mortem (attendees, owners); any capitalised
    first name is also taken for a person when it is the subject of a failure.
    """
    return [blame for _, blame in _ranked(text, people)]


def rule_kinds(text: str, people: Iterable[str] = ()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The kinds of blame the hand rules alone find in `text` and the kinds they turned down,
    before the model's verdict (what bench/train_guides.py gives the model as features)."""
    if not text.strip():
        return (), ()
    found, rejected = _ranked_cached(text, _names(tuple(people)))
    return tuple(dict.fromkeys(blame.kind for _, blame in found)), tuple(sorted(rejected))


def person_blame(text: str, people: Iterable[str] = ()) -> PersonBlame | None:
    """The most telling place `text` stops at a person, with a hint towards the system.

    A stronger kind of blame (a judgement) wins over a weaker one (a slip), then the earlier.
    """
    ranked = _ranked(text, people)
    if not ranked:
        return None
    return min(ranked, key=lambda item: (item[0], item[1].start))[1]
