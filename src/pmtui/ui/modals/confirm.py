"""Provides ConfirmModal: a yes/no question that defaults to the safe answer."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from pmtui.ui.stylesheets import MODAL_CSS


class ConfirmModal(ModalScreen[bool]):
    CSS_PATH = MODAL_CSS
    BINDINGS = [
        Binding("escape,n", "answer(False)", "No", id="confirm.no", tooltip="Keep it"),
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Go ahead"),
    ]

    def __init__(
        self, question: str, *, confirm_label: str = "Delete", cancel_label: str = "Cancel"
    ) -> None:
        super().__init__(classes="modal")
        self._question = question
        self._confirm_label = confirm_label
        self._cancel_label = cancel_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body"):
            # The question quotes a title or a path: plain text, not markup.
            yield Static(self._question, classes="modal-question", markup=False)
            with Horizontal(classes="modal-buttons"):
                yield from self.buttons()

    def buttons(self) -> list[Button]:
        """The answers, the safe one first (it takes the focus)."""
        return [
            Button(f"{self._cancel_label} (n)", id="cancel"),
            Button(f"{self._confirm_label} (y)", id="confirm", variant="error"),
        ]

    def on_mount(self) -> None:
        # Enter, the reflex key, presses the safe answer; the other takes a deliberate y.
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm")

    def on_key(self, event: events.Key) -> None:
        # A letter that answers nothing means the keys were typed, not answers: "do you
        # see" typed on the home list opened Delete with its d and confirmed it with its y.
        # The question closes with the safe answer before a later y can reach it.
        character = event.character or ""
        if not event.is_printable or not character.strip() or character in "yn":
            return
        event.stop()
        event.prevent_default()
        if not self.is_current:
            return
        self.dismiss(False)
        verb = self._confirm_label.lower()
        self.app.notify(
            f"“{character}” is no answer here: nothing was {verb}d. "
            f"{self._confirm_label} takes y, keeping it n.",
            timeout=6,
        )

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
