"""Provides SuggestInput: an Input whose suggestion tab or → accepts, and says so.

A plain Input offers "Tom Okafor" after "Tom" but tab moves on and keeps "Tom": the owner
of an action item became a first name in front of the room. Here tab takes the suggestion and
moves on in one press (a tab that stayed put ran "+2w", meant for the deadline, into the
owner's name); → takes it and stays, to type more. The hint line names what each would take.

Keys act in the order they were typed. Textual's suggester answers from a worker, and a
binding fires only once its key has bubbled up to the app, so in a burst ("Jo", tab, "x")
the letters after the tab were typed into the box before the tab was seen. Here the
suggestion is worked out as the value changes, tab and → act when this box reads them, and a
letter queued here before tab moved the focus is handed on to the field that has it now.

A person from a roll call is suggested by name only: an attendee is often written with a note
("Dana Ortiz (facilitator)"), a role in the meeting that is shown beside the suggestion, never
inserted. An owner already written on an earlier item is suggested as written, role and all
(`owners`): "Tom" took "Tom Okafor" from "Tom Okafor (SRE)", one owner became two in the lists
by owner, and the room saw the role it had typed vanish (mock meetings 18a-c). Either way a
name typed in full is never lengthened into a longer one it starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual import events
from textual.binding import Binding
from textual.widgets import Input

from pmtui.ui.widgets.form_field import FormField

#: A note after a name: "(facilitator)", "[SRE]", " - incident lead". (Not ", ...": that is
#: how "Ortiz, Dana" is written.)
_NOTE = re.compile(
    r"^(?P<name>.*?\S)\s*(?:[(\[](?P<bracketed>[^()\[\]]*)[)\]]|\s[-–—]\s+(?P<dashed>.+))$"
)


def split_note(entry: str) -> tuple[str, str]:
    """A person as written ("Dana Ortiz (facilitator)") -> ("Dana Ortiz", "facilitator")."""
    text = " ".join(entry.split())
    found = _NOTE.match(text)
    if found is None:
        return text, ""
    note = found["bracketed"] or found["dashed"] or ""
    return found["name"], note.strip()


def first_completion(value: str, names: Iterable[str]) -> str:
    """The first of `names` that starts with `value` (case ignored), '' for none, for no
    value, or when `value` already is one of the names in full."""
    typed = value.casefold()
    if not typed:
        return ""
    names = tuple(names)
    if any(name.casefold() == typed for name in names):
        return ""
    return next((name for name in names if name.casefold().startswith(typed)), "")


class SuggestInput(Input):
    BINDINGS = [
        Binding(
            "tab",
            "accept_suggestion",
            "Accept",
            show=False,
            id="suggest.accept",
            tooltip="Take the suggested name and move to the next field (→ takes it and stays)",
        ),
    ]

    #: The app's tab leaves this box alone: the box reads tab in its turn (see module doc).
    keeps_key_order = True

    def __init__(
        self,
        value: str = "",
        *,
        names: Iterable[str] = (),
        owners: Iterable[str] = (),
        placeholder: str = "",
        id: str | None = None,
    ) -> None:
        """`names`: people as a roll call writes them (a note after a name is shown, not
        taken); `owners`: owners as earlier items name them, offered first and taken whole."""
        # Each entry once; the first note written for a person is shown beside the name.
        self._notes: dict[str, str] = {}
        known: set[str] = set()
        whole = ((" ".join(owner.split()), "") for owner in owners)
        for name, note in (*whole, *map(split_note, names)):
            if name and name.casefold() not in known:
                known.add(name.casefold())
                self._notes[name] = note
        self._names = tuple(self._notes)
        super().__init__(value, placeholder=placeholder, id=id)

    @property
    def suggestion(self) -> str:
        """The completion shown after the cursor, '' when there is none to take."""
        shown = self._suggestion
        return shown if len(shown) > len(self.value) else ""

    def watch_value(self, value: str) -> None:
        # Input clears the suggestion on every change; it is set again here, at once.
        self._suggestion = first_completion(value, self._names)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept_suggestion":
            # Without a suggestion tab keeps its usual job: the next field.
            return bool(self.suggestion)
        return super().check_action(action, parameters)

    def action_accept_suggestion(self) -> None:
        self._take_suggestion()
        self.screen.focus_next()

    def _take_suggestion(self) -> None:
        self.value = self.suggestion
        self.cursor_position = len(self.value)

    def _accept_keys(self) -> list[str]:
        """The keys that take a suggestion (tab unless the user's keymap moved it)."""
        keymap: dict[str, str] = getattr(self.app, "pm_keymap", {})
        return [key.strip() for key in keymap.get("suggest.accept", "tab").split(",")]

    async def _on_key(self, event: events.Key) -> None:
        if self.app.focused is not self:
            self._hand_on(event)
            return
        accepts_and_moves = event.key in self._accept_keys()
        accepts = accepts_and_moves or (event.key == "right" and self.cursor_at_end)
        if accepts and self.suggestion:
            self._take(event)
            if accepts_and_moves:
                self.action_accept_suggestion()
            else:
                self._take_suggestion()
        elif event.key == "escape" and self.suggestion:
            # The name typed is meant as typed: escape puts the suggestion away, and tab then
            # moves on without it. Escape asked to discard the whole form instead, the only
            # way past a wrong suggestion being ctrl+s (mock meeting 19b).
            self._take(event)
            self._suggestion = ""
        elif event.key == "tab":
            self._take(event)
            self.screen.focus_next()
        elif event.key == "shift+tab":
            self._take(event)
            self.screen.focus_previous()
        else:
            await super()._on_key(event)

    @staticmethod
    def _take(event: events.Key) -> None:
        event.stop()
        event.prevent_default()

    def _hand_on(self, event: events.Key) -> None:
        """A key queued here after the focus moved on: act on it where the focus is now.

        The app reads a burst one settled key at a time (pmtui.ui.key_order), so this only
        happens when its backstop released a key early; the key still lands in its turn."""
        if event.key in ("tab", "shift+tab"):
            self._take(event)
            if event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            return
        if not event.is_printable:
            return  # bubbles up to the bindings of the focused widget's chain
        self._take(event)
        target = self.app.focused
        if target is None:
            return
        key = events.Key(event.key, event.character)
        # Marked as forwarded, as the app marks what it hands the focused widget, so it is
        # handled there once and not dispatched from the top again.
        key._set_forwarded()
        target.post_message(key)

    def watch__suggestion(self, suggestion: str) -> None:
        self.refresh_bindings()
        shown = self.suggestion
        key = self._accept_keys()[0] if self.is_mounted else "tab"
        note = f" ({self._notes[shown]})" if self._notes.get(shown) else ""
        hint = f"{key} takes “{shown}”{note} and moves on · → takes it" if shown else ""
        # A compact input has no border to carry it: the form field's hint line does.
        field = next((node for node in self.ancestors if isinstance(node, FormField)), None)
        if field is not None:
            field.set_hint(hint)
        else:
            self.border_subtitle = hint
