"""Provides NewPostMortemModal: title, severity, timezone and date for a new post-mortem.

Escape with something typed asks first ("Discard the new post-mortem?"): one reflex escape
after a title threw it away. Only y discards; any other key goes back to the dialog, the
typing intact, because the question interrupts someone who was typing.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from pmtui.model.enums import Severity
from pmtui.model.postmortem import PostMortem
from pmtui.ui.modals.compact import ShortTerminalFit
from pmtui.ui.modals.confirm import ConfirmModal
from pmtui.ui.modals.form_modal import FormModal, form_bindings
from pmtui.ui.widgets.form_field import FormField

#: Creates the post-mortem from the typed values, raising ValidationError for bad ones.
Create = Callable[[dict[str, str]], PostMortem]
_SEVERITY = "SEV3"
#: The keys ConfirmModal answers itself: y, n, escape, and enter or space on a button.
_ANSWER_KEYS = frozenset({"y", "n", "escape", "enter", "space"})


class DiscardNewModal(ConfirmModal):
    """Asks "Discard the new post-mortem?": y discards, any other key keeps the dialog."""

    def __init__(self) -> None:
        super().__init__(
            "Discard the new post-mortem?", confirm_label="Discard", cancel_label="Keep editing"
        )

    def on_key(self, event: Key) -> None:
        if event.key in _ANSWER_KEYS:
            return
        # A letter typed on (the title was being written) must not land anywhere else.
        event.stop()
        event.prevent_default()
        if self.is_current:
            self.dismiss(False)


class NewPostMortemModal(FormModal[PostMortem | None], ShortTerminalFit[PostMortem | None]):
    BINDINGS = form_bindings("new", cancel="Create nothing")
    ERROR_FIELD = "title"

    def __init__(self, create: Create, *, default_timezone: str, default_date: str) -> None:
        super().__init__(classes="modal")
        self._create = create
        self._timezone = default_timezone
        self._date = default_date
        self._discarding = False
        self._focused_before: Widget | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body"):
            yield Static("New post-mortem", classes="modal-title")
            yield FormField(
                "Title",
                Input(placeholder="What happened, in a few words", id="title"),
                id="ff-title",
            )
            with Horizontal(classes="form-row"):
                yield FormField(
                    "Severity",
                    Select(
                        [(s.value, s.value) for s in Severity],
                        value=_SEVERITY,
                        allow_blank=False,
                        id="severity",
                    ),
                    id="ff-severity",
                )
                yield FormField(
                    "Incident date",
                    Input(self._date, id="incident_date"),
                    id="ff-incident_date",
                    select_default=True,
                )
            yield FormField(
                "Timezone",
                Input(self._timezone, id="timezone"),
                hint="IANA name, e.g. Europe/Berlin",
                id="ff-timezone",
                select_default=True,
            )
            with Horizontal(classes="modal-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Create", id="create", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def _typed(self) -> bool:
        """Whether anything differs from what the dialog opened with."""
        values = (
            self.query_one("#title", Input).value.strip(),
            self.query_one("#incident_date", Input).value,
            self.query_one("#timezone", Input).value,
            self.query_one("#severity", Select).value,
        )
        return values != ("", self._date, self._timezone, _SEVERITY)

    def may_close_unsaved(self) -> bool:
        if self._discarding or not self._typed():
            return True
        self._focused_before = self.focused
        self.app.push_screen(DiscardNewModal(), self._discard_answered)
        return False

    def _discard_answered(self, discard: bool | None) -> None:
        if discard:
            self._discarding = True
            self.action_cancel()
        elif self._focused_before is not None:
            self._focused_before.focus()

    def submit(self) -> PostMortem:
        values = {
            name: self.query_one(f"#{name}", Input).value
            for name in ("title", "incident_date", "timezone")
        }
        values["severity"] = str(self.query_one("#severity", Select).value)
        return self._create(values)
