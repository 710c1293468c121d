"""Provides the features the learned blame and vague-action guides read from one text.

The hand rules in person_blame and vague_actions match sentence shapes; on prose they were not
tuned on they missed most of what they caught on their own corpus. The learned guides
(guide_model) weigh features that carry meaning beyond one sentence's words, so what is
learned from one document applies to another: word stems and stem pairs, word classes from
lexicons (a person as subject, a failure or duty verb, a judging word, a modal perfect, an
artefact an action item delivers, a number or date that makes it checkable), short sequences of
those classes ("person … not … duty verb"), shapes that span a sentence (an agentive passive,
a failure noun a person owns, a report verb before a person, writing about blame), and which
hand rule fired. bench/train_guides.py
learns the weights from these same functions, so training and pmtui read a text identically.
"""

from __future__ import annotations

import itertools
import re

from pmtui.analysis.subjects import (
    AMBIGUOUS_ROLES,
    PERSON_NOUNS,
    TECH_NAMES,
    looks_like_name,
    words,
)

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’./_-]*|[,;:()]")
_PUNCT = frozenset(",;:()")

# Word classes. A class stands for every word in it, so a weight learned from "Mateo missed
# the page" also applies to "the operator overlooked the alarm".
_FAIL = words(
    "forgot forget forgets forgotten forgetting missed miss misses missing failed fail fails "
    "failing neglected neglect omitted omit overlooked overlook ignored ignore ignoring "
    "skipped skip skipping misread misjudged misjudge misconfigured mistyped misunderstood "
    "misinterpreted botched bypassed bypass disregarded dismissed violated deviated "
    "mistakenly accidentally inadvertently erroneously wrongly incorrectly unintentionally "
    "carelessly blindly bother bothered mistook mistake misjudging lost fell asleep "
    "misapplied mishandled disobeyed ignored overran overshot exceeded"
)
_ACT = words(
    "deleted removed ran pushed merged deployed typed entered executed ran made changed "
    "approved applied dropped shut restarted rebooted edited ran released committed "
    "configured turned disabled clicked selected chose decided assumed"
)
_DUTY = words(
    "check checked notice noticed verify verified test tested follow followed escalate "
    "escalated monitor review reviewed confirm confirmed validate validated read respond "
    "responded acknowledge acknowledged communicate communicated notify notified inform "
    "informed report reported ensure ensured catch caught detect detected realise realised "
    "realize realized recognise recognised recognize recognized anticipate anticipated ask "
    "asked tell told warn warned wait waited heed heeded comply complied adhere adhered "
    "double-check look looked pay paid update updated consult consulted call called"
)
_JUDGE = words(
    "careless carelessness negligent negligence sloppy sloppiness inattentive inattention "
    "lazy reckless recklessness incompetent incompetence rushed complacent complacency "
    "distracted inexperienced untrained unqualified unprofessional irresponsible hasty lax "
    "fatigued tired overconfident ignorant culpable fault faults blame blamed blunder "
    "mistake mistakes oversight lapse lapses stupid dumb foolish laziness "
    # judging how someone worked, the words accident boards and news reports use
    "poor poorly inadequate inadequately improper improperly insufficiently wrong unaware "
    "confused disoriented impaired fatigue deficiency deficiencies noncompliance "
    "non-compliance incorrect inattentive unprepared untrained unsafe excuse"
)
_FAIL_NOUN = words(
    "failure failures error errors mistake mistakes fault oversight lapse negligence inaction "
    "omission misjudgment misjudgement blunder slip inattention decision decisions actions"
)
_MODAL = words("should could would might must ought shouldn't couldn't wouldn't")
_NEG = words("not no never nobody neither nor without n't")
_HUMAN_ERROR = words("human pilot operator crew driver")
_THING = words("it this that which system service process alert alarm tool check pipeline")
# People the shared role list leaves out because a rule reading them would misfire on software
# ("the driver", "the controller"); the model weighs them with their context instead.
_MORE_PEOPLE = words(
    "driver drivers controller controllers conductor conductors worker workers engineers "
    "pilots operators technicians crews dispatchers motorman trainman helmsman skipper "
    "mate deckhand firefighters staff crewmembers everyone nobody no-one anyone "
    "he she him her his their they"
)
# Someone reporting a finding: "the board found the pilot did not ...", "X blamed human
# error". A failure reported this way is still a person failing.
_REPORT = words(
    "found finds concluded concludes determined said says blamed blames attributed "
    "attributes cited cites alleged according ruled report reported pinned faulted"
)

