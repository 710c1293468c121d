"""Provides ActionsOverviewScreen: every action item of every post-mortem, for following
through after the meetings: filters, the completion rate and overdue count at a glance, mark
done, and a way into the post-mortem an item came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from textwrap import shorten
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from pmtui.analysis.followup import (
    ActionFilter,
    ActionRow,
    action_rows,
    filter_rows,
    followup_stats,
)
from pmtui.model.enums import ActionStatus, ActionType
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import PostMortem
from pmtui.service import PostMortemService, StoreError
from pmtui.ui.panes.action_table import ActionCell, ActionTable, sync_label
from pmtui.ui.stylesheets import MODAL_SHEETS, stylesheet_paths
from pmtui.ui.widgets.footer import PmtuiFooter

if TYPE_CHECKING:
    from pmtui.ui.screens.workspace import WorkspaceScreen


def pm_column_width(terminal_width: int) -> int:
    """The post-mortem column takes what the item's own columns leave it, within reason:
    at 80 columns the action text still needs room to be recognisable."""
    return max(10, min(30, (terminal_width - 80) // 2 + 10))


#: The type filter steps through every type, then back to all of them.
_TYPE_CYCLE: tuple[ActionType | None, ...] = (*ActionType, None)


class OverviewActionTable(ActionTable):
    """The action table with a first column naming the post-mortem each item belongs to."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pm_width = 22

    def on_mount(self) -> None:
        # Textual then runs ActionTable's on_mount, which adds the item's own columns.
        self.pm_width = pm_column_width(self.app.size.width)
        self.add_column("Incident", key="pm", width=self.pm_width)

    def fit_text_column(self) -> bool:
        # The base leaves the text what its own columns do not take; take ours off that too.
        changed = super().fit_text_column()
        width = max(12, self.text_width - self.pm_width - 2 * self.cell_padding)
        changed = changed or width != self.text_width
        self.text_width = width
        return changed

    def on_resize(self) -> None:
        if self.fit_text_column():
            for key in self.rows:
                cell = self.get_cell(key, "text")
                self.update_cell(key, "text", cell, update_width=True)

    def row_cells(self, row: ActionRow, today: date) -> dict[str, ActionCell]:
        cells = self.cells(row.action, today)
        look = cells["due"].look
        title = " ".join(row.postmortem_title.split())
        return {"pm": ActionCell(title, (title.casefold(),), look, False, self), **cells}


def parse_filter_line(text: str, base: ActionFilter) -> ActionFilter:
    """Read 'owner:ana pm:db type:detect open overdue' typed on the filter line."""
    owner, postmortem, kind = "", "", None
    open_only = overdue_only = unverified_only = False
    for word in text.split():
        name, _, value = word.partition(":")
        name = name.lower()
        if name == "owner" and value:
            owner = value
        elif name in {"pm", "postmortem", "post-mortem"} and value:
            postmortem = value
        elif name == "type" and value:
            kind = next((t for t in ActionType if t.value.startswith(value.lower())), None)
        elif name == "open":
            open_only = True
        elif name == "overdue":
            overdue_only = True
        elif name == "unverified":
            unverified_only = True
        elif not value:
            owner = word  # a bare word is the most common question: whose items?
    return ActionFilter(
        open_only=open_only or base.open_only,
        overdue_only=overdue_only or base.overdue_only,
        owner=owner or base.owner,
        postmortem=postmortem or base.postmortem,
        kind=kind or base.kind,
        unverified_only=unverified_only or base.unverified_only,
    )


def describe_filter(wanted: ActionFilter) -> str:
    parts = []
    if wanted.open_only:
        parts.append("open")
    if wanted.overdue_only:
        parts.append("overdue")
    if wanted.unverified_only:
        parts.append("done, not verified")
    if wanted.owner:
        parts.append(f"owner “{wanted.owner}”")
    if wanted.postmortem:
        parts.append(f"post-mortem {wanted.postmortem}")
    if wanted.kind is not None:
        parts.append(f"type {wanted.kind.value}")
    return " · ".join(parts)


@dataclass(frozen=True)
class MarkedDone:
    """An item marked done on this screen, and the status ctrl+z gives it back."""

    postmortem_id: str
    action_id: str
    status: str


class MarkedDoneHistory:
    """The items marked done on this screen, the last on top. `undo_next` is read as a
    workspace History's is: a word whose first letter, `x`, marked an item done reopens it
    (PmtuiApp._began_word_with)."""

    def __init__(self) -> None:
        self._done: list[MarkedDone] = []

    def record(self, done: MarkedDone) -> None:
        self._done.append(done)

    @property
    def undo_next(self) -> MarkedDone | None:
        return self._done[-1] if self._done else None

    def undone(self) -> MarkedDone:
        return self._done.pop()


