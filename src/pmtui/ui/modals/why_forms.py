"""Provides the small dialogs of the Five Whys: a problem or answer to type, a cause category.

WhyTextModal opens on the text it edits selected, as a filled box entered by tab is (see
form_modal), so typing replaces it. It saves through a callback that raises ValidationError
for refused text, so the message appears under the box and what was typed stays. Both dialogs
show the blameless hint while typing, because the words are cheapest to change before they
are saved.

CauseCategoryModal opens on a category, the chain's own, else its factor's
(`suggested_category`), else the first, and its hint names what enter marks ("enter marks
the root cause as monitoring"): opened on none, `c` then enter answered "No category chosen
yet" (mock meeting 14). It once opened on "process" and a facilitator's reflex enter marked
a cause nobody picked (mock meeting 6), so for a chain with no category of its own an enter
pressed with the key that opened it, before the dialog could be read and with nothing
picked (REFLEX_SECONDS), keeps it open and says which category enter marks. Letters are a
type-ahead run, as on a TypeSelect (same `pick_by_typing`, same pause): "t" testing, "co"
communication, "cc" the next category starting with c. A run that starts no category is a
sentence typed in the wrong place: the choice stays as it was, the hint quotes it and names
the categories, and enter after it chooses nothing until ↑/↓ or a letter picks one again.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events
from textual._time import get_time  # private: the clock Textual stamps each key with
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from pmtui.analysis.person_blame import person_blame
from pmtui.model.enums import CauseCategory
from pmtui.model.postmortem import PostMortem, WhyChain
from pmtui.ui.modals.form_modal import FormModal, form_bindings
from pmtui.ui.stylesheets import MODAL_CSS
from pmtui.ui.widgets.form_field import FormField
from pmtui.ui.widgets.type_select import TYPE_AHEAD_PAUSE, pick_by_typing

#: One line per category, so a room can agree on one without a glossary.
CATEGORY_HELP: dict[CauseCategory, str] = {
    CauseCategory.PROCESS: "a step, checklist or review was missing",
    CauseCategory.TESTING: "tests did not cover the case",
    CauseCategory.MONITORING: "nothing watched it, or no one was told",
    CauseCategory.OPERATIONAL_DESIGN: "the design made failure easy or large",
    CauseCategory.TOOLING: "a tool made the slip easy",
    CauseCategory.COMMUNICATION: "the right people did not hear in time",
    CauseCategory.CONFIGURATION: "a setting was wrong or drifted",
    CauseCategory.CAPACITY: "not enough headroom",
    CauseCategory.DEPENDENCY: "a service or vendor we rely on",
    CauseCategory.DOCUMENTATION: "a runbook or doc was missing or wrong",
    CauseCategory.OTHER: "none of the above",
}

#: What the picker's hint says while nothing went wrong, the highlighted category filled in.
CATEGORY_KEYS = "enter marks the root cause as {category} · esc keeps the chain open"
#: What the picker opens on when neither the chain nor its factor has a category.
_FIRST = next(iter(CauseCategory))
#: An enter this soon after the picker opened was pressed before anyone could read it.
REFLEX_SECONDS = 0.35
#: How to choose, said when enter finds nothing chosen.
HOW_TO_CHOOSE = "↑/↓ or a category's first letter chooses one, then enter"
#: The list's keys that move its highlight (bindings of OptionList).
_MOVES = frozenset({"up", "down", "home", "end", "pageup", "pagedown"})
#: How to choose, said after typing that starts no category (the list is just above).
REFUSED_KEYS = "↑/↓ or a first letter"
#: How many characters of a refused run the hint quotes ("“We now…” is not a category").
_QUOTED = 7
#: How many characters of category names the hint lists before "…": two lines at 80x24,
#: where a longer hint made the dialog taller than the screen.
_NAMED = 60


def _cut(text: str, width: int) -> str:
    """`text` cut to `width` characters, ending in "…" when cut."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _named(labels: list[str]) -> str:
    """The first categories, whole, as many as fit in _NAMED characters, then "…"."""
    named: list[str] = []
    for label in labels:
        if named and len(", ".join([*named, label])) > _NAMED:
            return ", ".join(named) + ", …"
        named.append(label)
    return ", ".join(named)