# Action items
_OPEN = words(
    "improve improved improving improvement improvements investigate investigation "
    "review reviewing consider considering ensure ensuring explore exploring evaluate "
    "evaluating re-evaluate reevaluate look monitor monitoring train training educate "
    "educating better more discuss discussion understand assess assessing revisit research "
    "analyse analyze analysis audit clarify enhance enhanced strengthen optimise optimize "
    "streamline think agree encourage remind awareness increase reduce minimise minimize "
    "continue keep try identify determine figure study explore prioritise prioritize "
    "rethink reconsider possibly maybe potentially further "
    # verbs that ask for an attitude or an effort, with no end anyone could check
    "communicate emphasise emphasize teach prioritise prioritize align avoid prevent "
    "focus share reach attempt handle devise diagnose nominate promise minimise "
    "socialise socialize raise-awareness adopt foster promote support facilitate"
)
_ARTEFACT = words(
    "alert alerts alarm alarms runbook runbooks playbook test tests dashboard dashboards "
    "script scripts job ticket tickets doc docs document page lint linter rule rules limit "
    "limits quota timeout timeouts flag flags toggle probe probes metric metrics canary "
    "backup backups policy template checklist pipeline step gate validation webhook cron "
    "readme wiki guide procedure endpoint field column index config configuration option "
    "setting check checks lock version tool command api button message banner"
)
_CHANGE = words(
    "add added set enable enabled disable disabled remove removed delete migrate migrated "
    "upgrade upgraded downgrade rotate pin pinned create created write wrote deploy deployed "
    "configure configured implement implemented replace replaced rename move moved switch "
    "block require automate automated schedule document documented fix fixed patch revert "
    "roll rolled publish build introduce increase lower raise limit cap drop"
)
_UNIT = words(
    "ms s sec secs second seconds minute minutes min mins hour hours hr hrs day days week "
    "weeks month months gb mb kb tb percent rps qps x"
)
_MONTHS = words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec q1 q2 q3 q4 monday tuesday wednesday "
    "thursday friday eod eow"
)
_COMPARATIVE = words(
    "better more faster improved improvements robust stronger less fewer easier clearer "
    "additional extra greater higher lower deeper smarter safer gracefully robust thorough "
    "comprehensive proactive proactively quicker quickly sooner earlier simpler cleaner"
)
# Watching with no line to cross: "add monitoring", "status monitoring", "alerting".
_WATCH = words("monitor monitoring monitored observability visibility alerting insight insights")
# What makes an item checkable beyond a number: a condition, a cadence, a bound.
_BOUND = words("when whenever if unless until before after within every per each above below")
_CADENCE = words("until within every per each above below")
# What turns an item into a wish or a plan rather than a change: "should be", "needs to be",
# "where feasible", "a proper procedure", "we intend to".
_HEDGE = words(
    "feasible possible possibly appropriate relevant proper properly clear clearly adequate "
    "adequately sufficient sufficiently various potentially needed important importantly "
    "generally overall general necessary reasonable best"
)
_WISH = words(
    "should need needs must ought intend intends plan plans planning aim aiming recommend "
    "want wants hope hopefully would could might may continue continuing working"
)
_LABEL = re.compile(r"^\s*[A-Z][\w/&()' -]{0,40}?:\s+(?=\S)")
_NUMBER = re.compile(r"\d")
_CODE = re.compile(r"[a-z][A-Z]|[._/]\w|--|`")


