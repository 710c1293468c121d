"""Provides TypeSelect: a drop-down that answers letters typed while it is closed, and
`pick_by_typing`, the rule that picks its choice.

Textual's Select searches by typing only once its list is open; closed, it drops every
letter. After a tab slip onto a priority or a severity, a facilitator's words went nowhere
and nothing said why. Here typing on a closed drop-down is a type-ahead run, as in native
drop-downs: keys typed within TYPE_AHEAD_PAUSE of each other build one search text, and the
choice whose label starts with it is shown ("p" prevent, "pro" process, "pp" the next choice
starting with p); a label's later words and numbers count too ("3" SEV3, "review"
in-review). A run that every choice starts with ("s", "sev" on SEV1…SEV5) picks none of them
and changes nothing, nor is it refused: the run goes on, and "sev2" picks SEV2 ("s" alone
moved SEV3 to SEV4 by the same-letter rule, and "se" picked SEV1; mock meeting 15). A space
inside a run is part of the text, and so is a space after a refused run, however long the
pause: "resolved after restarts" refused, then " by Priya" opened the list, "P" highlighted
published and enter chose it. Only with no run under way and none refused does space open
the list. Enter opens it too, except the enter that ends a refused
run as it is typed: that one ends the sentence, and the list stays shut.

Once the text starts no choice it is a sentence typed in the wrong place (a tab too many
landed here, "We now check Consul internals first" went on): the drop-down goes back to the
value it had before the run and the field's hint says what it takes, so typing a sentence
never changes a link, a priority or a severity. Such a run is `refused_run` until a key
picks a choice again or the focus leaves: an undo there first says nothing of it was kept,
rather than take back a change out of sight (see RefusalChanged).

A label may carry more than the choice's name: the factor picker's "Full recovery of the
data backlog… (capacity)". Typing reads only what `typed_texts` gives for a choice (its
title), so "c" never picks a factor by its category.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from typing import Any

from textual import events
from textual.message import Message
from textual.widgets import Select

from pmtui.ui.widgets.form_field import FormField

#: Where a word of a label starts: after a space or a mark, and where letters turn to digits.
_WORD_START = re.compile(r"(?<![^\W_])\w|(?<=[^\W\d_])\d|(?<=\d)[^\W\d_]")

#: Seconds between two keys of one type-ahead run; a longer pause starts a new run.
TYPE_AHEAD_PAUSE = 1.0

#: How many characters of what was typed the hint quotes ("“We now…” is not a choice").
_HINT_TYPED = 7

#: How many characters of choices the hint lists before it stops at "…", and of each one.
_HINT_CHOICES = 60
_HINT_CHOICE = 24


def _starts(label: str, typed: str) -> bool:
    """Whether `label` starts with `typed`, or one of its words does (case ignored)."""
    label, typed = label.casefold(), typed.casefold()
    if label.startswith(typed):
        return True
    return any(label.startswith(typed, found.start()) for found in _WORD_START.finditer(label))


def pick_by_typing(labels: Sequence[str], typed: str, current: int | None) -> int | None:
    """The index of the label `typed` picks, None when none matches. Labels that start with
    it come before labels with a later word that does; the same single letter again moves on
    to the next label it picks, round to the first."""
    # "in review" typed is the choice "in-review": a hyphen or underscore reads as a space.
    labels = [_spaced(label) for label in labels]
    typed = _spaced(typed)
    starting = [
        i for i, label in enumerate(labels) if label.casefold().startswith(typed.casefold())
    ]
    words = [i for i, label in enumerate(labels) if i not in starting and _starts(label, typed)]
    found = starting + words
    if not found:
        return None
    if len(typed) == 1 and current in found:
        return found[(found.index(current) + 1) % len(found)]
    return found[0]


def starts_every(labels: Sequence[str], typed: str) -> bool:
    """Whether every label starts with `typed` (more than one label): such a run names no
    choice yet, so it must not pick one."""
    typed = _spaced(typed).casefold()
    return len(labels) > 1 and all(_spaced(label).casefold().startswith(typed) for label in labels)


def _spaced(text: str) -> str:
    """`text` with its hyphens and underscores read as spaces."""
    return text.replace("-", " ").replace("_", " ")


def _short(text: str, width: int) -> str:
    """`text` cut to `width` characters, ending in one "…" when cut."""
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip(" ,…") + "…"


def _plain(prompt: object) -> str:
    """A choice's label as plain text (a Content or a Rich Text has it as `plain`)."""
    plain = getattr(prompt, "plain", None)
    return plain if isinstance(plain, str) else str(prompt)


