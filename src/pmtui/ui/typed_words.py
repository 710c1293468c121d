"""Provides the rule that letters typed as a word where single keys are commands run none of
them, and TypedWords, the word being typed there.

On the Five Whys ladder, the Actions table, a meeting step or the home list, each letter is a
command. A facilitator who believes a box has the focus types a sentence there: "Because …"
ran `e` (the `B` did nothing) and opened the edit form with the root cause selected, so
"cause⏎" would have replaced it; "okay" reopened a concluded chain. Which letters were meant
as commands is read from how they came and what they contain:

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
  TYPING_SECONDS takes it back (`rest_of_word`): what it changed is undone, where it took
  the user is left ("next one" moved the meeting on a step), and a dialog it opened is closed
  unsaved before the rest of the word lands in it ("ok moving on" on step 5 of the meeting
  opened the owner form, which held "k moving on"), as is a box it focused ("we should…":
  `w` on the ladder). So is a dialog or screen it opened where the next letter runs nothing:
  "done now" on the home list asked "Delete …?" with its `d`, and "I think" showed Insights
  with its `I`. A digit is taken back the same way ("12:44" showed the Overview on `1`, and
  "2:44" went into its box); two different digits in one go are a number. Every letter
  that ran so, each at typing pace after the one before, is the word's and is taken back,
  latest first: "detected" on the Timeline ran `d` (deleting the resolved milestone) and
  `e` (the edit form), and taking back `e` alone left the delete done.
- Once a word has begun, the command letters typed on at typing pace are its own ("next one"
  on the Actions table: `n` is no key there, and `e` opened the edit form).

What was typed is told in a notice, with the key that types where the user meant to: nothing
typed vanishes unsaid.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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
        # The filter lines of the Actions overview and the home list: "/" and what to find.
        "actions_overview.filter",
        "home.filter",
        # A new post-mortem's title: "n" and "DNS outage" typed in one go is that title.
        "home.new",
        "meeting.action",
        "meeting.new_chain",
        "meeting.quick_add",
        # Stamp now: the time is fixed at the key, then a box asks what happened; it is
        # said straight after ("s" and "Pager fired"), as "a" and a title are.
        "meeting.stamp",
        "meeting.why",
        "timeline.add",
        "timeline.quick_add",
        "timeline.stamp",
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
    if len(burst) > 1 and is_number(burst[0], burst[1]):
        return True
    if len(burst) < WORD_MIN_KEYS:
        return False
    for index, key in enumerate(burst):
        command = command_of(key.key)
        if command is None:
            return True
        if command in OPENS_EMPTY_BOX and index < 2 and all(k.key.isdigit() for k in burst[:index]):
            # What follows is for the box it opens ("a" and a title; "4" for the step, then
            # "W" and a problem; "/" and a line), unless the key is a letter that runs on in
            # lowercase as a word: "because of capacity" opened a branch holding "ecause…".
            return index + 1 < len(burst) and runs_on_as_word(key, burst[index + 1])
    return False


def is_number(first: events.Key, following: events.Key) -> bool:
    """Whether two keys typed in a row are the start of a number or a time ("12:44" switched
    to the Overview on its `1`), not two tab keys: two different digits. One pressed again
    ("44") is a key pressed again."""
    digits = (first.character or "") + (following.character or "")
    return digits.isdigit() and digits[0] != digits[1]


def runs_on_as_word(box_key: events.Key, following: events.Key) -> bool:
    """Whether `following`, typed right after `box_key` (a key that opens an empty box),
    makes a word of the two rather than the start of the box's text: lowercase running on
    from a letter ("because", "we should…"). A capital ("a" and "Page the owner") or a digit
    is what the box is for."""
    return (box_key.character or "").isalpha() and (following.character or "").islower()


def rest_of_word(command: str | None, letter: events.Key, following: events.Key) -> bool:
    """Whether `following`, typed at typing pace after `letter` ran as `command` and opened a
    dialog or focused a box, goes on the word `letter` began: a letter or a space ("ok moving
    on" ran `o` on step 5 of the meeting, and "k moving on" replaced an action item's owner).
    After a key that opens an empty box, only as in a burst: a title typed straight after "a"
    is its.
    After a digit any character goes on it: "12:44" typed slowly switched to the Overview
    on its `1`, and "2:44" went into the box focused there."""
    if command in OPENS_EMPTY_BOX:
        return runs_on_as_word(letter, following)
    if (letter.character or "").isdigit():
        return following.is_printable
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


@dataclass(frozen=True)
class LeadLetter:
    """A letter of a word that ran as a command before the rest of the word came, and what
    became of what it did (the app took it back)."""

    letter: str
    #: The dialog it opened was closed unsaved.
    closed: bool = False
    #: The change it made was undone.
    undone: bool = False

    @property
    def told_as_run(self) -> bool:
        """Whether the word's notice says it ran: where it only took the user elsewhere (a
        step, a tab, a box) and they are back, it is as if it never ran."""
        return self.closed or self.undone


def quoted(letters: Sequence[str]) -> str:
    """“d”, “d” and “e”, “d”, “e” and “c”."""
    marks = [f"“{letter}”" for letter in letters]
    return marks[0] if len(marks) == 1 else ", ".join(marks[:-1]) + " and " + marks[-1]


def told_as_run(lead: Sequence[LeadLetter]) -> str:
    """What a word's notice says of the letters in `lead` that it tells as run ("“d” and “e”
    ran as commands before the rest came, the dialog “e” opened is closed unsaved, and what
    “d” changed is undone"); empty when it tells none."""
    ran = [letter for letter in lead if letter.told_as_run]
    if not ran:
        return ""
    if len(ran) == 1:
        (only,) = ran
        closed = ", and the dialog it opened is closed unsaved" if only.closed else ""
        undone = ", and what it changed is undone" if only.undone else ""
        return f"“{only.letter}” ran as one before the rest came{closed}{undone}"
    parts = []
    if closers := [letter.letter for letter in ran if letter.closed]:
        parts.append(f"the dialog {quoted(closers)} opened is closed unsaved")
    if changers := [letter.letter for letter in ran if letter.undone]:
        parts.append(f"what {quoted(changers)} changed is undone")
    became = f", and {parts[0]}" if len(parts) == 1 else f", {parts[0]}, and {parts[1]}"
    letters = quoted([letter.letter for letter in ran])
    return f"{letters} ran as commands before the rest came{became}"


