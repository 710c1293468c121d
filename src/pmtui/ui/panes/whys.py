"""Provides WhysPane: contributing factors, each drilled into with Five Whys asked one
"why?" at a time.

Left, the factors; right, the selected factor (its category, the timeline events that show
it, how it made sense at the time) over its chain as a ladder from the problem down to the
latest answer, the next question with the phase prompts, and an answer box that keeps the focus
so a facilitator can type answer, enter, answer, enter. Every change goes through the service
via `commit`; the pane only keeps which factor and which step are selected.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.widgets import Input, ListView, Static

from pmtui.analysis.blame import people, waived_blame
from pmtui.analysis.person_blame import person_blame
from pmtui.analysis.places import at_item
from pmtui.model.enums import CauseCategory
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import ContributingFactor, PostMortem, WhyChain
from pmtui.model.prompts import MADE_SENSE_QUESTION
from pmtui.model.times import format_span
from pmtui.ui.commands import PaletteCommand
from pmtui.ui.keymap import key_now
from pmtui.ui.modals.action_form import open_action_form
from pmtui.ui.modals.factor_form import FactorModal, blame_line
from pmtui.ui.modals.why_forms import CauseCategoryModal, WhyTextModal, suggested_category
from pmtui.ui.panes.base import WorkspacePane
from pmtui.ui.panes.whys_widgets import (
    NO_BRANCH_ON_ESC,
    AnswerInput,
    FactorItem,
    LadderList,
    PhasePromptsLine,
    WhyStep,
    answering_beyond,
    beyond_root_cause_form,
)
from pmtui.ui.typing_focus import keys_are_typing
from pmtui.ui.widgets.form_field import FormField
from pmtui.ui.widgets.show_text import show_text
from pmtui.ui.widgets.similar_incidents import SimilarIncidents

#: Narrower than this, the chain list sits above the ladder instead of beside it.
STACK_BELOW_WIDTH = 90

#: In the answer box: at 80 columns the question's line of prompts has no room.
_ANSWER_PLACEHOLDER = "Because … (prompts: detection · diagnosis · repair)"

#: How much of the previous answer the question repeats; the ladder shows all of it.
QUESTION_QUOTE_CHARS = 140

#: Actions behind letter keys: hidden from the footer while the answer box takes letters.
_LETTER_ACTIONS = frozenset(
    {
        "new_chain",
        "focus_answer",
        "mark_root_cause",
        "reopen",
        "branch",
        "edit",
        "add_action",
        "delete",
        "delete_chain",
        "delete_why",
        "edit_factor",
        "mark_repeat",
    }
)


def _quote(text: str, limit: int = QUESTION_QUOTE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _short(text: str) -> str:
    return _quote(text, 40)


class WhysPane(WorkspacePane):
    TAB_ID = "whys"

    BINDINGS = [
        Binding(
            # W as in the meeting: a key that did nothing there let the words typed after
            # it run as commands.
            "n,W",
            "new_chain",
            "New",
            id="whys.new",
            tooltip="State another contributing factor to ask why about",
        ),
        Binding(
            "f",
            "edit_factor",
            "Factor",
            id="whys.factor",
            tooltip="The factor's category, the events that show it, how it made sense then",
        ),
        Binding(
            "w",
            "focus_answer",
            "Answer",
            id="whys.answer",
            tooltip="Type the answer to the next why of this chain",
            show=False,
        ),
        Binding(
            "r",
            "mark_root_cause",
            "Root cause",
            id="whys.root_cause",
            tooltip="The last answer is the systemic cause; pick its category",
        ),
        Binding(
            "o",
            "reopen",
            "Reopen",
            id="whys.reopen",
            tooltip="Keep asking why after a root cause was marked",
        ),
        Binding(
            "b",
            "branch",
            "Branch",
            id="whys.branch",
            tooltip="Start a new chain whose problem is the selected answer",
        ),
        Binding("e", "edit", "Edit", id="whys.edit", tooltip="Edit the selected problem or answer"),
        Binding(
            "a",
            "add_action",
            "Action",
            id="whys.add_action",
            tooltip="Add an action item that addresses this factor",
        ),
        Binding(
            "d",
            "delete",
            "Delete",
            id="whys.delete",
            tooltip="Delete the why highlighted on the ladder; on the factor list or the problem, "
            "the factor and its chain (ctrl+z brings them back)",
        ),
        # What "Seen before?" offers under the ladder, from anywhere in the pane: its heading
        # says "l: this one repeats it", and `l` on the ladder was "no key here" (mock 26a).
        Binding(
            "l",
            "mark_repeat",
            "Repeat of",
            id="whys.repeat",
            tooltip="Link this post-mortem as a repeat of the earlier incident highlighted "
            "under Seen before?",
            show=False,
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="whys-pane")
        self._factor_id = ""
        self._step = 0
        #: A step asked for (a finding's answer) that the ladder does not highlight yet:
        #: highlights made before it, still queued, must not take its place.
        self._step_asked = False
        self._shown: tuple[str, int] = ("", -1)  # (chain id, step count) on the ladder

    def compose(self) -> ComposeResult:
        with Horizontal(id="whys-body"):
            with Vertical(id="whys-chains-box"):
                yield Static("Factors", id="whys-chains-title", classes="whys-heading")
                yield ListView(id="whys-chains")
            with Vertical(id="whys-ladder-box"):
                yield Static("", id="whys-factor")
                yield Static("", id="whys-empty")
                yield LadderList(id="whys-ladder")
                yield Static("", id="whys-question")
                yield PhasePromptsLine(id="whys-prompts")
                yield FormField(
                    "Answer",
                    AnswerInput(id="whys-answer"),
                    hint="enter saves · ↑ then f factor, r root cause, b branch, e edit, a action",
                    id="ff-whys-answer",
                    show_label=False,
                )
                # The blame guide on the answer as it is typed, before enter saves it (as the
                # meeting's answer form does): after saving was too late to reword it unseen.
                blame = Static("", id="whys-answer-blame", classes="blame-hint")
                blame.display = False
                yield blame
                # "Seen before?": earlier incidents like this one, ranked in a worker.
                yield SimilarIncidents(
                    self.service.readable_postmortems_apart, id="whys-similar"
                ).data_bind(WhysPane.pm)

    def on_mount(self) -> None:
        if self.pm is not None:
            self._show(self.pm)

    def on_similar_incidents_repeat_chosen(self, message: SimilarIncidents.RepeatChosen) -> None:
        message.stop()
        service, other = self.service, message.pm_id
        try:
            change = self.commit(lambda pm: service.mark_repeat(pm, other))
        except ValidationError as error:
            self.notify(error.message, severity="warning")
            return
        if change is not None:
            self.notify(f"Marked as a repeat of {other} {message.title} (Related incidents).")

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < STACK_BELOW_WIDTH, "-stacked")

    def watch_pm(self, pm: PostMortem | None) -> None:
        if pm is not None and self.is_mounted:
            self._show(pm)

    # What is selected ------------------------------------------------------------------

    def selected_factor(self) -> ContributingFactor | None:
        if self.pm is None:
            return None
        return next((f for f in self.pm.factors if f.id == self._factor_id), None)

    def selected_chain(self) -> WhyChain | None:
        """The chain drilling into the selected factor, if it has one."""
        factor = self.selected_factor()
        if factor is None or self.pm is None or not factor.chain_id:
            return None
        return next((c for c in self.pm.whys if c.id == factor.chain_id), None)

    @property
    def selected_step(self) -> int:
        """0 is the problem; n is the answer to the n-th why."""
        return self._step

    def select_chain(self, chain_id: str, step: int | None = None) -> None:
        """Select the factor this chain drills into and, given a `step` (0 the problem, n the
        answer to the n-th why), that step of its ladder instead of the latest."""
        factor = self.pm.factor_of_chain(chain_id) if self.pm is not None else None
        if factor is None:
            return
        self.select_factor(factor.id)
        chain = self.selected_chain()
        if step is not None and chain is not None:
            # Selecting the factor followed its ladder down to the root cause: a finding about
            # answer 2 then had `e` edit why 5 (mock meeting 18a).
            self._step = max(0, min(step, len(chain.answers)))
            self._step_asked = True
            self.call_after_refresh(self._highlight_step)

    def select_factor(self, factor_id: str) -> None:
        self._factor_id = factor_id
        if self.pm is not None:
            self._show(self.pm)

    def _answer_box(self) -> AnswerInput:
        return self.query_one("#whys-answer", AnswerInput)

    def _answer_field(self) -> FormField:
        return self.query_one("#ff-whys-answer", FormField)

    # Showing the post-mortem ---------------------------------------------------------------

    def _chain_of(self, pm: PostMortem, factor: ContributingFactor) -> WhyChain | None:
        return next((c for c in pm.whys if c.id == factor.chain_id), None)

    def _show(self, pm: PostMortem) -> None:
        factors = self.query_one("#whys-chains", ListView)
        items = list(factors.query(FactorItem))
        # Positional update: items are reused, so moving through factors never rebuilds.
        for number, (item, factor) in enumerate(zip(items, pm.factors, strict=False), start=1):
            item.show(factor, self._chain_of(pm, factor), number)
        if len(items) > len(pm.factors):
            for item in items[len(pm.factors) :]:
                item.remove()
        elif len(items) < len(pm.factors):
            start = len(items) + 1
            factors.extend(
                FactorItem(factor, self._chain_of(pm, factor), number)
                for number, factor in enumerate(pm.factors[len(items) :], start=start)
            )
        ids = [factor.id for factor in pm.factors]
        if self._factor_id not in ids:
            # The selected factor is gone (deleted): stay near where it was.
            old = min(factors.index or 0, len(ids) - 1)
            self._factor_id = ids[old] if ids else ""
        show_text(
            self.query_one("#whys-chains-title", Static),
            f"Factors ({len(ids)})" if ids else "Factors",
        )
        if ids:
            self.call_after_refresh(self._highlight_factor)
        self._show_factor(self.selected_factor())
        self._show_chain(self.selected_chain())

    def _highlight_factor(self) -> None:
        if self.pm is None:
            return
        ids = [factor.id for factor in self.pm.factors]
        if self._factor_id in ids:
            factors = self.query_one("#whys-chains", ListView)
            index = ids.index(self._factor_id)
            if factors.index != index and index < len(factors):
                factors.index = index

    def _show_factor(self, factor: ContributingFactor | None) -> None:
        """The factor above its ladder: category, where the timeline shows it, how it made
        sense at the time, and the blameless hint when its words stop at a person."""
        box = self.query_one("#whys-factor", Static)
        box.display = factor is not None
        if factor is None or self.pm is None:
            return
        pm = self.pm
        category = factor.category.value if factor.category else "no category yet"
        # The first and last only: the ladder needs the room at 80x24 (f lists them all).
        span = format_span([e.at for e in pm.events if e.id in factor.event_ids], pm.zone)
        seen = f"seen in {span}" if span else "no events linked (f)"
        lines = [f"{category} · {seen}"]
        made_sense = factor.made_sense
        lines.append(f"Made sense: {made_sense}" if made_sense else f"{MADE_SENSE_QUESTION} (f)")
        blame = blame_line((factor.title, factor.made_sense), people(pm))
        if blame:
            lines.append(blame)
        show_text(box, Content("\n".join(lines)))
        box.set_class(bool(blame), "-blame")
        box.set_class(not factor.made_sense, "-unasked")

    def _show_chain(self, chain: WhyChain | None) -> None:
        ladder = self.query_one("#whys-ladder", ListView)
        empty = self.query_one("#whys-empty", Static)
        has_chain = chain is not None
        ladder.display = has_chain
        empty.display = not has_chain
        if chain is None:
            factor = self.selected_factor()
            if factor is None:
                show_text(
                    empty,
                    "No contributing factors yet. State one below and press enter: each answer "
                    "becomes the next “why?”. Several factors? One each (n).",
                )
            else:
                show_text(
                    empty,
                    "No whys asked about this factor yet: type the first answer below, "
                    "or describe it with f (events, how it made sense).",
                )
            self._shown = ("", -1)
            self._show_question(None)
            self.workspace.refresh_bindings()
            return
        steps = self._steps(chain)
        previous_id, previous_count = self._shown
        if chain.id != previous_id or len(steps) > previous_count:
            # A new chain, or a new answer: follow the ladder down to its latest step.
            self._step = len(steps) - 1
        self._step = max(0, min(self._step, len(steps) - 1))
        self._shown = (chain.id, len(steps))
        waived = self._waived_blame(chain)
        items = list(ladder.query(WhyStep))
        for index, (item, step) in enumerate(zip(items, steps, strict=False)):
            item.show(*step[:2], note=step[2], root_cause=step[3], waived=waived.get(index, ""))
        if len(items) > len(steps):
            for item in items[len(steps) :]:
                item.remove()
        for index, step in enumerate(steps[len(items) :], len(items)):
            item = WhyStep()
            item.show(*step[:2], note=step[2], root_cause=step[3], waived=waived.get(index, ""))
            ladder.append(item)
        self.call_after_refresh(self._highlight_step)
        self._show_question(chain)
        self.workspace.refresh_bindings()

    def _waived_blame(self, chain: WhyChain) -> dict[int, str]:
        """The reason a blame finding was waived, by ladder step (0 the problem): a waived
        step kept its warning as if nobody had decided (mock 38a)."""
        pm = self.pm
        reasons = waived_blame(pm) if pm is not None else {}
        if pm is None or not reasons:
            return {}
        steps = {at_item("whys", chain.id, "problem"): 0}
        # A factor's chain starts from the factor's words, whose finding is the factor's.
        steps |= {
            at_item("factors", f.id, "title"): 0 for f in pm.factors if f.chain_id == chain.id
        }
        steps |= {
            at_item("whys", chain.id, f"answers[{i}]"): i + 1 for i in range(len(chain.answers))
        }
        return {step: reasons[place] for place, step in steps.items() if place in reasons}

    def _steps(self, chain: WhyChain) -> list[tuple[str, str, str, bool]]:
        """(label, text, note, is root cause) for the problem and every answer."""
        note = ""
        if chain.branched_from and self.pm is not None:
            source_id, _, index = chain.branched_from.partition(":")
            ids = [f.chain_id for f in self.pm.factors]
            if source_id in ids and index.isdigit():
                note = f"↳ branched from factor {ids.index(source_id) + 1}, why {int(index) + 1}"
        steps = [("Problem", chain.problem, note, False)]
        last = len(chain.answers)
        for number, answer in enumerate(chain.answers, start=1):
            is_cause = chain.root_cause and number == last
            cause_note = ""
            if is_cause:
                category = chain.category.value if chain.category else "uncategorised"
                cause_note = f"✓ Root cause · {category}"
            steps.append((f"{number}. Why?", answer, cause_note, is_cause))
        return steps

    def _highlight_step(self) -> None:
        ladder = self.query_one("#whys-ladder", ListView)
        if not len(ladder) or self._step >= len(ladder):
            chain = self.selected_chain()
            steps = len(chain.answers) + 1 if chain is not None else 0
            if self._step_asked and self.is_attached and self._step < steps:
                self.call_after_refresh(self._highlight_step)  # its steps are mounted by then
            else:
                self._step_asked = False
            return
        self._step_asked = False
        if ladder.index != self._step:
            ladder.index = self._step
        # Wrapped answers get their height on the next layout; scroll once it is known.
        step = ladder.children[self._step]
        ladder.call_after_refresh(ladder.scroll_to_widget, step, animate=False)

    def _show_question(self, chain: WhyChain | None) -> None:
        question = self.query_one("#whys-question", Static)
        box = self._answer_box()
        concluded = chain is not None and chain.root_cause
        question.set_class(concluded, "-concluded")
        # A concluded chain takes no answer: an empty box under it looked like a field to type
        # in, and the letters typed there ran as the ladder's commands (`a` opened an action).
        self._answer_field().display = not concluded
        factor = self.selected_factor()
        # The phase prompts go with every "why?" asked, on their own line.
        asking = bool(factor) and not concluded
        self.query_one("#whys-prompts").display = asking
        question.set_class(asking, "-asking")
        if chain is None and factor is not None:
            show_text(
                question,
                Content.from_markup(
                    "[b $accent]Why #1?[/] Why did this happen: [i]“$text”[/i]?",
                    text=_quote(factor.title),
                ),
            )
            box.placeholder = _ANSWER_PLACEHOLDER
        elif chain is None:
            show_text(question, Content.from_markup("[b $accent]What went wrong?[/]"))
            box.placeholder = "State a contributing factor, e.g. “Expiry warnings paged nobody”"
        elif chain.root_cause:
            category = chain.category.value if chain.category else "uncategorised"
            addressed = self._actions_addressing(factor)
            if addressed:
                items = "action item" if addressed == 1 else "action items"
                first = f"Addressed by {addressed} {items}: a adds another"
            else:
                first = "Next: an action that addresses it (a)"
            following = f"{first}, reopen the chain (o), a deeper why (w) or another factor (n)."
            show_text(
                question,
                Content.from_markup(
                    "[b $success]✓ Root cause found[/] ($category). $following",
                    category=category,
                    following=following,
                ),
            )
        else:
            number = len(chain.answers) + 1
            show_text(
                question,
                Content.from_markup(
                    "[b $accent]Why #$number?[/] Why did this happen: [i]“$text”[/i]?",
                    number=str(number),
                    text=_quote(chain.last_statement),
                ),
            )
            box.placeholder = _ANSWER_PLACEHOLDER

    # Selection from the lists ----------------------------------------------------------

    def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
        event.stop()
        item = event.item
        if isinstance(item, FactorItem):
            if not event.list_view.has_focus:
                # A highlight made by code follows the selection, never leads it: a list
                # built by a jump from Checks highlighted its first factor after the jump
                # had chosen another, and that one won. The user moves it with the focus.
                return
            if item.factor.id != self._factor_id:
                self._factor_id = item.factor.id
                self._show_factor(item.factor)
                self._show_chain(self.selected_chain())
        elif isinstance(item, WhyStep) and event.list_view.index is not None:
            if self._step_asked or item is not event.list_view.highlighted_child:
                # Made before the step asked for was highlighted (the ladder following its
                # chain down to the root cause): under load it won, and `e` edited why 5.
                return
            self._step = event.list_view.index
            self.workspace.refresh_bindings()

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        event.stop()
        if isinstance(event.item, FactorItem):
            # Choosing a factor means: let's answer its next why (a concluded chain takes
            # none: its ladder, whose keys go on from the root cause).
            self.focus_default()

    def focus_default(self) -> None:
        chain = self.selected_chain()
        if chain is not None and chain.root_cause:
            # A concluded chain takes no answers; its ladder keys (a, o, n) are what helps.
            self.query_one("#whys-ladder", ListView).focus()
        else:
            self._answer_box().focus()

    def focus_ladder(self) -> None:
        """The ladder, on its selected step: where e, b and r act on that step."""
        self.query_one("#whys-ladder", ListView).focus()

    def focus_list(self) -> None:
        self.query_one("#whys-chains", ListView).focus()

    def _actions_addressing(self, factor: ContributingFactor | None) -> int:
        if factor is None or self.pm is None:
            return 0
        return sum(1 for action in self.pm.actions if action.factor_id == factor.id)

    # Answering -----------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if not isinstance(event.input, AnswerInput):
            return
        found = person_blame(event.value)
        hint = self.query_one("#whys-answer-blame", Static)
        hint.update(f"⚠ {found.hint}" if found else "")
        hint.display = found is not None

    def on_input_submitted(self, event: AnswerInput.Submitted) -> None:
        if not isinstance(event.input, AnswerInput):
            return
        event.stop()
        self.submit_answer(event.value)

    def submit_answer(self, text: str) -> None:
        """Save `text` as the next answer (or, with no factor yet, as the first factor; for a
        factor without a chain, as the first answer of its new chain)."""
        chain = self.selected_chain()
        factor = self.selected_factor()
        field = self._answer_field()
        service = self.service
        try:
            if factor is None:
                created: list[WhyChain] = []
                saved = self.commit(self._adding_chain(text, created))
                if saved and created:
                    self._factor_id = created[0].id  # a new chain's factor shares its id
                    self._show(self.workspace.pm)
            elif chain is None:
                saved = self.commit(self._first_answer(factor.id, text))
            else:
                chain_id = chain.id
                saved = self.commit(lambda pm: service.answer_why(pm, chain_id, text))
        except ValidationError as error:
            field.set_error(self._polite(error, chain))
            self._answer_box().give_back(text)
            return
        if saved:
            field.set_error("")
        else:
            self._answer_box().give_back(text)  # not saved (read-only, disk): keep it

    def _polite(self, error: ValidationError, chain: WhyChain | None) -> str:
        if chain is not None and chain.root_cause:
            category = chain.category.value if chain.category else "uncategorised"
            return (
                f"This chain already ends at its root cause ({category}), so it takes no more "
                "answers. Your text is kept: reopen the chain (↑ then o) to add it, or start "
                "a new chain (↑ then n)."
            )
        message = error.message
        return message[:1].upper() + message[1:] + "."

    def _first_answer(self, factor_id: str, text: str) -> Callable[[PostMortem], PostMortem]:
        """One change (one undo step): the factor's chain started and its first why answered."""
        service = self.service

        def change(pm: PostMortem) -> PostMortem:
            drilled, chain = service.drill_factor(pm, factor_id)
            return service.answer_why(drilled, chain.id, text)

        return change

    def _adding_chain(
        self, problem: str, created: list[WhyChain]
    ) -> Callable[[PostMortem], PostMortem]:
        """A change that starts a chain from `problem`, reporting the new chain in `created`."""
        service = self.service

        def change(pm: PostMortem) -> PostMortem:
            new, chain = service.add_why_chain(pm, problem)
            created.append(chain)
            return new

        return change

    # Actions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in _LETTER_ACTIONS or not self.is_mounted:
            return True
        if isinstance(self.workspace.focused, AnswerInput) and keys_are_typing():
            return False  # the answer box takes these letters as text
        chain = self.selected_chain()
        toggles = action in ("mark_root_cause", "reopen")
        if toggles and chain is not None and chain.root_cause != (action == "reopen"):
            return False  # only one of the two ever applies; the footer shows just that one
        return True if self.unavailable_reason(action) == "" else None

    def unavailable_reason(self, action: str) -> str:
        """Why `action` cannot run now ('' when it can), in words for a notification."""
        mutating = action not in {"focus_answer"}
        if mutating and self.workspace.read_only:
            return self.workspace.read_only_reason
        if action in {"new_chain", "mark_repeat"}:
            return ""
        if self.selected_factor() is None:
            return "There is no contributing factor yet: state one with n (New)."
        if action in {"edit_factor", "add_action", "delete", "delete_chain", "focus_answer"}:
            return ""
        chain = self.selected_chain()
        if chain is None:
            return "No whys asked about this factor yet: type the first answer below."
        if action == "mark_root_cause":
            if chain.root_cause:
                return "This chain already ends at its root cause (o reopens it)."
            if not chain.answers:
                return "Answer at least one why before naming a root cause."
        if action == "reopen" and not chain.root_cause:
            return "This chain is still open."
        if action == "branch" and self._step < 1:
            return "Pick an answer on the ladder to branch from (↑ from the answer box)."
        if action == "delete_why" and self._step < 1:
            return "Pick an answer on the ladder to delete (↑ from the answer box)."
        return ""

    def action_new_chain(self) -> None:
        if not self.can_run("new_chain"):
            return
        created: list[WhyChain] = []

        def save(problem: str) -> None:
            self.commit(self._adding_chain(problem, created))

        def done(saved: bool | None) -> None:
            if saved and created:
                self.select_chain(created[-1].id)
                self.call_after_refresh(self._answer_box().focus)

        self.app.push_screen(
            WhyTextModal(
                "New contributing factor",
                "Factor (a condition of the system, stated without blame)",
                save,
                placeholder="e.g. The certificate renewal failed for 15 days unnoticed",
                action="Ask why",
                thing="contributing factor",
            ),
            done,
        )

    def action_edit_factor(self) -> None:
        factor = self.selected_factor()
        if factor is None or self.pm is None or not self.can_run("edit_factor"):
            return
        factor_id = factor.id
        service = self.service

        def save(fields: dict[str, object]) -> None:
            self.commit(lambda pm: service.edit_factor(pm, factor_id, **fields))

        self.app.push_screen(FactorModal(self.pm, save, factor, people(self.pm)))

    def action_focus_answer(self) -> None:
        if not self.can_run("focus_answer"):
            return
        chain = self.selected_chain()
        if chain is not None and chain.root_cause:
            self._answer_beyond(chain)
        else:
            self._answer_box().focus()

    def _answer_beyond(self, chain: WhyChain) -> None:
        """The answer typed after `w` on a concluded chain starts a chain branched from its
        root cause, as in the meeting (see beyond_root_cause_form)."""
        if self.workspace.read_only:
            # An answer typed in a form that cannot save it would be lost.
            self.notify(self.workspace.read_only_reason, severity="warning")
            return
        service, chain_id = self.service, chain.id
        created: list[WhyChain] = []

        def save(text: str) -> None:
            if self.commit(answering_beyond(service, chain_id, text, created)) and created:
                self.select_chain(created[0].id)

        def done(saved: bool | None) -> None:
            if saved and created:
                self.call_after_refresh(self._answer_box().focus)

        other_ways = "o reopens this chain · b branches from another answer · n new factor"
        pm = self.pm
        if pm is None:
            return
        form = beyond_root_cause_form(pm, chain, save, other_ways=other_ways)
        self.app.push_screen(form, done)

    def action_mark_root_cause(self) -> None:
        chain = self.selected_chain()
        if chain is None or not self.can_run("mark_root_cause"):
            return
        chain_id = chain.id
        service = self.service

        def done(category: CauseCategory | None) -> None:
            if category is None:
                return
            try:
                self.commit(lambda pm: service.mark_root_cause(pm, chain_id, category.value))
            except ValidationError as error:
                self.notify(error.message, severity="warning")

        suggested = suggested_category(self.pm, chain)
        picker = CauseCategoryModal(chain.last_statement, chain.category, suggested)
        self.app.push_screen(picker, done)

    def action_reopen(self) -> None:
        chain = self.selected_chain()
        if chain is None or not self.can_run("reopen"):
            return
        chain_id = chain.id
        service = self.service
        if self.commit(lambda pm: service.reopen_why_chain(pm, chain_id)):
            self.notify("Chain reopened: ask the next why.")
            self._answer_box().focus()

    def action_branch(self) -> None:
        chain = self.selected_chain()
        if chain is None or not self.can_run("branch"):
            return
        chain_id, index = chain.id, self._step - 1
        if not 0 <= index < len(chain.answers):
            return
        service = self.service
        created: list[WhyChain] = []

        # A form, not a chain made at once: "because" typed on the ladder ran `b` and left a
        # new chain behind with "ecause" in its box. Here the rest of such a word lands in the
        # form, and esc leaves nothing; enter makes the chain with its first answer (one undo).
        def save(text: str) -> None:
            if self.commit(answering_beyond(service, chain_id, text, created, index)) and created:
                self.select_chain(created[0].id)
                self.notify(f"New chain from why {index + 1}: {_short(created[0].problem)}")

        def done(saved: bool | None) -> None:
            if saved and created:
                self.call_after_refresh(self._answer_box().focus)

        statement = " ".join(chain.answers[index].split())
        form = WhyTextModal(
            f"1. Why? {statement}",
            f"Because … (a new chain, branched from why {index + 1})",
            save,
            placeholder="a condition of the system, not a person",
            hint=f"{NO_BRANCH_ON_ESC} · enter starts the chain with this answer",
            action="Start new chain",
        )
        self.app.push_screen(form, done)

    def action_edit(self) -> None:
        chain = self.selected_chain()
        if chain is None or not self.can_run("edit"):
            return
        chain_id, step = chain.id, self._step
        service = self.service
        current = chain.problem if step == 0 else chain.answers[step - 1]

        def save(text: str) -> None:
            if text.strip() == current:
                return

            def change(pm: PostMortem) -> PostMortem:
                if step == 0:
                    return service.edit_why(pm, chain_id, problem=text)
                answers = list(pm.why_chain(chain_id).answers)
                answers[step - 1] = text
                return service.edit_why(pm, chain_id, answers=tuple(answers))

            self.commit(change)

        title = "Edit the problem" if step == 0 else f"Edit the answer to why {step}"
        self.app.push_screen(
            WhyTextModal(
                title,
                "Problem" if step == 0 else "Answer",
                save,
                text=current,
                thing="problem" if step == 0 else "answer",
            )
        )

    def action_add_action(self) -> None:
        factor = self.selected_factor()
        if factor is None or not self.can_run("add_action"):
            return

        def saved(action_id: str) -> None:
            self.notify(
                "Action item added for this factor. It is on the Actions tab (4).",
                title="Action added",
            )

        open_action_form(self.workspace, factor_id=factor.id, on_saved=saved)

    def action_mark_repeat(self) -> None:
        if self.can_run("mark_repeat"):
            self.query_one(SimilarIncidents).action_mark_repeat()

    def action_delete(self) -> None:
        """`d`: the why the ladder highlights when the ladder has the focus (what the ▶ marks
        there), else the factor. Before, `d` on a why deleted the whole factor (mock 25a)."""
        if isinstance(self.workspace.focused, LadderList) and self._step >= 1:
            self.action_delete_why()
        else:
            self.action_delete_chain()

    def action_delete_why(self) -> None:
        chain = self.selected_chain()
        if chain is None or not self.can_run("delete_why"):
            return
        chain_id, index = chain.id, self._step - 1
        service = self.service
        # The workspace says what went and that ctrl+z brings it back; this adds only what
        # else changed: the root cause was that answer.
        ends_chain = chain.root_cause and index == len(chain.answers) - 1
        deleted = self.commit(lambda pm: service.delete_why(pm, chain_id, index)[0])
        if deleted is not None and ends_chain:
            self.notify("The chain is open again: its root cause was the deleted answer.")

    def action_delete_chain(self) -> None:
        factor = self.selected_factor()
        if factor is None or not self.can_run("delete_chain"):
            return
        factor_id = factor.id
        service = self.service
        self.commit(lambda pm: service.delete_factor(pm, factor_id)[0])

    # Command palette -------------------------------------------------------------------

    def where_to_type(self) -> str:
        """Where a sentence typed on the ladder belongs (pmtui.ui.typed_words)."""
        keymap: dict[str, str] = getattr(self.app, "pm_keymap", {})
        chain = self.selected_chain()
        if self.selected_factor() is None:
            return f"{key_now(keymap, 'whys.new', 'n')} states a contributing factor."
        if chain is not None and chain.root_cause:
            return (
                f"This chain is concluded: {key_now(keymap, 'whys.branch', 'b')} starts a "
                f"branch from the selected answer, {key_now(keymap, 'whys.reopen', 'o')} "
                "reopens it to keep asking why."
            )
        return f"{key_now(keymap, 'whys.answer', 'w')} types the next answer."

    def palette_commands(self) -> list[PaletteCommand]:
        run = self.run_in_tab
        return [
            PaletteCommand(
                "Add why",
                "Type the answer to the next why of the selected chain",
                run(self.action_focus_answer),
                action="focus_answer",
            ),
            PaletteCommand(
                "New contributing factor",
                "State another factor and ask why about it",
                run(self.action_new_chain),
                action="new_chain",
            ),
            PaletteCommand(
                "Edit contributing factor",
                "Category, the timeline events that show it, how it made sense at the time",
                run(self.action_edit_factor),
                action="edit_factor",
            ),
            PaletteCommand(
                "Mark root cause",
                "The last answer of the selected chain is its systemic cause",
                run(self.action_mark_root_cause),
                action="mark_root_cause",
            ),
            PaletteCommand(
                "Reopen why chain",
                "Keep asking why after a root cause",
                run(self.action_reopen),
                action="reopen",
            ),
            PaletteCommand(
                "Branch why chain from answer",
                "Start a new chain whose problem is the selected answer",
                run(self.action_branch),
                action="branch",
            ),
            PaletteCommand(
                "Edit why answer or problem",
                "Change the selected step of the ladder",
                run(self.action_edit),
                action="edit",
            ),
            PaletteCommand(
                "Add action for this factor",
                "An action item that addresses the selected contributing factor",
                run(self.action_add_action),
                action="add_action",
            ),
            PaletteCommand(
                "Delete why",
                "Delete the answer highlighted on the ladder; the ones after it move up",
                run(self.action_delete_why),
                action="delete_why",
            ),
            PaletteCommand(
                "Delete contributing factor",
                "Remove the selected factor and its chain (ctrl+z brings them back)",
                run(self.action_delete_chain),
                action="delete_chain",
            ),
            PaletteCommand(
                "Mark as a repeat of an earlier incident",
                "Seen before?: link this post-mortem as a repeat of the highlighted one",
                run(self.query_one(SimilarIncidents).action_mark_repeat),
            ),
        ]
