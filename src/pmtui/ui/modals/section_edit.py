"""Provides SectionEditModal: one narrative section (summary, impact, ...) edited in place.

Meeting mode shows the summary and impact to the room; when the room corrects them, the
facilitator edits them there and then instead of leaving the meeting for the Overview pane.
The caller saves through the service; a ValidationError keeps the text and shows why.

Escape after a change asks first, on one line in the dialog: enter discards, escape keeps
editing. Saving on escape was the other choice, but escape means "change nothing" in every
pmtui form, and text half-typed while the room talks must not reach the document unasked;
asking keeps both ways open for one more key. Unchanged text closes at once.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static, TextArea

from pmtui.ui.modals.form_modal import FormModal, form_bindings
from pmtui.ui.widgets.form_field import FormField
from pmtui.ui.widgets.narrative_area import NarrativeArea

#: Saves the edited text; raises ValidationError to refuse it.
SaveSection = Callable[[str], object]


class SectionEditModal(FormModal[bool]):
    """Dismisses with True once the text was saved, False when cancelled."""

    BINDINGS = [
        *form_bindings(
            "section", cancel="Change nothing", save="Save the section", save_priority=True
        ),
        # Only while the dialog asks "Discard your changes?"; otherwise enter is a new line.
        Binding(
            "enter",
            "discard",
            "Discard",
            show=False,
            id="section.discard",
            tooltip="Close without saving, once asked whether to discard the changes",
            priority=True,
        ),
    ]
    CANCELLED = False
    ERROR_FIELD = "section-text"

    def __init__(self, heading: str, text: str, save: SaveSection) -> None:
        super().__init__(classes="modal", id="section-edit")
        self._heading = heading
        self._text = text
        self._save = save
        self._asking = False
        self._discarding = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body section-edit-body"):
            yield Static(self._heading, classes="modal-title")
            area = NarrativeArea(
                self._text, id="section-text", soft_wrap=True, tab_behavior="focus"
            )
            yield FormField(self._heading, area, id="ff-section-text")
            yield Static("ctrl+s saves · escape cancels", classes="field-hint", id="section-keys")
            with Horizontal(classes="modal-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ff-section-text .field-label").display = False
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "discard":
            return self._asking
        return super().check_action(action, parameters)

    def may_close_unsaved(self) -> bool:
        if self._discarding:
            return True
        if self._asking:
            self._ask(False)  # escape again: back to the text, nothing lost
        elif self.query_one(TextArea).text != self._text:
            self._ask(True)
        else:
            return True
        return False

    def action_discard(self) -> None:
        self._discarding = True
        self.action_cancel()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._asking:
            self._ask(False)  # typing on answers "keep editing"

    def _ask(self, asking: bool) -> None:
        self._asking = asking
        keys = self.query_one("#section-keys", Static)
        keys.update(
            "Discard your changes? enter discards · escape keeps editing"
            if asking
            else "ctrl+s saves · escape cancels"
        )
        keys.set_class(asking, "-asking")
        self.refresh_bindings()

    def submit(self) -> bool:
        self._save(self.query_one(TextArea).text)
        return True
