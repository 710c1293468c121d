"""Provides the messages a pane posts up to the workspace screen: what happened in it, or
what it wants shown elsewhere. The screen handles each one and tells the pane concerned
through that pane's public methods, so no pane drives another."""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message


class ShowPlace(Message):
    """Bring the place `where` (a finding's `where`, see pmtui.analysis.places) to the
    front: its pane shown, the element selected or the field focused, ready to fix.
    `about`: what the finding says, for a form opened there to show."""

    def __init__(self, where: str, about: str = "") -> None:
        super().__init__()
        self.where = where
        self.about = about


class PublishRequested(Message):
    """The user chose a finished status; the readiness checklist must be walked first.
    `on_done(published)` runs when the checklist closes (False or None: not published)."""

    def __init__(self, status: str, on_done: Callable[[bool | None], None] | None = None) -> None:
        super().__init__()
        self.status = status
        self.on_done = on_done


class TemplateChosen(Message):
    """The Document pane now shows `template`; every other preview follows it."""

    def __init__(self, template: str) -> None:
        super().__init__()
        self.template = template


class FindingsCounted(Message):
    """The quality guides ran: `open_count` findings are open (the Checks tab shows it)."""

    def __init__(self, open_count: int) -> None:
        super().__init__()
        self.open_count = open_count


class RefusedTypingChanged(Message):
    """Typing a pane refused (kept in its field, never saved) appeared or went: what ctrl+z
    takes back first may have changed, and the footer names it."""


class PaneKeyTyped(Message):
    """A pane's digit (`1`…`6`) typed into the field `where`, where a pane had only just put
    the cursor or right after a sentence's end, and meant as that pane's key: the screen
    shows the pane, as the digit does from the tab bar, and says so."""

    def __init__(self, digit: str, where: str, after_sentence: bool = False) -> None:
        super().__init__()
        self.digit = digit
        self.where = where
        #: Typed right after the end of a sentence there, not where the cursor was just put.
        self.after_sentence = after_sentence
