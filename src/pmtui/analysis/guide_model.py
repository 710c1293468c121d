"""Provides the learned half of the blame and vague-action guides: a linear model's score for
one sentence or action item, from weights shipped in data/guide_model.json.

The weights are learned by bench/train_guides.py (logistic regression over guide_features),
which also chose each threshold by grouped cross-validation over source documents. They are
read on first use and kept, so commands that never run a guide never read them; pmtui needs
no numeric library to use them, only a sum.

The decision that uses them is in person_blame and vague_actions: a text is flagged when a
high-precision hand rule fires or the score passes the threshold. The rule kinds below are the
ones that stayed precise on documents their authors never saw (blame_fresh.json and
actions_fresh.json, measured once before they became tuning data); the others ("a person did
not …", "better …") flag only with the model's agreement.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources

from pmtui.analysis.guide_features import (
    action_features,
    action_tokens,
    blame_features,
    blame_tokens,
    stem,
    verifiable_end,
)

FORMAT = "pmtui-guides/1"
_STRONG_BLAME = frozenset(
    {"judgement", "possessive", "hindsight", "counterfactual", "forgot", "procedure", "test"}
)
_STRONG_VAGUE = frozenset({"exploration", "no-object"})
_OPEN_ENDED = frozenset({"effort", "comparative"})


# A model-only blame flag needs a person (a role, a pronoun, one of the post-mortem's people,
# "human error") followed closely by a failing word: blame is a person failing, and the hint
# then always has someone and something to speak of.
_FAILING_AFTER_PERSON = frozenset(
    f"cc:{person}>{failing}" for person in ("P", "POSS", "HE") for failing in ("F", "J", "FN")
)
_NEAR_FAILING = _FAILING_AFTER_PERSON | {f"cc:{person}>N" for person in ("P", "POSS", "HE")}
# A duty, a modal or an act after a person fails only with a negation in the sentence: "the
# team then checked every certificate" is a person doing the duty.
_NEAR_DOING = frozenset(
    f"cc:{person}>{doing}" for person in ("P", "POSS", "HE") for doing in ("D", "M", "A")
)


def blame_eligible(features: set[str] | frozenset[str]) -> bool:
    """Whether the model may flag a sentence with these features without a rule. "Should not
    have to check" states a need, not hindsight, so it never makes a sentence eligible; nor
    does a person who is missing rather than failing ("a channel which has no owner"), unless
    a person is also the subject, nor what the rules turned down as a mention or a condition,
    nor a person who only could not do something or who did a duty."""
    if "have-to" in features:
        return False
    if "missing-person" in features and "subject:P" not in features:
        return False
    # What the rules turned down as talk about "human error" ("this was not human error"), or
    # as the condition of a system's rule ("if the on-call did not ack, the page escalated"),
    # or as words quoted ('ban phrases like "engineer forgot"'), the model may not flag on the
    # same words alone.
    if "x:human-error" in features and "subject:P" not in features:
        return False
    rejected = any(feature.startswith("x:") for feature in features)
    if rejected and ("lead-if" in features or "person-quoted" in features):
        return False
    # A person who could not do something was stopped by something ("with Access down the
    # team could not authenticate"): unless a word of failure follows the person, only a rule
    # may flag it.
    if "inability" in features and _FAILING_AFTER_PERSON.isdisjoint(features):
        return False
    if not _NEAR_FAILING.isdisjoint(features):
        return True
    return "c:N" in features and not _NEAR_DOING.isdisjoint(features)


def strong_blame_rule(kinds: tuple[str, ...]) -> bool:
    """Whether a blame rule of one of these kinds is precise enough to flag on its own."""
    return any(kind in _STRONG_BLAME for kind in kinds)


def strong_vague_rule(kind: str, text: str = "") -> bool:
    """Whether a vague-action rule of this kind is precise enough to flag on its own. An effort
    or a comparative ("harden the pipeline", "make alerts more actionable") is, when the item
    has no end to check it against (no number, date, condition or change already made): on
    every tuning file those were vague 84 times in 95; with such an end the model decides."""
    if kind in _STRONG_VAGUE:
        return True
    return kind in _OPEN_ENDED and bool(text) and not verifiable_end(text)


class _Linear:
    """One guide's weights and threshold."""

    __slots__ = ("threshold", "weights")

    def __init__(self, data: object) -> None:
        if not isinstance(data, dict):
            raise ValueError("a guide's model is not an object")
        weights = data.get("weights")
        threshold = data.get("threshold")
        if not isinstance(weights, dict) or not isinstance(threshold, int | float):
            raise ValueError("a guide's model has no weights or threshold")
        self.weights: dict[str, float] = {str(key): float(value) for key, value in weights.items()}
        self.threshold = float(threshold)

    def contributions(self, features: set[str]) -> dict[str, float]:
        return {feature: self.weights[feature] for feature in features if feature in self.weights}

    def score(self, features: set[str]) -> float:
        total = sum(self.weights.get(feature, 0.0) for feature in features)
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, total))))


