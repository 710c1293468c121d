"""Provides AgendaStrip: the meeting's six steps on one line, the current one standing out."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from pmtui.model.agenda import STEPS

#: Below this width only the current step keeps its name; the others show their number.
FULL_NAMES_MIN_WIDTH = 100


class AgendaStrip(Static):
    """Done steps are muted, the current one is reversed, steps over their timebox warn."""

    current: reactive[int] = reactive(0)
    over: reactive[frozenset[int]] = reactive(frozenset())

    def render(self) -> Content:
        full = self.size.width >= FULL_NAMES_MIN_WIDTH
        parts: list[Content | str | tuple[str, str]] = []
        for index, step in enumerate(STEPS):
            if index:
                parts.append((" › ", "$text-muted"))
            here = index == self.current
            label = f" {index + 1} {step.short} " if full or here else f" {index + 1} "
            if here:
                style = "bold reverse"
            elif index in self.over:
                style = "$text-warning"
            elif index < self.current:
                style = "$text-muted"
            else:
                style = ""
            parts.append((label, style))
        return Content.assemble(*parts)
