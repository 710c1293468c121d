"""Provides WhysPane: Five Whys chains, asked one "why?" at a time.

Left, the chains (one per contributing factor); right, the selected chain as a ladder from
its problem down to the latest answer, the next question, and an answer box that keeps the
focus so a facilitator can type answer, enter, answer, enter. Every change goes through the
service via `commit`; the pane only keeps which chain and which step are selected.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.widgets import ListView, Static

from pmtui.model.enums import CauseCategory
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import PostMortem, WhyChain
from pmtui.ui.commands import PaletteCommand
from pmtui.ui.modals.action_form import open_action_form
from pmtui.ui.modals.why_forms import CauseCategoryModal, WhyTextModal
from pmtui.ui.panes.base import WorkspacePane
from pmtui.ui.panes.whys_widgets import AnswerInput, ChainItem, WhyStep
from pmtui.ui.widgets.form_field import FormField

#: Narrower than this, the chain list sits above the ladder instead of beside it.
STACK_BELOW_WIDTH = 90

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
        "delete_chain",
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
            "n",
            "new_chain",
            "New",
            id="whys.new",
            tooltip="State another problem (contributing factor) to ask why about",
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
            tooltip="Add an action item that fixes this root cause",
        ),
        Binding(
            "d",
            "delete_chain",
            "Delete",
            id="whys.delete",
            tooltip="Delete the selected chain (ctrl+z brings it back)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="whys-pane")
        self._chain_id = ""
        self._step = 0
        self._shown: tuple[str, int] = ("", -1)  # (chain id, step count) on the ladder

    def compose(self) -> ComposeResult:
        with Horizontal(id="whys-body"):
            with Vertical(id="whys-chains-box"):
                yield Static("Chains", id="whys-chains-title", classes="whys-heading")
                yield ListView(id="whys-chains")
            with Vertical(id="whys-ladder-box"):
                yield Static("", id="whys-empty")
                yield ListView(id="whys-ladder")
                yield Static("", id="whys-question")
                yield FormField(
                    "Answer",
                    AnswerInput(id="whys-answer"),
                    hint="enter saves · ↑ then r root cause, b branch, e edit, a action",
                    id="ff-whys-answer",
                )

    def on_mount(self) -> None:
        self.query_one("#ff-whys-answer .field-label").display = False
        if self.pm is not None:
            self._show(self.pm)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < STACK_BELOW_WIDTH, "-stacked")

    def watch_pm(self, pm: PostMortem | None) -> None:
        if pm is not None and self.is_mounted:
            self._show(pm)

    # What is selected ------------------------------------------------------------------

    def selected_chain(self) -> WhyChain | None:
        if self.pm is None:
            return None
        for chain in self.pm.whys:
            if chain.id == self._chain_id:
                return chain
        return None

    @property
    def selected_step(self) -> int:
        """0 is the problem; n is the answer to the n-th why."""
        return self._step

    def select_chain(self, chain_id: str) -> None:
        self._chain_id = chain_id
        if self.pm is not None:
            self._show(self.pm)

    def _answer_box(self) -> AnswerInput:
        return self.query_one("#whys-answer", AnswerInput)

    def _answer_field(self) -> FormField:
        return self.query_one("#ff-whys-answer", FormField)

    # Showing the post-mortem ---------------------------------------------------------------

    def _show(self, pm: PostMortem) -> None:
        chains = self.query_one("#whys-chains", ListView)
        items = list(chains.query(ChainItem))
        # Positional update: items are reused, so moving through chains never rebuilds.
        for number, (item, chain) in enumerate(zip(items, pm.whys, strict=False), start=1):
            item.show(chain, number)
        if len(items) > len(pm.whys):
            for item in items[len(pm.whys) :]:
                item.remove()
        elif len(items) < len(pm.whys):
            start = len(items) + 1
            chains.extend(
                ChainItem(chain, number)
                for number, chain in enumerate(pm.whys[len(items) :], start=start)
            )
        ids = [chain.id for chain in pm.whys]
        if self._chain_id not in ids:
            # The selected chain is gone (deleted): stay near where it was.
            old = min(chains.index or 0, len(ids) - 1)
            self._chain_id = ids[old] if ids else ""
        self.query_one("#whys-chains-title", Static).update(
            f"Chains ({len(ids)})" if ids else "Chains"
        )
        if ids:
            self.call_after_refresh(self._highlight_chain)
        self._show_chain(self.selected_chain())

    def _highlight_chain(self) -> None:
        if self.pm is None:
            return
        ids = [chain.id for chain in self.pm.whys]
        if self._chain_id in ids:
            chains = self.query_one("#whys-chains", ListView)
            index = ids.index(self._chain_id)
            if chains.index != index and index < len(chains):
                chains.index = index

    def _show_chain(self, chain: WhyChain | None) -> None:
        ladder = self.query_one("#whys-ladder", ListView)
        empty = self.query_one("#whys-empty", Static)
        has_chain = chain is not None
        ladder.display = has_chain
        empty.display = not has_chain
        if chain is None:
            empty.update(
                "No why chains yet. State the problem below and press enter: each answer "
                "becomes the next “why?”. Several contributing factors? One chain each (n)."
            )
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
        items = list(ladder.query(WhyStep))
        for item, step in zip(items, steps, strict=False):
            item.show(*step[:2], note=step[2], root_cause=step[3])
        if len(items) > len(steps):
            for item in items[len(steps) :]:
                item.remove()
        for step in steps[len(items) :]:
            item = WhyStep()
            item.show(*step[:2], note=step[2], root_cause=step[3])
            ladder.append(item)
        self.call_after_refresh(self._highlight_step)
        self._show_question(chain)
        self.workspace.refresh_bindings()

    def _steps(self, chain: WhyChain) -> list[tuple[str, str, str, bool]]:
        """(label, text, note, is root cause) for the problem and every answer."""
        note = ""
        if chain.branched_from and self.pm is not None:
            source_id, _, index = chain.branched_from.partition(":")
            ids = [c.id for c in self.pm.whys]
            if source_id in ids and index.isdigit():
                note = f"↳ branched from chain {ids.index(source_id) + 1}, why {int(index) + 1}"
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
            return
        if ladder.index != self._step:
            ladder.index = self._step
        # Wrapped answers get their height on the next layout; scroll once it is known.
        step = ladder.children[self._step]
        ladder.call_after_refresh(ladder.scroll_to_widget, step, animate=False)

    def _show_question(self, chain: WhyChain | None) -> None:
        question = self.query_one("#whys-question", Static)
        box = self._answer_box()
        question.set_class(chain is not None and chain.root_cause, "-concluded")
        if chain is None:
            question.update(Content.from_markup("[b $accent]What went wrong?[/]"))
            box.placeholder = "State the problem, e.g. “Customers got TLS errors for 71 minutes”"
        elif chain.root_cause:
            category = chain.category.value if chain.category else "uncategorised"
            question.update(
                Content.from_markup(
                    "[b $success]✓ Root cause found[/] ($category). Next: an action that "
                    "fixes it (a), reopen the chain (o) or another chain (n).",
                    category=category,
                )
            )
            box.placeholder = "Concluded; ↑ then o reopens it"
        else:
            number = len(chain.answers) + 1
            question.update(
                Content.from_markup(
                    "[b $accent]Why #$number?[/] Why did this happen: [i]“$text”[/i]?",
                    number=str(number),
                    text=_quote(chain.last_statement),
                )
            )
            box.placeholder = "Because… (enter saves; it becomes the next why)"

    # Selection from the lists ----------------------------------------------------------

    def on_list_view_highlighted(self, event: ListView.Highlighted) -> None:
        event.stop()
        item = event.item
        if isinstance(item, ChainItem):
            if item.chain.id != self._chain_id:
                self._chain_id = item.chain.id
                self._show_chain(item.chain)
        elif isinstance(item, WhyStep) and event.list_view.index is not None:
            self._step = event.list_view.index
            self.workspace.refresh_bindings()

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        event.stop()
        if isinstance(event.item, ChainItem):
            # Choosing a chain means: let's answer its next why.
            self._answer_box().focus()

    def focus_default(self) -> None:
        chain = self.selected_chain()
        if chain is not None and chain.root_cause:
            # A concluded chain takes no answers; its ladder keys (a, o, n) are what helps.
            self.query_one("#whys-ladder", ListView).focus()
        else:
            self._answer_box().focus()

    # Answering -----------------------------------------------------------------------

    def on_input_submitted(self, event: AnswerInput.Submitted) -> None:
        if not isinstance(event.input, AnswerInput):
            return
        event.stop()
        self.submit_answer(event.value)

    def submit_answer(self, text: str) -> None:
        """Save `text` as the next answer (or, with no chain yet, as the first problem)."""
        chain = self.selected_chain()
        field = self._answer_field()
        service = self.service
        try:
            if chain is None:
                created: list[WhyChain] = []
                saved = self.commit(self._adding_chain(text, created))
                if saved and created:
                    self._chain_id = created[0].id
                    self._show(self.workspace.pm)
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
        if isinstance(self.workspace.focused, AnswerInput):
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
        if action == "new_chain":
            return ""
        chain = self.selected_chain()
        if chain is None:
            return "There is no why chain yet: start one with n (New why chain)."
        if action == "mark_root_cause":
            if chain.root_cause:
                return "This chain already ends at its root cause (o reopens it)."
            if not chain.answers:
                return "Answer at least one why before naming a root cause."
        if action == "reopen" and not chain.root_cause:
            return "This chain is still open."
        if action == "add_action" and not chain.root_cause:
            return "Mark the root cause first (r), then add the action that fixes it."
        if action == "branch" and self._step < 1:
            return "Pick an answer on the ladder to branch from (↑ from the answer box)."
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
                "New why chain",
                "Problem (one contributing factor, stated without blame)",
                save,
                placeholder="e.g. The certificate renewal failed for 15 days unnoticed",
                action="Start chain",
            ),
            done,
        )

    def action_focus_answer(self) -> None:
        if self.can_run("focus_answer"):
            self._answer_box().focus()

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

        self.app.push_screen(CauseCategoryModal(chain.last_statement, chain.category), done)

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
        service = self.service
        created: list[WhyChain] = []

        def change(pm: PostMortem) -> PostMortem:
            new, branch = service.branch_why_chain(pm, chain_id, index)
            created.append(branch)
            return new

        try:
            saved = self.commit(change)
        except ValidationError as error:
            self.notify(error.message, severity="warning")
            return
        if saved and created:
            self.select_chain(created[0].id)
            self.notify(f"New chain from why {index + 1}: {_short(created[0].problem)}")
            self._answer_box().focus()

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
            WhyTextModal(title, "Problem" if step == 0 else "Answer", save, text=current)
        )

    def action_add_action(self) -> None:
        chain = self.selected_chain()
        if chain is None or not self.can_run("add_action"):
            return

        def saved(action_id: str) -> None:
            self.notify(
                "Action item added for this root cause. It is on the Actions tab (4).",
                title="Action added",
            )

        open_action_form(self.workspace, factor_id=chain.id, on_saved=saved)

    def action_delete_chain(self) -> None:
        chain = self.selected_chain()
        if chain is None or not self.can_run("delete_chain"):
            return
        chain_id = chain.id
        service = self.service
        self.commit(lambda pm: service.delete_why_chain(pm, chain_id)[0])

    # Command palette -------------------------------------------------------------------

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
                "New why chain",
                "State another problem to ask why about",
                run(self.action_new_chain),
                action="new_chain",
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
                "Add action for this cause",
                "An action item that fixes the selected chain's root cause",
                run(self.action_add_action),
                action="add_action",
            ),
            PaletteCommand(
                "Delete why chain",
                "Remove the selected chain (ctrl+z brings it back)",
                run(self.action_delete_chain),
                action="delete_chain",
            ),
        ]
