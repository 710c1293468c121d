"""Provides Timebox: a step's (or the meeting's) time used against its budget, big or small.

The numbers come from the screen (pmtui.model.agenda does the arithmetic); this widget only
draws them and switches its look by class: `-near` when most of the time is used, `-over`
past it. Its colours are its own (DEFAULT_CSS), wherever it is shown.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Static

from pmtui.model.agenda import TimeboxState, format_clock, timebox_state


def describe(elapsed: float, minutes: int) -> str:
    """'of 10 min', or how far over it is, in words a room reads at a glance."""
    over = elapsed - minutes * 60
    if over > 0:
        return f"{format_clock(over)} over {minutes} min"
    return f"of {minutes} min"


class Timebox(Vertical):
    """Elapsed time as large digits with the budget underneath (`big`), or one line."""

    DEFAULT_CSS = """
    Timebox .timebox-digits {
        width: auto;
        color: $text-success;
    }
    Timebox .timebox-caption {
        width: auto;
        color: $text-muted;
    }
    Timebox.-near .timebox-digits,
    Timebox.-near .timebox-caption {
        color: $text-warning;
    }
    Timebox.-over .timebox-digits,
    Timebox.-over .timebox-caption {
        color: $text-error;
        text-style: bold;
    }
    """

    elapsed: reactive[float] = reactive(0.0)
    minutes: reactive[int] = reactive(5)
    #: Large digits need three rows; a short terminal gets the one-line form.
    big: reactive[bool] = reactive(True)

    def __init__(self, label: str = "", *, big: bool = True, id: str | None = None) -> None:
        super().__init__(id=id, classes="timebox")
        self._label = label
        self.set_reactive(Timebox.big, big)

    @property
    def state(self) -> TimeboxState:
        return timebox_state(self.elapsed, self.minutes)

    def compose(self) -> ComposeResult:
        yield Digits("0:00", classes="timebox-digits")
        yield Static(classes="timebox-caption")

    def on_mount(self) -> None:
        self._show()

    def watch_elapsed(self) -> None:
        self._show()

    def watch_minutes(self) -> None:
        self._show()

    def watch_big(self) -> None:
        self._show()

    def _show(self) -> None:
        if not self.is_mounted:
            return
        state = self.state
        self.set_class(state is TimeboxState.NEAR, "-near")
        self.set_class(state is TimeboxState.OVER, "-over")
        caption = describe(self.elapsed, self.minutes)
        digits = self.query_one(Digits)
        digits.display = self.big
        if self.big:
            digits.update(format_clock(self.elapsed))
        else:
            label = f"{self._label} " if self._label else ""
            caption = f"{label}{format_clock(self.elapsed)} {caption}"
        self.query_one(".timebox-caption", Static).update(caption)
