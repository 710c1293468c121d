"""Provides person_blame(): spots a "why?" answer that stops at a person instead of a system.

A Five Whys chain that ends at "the engineer forgot" or "human error" stops asking just
before the useful part: what made the slip easy and its effect large. The rule only points
(the caller shows its hint under the answer); it never refuses text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Asked whenever an answer names a person (or "someone") as the one who failed.
PERSON_HINT = (
    "This stops at a person. Ask what in the system let it happen: which check, alert, "
    "tool or step was missing?"
)


@dataclass(frozen=True, slots=True)
class PersonBlame:
    phrase: str  # the words, as written, that stop at a person
    hint: str  # a question that moves the answer on to the system


_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\b(?:human|user|operator|pilot)[\s-]+error\b", re.IGNORECASE),
        "'Human error' ends the inquiry. Ask what made the error easy to make and hard to catch.",
    ),
    (
        re.compile(r"\b(?:should(?:n't|\s+not)?\s+have|should've|ought\s+to\s+have)\b", re.I),
        "'Should have' judges with hindsight. Ask why the action made sense at the time, "
        "with what people knew then.",
    ),
    (
        re.compile(
            r"\b(?:careless(?:ness|ly)?|negligen(?:t|ce)|sloppy|lazy|incompeten(?:t|ce)"
            r"|inattentive|(?:not|wasn't|weren't)\s+(?:being\s+)?careful"
            r"|(?:not|wasn't|weren't)\s+paying\s+attention)\b",
            re.IGNORECASE,
        ),
        "This judges a person. Describe the conditions instead: what made care hard "
        "(time pressure, noise, a missing check)?",
    ),
    (
        re.compile(r"\b(?:forgot|forgotten|forgets|forgetting)\b", re.IGNORECASE),
        "Forgetting is normal. Ask what should have reminded them: a checklist, "
        "automation, an alert?",
    ),
    (
        re.compile(
            r"\b(?:made\s+an?\s+(?:mistake|error)|mistake\s+by|(?:his|her|their)\s+fault"
            r"|\w+'s\s+fault|fault\s+of|to\s+blame)\b",
            re.IGNORECASE,
        ),
        PERSON_HINT,
    ),
)

_PEOPLE = (
    r"(?:(?:the|an?|our|one|their)\s+)?"
    r"(?:engineers?|developers?|devs?|operators?|on-?call(?:ers?)?|on-?call\s+engineers?"
    r"|sres?|admins?|administrators?|interns?|reviewers?|authors?|team\s+members?"
    r"|someone|somebody|nobody|no\s+one|no-one|people|staff|he|she|we|they|I)"
)
_COGNITIVE = (
    r"(?:check|notice|test|verify|read|review|follow|see|look|realise|realize|remember"
    r"|catch|spot|validate|confirm|double-check|pay\s+attention|think|consider)"
)
_FAILED = rf"(?:didn't|did\s+not|failed\s+to|neglected\s+to|never|omitted\s+to)\s+{_COGNITIVE}"
_SLIPPED = r"(?:missed|overlooked|ignored|skipped|misread|misconfigured|botched)"
_NOTICED = (
    r"(?:(?:nobody|no\s+one|no-one)\s+"
    r"(?:noticed|checked|looked|saw|caught|spotted|reviewed|read|verified|tested))"
)
_SUBJECT_FAILS = re.compile(
    rf"\b(?:{_NOTICED}|{_PEOPLE}\s+(?:(?:just|simply|also)\s+)?(?:{_FAILED}|{_SLIPPED}))\b",
    re.IGNORECASE,
)
# A first name as the one who failed ("Bob didn't check"): one capitalised word, so product
# names written in CamelCase or CAPS ("PagerDuty", "DNS") are not taken for people; words
# that start a sentence about a thing are skipped below.
_NAME_FAILS = re.compile(
    rf"(?<![\w-])[A-Z][a-z]{{1,14}}\s+(?:(?:just|simply|also)\s+)?"
    rf"(?:(?i:{_FAILED})|(?i:{_SLIPPED}))\b"
)


_NOT_NAMES = frozenset(
    {
        "it", "this", "that", "these", "those", "there", "which", "what", "nothing",
        "monitoring", "alerting", "automation", "renewal", "validation", "testing",
        "deployment", "rollout", "tooling", "ci", "cd", "the", "a", "an",
    }
)  # fmt: skip


def person_blame(text: str) -> PersonBlame | None:
    """The first place `text` stops at a person, with a hint towards the system; else None."""
    if not text or not text.strip():
        return None
    for pattern, hint in _RULES:
        match = pattern.search(text)
        if match:
            return PersonBlame(match.group(0), hint)
    match = _SUBJECT_FAILS.search(text)
    if match:
        return PersonBlame(match.group(0), PERSON_HINT)
    for match in _NAME_FAILS.finditer(text):
        if match.group(0).split()[0].lower() not in _NOT_NAMES:
            return PersonBlame(match.group(0), PERSON_HINT)
    return None
