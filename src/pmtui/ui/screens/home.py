"""Provides HomeScreen: every post-mortem in the file, filter as you type, open, create,
delete (with confirmation and undo)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Key, Resize
from textual.keys import _character_to_key  # private: the key Textual names a character by
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from pmtui.localzone import local_timezone_name
from pmtui.model.postmortem import PostMortem
from pmtui.model.summary import PostMortemSummary
from pmtui.service import PostMortemService, StoreError
from pmtui.ui.commands import PaletteCommand
from pmtui.ui.notices import CHANGE, drop_notices_of, notify_kind
from pmtui.ui.widgets.footer import PmtuiFooter
from pmtui.ui.widgets.row_ends import row_end_bindings

#: A title column narrower than this scrolls sideways instead (a phone-sized terminal).
MIN_TITLE_WIDTH = 20

COLUMNS = (
    ("sev", "Sev"),
    ("status", "Status"),
    ("date", "Incident"),
    ("actions", "Actions"),
    ("title", "Title"),
)


def _matches(summary: PostMortemSummary, words: list[str]) -> bool:
    haystack = " ".join(
        (
            summary.title,
            summary.severity.value,
            summary.status.value,
            summary.owner,
            summary.id,
            summary.incident_date.isoformat() if summary.incident_date else "",
        )
    ).lower()
    return all(word in haystack for word in words)


def _actions_cell(summary: PostMortemSummary) -> Text:
    if not summary.open_actions:
        return Text("none open", style="dim")
    text = Text(f"{summary.open_actions} open")
    if summary.overdue_actions:
        text.append(f" · {summary.overdue_actions} overdue", style="bold reverse")
    return text


def _other_cells(summary: PostMortemSummary) -> list[Text | str]:
    """The row's cells before its title (pmtui's own words and dates: no markup in them)."""
    return [
        Text(summary.severity.value, style="bold"),
        Text(summary.status.value),
        Text(summary.incident_date.isoformat() if summary.incident_date else "—"),
        _actions_cell(summary),
    ]


class PostMortemTable(DataTable[Text | str]):
    """The list of post-mortems, one row each."""

    BINDINGS = row_end_bindings("home_table", "post-mortem")


_FILTER_PLACEHOLDER = "Type to filter by title, severity, status, owner or date"


class HomeScreen(Screen[None]):
    #: Its letters are commands, and a word typed here as if into a box runs none of them
    #: (pmtui.ui.typed_words): "done now" at 0.3 s a key asked Delete with its `d`, and its
    #: `n` opened the New dialog, which took "e now" as a title (mock meeting 18c).
    LETTERS_MAY_BE_WORDS = True
    # The list, not the filter (the first focusable widget), has the focus from the start:
    # focusing the filter first and the list a moment later built the footer twice and
    # restyled both widgets before the first paint.
    AUTO_FOCUS = "#home-table"
    BINDINGS = [
        Binding("n", "new", "New", id="home.new", tooltip="Create a post-mortem"),
        Binding("enter", "open", "Open", id="home.open", tooltip="Open the selected post-mortem"),
        Binding(
            "d,delete",
            "delete",
            "Delete",
            id="home.delete",
            tooltip="Delete the selected post-mortem",
        ),
        Binding("slash", "filter", "Filter", id="home.filter", tooltip="Filter by typing"),
        Binding(
            "ctrl+z",
            "undo",
            "Undo",
            id="home.undo",
            tooltip="Bring back the last deleted post-mortem",
        ),
        Binding(
            "A",
            "show_actions",
            "Actions",
            id="home.actions",
            tooltip="Every action item of every post-mortem: overdue, owners, mark done",
        ),
        Binding(
            "I",
            "show_insights",
            "Insights",
            id="home.insights",
            tooltip="Incidents by severity and root cause, time to detect and resolve",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._summaries: list[PostMortemSummary] = []
        self._deleted: list[PostMortem] = []
        #: The unreadable files already named, so each is named once, not on every return.
        self._named_unreadable: set[str] = set()
        # The first resume follows the mount, which has just filled the list.
        self._listed_on_mount = False
        #: The title column's width, fitted to the screen (None: as wide as the longest).
        self._title_width: int | None = None
        self._widths_shown: list[int] = []
        #: The widest cells of the listing read last (None: not measured since it was read).
        self._widths_of_listing: list[int] | None = None
        #: The cells before the title measured for the widths and not shown yet: the list
        #: shows them rather than building them again (1 ms of start-up). Each is shown once;
        #: a later fill (filter, resize) builds its own, as the table keeps those it shows.
        self._cells_measured: dict[str, list[Text | str]] = {}

    @property
    def service(self) -> PostMortemService:
        # Screen.app is typed as Textual's App; this screen only ever runs inside PmtuiApp.
        service: PostMortemService = self.app.service  # type: ignore[attr-defined]
        return service

    def compose(self) -> ComposeResult:
        yield Static(f"pmtui · {self.service.store.path}", id="home-title")
        reason = getattr(self.app, "read_only_reason", "")
        if reason:
            yield Static(reason, id="read-only-banner")
        yield Input(
            placeholder=_FILTER_PLACEHOLDER,
            id="home-filter",
            # Typing on the list moves here with the first letter already in; selecting
            # it on focus would let the second letter replace the first.
            select_on_focus=False,
        )
        yield PostMortemTable(id="home-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="home-empty")
        yield PmtuiFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self._read_listing()
        # Fitted before the first layout, from the terminal's size: fitted only once laid
        # out, every row was added, measured and painted twice before the user saw the list.
        rows = len(self._summaries)
        # A list longer than the whole screen certainly scrolls; a shorter one is taken not
        # to, and the fit after the layout (on_resize) corrects the in-between case.
        self._title_width = self._fitted_title_width(
            self.app.size.width, scrolls=rows >= self.app.size.height
        )
        self._add_columns(table)
        self._fill()
        self._listed_on_mount = True
        table.focus()

    def _add_columns(self, table: DataTable[object]) -> None:
        # Every width given: an auto-sized column re-added after a clear starts as wide as
        # its label, so "SEV2" showed as "SEV" and "in-review" as "in-rev".
        widths = self._widths_shown = self._content_widths()
        for (key, label), width in zip(COLUMNS, [*widths, self._title_width], strict=True):
            # Text, not str: a str label is parsed as markup, which loads Rich's emoji table.
            table.add_column(Text(label), key=key, width=width)

    def _content_widths(self) -> list[int]:
        """The widest cell (or label) of each column before the title, measured once per
        listing read (mounting and fitting the titles ask four times, 100 rows each)."""
        if self._widths_of_listing is None:
            cells: list[list[Text | str]] = [[label for _, label in COLUMNS[:-1]]]
            measured = self._cells_measured = {s.id: _other_cells(s) for s in self._summaries}
            cells += measured.values()
            self._widths_of_listing = [
                max(Text(c).cell_len if isinstance(c, str) else c.cell_len for c in column)
                for column in zip(*cells, strict=True)
            ]
        return self._widths_of_listing

    def _fitted_title_width(self, screen_width: int, *, scrolls: bool) -> int:
        """The room the other columns leave the title on a screen this wide."""
        table = self.query_one(DataTable)
        # From the rows, not the table's columns: those learn their widths when drawn.
        others = sum(width + 2 * table.cell_padding for width in self._content_widths())
        # From the screen's width: the table itself may not be laid out (again) yet.
        scrollbar = table.styles.scrollbar_size_vertical if scrolls else 0
        inner = screen_width - table.styles.gutter.width - scrollbar
        room = inner - others - 2 * table.cell_padding
        return max(MIN_TITLE_WIDTH, room)

    def on_resize(self, event: Resize) -> None:
        self.call_after_refresh(self._fit_titles, event.size.width)

    def _fit_titles(self, screen_width: int) -> None:
        """The title column takes the room the others leave, so a long title ends in "…"
        on the screen instead of running off its edge (the table scrolled sideways)."""
        table = self.query_one(DataTable)
        width = self._fitted_title_width(screen_width, scrolls=table.show_vertical_scrollbar)
        if width != self._title_width:
            self._title_width = width
            table.clear(columns=True)
            self._add_columns(table)
            self._fill()

    def on_screen_suspend(self) -> None:
        drop_notices_of(self)

    def on_screen_resume(self) -> None:
        if self._listed_on_mount:
            self._listed_on_mount = False
            return
        self.refresh_list()

    # Listing -------------------------------------------------------------------------

    def refresh_list(self, select: str | None = None) -> None:
        self._read_listing()
        if self._content_widths() != self._widths_shown:
            # A longer status or date than before: columns are sized up front, never by row.
            table = self.query_one(DataTable)
            table.clear(columns=True)
            self._add_columns(table)
        self._fill(select)

    def _read_listing(self) -> None:
        try:
            listing = self.service.listing()
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=10)
            self._summaries = []
            self._widths_of_listing = None
        else:
            self._summaries = listing.summaries
            self._widths_of_listing = None
            self._name_unreadable(listing.unreadable)

    def _name_unreadable(self, problems: list[str]) -> None:
        """One notice line per damaged file of a team folder; the others are listed."""
        new = [problem for problem in problems if problem not in self._named_unreadable]
        self._named_unreadable = set(problems)
        if new:
            # markup=False: the file's name and its problem are the folder's text.
            self.notify("\n".join(new), severity="error", timeout=15, markup=False)

    def _fill(self, select: str | None = None) -> None:
        table = self.query_one(DataTable)
        current = select or self.selected_id()
        words = self.query_one("#home-filter", Input).value.lower().split()
        shown = [s for s in self._summaries if _matches(s, words)]
        table.clear()
        for s in shown:
            # Text, never str: DataTable reads a str as markup, so a title holding "[/]"
            # would stop the list and "[b]" would restyle it (and parsing costs every row).
            table.add_row(
                *(self._cells_measured.pop(s.id, None) or _other_cells(s)),
                Text(s.title, no_wrap=True, overflow="ellipsis"),
                key=s.id,
            )
        ids = [s.id for s in shown]
        if current in ids:
            table.move_cursor(row=ids.index(current))
        self._offer_filter(bool(self._summaries))
        empty = self.query_one("#home-empty", Static)
        if not self._summaries:
            empty.update("No post-mortems yet. Press n to write the first one.")
        elif not shown:
            empty.update("Nothing matches the filter. Press escape to clear it.")
        empty.display = not shown

    def _offer_filter(self, anything: bool) -> None:
        """With no post-mortems there is nothing to filter: the box takes no focus, so n
        creates the first one wherever the user tabbed or clicked (in the box it typed "n")."""
        filter_input = self.query_one("#home-filter", Input)
        if filter_input.disabled is (not anything):
            return  # already as it should be
        if anything:
            filter_input.disabled = False
            filter_input.placeholder = _FILTER_PLACEHOLDER
            return
        had_focus = filter_input.has_focus
        filter_input.value = ""
        filter_input.placeholder = "Nothing to filter yet"
        filter_input.disabled = True
        if had_focus:
            self.query_one(DataTable).focus()

    def selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return key.value

    # Filter --------------------------------------------------------------------------

    @on(Input.Changed, "#home-filter")
    def _filter_changed(self) -> None:
        self._fill()

    @on(Input.Submitted, "#home-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        # Enter opens the first match, as in any filter: it only moved the focus to the list,
        # and with one match left a facilitator pressed it twice to no effect (mock 32a).
        table = self.query_one(DataTable)
        if table.row_count:
            self.action_open()
            return
        self.notify(
            f"No post-mortem matches “{event.value.strip()}”: escape shows them all again.",
            severity="warning",
            markup=False,
        )

    def on_key(self, event: Key) -> None:
        filter_input = self.query_one("#home-filter", Input)
        if event.key == "escape" and (filter_input.value or filter_input.has_focus):
            filter_input.value = ""
            self.query_one(DataTable).focus()
            event.stop()
        elif event.key in ("down", "up") and filter_input.has_focus:
            # The matches are below: ↓ goes to them, their first selected.
            self.query_one(DataTable).focus()
            event.stop()

    def take_line_typed_here(self, text: str) -> bool:
        """Whether `text`, typed on the list where keys are commands, goes into the filter:
        it does when its first key is no command here ("check" finds "Checkout latency
        spike"). One that starts with a command key ("done now", "new one") is a word typed
        where a box was believed to be, and runs nothing (pmtui.ui.typed_words)."""
        filter_input = self.query_one("#home-filter", Input)
        first = text[:1]
        if not first.strip() or filter_input.disabled:
            return False
        if _character_to_key(first) in self.active_bindings:
            return False
        filter_input.focus()
        filter_input.insert_text_at_cursor(text)
        return True

    def where_to_type(self) -> str:
        """Where words typed on the list belong (pmtui.ui.typed_words)."""
        from pmtui.ui.keymap import key_now

        keymap: dict[str, str] = getattr(self.app, "pm_keymap", {})
        return (
            f"{key_now(keymap, 'home.filter', '/')} filters the list, "
            f"{key_now(keymap, 'home.new', 'n')} creates a post-mortem."
        )

    def action_filter(self) -> None:
        self.query_one("#home-filter", Input).focus()

    # Actions -------------------------------------------------------------------------

    def action_open(self) -> None:
        pm_id = self.selected_id()
        if pm_id:
            self.open_postmortem(pm_id)

    @on(DataTable.RowSelected, "#home-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.open_postmortem(event.row_key.value)

    def open_postmortem(self, pm_id: str, *, created: bool = False) -> None:
        """Open `pm_id`; one `created` just now opens with the cursor where writing starts."""
        from pmtui.ui.screens.workspace import WorkspaceScreen

        try:
            pm = self.service.get(pm_id)
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        reason = getattr(self.app, "read_only_reason", "")
        self.app.push_screen(WorkspaceScreen(pm, self.service, reason, start_writing=created))

    def action_new(self) -> None:
        if getattr(self.app, "read_only_reason", ""):
            self.notify(self.app.read_only_reason, severity="warning")  # type: ignore[attr-defined]
            return
        # Imported when asked for, as the workspace is: the list paints without them.
        from pmtui.ui.modals.new_postmortem import NewPostMortemModal

        today = self.service.today()

        def create(values: dict[str, str]) -> PostMortem:
            return self.service.create(
                values["title"],
                severity=values["severity"],
                owner=values["owner"],
                timezone=values["timezone"] or "UTC",
                incident_date=values["incident_date"],
            )

        def created(pm: PostMortem | None) -> None:
            if pm is not None:
                self.refresh_list(select=pm.id)
                self.open_postmortem(pm.id, created=True)

        self.app.push_screen(
            NewPostMortemModal(
                create,
                default_timezone=local_timezone_name(),
                default_date=today.isoformat(),
                owners=sorted({s.owner for s in self._summaries if s.owner}),
            ),
            created,
        )

    def action_delete(self) -> None:
        pm_id = self.selected_id()
        if pm_id is None:
            return
        if getattr(self.app, "read_only_reason", ""):
            self.notify(self.app.read_only_reason, severity="warning")  # type: ignore[attr-defined]
            return
        from pmtui.ui.modals.confirm import ConfirmModal

        summary = next(s for s in self._summaries if s.id == pm_id)
        question = (
            f"Delete “{summary.title}”?\n\n{summary.event_count} timeline "
            f"event{'s' * (summary.event_count != 1)} and {summary.open_actions} open action "
            f"item{'s' * (summary.open_actions != 1)} go with it. ctrl+z brings it back."
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self._deleted.append(self.service.delete(pm_id))
                self.refresh_bindings()
            except StoreError as error:
                self.notify(str(error), severity="error", timeout=10)
                return
            self.refresh_list()
            said = f"Deleted “{summary.title}”. Press ctrl+z to undo."
            notify_kind(self, said, kind=CHANGE, timeout=8)

        self.app.push_screen(ConfirmModal(question), answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return bool(self._deleted)  # shown in the footer only when there is an undo
        return True

    def action_undo(self) -> None:
        if not self._deleted:
            notify_kind(self, "Nothing to undo.", kind=CHANGE, severity="warning")
            return
        pm = self._deleted.pop()
        self.refresh_bindings()
        try:
            self.service.restore(pm)
        except StoreError as error:
            self._deleted.append(pm)
            self.notify(str(error), severity="error", timeout=10)
            return
        self.refresh_list(select=pm.id)
        notify_kind(self, f"Restored “{pm.title}”.", kind=CHANGE)

    def palette_commands(self) -> list[PaletteCommand]:
        # The footer says "New"; the palette keeps the full name people search for.
        return [
            PaletteCommand(
                "New post-mortem", "Create a post-mortem and open it (n)", self.action_new, "new"
            )
        ]

    def action_show_actions(self, unverified_only: bool = False) -> None:
        from pmtui.ui.screens.actions_overview import ActionsOverviewScreen

        reason = getattr(self.app, "read_only_reason", "")
        overview = ActionsOverviewScreen(self.service, reason)
        if unverified_only:
            overview.show_unverified()
        self.app.push_screen(overview)

    def action_show_insights(self) -> None:
        from pmtui.ui.screens.insights import InsightsScreen

        reason = getattr(self.app, "read_only_reason", "")
        self.app.push_screen(InsightsScreen(self.service, reason))