class TypeSelect(Select[Any]):
    """A Select every pmtui form uses: typing while it is closed is a type-ahead run."""

    class RefusalChanged(Message):
        """The drop-down's last run now is, or no longer is, refused (`refused_run`)."""

        def __init__(self, select: TypeSelect) -> None:
            super().__init__()
            self.select = select

    def __init__(
        self, *args: Any, typed_texts: Mapping[Any, str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        #: What typing reads of a choice, by its value, where not its whole label.
        self._typed_texts: Mapping[Any, str] = typed_texts or {}
        #: The run's text so far ("pro" picks process over prevent); "" with no run.
        self._typed = ""
        #: When the run's last key came (time.monotonic), and the value from before it.
        self._typed_at = 0.0
        self._before_run: Any = None
        #: Whether this run was already told, where a notice tells it (one per run, not key).
        self._told = False
        #: The field's own hint while it says which choices this takes (None: not saying it).
        self._own_hint: str | None = None
        #: What leaving says while a refused run's hint is shown ("" when none is).
        self._refused_says = ""
        #: Whether the last run typed matched no choice (and so changed nothing).
        self._refused = False
        #: What that refused run typed: the key after it (ctrl+s) ends the run's text.
        self._refused_text = ""

    @property
    def refused_run(self) -> bool:
        """Whether the last run typed here matched no choice, with the focus still here."""
        return self._refused

    @property
    def refused_text(self) -> str:
        """What the refused run typed ("" when the last run is not refused)."""
        return self._refused_text if self._refused else ""

    def forget_refused_run(self) -> None:
        """The refused run was told about (an undo said nothing of it was kept): it is dealt
        with, so the field's hint stops quoting it and a next key starts a new run."""
        self._typed = ""
        self._quiet()
        self._set_refused(False)

    def _set_refused(self, refused: bool) -> None:
        if refused != self._refused:
            self._refused = refused
            self.post_message(self.RefusalChanged(self))

    def _choices(self) -> list[tuple[str, Any]]:
        """What typing reads of each choice (its label as plain text unless `typed_texts`
        names it otherwise), with its value (never the blank one)."""
        return [
            (self._typed_texts.get(value, _plain(prompt)), value)
            for prompt, value in self._options
            if value != self.NULL
        ]

    def _run_under_way(self) -> bool:
        return bool(self._typed) and time.monotonic() - self._typed_at <= TYPE_AHEAD_PAUSE

    def seconds_until_run_ends(self) -> float:
        """How long until the type-ahead run under way ends (0.0 with none under way), so a
        choice with consequences ("published" opens a checklist) waits for the whole word:
        "p" of "please check" must not publish."""
        if not self._run_under_way():
            return 0.0
        return max(0.0, self._typed_at + TYPE_AHEAD_PAUSE - time.monotonic())

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        # Space opens the list (Select's binding) unless it is typing: inside a run, or
        # after a refused one (a sentence going on after a pause for thought).
        if character is None or not character.isprintable():
            return False
        return character != " " or self._run_under_way() or self._refused

    async def _on_key(self, event: events.Key) -> None:
        character = event.character
        if event.key == "enter" and not self.expanded and self._refused and self._run_under_way():
            # The enter that ends a sentence typed here: the list opened on it took the
            # next words as a search, and the next enter chose what they highlighted.
            event.stop()
            event.prevent_default()
            self._typed = ""
            return
        if self.expanded or not self.check_consume_key(event.key, character):
            self._typed = ""
            return
        assert character is not None
        event.stop()
        event.prevent_default()
        self._type(character)

    def _type(self, character: str) -> None:
        if not self._run_under_way():
            self._typed = ""
            self._before_run = self.value
            self._told = False
        self._typed += character
        self._typed_at = time.monotonic()
        choices = self._choices()
        labels = [label for label, _ in choices]
        values = [value for _, value in choices]
        current = values.index(self.value) if self.value in values else None
        typed = self._typed
        if starts_every(labels, typed):
            # Not a choice yet, nor a refusal: the letters that tell the choices apart follow.
            self._quiet()
            self._set_refused(False)
            return
        index = pick_by_typing(labels, typed, current)
        if (
            index is None
            and typed == character * len(typed)
            and not starts_every(labels, character)
        ):
            # "pp": the same letter again moves on to the next choice it starts.
            index = pick_by_typing(labels, character, current)
        if index is None:
            if self.value != self._before_run:
                self.value = self._before_run
            self._say_choices(typed, labels)
            self._refused_text = typed
            self._set_refused(True)
            return
        self._quiet()
        self._set_refused(False)
        if values[index] != self.value:
            self.value = values[index]

    def _field(self) -> FormField | None:
        return next((node for node in self.ancestors if isinstance(node, FormField)), None)

    def _say_choices(self, typed: str, labels: list[str]) -> None:
        """Say in the field's hint which choices this takes (a notice where there is no
        field around it)."""
        shown: list[str] = []
        for label in labels:
            choice = _short(label, _HINT_CHOICE)
            if shown and len(", ".join([*shown, choice])) > _HINT_CHOICES:
                shown.append("…")  # whole choices only: "dep…" would name none
                break
            shown.append(choice)
        listed = ", ".join(shown)
        quoted = _short(" ".join(typed.split()), _HINT_TYPED)
        hint = f"“{quoted}” is not a choice: {listed} · enter lists them"
        field = self._field()
        if field is None:
            if not self._told:
                self.notify(hint, timeout=4)
            self._told = True
            return
        if self._own_hint is None:
            self._own_hint = field.hint
        field.set_hint(hint)
        self._refused_says = f"{field.label} unchanged: {hint.removesuffix(' · enter lists them')}"

    def _quiet(self) -> None:
        """Put the field's own hint back once the typing picks a choice or moves on."""
        field = self._field()
        if self._own_hint is not None and field is not None:
            field.set_hint(self._own_hint)
        self._own_hint = None

    def _on_blur(self, event: events.Blur) -> None:
        self._typed = ""
        if self._own_hint is not None and self._refused_says:
            # Leaving with the refusal still shown: its hint goes with the focus, and "high"
            # typed on Priority then tab left "—" with nothing on screen saying why.
            self.notify(self._refused_says, timeout=4)
        self._refused_says = ""
        self._quiet()
        self._set_refused(False)
