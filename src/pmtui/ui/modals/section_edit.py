"""Provides SectionEditModal: one narrative section (summary, impact, ...) edited in place.

Meeting mode shows the summary and impact to the room; when the room corrects them, the
facilitator edits them there and then instead of leaving the meeting for the Overview pane.
The caller saves through the service; a ValidationError keeps the text and shows why.

Escape after a change asks first, as every form does (pmtui.ui.modals.discard): y discards,
ctrl+s saves, n or enter keep editing. Saving on escape was the other choice, but escape
means "change nothing" in every pmtui form, and text half-typed while the room talks must not
reach the document unasked; asking keeps both ways open for one more key. Throwing the typing
away takes a deliberate key: enter is the reflex confirm, pressed in front of a room before
the question is read. The question is its own dialog because y and n typed in the text box
are text. Unchanged text closes at once.

In a short terminal the text box gives up rows so the whole dialog fits: at 80x24 the body
scrolled to the box's cursor and pushed its heading out of sight, so the room saw a dialog
that did not say what it edits.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widgets import Button, Static, TextArea

from pmtui.ui.modals.form_modal import FormModal, form_bindings
from pmtui.ui.widgets.form_field import FormField
from pmtui.ui.widgets.narrative_area import NarrativeArea

#: The text box's rows when the terminal has room for them.
TEXT_ROWS = 12
#: Rows the dialog takes besides its text box: border, padding, heading, key line, buttons.
ROWS_BESIDE_TEXT = 12
#: The fewest rows the text box keeps, however short the terminal.
MIN_TEXT_ROWS = 4

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
            yield Static("ctrl+s saves · escape cancels", classes="field-hint", id="section-keys")
            with Horizontal(classes="modal-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ff-section-text .field-label").display = False
        self._fit_height(self.app.size.height)
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_resize(self, event: Resize) -> None:
        self._fit_height(event.size.height)

    def _fit_height(self, height: int) -> None:
        """The text box as tall as the dialog can be (95% of the terminal, see modals.tcss)
        less what it needs besides, so the heading stays in sight."""
        room = height * 95 // 100 - ROWS_BESIDE_TEXT
        rows = max(MIN_TEXT_ROWS, min(TEXT_ROWS, room))
        self.query_one(TextArea).styles.height = rows

    def discard_question(self) -> str | None:
        # Its own question had escape keep editing and ctrl+s do nothing, unlike every other
        # form's (mock meeting 17): the common one now, in the section's words.
        return f"Discard your changes to the {self._heading.lower()}?"

    def submit(self) -> bool:
        self._save(self.query_one(TextArea).text)
        return True
