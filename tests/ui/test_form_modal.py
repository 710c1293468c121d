"""FormModal: escape cancels, enter and ctrl+s submit, a refused value is shown under its own
field with everything typed kept, and every form dialog of pmtui goes through it."""

from __future__ import annotations

import inspect

from textual.app import App, ComposeResult
from textual.widgets import Button, Input

from pmtui.model.errors import ValidationError
from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.attendees import AttendeesModal
from pmtui.ui.modals.event_form import EventFormModal, StampEventModal
from pmtui.ui.modals.export_file import ExportFileModal
from pmtui.ui.modals.form_modal import KEEP_OPEN, FormModal, KeepOpen, form_bindings
from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.modals.section_edit import SectionEditModal
from pmtui.ui.modals.waive import WaiveModal
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.widgets.form_field import FormField

FORM_MODALS = (
    ActionItemModal,
    AttendeesModal,
    EventFormModal,
    StampEventModal,
    ExportFileModal,
    NewPostMortemModal,
    SectionEditModal,
    WaiveModal,
    WhyTextModal,
)


class NameForm(FormModal[str]):
    """A name and an owner; "nobody" is refused for the owner, "later" keeps the form open."""

    BINDINGS = form_bindings("probe", cancel="Nothing", save="Save it")
    CANCELLED = "cancelled"
    ERROR_FIELD = "name"

    def compose(self) -> ComposeResult:
        yield FormField("Name", Input(id="name"), id="ff-name")
        yield FormField("Owner", Input(id="owner"), id="ff-owner")
        yield Button("Cancel", id="cancel")
        yield Button("Save", id="save")

    def submit(self) -> str | KeepOpen:
        name = self.query_one("#name", Input).value
        owner = self.query_one("#owner", Input).value
        if owner == "nobody":
            raise ValidationError("name one person", "owner")
        if not name:
            raise ValidationError("type a name")
        if name == "later":
            return KEEP_OPEN
        return f"{name}/{owner}"


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.results: list[str | None] = []

    def on_mount(self) -> None:
        self.push_screen(NameForm(), self.results.append)


def error_of(app: App, field: str) -> str:
    return str(app.screen.query_one(f"#ff-{field} .field-error").render())


async def test_enter_submits_and_the_dialog_closes_with_the_result() -> None:
    app = Host()
    async with app.run_test() as pilot:
        await pilot.press(*"Noor", "tab", *"Ops", "enter")
        await pilot.pause()
        assert app.results == ["Noor/Ops"]
        assert not isinstance(app.screen, NameForm)


async def test_ctrl_s_and_the_save_button_submit_escape_and_cancel_cancel() -> None:
    app = Host()
    async with app.run_test() as pilot:
        await pilot.press(*"Noor", "ctrl+s")
        await pilot.pause()
        app.push_screen(NameForm(), app.results.append)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(NameForm(), app.results.append)
        await pilot.pause()
        await pilot.click("#cancel")
        await pilot.pause()
        app.push_screen(NameForm(), app.results.append)
        await pilot.pause()
        await pilot.press(*"Ana")
        await pilot.click("#save")
        await pilot.pause()
    assert app.results == ["Noor/", "cancelled", "cancelled", "Ana/"]


async def test_a_refused_value_is_shown_under_its_field_and_everything_typed_stays() -> None:
    app = Host()
    async with app.run_test() as pilot:
        await pilot.press(*"Noor", "tab", *"nobody", "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NameForm)
        assert error_of(app, "owner") == "name one person"
        assert form.query_one("#ff-owner").has_class("-invalid")
        assert not form.query_one("#ff-name").has_class("-invalid")
        assert form.query_one("#name", Input).value == "Noor"
        assert form.query_one("#owner", Input).value == "nobody"
        assert form.query_one("#owner", Input).has_focus
        # An error naming no field of the form goes under the form's own field; the old one
        # is cleared by the next submit.
        form.query_one("#name", Input).value = ""
        form.query_one("#owner", Input).value = "Ops"
        await pilot.press("enter")
        await pilot.pause()
        assert error_of(app, "name") == "type a name"
        assert not form.query_one("#ff-owner").has_class("-invalid")
        assert form.query_one("#name", Input).has_focus
        assert app.results == []


async def test_keep_open_leaves_the_dialog_without_a_message() -> None:
    app = Host()
    async with app.run_test() as pilot:
        await pilot.press(*"later", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NameForm)
        assert not app.screen.query(".form-field.-invalid")
        assert app.results == []


def test_every_form_dialog_submits_and_cancels_through_form_modal_alone() -> None:
    for modal in FORM_MODALS:
        assert issubclass(modal, FormModal), modal
        # The base does these; a second handler in a subclass would run as well.
        for handler in ("on_input_submitted", "on_button_pressed", "action_cancel"):
            if modal is ExportFileModal and handler == "action_cancel":
                continue  # a write under way finishes first; see its action_cancel
            assert handler not in vars(modal), f"{modal.__name__}.{handler}"
        source = inspect.getsource(modal)
        assert "self.dismiss(" not in source or modal is ExportFileModal, modal
        ids = {binding.id for binding in modal.BINDINGS}  # type: ignore[union-attr]
        assert any(i and i.endswith(".cancel") for i in ids), modal
