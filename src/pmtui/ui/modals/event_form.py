"""Provides the timeline's dialogs: EventFormModal (add, insert, edit) and StampEventModal
(the facilitator's one-line prompt for an event whose time is already fixed).

Under the form's Time box, as it is typed, stands the exact instant the event will be saved
at (or why the time cannot be read): a bare `23:13` may mean either night of a multi-day
incident, and the rule that picks one (the line under it) is easier read off the date it gives.
The form is handed the one function the save reads the time with, so both always agree.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Select, Static

from pmtui.model.enums import EventKind
from pmtui.model.errors import ValidationError
from pmtui.model.quick_add import preview_instant
from pmtui.ui.modals.form_modal import KEEP_OPEN, FormModal, KeepOpen, form_bindings
from pmtui.ui.widgets.form_field import FormField, refusal
from pmtui.ui.widgets.show_text import show_text
from pmtui.ui.widgets.type_select import TypeSelect

#: Saves the typed values; returns the event's id, None if the save failed (the form stays
#: open with what was typed), or raises ValidationError for the inline message.
SaveEvent = Callable[[dict[str, str]], str | None]
#: Saves the typed line as an event at the fixed time; same contract as SaveEvent.
SaveStamp = Callable[[str], str | None]
#: Reads the Time box as the save will (UTC), or raises ValidationError saying why not.
ReadTime = Callable[[str], datetime]

FIELDS = ("at", "kind", "text", "source", "link")


class EventFormModal(FormModal[str | None]):
    """Time, kind, text, source and link of one event; ctrl+s or enter saves."""

    BINDINGS = form_bindings(
        "event_form", cancel="Save nothing", save="Save the event", save_priority=True
    )
    DISCARD_QUESTION = "Discard this event?"

    def __init__(
        self,
        heading: str,
        values: dict[str, str],
        save: SaveEvent,
        *,
        time_hint: str,
        read_time: ReadTime | None = None,
        zone: tzinfo = UTC,
        editing: bool = False,
    ) -> None:
        """`read_time` is what the save reads the Time box with (None: no preview), shown in
        `zone`; `editing` is True for a saved event (escape then asks about discarding the
        changes), False for a new one."""
        super().__init__(classes="modal event-form")
        self._heading = heading
        self._values = values
        self._save = save
        self._time_hint = time_hint
        self._read_time = read_time
        self._zone = zone
        self._editing = editing
        # Why the typed time was refused on saving, shown until it is changed.
        self._time_refusal = ""

    def discard_question(self) -> str | None:
        # Of a saved event, "discard this event?" reads like deleting it.
        if self._editing:
            return "Discard your changes to this event?"
        return self.DISCARD_QUESTION

    def compose(self) -> ComposeResult:
        values = self._values
        with VerticalScroll(classes="modal-body"):
            yield Static(self._heading, classes="modal-title")
            with Horizontal(classes="form-row"):
                yield FormField(
                    "Time",
                    Input(values.get("at", ""), id="at"),
                    # Selected as the form opens (FormModal's rule, new event or saved one):
                    # typing replaces the time, → or end keeps it to edit.
                    id="ff-at",
                )
                yield FormField(
                    "Kind",
                    TypeSelect(
                        [(kind.value, kind.value) for kind in EventKind],
                        value=values.get("kind", EventKind.NOTE.value),
                        allow_blank=False,
                        id="kind",
                    ),
                    id="ff-kind",
                )
            # Under the Time box, the width of the form: beside the Kind the rule took two
            # lines, and with the preview the buttons left a 24-row screen.
            # Shown or hidden before mounting, as FormField does: no second layout on opening.
            preview = self._preview_text(values.get("at", ""))
            for line_id, text in (("at-preview", preview), ("at-rule", self._time_hint)):
                line = Static(Content(text), id=line_id, classes="field-hint")
                line.display = bool(text)
                yield line
            yield FormField(
                "What happened",
                Input(values.get("text", ""), placeholder="e.g. Synthetic check paged", id="text"),
                id="ff-text",
            )
            with Horizontal(classes="form-row"):
                yield FormField(
                    "Source",
                    Input(values.get("source", "manual"), placeholder="e.g. manual", id="source"),
                    id="ff-source",
                )
                yield FormField(
                    "Link",
                    Input(values.get("link", ""), placeholder="e.g. https://…", id="link"),
                    id="ff-link",
                )
            with Horizontal(classes="modal-buttons"):
                yield self.keys_line()
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        # The first field shown is the one typed into first, whatever the form is for.
        self.query_one("#at", Input).focus()

    # The instant the typed time means -----------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "at":
            return
        field = self.query_one("#ff-at", FormField)
        # A refusal of the old time would contradict the preview of the new one.
        if field.holds_refused and field.changed_since_error():
            field.set_error("")
        self._show_preview()

    def show_error(self, error: ValidationError) -> None:
        super().show_error(error)
        self._time_refusal = refusal(error)
        self._show_preview()

    def clear_errors(self) -> None:
        super().clear_errors()
        self._show_preview()

    def _preview_text(self, typed: str) -> str:
        if self._read_time is None:
            return ""
        return preview_instant(typed, self._read_time, self._zone)

    def _show_preview(self) -> None:
        preview = self.query_one("#at-preview", Static)
        field = self.query_one("#ff-at", FormField)
        refused = field.holds_refused
        if refused:
            # The refusal stands where the preview did, the form's width: in the column
            # beside the Kind its three lines pushed the form past a 24-row screen.
            field.query_one(".field-error", Static).display = False
            text = self._time_refusal
        else:
            text = self._preview_text(self.query_one("#at", Input).value)
        preview.set_class(refused, "field-error")
        preview.set_class(not refused, "field-hint")
        show_text(preview, Content(text))
        preview.display = bool(text)

    def values(self) -> dict[str, str]:
        typed = {name: self.query_one(f"#{name}", Input).value for name in FIELDS if name != "kind"}
        typed["kind"] = str(self.query_one("#kind", Select).value)
        return typed

    def submit(self) -> str | KeepOpen:
        event_id = self._save(self.values())
        return KEEP_OPEN if event_id is None else event_id


class StampEventModal(FormModal[str | None]):
    """One line for an event whose time was fixed when the stamp key was pressed."""

    BINDINGS = form_bindings("stamp", cancel="Stamp nothing")

    def __init__(self, heading: str, save: SaveStamp) -> None:
        super().__init__(classes="modal stamp-prompt")
        self._heading = heading
        self._save = save

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="modal-body"):
            yield Static(self._heading, classes="modal-title")
            yield FormField(
                "What happened",
                Input(placeholder="e.g. mitigated failover to eu-west done", id="text"),
                hint="A kind word first is optional: detected, ack, mitigated, resolved, …",
                id="ff-text",
            )
            yield self.keys_line()

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def submit(self) -> str | KeepOpen:
        event_id = self._save(self.query_one("#text", Input).value)
        return KEEP_OPEN if event_id is None else event_id