@dataclass(frozen=True)
class OverviewPlace:
    """How the Actions overview is shown (ActionsOverviewScreen.view_place)."""

    wanted: ActionFilter
    selected: str | None


def _key(key: str, action: str, label: str, name: str, tooltip: str) -> Binding:
    return Binding(key, action, label, id=f"actions_overview.{name}", tooltip=tooltip)


class ActionsOverviewScreen(Screen[None]):
    #: Its letters are commands, and a word typed here as if into a box runs none of them
    #: (pmtui.ui.typed_words): "ok then" showed open items only with its `o`.
    LETTERS_MAY_BE_WORDS = True
    #: Opening it changes nothing: a word's first letter that opened it closes it again.
    SHOWS_ONLY = True
    # The item table is the Actions pane's own, so its looks come from actions.tcss too.
    # The dialogs' sheet first, so it is read before any screen's, whatever came first.
    CSS_PATH = stylesheet_paths(*MODAL_SHEETS, "actions.tcss", "overview_screens.tcss")
    BINDINGS = [
        _key("escape", "back", "Back", "back", "Clear the filters, then go back"),
        _key("x", "mark_done", "Done", "done", "Mark the highlighted item done (dated today)"),
        _key("enter", "open_postmortem", "Open", "open", "Open its post-mortem on the Actions tab"),
        _key("o", "toggle_open", "Open only", "open_only", "Only open and in-progress items"),
        _key("v", "toggle_overdue", "Overdue", "overdue", "Only open items past their due date"),
        _key(
            "u",
            "toggle_unverified",
            "Unverified",
            "unverified",
            "Only done items nobody has verified yet (how we know it worked)",
        ),
        _key("w", "filter_owner", "Owner", "owner", "Only this item's owner (again: everyone)"),
        _key("p", "filter_postmortem", "Post-mortem", "postmortem", "Only this post-mortem"),
        _key("t", "cycle_type", "Type", "type", "Step through prevent, detect, mitigate, process"),
        _key("ctrl+z", "undo", "Undo", "undo", "Reopen the item last marked done"),
        _key(
            "slash", "filter_line", "Filter", "filter", "Type a filter: a name, owner:, pm:, type:"
        ),
    ]

    def __init__(self, service: PostMortemService, read_only_reason: str = "") -> None:
        super().__init__()
        self.service = service
        self.read_only_reason = read_only_reason
        self.postmortems: dict[str, PostMortem] = {}
        self.rows: list[ActionRow] = []
        self.wanted = ActionFilter()  # from the keys
        self.shown: list[ActionRow] = []
        self.history = MarkedDoneHistory()

    def compose(self) -> ComposeResult:
        with Horizontal(id="overview-header"):
            yield Static("All action items", id="overview-title")
            yield Static(id="followup-figures")
        if self.read_only_reason:
            yield Static(self.read_only_reason, id="read-only-banner")
        with Horizontal(id="followup-filter-bar"):
            yield Static("Filter", id="followup-filter-label")
            yield Input(
                placeholder="a name, owner:NAME, pm:ID, type:detect, open, overdue",
                id="followup-filter",
                select_on_focus=False,
                compact=True,  # one row: the table keeps its rows at 80x24
            )
        yield Static(id="followup-filter-state")
        yield OverviewActionTable(id="followup-table")
        yield Static(id="followup-empty")
        yield Static(id="followup-detail")
        yield PmtuiFooter()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(OverviewActionTable).focus()

    def on_screen_resume(self) -> None:
        # The workspace may have changed items; show what the file holds now.
        self.reload()

    # Data ----------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self.service.today()

    def reload(self) -> None:
        try:
            postmortems, unreadable = self.service.readable_postmortems()
        except StoreError as error:
            postmortems, unreadable = [], [str(error)]
        # A damaged file is named; the others are still counted.
        for problem in unreadable:
            self.notify(problem, severity="error", timeout=10)
        self.postmortems = {pm.id: pm for pm in postmortems}
        self.rows = action_rows(postmortems, self.today)
        self.refresh_rows()

    @property
    def current_filter(self) -> ActionFilter:
        return parse_filter_line(self.query_one("#followup-filter", Input).value, self.wanted)

    def refresh_rows(self) -> None:
        """Update the table by row key: remove what left, update what changed, add what came."""
        table = self.query_one(OverviewActionTable)
        table.fit_text_column()
        wanted = self.current_filter
        self.shown = filter_rows(self.rows, wanted)
        today = self.today
        current = {row.key: row for row in self.shown}
        for gone in [k for k in table.rows if k.value not in current]:
            table.remove_row(gone)
        added = False
        for key, row in current.items():
            cells = table.row_cells(row, today)
            if key in table.rows:
                for column, cell in cells.items():
                    if table.get_cell(key, column) != cell:
                        table.update_cell(key, column, cell)
            else:
                table.add_row(*cells.values(), key=key)
                added = True
        if added:
            table.sort_by("due")
        self._update_header(wanted)
        self._update_detail()
        self.refresh_bindings()

    def _update_header(self, wanted: ActionFilter) -> None:
        stats = followup_stats(self.rows)
        figures = (
            f"{stats.completion_label()} done · {stats.open} open · "
            f"{stats.overdue} overdue · {stats.unverified} unverified · "
            f"{stats.total} items"
        )
        header = self.query_one("#followup-figures", Static)
        header.update(figures)
        header.set_class(stats.overdue > 0, "-overdue")
        described = describe_filter(wanted)
        state = self.query_one("#followup-filter-state", Static)
        if described:
            # Content: the filter quotes what was typed, and "[/]" typed is not markup.
            state.update(
                Content(f"Showing {len(self.shown)} of {stats.total}: {described} · escape clears")
            )
        else:
            state.update(
                "o open · v overdue · u unverified · w owner · p post-mortem · t type · x done"
                " · enter opens"
            )
        empty = self.query_one("#followup-empty", Static)
        if not self.rows:
            empty.update("No action items yet. Add them in a post-mortem's Actions tab.")
        elif not self.shown:
            empty.update("Nothing matches the filter. Press escape to clear it.")
        empty.display = not self.shown

    def selected(self) -> ActionRow | None:
        table = self.query_one(OverviewActionTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((row for row in self.shown if row.key == key), None)

    def _update_detail(self) -> None:
        detail = self.query_one("#followup-detail", Static)
        row = self.selected()
        if row is None:
            detail.display = False
            return
        action = row.action
        bits = [action.owner or "no owner", f"due {action.due}" if action.due else "no date"]
        if action.tracker:
            bits.append(action.tracker)
        if action.completed_on:
            bits.append(f"done {action.completed_on}")
        if action.synced_at:
            bits.append(sync_label(action))
        if action.verified_on:
            bits.append(f"verified {action.verified_on}: {action.verified_how}")
        elif row.unverified:
            bits.append("not verified yet")
        # The facts before the text: the detail is at most four lines, and a long text (the
        # table shows its start anyway) must not push the owner, date and sync out of sight.
        detail.update(
            f"{row.severity.value} {row.postmortem_title}\n{' · '.join(bits)}\n{action.text}"
        )
        detail.set_class(row.overdue, "-overdue")
        detail.display = True

    @on(DataTable.RowHighlighted, "#followup-table")
    def _highlighted(self) -> None:
        self._update_detail()
        self.refresh_bindings()

    # Filters -------------------------------------------------------------------------

    def show_unverified(self) -> None:
        """Only the done items nobody has verified, whatever else was filtered."""
        self.wanted = ActionFilter(unverified_only=True)
        if self.is_mounted:
            self.query_one("#followup-filter", Input).value = ""
            self.refresh_rows()

    def _set_filter(self, **changes: object) -> None:
        values = {
            "open_only": self.wanted.open_only,
            "overdue_only": self.wanted.overdue_only,
            "owner": self.wanted.owner,
            "postmortem": self.wanted.postmortem,
            "kind": self.wanted.kind,
            "unverified_only": self.wanted.unverified_only,
            **changes,
        }
        self.wanted = ActionFilter(**values)  # type: ignore[arg-type]
        self.refresh_rows()

    def action_toggle_unverified(self) -> None:
        self._set_filter(unverified_only=not self.wanted.unverified_only)

    def action_toggle_open(self) -> None:
        self._set_filter(open_only=not self.wanted.open_only)

    def action_toggle_overdue(self) -> None:
        self._set_filter(overdue_only=not self.wanted.overdue_only)

    def action_filter_owner(self) -> None:
        row = self.selected()
        if self.wanted.owner or row is None:
            self._set_filter(owner="")
        else:
            self._set_filter(owner=row.action.owner)

    def action_filter_postmortem(self) -> None:
        row = self.selected()
        if self.wanted.postmortem or row is None:
            self._set_filter(postmortem="")
        else:
            self._set_filter(postmortem=row.postmortem_id)

    def action_cycle_type(self) -> None:
        index = _TYPE_CYCLE.index(self.wanted.kind)
        self._set_filter(kind=_TYPE_CYCLE[(index + 1) % len(_TYPE_CYCLE)])

    def action_filter_line(self) -> None:
        self.query_one("#followup-filter", Input).focus()

    @on(Input.Changed, "#followup-filter")
    def _filter_typed(self) -> None:
        self.refresh_rows()

    @on(Input.Submitted, "#followup-filter")
    def _filter_submitted(self) -> None:
        self.query_one(OverviewActionTable).focus()

    # Words typed on the table (pmtui.ui.typed_words) -------------------------------------

    def view_place(self) -> OverviewPlace:
        """The filters and the item shown: a letter that was a word's start (`o`, `w`)
        changed them (see PmtuiApp._began_word_with)."""
        row = self.selected()
        return OverviewPlace(self.wanted, row.key if row is not None else None)

    def return_to_view(self, place: object) -> None:
        """Back to `place` (a `view_place`): "ok then" typed slowly showed open items only."""
        if not isinstance(place, OverviewPlace):
            return
        self.wanted = place.wanted
        self.refresh_rows()
        keys = [row.key for row in self.shown]
        if place.selected in keys:
            self.query_one(OverviewActionTable).move_cursor(row=keys.index(place.selected))

    def where_to_type(self) -> str:
        """Where words typed on the table belong (pmtui.ui.typed_words)."""
        from pmtui.ui.keymap import key_now

        keymap: dict[str, str] = getattr(self.app, "pm_keymap", {})
        return (
            f"{key_now(keymap, 'actions_overview.filter', '/')} types a filter (a name, "
            "owner:, pm:, type:); enter opens the item's post-mortem to edit it."
        )

    def action_back(self) -> None:
        """Escape: out of the filter line, then clear the filters, then back home."""
        line = self.query_one("#followup-filter", Input)
        if line.has_focus:
            self.query_one(OverviewActionTable).focus()
        elif line.value or self.wanted.active:
            line.value = ""
            self.wanted = ActionFilter()
            self.refresh_rows()
        else:
            self.dismiss()

    # Mark done and open ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "mark_done":
            # On a finished item it runs, to say so: greyed out, `x` did nothing without a
            # word, and the footer still read "x Done" (mock meeting 26b).
            return (self.selected() is not None and not self.read_only_reason) or None
        if action == "undo":
            # In the footer only when there is something to undo.
            return self.history.undo_next is not None
        if action == "open_postmortem":
            return self.selected() is not None or None
        return True

    def action_mark_done(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not row.action.is_open:
            # `x` on a finished item did nothing, without a word (mock meeting 26b).
            status = "done" if row.action.status is ActionStatus.DONE else "won't do"
            self.notify(
                f"That action item is already {status}. enter opens its post-mortem, where x "
                "opens it again."
            )
            return
        if self.read_only_reason:
            self.notify(self.read_only_reason, title="Not saved", severity="warning")
            return
        try:
            # Fresh from the file: the item's post-mortem may have changed since we read it.
            pm = self.service.get(row.postmortem_id)
            pm = self.service.edit_action(pm, row.action.id, status="done")
        except (StoreError, ValidationError, KeyError) as error:
            self.notify(f"Not saved: {error}", severity="error", timeout=10)
            return
        self.history.record(MarkedDone(pm.id, row.action.id, row.action.status.value))
        self._adopt(pm)
        text = shorten(row.action.text, 60, placeholder=" …")
        self.notify(f"Done: {text}. ctrl+z reopens it.")

    def _adopt(self, pm: PostMortem) -> None:
        self.postmortems[pm.id] = pm
        self.rows = action_rows(self.postmortems.values(), self.today)
        self.refresh_rows()

    def action_undo(self) -> None:
        if self.history.undo_next is None:
            return
        done = self.history.undone()
        try:
            pm = self.service.get(done.postmortem_id)
            # The service clears the completion date when an item is no longer done.
            self._adopt(self.service.edit_action(pm, done.action_id, status=done.status))
        except (StoreError, ValidationError, KeyError) as error:
            self.notify(f"Not undone: {error}", severity="error", timeout=10)
            return
        self.notify("Reopened.")

    async def action_open_postmortem(self) -> None:
        from pmtui.ui.screens.workspace import WorkspaceScreen

        row = self.selected()
        if row is None:
            return
        try:
            pm = self.service.get(row.postmortem_id)
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        workspace = WorkspaceScreen(pm, self.service, self.read_only_reason)
        await self.app.push_screen(workspace)
        # Once the workspace has its size, so the Actions pane fits its columns to it.
        workspace.call_after_refresh(self._land_on, workspace, row.action.id)

    def _land_on(self, workspace: WorkspaceScreen, action_id: str) -> None:
        from pmtui.ui.panes.actions import ActionsPane

        workspace.show_tab("actions")
        pane = workspace.query_one(ActionsPane)
        if not pane.is_mounted:
            # The workspace composes a pane when its tab is first shown: land once it has.
            workspace.call_after_refresh(self._land_on, workspace, action_id)
            return
        # After the pane has drawn its rows: the cursor lands on the item chosen here.
        pane.call_after_refresh(pane.select, action_id)
        pane.call_after_refresh(pane.focus_default)

    @on(DataTable.RowSelected, "#followup-table")
    async def _row_selected(self) -> None:
        await self.action_open_postmortem()
