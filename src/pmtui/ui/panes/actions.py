"""Provides ActionsPane: the action items as a sortable table, with the selected one in full.

The table is updated by row key (add_row / update_cell / remove_row) from each new
post-mortem, never cleared and rebuilt. Adding and editing share ActionItemModal with the
Five Whys pane; deleting is undoable.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Resize
from textual.widgets import DataTable, Static

from pmtui.model.enums import ActionStatus
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import ActionItem, PostMortem
from pmtui.ui.commands import PaletteCommand
from pmtui.ui.keymap import key_now
from pmtui.ui.modals.action_form import cause_label, open_action_form
from pmtui.ui.notices import CHANGE, notify_kind
from pmtui.ui.panes.action_table import (
    COLUMNS,
    SORT_MODES,
    SORT_NAMES,
    ActionCell,
    ActionTable,
    Look,
    SortMode,
    row_look,
    sync_label,
)
from pmtui.ui.panes.base import WorkspacePane
from pmtui.ui.widgets.meeting_steps import clip

#: The action form's fields a finding may name (pmtui.analysis.places), by their place name.
FORM_FIELDS = ("text", "owner", "due", "tracker", "customer_text", "verified_how")
#: Actions that need a selected row.
_ROW_ACTIONS = frozenset({"edit", "delete", "toggle_done", "verify"})
_MUTATING = frozenset({"add", "edit", "delete", "toggle_done", "verify"})


def _when(due: date | None, today: date) -> str:
    if due is None:
        return "no deadline"
    days = (due - today).days
    if days == 0:
        return "due today"
    if days > 0:
        return f"due {due.isoformat()} (in {days} day{'s' * (days != 1)})"
    return f"due {due.isoformat()} ({-days} day{'s' * (days != -1)} ago)"


class EmptyNote(Static, can_focus=True):
    """What an empty pane says to do; focusable, so the keys it names work from it."""

    DEFAULT_CSS = """
    EmptyNote:focus {
        background-tint: $foreground 5%;
        text-style: bold;
    }
    """


class ActionsPane(WorkspacePane):
    TAB_ID = "actions"

    BINDINGS = [
        Binding("a", "add", "Add", id="actions.add", tooltip="Add an action item"),
        Binding(
            "e",
            "edit",
            "Edit",
            id="actions.edit",
            tooltip="Edit the selected action item (enter works too)",
        ),
        Binding(
            "x",
            "toggle_done",
            "Done",
            id="actions.toggle_done",
            tooltip="Mark the selected item done (records today), or open again",
        ),
        # Verified lives below the fold of the form: 28b found no way to it but tabbing.
        Binding(
            "v",
            "verify",
            "Verified",
            show=False,
            id="actions.verify",
            tooltip="Record how we know the selected done item worked (its form, at Verified)",
        ),
        Binding(
            "d",
            "delete",
            "Delete",
            id="actions.delete",
            tooltip="Delete the selected action item (ctrl+z brings it back)",
        ),
        Binding(
            "s",
            "cycle_sort",
            "Sort",
            id="actions.sort",
            tooltip="Sort by due date, owner or status, in turn",
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="actions-pane")
        self.sort_mode: SortMode = "due"
        self._rows: dict[str, dict[str, ActionCell]] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="actions-header"):
            yield Static("", id="actions-summary")
            yield Static("", id="actions-sort")
        yield EmptyNote(
            "No action items yet. Press a to add one: a concrete deliverable, one owner and "
            "a deadline.",
            id="actions-empty",
        )
        yield ActionTable(id="actions-table")
        yield Static("", id="action-detail")

    @property
    def table(self) -> ActionTable:
        return self.query_one("#actions-table", ActionTable)

    def on_mount(self) -> None:
        # The table adds its columns in its own on_mount; fill the rows once it has.
        self.call_after_refresh(self._show_current)

    def _show_current(self) -> None:
        if self.pm is not None:
            self._show(self.pm)

    def watch_pm(self, pm: PostMortem | None) -> None:
        if pm is not None and self.is_mounted:
            self._show(pm)

    def on_resize(self, event: Resize) -> None:
        self._refit()

    def on_show(self) -> None:
        # A pane built while its tab was hidden measured a zero-width table; once laid out
        # on screen, the Action column gets the width that is really there.
        self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        self.table.refit()

    # Showing the post-mortem ---------------------------------------------------------------

    def today(self) -> date:
        assert self.pm is not None
        return self.service.today(self.pm)

    def _show(self, pm: PostMortem) -> None:
        table = self.table
        if not table.columns:
            return  # the table adds its columns on mount; the next refresh shows the rows
        table.fit_text_column()
        today = self.service.today(pm)
        selected = self.selected_id()
        wanted = {action.id for action in pm.actions}
        for key in [key for key in self._rows if key not in wanted]:
            table.remove_row(key)
            del self._rows[key]
        for action in pm.actions:
            cells = table.cells(action, today)
            old = self._rows.get(action.id)
            if old is None:
                table.add_row(*(cells[key] for key, _, _ in COLUMNS), key=action.id)
            else:
                for key, cell in cells.items():
                    if old[key] != cell:
                        table.update_cell(action.id, key, cell, update_width=key == "text")
            self._rows[action.id] = cells
        self._sort(keep=selected)
        self._show_summary(pm, today)
        empty = not pm.actions
        self.query_one("#actions-empty").display = empty
        # Shown from hidden, the table refits itself on its resize (ActionTable.on_resize).
        table.display = not empty
        self._show_detail()
        self.workspace.refresh_bindings()

    def _sort(self, keep: str | None = None) -> None:
        table = self.table
        table.sort_by(self.sort_mode)
        if keep is not None and keep in self._rows:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        sort = self.query_one("#actions-sort", Static)
        sort.update(f"sorted by {SORT_NAMES[self.sort_mode]} ▲ (s)")

    def _show_summary(self, pm: PostMortem, today: date) -> None:
        total = len(pm.actions)
        open_count = sum(action.is_open for action in pm.actions)
        overdue = sum(action.is_overdue(today) for action in pm.actions)
        parts = [f"{total} action item{'s' * (total != 1)}", f"{open_count} open"]
        summary = " · ".join(parts)
        self.query_one("#actions-summary", Static).update(
            Content.from_markup(
                "$summary · [b $error]$overdue overdue[/]", summary=summary, overdue=str(overdue)
            )
            if overdue
            else Content(summary)
        )

    def _show_detail(self) -> None:
        detail = self.query_one("#action-detail", Static)
        action = self.selected_action()
        if action is None or self.pm is None:
            detail.display = False
            return
        detail.display = True
        today = self.service.today(self.pm)
        chosen = [value.value for value in (action.kind, action.priority) if value is not None]
        # The owner has its column; its absence is said here too, beside "no deadline": an
        # item lacking both read as lacking only a deadline (mock meeting 16).
        unowned = [] if action.owner.strip() else ["no owner"]
        facts = [*chosen, *unowned, _when(action.due, today)]
        if action.status is ActionStatus.DONE and action.completed_on:
            facts.append(f"done {action.completed_on.isoformat()}")
        if action.tracker:
            facts.append(action.tracker)
        if action.synced_at:
            facts.append(sync_label(action))
        if action.factor_id:
            try:
                factor = self.pm.factor(action.factor_id)
            except KeyError:
                pass
            else:
                # By its title, as the Five Whys pane and the action form's picker name it.
                category = factor.category.value if factor.category else "open"
                facts.append("addresses " + cause_label(category, factor.title, 60))
        if action.verified_on:
            facts.append(f"verified {action.verified_on.isoformat()}")
        detail.update(
            Content.assemble((action.text, "bold"), "\n", (" · ".join(facts), "$text-muted"))
        )
        detail.set_class(row_look(action, today) == "overdue", "-overdue")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()
        self.workspace.refresh_bindings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        if event.column_key.value in SORT_MODES:
            self.sort_by(event.column_key.value)  # type: ignore[arg-type]

    def focus_default(self) -> None:
        if self.table.display:
            self.table.focus()
            return
        # No items: the table is hidden and cannot take the focus. F5 from a text box left
        # the focus nowhere, and the `a` the empty pane asks for was "no key here" (mock
        # meeting 20b): the note saying so takes it, and the pane's keys work there.
        self.query_one("#actions-empty", EmptyNote).focus()

    # Selection ---------------------------------------------------------------------------

    def selected_id(self) -> str | None:
        table = self.table
        row = table.cursor_row
        if not self._rows or not 0 <= row < table.row_count:
            return None
        return table.ordered_rows[row].key.value

    def selected_action(self) -> ActionItem | None:
        action_id = self.selected_id()
        if action_id is None or self.pm is None:
            return None
        try:
            return self.pm.action(action_id)
        except KeyError:
            return None

    def select(self, action_id: str) -> None:
        if action_id in self._rows:
            table = self.table
            table.move_cursor(row=table.get_row_index(action_id))

    def row_look(self, action_id: str) -> Look:
        """How the row of `action_id` looks: 'overdue', 'done' or '' (for tests and help)."""
        return self._rows[action_id]["due"].look

    def row_order(self) -> list[str]:
        """The action ids in the order the table shows them."""
        return [row.key.value or "" for row in self.table.ordered_rows]

    # Actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in _MUTATING or not self.is_mounted:
            return True
        return True if not self.unavailable_reason(action) else None

    def unavailable_reason(self, action: str) -> str:
        if self.workspace.read_only:
            return self.workspace.read_only_reason
        if action in _ROW_ACTIONS and self.selected_action() is None:
            return "Select an action item first."
        return ""

    def action_add(self) -> None:
        if self.can_run("add"):
            open_action_form(self.workspace, on_saved=self._after_save)

    def action_edit(self) -> None:
        action = self.selected_action()
        if action is not None and self.can_run("edit"):
            open_action_form(self.workspace, action_id=action.id, on_saved=self._after_save)

    def edit_field(self, action_id: str, field: str, *, about: str = "") -> None:
        """The item's form, its cursor in `field` (a finding's place: "owner", "due", …); an
        item named as a whole lacks its owner, or else its words need work. `about`: what
        the finding says, shown in the form."""
        # The guides' module, loaded when they first ran (not with the pane: its model is big).
        from pmtui.analysis.action_quality import names_no_owner

        action = next((a for a in self.pm.actions if a.id == action_id), None) if self.pm else None
        if action is None or not self.can_run("edit"):
            return
        if field not in FORM_FIELDS:
            field = "owner" if names_no_owner(action.owner) else "text"
        open_action_form(
            self.workspace,
            action_id=action_id,
            focus=field,
            about=about,
            on_saved=self._after_save,
        )

    def _after_save(self, action_id: str) -> None:
        self.select(action_id)
        self.table.focus()

    def action_toggle_done(self) -> None:
        action = self.selected_action()
        if action is None or not self.can_run("toggle_done"):
            return
        status = ActionStatus.OPEN if action.status is ActionStatus.DONE else ActionStatus.DONE
        self._set_status(action, status)

    def action_verify(self) -> None:
        action = self.selected_action()
        if action is None or not self.can_run("verify"):
            return
        if action.status is not ActionStatus.DONE:
            self.notify(
                "Verified is for done items: x marks this one done, then v records how you "
                "know it worked.",
                severity="warning",
            )
            return
        open_action_form(
            self.workspace, action_id=action.id, focus="verified_how", on_saved=self._after_save
        )

    def mark_done(self) -> None:
        action = self.selected_action()
        if action is None or not self.can_run("toggle_done"):
            return
        if action.status is ActionStatus.DONE:
            self.notify("That action item is already done.")
            return
        self._set_status(action, ActionStatus.DONE)

    def _set_status(self, action: ActionItem, status: ActionStatus) -> None:
        service, action_id = self.service, action.id
        try:
            saved = self.commit(lambda pm: service.edit_action(pm, action_id, status=status.value))
        except ValidationError as error:
            self.notify(error.message, severity="error")
            return
        if saved and status is ActionStatus.DONE:
            done = self.workspace.pm.action(action_id).completed_on
            # Named: `x` on the wrong row read as done on the right one (mock review 29a).
            notify_kind(
                self,
                f"Marked done on {done.isoformat() if done else 'today'}: "
                f"“{clip(action.text, 50)}”. Once you know it worked, v records how.",
                kind=CHANGE,
                timeout=6,
            )

    def action_delete(self) -> None:
        action = self.selected_action()
        if action is None or not self.can_run("delete"):
            return
        service, action_id = self.service, action.id
        self.commit(lambda pm: service.delete_action(pm, action_id)[0])

    def action_cycle_sort(self) -> None:
        index = SORT_MODES.index(self.sort_mode)
        self.sort_by(SORT_MODES[(index + 1) % len(SORT_MODES)])

    def view_place(self) -> object:
        return self.sort_mode

    def return_to_view(self, place: object) -> None:
        mode = next((mode for mode in SORT_MODES if mode == place), None)
        if mode is not None and mode != self.sort_mode:
            self.sort_by(mode)

    def sort_by(self, mode: SortMode) -> None:
        self.sort_mode = mode
        if self.table.columns:
            self._sort(keep=self.selected_id())

    # Command palette -------------------------------------------------------------------

    def where_to_type(self) -> str:
        """Where words typed on the table belong (pmtui.ui.typed_words)."""
        keymap: dict[str, str] = getattr(self.app, "pm_keymap", {})
        return (
            f"{key_now(keymap, 'actions.add', 'a')} adds an action item, "
            f"{key_now(keymap, 'actions.edit', 'e')} edits the selected one."
        )

    def palette_commands(self) -> list[PaletteCommand]:
        run = self.run_in_tab
        commands = [
            PaletteCommand(
                "Add action item",
                "A deliverable with an owner and a deadline",
                run(self.action_add),
                action="add",
            ),
            PaletteCommand(
                "Edit selected action item",
                "Change the highlighted row",
                run(self.action_edit),
                action="edit",
            ),
            PaletteCommand(
                "Delete selected action item",
                "Remove the highlighted row (ctrl+z brings it back)",
                run(self.action_delete),
                action="delete",
            ),
        ]
        # Of done and reopen, only the one the selected item can take (x toggles them).
        selected = self.selected_action() if self.is_mounted else None
        if selected is not None and selected.is_open:
            commands.append(
                PaletteCommand(
                    "Mark action item done",
                    "Record today as its completion date",
                    run(self.mark_done),
                    action="toggle_done",
                )
            )
        elif selected is not None:
            commands.append(
                PaletteCommand(
                    "Reopen action item",
                    "Set a done item back to open",
                    run(self.reopen),
                    action="toggle_done",
                )
            )
        for mode in SORT_MODES:
            commands.append(
                PaletteCommand(
                    f"Sort action items by {SORT_NAMES[mode]}",
                    "Reorder the table",
                    run(partial(self.sort_by, mode)),
                )
            )
        return commands

    def reopen(self) -> None:
        action = self.selected_action()
        if action is None or not self.can_run("toggle_done"):
            return
        if action.is_open:
            self.notify("That action item is already open.")
            return
        self._set_status(action, ActionStatus.OPEN)
