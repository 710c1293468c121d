"""Provides NewPostMortemModal: title, severity, date, owner and timezone for a new post-mortem.

Escape with something typed asks first ("Discard the new post-mortem?"): one reflex escape
after a title threw it away. Only y discards; any other key goes back to the dialog, the
typing intact, because the question interrupts someone who was typing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Select, Static

from pmtui.model.enums import Severity
from pmtui.model.postmortem import PostMortem
from pmtui.model.times import incident_day_preview
from pmtui.ui.modals.compact import ShortTerminalFit
from pmtui.ui.modals.form_modal import FormModal, form_bindings
from pmtui.ui.widgets.form_field import FormField
from pmtui.ui.widgets.suggest_input import SuggestInput
from pmtui.ui.widgets.type_select import TypeSelect
from pmtui.ui.widgets.zone_suggester import ZoneSuggester

#: Creates the post-mortem from the typed values, raising ValidationError for bad ones.
Create = Callable[[dict[str, str]], PostMortem]
_SEVERITY = "SEV3"
#: Under Incident date until a typed "-3d" shows the day it means.
_DATE_HINT = "YYYY-MM-DD, -3d or yesterday"


class NewPostMortemModal(FormModal[PostMortem | None], ShortTerminalFit[PostMortem | None]):
    BINDINGS = form_bindings("new", cancel="Create nothing", save="Create the post-mortem")
    ERROR_FIELD = "title"
    DISCARD_QUESTION = "Discard the new post-mortem?"
    SAVES = "creates"

    def __init__(
        self,
        create: Create,
        *,
        default_timezone: str,
        default_date: str,
        owners: Iterable[str] = (),
    ) -> None:
        """`owners`: the names the Owner box suggests (the owners of earlier post-mortems)."""
        super().__init__(classes="modal")
        self._create = create
        self._owners = tuple(owners)
        self._timezone = default_timezone
        self._date = default_date

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
                    TypeSelect(
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
                    hint=_DATE_HINT,
                    id="ff-incident_date",
                    select_default=True,
                )
            with Horizontal(classes="form-row"):
                # Asked here, the owner need not be found in the header afterwards: tabbing
                # there from Summary, a name landed in Detection (mock meeting 9).
                yield FormField(
                    "Owner (optional)",
                    # Earlier owners as written, a role included (see SuggestInput).
                    SuggestInput(
                        owners=self._owners, placeholder="e.g. one named person", id="owner"
                    ),
                    hint="Who drives the review; tab takes the suggestion",
                    id="ff-owner",
                )
                yield FormField(
                    "Timezone",
                    Input(self._timezone, id="timezone", suggester=ZoneSuggester()),
                    hint="e.g. Europe/Berlin; → completes a name",
                    id="ff-timezone",
                    select_default=True,
                )
            with Horizontal(classes="modal-buttons"):
                yield self.keys_line()
                yield Button("Cancel", id="cancel")
                yield Button("Create", id="create", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        # A refusal's message goes once its box holds something else: a corrected date kept
        # the red border and "'27th dec 2018' is not a date" until ctrl+s (mock meeting 16).
        self.forget_stale_refusal(event.input)
        if event.input.id == "incident_date":
            # "-3d" means a day: it is shown as typed, not first in the list after creating.
            preview = incident_day_preview(event.value, date.fromisoformat(self._date))
            self.query_one("#ff-incident_date", FormField).set_hint(preview or _DATE_HINT)

    def form_changed(self) -> bool:
        """Whether anything differs from what the dialog opened with."""
        values = (
            self.query_one("#title", Input).value.strip(),
            self.query_one("#owner", Input).value.strip(),
            self.query_one("#incident_date", Input).value,
            self.query_one("#timezone", Input).value,
            self.query_one("#severity", Select).value,
        )
        return values != ("", "", self._date, self._timezone, _SEVERITY)

    def submit(self) -> PostMortem:
        values = {
            name: self.query_one(f"#{name}", Input).value
            for name in ("title", "owner", "incident_date", "timezone")
        }
        values["severity"] = str(self.query_one("#severity", Select).value)
        return self._create(values)
