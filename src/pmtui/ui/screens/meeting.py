"""Provides MeetingScreen: the presenter view a facilitator shares in the review meeting.

Pushed over the workspace (key m), it walks the agenda of pmtui.model.agenda one step at a
time with a visible timebox per step and for the whole meeting, and keeps live capture at
hand: stamp an event now, a quick-add line, answer the current why, add an action item, take
the roll call. Every change goes through `WorkspaceScreen.commit`, so the workspace shows it
the moment escape leads back there.

Each agenda step is its own widget (pmtui.ui.widgets.meeting_steps) in a ContentSwitcher
that follows the reactive `step`; the live capture line is a QuickAddLine.

The clock is injectable (`clock`, default the service's); elapsed time is the difference of
two readings, so tests advance it by replacing the service clock. The meeting's progress is
a MeetingState held by the workspace, so stepping out to fix something and pressing m again
resumes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from textual._time import get_time  # private: the clock Textual stamps each key with
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Key, Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, Static

from pmtui.model.agenda import (
    STEPS,
    MeetingPlan,
    MeetingRun,
    MeetingState,
    TimeboxState,
    carried_actions,
    confirmed_attendees,
    owner_named_in_full,
    timebox_state,
)
from pmtui.model.enums import CauseCategory
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import (
    ActionItem,
    ContributingFactor,
    PostMortem,
    TimelineEvent,
    WhyChain,
)
from pmtui.model.prompts import MADE_SENSE_QUESTION, PHASE_PROMPTS_LINE
from pmtui.model.quick_add import keeps_anchor
from pmtui.model.times import format_instant, iso_utc
from pmtui.ui.commands import PaletteCommand
from pmtui.ui.controls.quick_add_line import Capture, CapturedEvent, QuickAddLine
from pmtui.ui.keymap import key_now
from pmtui.ui.modals.action_form import open_action_form
from pmtui.ui.modals.attendees import AttendeesModal
from pmtui.ui.modals.section_edit import SectionEditModal
from pmtui.ui.modals.why_forms import CauseCategoryModal, WhyTextModal, suggested_category
from pmtui.ui.notices import CHANGE, TIMEBOX, notify_kind
from pmtui.ui.panes.whys_widgets import answering_beyond, beyond_root_cause_form
from pmtui.ui.stylesheets import MODAL_SHEETS, stylesheet_paths
from pmtui.ui.typing_focus import keys_are_typing
from pmtui.ui.widgets.agenda import AgendaStrip
from pmtui.ui.widgets.big_title import BigTitle
from pmtui.ui.widgets.meeting_keys import fit_hints, hints_for
from pmtui.ui.widgets.meeting_steps import (
    STEP_WIDGETS,
    ActionsStep,
    MeetingStep,
    StepView,
    TimelineStep,
    WhysStep,
    day_label,
    first_milestone,
    marked_answer_lines,
    selected_action_line,
    selected_answer,
)
from pmtui.ui.widgets.similar_incidents import SimilarIncidents
from pmtui.ui.widgets.timebox import Timebox

if TYPE_CHECKING:
    from pmtui.analysis.findings import Finding
    from pmtui.ui.screens.workspace import WorkspaceScreen

Clock = Callable[[], datetime]

QUICK_ADD_PLACEHOLDER = "/ quick add, e.g. 14:32 detected Pager fired · +5m restarted api · now …"
#: Lines an action item takes on step 5 when its text fits one line (blank, facts, text).
ACTION_LINES = 3
#: An escape this soon after a dialog over the meeting closed repeats the escape that closed
#: it: it does not leave the meeting.
ESCAPE_AFTER_DIALOG_SECONDS = 0.6
#: Below this height the step clock is one line instead of large digits.
BIG_CLOCK_MIN_HEIGHT = 30

#: The key line while the quick-add line has the focus, (wide, short) by whether it is empty.
TYPING_HINTS = {
    True: (
        "←/→ step while the line is empty · type an event, enter adds it · "
        "esc gives the keys back to the agenda",
        "line empty: ←/→ step · enter adds a line · esc gives the keys back",
    ),
    False: (
        "enter adds the line to the timeline · ←/→ move in the text · "
        "esc gives the keys back to the agenda",
        "enter adds the line · ←/→ move in the text · esc gives the keys back",
    ),
}

# Keys that are letters: while the quick-add line has focus they type instead. (Stepping
# stays: ←/→ while the line is empty, page up/down always.)
_LETTER_ACTIONS = frozenset(
    {"stamp_now", "add_why", "new_chain", "root_cause", "add_action", "attendees", "more_time"}
    | {"less_time", "focus_capture", "goto_step", "edit_section", "assign_action", "made_sense"}
    | {"edit_answer", "mark_repeat"}
)
_CHANGES = frozenset(
    {"stamp_now", "add_why", "new_chain", "root_cause", "add_action", "attendees", "edit_section"}
    | {"assign_action", "made_sense", "undo", "redo", "edit_answer", "mark_repeat"}
)


@dataclass(frozen=True)
class MeetingPlace:
    """Where the room is in the meeting (MeetingScreen.view_place)."""

    run: MeetingRun
    focused: Widget | None


class MeetingScreen(Screen[None]):
    # The dialogs' sheet first, so it is read before any screen's, whatever came first.
    CSS_PATH = stylesheet_paths(*MODAL_SHEETS, "meeting.tcss")
    # Nothing has focus until the quick-add line is asked for, so every key is the room's.
    AUTO_FOCUS = ""
    #: Letters typed as a word on a list or the ladder run none of their commands
    #: (pmtui.ui.typed_words).
    LETTERS_MAY_BE_WORDS = True
    BINDINGS = [
        Binding(
            "right,n,pagedown",
            "next_step",
            "Next step",
            id="meeting.next",
            tooltip="Go to the next agenda step",
        ),
        Binding(
            "left,p,pageup",
            "previous_step",
            "Previous step",
            id="meeting.previous",
            tooltip="Go back to the previous agenda step",
        ),
        *(
            Binding(
                str(number),
                f"goto_step({number - 1})",
                step.short,
                show=False,
                id=f"meeting.step{number}",
                tooltip=f"Go to step {number}: {step.title}",
            )
            for number, step in enumerate(STEPS, start=1)
        ),
        Binding("down", "cursor(1)", "Next", show=False, id="meeting.down", tooltip="Next item"),
        Binding(
            "up", "cursor(-1)", "Previous", show=False, id="meeting.up", tooltip="Previous item"
        ),
        Binding(
            "s",
            "stamp_now",
            "Stamp now",
            id="meeting.stamp",
            tooltip="Add a timeline event at this very second; say what happened afterwards",
        ),
        Binding(
            "slash,colon",
            "focus_capture",
            "Quick add",
            id="meeting.quick_add",
            tooltip="Type an event as one line: 14:32 detected Pager fired",
        ),
        Binding(
            "w",
            "add_why",
            "Answer why",
            id="meeting.why",
            tooltip="Answer the next why of the current chain",
        ),
        Binding(
            "e",
            "edit_answer",
            "Edit answer",
            show=False,
            id="meeting.edit_answer",
            tooltip="On step 4: reword the marked answer of the chain (shift+↑/↓ marks another)",
        ),
        Binding(
            "shift+up",
            "answer_cursor(-1)",
            "Mark earlier answer",
            show=False,
            id="meeting.answer_up",
            tooltip="On step 4: mark the answer before, for e to edit",
        ),
        Binding(
            "shift+down",
            "answer_cursor(1)",
            "Mark later answer",
            show=False,
            id="meeting.answer_down",
            tooltip="On step 4: mark the answer after, for e to edit",
        ),
        Binding(
            "W",
            "new_chain",
            "New chain",
            show=False,
            id="meeting.new_chain",
            tooltip="Start a new why chain from a problem statement",
        ),
        Binding(
            "m",
            "made_sense",
            "Made sense",
            show=False,
            id="meeting.made_sense",
            tooltip="Write down how the current factor made sense at the time",
        ),
        Binding(
            "c",
            "root_cause",
            "Root cause",
            show=False,
            id="meeting.root_cause",
            tooltip="The last answer of the current chain is its root cause; pick a category",
        ),
        Binding(
            "a", "add_action", "Add action", id="meeting.action", tooltip="Capture an action item"
        ),
        # Step 1's "Seen before?" heading says "l: this one repeats it": `l` was "no key
        # here" until the list had the focus (mock meeting 26b).
        Binding(
            "l",
            "mark_repeat",
            "Repeat of",
            show=False,
            id="meeting.repeat",
            tooltip="On step 1: link this post-mortem as a repeat of the earlier incident "
            "highlighted under Seen before?",
        ),
        Binding(
            "o",
            "assign_action",
            "Owner & due",
            show=False,
            id="meeting.assign",
            tooltip="On step 5: give the selected action item an owner and a deadline",
        ),
        # Priority, as in the workspace: one history for the post-mortem, whichever screen
        # made the change.
        Binding(
            "ctrl+z",
            "undo",
            "Undo",
            show=False,
            priority=True,
            id="meeting.undo",
            tooltip="Take back the last change to this post-mortem",
        ),
        Binding(
            "ctrl+y,ctrl+shift+z",
            "redo",
            "Redo",
            show=False,
            priority=True,
            id="meeting.redo",
            tooltip="Make the last undone change again",
        ),
        Binding(
            "e",
            "edit_section('summary')",
            "Edit summary",
            show=False,
            id="meeting.edit_summary",
            tooltip="On step 2: correct the summary with the room",
        ),
        Binding(
            "i",
            "edit_section('impact')",
            "Edit impact",
            show=False,
            id="meeting.edit_impact",
            tooltip="On step 2: correct the impact with the room",
        ),
        Binding(
            "r",
            "attendees",
            "Roll call",
            id="meeting.attendees",
            tooltip="Mark who is here; the attendees are saved",
        ),
        Binding(
            "plus,equals_sign",
            "more_time",
            "+1 min",
            id="meeting.more_time",
            tooltip="One more minute for this step",
        ),
        Binding(
            "minus",
            "less_time",
            "-1 min",
            id="meeting.less_time",
            tooltip="One minute less for this step",
        ),
        Binding(
            "escape",
            "leave",
            "Leave",
            id="meeting.leave",
            tooltip="Back to the workspace (the meeting clock keeps running)",
        ),
    ]

    #: The agenda step shown; it follows `state.run` (see `go_to`).
    step: reactive[int] = reactive(0, init=False, always_update=True)

    def __init__(
        self,
        workspace: WorkspaceScreen,
        state: MeetingState,
        *,
        clock: Clock | None = None,
        resumed: bool = False,
    ) -> None:
        """`state` is the meeting shown: a new one, or the one `workspace` holds (`resumed`)."""
        super().__init__(classes="meeting")
        self.workspace = workspace
        #: Until when an escape repeats the one that closed a dialog (see action_leave).
        self._mashed_until = -ESCAPE_AFTER_DIALOG_SECONDS
        self._covered = False
        self._clock: Clock = clock or workspace.service.now
        self.resumed = resumed
        self.state = state
        self.set_reactive(MeetingScreen.step, state.run.step)
        self._carried_cache: list[Any] | None = None
        #: The guides' findings and the post-mortem they were read from: the wrap-up redraws
        #: its time table every second, the findings only change with the post-mortem.
        self._findings_cache: tuple[PostMortem, Sequence[Finding]] | None = None

    # Time ---------------------------------------------------------------------------------

    def _seconds(self) -> float:
        return self._clock().timestamp()

    @property
    def pm(self) -> PostMortem:
        return self.workspace.pm

    # Layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="meeting-top"):
            yield Static(id="meeting-title")
            yield Timebox("Meeting", big=False, id="meeting-total")
        yield AgendaStrip(id="agenda")
        with Horizontal(id="meeting-heading"):
            with Vertical(id="step-heading"):
                yield BigTitle(id="step-title")
                yield Static(id="step-subtitle")
            yield Timebox(big=True, id="step-timebox")
        # Not focusable: its own arrow and page keys would scroll instead of stepping.
        with VerticalScroll(id="meeting-body", can_focus=False):
            # Step 1 opens with "Seen before?": earlier incidents like this one.
            yield SimilarIncidents(
                self.workspace.service.readable_postmortems_apart, id="meeting-similar"
            )
            with ContentSwitcher(id="step-content", initial=self._step_id()):
                for step_widget in STEP_WIDGETS:
                    yield step_widget()
        yield QuickAddLine(
            placeholder=QUICK_ADD_PLACEHOLDER,
            input_id="meeting-capture",
            compact=True,
            clock=self.workspace.service.now,
        )
        yield Static(id="meeting-keys")

    def _step_id(self) -> str:
        return f"step-{STEPS[self.step].key}"

    @property
    def step_widget(self) -> MeetingStep:
        """The widget of the step shown."""
        return self.query_one(f"#{self._step_id()}", MeetingStep)

    def on_mount(self) -> None:
        self.watch(self.workspace, "pm", self._pm_changed, init=False)
        # Emptied or first typed in, the line changes what ←/→ do: the key line says which.
        capture = self.query_one("#meeting-capture", Input)
        self.watch(capture, "value", self._capture_changed, init=False)
        self.set_interval(1.0, self.tick)
        self._apply_size(self.size.height)
        self._show_step()
        self.call_after_refresh(self._show_content)
        self.set_focus(None)
        if self.resumed:
            self.notify(f"Meeting resumed at step {self.step + 1}.", timeout=3)

    def on_resize(self, event: Resize) -> None:
        self._apply_size(event.size.height)
        self.query_one("#meeting-keys", Static).update(self._keys_hint())
        # Wrapping and the timeline window depend on the body's size, known after layout.
        self.call_after_refresh(self._show_content)

    def _apply_size(self, height: int) -> None:
        short = 0 < height < BIG_CLOCK_MIN_HEIGHT
        self.set_class(short, "-short")
        self.query_one("#step-timebox", Timebox).big = not short
        # The title is as large as the clock beside it.
        self.query_one("#step-title", BigTitle).big = not short

    def _pm_changed(self, pm: PostMortem) -> None:
        self._show_content()

    # Showing the step ---------------------------------------------------------------------

    def watch_step(self) -> None:
        if self.is_mounted:
            self._show_step()

    def _show_step(self) -> None:
        step = STEPS[self.step]
        self.query_one(ContentSwitcher).current = self._step_id()
        pm = self.pm
        self.query_one("#meeting-title", Static).update(
            Content(f"Review meeting · {pm.severity.value} · {pm.title}")
        )
        self.query_one(AgendaStrip).current = self.step
        number = self.step + 1
        self.query_one("#step-title", BigTitle).set_title(
            f"{number}  {step.title}", fallback=f"{number}  {step.short}"
        )
        self.query_one("#step-subtitle", Static).update(self.step_widget.PROMPT)
        self.query_one("#meeting-keys", Static).update(self._keys_hint())
        self.query_one("#meeting-body", VerticalScroll).scroll_home(animate=False)
        if step.key == "timeline" and self.state.event_cursor is None:
            self.state.event_cursor = first_milestone(pm)
        self._show_content()
        self.tick()

    def _show_content(self) -> None:
        """Hand the step shown what it draws from (and the capture line its context)."""
        if not self.is_mounted:
            return
        pm = self.pm
        line = self.query_one(QuickAddLine)
        line.pm = pm
        similar = self.query_one(SimilarIncidents)
        similar.display = STEPS[self.step].key == "carry_over"
        if similar.display:
            similar.pm = pm
        # Off the timeline step (or before an event is walked to) the line counts from the
        # last event, and its words must not call that one selected.
        on_event = STEPS[self.step].key == "timeline" and self.state.event_cursor is not None
        line.anchor_is_last = not on_event
        line.anchor_at = self._anchor()
        body = self.query_one("#meeting-body", VerticalScroll)
        service = self.workspace.service
        self.step_widget.view = StepView(
            pm=pm,
            state=self.state,
            today=service.today(pm),
            now=self._seconds(),
            # The body's padding and a possible scrollbar are not room for text.
            width=max(30, body.size.width - body.styles.gutter.width - 2),
            lines=max(5, body.size.height - body.styles.gutter.height),
            carried=self._carried,
            findings=lambda: self._findings(pm),
        )

    def _findings(self, pm: PostMortem) -> Sequence[Finding]:
        if self._findings_cache is None or self._findings_cache[0] is not pm:
            self._findings_cache = (pm, self.workspace.service.findings(pm))
        return self._findings_cache[1]

    def _carried(self) -> list[Any]:
        # Other post-mortems do not change during the meeting: read them once.
        if self._carried_cache is None:
            service = self.workspace.service
            others = service.readable_with_open_actions(exclude=self.pm.id)
            self._carried_cache = carried_actions(
                others, service.today(self.pm), exclude=self.pm.id
            )
        return self._carried_cache

    def _capture_changed(self, value: str) -> None:
        self._show_keys_hint()

    def on_descendant_focus(self) -> None:
        self.call_after_refresh(self._show_keys_hint)

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self._show_keys_hint)

    def _show_keys_hint(self) -> None:
        if self.is_mounted:
            self.query_one("#meeting-keys", Static).update(self._keys_hint())

    def _keys_hint(self) -> str:
        if self._typing():
            # Letters type now; say how to get the agenda keys back, and what ←/→ do.
            wide, short = TYPING_HINTS[self._line_is_empty()]
            return wide if cell_len(wide) <= self.size.width - 4 else short
        # The line's padding is not room for keys; F1 lists every one.
        return fit_hints(hints_for(STEPS[self.step].key), self.size.width - 4)

    def tick(self) -> None:
        """Refresh both clocks; warn once, gently, when a timebox runs out."""
        now = self._seconds()
        run, plan = self.state.run, self.state.plan
        step_box = self.query_one("#step-timebox", Timebox)
        step_box.minutes = plan.minutes[self.step]
        step_box.elapsed = run.step_elapsed(now)
        total = self.query_one("#meeting-total", Timebox)
        total.minutes = plan.total_minutes
        total.elapsed = run.total_elapsed(now)
        over = frozenset(
            i
            for i in range(len(STEPS))
            if timebox_state(run.step_elapsed(now, i), plan.minutes[i]) is TimeboxState.OVER
        )
        self.query_one(AgendaStrip).over = over
        view = self.step_widget.view
        if STEPS[self.step].key == "wrap_up" and view is not None:
            # Its time table runs with the header's clock: one reading of the clock for both.
            self.step_widget.view = replace(view, now=now)
        if step_box.state is TimeboxState.OVER:
            self._warn_once(
                f"step:{self.step}",
                f"{STEPS[self.step].short} has used its {plan.minutes[self.step]} minutes. "
                "Move on when the room is ready, or press + for more time.",
            )
        if total.state is TimeboxState.OVER:
            self._warn_once("total", f"The meeting is past its {plan.total_minutes} minutes.")

    def _warn_once(self, key: str, message: str) -> None:
        if key not in self.state.warned:
            self.state.warned.add(key)
            notify_kind(self, message, kind=TIMEBOX, timeout=8)

    # Keys ---------------------------------------------------------------------------------

    def _typing(self) -> bool:
        return isinstance(self.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _LETTER_ACTIONS and self._typing() and keys_are_typing():
            return False
        if action in _CHANGES and self.workspace.read_only:
            return None
        if action == "edit_section":
            return STEPS[self.step].key == "summary"  # the keys of step 2 only
        if action in ("edit_answer", "answer_cursor"):
            chain = self.current_chain()
            return STEPS[self.step].key == "whys" and chain is not None and bool(chain.answers)
        if action == "assign_action":
            return STEPS[self.step].key == "actions" and bool(self.pm.actions)
        if action == "previous_step":
            return self.step > 0 or None
        if action == "next_step":
            return self.step < len(STEPS) - 1 or None
        return True

    def go_to(self, index: int) -> None:
        self.state.run = self.state.run.go_to(index, self._seconds())
        # Each step starts with nothing focused, so its letter keys work as its key line says:
        # a quick-add line still focused would take `w` as text (issue 12). Its text stays.
        self.set_focus(None)
        self.refresh_bindings()
        self.step = self.state.run.step

    def view_place(self) -> MeetingPlace:
        """Where the room is: the step (with its clock) and the focus (see
        PmtuiApp._began_word_with: a letter that was a word's start)."""
        return MeetingPlace(self.state.run, self.focused)

    def return_to_view(self, place: object) -> None:
        """Back to `place` (a `view_place`): "next one" typed slowly on step 5 moved the
        meeting on with its `n`. The step's clock runs on as if it had never been left."""
        if not isinstance(place, MeetingPlace):
            return
        if place.run != self.state.run:
            self.state.run = place.run
            self.refresh_bindings()
            self.step = place.run.step
        focused = place.focused
        self.set_focus(focused if focused is not None and focused.is_attached else None)

    def where_to_type(self) -> str:
        """Where words typed on this step belong (pmtui.ui.typed_words)."""
        keymap: dict[str, str] = getattr(self.app, "pm_keymap", {})
        key = STEPS[self.step].key
        if key == "summary":
            return (
                f"{key_now(keymap, 'meeting.edit_summary', 'e')} edits the summary, "
                f"{key_now(keymap, 'meeting.edit_impact', 'i')} the impact."
            )
        if key == "whys":
            return (
                f"{key_now(keymap, 'meeting.why', 'w')} answers the why, "
                f"{key_now(keymap, 'meeting.new_chain', 'W')} states a new chain."
            )
        if key in ("actions", "carry_over"):
            return f"{key_now(keymap, 'meeting.action', 'a')} captures an action item."
        return f"{key_now(keymap, 'meeting.quick_add', '/')} types a timeline event as one line."

    def action_next_step(self) -> None:
        self.go_to(self.step + 1)

    def action_previous_step(self) -> None:
        self.go_to(self.step - 1)

    def action_goto_step(self, index: int) -> None:
        self.go_to(index)

    def on_key(self, event: Key) -> None:
        """The quick-add line keeps the focus after an add; empty, it has nothing for ←/→ to
        move through, so the agenda's keys step (with text, the line's cursor moves)."""
        if event.is_printable or not self._line_is_empty():
            return
        steps = {"next_step": 1, "previous_step": -1}
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.action in steps:
                # Stopped here, the key never reaches the line's own binding (bindings are
                # read once the key has bubbled up to the app).
                event.stop()
                event.prevent_default()
                index = self.step + steps[binding.action]
                if 0 <= index < len(STEPS):
                    self.go_to(index)
                return

    def _line_is_empty(self) -> bool:
        """Whether the quick-add line has the focus and nothing typed in it."""
        focused = self.focused
        return isinstance(focused, Input) and focused.id == "meeting-capture" and not focused.value

    def action_cursor(self, delta: int) -> None:
        key = STEPS[self.step].key
        if key == "timeline" and self.pm.events:
            cursor = (self.state.event_cursor or 0) + delta
            self.state.event_cursor = max(0, min(len(self.pm.events) - 1, cursor))
            self._show_content()
            self.call_after_refresh(self._scroll_to_selected_event)
        elif key == "whys" and self.pm.factors:
            # The cursor walks the contributing factors, with or without a chain yet.
            cursor = self.state.chain_cursor + delta
            self.state.chain_cursor = max(0, min(len(self.pm.factors) - 1, cursor))
            self.state.answer_cursor = None  # another chain: its last answer is marked
            self._show_content()
        elif key == "actions" and self.pm.actions:
            cursor = self.state.action_cursor + delta
            self.state.action_cursor = max(0, min(len(self.pm.actions) - 1, cursor))
            self._show_content()
            self._scroll_to_selected_action()
        else:
            body = self.query_one("#meeting-body", VerticalScroll)
            body.scroll_relative(y=delta * 3, animate=False)

    def action_more_time(self) -> None:
        self._change_minutes(+1)

    def action_less_time(self) -> None:
        self._change_minutes(-1)

    def _change_minutes(self, delta: int) -> None:
        self.state.plan = self.state.plan.with_minutes(self.step, delta)
        elapsed = self.state.run.step_elapsed(self._seconds())
        if timebox_state(elapsed, self.state.plan.minutes[self.step]) is not TimeboxState.OVER:
            # More time granted: warn again only when this new budget runs out too.
            self.state.warned.discard(f"step:{self.step}")
        self.tick()

    def action_focus_capture(self) -> None:
        self.query_one("#meeting-capture", Input).focus()

    def _repeats_the_closing_escape(self) -> bool:
        """Whether this escape goes on from the escape that closed a dialog over the meeting,
        each within ESCAPE_AFTER_DIALOG_SECONDS of the one before (escapes mashed 150 ms
        apart: the third one left the meeting). The app keeps when the last was pressed."""
        now: float | None = getattr(self.app, "last_escape_at", None)
        if now is None or now > self._mashed_until:
            return False
        self._mashed_until = now + ESCAPE_AFTER_DIALOG_SECONDS
        return True

    def on_screen_suspend(self) -> None:
        self._covered = True

    def on_screen_resume(self) -> None:
        # A dialog over the meeting closed (not the meeting first shown), by an escape just
        # pressed: escapes right behind it are that press repeated.
        closing: float | None = getattr(self.app, "last_escape_at", None)
        if self._covered and closing is not None and get_time() - closing < 1:
            self._mashed_until = closing + ESCAPE_AFTER_DIALOG_SECONDS
        self._covered = False

    def action_leave(self) -> None:
        """Escape: out of the quick-add line first, then back to the workspace. An escape
        right after one closed a dialog over the meeting is that press repeated: escapes
        mashed to close the owner form left the meeting too, skipping the wrap-up."""
        if self._typing():
            self._leave_capture_line()
            return
        if self._repeats_the_closing_escape():
            return
        self.workspace.focus_list()
        self.dismiss(None)

    def _leave_capture_line(self) -> None:
        """Give the keys back to the agenda; what was left typed in the quick-add line goes
        with it, quoted: "ok moving on", typed there after an event was added, stayed under
        every later step with its hint, like an error on the shared screen (mock meeting 16)."""
        line = self.focused
        self.set_focus(None)
        if isinstance(line, Input) and line.id == "meeting-capture" and line.value.strip():
            left, line.value = line.value.strip(), ""
            notify_kind(self, f"“{left}” was not added: escape empties the line.", kind=CHANGE)

    # Live capture -------------------------------------------------------------------------

    def action_mark_repeat(self) -> None:
        if STEPS[self.step].key != "carry_over":
            # On the Five Whys step, where the analysis is, `l` was "no key here" with no
            # word on where it works (mock review 28a).
            self.notify(
                "Seen before? is on step 1: press 1 and l links this post-mortem as a repeat "
                "of the earlier incident highlighted there.",
                timeout=6,
            )
            return
        self.query_one(SimilarIncidents).action_mark_repeat()

    def on_similar_incidents_repeat_chosen(self, message: SimilarIncidents.RepeatChosen) -> None:
        message.stop()
        service, other = self.workspace.service, message.pm_id
        if self._commit(lambda pm: service.mark_repeat(pm, other)):
            said = f"Marked as a repeat of {other} {message.title}."
            notify_kind(self, said, kind=CHANGE, timeout=4)

    def _commit(self, change: Callable[[PostMortem], PostMortem]) -> bool:
        return self.workspace.commit(change) is not None

    def _anchor(self) -> datetime | None:
        event = self._anchor_event()
        return event.at if event is not None else None

    def _anchor_event(self) -> TimelineEvent | None:
        """The event bare times count from: the one selected on the timeline step, else the
        last."""
        events = self.pm.events
        if not events:
            return None
        if STEPS[self.step].key == "timeline" and self.state.event_cursor is not None:
            return events[min(self.state.event_cursor, len(events) - 1)]
        return events[-1]

    def on_quick_add_line_submitted(self, message: QuickAddLine.Submitted) -> None:
        message.stop()
        captured = message.event
        try:
            added = self._add_event(captured)
        except ValidationError as error:
            message.line.refused(error.message)
            return
        if not added:
            return
        message.line.accepted(captured)
        quick = captured.quick
        # The day is named: in a multi-day incident a bare time leaves the room guessing.
        today = self.workspace.service.today(self.pm)
        day = day_label(quick.at.astimezone(self.pm.zone).date(), today)
        if captured.how is Capture.STAMPED:
            local = format_instant(quick.at, self.pm.zone, seconds=True)[11:]
            said = f"Stamped {day} {local} on the timeline: {quick.kind.value}."
            notify_kind(self, said, kind=CHANGE, timeout=4)
        elif captured.how is not Capture.ASKED:
            local = format_instant(quick.at, self.pm.zone)[11:]
            said = f"Added to the timeline on {day} at {local}: {quick.kind.value}."
            earlier = keeps_anchor(quick.at, captured.anchor)
            if earlier:
                said += " It is days before the selected event, which stays selected."
            notify_kind(self, said, kind=CHANGE, timeout=6 if earlier else 4)

    def _add_event(self, captured: CapturedEvent) -> bool:
        service = self.workspace.service
        quick = captured.quick
        made: list[str] = []

        def add(pm: PostMortem) -> PostMortem:
            new, event = service.add_event(
                pm,
                at=iso_utc(quick.at),
                kind=quick.kind.value,
                text=quick.text,
                source=captured.source,
                link=captured.link,
                anchor=captured.anchor,
            )
            made.append(event.id)
            return new

        anchor_event = self._anchor_event()
        kept = anchor_event.id if anchor_event is not None else ""
        if not self._commit(add):
            return False
        ids = [event.id for event in self.pm.events]
        if kept in ids and keeps_anchor(quick.at, captured.anchor):
            # A cause planted days earlier: the selection stays, so the lines after it
            # continue the incident (see keeps_anchor); the notice names its day.
            self.state.event_cursor = ids.index(kept)
        elif made and made[0] in ids:
            # Every event added here (typed, stamped or its time asked) is selected, so the
            # window of events shows it: left on event 1 with "↓ 4 later", the room could
            # not see the line it had just dictated.
            self.state.event_cursor = ids.index(made[0])
        self._show_content()
        self.call_after_refresh(self._scroll_to_selected_event)
        return True

    def action_stamp_now(self) -> None:
        self.query_one(QuickAddLine).stamp_now()

    def current_factor(self) -> ContributingFactor | None:
        """On the Five Whys step the factor shown; elsewhere the first whose chain is open."""
        factors = self.pm.factors
        if not factors:
            return None
        if STEPS[self.step].key == "whys":
            return factors[max(0, min(len(factors) - 1, self.state.chain_cursor))]
        return next((f for f in factors if not self._concluded(f)), None)

    def _concluded(self, factor: ContributingFactor) -> bool:
        chain = self._chain_of(factor)
        return chain is not None and chain.root_cause

    def _chain_of(self, factor: ContributingFactor | None) -> WhyChain | None:
        if factor is None or not factor.chain_id:
            return None
        return next((c for c in self.pm.whys if c.id == factor.chain_id), None)

    def current_chain(self) -> WhyChain | None:
        """The chain drilling into the current factor, if it has one yet."""
        return self._chain_of(self.current_factor())

    def action_add_why(self) -> None:
        factor = self.current_factor()
        if factor is None:
            self.action_new_chain()
            return
        chain = self._chain_of(factor)
        if chain is None:
            self._first_why(factor)
            return
        if chain.root_cause:
            self._answer_beyond(chain)
            return
        service = self.workspace.service
        chain_id = chain.id
        number = len(chain.answers) + 1
        quoted = " ".join(chain.last_statement.split())
        self.app.push_screen(
            WhyTextModal(
                f"{number}. Why? {quoted}",
                "Because …",
                lambda text: self._answered(
                    self._commit(lambda pm: service.answer_why(pm, chain_id, text))
                ),
                placeholder="a condition of the system, not a person",
                hint=PHASE_PROMPTS_LINE,
                action="Add answer",
            )
        )

    def _answer_beyond(self, chain: WhyChain) -> None:
        """The answer typed after `w` on a concluded chain starts a chain branched from its
        root cause (see beyond_root_cause_form), and the step shows that chain."""
        service, chain_id = self.workspace.service, chain.id
        created: list[WhyChain] = []

        def save(text: str) -> None:
            if self._commit(answering_beyond(service, chain_id, text, created)) and created:
                ids = [factor.id for factor in self.pm.factors]
                # A new chain's factor shares its id.
                if created[0].id in ids:
                    self.state.chain_cursor = ids.index(created[0].id)
                self._answered(True)

        other_ways = "↑/↓ picks another chain · W states a new factor"
        self.app.push_screen(beyond_root_cause_form(self.pm, chain, save, other_ways=other_ways))

    def _answered(self, saved: bool) -> None:
        if saved:
            self.state.answer_cursor = None  # the new answer is the one marked
            self._show_content()
            self._show_marked_answer()

    def _show_marked_answer(self) -> None:
        """Bring the marked answer and its blame marker into view (after the step redraws):
        at 80x24 a chain's answers start below the fold."""
        self.call_after_refresh(self._scroll_to_marked_answer)

    def _scroll_to_marked_answer(self) -> None:
        step = self.step_widget
        if not isinstance(step, WhysStep) or step.view is None:
            return
        lines = marked_answer_lines(step.draw(step.view))
        if not lines:
            return
        body = self.query_one("#meeting-body", VerticalScroll)
        top = body.scroll_y
        room = body.scrollable_content_region.height
        if lines.start < top or lines.stop > top + room:
            # The answer's blank line above it too, when the answer fits with it.
            spare = 1 if len(lines) < room else 0
            body.scroll_to(y=max(0, lines.start - spare), animate=False)

    def _first_why(self, factor: ContributingFactor) -> None:
        """The first why of a factor without a chain: its chain starts with the answer, in
        one change (one undo step)."""
        service = self.workspace.service
        factor_id = factor.id

        def save(text: str) -> None:
            def change(pm: PostMortem) -> PostMortem:
                drilled, chain = service.drill_factor(pm, factor_id)
                return service.answer_why(drilled, chain.id, text)

            self._answered(self._commit(change))

        self.app.push_screen(
            WhyTextModal(
                f"1. Why? {' '.join(factor.title.split())}",
                "Because …",
                save,
                placeholder="a condition of the system, not a person",
                hint=PHASE_PROMPTS_LINE,
                action="Add answer",
            )
        )

    def action_answer_cursor(self, delta: int) -> None:
        chain = self.current_chain()
        if chain is None or not chain.answers:
            return
        marked = selected_answer(len(chain.answers), self.state.answer_cursor) or 0
        self.state.answer_cursor = max(0, min(len(chain.answers) - 1, marked + delta))
        self._show_content()
        self._show_marked_answer()

    def action_edit_answer(self) -> None:
        """Reword an answer already given: the same box as answering, with its blame hint;
        one change, so ctrl+z takes it back."""
        chain = self.current_chain()
        index = selected_answer(len(chain.answers), self.state.answer_cursor) if chain else None
        if chain is None or index is None:
            self.notify("This factor has no answer to edit yet; w answers its first why.")
            return
        service = self.workspace.service
        chain_id, current = chain.id, chain.answers[index]
        asked = chain.problem if index == 0 else chain.answers[index - 1]

        def save(text: str) -> None:
            if text.strip() == current:
                return

            def change(pm: PostMortem) -> PostMortem:
                answers = list(pm.why_chain(chain_id).answers)
                answers[index] = text
                return service.edit_why(pm, chain_id, answers=tuple(answers))

            if self._commit(change):
                said = f"Answer {index + 1} changed (ctrl+z takes it back)."
                notify_kind(self, said, kind=CHANGE, timeout=4)
                self._show_marked_answer()

        self.app.push_screen(
            WhyTextModal(
                f"{index + 1}. Why? {' '.join(asked.split())}",
                "Because … (edit the answer)",
                save,
                text=current,
                placeholder="a condition of the system, not a person",
                action="Save answer",
            )
        )

    def action_made_sense(self) -> None:
        factor = self.current_factor()
        if factor is None:
            self.notify("State a contributing factor first (W).", severity="warning")
            return
        service = self.workspace.service
        factor_id = factor.id

        def save(text: str) -> None:
            self._commit(lambda pm: service.edit_factor(pm, factor_id, made_sense=text))

        self.app.push_screen(
            WhyTextModal(
                MADE_SENSE_QUESTION,
                # The factor first, then the question: "What the people involved saw and
                # expected: <factor>" read as if they had expected the failure (mock 35a).
                f"About “{' '.join(factor.title.split())}”: what did the people involved see "
                "and expect then?",
                save,
                text=factor.made_sense,
                placeholder="e.g. The warning looked like the channel's usual noise",
                action="Save",
                thing="note",
            )
        )

    def action_new_chain(self) -> None:
        service = self.workspace.service

        def save(problem: str) -> None:
            def add(pm: PostMortem) -> PostMortem:
                return service.add_why_chain(pm, problem)[0]

            if self._commit(add):
                self.state.chain_cursor = len(self.pm.factors) - 1
                self._show_content()

        self.app.push_screen(
            WhyTextModal(
                "New contributing factor",
                "The factor (a condition of the system, stated without blame)",
                save,
                placeholder="e.g. The public API served an expired certificate",
                action="Ask why",
                thing="contributing factor",
            )
        )

    def action_root_cause(self) -> None:
        chain = self.current_chain()
        if chain is None or chain.root_cause or not chain.answers:
            self.notify(
                "Answer at least one why of an open chain first (w), then press c.",
                severity="warning",
            )
            return
        service = self.workspace.service
        chain_id = chain.id

        def done(category: CauseCategory | None) -> None:
            if category is None:
                return
            try:
                self._commit(lambda pm: service.mark_root_cause(pm, chain_id, category.value))
            except ValidationError as error:
                self.notify(error.message, severity="warning")

        suggested = suggested_category(self.pm, chain)
        picker = CauseCategoryModal(chain.last_statement, chain.category, suggested)
        self.app.push_screen(picker, done)

    def action_add_action(self) -> None:
        factor = self.current_factor() if STEPS[self.step].key == "whys" else None
        factor_id = factor.id if factor is not None else ""
        open_action_form(
            self.workspace, factor_id=factor_id, on_saved=self._show_new_action, assign_key="o"
        )

    def _show_new_action(self, action_id: str) -> None:
        # New items come last in the list: bring them into view for the room to check.
        if STEPS[self.step].key == "actions":
            self._select_action(action_id)
            body = self.query_one("#meeting-body", VerticalScroll)
            self.call_after_refresh(body.scroll_end, animate=False)

    def selected_action(self) -> ActionItem | None:
        """The action item marked on the Actions step (None when there is none)."""
        actions = self.pm.actions
        if not actions:
            return None
        return actions[max(0, min(len(actions) - 1, self.state.action_cursor))]

    def _select_action(self, action_id: str) -> None:
        ids = [action.id for action in self.pm.actions]
        if action_id in ids:
            self.state.action_cursor = ids.index(action_id)
            self._show_content()

    def _scroll_to_selected_event(self) -> None:
        """Keep the marked event on screen: the window of events is sized for the body, but
        warnings over the metrics (a milestone out of order) push it below the fold."""
        step = self.step_widget
        if not isinstance(step, TimelineStep) or step.view is None:
            return
        # As drawn: a warning over the metrics wraps onto a second line at 80 columns.
        width = step.content_region.width or step.view.width
        lines = [line.plain for line in step.draw(step.view).wrap(width)]
        marked = next((n for n, text in enumerate(lines) if text.startswith("▶")), None)
        if marked is None:
            return
        body = self.query_one("#meeting-body", VerticalScroll)
        # The step is drawn below the step's title and prompt, inside the body.
        line = step.virtual_region.y + marked
        top = body.scroll_y
        room = body.scrollable_content_region.height
        if line < top or line > top + room - 1:
            # As far down as the step's end allows: the events before it stay in view.
            end = step.virtual_region.y + len(lines)
            body.scroll_to(y=max(0, min(line - 1, end - room)), animate=False)

    def _scroll_to_selected_action(self) -> None:
        """Keep the marked item on screen: ↑/↓ walk a list longer than the body."""
        step = self.step_widget
        if not isinstance(step, ActionsStep) or step.view is None:
            return
        line = selected_action_line(step.draw(step.view))
        body = self.query_one("#meeting-body", VerticalScroll)
        top = body.scroll_y
        bottom = top + body.scrollable_content_region.height - ACTION_LINES
        if line < top or line > bottom:
            body.scroll_to(y=max(0, line - 1), animate=False)

    def action_assign_action(self) -> None:
        """Owner and deadline for the selected item: the action form, at the owner field
        (names offered as one types, tab or → takes one), saved through the workspace."""
        action = self.selected_action()
        if action is None:
            return
        open_action_form(
            self.workspace,
            action_id=action.id,
            focus="owner",
            on_saved=self._select_action,
            assign_key="o",
        )

    def action_undo(self) -> None:
        self.workspace.action_undo()
        self._show_content()

    def action_redo(self) -> None:
        self.workspace.action_redo()
        self._show_content()

    def action_edit_section(self, key: str) -> None:
        """Step 2 is edited live: the room corrects the summary or impact on the spot."""
        service = self.workspace.service
        heading = {"summary": "Summary", "impact": "Impact"}[key]

        def save(text: str) -> None:
            if self._commit(lambda pm: service.update(pm, **{key: text})):
                self._show_content()

        self.app.push_screen(SectionEditModal(heading, getattr(self.pm, key), save))

    def action_attendees(self) -> None:
        pm = self.pm
        service = self.workspace.service
        names = [*pm.attendees, pm.owner, *(a.owner for a in pm.actions)]

        renamed: list[str] = []

        def save(present: list[str]) -> None:
            confirmed = list(confirmed_attendees(names, present))
            fields: dict[str, object] = {"attendees": confirmed}
            # The roll call listed the owner "Priya" once, as "Priya Raman": so does the header.
            owner = owner_named_in_full(pm.owner, confirmed)
            if owner is not None:
                fields["owner"] = owner
            if self._commit(lambda pm: service.update(pm, **fields)):
                self.state.roll_taken = True
                renamed[:] = [owner] if owner is not None else []
                self._show_content()

        def done(saved: bool | None) -> None:
            if saved:
                said = f"Attendees saved: {len(self.pm.attendees)} present."
                if renamed:
                    said += f" The owner is now {renamed[0]}."
                notify_kind(self, said, kind=CHANGE, timeout=4)

        # The facilitator is in the room by definition: ticked from the start.
        present = [*pm.attendees, pm.owner]
        self.app.push_screen(AttendeesModal(names, present, save), done)

    # Command palette ----------------------------------------------------------------------

    def palette_commands(self) -> list[PaletteCommand]:
        commands = [
            PaletteCommand(
                f"Meeting step {number}: {step.title}",
                "Go to this agenda step",
                self._goto(number - 1),
                f"goto_step({number - 1})",
            )
            for number, step in enumerate(STEPS, start=1)
        ]
        # The steps keep their agenda titles (the footer's keys 1…6 say less); restarting
        # the clock has no key.
        commands.append(
            PaletteCommand(
                "Restart the meeting clock",
                "Start the meeting again from step 1 at zero",
                self.restart,
            )
        )
        return commands

    def _goto(self, index: int) -> Callable[[], None]:
        return lambda: self.go_to(index)

    def restart(self) -> None:
        self.state.run = MeetingRun.start(self._seconds())
        self.state.warned.clear()
        self.set_focus(None)
        self.refresh_bindings()
        self.step = self.state.run.step


def open_meeting(workspace: WorkspaceScreen, *, plan: MeetingPlan | None = None) -> None:
    """Start meeting mode over `workspace`, or resume the meeting it holds. `plan` sets the
    timeboxes of a new meeting (default: MeetingPlan's 5/10/15/15/10/5); a resumed meeting
    keeps the plan it had, + and - included."""
    workspace.flush_pending()
    state = workspace.meeting
    resumed = state is not None
    if state is None:
        state = workspace.meeting = MeetingState.start(workspace.service.now().timestamp(), plan)
    workspace.app.push_screen(MeetingScreen(workspace, state, resumed=resumed))
