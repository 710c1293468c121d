"""Provides FactorModal: a contributing factor's title, category, "how it made sense at the
time" and the timeline events that show it, picked from the timeline.

A titled factor with no events opens on the events list, its hint saying so: that is what
`f` is pressed for after the Five Whys pane's "no events linked (f)". The hint then counts the
events ticked, as space ticks or unticks them.

The modal saves through a callback that raises ValidationError for refused input, so the
message appears under its field and what was typed stays. The blameless hint shows under the
title and the note while they are typed: the words are cheapest to change before they are saved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from pmtui.analysis.person_blame import blame_matches
from pmtui.model.enums import CauseCategory
from pmtui.model.postmortem import ContributingFactor, PostMortem
from pmtui.model.prompts import MADE_SENSE_QUESTION
from pmtui.model.times import format_instant
from pmtui.ui.modals.compact import ShortTerminalFit
from pmtui.ui.modals.form_modal import FormModal, form_bindings
from pmtui.ui.modals.why_forms import CATEGORY_HELP
from pmtui.ui.widgets.form_field import FormField, input_field
from pmtui.ui.widgets.tick_list import TickList
from pmtui.ui.widgets.type_select import TypeSelect

#: Saves the factor's fields (title, category, made_sense, event_ids); raises ValidationError.
SaveFactor = Callable[[dict[str, Any]], object]


def event_labels(pm: PostMortem) -> list[str]:
    """One row per timeline event, in its order: local time, kind, text. Seconds show where
    an event has them or shares its minute with another: two imported events at 04:44:10
    and 04:44:55 both read "2022-07-08 04:44 note" (mock meeting 14). The kind column is as
    wide as the widest kind listed, so the text, what tells rows apart, keeps the room."""
    minutes = [format_instant(e.at, pm.zone) for e in pm.events]
    shared = Counter(minutes)
    times = [
        format_instant(e.at, pm.zone, seconds=bool(e.at.second) or shared[minute] > 1)
        for minute, e in zip(minutes, pm.events, strict=True)
    ]
    time_width = max((len(t) for t in times), default=0)
    kind_width = max((len(e.kind.value) for e in pm.events), default=0)
    return [
        f"{time:<{time_width}} {e.kind.value:<{kind_width}} {' '.join(e.text.split())[:80]}"
        for time, e in zip(times, pm.events, strict=True)
    ]


def blame_line(texts: Iterable[str], people: Iterable[str]) -> str:
    """'⚠ “phrase”: hint' for the first blaming phrase in `texts`, '' when there is none."""
    names = tuple(people)
    for text in texts:
        found = blame_matches(text, names)
        if found:
            return f"⚠ “{found[0].phrase}”: {found[0].hint}"
    return ""


def ticked_hint(count: int) -> str:
    """The line under the events list: how many are ticked, and the keys that change it."""
    if not count:
        return "No event is linked yet: ↑/↓ move, space ticks one, ctrl+s saves"
    noun = "event" if count == 1 else "events"
    return f"{count} {noun} linked · space ticks or unticks · ctrl+s saves"


class FactorModal(FormModal[bool], ShortTerminalFit[bool]):
    """Add or edit a contributing factor; enter in a box or ctrl+s saves."""

    BINDINGS = form_bindings(
        "factor", cancel="Change nothing", save="Save the factor", save_priority=True
    )
    CANCELLED = False
    ERROR_FIELD = "title"
    DISCARD_QUESTION = "Discard this contributing factor?"

    def __init__(
        self,
        pm: PostMortem,
        save: SaveFactor,
        factor: ContributingFactor | None = None,
        people: tuple[str, ...] = (),
    ) -> None:
        super().__init__(classes="modal", id="factor-form")
        self._pm = pm
        self._save = save
        self._factor = factor
        self._people = people

    def discard_question(self) -> str | None:
        # Of a saved factor, "discard this contributing factor?" reads like deleting it.
        if self._factor is not None:
            return "Discard your changes to this contributing factor?"
        return self.DISCARD_QUESTION

    def compose(self) -> ComposeResult:
        factor = self._factor
        linked = set(factor.event_ids) if factor else set()
        with VerticalScroll(classes="modal-body factor-form-body"):
            yield Static(
                "Edit contributing factor" if factor else "New contributing factor",
                classes="modal-title",
            )
            yield input_field(
                "Factor (a condition of the system, stated without blame)",
                "factor",
                "title",
                factor.title if factor else "",
                placeholder="e.g. Expiry warnings went to a channel nobody is paged from",
            )
            yield FormField(
                "Category",
                TypeSelect(
                    [(f"{c.value} · {CATEGORY_HELP[c]}", c.value) for c in CauseCategory],
                    value=factor.category.value if factor and factor.category else Select.NULL,
                    prompt="(not chosen yet)",
                    id="factor-category",
                ),
                id="ff-category",
            )
            yield input_field(
                MADE_SENSE_QUESTION,
                "factor",
                "made_sense",
                factor.made_sense if factor else "",
                placeholder="e.g. Renewal had never failed in two years; the warning looked like "
                "the usual noise",
            )
            yield Static("", id="factor-blame", classes="blame-hint")
            yield FormField(
                "Timeline events that show it (space picks)",
                TickList[str](
                    *(
                        # Content: an event's text is evidence pasted as is, "[/]" included.
                        Selection(Content(label), e.id, e.id in linked)
                        for label, e in zip(event_labels(self._pm), self._pm.events, strict=True)
                    ),
                    id="factor-events",
                ),
                hint=self._events_hint(),
                id="ff-events",
            )
            with Horizontal(classes="modal-buttons"):
                yield self.keys_line()
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def _opens_on_events(self) -> bool:
        """A titled factor with no events yet opens on the events list: the pane's hint
        "no events linked (f)" promised that `f` links them, and three tabs from the title
        reached the list (mock meeting 14)."""
        factor = self._factor
        return bool(factor and factor.title and not factor.event_ids and self._pm.events)

    def _events_hint(self) -> str:
        if not self._pm.events:
            return "The timeline is empty: add events first."
        if self._opens_on_events():
            return ticked_hint(0)
        return ""

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        # A hint shown over the list must follow the ticks: two events ticked under "No
        # event is linked yet" read as if space had done nothing (mock meeting 15).
        field = self.query_one("#ff-events", FormField)
        if field.hint:
            field.set_hint(ticked_hint(len(event.selection_list.selected)))

    def on_mount(self) -> None:
        self._show_blame()
        first = "#factor-events" if self._opens_on_events() else "#factor-title"
        self.query_one(first).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_blame()

    def _show_blame(self) -> None:
        texts = (self.query_one(f"#factor-{name}", Input).value for name in ("title", "made_sense"))
        hint = self.query_one("#factor-blame", Static)
        line = blame_line(texts, self._people)
        hint.update(Content(line))
        hint.display = bool(line)

    def fields(self) -> dict[str, Any]:
        category = self.query_one("#factor-category", Select).value
        return {
            "title": self.query_one("#factor-title", Input).value,
            "category": None if category is Select.NULL else category,
            "made_sense": self.query_one("#factor-made_sense", Input).value,
            "event_ids": list(self.query_one("#factor-events", SelectionList).selected),
        }

    def submit(self) -> bool:
        self._save(self.fields())
        return True
