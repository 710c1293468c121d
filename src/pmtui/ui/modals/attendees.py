"""Provides AttendeesModal: the roll call of a review meeting.

Everyone the post-mortem already names is listed (attendees ticked); space ticks or unticks a
name, a typed name joins the list ticked. The caller saves the ticked names through the
service, so the modal holds no rule about what a valid attendee list is.

The room calls names out and tmux (or a fast typist) sends "Sam Lee enter Priya Nair enter" in
one burst. Textual acts on enter only once it has bubbled up to the app, by when the next
name's letters were already in the box: "Priya NairChen Wu" joined, and an enter that then
found the box empty saved and closed the dialog. The name box therefore reads enter itself,
in turn with the letters, and enter never closes the dialog (ctrl+s and Save do).

One person is listed once. The owner counts as present as "Priya"; the facilitator then types
"Priya Raman", and the room saw two Priyas. Two names are one person when one is the other's
leading words and no other name listed starts with those words: the list keeps the fuller
name and says so under the name box. "Sam Lee" and "Sam Park" are never one, and "Sam" stays
apart from both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, SelectionList, Static

from pmtui.model.agenda import same_person
from pmtui.model.errors import ValidationError
from pmtui.model.text import admit
from pmtui.ui.modals.compact import ShortTerminalFit
from pmtui.ui.modals.form_modal import FormModal, form_bindings
from pmtui.ui.widgets.form_field import FormField
from pmtui.ui.widgets.tick_list import TickList

#: Saves the ticked names; raises ValidationError to refuse them.
SaveNames = Callable[[list[str]], object]


class RollCallList(TickList[str]):
    """The names of the roll call, each with its box: ✓ for present, empty for not."""


def refused_name(name: str) -> str:
    """Why `name` cannot be an attendee ('' when it can)."""
    try:
        admit(name, "attendees")
    except ValidationError as error:
        return error.message
    return ""


def typed_names(text: str) -> list[str]:
    """The names typed in the name box: several when commas separate them, as the
    Overview's Attendees field reads them ("Lena Fischer, Omar Haddad" is two people)."""
    return [name for part in text.split(",") if (name := " ".join(part.split()))]


