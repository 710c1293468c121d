"""Provides the pieces of the Five Whys pane: a contributing factor in the list, a step of
the ladder, the answer box that keeps the facilitator typing, the line of phase prompts, and
the answer form `w` opens on a chain that already ends at its root cause (in the pane and in
the meeting alike)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, ListItem, ListView, Static

from pmtui.analysis.person_blame import person_blame
from pmtui.model.postmortem import ContributingFactor, PostMortem, WhyChain
from pmtui.model.prompts import PHASE_PROMPTS_LINE, PHASE_PROMPTS_SHORT
from pmtui.ui.modals.why_forms import SaveText, WhyTextModal

if TYPE_CHECKING:
    from pmtui.service import PostMortemService


def factor_meta(factor: ContributingFactor, chain: WhyChain | None) -> str:
    """'monitoring · 2 events · 3 whys': what a facilitator checks at a glance."""
    bits = [factor.category.value if factor.category else "no category"]
    if factor.event_ids:
        count = len(factor.event_ids)
        bits.append(f"{count} event{'s' * (count != 1)}")
    if chain is None:
        bits.append("no whys yet")
    else:
        count = len(chain.answers)
        bits.append(f"{count} why{'s' * (count != 1)}" + ("" if chain.root_cause else " · open"))
    return " · ".join(bits)


class FactorItem(ListItem):
    """One contributing factor in the list: ✓ when its chain ends at a root cause (○ while
    open, · with no chain yet), its title, its category, events and how deep its chain goes."""

    def __init__(self, factor: ContributingFactor, chain: WhyChain | None, number: int) -> None:
        super().__init__(classes="chain-item")
        self.factor = factor
        self.chain = chain
        self._mark = Label("", classes="chain-mark")
        self._problem = Label("", classes="chain-problem", markup=False)
        self._meta = Label("", classes="chain-meta", markup=False)
        self._position = 0  # none shown yet
        self.show(factor, chain, number)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="chain-row"):
            yield self._mark
            # One line each when there is room beside the ladder; side by side when stacked.
            with Vertical(classes="chain-body"):
                yield self._problem
                yield self._meta

    def show(self, factor: ContributingFactor, chain: WhyChain | None, number: int) -> None:
        same = (factor, chain, number) == (self.factor, self.chain, self._position)
        self.factor = factor
        self.chain = chain
        if same:
            return  # every save shows each factor again: the same one needs no new layout
        self._position = number
        concluded = chain is not None and chain.root_cause
        self._mark.update("✓" if concluded else ("○" if chain is not None else "·"))
        self._problem.update(Content(f"{number}. {' '.join(factor.title.split())}"))
        self._meta.update(factor_meta(factor, chain))
        self.set_class(concluded, "-root-cause")


#: In front of the selected step of the ladder.
SELECTED_STEP_MARK = "▶"


class WhyStep(ListItem):
    """One rung of the ladder: the problem, or the answer to one "why?".

    Under the text it may carry a note (root cause and its category, or where a branch came
    from) and the blameless hint when the text stops at a person.
    """

    def __init__(self) -> None:
        super().__init__(classes="why-step")
        self.text = ""
        self._label = ""  # "Problem", "2. Why?"
        self.blame_hint = ""  # the hint shown under this step; '' when the text is blameless
        self._number = Label("", classes="step-number")
        self._text = Static("", classes="step-text", markup=False)
        self._note = Static("", classes="step-note", markup=False)
        self._hint = Static("", classes="step-hint", markup=False)
        #: What show() last showed: every save shows each step again, mostly the same.
        self._showing: tuple[str, str, str, bool, str] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="step-row"):
            yield self._number
            with Vertical(classes="step-body"):
                yield self._text
                yield self._note
                yield self._hint

    def show(
        self, label: str, text: str, *, note: str = "", root_cause: bool = False, waived: str = ""
    ) -> None:
        """`waived`: why the team accepted this step's blame finding, '' when it did not."""
        if (label, text, note, root_cause, waived) == self._showing:
            return  # the same words would only lay the ladder out again
        self._showing = (label, text, note, root_cause, waived)
        self.text = text
        self._label = label
        self._show_number()
        self._text.update(text)
        self._note.update(note)
        self._note.display = bool(note)
        blame = person_blame(text)
        if blame is not None and waived:
            self.blame_hint = f"✓ “{blame.phrase}” waived: {waived}"
        else:
            self.blame_hint = f"⚠ “{blame.phrase}”: {blame.hint}" if blame else ""
        self._hint.update(self.blame_hint)
        self._hint.display = blame is not None
        self.set_class(label == "Problem", "-problem")
        self.set_class(root_cause, "-root-cause")
        self.set_class(blame is not None and not waived, "-blame")

    def watch_highlighted(self, value: bool) -> None:
        super().watch_highlighted(value)
        self._show_number()

    def _show_number(self) -> None:
        # The selected step is marked in words as well as colour: shown only as a colour, the
        # facilitator pressed e on the wrong answer (mock meeting 18a).
        self._number.update(f"{SELECTED_STEP_MARK if self.highlighted else ' '} {self._label}")


