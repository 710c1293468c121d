"""Provides FormModal: the one way pmtui's form dialogs submit, refuse input and cancel.

Escape cancels, and asks first ("Discard …?", only y discards; the form's ctrl+s saves from
there) once anything in the form differs from what it opened with: a reflex escape in front
of the room must not throw away a typed action item or a roll call. Enter in a one-line box
submits, and so does ctrl+s where a form declares it (`form_bindings`); such a form says so
beside its buttons, in one line for all (`keys_line`). Submitting clears the old messages and
asks the form's `submit` for its result: the dialog then closes with it, or, on a
ValidationError, the message appears under the field the error names and everything typed
stays where it was.

Entering a filled one-line box from the keyboard selects its text, in every form alike, so
typing replaces it (the rule of pmtui.ui.widgets.entered_box, which the Overview follows
too): by tab or shift+tab, and the box a form focuses as it opens, a saved event's time or
an action's text included (an edit form that put the cursor after "2022-04-06 22:30" read
"23:05" typed as "2022-04-06 22:3023:05"); → or end keeps the text. Showing a refusal puts
the focus without selecting: what was refused is there to be corrected.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any, ClassVar, TypeVar

from textual import events
from textual.binding import Binding, BindingType
from textual.css.query import QueryType
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Select,
    SelectionList,
    Static,
    Switch,
    TextArea,
)

from pmtui.model.errors import ValidationError
from pmtui.ui.notices import (
    CHANGE,
    TYPED_WORD,
    UNSAVED_AGAIN_SECONDS,
    SecondPress,
    drop_notices_told_by,
    notify_kind,
)
from pmtui.ui.stylesheets import MODAL_CSS
from pmtui.ui.widgets.entered_box import select_entered, select_from_start
from pmtui.ui.widgets.footer import show_dialog_keys
from pmtui.ui.widgets.form_field import FormField, refusal, refused_field
from pmtui.ui.widgets.type_select import TypeSelect

ResultT = TypeVar("ResultT")

# A field name that can be part of a CSS id; anything else falls back to the form's field.
_FIELD_NAME = re.compile(r"^[A-Za-z_][\w-]*$")


class KeepOpen(Enum):
    """What `submit` returns when the dialog stays open without an error to show (nothing
    was saved for another reason, or the work continues in a worker or a second dialog)."""

    KEEP_OPEN = "keep open"


KEEP_OPEN = KeepOpen.KEEP_OPEN


def form_bindings(
    prefix: str, *, cancel: str, save: str = "", save_priority: bool = False
) -> list[BindingType]:
    """Escape cancels (tooltip `cancel`); with `save`, ctrl+s submits. Each form still
    declares its own BINDINGS, so its ids (`prefix`.cancel, `prefix`.save) stay remappable."""
    bindings: list[BindingType] = [
        Binding("escape", "cancel", "Cancel", id=f"{prefix}.cancel", tooltip=cancel)
    ]
    if save:
        bindings.append(
            Binding(
                "ctrl+s", "save", "Save", id=f"{prefix}.save", tooltip=save, priority=save_priority
            )
        )
    return bindings


class FormModal(ModalScreen[ResultT]):
    """Base of a form dialog. A subclass composes its FormFields and implements `submit`.

    The buttons follow one convention: the one with id "cancel" cancels, any other submits.
    Message handlers run for every class of the MRO, so subclasses override the hooks
    (`submit`, `input_submitted`, `show_error`), not `on_input_submitted` or
    `on_button_pressed`.
    """

    CSS_PATH = MODAL_CSS

    #: What the dialog closes with when cancelled.
    CANCELLED: ClassVar[Any] = None
    #: The field (its FormField id without "ff-") for an error that names none of this form.
    ERROR_FIELD: ClassVar[str] = "text"

    def submit(self) -> ResultT | KeepOpen:
        """Validate and save what was typed; return the dialog's result or KEEP_OPEN.
        Raise ValidationError to refuse it: the message goes under the field it names."""
        raise NotImplementedError

    #: What the keys line calls submitting ("creates" where the button says Create).
    SAVES: ClassVar[str] = "saves"

    def keys_line(self, saves: str = "") -> Static:
        """The line beside the buttons of a form that submits on enter: "enter or ctrl+s
        saves · escape cancels" (`saves` in place of SAVES). The action form said nothing,
        and enter in its Tracker box (meant to step on) saved the whole item (mock meeting
        15)."""
        keys = " or ".join(dict.fromkeys(("enter", self._save_key())))
        return Static(f"{keys} {saves or self.SAVES} · escape cancels", classes="modal-keys")

    #: Set once a submit closed the dialog: an enter still queued behind it (a burst, a
    #: double press) must not save a second time what the first one saved.
    _submitted = False
    #: A save with typing a drop-down refused stays once to say so (see _keeps_refused_run).
    _save_again: SecondPress | None = None

    def action_save(self) -> None:
        if self._submitted or self._keeps_refused_run():
            return
        self.clear_errors()
        try:
            result = self.submit()
        except ValidationError as error:
            self.show_error(error)
            # Said, not only shown under the field: a refused ctrl+s looked like nothing, and
            # the keys typed next for another item replaced the refused deadline (mock 34a).
            notify_kind(
                self,
                f"Not saved: {self.field_for(error.where).label} is refused (the reason is "
                "under it). Fix it and save again, or escape cancels.",
                kind="form-refused",
                severity="warning",
                timeout=UNSAVED_AGAIN_SECONDS,
            )
            return
        if not isinstance(result, KeepOpen):
            self._submitted = True
            # The refusal is over: "Not saved" stayed up beside "✓ Saved" in the workspace the
            # fixed form had just created (mock 35b).
            drop_notices_told_by(self)
            self.dismiss(result)

    def _keeps_refused_run(self) -> bool:
        """Whether a first save stays because a drop-down holds typing it refused: "2027-01-15"
        typed on Priority (a shift+tab too many) changed nothing, the hint said so, and ctrl+s
        saved without it while the room talked over the screen. Pressed again soon, it saves."""
        select = next((found for found in self.query(TypeSelect) if found.refused_run), None)
        if select is None:
            return False
        if self._save_again is None:
            self._save_again = SecondPress()
        if not self._save_again.warns():
            return False
        field = next((node for node in select.ancestors if isinstance(node, FormField)), None)
        where = f" on {field.label}" if field is not None else ""
        typed = " ".join(select.refused_text.split())
        self.notify(
            f"“{typed}” typed{where} is not a choice, so it was not kept: "
            f"{self._save_key()} again saves without it",
            severity="warning",
            timeout=UNSAVED_AGAIN_SECONDS,
            markup=False,
        )
        return True

    def _save_key(self) -> str:
        """The key that saves this form, spelt as the form's keys line spells it ("ctrl+s")."""
        binding = next(
            (b for b in self.BINDINGS if isinstance(b, Binding) and b.action == "save"), None
        )
        return binding.key if binding is not None else "enter"

    def on_type_select_refusal_changed(self, message: TypeSelect.RefusalChanged) -> None:
        # A new refused run is told anew, however soon after the last one was.
        if message.select.refused_run:
            self._save_again = None

    #: Asked when escape would throw away what was typed; None closes at once.
    DISCARD_QUESTION: ClassVar[str | None] = "Discard what you typed?"
    _discarding = False
    _opened_with: tuple[object, ...] | None = None
    _focused_before: Widget | None = None

    def on_mount(self) -> None:
        # Handlers run for every class of the MRO, the subclass's first: what its own
        # on_mount filled in is part of the starting point, not typing.
        self._opened_with = self.form_state()
        show_dialog_keys(self)
        # The subclass's focus() is queued on the app already; this runs after it lands.
        self.app.call_later(self._select_opening_box)

    #: The box the form opens on shows the start of its text (see entered_box).
    OPENS_ON_START: ClassVar[bool] = False

    def _select_opening_box(self) -> None:
        """Select the text of the box the form opened on, unless typing has begun there."""
        if self.form_changed():
            return
        if self.OPENS_ON_START:
            select_from_start(self.focused)
        else:
            select_entered(self.focused)

    def discard_question(self) -> str | None:
        """What escape asks when the form holds typing; None closes at once."""
        return self.DISCARD_QUESTION

    def form_state(self) -> tuple[object, ...]:
        """What the form's controls hold now, in document order."""
        state: list[object] = []
        for control in self.query("Input, TextArea, Select, SelectionList, Checkbox, Switch"):
            if isinstance(control, Input):
                state.append(control.value)
            elif isinstance(control, TextArea):
                state.append(control.text)
            elif isinstance(control, SelectionList):
                # As a set: a name unticked and ticked again is back where it was, though
                # SelectionList keeps it last ("Discard the roll call's changes?" for nothing).
                state.append((control.option_count, tuple(sorted(map(str, control.selected)))))
            elif isinstance(control, Select | Checkbox | Switch):
                state.append(control.value)
        return tuple(state)

    def form_changed(self) -> bool:
        """Whether anything differs from what the dialog opened with."""
        return self._opened_with is not None and self.form_state() != self._opened_with

    def action_cancel(self) -> None:
        if self.may_close_unsaved():
            self.dismiss(self.CANCELLED)

    def may_close_unsaved(self) -> bool:
        """Whether cancelling closes now; with typing in the form it asks first."""
        question = self.discard_question()
        if question is None or self._discarding or not self.form_changed():
            return True
        from pmtui.ui.modals.discard import DiscardTypingModal

        self._focused_before = self.focused
        # The form's own save key saves from the question too; enter there keeps editing.
        save_key = self._save_key()
        asking = DiscardTypingModal(question, save_key if save_key != "enter" else "")
        self.app.push_screen(
            asking,
            lambda discard: self._discard_answered(
                discard, save=asking.save_chosen, key=asking.kept_with
            ),
        )
        return False

    def _discard_answered(self, discard: bool | None, *, save: bool = False, key: str = "") -> None:
        if discard:
            self._discarding = True
            self.action_cancel()
            return
        if self._focused_before is not None and self._focused_before.is_attached:
            self._focused_before.focus()
        if save:
            self._save_after_question()
        elif key:
            # After the focus above has landed, so the key acts on the box it left.
            self.app.call_later(self._run_priority_binding, key)

    async def _run_priority_binding(self, key: str) -> None:
        """Run here the priority binding of `key`, the key that closed the question to keep
        editing: ctrl+a, pressed there to retype the box, selects all in it (see
        pmtui.ui.modals.discard). Priority bindings only, which act wherever the focus is: a
        letter or an arrow typed on the question is no command for the form."""
        if not self.is_current:
            return
        # As Textual reads a key's priority bindings, keymap applied (private, as no public
        # call runs a key's bindings without pressing it again through the key order).
        await self.app._check_bindings(key, priority=True)

    def _save_after_question(self) -> None:
        """The save key answered "Discard?": save as that key does in the form, and say so,
        since the question had just offered to throw the typing away. A refusal shows under
        its field as always, and the form stays."""
        self.action_save()
        if self._submitted:
            notify_kind(self, "Saved, not discarded: what you typed is kept.", kind=CHANGE)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.input_submitted(event.input)

    def input_submitted(self, box: Input) -> None:
        """Enter in a one-line box: by default the whole form is submitted."""
        self.action_save()

    # Words typed on a button ---------------------------------------------------------------

    #: Seconds between two keys typed on a button that make one run of words.
    BUTTON_TYPING_PAUSE: ClassVar[float] = 2.0
    #: The button typed on, what was typed on it, and when the last key came.
    _typed_on_button: tuple[Button, str, float] | None = None

    def on_key(self, event: events.Key) -> None:
        """A letter typed on a button reaches no field (a button takes only enter): say so,
        quoting the words, so they are typed again where they belong. A tab too many after
        the last field put the focus on Cancel, and "how it made sense at the time" went
        nowhere without a word (mock meeting 26a)."""
        button = self.focused
        if not isinstance(button, Button) or not event.is_printable:
            return
        now = event.time
        run = self._typed_on_button
        if run is None or run[0] is not button or now - run[2] > self.BUTTON_TYPING_PAUSE:
            if event.key == "space":
                return  # a space alone is no word (nor, in Textual, a press)
            run = (button, "", now)
        text = run[1] + (event.character or "")
        self._typed_on_button = (button, text, now)
        shown = text if len(text) <= 40 else "…" + text[-39:]
        notify_kind(
            self,
            f"“{shown}” was typed on the {button.label} button, where it goes nowhere: "
            "shift+tab goes back to the fields.",
            kind=TYPED_WORD,
            severity="warning",
            timeout=8,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.action_cancel()
        else:
            self.action_save()

    # Tab and shift+tab: entering a filled box selects it ---------------------------------------

    @property
    def focus_chain(self) -> list[Widget]:
        """Textual's focus order, the buttons last: Textual orders by where each widget is
        laid out, so buttons docked under fields that scroll came before the fields scrolled
        out of sight below them, and at 120x35 tab went from "For customers" to Cancel and
        Save, while the verification typed after went nowhere (mock meeting 26b)."""
        chain = super().focus_chain
        buttons = [w for w in chain if any(a.has_class("modal-buttons") for a in w.ancestors)]
        return [w for w in chain if w not in buttons] + buttons

    def focus_next(self, selector: str | type[QueryType] = "*") -> Widget | None:
        return select_entered(super().focus_next(selector))

    def focus_previous(self, selector: str | type[QueryType] = "*") -> Widget | None:
        return select_entered(super().focus_previous(selector))

    # Messages under the fields --------------------------------------------------------------

    def field_for(self, where: str) -> FormField:
        """The field an error's `where` ("due", "timeline[3].at") names, else ERROR_FIELD's."""
        name = refused_field(where)
        found = self.query(f"#ff-{name}") if _FIELD_NAME.match(name) else None
        if found:
            return found.first(FormField)
        return self.query_one(f"#ff-{self.ERROR_FIELD}", FormField)

    def show_error(self, error: ValidationError) -> None:
        """Put the message under its field and give that field the focus, its refused text
        selected: what is typed next replaces it (a date typed after "sep 7th" was refused
        made "sep 7th2023-09-07", mock meeting 15); → or end keeps it to correct."""
        field = self.field_for(error.where)
        field.set_error(refusal(error))
        select_entered(field.control.focus())

    def forget_stale_refusal(self, box: Input) -> None:
        """Take a refusal's message from under `box` once it holds something else than the
        value refused (called from a form's on_input_changed)."""
        field = next((node for node in box.ancestors if isinstance(node, FormField)), None)
        if field is not None and field.holds_refused and field.changed_since_error():
            field.set_error("")

    def clear_errors(self) -> None:
        for field in self.query(FormField):
            if field.has_class("-invalid"):
                field.set_error("")
