"""Provides AttendeesModal: the roll call of a review meeting.

Everyone the post-mortem already names is listed (attendees ticked); space ticks or unticks a
name, a typed name joins the list ticked. The caller saves the ticked names through the
service, so the modal holds no rule about what a valid attendee list is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, SelectionList, Static

from pmtui.ui.modals.compact import ShortTerminalFit
from pmtui.ui.modals.form_modal import FormModal, form_bindings
from pmtui.ui.widgets.form_field import FormField

#: Saves the ticked names; raises ValidationError to refuse them.
SaveNames = Callable[[list[str]], object]


class AttendeesModal(FormModal[bool], ShortTerminalFit[bool]):
    """Dismisses with True once the ticked names were saved, False when cancelled."""

    BINDINGS = form_bindings(
        "attendees",
        cancel="Change nothing",
        save="Save the ticked names as the attendees",
        save_priority=True,
    )
    CANCELLED = False
    ERROR_FIELD = "attendee-new"

    def __init__(self, names: Iterable[str], present: Iterable[str], save: SaveNames) -> None:
        super().__init__(classes="modal", id="attendees-form")
        self._here = {name.casefold() for name in present}
        self._names: list[str] = []
        for name in names:
            if name and name.casefold() not in {n.casefold() for n in self._names}:
                self._names.append(name)
        self._save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body"):
            yield Static("Who is here?", classes="modal-title")
            # Content: a name is plain text, "[ops]" in it is not markup.
            yield SelectionList[str](
                *((Content(name), name, name.casefold() in self._here) for name in self._names),
                id="attendee-list",
            )
            yield FormField(
                "Someone else",
                Input(placeholder="type a name, enter adds it ticked", id="attendee-new"),
                id="ff-attendee-new",
            )
            yield Static(
                "enter adds the name · shift+tab to the list, space ticks · ctrl+s saves",
                classes="field-hint",
            )
            with Horizontal(classes="modal-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        # The room calls out names as they come in: typing one must work at once.
        self.query_one("#attendee-new", Input).focus()

    def input_submitted(self, box: Input) -> None:
        # Enter on a typed name adds it; enter on an empty box saves the roll call.
        if not box.value.strip():
            self.action_save()
            return
        self._add_typed()

    def _add_typed(self) -> None:
        """The name in the box joins the list, ticked (an existing name is just ticked)."""
        box = self.query_one("#attendee-new", Input)
        name = " ".join(box.value.split())
        if not name:
            return
        names = self.query_one(SelectionList)
        known = {value.casefold(): value for value in self._names}
        if name.casefold() in known:
            names.select(known[name.casefold()])
        else:
            self._names.append(name)
            names.add_option((Content(name), name, True))
        box.value = ""

    def selected(self) -> list[str]:
        ticked = set(self.query_one(SelectionList).selected)
        return [name for name in self._names if name in ticked]

    def submit(self) -> bool:
        self._add_typed()  # a name typed but not yet entered is meant to count
        self._save(self.selected())
        return True
