"""Provides the blameless-wording guides: `blame-language` in any text of a post-mortem and
`person-root-cause` for a Five Whys chain whose root cause is a person.

Both read text through person_blame, the one blame detector (the Five Whys pane uses it too).
Evidence copied verbatim into an event's `original` is not read: it is a quote, and changing
it would falsify the record; the event's own text is what the document says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pmtui.analysis.findings import Finding, FindingSeverity
from pmtui.analysis.person_blame import PersonBlame, blame_matches, person_blame
from pmtui.analysis.places import at_item
from pmtui.analysis.subjects import SubjectKind, name_tokens, opening_subject
from pmtui.model.postmortem import SECTION_KEYS, PostMortem

BLAME_LANGUAGE = "blame-language"
PERSON_ROOT_CAUSE = "person-root-cause"

# Links are URLs and titles of other documents, not the team's own words.
_PROSE_SECTIONS = tuple(key for key in SECTION_KEYS if key != "links")
# A root cause about a person that names a one-off act or state ("Dana was new to the
# rotation", "the engineer had no access"); "engineers can deploy without review" describes
# the system and is left alone.
_ONE_OFF_VERBS = frozenset(
    {"was", "were", "wasn't", "weren't", "did", "didn't", "had", "hadn't", "is", "isn't"}
)


def people(pm: PostMortem) -> tuple[str, ...]:
    """The names a post-mortem knows: its owner, attendees and action owners."""
    names = [pm.owner, *pm.attendees, *(action.owner for action in pm.actions)]
    return tuple(dict.fromkeys(name for name in names if name.strip()))


def texts(pm: PostMortem) -> Iterator[tuple[str, str]]:
    """Every text the team wrote, with its `where`, in document order."""
    yield "title", pm.title
    for key in _PROSE_SECTIONS:
        yield key, pm.section(key)
    for event in pm.events:
        yield at_item("timeline", event.id, "text"), event.text
    for factor in pm.factors:
        yield at_item("factors", factor.id, "title"), factor.title
        if factor.made_sense:
            yield at_item("factors", factor.id, "made_sense"), factor.made_sense
    # A chain drilling into a factor starts from the factor's words: one blaming sentence
    # was two blocking findings, in wrap-up, Checks and the CLI (mock review 28a).
    titles = {factor.chain_id: factor.title.strip() for factor in pm.factors if factor.chain_id}
    for chain in pm.whys:
        if chain.problem.strip() != titles.get(chain.id):
            yield at_item("whys", chain.id, "problem"), chain.problem
        for index, answer in enumerate(chain.answers):
            yield at_item("whys", chain.id, f"answers[{index}]"), answer
    for action in pm.actions:
        yield at_item("action_items", action.id, "text"), action.text
        if action.customer_text:
            yield at_item("action_items", action.id, "customer_text"), action.customer_text
        if action.verified_how:
            yield at_item("action_items", action.id, "verified_how"), action.verified_how


def waived_blame(pm: PostMortem) -> dict[str, str]:
    """Where the team waived blame wording in Checks (w), with its reason: the meeting and the
    Five Whys ladder show no warning there, as the Overview's blame hints do not."""
    return {w.where: w.reason for w in pm.waivers if w.rule == BLAME_LANGUAGE}


def _quoted(matches: list[PersonBlame]) -> str:
    phrases = list(dict.fromkeys(f"'{match.phrase}'" for match in matches))
    return ", ".join(phrases[:3]) + (f" and {len(phrases) - 3} more" if len(phrases) > 3 else "")


def _hints(matches: list[PersonBlame]) -> str:
    """Each kind of blame's question once: a section with a counterfactual and a judgement in
    it showed only the counterfactual's (mock 37b), so each is named by its first phrase."""
    by_hint = dict.fromkeys(match.hint for match in matches)
    if len(by_hint) == 1:
        return matches[0].hint
    first_phrase = {match.hint: match.phrase for match in reversed(matches)}
    return " ".join(f"'{first_phrase[hint]}': {hint}" for hint in by_hint)


def blame_finding(where: str, matches: list[PersonBlame]) -> Finding:
    first = matches[0]
    verb = "puts" if len(matches) == 1 else "put"
    return Finding(
        rule=BLAME_LANGUAGE,
        severity=FindingSeverity.BLOCKING,
        where=where,
        message=f"{_quoted(matches)} {verb} a person at the centre of the failure",
        hint=f'{_hints(matches)} Say it about the system, e.g. "{first.rewrite} ..."',
    )


def blame_findings(pm: PostMortem) -> list[Finding]:
    """One finding per text that blames, naming every phrase in it."""
    names = people(pm)
    findings = []
    for where, text in texts(pm):
        matches = blame_matches(text, names)
        if matches:
            findings.append(blame_finding(where, matches))
    return findings


#: A root cause whose subject is nobody at all ("No team owned …", "Nobody owned …") names a
#: gap in the organisation, not a person; blame said of nobody ("Nobody noticed …") is still
#: caught by the blame guide first.
_NOBODY_OPENING = re.compile(r"^\s*(?:nobody|no[\s-]one|none|no\s+[a-z]+)\b", re.IGNORECASE)


def stops_at_person(cause: str, names: tuple[str, ...] = ()) -> bool:
    """Whether a root cause names a person rather than a condition of the system."""
    if person_blame(cause, names) is not None:
        return True
    if _NOBODY_OPENING.match(cause):
        return False  # mock review 30b: "No team owned end-to-end congestion testing"
    kind, verb = opening_subject(cause, name_tokens(names))
    return kind is SubjectKind.PERSON and (verb in _ONE_OFF_VERBS or verb.endswith("ed"))


def person_root_cause_findings(pm: PostMortem) -> list[Finding]:
    names = people(pm)
    findings = []
    for chain in pm.whys:
        if not chain.cause or not stops_at_person(chain.cause, names):
            continue
        findings.append(
            Finding(
                rule=PERSON_ROOT_CAUSE,
                severity=FindingSeverity.BLOCKING,
                where=at_item("whys", chain.id, f"answers[{len(chain.answers) - 1}]"),
                message="the root cause is a person, not a condition of the system",
                hint="Reopen the chain and ask one more why: what made that action possible, "
                "likely and unnoticed (a missing check, alert, limit or step)?",
            )
        )
    return findings
