"""Provides DiscardTypingModal: "Discard …?" asked when a form with typing in it is escaped.

Only y discards, and n (or enter on Keep editing) goes back to the form with the typing
intact. The question interrupts someone who was typing, so a letter typed on must not throw
the work away, and an escape pressed by reflex (the form's own cancel key) must not either;
nor may a letter go back to the form: the key pressed by reflex for the next item (`w`, `a`)
kept the old draft, and the next words were typed onto its end (mock 30a). A letter is told
what the answers are, and the question stays.

Escape pressed again and again (a facilitator mashing it in front of the room) opened the
question, closed it, opened it: after six presses the form was back as it was and nothing
said why, which looked like a frozen app; at a slower pace each press still flipped it. An
escape here answers nothing: the question stays up, as calm as it came, until a key that is
an answer (n or enter keeps editing, y discards).

The form's save key (ctrl+s) is an answer too: save. A facilitator escaped the roll call
with a name typed, thought better of it and pressed ctrl+s a second later, as the form's
footer under the question offered: the question went, the roll call stayed open unsaved and
nothing said so (mock meeting 17). The question names that key on a button of its own.

A key that keeps editing is remembered (`kept_with`): the form runs the app's own binding
for it once it is back in front (FormModal), so ctrl+a, pressed on the question to retype the
box, selects all there. It selected nothing, as the question's button has no text, and the
retyped action was appended to the old one, three times out of three (mock meetings 18a-c).
"""

from __future__ import annotations

from textual.events import Key
from textual.widgets import Button

from pmtui.ui.modals.confirm import ConfirmModal

#: The keys ConfirmModal answers itself: y, n, and enter or space on a button.
_ANSWER_KEYS = frozenset({"y", "n", "enter", "space"})


class DiscardTypingModal(ConfirmModal):
    """Asks `question`: y discards, `save_key` (the form's own, if it has one) saves, n and
    any other key that is not a letter keep the form. Both keep the typing: `save_chosen`
    tells the form which."""

    # Words typed on (the next answer, begun by reflex) run none of their letters: the "n"
    # and "y" inside "The sensor driver…" are no answers (pmtui.ui.typed_words).
    LETTERS_MAY_BE_WORDS = True

    def __init__(self, question: str, save_key: str = "") -> None:
        super().__init__(question, confirm_label="Discard", cancel_label="Keep editing")
        self._save_key = save_key
        #: Set when the answer was the save key or the Save button.
        self.save_chosen = False
        #: The key, not an answer, that closed the question to keep editing ("" for none).
        self.kept_with = ""
        #: A letter was pressed on the question and told it answers nothing.
        self._told_letters = False

    def buttons(self) -> list[Button]:
        keep, discard = super().buttons()
        if not self._save_key:
            return [keep, discard]
        # Between the safe answer and the one that throws the typing away.
        return [keep, Button(f"Save ({self._save_key})", id="save", variant="primary"), discard]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            event.stop()
            event.prevent_default()  # ConfirmModal's handler would read it as "keep editing"
            self._save()

    def _save(self) -> None:
        self.save_chosen = True
        self.dismiss(False)  # not discarded; the form saves once it is in front again

    def on_key(self, event: Key) -> None:
        if event.key == "escape":
            # The escape that asked, repeated: no answer (see the module doc).
            event.stop()
            event.prevent_default()
            return
        if event.key in _ANSWER_KEYS:
            return
        # A letter typed on (the form was being written) must not land anywhere else.
        event.stop()
        event.prevent_default()
        if not self.is_current:
            return
        if self._save_key and event.key in self._save_key.split(","):
            self._save()
        elif event.is_printable and event.character:
            if self._told_letters:
                return  # said once: typing on must not pile up notices
            # A letter answers nothing either: taken as "keep editing", the `w` pressed by
            # reflex for the next answer sent the words typed after it onto the end of the
            # draft the escape had meant to drop, and both were saved as one (mock 30a).
            save = f", {self._save_key} saves" if self._save_key else ""
            self._told_letters = True
            self.notify(
                f"“{event.character}” answers nothing here: y discards, n keeps editing{save}.",
                severity="warning",
                markup=False,
            )
        else:
            self.kept_with = event.key
            self.dismiss(False)
