"""Provides WorkspaceScreen: one post-mortem, its panes, metrics and save state.

The screen owns the post-mortem as one reactive value and binds it down to every pane.
Panes change it only through `commit`, which calls the service (one validated, atomic save)
and assigns the new state, so every pane and the metrics update from the same truth.
Panes never call each other: they post messages (pmtui.ui.messages) that this screen
handles by calling the pane concerned.

A pane is composed when its tab is first shown, or when something asks for it (a place
shown, the palette and F1 listing every tab's keys). Opening a post-mortem builds only the
pane in front: the Overview's 160 widgets wait until a user looks at them. What the tab bar
must say before a pane exists (how many checks are open) the screen learns from the service.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.css.query import NoMatches
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import AwaitMount, Widget
from textual.widgets import Input, Static, TabbedContent, TabPane, Tabs, TextArea
from textual.worker import get_current_worker

from pmtui.analysis.places import parse_where, why_step
from pmtui.history import Change, History, RefusedRun, TypingChange, same_state, told
from pmtui.model.agenda import MeetingState
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import (
    ActionItem,
    ContributingFactor,
    PostMortem,
    TimelineEvent,
    WhyChain,
)
from pmtui.model.times import format_instant
from pmtui.service import PostMortemService, StoreError
from pmtui.ui.commands import PaletteCommand, applicable
from pmtui.ui.messages import (
    FindingsCounted,
    PaneKeyTyped,
    PublishRequested,
    RefusedTypingChanged,
    ShowPlace,
    TemplateChosen,
)
from pmtui.ui.notices import (
    CHANGE,
    OVERVIEW_LAYOUT,
    SHORT_SECONDS,
    UNDO_PUTS_BACK,
    SecondPress,
    drop_notices,
    drop_notices_of,
    notify_kind,
    place_notices,
    tell_unsaved,
)
from pmtui.ui.panes.base import WorkspacePane
from pmtui.ui.stylesheets import WORKSPACE_SHEETS, stylesheet_paths
from pmtui.ui.typing_focus import is_form_focus
from pmtui.ui.widgets.document_preview import DocumentPreview
from pmtui.ui.widgets.entered_box import select_entered
from pmtui.ui.widgets.footer import PmtuiFooter
from pmtui.ui.widgets.status_bar import MetricsLine, SaveIndicator, SaveState

if TYPE_CHECKING:
    from pmtui.ui.panes.overview import OverviewPane
    from pmtui.ui.widgets.type_select import TypeSelect

#: From this width the workspace shows the live document beside the current pane.
WIDE_LAYOUT_MIN_WIDTH = 160
#: Below this width the status bar and footer drop detail to keep the title readable.
COMPACT_LAYOUT_MAX_WIDTH = 120

# Screen keys that are a letter or a digit: commands only where typing cannot be meant.
_LETTER_ACTIONS = frozenset({"meeting", "digit_tab"})

TABS = (
    ("overview", "Overview"),
    ("timeline", "Timeline"),
    ("whys", "Five Whys"),
    ("actions", "Actions"),
    ("document", "Document"),
    ("checks", "Checks"),
)


#: The tab that shows each part of a post-mortem a place can name; any other is the Overview's.
_PLACE_TABS = {"timeline": "timeline", "whys": "whys", "factors": "whys", "action_items": "actions"}
#: The id of the key that shows Checks from anywhere, a text field included (F7).
_CHECKS_KEY_ID = f"workspace.f_tab{[tab_id for tab_id, _ in TABS].index('checks') + 1}"


def _pane_class(tab_id: str) -> type[WorkspacePane]:
    """The pane shown in `tab_id`, imported on first use: the Checks pane alone brings in
    every quality guide."""
    if tab_id == "overview":
        from pmtui.ui.panes.overview import OverviewPane

        return OverviewPane
    if tab_id == "timeline":
        from pmtui.ui.panes.timeline import TimelinePane

        return TimelinePane
    if tab_id == "whys":
        from pmtui.ui.panes.whys import WhysPane

        return WhysPane
    if tab_id == "actions":
        from pmtui.ui.panes.actions import ActionsPane

        return ActionsPane
    if tab_id == "document":
        from pmtui.ui.panes.document import DocumentPane

        return DocumentPane
    from pmtui.ui.panes.findings import FindingsPane

    return FindingsPane


@dataclass(frozen=True)
class WorkspacePlace:
    """Where the user is in the workspace (WorkspaceScreen.view_place)."""

    tab: str
    focused: Widget | None
    #: The pane's own (WorkspacePane.view_place).
    pane_view: object


class WorkspaceScreen(Screen[None]):
    CSS_PATH = stylesheet_paths(*WORKSPACE_SHEETS)
    #: Letters typed as a word on a list or the ladder run none of their commands
    #: (pmtui.ui.typed_words).
    LETTERS_MAY_BE_WORDS = True
    BINDINGS = [
        # Leaving is its own key: escape only ever leaves a field, so pressing it once too
        # often in front of a room cannot throw the post-mortem away like a crash.
        Binding(
            "ctrl+l",
            "leave",
            "Home",
            id="workspace.home",
            tooltip="Back to the list of post-mortems (everything is saved)",
        ),
        Binding(
            "escape",
            "leave_field",
            "Leave field",
            show=False,
            id="workspace.leave_field",
            tooltip="Out of a text field to the tab bar, so 1…6 switch panes again",
        ),
        Binding(
            "1",
            "digit_tab('overview')",
            "Go to Overview",
            show=False,
            id="workspace.tab1",
            tooltip="Show Overview (when no text field has the focus)",
        ),
        Binding(
            "2",
            "digit_tab('timeline')",
            "Go to Timeline",
            show=False,
            id="workspace.tab2",
            tooltip="Show Timeline (when no text field has the focus)",
        ),
        Binding(
            "3",
            "digit_tab('whys')",
            "Go to Five Whys",
            show=False,
            id="workspace.tab3",
            tooltip="Show Five Whys (when no text field has the focus)",
        ),
        Binding(
            "4",
            "digit_tab('actions')",
            "Go to Actions",
            show=False,
            id="workspace.tab4",
            tooltip="Show Actions (when no text field has the focus)",
        ),
        Binding(
            "5",
            "digit_tab('document')",
            "Go to Document",
            show=False,
            id="workspace.tab5",
            tooltip="Show Document (when no text field has the focus)",
        ),
        Binding(
            "6",
            "digit_tab('checks')",
            "Go to Checks",
            show=False,
            id="workspace.tab6",
            tooltip="Show Checks (when no text field has the focus)",
        ),
        # Function keys reach the app even while a field has focus; alt+digit does not
        # arrive as such in every terminal (some turn it into a character, e.g. alt+2 = ™).
        *(
            Binding(
                f"f{number + 1}",
                f"key_tab('{tab_id}')",
                f"Go to {title}",
                show=False,
                priority=True,
                id=f"workspace.f_tab{number}",
                tooltip=f"Show {title}, even while typing in a field",
            )
            for number, (tab_id, title) in enumerate(TABS, start=1)
        ),
        # Priority: one history for the whole post-mortem, also while a field has focus
        # (its typing is saved first, so ctrl+z there takes back the last saved typing).
        Binding(
            "ctrl+z",
            "undo",
            "Undo",
            priority=True,
            id="workspace.undo",
            tooltip="Take back the last change to this post-mortem",
        ),
        Binding(
            "ctrl+y,ctrl+shift+z",
            "redo",
            "Redo",
            priority=True,
            id="workspace.redo",
            tooltip="Make the last undone change again",
        ),
        Binding(
            "m",
            "meeting",
            "Start meeting mode",
            # Kept out of the footer: at 80 columns it would push out quit and help. F1 and
            # the palette list it.
            show=False,
            id="workspace.meeting",
            tooltip="Present the review meeting: agenda, timeboxes and live capture",
        ),
    ]

    pm: reactive[PostMortem] = reactive(None, always_update=True)  # type: ignore[arg-type]
    save_state: reactive[SaveState | None] = reactive(None)

    def __init__(
        self,
        pm: PostMortem,
        service: PostMortemService,
        read_only_reason: str = "",
        *,
        start_writing: bool = False,
    ):
        """`start_writing`: the post-mortem was just created, and the user's next keys are its
        first words (not commands): the cursor starts in the Overview's first empty section."""
        super().__init__()
        self._start_writing = start_writing
        self.service = service
        # In a team folder each post-mortem has its own writer: another pmtui editing this
        # one leaves it read-only here while the others stay editable. One a newer pmtui
        # wrote is read-only too, and claims no lock: that pmtui may go on writing it.
        self.read_only_reason = (
            read_only_reason or service.read_only_reason(pm) or service.claim(pm.id)
        )
        self._claimed = not self.read_only_reason
        self.history = History()
        #: The drop-down whose last type-ahead run was refused, with the history's next undo
        #: then (see _next_undo); None when no run is refused.
        self._refused_run: tuple[TypeSelect, Change | None] | None = None
        #: The Overview's refused typing as last seen, with the history's next undo when it
        #: was typed: a change saved after it is taken back before it (see _next_undo).
        self._refused_typing: tuple[dict[str, str], Change | None] = ({}, None)
        #: ctrl+l stays once to say that typing could not be saved (see leave).
        self._leave_again = SecondPress()
        #: The review meeting of this post-mortem, kept while the workspace is open so that
        #: leaving meeting mode and pressing m again resumes it (see open_meeting).
        self.meeting: MeetingState | None = None
        #: Each composed pane's mounting, awaited by whoever needs every pane at once.
        self._mounting: dict[str, AwaitMount] = {}
        self._bound: set[str] = set()
        #: The post-mortem the Checks tab's count was taken from while its pane is not built.
        self._counted: PostMortem | None = None
        self._count_timer: Timer | None = None
        #: A tab asked for before the tab bar was mounted (which then activates "overview").
        self._tab_asked_early: str | None = None
        self._tabs_ready = False
        #: The tab a finding's place was opened on from Checks: while it is in front, the
        #: footer names the key back to Checks.
        self._from_checks_on: str | None = None
        self.set_reactive(WorkspaceScreen.pm, pm)
        self.set_reactive(
            WorkspaceScreen.save_state,
            SaveState("read-only") if self.read_only_reason else SaveState("saved"),
        )

    def compose(self) -> ComposeResult:
        with Horizontal(id="status-bar"):
            yield Static(id="pm-title")
            yield MetricsLine(id="metrics").data_bind(WorkspaceScreen.pm)
            yield SaveIndicator(id="save-state").data_bind(state=WorkspaceScreen.save_state)
        if self.read_only_reason:
            yield Static(self.read_only_reason, id="read-only-banner")
        with Horizontal(id="workspace-body"):
            with TabbedContent(id="tabs", initial="overview"):
                for tab_id, title in TABS:
                    # Empty until first shown (see the module docstring).
                    yield TabPane(title, id=tab_id)
            yield DocumentPreview(id="side-preview").data_bind(WorkspaceScreen.pm)
        yield PmtuiFooter()

    def on_mount(self) -> None:
        self._update_title(self.pm)
        self._apply_layout(self.size.width)
        self._name_leave_key()
        if self._start_writing and not self.read_only_reason:
            self.call_after_refresh(self._focus_first_words)

    def _focus_first_words(self) -> None:
        """After creation the tab bar had the focus and the letters typed next ran as
        commands (m opened meeting mode): they go into the first empty section instead."""
        from pmtui.ui.panes.overview import OverviewPane

        overview = self._ensure_pane("overview")
        if not overview.is_mounted:
            self.call_after_refresh(self._focus_first_words)  # composed by the next refresh
            return
        assert isinstance(overview, OverviewPane)
        overview.focus_first_empty_section(after_creating=True)

    # Panes, composed when first shown -----------------------------------------------------

    def _ensure_pane(self, tab_id: str) -> WorkspacePane:
        """`tab_id`'s pane, mounted now if it was not yet (composed by Textual shortly)."""
        tab_pane = self.query_one(f"#{tab_id}", TabPane)
        found = tab_pane.query_children(WorkspacePane)
        if found:
            return found.first()
        pane = _pane_class(tab_id)()
        # Every pane shows the `pm` it has when mounted; the binding then keeps it current.
        pane.set_reactive(WorkspacePane.pm, self.pm)
        mounting = self._mounting[tab_id] = tab_pane.mount(pane)
        self.call_later(self._bind_when_mounted, pane, mounting)
        return pane

    async def _bind_when_mounted(self, pane: WorkspacePane, mounted: AwaitMount) -> None:
        await mounted
        # Containers inside the pane may still be mounting their own children; after the
        # next refresh they all have.
        self.call_after_refresh(self._bind, pane)

    def _bind(self, pane: WorkspacePane) -> None:
        # Not data_bind: it hands the pane the screen's post-mortem at once as a change, even
        # the very one the pane was mounted with, and each pane (with the widgets bound to it)
        # filled itself twice on opening. Only a change saved since it was mounted is handed
        # over now; from then on the pane gets every post-mortem the screen is given.
        pane.watch(self, "pm", partial(_hand_down, pane), init=pane.pm is not self.pm)
        self._bound.add(pane.TAB_ID)
        if len(self._bound) == 1:
            # Once the pane in front is painted: counting runs every guide in a thread, which
            # would otherwise share the processor with composing that pane.
            self.call_after_refresh(self._count_findings_now)

    @property
    def panes_ready(self) -> bool:
        """The pane in front and every other pane built so far follow the post-mortem."""
        return bool(self._mounting) and self._bound == set(self._mounting)

    def pane(self, tab_id: str) -> WorkspacePane:
        """`tab_id`'s pane, built now if its tab was never shown (mounted a moment later)."""
        return self._ensure_pane(tab_id)

    async def compose_all_panes(self) -> None:
        """Build every pane not built yet and wait until each follows the post-mortem and
        shows it: the palette and F1 list the commands and keys of every tab, and a command
        on the selected row applies only once the rows are there.

        Call it from another task than this screen's (a dialog's or the palette's)."""
        for tab_id, _ in TABS:
            self._ensure_pane(tab_id)
        for mounting in list(self._mounting.values()):
            await mounting
        # Waiting for a refresh is a no-op in this screen's own task: no endless loop there.
        while not self.panes_ready and await self.wait_for_refresh():
            pass
        # Panes fill their tables a refresh after mounting, once the columns are there.
        await self.wait_for_refresh()

    # The Checks tab's count, before its pane is built -------------------------------------

    def _checks_pane_built(self) -> bool:
        return "checks" in self._mounting

    def _count_findings_soon(self) -> None:
        """Count again after the pause the Checks pane waits, so typing does not run every
        guide on each keystroke; once the pane is built it counts itself."""
        from pmtui.ui.panes import findings

        if self._checks_pane_built() or not self.is_mounted:
            return
        if self._count_timer is not None:
            self._count_timer.stop()
        self._count_timer = self.set_timer(findings.RECHECK_DELAY_SECONDS, self._count_findings_now)

    def _count_findings_now(self) -> None:
        if not self._checks_pane_built():
            self._count_findings(self.pm)

    # Named: Textual otherwise describes the worker by the repr of a whole post-mortem.
    @work(thread=True, exclusive=True, group="checks-count", description="checks count")
    def _count_findings(self, pm: PostMortem) -> None:
        result = self.service.readiness(pm)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_count, pm, len(result.to_fix))

    def _show_count(self, pm: PostMortem, count: int) -> None:
        if pm is not self.pm or self._checks_pane_built() or not self.is_attached:
            return  # a newer count is on its way, or the pane counts now
        self._counted = pm
        self._label_checks(count)

    @property
    def checks_counted(self) -> bool:
        """The Checks tab's count is the current post-mortem's (or its pane keeps it)."""
        return self._checks_pane_built() or self._counted is self.pm

    def on_unmount(self) -> None:
        if self._claimed:
            self.service.release(self.pm.id)

    def on_screen_suspend(self) -> None:
        drop_notices_of(self)

    def on_resize(self, event: Resize) -> None:
        self._apply_layout(event.size.width)

    def _apply_layout(self, width: int) -> None:
        wide = width >= WIDE_LAYOUT_MIN_WIDTH
        compact = width < COMPACT_LAYOUT_MAX_WIDTH
        self.set_class(wide, "-wide")
        self.set_class(compact, "-compact")
        self.query_one(MetricsLine).compact = compact
        self.query_one(SaveIndicator).compact = compact
        self.query_one(PmtuiFooter).compact = compact
        self._describe_history_keys()
        self._show_side_preview()

    def _show_side_preview(self) -> None:
        # Beside the Document tab it would only repeat the same document.
        preview = self.query_one(DocumentPreview)
        on_document = self.query_one(TabbedContent).active == "document"
        preview.display = self.has_class("-wide") and not on_document

    def watch_pm(self, pm: PostMortem) -> None:
        if self.is_mounted:
            self._update_title(pm)
            self._count_findings_soon()

    def _update_title(self, pm: PostMortem) -> None:
        title = self.query_one("#pm-title", Static)
        # Content: plain text, a title's "[/]" is not markup.
        title.update(Content(f"{pm.severity.value} · {pm.title} · {pm.status.value}"))

    # The one way panes change the post-mortem -------------------------------------------

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    def commit(self, command: Callable[[PostMortem], PostMortem]) -> Change | None:
        """Run `command` (a service call) on the current post-mortem, adopt the result and
        record it in the undo history; returns what changed (None when nothing was saved).

        ValidationError propagates, so a form can show it inline and keep what was typed.
        A failed save keeps the old state, says so, and returns None.
        """
        if self.read_only:
            self.notify(self.read_only_reason, title="Not saved", severity="warning")
            return None
        try:
            change = self.service.run(self.pm, command)
        except ValidationError:
            raise
        except StoreError as error:
            self._save_failed(error)
            return None
        if change.after is not change.before:
            self._adopt(change.after)
            self.history.record(change)
            self._describe_history_keys()
            gone = _gone(change)
            if gone:
                # The thing is gone from view: say what went and how to get it back.
                notify_kind(self, f"{gone}. Press ctrl+z to undo.", kind=CHANGE, timeout=6)
        elif self.save_state is not None and self.save_state.kind == "pending":
            # Typing that changed nothing (the same owner typed again) is saved as it is:
            # "● Unsaved typing" stayed up for good and told the room work was at risk.
            self._adopt(self.pm)
        return change

    def _adopt(self, pm: PostMortem) -> None:
        self.pm = pm
        self.show_save_state()

    def show_save_state(self) -> None:
        """Saved, with the time, unless the Overview shows typing it refused: that is still
        not saved, and "✓ Saved" after an event deleted elsewhere said it all was (31b)."""
        overview = self._built_overview()
        if overview is not None and overview.holds_refused_typing():
            self.save_state = SaveState("failed")
        else:
            self.save_state = SaveState(
                "saved", format_instant(self.pm.updated_at, self.pm.zone)[11:]
            )

    def _save_failed(self, error: StoreError) -> None:
        self.save_state = SaveState("failed")
        self.notify(str(error), title="Not saved", severity="error", timeout=10)

    def mark_pending(self) -> None:
        """Typing is waiting for its debounce; the status bar must not claim it is saved."""
        if not self.read_only:
            self.save_state = SaveState("pending")

    # Undo and redo -----------------------------------------------------------------------

    def action_undo(self) -> None:
        self._travel(undo=True)

    def action_redo(self) -> None:
        self._travel(undo=False)

    def _travel(self, *, undo: bool) -> None:
        """Save the version before (undo) or after (redo) the next change in the history,
        and show where it happened."""
        word = "undo" if undo else "redo"
        if self.read_only:
            notify_kind(
                self, f"Nothing to {word}: {self.read_only_reason}", kind=CHANGE, severity="warning"
            )
            return
        self.flush_pending()  # typing still waiting for its save is the latest change
        change = self._next_undo() if undo else self.history.redo_next
        if isinstance(change, RefusedRun):
            self._tell_refused_run(change)
            return
        if isinstance(change, TypingChange):
            self._travel_typing(change, undo=undo)
            return
        typing_in = self.focused if isinstance(self.focused, Input | TextArea) else None
        if change is None:
            notify_kind(self, f"Nothing to {word}.", kind=CHANGE, severity="warning")
            return
        if not same_state(self.pm, change.after if undo else change.before):
            # Only this screen writes the post-mortem, so this should not happen; if it
            # does, an old version must not overwrite what is there now.
            self.history.clear()
            self._describe_history_keys()
            said = f"Nothing to {word}: the post-mortem changed since."
            notify_kind(self, said, kind=CHANGE, severity="warning", timeout=6)
            return
        try:
            new = self.service.revert(self.pm, change.before if undo else change.after)
        except StoreError as error:
            self._save_failed(error)
            return
        if undo:
            self.history.undone()
        else:
            self.history.redone()
        self._adopt(new)
        self._describe_history_keys()
        # Short-lived, and in place of the last one: pressed again and again, undo names
        # only what it did last.
        notify_kind(
            self, f"{'Undid' if undo else 'Redid'}: {told(change, undone=undo)}", kind=CHANGE
        )
        self._land_on(change.place, new)
        if typing_in is not None:
            # After the change was shown (its pane may focus it after a refresh).
            self.call_after_refresh(self._keep_typing_in, typing_in)

    def _next_undo(self) -> Change | None:
        """What ctrl+z takes back now; the footer and the palette name it from here, so they
        name what the key does. Last seen comes first: a drop-down's run that was refused
        (nothing saved since), then typing the Overview refused (nothing saved since, as an
        event deleted on the Timeline afterwards is taken back first), then the last saved
        change."""
        overview = self._built_overview()
        if overview is None:
            return self.history.undo_next
        label = overview.drop_down_label(self.focused)
        if label is not None and self._refused_run is not None:
            select, head = self._refused_run
            if select is self.focused and select.refused_run and self.history.undo_next is head:
                return RefusedRun(f"typing on {label}", "", "", self.pm, self.pm, label)
        typed = overview.refused_typing()
        head = self._refused_typing[1]
        if typed and self.history.undo_next in (head, None):
            names = list(typed)
            label = overview.typing_label(names)
            return TypingChange(label, "", names[0], self.pm, self.pm, tuple(typed.items()))
        return self.history.undo_next

    def on_type_select_refusal_changed(self, message: TypeSelect.RefusalChanged) -> None:
        # Remember what the history's next undo was when the run was refused: once anything
        # is saved or undone after it, ctrl+z is about that, no longer about the run.
        if message.select.refused_run:
            self._refused_run = (message.select, self.history.undo_next)
        elif self._refused_run is not None and self._refused_run[0] is message.select:
            self._refused_run = None
        self._describe_history_keys()

    def on_refused_typing_changed(self, message: RefusedTypingChanged) -> None:
        overview = self._built_overview()
        typed = overview.refused_typing() if overview is not None else {}
        if typed != self._refused_typing[0]:
            # Typed (or typed again) now: later than every change saved so far.
            self._refused_typing = (typed, self.history.undo_next)
        self._describe_history_keys()

    def _tell_refused_run(self, run: RefusedRun) -> None:
        """The first ctrl+z after a refused run: nothing to take back, and what the next
        ctrl+z will take back instead."""
        if self._refused_run is not None:
            self._refused_run[0].forget_refused_run()
        self._refused_run = None
        after = self._next_undo()
        then = f"ctrl+z again undoes: {after.label}" if after else "nothing else to undo"
        notify_kind(self, f"Nothing typed on {run.field_label} was kept · {then}", kind=CHANGE)
        self._describe_history_keys()

    def _travel_typing(self, change: TypingChange, *, undo: bool) -> None:
        """Undo typing the Overview refused (it is the latest change, though never saved),
        or redo it. The undo is an entry of the one history."""
        overview = self._built_overview()
        if overview is None:
            return
        if undo:
            self.history.record(change)
            self.history.undone()
            overview.revert_typing([name for name, _ in change.typed])
        else:
            # Back in its field the typing is no saved change: the next undo takes it out
            # again as a new entry.
            self.history.redone()
            self.history.forget_undo_next()
            overview.restore_typing(dict(change.typed))
        self._describe_history_keys()
        notify_kind(self, f"{'Undid' if undo else 'Redid'}: {change.label}", kind=CHANGE)

    def _holds_refused_typing(self) -> bool:
        """Whether the Overview shows refused typing: ctrl+z applies, nothing saved or not."""
        overview = self._built_overview()
        return overview is not None and overview.holds_refused_typing()

    def _built_overview(self) -> OverviewPane | None:
        """The Overview pane if it was built and mounted (looked up in its tab, not in the
        whole screen: check_action asks on every refresh of the keys)."""
        from pmtui.ui.panes.overview import OverviewPane

        found = self.query_one("#overview", TabPane).query_children(OverviewPane)
        return found.first() if found and found.first().is_mounted else None

    def _keep_typing_in(self, box: Widget) -> None:
        """Give the focus back to the text box the user was typing in, if it is still in
        view: on the table, the next typed line ran as one-letter commands (3 switched tab)."""
        shown = box.is_mounted and all(
            node.display for node in box.ancestors_with_self if isinstance(node, Widget)
        )
        if shown and self.focused is not box:
            box.focus()

    def _name_leave_key(self) -> None:
        """ctrl+l goes back to the screen under this one: opened from All action items it
        is that list, which a footer saying "Home" did not lead a facilitator to (31a)."""
        from pmtui.ui.screens.home import HomeScreen

        below = self._screen_below()
        if below is None or isinstance(below, HomeScreen):
            return
        back = "Back to the list this was opened from"
        self._swap_bindings(
            lambda b: (
                replace(b, description="Back", tooltip=back) if b.id == "workspace.home" else b
            )
        )

    def _screen_below(self) -> Screen[Any] | None:
        """The screen ctrl+l goes back to: the list of post-mortems or All action items."""
        stack = self.app.screen_stack
        return stack[stack.index(self) - 1] if self in stack and stack.index(self) else None

    def _swap_bindings(self, swap: Callable[[Binding], Binding]) -> None:
        """Each of this screen's bindings as `swap` returns it. Textual has no public way to
        rename a binding; its map holds frozen Bindings, so each is swapped for a copy (key
        and id stay, so a keymap still applies)."""
        key_map = self._bindings.key_to_bindings
        for key, bindings in key_map.items():
            key_map[key] = [swap(b) for b in bindings]

    def _describe_history_keys(self) -> None:
        """Name the next undo and redo in the footer ('Undo edit event')."""
        labels = {
            "workspace.undo": _key_label("Undo", self._next_undo()),
            "workspace.redo": _key_label("Redo", self.history.redo_next),
        }
        # Below 120 columns the keys would push quit and help out of the footer; F1 and the
        # palette still list them, ctrl+z needs no reminder.
        show = not self.has_class("-compact")
        self._swap_bindings(
            lambda b: replace(b, description=labels[b.id], show=show) if b.id in labels else b
        )
        self.refresh_bindings()

    def _land_on(self, place: str, pm: PostMortem) -> None:
        """Show the changed item where a pane can (the list it was in, once it is gone)."""
        from pmtui.ui.panes.findings import FindingsPane
        from pmtui.ui.panes.overview import OverviewPane

        for prefix, rule in (("waivers[", ""), ("conflicts[", "merge-conflict")):
            if place.startswith(prefix) and place.endswith("]"):
                checks = self._ensure_pane("checks")
                if not checks.is_mounted:
                    self.call_after_refresh(self._land_on, place, pm)  # composed by then
                    return
                assert isinstance(checks, FindingsPane)
                inner = place[len(prefix) : -1]
                if not rule:
                    rule, _, inner = inner.partition(":")
                self.action_show_tab("checks")
                checks.select(rule, inner)
                return
        where = parse_where(place)
        if where.part in ("timeline", "whys", "factors", "action_items") and where.item_id:
            lists: dict[str, Sequence[TimelineEvent | WhyChain | ContributingFactor | ActionItem]]
            lists = {
                "timeline": pm.events,
                "whys": pm.whys,
                "factors": pm.factors,
                "action_items": pm.actions,
            }
            if not any(item.id == where.item_id for item in lists[where.part]):
                place = where.part
        elif where.part in ("status", "severity") or not where.part:
            # A header choice: the title line shows it on every tab. Focused, the drop-down
            # would take the next letters typed as a choice; in view it is enough.
            if where.part and self._shows_form_untyped():
                self.query_one(OverviewPane).scroll_to_field(where.part)
            place = ""
        if place:
            self.show_place(place)
        # An Overview not built yet is built from the post-mortem saved now.
        for overview in self.query(OverviewPane):
            if overview.is_mounted:
                overview.show_saved(pm)

    def _shows_form_untyped(self) -> bool:
        """Whether the Overview is in front with no text box focused (scrolling the form
        there moves nothing being typed out of view)."""
        if self.query_one(TabbedContent).active != "overview" or self._built_overview() is None:
            return False
        return not isinstance(self.focused, Input | TextArea)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Where the focused widget is once laid out (a field scrolled into view moves).
        self.call_after_refresh(place_notices, self)

    # What panes ask of each other --------------------------------------------------------

    def on_pane_key_typed(self, message: PaneKeyTyped) -> None:
        message.stop()
        tab_id, title = TABS[int(message.digit) - 1]
        if message.after_sentence:
            why = "typed right after a sentence's end, a digit is a pane's key; a space first "
            why += "types it"
        else:
            why = "nothing was typed since the cursor was put there. Typed on with the "
            why += "words after it (“3 regions…”), a digit there is text"
        if tab_id == self.current_pane().TAB_ID:
            # `1` on the Overview: already shown, and the cursor stays where it was.
            said = f"“{message.digit}”: the {title} is shown; the cursor is in {message.where}"
        else:
            self.action_key_tab(tab_id)
            said = f"“{message.digit}” showed {title}, the cursor was in {message.where}"
        self.notify(f"{said}: {why}.", timeout=6, markup=False)

    def on_show_place(self, message: ShowPlace) -> None:
        message.stop()
        self.show_place(message.where, to_fix=True, about=message.about)

    def _offer_way_back(self, tab: str) -> None:
        """A finding's place shown from Checks, on `tab`: the footer names the key back to
        Checks until another tab is shown. After the fix the facilitator did not know how to
        get back to the list (mock meeting 17): in the field just opened, 6 is typing and
        escape then 6 is two keys; F7 works from anywhere. Nothing moves by itself while they
        type: the list is one key away, its next open finding selected once this one is gone."""
        self._from_checks_on = tab
        self._name_checks_key(back=True)
        if self.app.screen is self:  # not under a form opened at the place: F7 works after it
            key = self.app.get_key_display(self._checks_key())
            self.notify(f"{key} goes back to Checks.", timeout=SHORT_SECONDS, markup=False)

    def _checks_key(self) -> Binding:
        return next(b for b in self.BINDINGS if isinstance(b, Binding) and b.id == _CHECKS_KEY_ID)

    def _name_checks_key(self, *, back: bool) -> None:
        """Show the Checks key in the footer as the way back, or hide it again."""
        description = "Back to Checks" if back else self._checks_key().description
        key_map = self._bindings.key_to_bindings
        for key, bindings in key_map.items():
            key_map[key] = [
                replace(b, description=description, show=back) if b.id == _CHECKS_KEY_ID else b
                for b in bindings
            ]
        self.refresh_bindings()

    def show_place(self, where: str, *, to_fix: bool = False, about: str = "") -> None:
        """Show the place `where` is about: its pane, the element selected or the field
        focused; `to_fix` (a finding's place): an element's form opened at its field, saying
        `about` (what the finding says)."""
        from pmtui.ui.panes.actions import ActionsPane
        from pmtui.ui.panes.overview import OverviewPane
        from pmtui.ui.panes.timeline import TimelinePane
        from pmtui.ui.panes.whys import WhysPane

        place = parse_where(where)
        tab = _PLACE_TABS.get(place.part, "overview")
        if not self._ensure_pane(tab).is_mounted:
            # Composed by the next refresh.
            self.call_after_refresh(self.show_place, where, to_fix=to_fix, about=about)
            return
        if place.part == "timeline":
            self.action_show_tab("timeline")
            timeline = self.query_one(TimelinePane)
            if place.item_id:
                timeline.table.select_event(place.item_id)
            timeline.table.focus()
        elif place.part in ("whys", "factors"):
            self.action_show_tab("whys")
            whys = self.query_one(WhysPane)
            step = why_step(place.field) if place.part == "whys" else None
            if place.item_id and place.part == "whys":
                whys.select_chain(place.item_id, step)
            elif place.item_id:
                whys.select_factor(place.item_id)
            chain = whys.selected_chain()
            if step is not None and chain is not None and chain.id == place.item_id:
                whys.focus_ladder()  # on the step named, so e edits that one
            else:
                whys.focus_default()
        elif place.part == "action_items":
            self.action_show_tab("actions")
            actions = self.query_one(ActionsPane)
            if place.item_id:
                actions.select(place.item_id)
            actions.table.focus()
            if to_fix and place.item_id and not self.read_only:
                # Ready to fix means the field, as for the Overview's: on the table, the owner's
                # name typed next ran `a` and opened a new action (mock meeting 9).
                actions.edit_field(place.item_id, place.field, about=about)
        else:
            # Not the tab's own first focus (the field last typed in, or the first empty
            # section): it scrolled the form to that field after this one was shown, and an
            # undo of the title showed the Summary (mock meeting 18c).
            self.show_tab("overview")
            overview = self.query_one(OverviewPane)
            if not overview.show_field(place.part):
                overview.focus_default()
        if to_fix:
            self._offer_way_back(tab)

    def on_publish_requested(self, message: PublishRequested) -> None:
        message.stop()
        self._publish(message)

    def _publish(self, message: PublishRequested) -> None:
        from pmtui.ui.panes.findings import FindingsPane

        checks = self._ensure_pane("checks")
        if not checks.is_mounted:
            self.call_after_refresh(self._publish, message)  # composed by the next refresh
            return
        assert isinstance(checks, FindingsPane)
        checks.publish(message.status, message.on_done)

    def on_template_chosen(self, message: TemplateChosen) -> None:
        message.stop()
        self.query_one("#side-preview", DocumentPreview).template = message.template

    def on_findings_counted(self, message: FindingsCounted) -> None:
        message.stop()
        self._label_checks(message.open_count)

    def _label_checks(self, count: int) -> None:
        try:
            tab = self.query_one(TabbedContent).get_tab("checks")
        except NoMatches:
            # A count from the worker arriving while the workspace is taken down (quit, a
            # test's end): its tabs go before the screen does, and there is nothing to label.
            return
        tab.label = f"Checks {count}" if count else "Checks"

    # Navigation --------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        # Tab or shift+tab into a filled box selects its text, wherever it comes from (the tab
        # bar, another field), as in every form dialog (pmtui.ui.widgets.entered_box): the
        # owner became "2018-10-21Dana Whitfield", the title "…outageZZZ". One rule for the
        # screen; a widget that takes tab for itself (a suggestion to accept) stops it first.
        if event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            select_entered(self.focus_next() if event.key == "tab" else self.focus_previous())

    def show_tab(self, tab_id: str) -> None:
        self._ensure_pane(tab_id)
        if not self._tabs_ready:
            # The tab bar, once mounted, would activate its first tab over this one.
            self._tab_asked_early = tab_id
            return
        self.query_one(TabbedContent).active = tab_id

    def action_show_tab(self, tab_id: str) -> None:
        self.show_tab(tab_id)
        pane = self.current_pane()
        if pane.is_mounted:
            pane.focus_default()
        else:
            self.call_after_refresh(self._focus_default_in_front, pane)  # composed by then

    def _focus_default_in_front(self, pane: WorkspacePane) -> None:
        # Unless a key took the user elsewhere meanwhile ("12:44" typed slowly showed the
        # Overview on `1`, and `2` took it back): focused, its tab would come back to the
        # front (TabbedContent shows the tab of the focused widget).
        if self.current_pane() is pane:
            pane.focus_default()

    def _tab_bar_on(self, tab_id: str) -> bool:
        """Whether the tab bar has the focus with `tab_id`'s pane already shown."""
        shown = self._tab_asked_early or self.query_one(TabbedContent).active
        return shown == tab_id and isinstance(self.focused, Tabs)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._tabs_ready = True
        asked, self._tab_asked_early = self._tab_asked_early, None
        if asked is not None and asked != event.pane.id:
            self.query_one(TabbedContent).active = asked  # without building this one
            return
        if self._from_checks_on is not None and event.pane.id != self._from_checks_on:
            self._from_checks_on = None  # back in Checks, or gone elsewhere: the trip is over
            self._name_checks_key(back=False)
        if event.pane.id:
            self._ensure_pane(event.pane.id).tab_shown()  # also a click on the tab, ctrl+pgdn
        if event.pane.id != "overview":
            drop_notices(self, OVERVIEW_LAYOUT)
        for pane in self.panes():
            pane.flush_pending()
        self._show_side_preview()

    def view_place(self) -> WorkspacePlace:
        """Where the user is: the tab shown, the focus and how its pane is shown (see
        PmtuiApp._began_word_with: a digit or letter that was a word's start)."""
        pane = self.current_pane()
        return WorkspacePlace(pane.TAB_ID, self.focused, pane.view_place())

    def return_to_view(self, place: object) -> None:
        """Back to `place` (a `view_place`): "12:44" typed slowly on the Timeline showed the
        Overview on its `1`; the rest must not land in the box focused there."""
        if not isinstance(place, WorkspacePlace):
            return
        self._go_back_to(place)
        self._ensure_pane(place.tab).return_to_view(place.pane_view)
        # Once more after the next refresh, before the next key is read: a focus the key
        # set off, still travelling up from a box of the other pane, shows its tab again
        # (TabbedContent shows the tab of the focused widget).
        self.call_after_refresh(self._go_back_to, place, again=True)

    def _go_back_to(self, place: WorkspacePlace, *, again: bool = False) -> None:
        if place.tab == self.current_pane().TAB_ID:
            if again:
                return  # the focus may have moved on in the tab (to the quick-add line)
        else:
            self.show_tab(place.tab)
        # At once, not as a callback: the next key is read where the word began.
        focused = place.focused
        self.set_focus(focused if focused is not None and focused.is_attached else None)

    def current_pane(self) -> WorkspacePane:
        active = self._tab_asked_early or self.query_one(TabbedContent).active
        return self._ensure_pane(active or TABS[0][0])

    def focus_list(self) -> None:
        """Focus the shown pane's list or table, never a text field. Leaving meeting mode
        lands here: an undo there may have put the focus in the Five Whys answer box, and
        the facilitator's next key (6 for Checks) was typed into it."""
        self.current_pane().focus_list()

    def panes(self) -> list[WorkspacePane]:
        return list(self.query(WorkspacePane))

    def flush_pending(self) -> None:
        for pane in self.panes():
            pane.flush_pending()

    def action_leave_field(self) -> None:
        """Escape: out of a form control to the tab bar (so 1..6 switch panes again); it
        never leaves the post-mortem, it says which key does."""
        if is_form_focus(self.focused):
            self.flush_pending()
            self.query_one(TabbedContent).query_one(Tabs).focus()
            return
        key = self.app.get_key_display(self._leave_binding())
        self.notify(f"Escape stays here. {key} goes back to the list.", timeout=3)

    def _leave_binding(self) -> Binding:
        return next(b for b in self.BINDINGS if isinstance(b, Binding) and b.action == "leave")

    def action_leave(self) -> None:
        self.leave()

    def action_digit_tab(self, tab_id: str) -> None:
        self.action_key_tab(tab_id)

    def action_key_tab(self, tab_id: str) -> None:
        """A pane's key (`1`…`6`, F2…F7): show it, the focus in it. On the pane shown with
        the tab bar focused, the focus stays there, so tab enters the pane at its start as
        after escape: focusing the pane's default field made escape, `1`, tab land in
        Timezone, not Title (mock meeting 15)."""
        if not self._tab_bar_on(tab_id):
            self.action_show_tab(tab_id)

    def leave(self) -> None:
        """Back to the list, with all typing saved. Typing that could not be saved (refused)
        keeps a first ctrl+l here, with a word; pressed again soon after, it leaves."""
        self.flush_pending()  # typing still waiting for its save may be refused now
        said = self.unsaved_typing()
        if said and self._leave_again.warns():
            key = self.app.get_key_display(self._leave_binding())
            tell_unsaved(self, said, f"{key} again leaves without it", self.undo_of_unsaved())
            return
        self.dismiss()

    def undo_of_unsaved(self) -> str:
        """What ctrl+z does to the refused typing: "puts back what was saved" was told while
        the first ctrl+z took back a note saved after it (mock 32a; see _next_undo)."""
        if isinstance(self._next_undo(), TypingChange):
            return UNDO_PUTS_BACK
        return "ctrl+z takes back the changes saved after it first, then puts back what was saved"

    def unsaved_typing(self) -> str:
        """What shows typing that was refused and is not saved ("typing in Services /
        tags"), '' when nothing does: leaving or quitting would drop it."""
        overview = self._built_overview()
        names = list(overview.refused_typing()) if overview is not None else []
        return overview.typing_label(names) if overview is not None and names else ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Hidden from the footer until there is something to undo or redo; read-only, the
        # keys stay live to say why nothing happens.
        if action == "undo":
            return (
                self.read_only
                or self.history.undo_next is not None
                or self._holds_refused_typing()
                or self._refused_run is not None
            )
        if action == "redo":
            return self.read_only or self.history.redo_next is not None
        # In a form these keys are typing (F2…F7 and ctrl+p still work).
        return not (action in _LETTER_ACTIONS and is_form_focus(self.focused))

    def where_to_type(self) -> str:
        """Where words typed on the tab bar belong (pmtui.ui.typed_words)."""
        return "Tab goes into this pane; F1 lists the keys here."

    def action_meeting(self) -> None:
        from pmtui.ui.screens.meeting import open_meeting

        open_meeting(self)

    def action_new_postmortem(self) -> None:
        """Leave this post-mortem for the list and start a new one there."""
        from pmtui.ui.screens.home import HomeScreen

        home = next(s for s in self.app.screen_stack if isinstance(s, HomeScreen))
        self.leave()
        self.app.call_later(home.action_new)

    def action_all_actions(self, unverified_only: bool = False) -> None:
        """Leave this post-mortem for every post-mortem's action items: a facilitator looking
        for the done-but-unverified items typed "unverified" here and found nothing (34a)."""
        from pmtui.ui.screens.actions_overview import ActionsOverviewScreen
        from pmtui.ui.screens.home import HomeScreen

        below = self._screen_below()
        home = next(s for s in self.app.screen_stack if isinstance(s, HomeScreen))
        self.leave()

        def show() -> None:
            if self in self.app.screen_stack:
                return  # leaving waits for refused typing (leave says so)
            if isinstance(below, ActionsOverviewScreen):
                if unverified_only:
                    below.show_unverified()  # back to the list this was opened from
            else:
                home.action_show_actions(unverified_only)

        self.app.call_later(show)

    def palette_commands(self) -> list[PaletteCommand]:
        # Undo and redo name what they would take back, which their keys' descriptions cannot.
        commands = [
            PaletteCommand(
                "New post-mortem", "Create another post-mortem", self.action_new_postmortem
            ),
            PaletteCommand(
                "All action items",
                "Every post-mortem's action items, to follow them up (leaves this one)",
                self.action_all_actions,
            ),
            PaletteCommand(
                "Action items done but unverified",
                "Every post-mortem's done items nobody has verified yet (leaves this one)",
                partial(self.action_all_actions, True),
            ),
            PaletteCommand(
                _key_label("Undo", self._next_undo(), full=True),
                "Take back the last change to this post-mortem (ctrl+z)",
                self.action_undo,
                "undo",
            ),
            PaletteCommand(
                _key_label("Redo", self.history.redo_next, full=True),
                "Make the last undone change again (ctrl+y)",
                self.action_redo,
                "redo",
            ),
        ]
        # Only what applies now: nothing to undo, no row selected, no merge conflict ...
        commands = applicable(self, commands)
        for pane in self.panes():
            commands.extend(applicable(pane, pane.palette_commands()))
            commands.extend(pane.key_commands())
        return commands

    def tab_title(self, tab_id: str) -> str:
        return dict(TABS).get(tab_id, tab_id.title())


def _hand_down(pane: WorkspacePane, pm: PostMortem) -> None:
    """Give `pane` the screen's `pm` as data_bind would: always as a change, so the pane is
    never asked to compare two post-mortems field by field."""
    pane.set_reactive(WorkspacePane.pm, pm)
    pane.mutate_reactive(WorkspacePane.pm)


def _key_label(word: str, change: Change | None, *, full: bool = False) -> str:
    """'Undo edit event' for the footer; with `full`, what it does in full, for the palette."""
    if change is None:
        return word
    return f"{word} {told(change, undone=word == 'Undo') if full else change.verb}"


def _gone(change: Change) -> str:
    """'Deleted event 'Pager fired'' for a change that takes something out of view."""
    for verb, done in (
        ("delete ", "Deleted "),
        ("unwaive", "Withdrew the waiver of"),
        ("settle ", "Settled "),
    ):
        if change.verb.startswith(verb):
            return f"{done}{change.label.removeprefix(verb)}"
    return ""