@cache
def _models() -> dict[str, _Linear] | None:
    """The shipped models, read once; None when the file is missing or damaged, and then the
    hand rules decide alone (a broken install still points at blame, less well)."""
    try:
        text = (
            resources.files("pmtui.analysis")
            .joinpath("data/guide_model.json")
            .read_text(encoding="utf-8")
        )
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        return {guide: _Linear(data[guide]) for guide in ("blame", "vague")}
    except (OSError, ValueError, KeyError):
        return None


def available() -> bool:
    """Whether the learned guides can score (their weights are installed and readable)."""
    return _models() is not None


def loaded() -> bool:
    """Whether the weights have been read in this process (commands that run no guide never
    read them)."""
    return _models.cache_info().currsize > 0


def blame_contributions(
    sentence: str, names: frozenset[str], kinds: tuple[str, ...], rejected: tuple[str, ...]
) -> tuple[bool, dict[str, float]]:
    """Whether the blame model flags one sentence, and what each of its features added."""
    models = _models()
    if models is None:
        return False, {}
    model = models["blame"]
    features = blame_features(sentence, names, kinds, rejected)
    flagged = (bool(kinds) or blame_eligible(features)) and model.score(features) >= model.threshold
    return flagged, model.contributions(features)


def vague_contributions(text: str, kind: str) -> tuple[bool, dict[str, float]]:
    """Whether the vague-action model flags one item, and what each of its features added."""
    models = _models()
    if models is None:
        return False, {}
    model = models["vague"]
    features = action_features(text, kind)
    return model.score(features) >= model.threshold, model.contributions(features)


_SUBJECTS = ("P", "POSS", "HE")
_FAILINGS = ("F", "D", "N", "J", "FN", "M", "A")


def _blame_kind(sentence: str, features: dict[str, float], subject: bool) -> str:
    """The hint a model-only flag gets. Each kind needs its words in the sentence, so a hint
    never speaks of what the sentence does not say."""
    if "cc:M>HAVE" in features:
        return "hindsight"
    if "c:J" in features:
        return "judgement"
    if "cc:POSS>FN" in features:
        return "possessive"
    if "c:HE" in features and "error" in sentence.lower():
        return "human-error"
    return "person" if subject else "unnamed"


def blame_flag_place(
    sentence: str, names: frozenset[str], contributions: dict[str, float]
) -> tuple[int, int, str]:
    """Where a model-only flag points in its sentence and what kind of blame it reads as:
    from the person who is the subject to the failing word after it ("Bob … did not check"),
    and the kind of blame its words show."""
    tokens = blame_tokens(sentence, names)
    subject = next((token for token in tokens if token[2] in _SUBJECTS), None)
    kind = _blame_kind(sentence, contributions, subject is not None)
    # The failing word that has a person before it, and the nearest such person: "Inspectors
    # found the driver did not …" points at "driver did not".
    nearest, failing = None, None
    for token in tokens:
        if token[2] in _SUBJECTS:
            nearest = token
        elif token[2] in _FAILINGS and (nearest is not None or failing is None):
            failing = token
            if nearest is not None:
                break
    if nearest and failing and nearest[0] < failing[0]:
        return nearest[0], failing[1], kind
    if failing:
        return failing[0], failing[1], kind if subject else "unnamed"
    stripped = sentence.strip()
    start = sentence.find(stripped[:1]) if stripped else 0
    return start, start + min(len(stripped), 60), kind


_EXPLORING = frozenset(
    {
        "investigate", "look", "consider", "explore", "evaluate", "research", "assess",
        "study", "review", "analyse", "analyze", "audit", "determine", "identify", "figure",
        "discuss", "understand", "revisit", "re-evaluate", "reevaluate", "rethink",
        "reconsider", "think", "try",
    }
)  # fmt: skip


def vague_flag_place(text: str) -> tuple[int, int, str]:
    """Where a model-only vague flag points and its kind (a Vagueness value): a word that
    explores, compares or asks for effort; an item with no such word names nothing to
    deliver."""
    tokens = action_tokens(text)
    for start, end, kind in tokens:
        word = text[start:end].lower()
        root = stem(word)
        if kind == "OPEN" and (
            word in _EXPLORING or root in _EXPLORING or root + "e" in _EXPLORING
        ):
            return start, end, "exploration"
        if kind == "CMP":
            following = next((token for token in tokens if token[0] > end), None)
            return start, following[1] if following else end, "comparative"
    for start, end, kind in tokens:
        if kind == "OPEN":
            return start, end, "effort"
    if tokens:
        return tokens[0][0], tokens[min(2, len(tokens) - 1)][1], "no-object"
    return 0, len(text), "no-object"