class NameEntry(Input):
    """The "someone else" box: enter takes the typed name and empties the box at once; a
    name that cannot be saved (too long) stays in the box, with the reason under it."""

    class NameEntered(Message):
        def __init__(self, person: str) -> None:
            super().__init__()
            self.person = person

    class NameRefused(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    async def _on_key(self, event: events.Key) -> None:
        if event.key != "enter":
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        names = typed_names(self.value)
        reason = next((why for why in map(refused_name, names) if why), "")
        if not names:
            # Enter on the empty box did nothing and said nothing (mock meeting 19a).
            reason = "type a name first; ctrl+s saves the roll call"
        if reason:
            # Refused at enter, not at save: in the list it would be cut off from the box
            # where it can be shortened, and the roll call's save refused as a whole.
            self.post_message(self.NameRefused(reason))
            return
        # Emptied before the next key is read: the letters after enter start a new name.
        self.value = ""
        for name in names:
            self.post_message(self.NameEntered(name))


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
    DISCARD_QUESTION = "Discard the roll call's changes?"

    def __init__(self, names: Iterable[str], present: Iterable[str], save: SaveNames) -> None:
        super().__init__(classes="modal", id="attendees-form")
        self._here = {name.casefold() for name in present}
        self._names: list[str] = []
        for name in names:
            if name and name.casefold() not in {n.casefold() for n in self._names}:
                self._names.append(name)
        #: What opening merged, said under the name box ("Priya is Priya Raman").
        self._merged: list[str] = []
        # The owner kept as "Priya" while the attendees say "Priya Raman": listed once.
        for name in list(self._names):
            found = self._listed_as(name) if name in self._names else None
            if found is not None:
                self._merge(*found)
        self._save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body"):
            yield Static("Who is here?", classes="modal-title")
            # Content: a name is plain text, "[ops]" in it is not markup.
            yield RollCallList(
                *((Content(name), name, name.casefold() in self._here) for name in self._names),
                id="attendee-list",
            )
            yield FormField(
                "Someone else",
                NameEntry(placeholder="type a name, enter adds it ticked", id="attendee-new"),
                hint=" · ".join(self._merged),
                id="ff-attendee-new",
            )
            yield Static(
                "enter adds the name (commas: several) · shift+tab to the list, space ticks · "
                "ctrl+s saves",
                classes="field-hint",
            )
            with Horizontal(classes="modal-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        # The room calls out names as they come in: typing one must work at once.
        self.query_one("#attendee-new", Input).focus()

    def input_submitted(self, box: Input) -> None:
        """Enter is the name box's own (see NameEntry): it never saves the roll call."""

    def on_name_entry_name_entered(self, event: NameEntry.NameEntered) -> None:
        event.stop()
        self.clear_errors()
        self._add(event.person)

    def on_name_entry_name_refused(self, event: NameEntry.NameRefused) -> None:
        event.stop()
        self.query_one("#ff-attendee-new", FormField).set_error(event.reason)

    def on_input_changed(self, event: Input.Changed) -> None:
        field = self.query_one("#ff-attendee-new", FormField)
        if field.holds_refused and field.changed_since_error():
            field.set_error("")  # being shortened: the old reason no longer applies

    def _add_typed(self) -> None:
        """The name still in the box joins the list, ticked; one that cannot be saved is
        refused and stays in the box."""
        box = self.query_one("#attendee-new", Input)
        names = typed_names(box.value)
        reason = next((why for why in map(refused_name, names) if why), "")
        if reason:
            raise ValidationError(reason, "attendee-new")
        box.value = ""
        for name in names:
            self._add(name)

    def _add(self, name: str) -> None:
        """`name` joins the list, ticked (an existing name is just ticked, and a name of
        someone listed under a shorter or fuller name becomes that one entry)."""
        names = self.query_one(SelectionList)
        known = {value.casefold(): value for value in self._names}
        if name.casefold() in known:
            names.select(known[name.casefold()])
            return
        self._names.append(name)
        found = self._listed_as(name)
        if found is None:
            names.add_option((Content(name), name, True))
            return
        # The ticks as the user left them, the typed name's person ticked.
        self._here = {value.casefold() for value in names.selected} | {name.casefold()}
        self._merge(*found)
        self._refill()
        self.query_one("#ff-attendee-new", FormField).set_hint(self._merged[-1])

    def _listed_as(self, name: str) -> tuple[str, str] | None:
        """(shorter, fuller) when `name` and another listed name are one person."""
        for other in self._names:
            fuller = same_person(name, other, self._names)
            if fuller is not None:
                return (other, name) if fuller == name else (name, other)
        return None

    def _merge(self, shorter: str, fuller: str) -> None:
        """One entry for one person: the fuller name, where the first of the two was listed,
        ticked when either was."""
        first = min(self._names.index(shorter), self._names.index(fuller))
        self._names.remove(shorter)
        self._names.remove(fuller)
        self._names.insert(first, fuller)
        if shorter.casefold() in self._here:
            self._here.add(fuller.casefold())
        self._merged.append(f"{shorter} and {fuller} are one person: listed once as {fuller}")

    def _refill(self) -> None:
        """Show `_names` again, each ticked as `_here` says."""
        names = self.query_one(SelectionList)
        names.clear_options()
        names.add_options(
            (Content(name), name, name.casefold() in self._here) for name in self._names
        )

    def selected(self) -> list[str]:
        ticked = set(self.query_one(SelectionList).selected)
        return [name for name in self._names if name in ticked]

    def submit(self) -> bool:
        self._add_typed()  # a name typed but not yet entered is meant to count
        self._save(self.selected())
        return True
