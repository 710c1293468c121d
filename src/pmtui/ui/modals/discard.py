"""Provides DiscardTypingModal: "Discard …?" asked when a form with typing in it is escaped.

Only y discards; any other key goes back to the form with the typing intact. The question
interrupts someone who was typing, so a letter typed on must not throw the work away, and an
escape pressed by reflex (the form's own cancel key) must not either.

Escape pressed again and again (a facilitator mashing it in front of the room) opened the
question, closed it, opened it: after six presses the form was back as it was and nothing
said why, which looked like a frozen app; at a slower pace each press still flipped it. An
escape here answers nothing: the question stays up, as calm as it came, until a key that is
an answer (n or enter keeps editing, y discards).
"""

from __future__ import annotations

from textual.events import Key

from pmtui.ui.modals.confirm import ConfirmModal

#: The keys ConfirmModal answers itself: y, n, and enter or space on a button.
_ANSWER_KEYS = frozenset({"y", "n", "enter", "space"})


class DiscardTypingModal(ConfirmModal):
    """Asks `question`: y discards, any other key keeps the form."""

    def __init__(self, question: str) -> None:
        super().__init__(question, confirm_label="Discard", cancel_label="Keep editing")

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
        if self.is_current:
            self.dismiss(False)
