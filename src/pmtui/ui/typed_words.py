"""Provides the rule that letters typed as a word where single keys are commands run none of
them, and TypedWords, the word being typed there.

On the Five Whys ladder, the Actions table or a meeting step, each letter is a command. A
facilitator who believes a box has the focus types a sentence there: "Because …" ran `e` (the
`B` did nothing) and opened the edit form with the root cause selected, so "cause⏎" would have
replaced it; "okay" reopened a concluded chain. Which letters were meant as commands is read
from how they came and what they contain:

- A key that is no command here (a capital, a space, an unbound letter) starts a word: it and
  the characters typed after it at typing pace (TYPING_SECONDS apart) run nothing, and an
  enter that ends such a line runs nothing either. Until the word reads as writing (a
  capital, a space, two different letters) a command key still runs: "jj" then `e`.
- A command key waits LOOKAHEAD_SECONDS for the next character (a terminal's keys; under
  Pilot, the keys queued with it). With more characters right behind it, each at typing
  pace or read in one go (tmux, a paste), it is a word when the run holds a key that
  is no command here: "okay" is a word, "jjk" is three moves. Except after a key that opens
  an empty box for new text (OPENS_EMPTY_BOX), first or after digits only: "a" and a title,
  "w" and an answer, "4", "W" and a problem, typed in one go, land in the box the key opens,
  as they always did; but when lowercase letters run on from the key ("because", "we
  should…", "owner is Tomas") it is a word too.
- A letter typed slower than the lookahead runs, and the word that follows it within
  TYPING_SECONDS takes it back (`rest_of_word`): what it changed is undone, and a dialog it
  opened is closed unsaved before the rest of the word lands in it ("ok moving on" on step 5
  of the meeting opened the owner form, which held "k moving on").

What was typed is told in a notice, with the key that types where the user meant to: nothing
typed vanishes unsaid.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from textual import events

#: Keys read from the terminal in one go arrive within this of each other (tmux sends a
#: whole argument in one write; a person's fastest roll of two keys is about 30 ms apart).
BURST_SECONDS = 0.015
#: Between two keys of a word typed by hand: a person typing a sentence, not pressing keys.
TYPING_SECONDS = 0.6
#: How long a command key waits, in a terminal, for the next character: a person types the
#: letters of a word 100-200 ms apart ("done now" at 120 ms ran `d`, a delete).
LOOKAHEAD_SECONDS = 0.25
#: A run of commands typed on (n n p …) is read after this at the latest.
LOOKAHEAD_LIMIT_SECONDS = 1.0
#: A burst this long that holds a key with no command is a word ("dy", delete and confirm
#: typed in one go, stays two keys).
WORD_MIN_KEYS = 3
#: Bindings that open an empty box for new text, so what is typed right after them is for it.
OPENS_EMPTY_BOX = frozenset(
    {
        "actions.add",
        "meeting.action",
        "meeting.new_chain",
        "meeting.quick_add",
        "meeting.why",
        "timeline.add",
        "timeline.quick_add",
        "whys.add_action",
        "whys.answer",
        "whys.branch",
        "whys.new",
    }
)


def repeats_one_key(burst: Sequence[events.Key]) -> bool:
    """Whether `burst` is one key pressed again and again (held down, or n n n to move on):
    commands, not a word, so they need not wait for the typing to end."""
    return len(burst) > 1 and len({key.key for key in burst}) == 1


def is_word(burst: Sequence[events.Key], command_of: Callable[[str], str | None]) -> bool:
    """Whether `burst` (a command key and the characters read in one go after it) was typed
    as a word. `command_of` names a key's binding here, None for a key with no command."""
    if len(burst) < WORD_MIN_KEYS:
        return False
    for index, key in enumerate(burst):
        command = command_of(key.key)
        if command is None:
            return True
        if command in OPENS_EMPTY_BOX and all(k.key.isdigit() for k in burst[:index]):
            # What follows is for the box it opens ("a" and a title; "4" for the step, then
            # "W" and a problem; "/" and a line), unless the key is a letter that runs on in
            # lowercase as a word: "because of capacity" opened a branch holding "ecause…".
            return index + 1 < len(burst) and runs_on_as_word(key, burst[index + 1])
    return False


def runs_on_as_word(box_key: events.Key, following: events.Key) -> bool:
    """Whether `following`, typed right after `box_key` (a key that opens an empty box),
    makes a word of the two rather than the start of the box's text: lowercase running on
    from a letter ("because", "we should…"). A capital ("a" and "Page the owner") or a digit
    is what the box is for."""
    return (box_key.character or "").isalpha() and (following.character or "").islower()


def rest_of_word(command: str | None, letter: events.Key, following: events.Key) -> bool:
    """Whether `following`, typed at typing pace after `letter` ran as `command` and opened a
    dialog, goes on the word `letter` began: a letter or a space ("ok moving on" ran `o` on
    step 5 of the meeting, and "k moving on" replaced an action item's owner). After a key
    that opens an empty box, only as in a burst: a title typed straight after "a" is its."""
    if command in OPENS_EMPTY_BOX:
        return runs_on_as_word(letter, following)
    character = following.character or ""
    return character.isalpha() or character == " "


def chained(
    leader: events.Key, following: Sequence[object], gap: float = BURST_SECONDS
) -> list[events.Key]:
    """The characters of `following` typed right after `leader`, each within `gap` of the one
    before it (the run ends at the first key that is not one)."""
    burst = [leader]
    for event in following:
        if not (
            isinstance(event, events.Key)
            and event.is_printable
            and event.time - burst[-1].time <= gap
        ):
            break
        burst.append(event)
    return burst


class TypedWords:
    """The word being typed where keys are commands (empty when none is)."""

    def __init__(self) -> None:
        self.text = ""
        #: The letter that ran as a command before the rest of the word came (the app took
        #: back what it did): not part of `text`, but it counts towards writing.
        self.lead = ""
        #: What became of what `lead` did, for the word's notice (", and … is undone").
        self.lead_became = ""
        self._last = -math.inf

    def continues(self, key: events.Key) -> bool:
        """Whether `key` comes while a word is being typed, at typing pace."""
        return bool(self.text) and key.time - self._last <= TYPING_SECONDS

    @property
    def looks_typed(self) -> bool:
        """Whether the keys so far read as writing: a capital, a space or two different
        characters. "jjj" (a key pressed again to move) is not, and the command key pressed
        right after it runs."""
        text = self.lead + self.text
        return any(c.isupper() or c.isspace() for c in text) or len(set(text)) > 1

    def follows_letter(self, letter: str, became: str) -> None:
        """The word about to be typed began with `letter`, which ran as a command first;
        `became`: what became of what it did."""
        self.lead, self.lead_became = letter, became

    def add(self, key: events.Key) -> None:
        """`key`, a character, is part of the word: it ran nothing."""
        self.text += key.character or ""
        self._last = key.time

    def end(self) -> str:
        """The word is over (a key that is not part of it came); returns what it was."""
        text, self.text = self.text, ""
        self.lead = self.lead_became = ""
        return text
