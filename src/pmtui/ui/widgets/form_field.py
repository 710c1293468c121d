"""Provides FormField: a label, one input widget and the inline message for bad input, and
`input_field`, the one-line text box field most forms are made of.

A refused value stays in its box with the reason under it until the user changes it: a form
that refills its fields from the saved post-mortem (the Overview, after any other field is
saved) skips a field that `holds_refused`, or a too-long tag would vanish, reason and all.
`refused_field` and `refusal` read which field a ValidationError names and what to say there,
for every form alike ("services[1]" is the Services field, its second entry).

Focus put in a filled one-line box by the program (a refusal shown, the Overview's fields)
does not select its text. A default a form offers (today's date) may be selected whenever
it is focused while untouched, so typing replaces it; once changed, it is the user's text.
Tab and shift+tab in a form dialog, and the form opening, select the box they enter
(FormModal's rule, one for every dialog).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from pmtui.model.errors import ValidationError
from pmtui.ui.widgets.show_text import show_text


def refused_field(where: str) -> str:
    """The form field a ValidationError's `where` names: "services[1]" -> "services",
    "timeline[3].at" -> "timeline"."""
    return where.split(".")[0].split("[")[0]


def refusal(error: ValidationError) -> str:
    """The message shown under the refused field; in a list ("services[1]") it names the
    entry, since the field holds several."""
    head = error.where.split(".")[0]
    index = head[len(refused_field(head)) :].strip("[]")
    if index.isdigit():
        return f"entry {int(index) + 1}: {error.message}"
    return error.message


class FormField(Vertical):
    def __init__(
        self,
        label: str,
        control: Widget,
        *,
        hint: str = "",
        id: str | None = None,
        select_default: bool = False,
        show_label: bool = True,
    ):
        super().__init__(id=id, classes="form-field")
        self._label = label
        # False where a heading above already names the field (the Overview's sections).
        self._show_label = show_label
        self.control = control
        self._hint = hint
        # The offered default, selected on focus until the user changes it (None: never).
        self._default: str | None = None
        # What the box held when its value was refused (see changed_since_error).
        self._refused: str | None = None
        if isinstance(control, Input):
            self._default = control.value if select_default else None
            control.select_on_focus = select_default

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.control and event.value != self._default:
            self._default = None
            event.input.select_on_focus = False

    def compose(self) -> ComposeResult:
        # Plain text: a label may quote the user's words (a factor's title), "[/]" and all.
        label = Label(Content(self._label), classes="field-label")
        if not self._show_label:
            label.display = False  # shown otherwise as the stylesheet says
        yield label
        yield self.control
        # Shown or hidden before mounting: hiding them once mounted made every field of a
        # form ask for a new layout as it opened.
        hint = Static(Content(self._hint), classes="field-hint")
        hint.display = bool(self._hint)
        yield hint
        error = Static("", classes="field-error")
        error.display = False
        yield error

    def set_error(self, message: str) -> None:
        """Show `message` under the control (empty clears it); what was typed stays."""
        if not message and not self.has_class("-invalid"):
            return  # no error shown: clearing it would only lay the form out again
        error = self.query_one(".field-error", Static)
        # Plain text: a message quotes what was typed, and "[/]" typed is not markup.
        error.update(Content(message))
        error.display = bool(message)
        self.set_class(bool(message), "-invalid")
        self._refused = self.control.value if message and isinstance(self.control, Input) else None
        self.query_one(".field-hint", Static).display = not message and bool(self._hint)
        if message:
            # In a form that scrolls, the refusal's last lines could sit below the visible part
            # while the box itself showed (mock 36a: "'12/05' is not a date; use" at 80x24).
            self.call_after_refresh(error.scroll_visible, animate=False)

    @property
    def holds_refused(self) -> bool:
        """Whether the field shows a value that was refused (with its reason): what was
        typed stays there until the user changes it, whatever else is saved meanwhile."""
        return self.has_class("-invalid")

    def changed_since_error(self) -> bool:
        """Whether the box now holds something else than the value refused. An Input.Changed
        can arrive after the refusal for typing made before it (keys sent in one burst, ctrl+s
        last): it must not clear the message the user has not yet seen."""
        if not isinstance(self.control, Input) or self._refused is None:
            return True
        return self.control.value != self._refused

    @property
    def label(self) -> str:
        """The field's name as its label reads ("Priority")."""
        return self._label

    def point_out(self, note: str) -> None:
        """Mark this field as the one the dialog was opened for, `note` after its name
        ("Owner ◀ Checks"): opened there by a finding, the focus alone did not say why."""
        self.add_class("-pointed-out")
        label = self.query_one(".field-label", Label)
        label.update(Content(f"{self._label} {note}"))

    @property
    def hint(self) -> str:
        """The quiet line under the control, as last set."""
        return self._hint

    def set_hint(self, hint: str) -> None:
        """Replace the quiet line under the control (e.g. what a typed line will mean)."""
        self._hint = hint
        line = self.query_one(".field-hint", Static)
        # The Overview sets its hints again after every save, mostly to the same words.
        show_text(line, Content(hint))
        if not self.has_class("-invalid"):
            line.display = bool(hint)


def input_field(
    label: str,
    prefix: str,
    name: str,
    value: str = "",
    *,
    placeholder: str = "",
    hint: str = "",
) -> FormField:
    """A field holding one text box: the box is `#prefix-name` and the field `#ff-name`, the
    id FormModal.field_for finds when a saved value named `name` is refused."""
    box = Input(value, placeholder=placeholder, id=f"{prefix}-{name}")
    return FormField(label, box, hint=hint, id=f"ff-{name}")
