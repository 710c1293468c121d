"""Provides the small dialogs of the Five Whys: a problem or answer to type, a cause category.

WhyTextModal opens on the text it edits selected, as a filled box entered by tab is (see
form_modal), so typing replaces it. It saves through a callback that raises ValidationError
for refused text, so the message appears under the box and what was typed stays. Both dialogs
show the blameless hint while typing, because the words are cheapest to change before they
are saved.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from pmtui.analysis.person_blame import person_blame
from pmtui.model.enums import CauseCategory
from pmtui.ui.modals.form_modal import FormModal, form_bindings
from pmtui.ui.stylesheets import MODAL_CSS
from pmtui.ui.widgets.entered_box import select_entered
from pmtui.ui.widgets.form_field import FormField

#: One line per category, so a room can agree on one without a glossary.
CATEGORY_HELP: dict[CauseCategory, str] = {
    CauseCategory.PROCESS: "a step, checklist or review was missing",
    CauseCategory.TESTING: "tests did not cover the case",
    CauseCategory.MONITORING: "nothing watched it, or no one was told",
    CauseCategory.OPERATIONAL_DESIGN: "the design made failure easy or large",
    CauseCategory.TOOLING: "a tool made the slip easy",
    CauseCategory.COMMUNICATION: "the right people did not hear in time",
    CauseCategory.CONFIGURATION: "a setting was wrong or drifted",
    CauseCategory.CAPACITY: "not enough headroom",
    CauseCategory.DEPENDENCY: "a service or vendor we rely on",
    CauseCategory.DOCUMENTATION: "a runbook or doc was missing or wrong",
    CauseCategory.OTHER: "none of the above",
}

#: Saves the typed text; raises ValidationError to refuse it.
SaveText = Callable[[str], object]


class WhyTextModal(FormModal[bool]):
    """One line of text for a why chain: a new problem, or an edited problem or answer."""

    BINDINGS = form_bindings("why_text", cancel="Change nothing")
    CANCELLED = False
    ERROR_FIELD = "why-text"
    DISCARD_QUESTION = "Discard this answer?"

    def __init__(
        self,
        title: str,
        label: str,
        save: SaveText,
        *,
        text: str = "",
        placeholder: str = "",
        hint: str = "",
        action: str = "Save",
    ) -> None:
        super().__init__(classes="modal", id="why-text-form")
        self._title = title
        self._label = label
        self._save = save
        self._text = text
        self._placeholder = placeholder
        self._hint = hint
        self._action = action

    def discard_question(self) -> str | None:
        # Of a saved answer, "discard this answer?" reads like deleting it.
        return "Discard your changes to this answer?" if self._text else self.DISCARD_QUESTION

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body"):
            # The title quotes the statement asked about: plain text, not markup.
            yield Static(self._title, classes="modal-title", markup=False)
            yield FormField(
                self._label,
                Input(self._text, placeholder=self._placeholder, id="why-text"),
                hint=self._hint,
                id="ff-why-text",
            )
            yield Static("", id="why-text-blame", classes="blame-hint")
            with Horizontal(classes="modal-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button(self._action, id="save", variant="primary")

    def on_mount(self) -> None:
        self._show_blame(self._text)
        # Opened on a saved answer, the box is there to reword it: typed after the old
        # words, "…notice the alertThe topology alert fired…" reached the shared screen.
        # Selected, typing replaces it; → or end keeps it to edit.
        box = self.query_one("#why-text", Input)
        select_entered(box)
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_blame(event.value)

    def _show_blame(self, text: str) -> None:
        found = person_blame(text)
        hint = self.query_one("#why-text-blame", Static)
        hint.update(f"⚠ {found.hint}" if found else "")
        hint.display = found is not None

    def submit(self) -> bool:
        self._save(self.query_one("#why-text", Input).value)
        return True


class CauseCategoryModal(ModalScreen[CauseCategory | None]):
    """Pick the category of a root cause; the cause itself is shown so the room can check."""

    CSS_PATH = MODAL_CSS

    BINDINGS = form_bindings("cause_category", cancel="Keep it open")

    def __init__(self, cause: str, current: CauseCategory | None = None) -> None:
        super().__init__(classes="modal", id="cause-category-form")
        self._cause = cause
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body"):
            yield Static("Root cause: what kind of cause is it?", classes="modal-title")
            yield Static(self._cause, id="cause-text", markup=False)
            yield OptionList(
                *(
                    Option(f"{category.value:<19} {CATEGORY_HELP[category]}", id=category.value)
                    for category in CauseCategory
                ),
                id="cause-categories",
                compact=True,
            )
            yield Static(
                "enter marks the root cause · esc keeps the chain open", classes="field-hint"
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        current = self._current.value if self._current else CauseCategory.PROCESS.value
        options.highlighted = options.get_option_index(current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:  # every option's id is a category's value
            self.dismiss(CauseCategory(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
