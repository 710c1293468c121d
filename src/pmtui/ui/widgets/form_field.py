"""Provides FormField: a label, one input widget and the inline message for bad input, and
`input_field`, the one-line text box field most forms are made of.

Tab into a filled one-line box must not select its text: the next key would wipe a saved
title or an action text typed before a refused save. A form's field therefore puts the cursor
at the end. Only a default a new form offers (today's date, a new event's time) is selected
while it is untouched, so typing replaces it; once changed, it is the user's text.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Static


class FormField(Vertical):
    def __init__(
        self,
        label: str,
        control: Widget,
        *,
        hint: str = "",
        id: str | None = None,
        select_default: bool = False,
    ):
        super().__init__(id=id, classes="form-field")
        self._label = label
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
        yield Label(Content(self._label), classes="field-label")
        yield self.control
        yield Static(Content(self._hint), classes="field-hint")
        yield Static("", classes="field-error")

    def set_error(self, message: str) -> None:
        """Show `message` under the control (empty clears it); what was typed stays."""
        error = self.query_one(".field-error", Static)
        # Plain text: a message quotes what was typed, and "[/]" typed is not markup.
        error.update(Content(message))
        error.display = bool(message)
        self.set_class(bool(message), "-invalid")
        self._refused = self.control.value if message and isinstance(self.control, Input) else None
        self.query_one(".field-hint", Static).display = not message and bool(self._hint)

    def changed_since_error(self) -> bool:
        """Whether the box now holds something else than the value refused. An Input.Changed
        can arrive after the refusal for typing made before it (keys sent in one burst, ctrl+s
        last): it must not clear the message the user has not yet seen."""
        if not isinstance(self.control, Input) or self._refused is None:
            return True
        return self.control.value != self._refused

    def set_hint(self, hint: str) -> None:
        """Replace the quiet line under the control (e.g. what a typed line will mean)."""
        self._hint = hint
        self.query_one(".field-hint", Static).update(Content(hint))
        if not self.has_class("-invalid"):
            self.query_one(".field-hint", Static).display = bool(hint)

    def on_mount(self) -> None:
        self.set_error("")


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
