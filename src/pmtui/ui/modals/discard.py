"""Provides DiscardTypingModal: "Discard …?" asked when a form with typing in it is escaped.

Only y discards; any other key goes back to the form with the typing intact. The question
interrupts someone who was typing, so a letter typed on must not throw the work away, and an
escape pressed by reflex (the form's own cancel key) must not either.

Escape pressed again and again (a facilitator mashing it in front of the room) opened the
question, closed it, opened it: after six presses the form was back as it was and nothing
said why, which looked like a frozen app. An escape within ESCAPE_REPEAT_SECONDS of the one
before it is the same press repeated, not an answer: the question stays up until a key that
is one (n, escape after a pause, enter on a button, y).
"""

from __future__ import annotations

from textual._time import get_time  # the clock every Message's `time` is read from
from textual.events import Key

from pmtui.ui.modals.confirm import ConfirmModal

#: The keys ConfirmModal answers itself: y, n, escape, and enter or space on a button.
_ANSWER_KEYS = frozenset({"y", "n", "escape", "enter", "space"})

#: An escape this soon after the one before it repeats that press (see the module doc).
ESCAPE_REPEAT_SECONDS = 0.5


class DiscardTypingModal(ConfirmModal):
    """Asks `question`: y discards, any other key keeps the form."""

    def __init__(self, question: str) -> None:
        super().__init__(question, confirm_label="Discard", cancel_label="Keep editing")
        #: When the last escape came: the question is asked because of one.
        self._last_escape = get_time()

    def on_key(self, event: Key) -> None:
        if event.key == "escape":
            # When it was pressed, not when it is read: the keys of a burst wait their turn
            # (pmtui.ui.key_order), a dialog opening in between on a busy machine.
            pressed, before = event.time, self._last_escape
            self._last_escape = max(pressed, before)
            if pressed - before < ESCAPE_REPEAT_SECONDS:
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
