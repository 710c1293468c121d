"""Provides the terms "Seen before?" compares post-mortems by: words folded to a light stem,
with English stop words and the words every incident uses left out."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

# Words of two letters and more; digits only inside a word ("http2", "s3", "ipv6"): a bare
# number is a time, a count or a year, and two incidents sharing "2021" are not alike.
_WORD = re.compile(r"\w+(?:['’]\w+)?")
_DIGITS = re.compile(r"\d+")


def _listed(text: str) -> frozenset[str]:
    """The words of a list kept readable as a paragraph."""
    return frozenset(text.split())


#: English function words: they say nothing about what failed.
STOP_WORDS = _listed(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either else
    ever every few for from further had has have having he her here hers him his how however
    i if in into is it its itself just least less like made make many may me might more most
    much must my near neither no nor not now of off on once one only onto or other our ours
    out over own per quite rather same several she should since so some such than that the
    their theirs them then there these they this those though through thus to too two under
    until up upon us very via was we were what when where whether which while who whom whose
    why will with within without would yet you your yours first second third new next last
    still even way get got put set let use used using non re pre multi co meant looked back
    include includes included step steps running run ran went go going keep kept never always
    utc gmt instead nobody anybody anyone everyone everybody someone somebody something
    nothing anything everything already
    """
)

#: Words nearly every post-mortem uses: a match on them is a match on the genre, not on the
#: failure. (A term's rarity across the team's post-mortems lowers the rest; these are left
#: out even when a team has only a handful.)
INCIDENT_WORDS = _listed(
    """
    incident incidents outage outages issue issues problem problems error errors failure
    failures fail failed failing service services system systems customer customers user users
    team teams engineer engineers impact impacted affected affect time minutes minute hours hour
    seconds day days production prod cause caused causes causing root result resulted
    resulting led lead began started start stopped happened occurred took take during around
    approximately later earlier due number investigation investigated identified resolved
    resolve resolution mitigated mitigate mitigation restored restore recovery recovered
    declared detected alert alerts alerted page paged request requests response responded
    working work works worked able unable help people company
    """
)

_IGNORED = STOP_WORDS | INCIDENT_WORDS

# Longest first: each word loses at most one ending, and only when a stem of three letters
# or more is left ("expiry", "expired" and "expires" meet at "expir"). No "-ly": it is as
# often a name ("Fastly") as an adverb, and adverbs rarely name a failure.
_ENDINGS = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "y",
    "e",
    "s",
)


def stem(word: str) -> str:
    """A light stem of a lower-case word: plural, tense and -ation endings folded away."""
    if word.endswith("ss") or len(word) <= 3:
        return word
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


#: term_of's answers: a team's vocabulary is some thousands of words, each stemmed once.
_TERM_OF: dict[str, str] = {}
_REMEMBERED = 200_000  # words; past that (ids, hashes) the cache starts over


def term_of(word: str) -> str:
    """The term a lower-cased word counts as, or "" for a word that must not make two
    incidents alike: a stop word, a common incident word, a bare number."""
    known = _TERM_OF.get(word)
    if known is not None:
        return known
    term = _term(word)
    if len(_TERM_OF) >= _REMEMBERED:
        _TERM_OF.clear()
    _TERM_OF[word] = term
    return term


def _term(word: str) -> str:
    word = shown_word(word)
    if len(word) < 2 or word in _IGNORED or _DIGITS.fullmatch(word):
        return ""
    term = stem(word)
    return "" if term in _IGNORED else term


def shown_word(word: str) -> str:
    """`word` as a shared term shows it: one apostrophe, no possessive "'s"."""
    word = word.replace("’", "'")
    return word[:-2] if word.endswith("'s") else word


def word_counts(text: str) -> Counter[str]:
    """How often each lower-cased word occurs in `text`, counted in one pass: a timeline's
    thousands of events are joined and counted at once."""
    return Counter(_WORD.findall(text.casefold()))


def words(text: str) -> Iterator[str]:
    """Each word of `text` that may make two incidents alike, lower-cased, in order."""
    for word in _WORD.findall(text.casefold()):
        if term_of(word):
            yield shown_word(word)
