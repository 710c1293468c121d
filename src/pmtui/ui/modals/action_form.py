"""Provides ActionItemModal: the one form that adds or edits an action item, from any pane.

The form saves through the workspace (its `commit` with a service call), so the Actions
pane, the Five Whys pane ("Add action for this cause") and meeting mode share it unchanged.
It knows the workspace only as a `SavesChanges`, so the dialog does not depend on the screen.
A refused value gets its message under its own field and everything typed stays.

Owner and deadline may be left empty: a meeting captures the action while the room still
talks about who takes it, and assigns it later (meeting mode's `o`, the Actions pane's `e`).
The item is then flagged by `missing-owner` / `missing-deadline`, which block publication,
and the form says so as it closes instead of refusing what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any, Protocol

from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Select, Static

from pmtui.model.enums import PRIORITY_WORDS, ActionStatus, ActionType, Priority
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import ActionItem, PostMortem, require_text
from pmtui.model.times import due_in_minutes, parse_due
from pmtui.service import PostMortemService
from pmtui.ui.modals.compact import ShortTerminalFit
from pmtui.ui.modals.form_modal import KEEP_OPEN, FormModal, KeepOpen, form_bindings
from pmtui.ui.widgets.entered_box import select_entered
from pmtui.ui.widgets.form_field import FormField, input_field
from pmtui.ui.widgets.suggest_input import SuggestInput
from pmtui.ui.widgets.type_select import TypeSelect

#: Below this many rows the form drops input borders so it fits without scrolling.
DUE_HINT = "e.g. 2025-04-30, +2w, next friday"

_INPUTS = ("text", "owner", "due", "tracker", "customer_text", "verified_how", "verified_on")
_SELECTS = ("priority", "kind", "status", "factor_id")
#: The choice for a priority or type nobody has decided yet: nothing is assumed for them.
UNSET = ("—", "")


class SavesChanges(Protocol):
    """The screen the form saves through: the workspace of the post-mortem."""

    @property
    def pm(self) -> PostMortem: ...

    @property
    def service(self) -> PostMortemService: ...

    @property
    def app(self) -> App[Any]: ...

    def commit(self, command: Callable[[PostMortem], PostMortem]) -> object:
        """Run a service call on the current post-mortem; falsy when nothing was saved."""
        ...


def cause_label(category: str, cause: str, width: int = 48, whole: int = 0) -> str:
    """A factor as pickers name it: its title first, then its category ("Certificate renewal
    failed… (monitoring)"). Category first, type-ahead matched it: "M" for "Many control-plane
    services…" picked the monitoring factor, and a room linked the wrong cause. The title
    takes at most `width` characters and, when `whole` is set, leaves the category room to
    end the label within `whole`."""
    text = " ".join(cause.split())
    if whole and category:
        width = min(width, max(whole - len(category) - 3, 12))
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return f"{text} ({category})" if category else text


def cause_options(
    pm: PostMortem, keep: str = "", width: int = 48, whole: int = 0
) -> list[tuple[Content, str]]:
    """The contributing factors an action can address, each by its category and title, as
    the Five Whys pane lists them: a chain's root-cause answer is a long sentence a facilitator
    does not recognise the factor by."""
    options = []
    for factor in pm.factors:
        category = factor.category.value if factor.category else "open"
        # Content: a select reads a str prompt as markup, and "[/]" typed is not markup.
        label = Content(cause_label(category, factor.title, width, whole))
        options.append((label, factor.id))
    return options


def _choice_label(choice: Priority | ActionType) -> str:
    """A priority with the word it means ("P2 · high"), so "high" typed picks it."""
    if isinstance(choice, Priority):
        return f"{choice.value} · {PRIORITY_WORDS[choice]}"
    return choice.value


def _undecided_choice(
    label: str, name: str, choices: type[Priority] | type[ActionType], chosen: Enum | None
) -> FormField:
    """A choice that may stay undecided (UNSET first): nothing is assumed for the item."""
    options = [UNSET, *((_choice_label(choice), choice.value) for choice in choices)]
    select = TypeSelect(
        options, value=chosen.value if chosen else "", allow_blank=False, id=f"action-{name}"
    )
    return FormField(label, select, id=f"ff-{name}")


def describe_due(text: str, today: date) -> str:
    """What a typed deadline means, shown while typing; the format help when it means nothing."""
    if not text.strip():
        return DUE_HINT
    try:
        due = parse_due(text, today)
    except ValidationError:
        return due_in_minutes(text) or DUE_HINT
    days = (due - today).days
    if days == 0:
        when = "today"
    elif days > 0:
        when = f"in {days} day{'s' * (days != 1)}"
    else:
        when = f"{-days} day{'s' * (days != -1)} ago"
    return f"→ {due:%a %d %b %Y} · {when}"


class ActionItemModal(FormModal[str | None], ShortTerminalFit[str | None]):
    """Dismisses with the saved action item's id, or None when cancelled."""

    # A long action is read before it is reworded: opened by `e`, its end showed.
    OPENS_ON_START = True

    BINDINGS = form_bindings(
        "action_form",
        cancel="Save nothing",
        save="Save the action item (enter in any box does too)",
    )
    DISCARD_QUESTION = "Discard this action item?"

    def __init__(
        self,
        workspace: SavesChanges,
        *,
        action_id: str | None = None,
        factor_id: str = "",
        focus: str = "text",
        about: str = "",
        assign_key: str = "e",
    ) -> None:
        """`focus` names the field the cursor starts in (meeting mode asks for "owner");
        `about`, what a finding from Checks says of that field, is shown and the field marked;
        `assign_key` is the key that reopens an item to name its owner and deadline."""
        super().__init__(classes="modal", id="action-form")
        self._focus = focus
        self._about = about
        self._assign_key = assign_key
        self._workspace = workspace
        self._action_id = action_id
        pm = workspace.pm
        self._current: ActionItem | None = pm.action(action_id) if action_id else None
        self._factor_id = self._current.factor_id if self._current else factor_id
        self._today = workspace.service.today(pm)

    # Layout --------------------------------------------------------------------------

    def discard_question(self) -> str | None:
        # Of a saved item, "discard this action item?" reads like deleting it.
        if self._current is not None:
            return "Discard your changes to this action item?"
        return self.DISCARD_QUESTION

    def compose(self) -> ComposeResult:
        # Imported on use, as the service does: the guides compile many patterns.
        from pmtui.analysis.vague_actions import vague_note

        pm = self._workspace.pm
        item = self._current
        title = "Edit action item" if item else "New action item"
        # Owners as already written (a role included) are taken whole; attendees by name.
        owners = sorted({name for name in (pm.owner, *(a.owner for a in pm.actions)) if name})
        people = sorted({name for name in pm.attendees if name})
        with VerticalScroll(classes="modal-body action-form-body"):
            yield Static(title, classes="modal-title")
            if self._about:
                # Plain text: the finding quotes the item's words, "[/]" and all.
                yield Static(Content(f"From Checks: {self._about}"), classes="form-finding")
            yield input_field(
                "Action (a concrete deliverable)",
                "action",
                "text",
                item.text if item else "",
                placeholder="e.g. Page on-call when a public certificate is not Ready for 24h",
                hint=vague_note(item.text) if item else "",
            )
            with Horizontal(classes="form-row"):
                yield FormField(
                    "Owner",
                    SuggestInput(
                        item.owner if item else "",
                        placeholder="e.g. one named person",
                        names=people,
                        owners=owners,
                        id="action-owner",
                    ),
                    id="ff-owner",
                )
                due = item.due.isoformat() if item and item.due else ""
                yield input_field(
                    "Deadline",
                    "action",
                    "due",
                    due,
                    placeholder="e.g. +2w",
                    hint=describe_due(due, self._today),
                )
            with Horizontal(classes="form-row"):
                priority, kind = (item.priority, item.kind) if item else (None, None)
                yield _undecided_choice("Priority", "priority", Priority, priority)
                yield _undecided_choice("Type", "kind", ActionType, kind)
                yield FormField(
                    "Status",
                    TypeSelect(
                        [(s.value, s.value) for s in ActionStatus],
                        value=(item.status if item else ActionStatus.OPEN).value,
                        allow_blank=False,
                        id="action-status",
                    ),
                    id="ff-status",
                )
            with Horizontal(classes="form-row"):
                yield input_field(
                    "Tracker",
                    "action",
                    "tracker",
                    item.tracker if item else "",
                    placeholder="e.g. OPS-123",
                )
                # Each factor on one line of the drop-down: at 80 columns a 48-character title
                # and its category wrapped, the category reading as another option (mock 37a);
                # a 30-character title still did beside "(operational-design)" (mock 39b), and
                # a 48-character one at 120 columns, where the drop-down is 60 wide (mock 40a).
                narrow = self.app.size.width < 100
                options = cause_options(
                    pm, keep=self._factor_id, width=30 if narrow else 48, whole=44 if narrow else 58
                )
                yield FormField(
                    "Addresses the contributing factor",
                    TypeSelect(
                        options,
                        value=self._factor_id if self._factor_id else Select.NULL,
                        prompt="(no linked factor)",
                        id="action-factor_id",
                        # Its title: "c" picked "Full recovery… (capacity)" by its category.
                        typed_texts={
                            factor.id: cause_label("", factor.title) for factor in pm.factors
                        },
                    ),
                    id="ff-factor_id",
                )
            yield input_field(
                "For customers (optional): what we are doing, in their words",
                "action",
                "customer_text",
                item.customer_text if item else "",
                placeholder="e.g. We now alert on failed certificate renewals",
                hint="Empty keeps this action out of the customer version.",
            )
            # Done is not the same as effective: follow-through lists done items apart until
            # someone says how they know it worked.
            with Horizontal(classes="form-row"):
                yield input_field(
                    "Verified: how we know it worked",
                    "action",
                    "verified_how",
                    item.verified_how if item else "",
                    placeholder="e.g. A staging drill paged in 2 min",
                )
                yield input_field(
                    "Checked on",
                    "action",
                    "verified_on",
                    item.verified_on.isoformat() if item and item.verified_on else "",
                    placeholder="today",
                )
            with Horizontal(classes="modal-buttons"):
                yield self.keys_line()
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        box = self.query_one(f"#action-{self._focus}")
        box.focus()
        if self._about:
            # Opened on another field than the title, and why: the field says so too.
            self.query_one(f"#ff-{self._focus}", FormField).point_out("◀ Checks")
        if self._focus != "text" and isinstance(box, Input):
            # Opened to change this one field (meeting mode's "o owner"): typing replaces it.
            box.select_all()

    # Typing --------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        # A message about what was typed before is stale once the field changes.
        self.forget_stale_refusal(event.input)
        if event.input.id == "action-due":
            hint = self.query_one("#ff-due .field-hint", Static)
            hint.update(describe_due(event.value, self._today))
        elif event.input.id == "action-text":
            from pmtui.analysis.vague_actions import vague_note

            # Said while it is typed, when the words are cheapest to change; before, a
            # vague item was first named in wrap-up or Checks (mock reviews 28a, 28b).
            self.query_one("#ff-text", FormField).set_hint(vague_note(event.value))

    # Saving --------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        values = {name: self.query_one(f"#action-{name}", Input).value for name in _INPUTS}
        for name in _SELECTS:
            value = self.query_one(f"#action-{name}", Select).value
            values[name] = "" if value is Select.NULL else str(value)
        return values

    def submit(self) -> str | KeepOpen | None:
        values = self.values()
        saved: list[str] = []
        if not self._workspace.commit(self._change(values, saved)):
            return KEEP_OPEN
        self._say_what_is_left(values)
        return saved[0] if saved else self._action_id

    def _say_what_is_left(self, values: dict[str, str]) -> None:
        """Name what the saved item still lacks, and the key that assigns it."""
        missing = [
            what
            for name, what in (("owner", "an owner"), ("due", "a deadline"))
            if not values[name].strip()
        ]
        if missing:
            them = "one" if len(missing) == 1 else "them"
            self.app.notify(
                f"Saved without {' or '.join(missing)} — {self._assign_key} assigns {them}.",
                severity="warning",
                timeout=6,
            )

    def _change(
        self, values: dict[str, str], saved: list[str]
    ) -> Callable[[PostMortem], PostMortem]:
        service = self._workspace.service
        fields: dict[str, Any] = dict(values)
        if self._action_id is None:

            def add(pm: PostMortem) -> PostMortem:
                new, action = service.add_action(pm, assign_later=True, **fields)
                saved.append(action.id)
                return new

            return add
        action_id = self._action_id
        return lambda pm: service.edit_action(pm, action_id, assign_later=True, **fields)

    def show_error(self, error: ValidationError) -> None:
        """Mark the refused field, and every other one that is also wrong, so a person fixes
        them in one go rather than one save at a time. (Owner and deadline may be empty.)"""
        values = self.values()
        errors = {error.where.split(".")[0] or "text": error.message}
        checks: dict[str, Callable[[str], object]] = {
            "text": lambda v: require_text(v, "text", "a concrete deliverable"),
            "due": lambda v: parse_due(v, self._today) if v.strip() else None,
        }
        for name, check in checks.items():
            if name in errors:
                continue
            try:
                check(values[name])
            except ValidationError as other:
                errors[name] = other.message
        first: FormField | None = None
        for name, message in errors.items():
            field = self.field_for(name)
            field.set_error(message)
            first = first or field
        if first is not None:
            # Its refused text selected, as every form's refusal does: "+1mo" typed after
            # "+1m" was refused made "+1m+1mo" (mock meeting 21a).
            select_entered(first.control.focus())


def open_action_form(
    workspace: SavesChanges,
    *,
    action_id: str | None = None,
    factor_id: str = "",
    focus: str = "text",
    about: str = "",
    on_saved: Callable[[str], None] | None = None,
    assign_key: str = "e",
) -> None:
    """Show the form over `workspace`; `on_saved` gets the id of the item that was saved."""

    def done(saved: str | None) -> None:
        if saved and on_saved is not None:
            on_saved(saved)

    workspace.app.push_screen(
        ActionItemModal(
            workspace,
            action_id=action_id,
            factor_id=factor_id,
            focus=focus,
            about=about,
            assign_key=assign_key,
        ),
        done,
    )