class TypedWords:
    """The word being typed where keys are commands (empty when none is)."""

    def __init__(self) -> None:
        self.text = ""
        #: The letters that ran as commands before the rest of the word came, in the order
        #: typed ("detected" at 0.3 s a key ran `d` and `e`): the app took back what they did.
        #: Not part of `text`, but they count towards writing.
        self.lead_letters: tuple[LeadLetter, ...] = ()
        self._last = -math.inf

    @property
    def lead(self) -> str:
        """The word's letters that ran as commands before the rest came."""
        return "".join(letter.letter for letter in self.lead_letters)

    def continues(self, key: events.Key) -> bool:
        """Whether `key` comes while a word is being typed, at typing pace."""
        return bool(self.text) and key.time - self._last <= TYPING_SECONDS

    def goes_on_over(self, key: events.Key, command: str | None) -> bool:
        """Whether `key`, which runs `command` here (None: nothing), goes on the word being
        typed. Once begun, a word's letters are not commands ("next one": `n` is no key on
        the Actions table, and its `e` opened the edit form), except after one key pressed
        again: "jj", then `e`, edits."""
        if not self.continues(key):
            return False
        text = self.lead + self.text
        return command is None or self.looks_typed or len(text) == 1

    @property
    def looks_typed(self) -> bool:
        """Whether the keys so far read as writing: a capital, a space or two different
        characters. "jjj" (a key pressed again to move) is not, and the command key pressed
        right after it runs."""
        text = self.lead + self.text
        return any(c.isupper() or c.isspace() for c in text) or len(set(text)) > 1

    def follows_letters(self, letters: Sequence[LeadLetter]) -> None:
        """The word about to be typed began with `letters`, which ran as commands first."""
        self.lead_letters = tuple(letters)

    def add(self, key: events.Key) -> None:
        """`key`, a character, is part of the word: it ran nothing."""
        self.text += key.character or ""
        self._last = key.time

    def end(self) -> str:
        """The word is over (a key that is not part of it came); returns what it was."""
        text, self.text = self.text, ""
        self.lead_letters = ()
        return text


def pane_key_verdict(after: str) -> bool | None:
    """Whether a pane's digit pressed where a pane key had just put the cursor in a field was
    that pane's key (True) or the start of text typed there (False), by `after`, what was
    typed right after it at typing pace; None while a pause would make it the key.

    The pane's key: nothing after it; one lowercase letter, pressed once or again, and then
    a pause (`4` then `a`: Actions and a new item; "4aa" when nothing showed at once); or
    that letter and a title starting with a capital (`4`, `a`, "Audit old scripts": mock
    meetings 22a-23b typed these into the Overview). Text: anything else ("2FA", "4am",
    "3 regions", "12:44", "5xx errors")."""
    if not after:
        return None
    letter = after[0]
    if not (letter.isalpha() and letter.islower()):
        return False
    rest = after.lstrip(letter)
    if not rest:
        return None
    return rest[0].isupper()
