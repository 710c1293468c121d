"""Provides DiscardTypingModal: "Discard …?" asked when a form with typing in it is escaped.

Only y discards; any other key goes back to the form with the typing intact. The question
interrupts someone who was typing, so a letter typed on must not throw the work away, and an
escape pressed by reflex (the form's own cancel key) must not either.

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
    """Asks `question`: y discards, `save_key` (the form's own, if it has one) saves, any
    other key keeps the form. Both keep the typing: `save_chosen` tells the form which."""

    def __init__(self, question: str, save_key: str = "") -> None:
        super().__init__(question, confirm_label="Discard", cancel_label="Keep editing")
        self._save_key = save_key
        #: Set when the answer was the save key or the Save button.
        self.save_chosen = False
        #: The key, not an answer, that closed the question to keep editing ("" for none).
        self.kept_with = ""

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
        else:
            self.kept_with = event.key
            self.dismiss(False)
