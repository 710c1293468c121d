"""Provides the meeting's key line: the keys of the step shown, the essential ones first,
fitted to the width of the shared screen (shorter words, then fewer keys and "F1 more")."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

SEPARATOR = " · "
MORE = "F1 more"


@dataclass(frozen=True)
class KeyHint:
    """One key as the line shows it: `wide` where there is room, else `short`."""

    wide: str
    short: str
    #: Lower comes first when the line is too narrow for every key (0: always shown).
    rank: int


#: The step keys of the agenda step by its key, each the facilitator's next move there.
STEP_HINTS: dict[str, tuple[KeyHint, ...]] = {
    "summary": (
        KeyHint("e edit summary", "e summary", 1),
        KeyHint("i edit impact", "i impact", 1),
    ),
    "timeline": (
        KeyHint("s stamp", "s stamp", 1),
        KeyHint("↑/↓ event", "↑↓ event", 1),
        KeyHint("/ quick add", "/ add", 2),
    ),
    "whys": (
        KeyHint("w why", "w why", 1),
        KeyHint("e edit answer", "e edit", 1),
        KeyHint("c root cause", "c cause", 2),
        KeyHint("↑/↓ factor", "↑↓ factor", 2),
        KeyHint("W new factor", "W new", 2),
        KeyHint("m made sense", "m sense", 4),
        KeyHint("shift+↑/↓ answer", "⇧↑↓ answer", 6),
    ),
    "actions": (
        KeyHint("a action", "a action", 1),
        KeyHint("o owner & due", "o owner", 1),
        KeyHint("↑/↓ item", "↑↓ item", 3),
    ),
}
#: Keys of every step, after the step's own.
COMMON_HINTS = (
    KeyHint("s stamp", "s stamp", 2),
    KeyHint("a action", "a action", 3),
    KeyHint("w why", "w why", 3),
    KeyHint("/ quick add", "/ add", 4),
    KeyHint("r roll call", "r here", 5),
    KeyHint("+/- min", "+/-", 6),
)
STEP_KEYS = KeyHint("←/→ step", "←→ step", 0)
LEAVE = KeyHint("esc workspace", "esc", 0)


def hints_for(step_key: str) -> list[KeyHint]:
    """The keys of `step_key` in the order shown: stepping, the step's own, the rest, esc."""
    own = STEP_HINTS.get(step_key, ())
    words = {hint.short for hint in own}
    common = [hint for hint in COMMON_HINTS if hint.short not in words]
    return [STEP_KEYS, *own, *common, LEAVE]


def fit_hints(hints: list[KeyHint], width: int) -> str:
    """The line of `hints` in at most `width` cells: every key in full words if they fit,
    else the step's own keys only, else in short words, else the lowest ranked left out
    and "F1 more" said instead."""
    mixed = [h.wide if h.rank <= 1 else h.short for h in hints]  # the step's own spelled out
    for words in ([h.wide for h in hints], mixed, [h.short for h in hints]):
        line = SEPARATOR.join(words)
        if cell_len(line) <= width:
            return line
    shown = list(hints)
    # Leave out the least needed first; the later of two equal ones (the list reads on).
    for hint in sorted(hints, key=lambda h: (h.rank, hints.index(h)), reverse=True):
        if hint.rank == 0:
            break
        shown.remove(hint)
        line = SEPARATOR.join([*(h.short for h in shown), MORE])
        if cell_len(line) <= width:
            return line
    return SEPARATOR.join([*(h.short for h in shown), MORE])