class LadderList(ListView):
    """The ladder of a factor's chain; ↑ on its first step (the problem) climbs on to the
    factor list, where ↑ and ↓ choose another factor. Without it nothing led from one factor's
    ladder to the next: ↑ stopped at the problem, and factor 2 could not be reached from the
    keyboard at all (mock meeting 14)."""

    def action_cursor_up(self) -> None:
        if self.index is None or self.index == 0:
            # At once, not via a message, as the answer box climbs: a key typed right after
            # ↑ reaches the factor list, not the ladder.
            self.screen.focus_previous()
            return
        super().action_cursor_up()


class AnswerInput(Input):
    """The box the next answer is typed in; enter saves it, ↑ climbs to the ladder."""

    BINDINGS = [
        Binding(
            "enter",
            "submit_answer",
            "Add answer",
            id="whys.submit",
            tooltip="Save this answer; it becomes the next why",
        ),
        Binding(
            "up",
            "climb",
            "Steps",
            id="whys.steps",
            tooltip="Move to the ladder to mark, branch or edit a step",
        ),
    ]

    async def _on_key(self, event: events.Key) -> None:
        # Bindings fire only once a key has bubbled up to the app, so a fast typist's next
        # letters would reach this box first: "answer⏎N" would save "answerN". enter and ↑
        # therefore act here, in the order they were typed; the BINDINGS above name them for
        # the footer and the help screen.
        if self.screen.focused is not self and event.is_printable:
            # Typed after ↑ but queued here before the focus moved: send it where focus is.
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_submit_answer()
            return
        if event.key == "up":
            event.stop()
            event.prevent_default()
            self.action_climb()
            return
        await super()._on_key(event)

    def action_submit_answer(self) -> None:
        """Hand the answer over and empty the box at once, so the next answer starts clean
        even while this one is still being saved; a refused answer is put back."""
        text, self.value = self.value, ""
        self.post_message(self.Submitted(self, text))

    def give_back(self, text: str) -> None:
        """Put a refused answer back in front of anything typed since."""
        self.value = text + self.value
        self.cursor_position = len(text)

    def action_climb(self) -> None:
        # The ladder (or, with no chain, the chain list) comes just before this box. Moving
        # focus at once, not via a message, means a key typed right after ↑ reaches the
        # ladder rather than landing in the box as text.
        self.screen.focus_previous()


def branches_from_root_cause(pm: PostMortem, chain: WhyChain) -> list[int]:
    """The numbers of the factors whose chains already go on from `chain`'s root cause."""
    where = f"{chain.id}:{len(chain.answers) - 1}"
    branched = {other.id for other in pm.whys if other.branched_from == where}
    return [
        number
        for number, factor in enumerate(pm.factors, start=1)
        if factor.chain_id and factor.chain_id in branched
    ]


#: What esc does in a branch's answer box. "esc changes nothing" was untrue once words were
#: typed: esc then asks "Discard this answer?" first; either way no branch is made.
NO_BRANCH_ON_ESC = "esc makes no branch"


def beyond_root_cause_form(
    pm: PostMortem, chain: WhyChain, save: SaveText, *, other_ways: str
) -> WhyTextModal:
    """The answer form `w` opens on a chain that ends at its root cause.

    Refused with only a notice, `w` would leave the answer typed after it to run as commands
    (`e` opens an edit). The form takes that typing instead: the answer asks why about the
    root cause in a new chain branched from it, so the concluded chain stays as the room
    agreed it; esc makes no branch. `other_ways` names the host's keys for the alternatives.
    """
    category = chain.category.value if chain.category else "uncategorised"
    label = f"Because … (this chain ends at its root cause, {category}: a new chain from it)"
    branches = branches_from_root_cause(pm, chain)
    if branches:
        # A second w on the same chain is more often "go on there" than a second branch.
        named = ", ".join(str(number) for number in branches)
        label += (
            f"; factor {named} already goes on from it"
            if len(branches) == 1
            else f"; factors {named} already go on from it"
        )
    return WhyTextModal(
        f"1. Why? {' '.join(chain.last_statement.split())}",
        label,
        save,
        placeholder="a condition of the system, not a person",
        hint=f"{NO_BRANCH_ON_ESC} · {other_ways}",
        action="Start new chain",
    )


def answering_beyond(
    service: PostMortemService,
    chain_id: str,
    text: str,
    created: list[WhyChain],
    index: int | None = None,
) -> Callable[[PostMortem], PostMortem]:
    """One change (one undo step): a chain branched from answer `index` of `chain_id` (its
    root cause, the last answer, when None), with `text` as its first answer; the new chain
    is reported in `created`."""

    def change(pm: PostMortem) -> PostMortem:
        source = pm.why_chain(chain_id)
        at = len(source.answers) - 1 if index is None else index
        branched, branch = service.branch_why_chain(pm, chain_id, at)
        answered = service.answer_why(branched, branch.id, text)
        created[:] = [branch]
        return answered

    return change


class PhasePromptsLine(Widget):
    """The phase prompts on one line of their own under the "why?" question: the full line
    where it fits, its questions alone where it does not. Sharing the question's lines, they
    were cut off at 80 columns as soon as the question wrapped (mock 36a)."""

    DEFAULT_CSS = """
    PhasePromptsLine {
        height: 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def render(self) -> str:
        if self.size.width >= len(PHASE_PROMPTS_LINE):
            return PHASE_PROMPTS_LINE
        return PHASE_PROMPTS_SHORT
