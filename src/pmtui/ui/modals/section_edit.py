"""Provides SectionEditModal: one narrative section (summary, impact, ...) edited in place.

Meeting mode shows the summary and impact to the room; when the room corrects them, the
facilitator edits them there and then instead of leaving the meeting for the Overview pane.
The caller saves through the service; a ValidationError keeps the text and shows why.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static, TextArea

from pmtui.ui.modals.form_modal import FormModal, form_bindings
from pmtui.ui.widgets.form_field import FormField
from pmtui.ui.widgets.narrative_area import NarrativeArea

#: Saves the edited text; raises ValidationError to refuse it.
SaveSection = Callable[[str], object]


class SectionEditModal(FormModal[bool]):
    """Dismisses with True once the text was saved, False when cancelled."""

    BINDINGS = form_bindings(
        "section", cancel="Change nothing", save="Save the section", save_priority=True
    )
    CANCELLED = False
    ERROR_FIELD = "section-text"

    def __init__(self, heading: str, text: str, save: SaveSection) -> None:
        super().__init__(classes="modal", id="section-edit")
        self._heading = heading
        self._text = text
        self._save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body section-edit-body"):
            yield Static(self._heading, classes="modal-title")
            area = NarrativeArea(
                self._text, id="section-text", soft_wrap=True, tab_behavior="focus"
            )
            yield FormField(self._heading, area, id="ff-section-text")
            yield Static("ctrl+s saves · escape cancels", classes="field-hint")
            with Horizontal(classes="modal-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ff-section-text .field-label").display = False
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def submit(self) -> bool:
        self._save(self.query_one(TextArea).text)
        return True