#: Saves the typed text; raises ValidationError to refuse it.
SaveText = Callable[[str], object]


class WhyTextModal(FormModal[bool]):
    """One line of text for a why chain: a new problem, or an edited problem or answer."""

    BINDINGS = form_bindings("why_text", cancel="Change nothing", save="Save what was typed")
    CANCELLED = False
    ERROR_FIELD = "why-text"
    # An answer is read before it is reworded: its end showed, or all but its first letter.
    OPENS_ON_START = True

    def __init__(
        self,
        title: str,
        label: str,
        save: SaveText,
        *,
        text: str = "",
        placeholder: str = "",
        hint: str = "",
        action: str = "Save",
        thing: str = "answer",
    ) -> None:
        super().__init__(classes="modal", id="why-text-form")
        # What escape asks to discard: "Discard this contributing factor?" in the new-factor
        # dialog, where "this answer" named something not yet there (mock 36a).
        self._thing = thing
        self._title = title
        self._label = label
        self._save = save
        self._text = text
        self._placeholder = placeholder
        self._hint = hint
        self._action = action

    def discard_question(self) -> str | None:
        # Of a saved answer, "discard this answer?" reads like deleting it.
        if self._text:
            return f"Discard your changes to this {self._thing}?"
        return f"Discard this {self._thing}?"

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body"):
            # The title quotes the statement asked about: plain text, not markup.
            yield Static(self._title, classes="modal-title", markup=False)
            yield FormField(
                self._label,
                Input(self._text, placeholder=self._placeholder, id="why-text"),
                hint=self._hint,
                id="ff-why-text",
            )
            yield Static("", id="why-text-blame", classes="blame-hint")
            with Horizontal(classes="modal-buttons"):
                yield self.keys_line()
                yield Button("Cancel", id="cancel")
                yield Button(self._action, id="save", variant="primary")

    def on_mount(self) -> None:
        self._show_blame(self._text)
        # Opened on a saved answer, the box is there to reword it: typed after the old
        # words, "…notice the alertThe topology alert fired…" reached the shared screen.
        # FormModal selects it as it opens: typing replaces it; → or end keeps it to edit.
        self.query_one("#why-text", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_blame(event.value)

    def _show_blame(self, text: str) -> None:
        found = person_blame(text)
        hint = self.query_one("#why-text-blame", Static)
        hint.update(f"⚠ {found.hint}" if found else "")
        hint.display = found is not None

    def submit(self) -> bool:
        self._save(self.query_one("#why-text", Input).value)
        return True


def suggested_category(pm: PostMortem | None, chain: WhyChain) -> CauseCategory | None:
    """The category the root-cause picker suggests for a chain without its own: that of
    the factor it drills into (None: the picker suggests the first)."""
    factor = pm.factor_of_chain(chain.id) if pm is not None else None
    return factor.category if factor is not None else None


class CauseCategoryModal(ModalScreen[CauseCategory | None]):
    """Pick the category of a root cause; the cause itself is shown so the room can check."""

    CSS_PATH = MODAL_CSS

    BINDINGS = form_bindings("cause_category", cancel="Keep it open")

    def __init__(
        self,
        cause: str,
        current: CauseCategory | None = None,
        suggested: CauseCategory | None = None,
    ) -> None:
        """`current`: the chain's own category, which enter keeps at once; else the picker
        opens on `suggested` (or the first category), guarded against a reflex enter."""
        super().__init__(classes="modal", id="cause-category-form")
        self._cause = cause
        self._current = current
        self._suggested = suggested
        #: The type-ahead run's text so far, and when its last key came (time.monotonic).
        self._typed = ""
        self._typed_at = 0.0
        #: Whether the last run typed started no category (enter then chooses nothing).
        self._refused = False
        #: When the picker was shown (Textual's key clock), for REFLEX_SECONDS.
        self._opened_at = 0.0

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-body"):
            yield Static("Root cause: what kind of cause is it?", classes="modal-title")
            yield Static(self._cause, id="cause-text", markup=False)
            yield OptionList(
                *(
                    Option(f"{category.value:<19} {CATEGORY_HELP[category]}", id=category.value)
                    for category in CauseCategory
                ),
                id="cause-categories",
                compact=True,
            )
            # What was typed is quoted here: plain text, not markup.
            yield Static("", classes="field-hint", id="cause-hint", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        shown = self._current or self._suggested or _FIRST
        options.highlighted = options.get_option_index(shown.value)
        options.focus()
        # Only a category nobody chose for this chain is guarded (mock meeting 6).
        self._opened_at = get_time() if self._current is None else -REFLEX_SECONDS
        self._hint(self._keys())

    def _keys(self) -> str:
        """The hint that names the category enter marks."""
        return CATEGORY_KEYS.format(category=self._highlighted_label())

    def _highlighted_label(self) -> str:
        options = self.query_one(OptionList)
        index = options.highlighted
        option_id = options.get_option_at_index(index).id if index is not None else None
        return option_id or "the highlighted category"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id != (self._current or self._suggested or _FIRST).value:
            self._opened_at = -REFLEX_SECONDS  # another category picked: enter chooses it
        if not self._refused:
            self._hint(self._keys())

    def _hint(self, text: str, *, warn: bool = False) -> None:
        hint = self.query_one("#cause-hint", Static)
        hint.update(text)
        hint.set_class(warn, "-warning")

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            reflex = event.time - self._opened_at < REFLEX_SECONDS
            if self.query_one(OptionList).highlighted is None or self._refused or reflex:
                event.stop()
                event.prevent_default()
                self._say_how_to_choose(reflex=reflex)
            self._opened_at = -REFLEX_SECONDS  # the next enter is read
            self._typed = ""  # the next letter starts a new run
            return
        if event.key in _MOVES:
            # ↑/↓ choose one: what was typed before no longer stands in the way of enter.
            self._refused = False
            self._opened_at = -REFLEX_SECONDS
            self._typed = ""
            self._hint(self._keys())
            return
        character = event.character
        if character is None or not character.isprintable():
            return
        if character == " " and not self._run_under_way():
            return
        event.stop()
        event.prevent_default()
        self._type(character)

    def _run_under_way(self) -> bool:
        return bool(self._typed) and time.monotonic() - self._typed_at <= TYPE_AHEAD_PAUSE

    def _type(self, character: str) -> None:
        """One key of a type-ahead run (see the module's docstring); a space inside a run
        is part of it."""
        if not self._run_under_way():
            self._typed = ""
        self._typed += character
        self._typed_at = time.monotonic()
        options = self.query_one(OptionList)
        labels = [category.value for category in CauseCategory]
        index = pick_by_typing(labels, self._typed, options.highlighted)
        if index is None and self._typed == character * len(self._typed):
            # "cc": the same letter again moves on to the next category it starts.
            index = pick_by_typing(labels, character, options.highlighted)
        if index is None:
            self._refused = True
            quoted = _cut(" ".join(self._typed.split()), _QUOTED)
            refused = f"“{quoted}” is not a category: {_named(labels)} · {REFUSED_KEYS}"
            self._hint(refused, warn=True)
            return
        self._refused = False
        self._opened_at = -REFLEX_SECONDS  # a category typed: the enter after it chose it
        options.highlighted = index
        self._hint(self._keys())

    def _say_how_to_choose(self, *, reflex: bool = False) -> None:
        if self._refused:
            return  # the hint already quotes the refused typing and names the categories
        if reflex:
            category = self._highlighted_label()
            self._hint(
                f"Not marked yet: enter again marks it as {category} · ↑/↓ picks another", warn=True
            )
            return
        self._hint(f"No category chosen yet: {HOW_TO_CHOOSE}", warn=True)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:  # every option's id is a category's value
            self.dismiss(CauseCategory(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