def stem(word: str) -> str:
    """A crude stem, enough to make "checked", "checking" and "checks" one feature."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in ("ing", "ed", "es", "ly", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _tokens(text: str) -> list[str]:
    """Words as written, with "didn't" split into "did" and "n't" so negation is one word."""
    tokens: list[str] = []
    for match in _TOKEN.finditer(text):
        word = match.group(0).rstrip(".'’")
        lower = word.lower().replace("’", "'")
        if lower.endswith("n't") and len(lower) > 3:
            tokens.extend((word[:-3], "n't"))
        elif word:
            tokens.append(word)
    return tokens


def _person(word: str, names: frozenset[str], first: bool) -> str:
    """'P' for a pronoun, a role or one of the post-mortem's people; 'NAME' for a word only
    shaped like a first name (often a product or place in this prose); '' for neither."""
    bare = re.sub(r"['’]s?$", "", word)
    lower = bare.lower()
    # Not "US" (the country) or "WE" in a heading: two or more capitals are an acronym.
    acronym = len(bare) > 1 and bare.isalpha() and bare.isupper()
    if not acronym and lower in (
        "we",
        "i",
        "he",
        "she",
        "they",
        "you",
        "someone",
        "somebody",
        "us",
    ):
        return "P"
    if lower in _MORE_PEOPLE or (lower.endswith("s") and lower[:-1] in _MORE_PEOPLE):
        return "P"
    if lower in PERSON_NOUNS or (lower.endswith("s") and lower[:-1] in PERSON_NOUNS):
        return "P"
    if bare in names:
        return "P"
    if bare[:1].isupper() and looks_like_name(bare, names, sentence_start=first):
        return "NAME"
    return ""


def _blame_class(word: str, names: frozenset[str], first: bool) -> str:
    lower = word.lower().replace("’", "'")
    if lower in _MODAL:
        return "M"
    if lower in ("nobody", "no-one"):
        return "P"
    if lower in _NEG:
        return "N"
    if lower in ("have", "had", "'ve"):
        return "HAVE"
    if lower == "by":
        return "BY"
    if lower in ("if", "while", "when", "because", "as", "after", "before", "since"):
        return "SUB"
    if _in(_FAIL, lower):
        return "F"
    if _in(_JUDGE, lower):
        return "J"
    if _in(_DUTY, lower):
        return "D"
    if _in(_ACT, lower):
        return "A"
    person = _person(word, names, first)
    if person:
        return person if not word.endswith(("'s", "’s")) else "POSS"
    if lower in _FAIL_NOUN:
        return "FN"
    if lower in _HUMAN_ERROR:
        return "HE"
    if lower in _THING:
        return "T"
    if lower in _REPORT:
        return "R"
    if lower in _PUNCT:
        return ","
    return ""


def _word_features(tokens: list[str]) -> set[str]:
    stems = [stem(token) for token in tokens if token not in _PUNCT]
    return {f"w:{word}" for word in stems} | {f"b:{a}_{b}" for a, b in itertools.pairwise(stems)}


_QUOTED = re.compile(r"[\"“]([^\"“”]{1,80})[\"”]")


def blame_features(
    text: str,
    names: frozenset[str],
    rules: tuple[str, ...],
    rejected: tuple[str, ...] = (),
    *,
    with_words: bool = False,
) -> set[str]:
    """The features of one sentence for the blame model; `rules` are the kinds of the hand
    rules that fired on it ("hindsight", "forgot", ...), `rejected` those whose words matched
    but whose gate said no (a thing as subject, a quoted mention). Word stems and stem pairs only
    `with_words`: grouped cross-validation showed they memorise their documents (the shipped
    model does without them; bench/train_guides.py --words measures them)."""
    tokens = _tokens(text)
    features = {"bias"}
    if with_words:
        features |= _word_features(tokens)
    lowers = [token.lower() for token in tokens]
    classes = _things_lost(
        lowers,
        _negated_outcomes(
            lowers,
            _software_roles(
                tokens,
                [_blame_class(token, names, index == 0) for index, token in enumerate(tokens)],
            ),
        ),
    )
    marked = [(index, kind) for index, kind in enumerate(classes) if kind]
    features.update(f"c:{kind}" for _, kind in marked)
    # Classes in order within a short reach: "P … N … D" (someone did not check) or "M HAVE"
    # (should have); the reach stops at a comma so two clauses do not mix.
    for position, (index, kind) in enumerate(marked):
        if kind == ",":
            continue
        for other_index, other in marked[position + 1 : position + 4]:
            if other == "," or other_index - index > 5:
                break
            features.add(f"cc:{kind}>{other}")
    opening = next((kind for kind in classes[:4] if kind and kind != ","), "")
    if opening:
        features.add(f"open:{opening}")
    for kind in rules:
        features.add(f"r:{kind}")
    if rules:
        features.add("r:any")
    features.update(f"x:{kind}" for kind in rejected)
    if tokens and tokens[0].lower() in ("while", "when", "after", "although"):
        features.add("lead-clause")
    # Every person quoted as words ('Ban phrases like "engineer forgot"'): talked about.
    quoted = {
        word.lower() for span in _QUOTED.findall(text) for word in re.findall(r"[\w'’-]+", span)
    }
    people = [token.lower() for token, kind in zip(tokens, classes, strict=False) if kind == "P"]
    if quoted and people and all(person in quoted for person in people):
        features.add("person-quoted")
    # (also "Even if a developer picks the wrong branch, the pipeline refuses the deploy")
    lead = [token.lower() for token in tokens[:2]]
    if lead[:1] in (["if"], ["unless"]) or lead in (["even", "if"], ["only", "if"]):
        features.add("lead-if")  # "If the on-call did not ack, the page escalated": a rule
    features |= _blame_shapes(lowers, classes)
    if text.rstrip().endswith("?"):
        features.add("question")
    return features


# A role before one of these words is its modifier, not a subject: "the on-call rotation".
_ROLE_MODIFIED = words(
    "rotation rotations schedule schedules pager pagers channel handbook runbook runbooks "
    "tooling queue handover handoff policy dashboard contact desk center centre portal "
    "ticket tickets"
)


def _software_roles(tokens: list[str], classes: list[str]) -> list[str]:
    """A role a technical word names is software: "the cert-manager operator", "the
    Kubernetes controller", "a v2 driver" are things, not people; and a role that modifies a
    thing ("the on-call rotation") is that thing."""
    for index in range(len(tokens) - 1):
        if classes[index] == "P" and tokens[index + 1].lower() in _ROLE_MODIFIED:
            classes[index] = "T"
    for index in range(1, len(tokens)):
        word = tokens[index].lower()
        if classes[index] != "P" or not (word in AMBIGUOUS_ROLES or word in _MORE_PEOPLE):
            continue
        before = tokens[index - 1]
        if (
            before.lower() in TECH_NAMES
            or _NUMBER.search(before)
            or ("-" in before and before.lower() not in ("on-call", "co-pilot", "first-line"))
            or (before[:1].isupper() and index > 1 and before.lower() not in PERSON_NOUNS)
        ):
            classes[index] = "T"
    return classes


# What befalls things, not an effort a person makes: "had never gone wrong", "had never
# failed", "had never been needed" say how the work went, and judge nobody.
_OUTCOME = words(
    "failed fail fails happened happen happens occurred occur occurs broken broke break "
    "crashed crash caused cause mattered matter"
)
# "gone", "went" are an outcome only with how it went: "gone wrong", not "gone to the room".
_GO = words("go goes gone went")
_HOW_IT_WENT = words("wrong down badly awry south sideways bad")
_BEEN_OUTCOME = words("needed required necessary used exercised triggered hit an a issue problem")
# Between the negation and its verb: "had never once failed", "hadn't ever been needed".
_NEG_FILLER = words("ever once yet really actually previously before even")


def _negated_outcomes(lowers: list[str], classes: list[str]) -> list[str]:
    """A negated outcome of things ("had never gone wrong", "never failed", "has not been
    needed") is neither a negation nor a failing word: after a person word it says what did
    not befall the work, not an effort that person failed to make ("had never tested")."""
    for index, kind in enumerate(classes):
        if kind != "N" or lowers[index] not in ("never", "not", "n't"):
            continue
        end = index + 1
        while end < len(lowers) and lowers[end] in _NEG_FILLER:
            end += 1
        word = lowers[end] if end < len(lowers) else ""
        after = lowers[end + 1] if end + 1 < len(lowers) else ""
        if word in _OUTCOME:
            last = end
        elif (word in _GO and after in _HOW_IT_WENT) or (word == "been" and after in _BEEN_OUTCOME):
            last = end + 1
        else:
            continue
        for position in range(index, last + 1):
            classes[position] = ""
    return classes


# What incident prose loses without anyone failing: "members had lost access", "we lost
# power"; "lost track" and "lost focus" stay failing words.
_LOSABLE = words("access data power connectivity connection contact quorum capacity packets")


def _things_lost(lowers: list[str], classes: list[str]) -> list[str]:
    """A loss of access, data or power is an outcome, not a failing word."""
    for index, lower in enumerate(lowers[:-1]):
        if lower in ("lost", "lose", "losing", "loses") and lowers[index + 1] in _LOSABLE:
            classes[index] = ""
    return classes


def _blame_shapes(lowers: list[str], classes: list[str]) -> set[str]:
    """Shapes that span more than neighbouring classes: an agentive passive ("shut down by a
    worker"), a failure noun owned by a person ("the failure of the safety driver", "pilot
    error"), "no one" as a subject, and a modal perfect whose subject is a person."""
    shapes = set()
    # Writing about blame is not blaming: "instead of blaming the person", "we shouldn't blame
    # them", "a blame culture treats ...".
    if any(
        lower.startswith(("blam", "scapegoat", "fault", "culture", "punish", "accountab"))
        for lower in lowers
    ):
        shapes.add("speaks-of-blame")
        if "N" in classes or "M" in classes or not {"instead", "nobody"}.isdisjoint(lowers):
            shapes.add("speaks-of-blame-against")
    subject = next((kind for kind in classes if kind in ("P", "T", "NAME", "POSS")), "")
    if subject:
        shapes.add(f"subject:{subject}")
    for index, lower in enumerate(lowers):
        ahead = classes[index + 1 : index + 4]
        if lower == "by" and "P" in ahead:
            shapes.add("agent:person")
            if any(kind in ("F", "A", "FN", "J") for kind in classes[max(0, index - 4) : index]):
                shapes.add("agent:person-failing")
        owner = lowers[index + 1 : index + 2] in (["of"], ["by"])
        if classes[index] == "FN" and owner and ("P" in ahead or "POSS" in ahead):
            shapes.add("failure-of-person")
        if classes[index] in ("P", "HE") and classes[index + 1 : index + 2] == ["FN"]:
            shapes.add("person-failure-noun")
        if lower in ("could", "can", "was", "were") and lowers[index + 1 : index + 2] in (
            ["not"],
            ["n't"],
        ):
            shapes.add("inability")  # "the team could not authenticate": what was possible
        if lower == "unable":
            shapes.add("inability")
        if lower == "have" and lowers[index + 1 : index + 2] == ["to"]:
            shapes.add("have-to")  # "should not have to check": a need, not hindsight
        if lower == "no" and lowers[index + 1 : index + 2] == ["one"]:
            shapes.add("no-one")
        # A person who is missing, not failing: "a channel which has no owner", "a rota with
        # no on-call", "a release without a reviewer" name a missing safeguard.
        if (
            lower in ("has", "have", "had", "with", "without")
            and lowers[index + 1 : index + 2] in (["no"], ["a"], ["an"], ["any"])
            and (lower == "without" or lowers[index + 1] == "no")
            and classes[index + 2 : index + 3] == ["P"]
        ):
            shapes.add("missing-person")
        if classes[index] == "R" and "P" in classes[index + 1 : index + 6]:
            shapes.add("report>person")
    return shapes


def _in(lexicon: frozenset[str], lower: str) -> bool:
    """Whether a word or another form of it ("exploring", "explored" for "explore") is in a
    lexicon."""
    if lower in lexicon:
        return True
    root = stem(lower)
    return root in lexicon or root + "e" in lexicon


def _action_class(word: str, first: bool) -> str:
    lower = word.lower()
    if _NUMBER.search(word):
        return "NUM"
    if lower in _MONTHS:
        return "DATE"
    if lower in _UNIT:
        return "UNIT"
    if lower in _COMPARATIVE:
        return "CMP"
    if lower in _BOUND:
        return "BOUND"
    if lower in _WISH:
        return "WISH"
    if lower in _HEDGE:
        return "HEDGE"
    if _in(_OPEN, lower):
        return "OPEN"
    if _in(_CHANGE, lower):
        return "CHG"
    if _in(_ARTEFACT, lower):
        return "ART"
    if lower in TECH_NAMES or _CODE.search(word) or (not first and word[:1].isupper()):
        return "NAMED"
    return ""


def verifiable_end(text: str) -> bool:
    """Whether an action item carries something a reader could check it against: a number, a
    date, a unit, a cadence or bound ("every week", "within a day", "until the LTS"), or
    opens on a change already made ("Added ..."). "When" and "if" do not count: "be more
    careful when editing DNS", "if possible observe the next run" end nowhere."""
    tokens = [token for token in _tokens(text) if token not in _PUNCT]
    lowers = [token.lower() for token in tokens]
    classes = {_action_class(token, index == 0) for index, token in enumerate(tokens)}
    done = bool(tokens) and lowers[0].endswith("ed") and _in(_CHANGE, lowers[0])
    bound = any(lower in _CADENCE for lower in lowers)
    return done or bound or not classes.isdisjoint({"NUM", "DATE", "UNIT"})


def action_features(text: str, rule: str, *, with_words: bool = False) -> set[str]:
    """The features of one action item for the vague-action model; `rule` is the kind the hand
    rules found ("effort", "exploration", ...) or ''. Words only `with_words`, as for blame."""
    body = _LABEL.sub("", text, count=1)
    tokens = [token for token in _tokens(body) if token not in _PUNCT]
    features = {"bias"}
    if with_words:
        features |= _word_features(tokens)
    classes = [_action_class(token, index == 0) for index, token in enumerate(tokens)]
    present = {kind for kind in classes if kind}
    features.update(f"c:{kind}" for kind in present)
    lead = next((kind for kind in classes[:2] if kind), "none")
    features.add(f"lead:{lead}")
    # What the opening verb is paired with decides: "improve the alert" is open-ended, "add
    # an alert when lag > 5 min" is not.
    features.update(f"lead:{lead}&{kind}" for kind in present)
    size = len(tokens)
    features.add(
        "len:" + ("1-3" if size <= 3 else "4-6" if size <= 6 else "7-12" if size <= 12 else "13+")
    )
    if rule:
        features.add(f"r:{rule}")
    if rule and rule != "measurable":
        features.add("r:any")
    lowers = [token.lower() for token in tokens]
    checkable = present & {"NUM", "DATE", "UNIT", "BOUND"}
    if any(lower in _WATCH for lower in lowers) and not checkable:
        features.add("watch-without-bound")
    if "CMP" in present and not checkable:
        features.add("comparative-without-bound")
    if tokens and lowers[0].endswith("ed") and classes[0] in ("CHG", "ART", ""):
        features.add("done")
    if lowers[:1] in (["something"], ["maybe"], ["possibly"], ["perhaps"]):
        features.add("tentative")
    return features


def blame_tokens(text: str, names: frozenset[str]) -> list[tuple[int, int, str]]:
    """Each word of a sentence with where it is and its class ('' for none)."""
    found, lowers = [], []
    for index, match in enumerate(_TOKEN.finditer(text)):
        word = match.group(0).rstrip(".'’")
        if not word:
            continue
        lower = word.lower().replace("’", "'")
        kind = "N" if lower.endswith("n't") else _blame_class(word, names, index == 0)
        found.append((match.start(), match.start() + len(word), kind))
        lowers.append("n't" if lower.endswith("n't") else lower)
    classes = _things_lost(lowers, _negated_outcomes(lowers, [kind for _, _, kind in found]))
    return [(start, end, kind) for (start, end, _), kind in zip(found, classes, strict=True)]


def action_tokens(text: str) -> list[tuple[int, int, str]]:
    """Each word of an action item with where it is and its class ('' for none)."""
    found = []
    for index, match in enumerate(_TOKEN.finditer(text)):
        word = match.group(0).rstrip(".'’")
        if word and word not in _PUNCT:
            found.append(
                (match.start(), match.start() + len(word), _action_class(word, index == 0))
            )
    return found
