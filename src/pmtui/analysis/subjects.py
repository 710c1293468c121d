"""Provides subject_before(): who or what a phrase in a sentence is about, a person or a thing.

Blame language is mostly a matter of subject: "Mateo didn't check the lag" blames a person,
"the canary didn't check the lag" describes a system. A full parser is not needed (and is a
heavy dependency); post-mortem prose is plain enough that the words between the last clause
boundary and the phrase name its subject. This is a heuristic: the blame tests measure it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum


def words(text: str) -> frozenset[str]:
    """A word list written as one string, so long vocabularies stay readable."""
    return frozenset(text.split())


class SubjectKind(StrEnum):
    PERSON = "person"
    THING = "thing"
    NONE = "none"  # no subject written: "Forgot to renew the domain."


@dataclass(frozen=True, slots=True)
class Subject:
    kind: SubjectKind
    start: int  # where the subject's words begin (the phrase start when there are none)
    boundary: str  # the word or mark that opened the clause, lower-cased ("" at the start)


# A clause starts after punctuation or a conjunction; "who" is left out on purpose, so "the
# engineer who deployed it did not verify" keeps "the engineer" as the subject.
_BOUNDARY_WORDS = words(
    "because since so and but or when whenever while after before as which that then until "
    "although though if where whereas once unless why "
    # Reported speech: in "experts said extra equipment might have prevented it" the
    # subject of "might have prevented" is the equipment.
    "said says thought believed found noted concluded determined reported claimed argued "
    "stated suggested showed shows felt"
)
# Words and marks; a word is a boundary when it is in _BOUNDARY_WORDS. (One alternation of
# every boundary word is several times slower: the regex engine tries each at each position.)
_TOKEN = re.compile(r"\w+|[.;:!?()\[\]\n—–,]|\s-\s")


def _boundaries(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    for token in _TOKEN.finditer(text, start, end):
        word = token.group(0)
        if token.start() == start and start and (text[start - 1].isalnum()):
            continue  # the tail of a word cut by the window
        if (not word[0].isalnum() and word[0] != "_") or word.lower() in _BOUNDARY_WORDS:
            yield token


# Boundaries after which an empty clause borrows the previous clause's subject ("... and
# forgot to drain it").
_ELIDING = frozenset({"and", "but", "or", "then", ","})
_WORD = re.compile(r"[A-Za-z0-9][\w'’./-]*")

_DETERMINERS = words(
    "the a an our their his her its my your this these those one all both every each another "
    "some any two three several"
)
_FOCUS = words("only just even also")
_QUANTIFIERS = words("none neither either most many few some several each one two three all")
# Words that end a noun phrase: prepositions, relative pronouns, adverbs and auxiliaries.
_STOPS = words(
    "of on in at for with from by to into during after before over under about against "
    "who whom whose that which just simply also then never still again really clearly "
    "apparently probably likely obviously even only already completely entirely actually "
    "initially later eventually unfortunately accidentally mistakenly inadvertently however "
    "allegedly reportedly subsequently instead meanwhile ultimately "
    "carelessly wrongly repeatedly had has have was were is are be been did does do should "
    "could would must might may can will shall not didn't don't doesn't wasn't weren't isn't "
    "ran took made put set got went sent left kept brought broke wrote chose saw read says "
    "shows uses runs takes makes gets misread overrode "
    # irregular past tenses, which end the noun phrase as "-ed" does
    "told gave sent knew began forgot lost held hit cut came became shut spoke threw fell "
    "meant sold spent stood understood paid led mistook"
)

PERSON_PRONOUNS = words(
    "i we he she they you someone somebody nobody no-one whoever everyone everybody anyone "
    "anybody us"
)
THING_PRONOUNS = words("it this that there which what nothing something everything")
# Roles that are people, by field (software teams, operations, aviation and industry, the
# organisation, plain words for people). Left out on purpose: "user", "client", "customer",
# "consumer", "service", "agent", "worker", "controller", "driver", "guard", "peer",
# "conductor", "builder", "writer", "reader", "editor", "assistant", "principal" and
# "management", which in post-mortems are nearly always software ("memory management").
PERSON_NOUNS = words(
    # software and operations
    "engineer developer dev devs operator on-call oncall on-caller oncaller sre admin "
    "administrator sysadmin netadmin dba devops secops intern reviewer author committer "
    "maintainer requester approver assignee owner tester qa architect programmer coder "
    "pentester designer researcher analyst scientist data-scientist "
    "responder commander ic scribe facilitator shepherd liaison spokesperson coordinator "
    "dispatcher firefighter triager "
    # aviation, transport and industry
    "pilot copilot co-pilot aviator airman navigator crew crewmember crewman crewmembers "
    "captain officer attendant mechanic technician electrician inspector foreman fitter "
    "welder installer watchman janitor nurse doctor surgeon clerk "
    "operative lineman linemen signaller signallers signalman signalmen signaler helmsman "
    "skipper deckhand watchkeeper trucker chauffeur motorman engineman paramedic pharmacist "
    "midwife anaesthetist anesthetist policeman policewoman lifeguard surveyor "
    # the organisation
    "team teammate teammates member staff staffer personnel workforce employee employees "
    "colleague coworker co-worker hire newcomer new-hire junior senior trainee "
    "apprentice novice rookie newbie veteran contractor subcontractor consultant freelancer "
    "lead manager supervisor director boss executive ceo cto cio ciso "
    "vp head chief founder cofounder co-founder leadership official officials "
    "superintendent secretary auditor examiner investigator specialist expert support "
    "individual shift rep reps representative salesperson "
    # plain words for people
    "person people human humans man men woman women guy guys folk folks someone somebody"
)
# Roles that name software as often as people; a technical modifier makes them software:
# "the cert-manager operator", "the Kubernetes operator", "a cluster member".
AMBIGUOUS_ROLES = words(
    "operator admin administrator owner member lead manager support dispatcher coordinator "
    "responder reviewer approver author maintainer committer requester tester triager head "
    "chief"
)
# A word before an ambiguous role that makes it a person: "a team member", "the staff lead".
_HUMAN_MODIFIERS = words(
    "team staff crew human shift duty on-call oncall night day senior junior morning evening "
    "late early weekend overnight"
)
# Roles that are people only after such a word: "the night shift" but "the traffic shift".
_WITH_HUMAN_MODIFIER_ONLY = words("shift")
# Roles left out of PERSON_NOUNS because they name software as often ("the driver", "the
# controller", "a worker"), that a word of a trade makes people: "the train driver", "a
# rookie air traffic controller", "an IT worker", "the track worker", "the train guard".
_TRADE_ROLES = words("driver controller worker guard conductor")
_TRADE_MODIFIERS = words(
    "train tram bus coach truck lorry taxi cab van delivery locomotive loco freight rail "
    "railway track air air-traffic traffic tower approach flight site field farm factory "
    "construction maintenance it office crossing crane forklift ambulance security shift duty "
    "night human rookie novice trainee junior senior experienced veteran"
)
# Words after a role that still leave it the subject: "the engineers responsible".
_POST_MODIFIERS = words(
    "responsible involved concerned assigned present themselves himself herself"
)
# Modifiers that still leave a person: "the on-call engineer", "the QA engineer".
_PERSON_MODIFIERS = frozenset({"on-call", "follow-the-sun", "co-author", "co-owner"})

#: Capitalised words that are software, not people, in the prose this tool sees.
TECH_NAMES = words(
    "kubernetes terraform jenkins kafka redis postgres postgresql mysql mariadb mongodb nginx "
    "envoy istio linkerd prometheus grafana alertmanager vault consul nomad ansible puppet "
    "chef helm argo argocd flux sentry datadog splunk elasticsearch opensearch kibana docker "
    "linux windows chrome safari firefox python java node ruby rails django celery sidekiq "
    "rabbitmq zookeeper etcd cassandra memcached varnish haproxy traefik cloudflare akamai "
    "fastly aws gcp azure lambda cloudwatch pagerduty opsgenie slack jira github gitlab "
    "bitbucket circleci buildkite spinnaker karpenter keda velero loki tempo jaeger "
    "thanos cortex mimir vector fluentd fluentbit logstash snowflake airflow spark hadoop "
    "cron systemd certbot staging production prod canary ci cd dns tls ssl api cdn "
    "kube k8s coredns calico cilium openssl bash git npm pip maven gradle bazel"
)
# Sentence-initial words that are common nouns, not first names.
_COMMON_STARTS = words(
    "monitoring alerting automation renewal validation testing deployment deploy rollout "
    "tooling nobody someone everyone it this that these those there which what nothing "
    "rollback failover backup backups replication traffic latency storage network search "
    "auth login billing checkout payments support review config configuration logging logs "
    "metrics tracing capacity autoscaling scheduling ingestion migration migrations retries "
    "health security compliance documentation process policy nothing each every no "
    "customers users clients visitors consumers subscribers callers "
    # the common nouns of software prose, which open sentences and are not first names
    "product feature service system app application change release job task script cluster "
    "node server host database table query request cache queue disk file config code build "
    "pipeline branch commit patch fix update upgrade version image container pod deploy "
    "alert alerts page pager dashboard runbook ticket incident outage error errors bug issue "
    "customer user account key token certificate cert domain record route load memory cpu "
    "traffic region zone network link endpoint proxy gateway firewall rule policy flag "
    "setting settings schema index data payload message event events worker workers "
    "process thread timer timeout limit quota budget cost team teams management leadership "
    "communication documentation knowledge ownership visibility problem problems cause "
    "causes impact symptoms root packet packets "
    # imperatives and other verbs that open action items and timeline lines
    "return add remove use run start stop set enable disable move create delete update "
    "restart roll revert retry scale drain fail failover migrate rotate renew raise lower "
    "page notify open close merge ship deploy review check verify test write document "
    "investigate monitor ensure make keep track replace rebuild restore recover resume"
)
_NOUN_SUFFIXES = ("tion", "sion", "ment", "ing", "ance", "ence", "ity", "ness", "ure", "ics")
# Agent nouns of software, which first names do not end in: "Orchestrator failed to tell a
# short partition from a data center loss" named a tool, not a person (mock meeting 27b).
_TOOL_SUFFIXES = ("ator", "izer", "iser", "uler", "oller", "ancer", "ware")
_NAME_SHAPE = re.compile(r"^(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?|O['’][A-Z][a-z]+)$")


def _singular(word: str) -> str:
    if word.endswith("people"):
        return word
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _is_past_verb(word: str) -> bool:
    # A lower-case word ending in "ed" ends the noun phrase ("whoever merged the change").
    return word.islower() and len(word) > 4 and word.endswith("ed")


def name_tokens(people: Iterable[str]) -> frozenset[str]:
    """The words of the given names ("Dana Kim" gives "Dana" and "Kim"), as written."""
    tokens = set()
    for name in people:
        for token in re.split(r"[\s,]+", name):
            if len(token) > 1 and token[:1].isupper():
                tokens.add(token)
    return frozenset(tokens)


def looks_like_name(word: str, names: frozenset[str], *, sentence_start: bool) -> bool:
    if word in names:
        return True
    if not _NAME_SHAPE.match(word):
        return False  # "PagerDuty", "DNS", "k8s" are products, not people
    lower = word.lower()
    if lower in TECH_NAMES or lower in _COMMON_STARTS or lower in THING_PRONOUNS:
        return False
    if lower.endswith(_TOOL_SUFFIXES):
        return False
    # In the middle of a sentence a capitalised word is a proper noun; at its start it may be
    # any noun, so the obvious common-noun endings and the plurals of common nouns
    # ("Services were never tested") are not taken for first names.
    return not (
        sentence_start and (lower.endswith(_NOUN_SUFFIXES) or _singular(lower) in _COMMON_STARTS)
    )


_CONTRACTION = re.compile(r"['’](?:d|ve|m|re|ll)$", re.IGNORECASE)


def _pronoun(word: str) -> bool:
    """Whether `word` is a pronoun for people: "us", never "US" (the country: "capacity in
    the eastern US fell" was flagged as blame, mock meeting 17). A word of two or more
    capitals is an acronym."""
    if len(word) > 1 and word.isalpha() and word.isupper():
        return False  # an acronym
    # "I'd forgotten", "we've dropped": the pronoun is the subject of what follows.
    return _CONTRACTION.sub("", word).lower() in PERSON_PRONOUNS


def person_word(word: str, names: frozenset[str]) -> bool:
    """Whether one word names a person: a role ("pilot's"), a pronoun or a first name."""
    bare = re.sub(r"['’]s?$", "", word)
    lower = bare.lower()
    if _pronoun(bare) or lower in PERSON_NOUNS or _singular(lower) in PERSON_NOUNS:
        return True
    return looks_like_name(bare, names, sentence_start=False)


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    start: int


def _words(text: str, offset: int) -> list[_Word]:
    return [_Word(m.group(0).rstrip(".'’"), offset + m.start()) for m in _WORD.finditer(text)]


def _noun_phrase(words: list[_Word]) -> tuple[list[_Word], bool]:
    """The first noun phrase of a clause and whether a determiner came before it."""
    index, determined = 0, False
    while index < len(words):
        lower = words[index].text.lower()
        if lower in _DETERMINERS or lower in _QUANTIFIERS:
            index, determined = index + 1, True
        elif lower == "of" and determined:
            index += 1  # "one of our engineers": the engineers are the subject
        elif lower in _FOCUS and not determined:
            index += 1  # "if only Sam had checked": "only" focuses, Sam is the subject
        else:
            break
    phrase: list[_Word] = []
    for word in words[index:]:
        lower = word.text.lower()
        # Right after a determiner an "-ed" word is an adjective: "a missed page".
        verb = _is_past_verb(word.text) and not (determined and not phrase)
        # After a noun, "-ing" and "-ly" words start a modifier or the verb phrase: "a
        # contractor doing maintenance", "the engineer allegedly failed".
        # ("rate limiting implementation" stays one phrase: only a person takes a modifier).
        trailing = bool(phrase) and len(lower) > 4 and lower.endswith("ly")
        if phrase and lower.endswith("ing") and _singular(phrase[-1].text.lower()) in PERSON_NOUNS:
            trailing = True
        if lower in _STOPS or lower in _DETERMINERS or verb or trailing:
            break
        phrase.append(word)
        if lower.endswith(("'s", "’s")):
            continue  # "Dana's script": the head is what follows
        if len(phrase) >= 4:
            break
    return phrase, determined


def _role_kind(phrase: list[_Word]) -> SubjectKind:
    """A phrase whose head is a role: a person, unless a technical word makes an ambiguous role
    software ("the cert-manager operator"); "a warning-system officer" is still a person."""
    head = _singular(phrase[-1].text.lower())
    if head in _WITH_HUMAN_MODIFIER_ONLY:
        human = len(phrase) > 1 and phrase[-2].text.lower() in _HUMAN_MODIFIERS
        return SubjectKind.PERSON if human else SubjectKind.THING  # "the traffic shift"
    if head not in AMBIGUOUS_ROLES or len(phrase) < 2:
        return SubjectKind.PERSON
    if phrase[-2].text.lower() in _HUMAN_MODIFIERS:
        return SubjectKind.PERSON  # "an S3 team member"
    for modifier in phrase[:-1]:
        mod = modifier.text.lower()
        technical = (
            mod in TECH_NAMES
            or any(ch.isdigit() for ch in mod)
            or ("-" in mod and mod not in _PERSON_MODIFIERS)
        )
        if technical:
            return SubjectKind.THING
    return SubjectKind.PERSON


def _names_a_product(phrase: list[_Word], names: frozenset[str]) -> bool:
    """Whether `phrase` is PRODUCT_NAME_WORDS or more capitalised words, none of them a
    known person's name and its head no role: a product or feature, not a person."""
    texts = [word.text for word in phrase]
    return (
        len(texts) >= PRODUCT_NAME_WORDS
        and all(text[:1].isupper() for text in texts)
        and not any(text in names for text in texts)
        and _singular(texts[-1].lower()) not in PERSON_NOUNS
    )


def classify(words: list[_Word], names: frozenset[str], *, sentence_start: bool) -> SubjectKind:
    phrase, determined = _noun_phrase(words)
    if not phrase:
        return SubjectKind.NONE
    while len(phrase) > 1 and phrase[-1].text.lower() in _POST_MODIFIERS:
        phrase = phrase[:-1]
    head = phrase[-1].text
    lower = head.lower()
    if lower.endswith(("'s", "’s")):
        return SubjectKind.THING
    if _pronoun(head):
        return SubjectKind.PERSON
    if lower in THING_PRONOUNS:
        return SubjectKind.THING
    if _singular(lower) in PERSON_NOUNS or lower in PERSON_NOUNS:
        return _role_kind(phrase)
    if (
        _singular(lower) in _TRADE_ROLES
        and len(phrase) > 1
        and phrase[-2].text.lower() in _TRADE_MODIFIERS
    ):
        return SubjectKind.PERSON  # "the train driver", not "the kernel driver"
    at_start = sentence_start and phrase[0] is words[0] and not determined
    if not determined and looks_like_name(head, names, sentence_start=at_start):
        # Three capitalised words are a product anywhere in a sentence, not only at its
        # start: "On the first working day, AWS Transit Gateways did not scale" blamed a
        # person (mock meeting 27a).
        if _names_a_product(phrase, names):
            return SubjectKind.THING
        return SubjectKind.PERSON
    return SubjectKind.THING


# How far a clause reaches: a subject further away than this is not read. Without a bound a
# 100,000-character narrative with a failure phrase every few words costs quadratic time.
CLAUSE_REACH = 300


def _clause_start(text: str, end: int) -> tuple[int, str, int]:
    """(where the clause ending at `end` starts, its boundary word, where that boundary is)."""
    last = None
    # Most clauses are short: look close first, then as far as a clause may reach.
    for distance in (80, CLAUSE_REACH):
        reach = max(0, end - distance)
        for match in _boundaries(text, reach, end):
            last = match
        if last is not None or reach == 0:
            break
    if last is None:
        return reach, "", -1
    return last.end(), last.group(0).strip().lower() or ",", last.start()


def subject_before(text: str, position: int, names: frozenset[str] = frozenset()) -> Subject:
    """The subject of the phrase that starts at `position` in `text`."""
    start, boundary, boundary_at = _clause_start(text, position)
    words = _words(text[start:position], start)
    sentence_start = boundary in ("", ".", "!", "?", "\n", ":", ";")
    kind = classify(words, names, sentence_start=sentence_start)
    if kind is SubjectKind.NONE and boundary in _ELIDING and boundary_at > 0:
        # "The engineer restarted the pod and forgot to drain it": the subject is earlier,
        # past a clause of connectives only (", however,").
        earlier_kind, earlier_boundary, at = SubjectKind.NONE, boundary, boundary_at
        for _ in range(2):
            earlier_start, earlier_boundary, next_at = _clause_start(text, at)
            earlier = _words(text[earlier_start:at], earlier_start)
            earlier_kind = classify(
                earlier, names, sentence_start=earlier_boundary in ("", ".", "\n")
            )
            if earlier_kind is not SubjectKind.NONE or earlier_boundary not in _ELIDING:
                break
            at = next_at
        return Subject(earlier_kind, position, boundary)
    return Subject(kind, words[0].start if words else position, boundary)


def subject_after(text: str, position: int, names: frozenset[str] = frozenset()) -> SubjectKind:
    """The kind of the noun phrase that starts at `position` ("... ignored by the on-call")."""
    reach = min(len(text), position + 100)  # a noun phrase, not a clause
    end = next(_boundaries(text, position, reach), None)
    words = _words(text[position : end.start() if end else reach], position)
    return classify(words, names, sentence_start=False)


#: Capitalised words in a row from which an unknown subject is a product, not a person: a
#: person is named in one or two ("Sam", "Dana Whitfield"), a product or feature often in
#: more ("Rapid Response Content was trusted…" was read as a person's name).
PRODUCT_NAME_WORDS = 3


def opening_subject(text: str, names: frozenset[str] = frozenset()) -> tuple[SubjectKind, str]:
    """The kind of the first clause's subject and the word after it, lower-cased
    ("The on-call engineer was new to the rotation" gives PERSON and "was")."""
    end = next(_boundaries(text, 0, len(text)), None)
    words = _words(text[: end.start() if end else len(text)], 0)
    kind = classify(words, names, sentence_start=True)
    phrase, _ = _noun_phrase(words)
    if kind is SubjectKind.PERSON and _names_a_product(phrase, names):
        kind = SubjectKind.THING
    last = phrase[-1].start if phrase else -1
    after = [word for word in words if word.start > last]
    return kind, after[0].text.lower() if after else ""
