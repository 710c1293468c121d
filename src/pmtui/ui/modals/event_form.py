"""Provides the timeline's dialogs: EventFormModal (add, insert, edit) and StampEventModal
(the facilitator's one-line prompt for an event whose time is already fixed)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Select, Static

from pmtui.model.enums import EventKind
from pmtui.ui.modals.form_modal import KEEP_OPEN, FormModal, KeepOpen, form_bindings
from pmtui.ui.widgets.form_field import FormField
from pmtui.ui.widgets.type_select import TypeSelect

#: Saves the typed values; returns the event's id, None if the save failed (the form stays
#: open with what was typed), or raises ValidationError for the inline message.
SaveEvent = Callable[[dict[str, str]], str | None]
#: Saves the typed line as an event at the fixed time; same contract as SaveEvent.
SaveStamp = Callable[[str], str | None]

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
        editing: bool = False,
    ) -> None:
        """`editing` is True for a saved event, False for a new one (its text may be filled
        in already, as when a typed line asks for its time)."""
        super().__init__(classes="modal event-form")
        self._heading = heading
        self._values = values
        self._save = save
        self._time_hint = time_hint
        self._editing = editing

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
                    hint=self._time_hint,
                    id="ff-at",
                    # Editing an event: a first keystroke must not wipe its time, so it is
                    # not selected. A new event's offered time is, even with text filled in
                    # (typing "23:13" once gave "2018-10-22 23:032018-10-21 23:13").
                    select_default=not self._editing,
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
                yield Static("enter or ctrl+s saves · escape cancels", classes="modal-keys")
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        # The first field shown is the one typed into first, whatever the form is for.
        self.query_one("#at", Input).focus()

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
            yield Static("enter saves · escape cancels", classes="modal-keys")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def submit(self) -> str | KeepOpen:
        event_id = self._save(self.query_one("#text", Input).value)
        return KEEP_OPEN if event_id is None else event_id
