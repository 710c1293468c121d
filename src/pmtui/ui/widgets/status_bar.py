"""Provides the status bar's parts: the post-mortem's live metrics and the save state.

The save state is always shown whole: at 80 columns multi-day metrics once cut it to
"✓ Save" / "● Unsa", and a room cannot tell whether its typing is safe. The metrics line
gives way instead: it measures the room its siblings leave it (their minimum width, the save
state's whole text) and shortens its durations, then drops metrics from the end, marking
the drop with "…" (the tooltip and the Document tab still have them all).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widgets import Static

from pmtui.analysis.metrics import (
    METRIC_LABELS,
    METRIC_NAMES,
    Metrics,
    compute_metrics,
    metric_notes,
)
from pmtui.model.postmortem import PostMortem
from pmtui.model.times import format_duration, format_duration_short


@dataclass(frozen=True)
class SaveState:
    """What the status bar says about saving; the screen sets it after every commit."""

    kind: str  # "saved" | "pending" | "failed" | "read-only"
    at: str = ""  # local wall-clock time of the last save, already formatted


class MetricsLine(Static):
    """TTD, TTA, TTM, TTR and impact, recomputed whenever the timeline changes."""

    pm: reactive[PostMortem | None] = reactive(None)
    #: Narrow terminals get durations to the minute so the title keeps some room.
    compact: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._metrics: Metrics | None = None
        #: The lines it may show, longest first (see _fit); the one shown is `_fitted`.
        self._lines: list[Text] = []
        self._fitted = Text()

    def watch_pm(self, old: PostMortem | None, new: PostMortem | None) -> None:
        if new is None or (old is not None and old.events is new.events):
            return  # metrics depend on the timeline only
        self._metrics = compute_metrics(new.events)
        self._explain(new)
        self._show()

    def watch_compact(self) -> None:
        self._show()

    def _show(self) -> None:
        if self._metrics is None:
            return
        full = [] if self.compact else [self._line(METRIC_NAMES, short=False)]
        # Then whole metrics from the end: the line is read from the left.
        shorter = [
            self._line(METRIC_NAMES[:count], short=True, dropped=count < len(METRIC_NAMES))
            for count in range(len(METRIC_NAMES), 0, -1)
        ]
        lines = [*full, *shorter]
        if self._waits_for_start():
            # Milestones but no start: every metric that counts from it read "—", and the
            # room could not tell why (mock meeting 23a). Said first, the metrics after it.
            note = Text.assemble(("no start event", "bold"), " (kind start)")
            lines = [*(Text.assemble(note, " · ", line) for line in lines), note]
        self._lines = [*lines, Text()]
        self._fitted = self._lines[0]
        self.refresh(layout=True)

    def _waits_for_start(self) -> bool:
        """Whether the timeline has milestones but no start, which TTD, TTM, TTR and the
        impact count from."""
        if self._metrics is None:
            return False
        milestones = self._metrics.milestones
        later = (milestones.detected, milestones.mitigated, milestones.resolved)
        return milestones.start is None and any(at is not None for at in later)

    def _line(
        self, names: tuple[str, ...] | list[str], *, short: bool, dropped: bool = False
    ) -> Text:
        """The metrics `names` on one line, durations to the minute when `short`."""
        assert self._metrics is not None
        line = Text()
        for index, name in enumerate(names):
            value = getattr(self._metrics, name)
            if index:
                line.append(" " if short else "  ")
            line.append(f"{METRIC_LABELS[name][0]} ", style="bold")
            if value is None and name == "time_to_acknowledge" and self._metrics.early_alert:
                # Not missing but unmeasurable: an alert long before the incident (tooltip).
                line.append("n/a", style="italic")
            elif value is None:
                line.append("—")
            else:
                text = format_duration_short(value) if short else format_duration(value)
                # A negative metric means milestones out of order: make it impossible to miss,
                # with a marker the room can see and a tooltip naming the culprits.
                if value < 0:
                    line.append("⚠", style="bold")
                line.append(text, style="reverse" if value < 0 else "")
        if dropped:
            line.append(" …")
        return line

    def _room(self, container: Size) -> int:
        """The columns left for the metrics once every sibling has its least (the save
        state its whole text) and this line its padding."""
        taken = self.styles.gutter.width
        for sibling in self.parent.children if self.parent is not None else ():
            if sibling is self or not sibling.display:
                continue
            if isinstance(sibling, SaveIndicator):
                taken += sibling.whole_width
            elif sibling.styles.min_width is not None:
                taken += int(sibling.styles.min_width.value)
        return container.width - taken

    def get_content_width(self, container: Size, viewport: Size) -> int:
        room = self._room(container)
        fitted = next((line for line in self._lines if line.cell_len <= room), Text())
        if fitted is not self._fitted:
            self._fitted = fitted
            self.refresh()
        return fitted.cell_len

    def render(self) -> Text:
        return self._fitted

    def _explain(self, pm: PostMortem) -> None:
        """The tooltip names the two milestones of each negative metric and their times, and
        says why time to acknowledge is absent after an alert long before the incident."""
        if self._metrics is not None:
            self.tooltip = "\n".join(metric_notes(self._metrics, pm.zone)) or None


def _plain_width(shown: object) -> int:
    """How many cells a rendered text takes (a Content or a Rich Text both tell)."""
    cell_length = getattr(shown, "cell_length", None)
    if isinstance(cell_length, int):
        return cell_length
    cell_len = getattr(shown, "cell_len", None)
    return cell_len if isinstance(cell_len, int) else len(str(shown))


class SaveIndicator(Static):
    """Whether the typing is saved; the metrics beside it give way so it is always whole."""

    state: reactive[SaveState | None] = reactive(None)
    compact: reactive[bool] = reactive(False)

    @property
    def whole_width(self) -> int:
        """The columns this needs to show its text whole, padding included."""
        text = _plain_width(self.render())
        least = self.styles.min_width
        return max(text + self.styles.gutter.width, int(least.value) if least else 0)

    def watch_compact(self) -> None:
        self.watch_state(self.state)

    def watch_state(self, state: SaveState | None) -> None:
        self.remove_class("-pending", "-failed", "-read-only")
        if state is None:
            self.update("")
            return
        if state.kind == "saved":
            self.update("✓ Saved" if self.compact else f"✓ Saved {state.at}".rstrip())
        elif state.kind == "pending":
            self.add_class("-pending")
            self.update("● Unsaved" if self.compact else "● Unsaved typing")
        elif state.kind == "failed":
            self.add_class("-failed")
            self.update("✗ Not saved")
        else:
            self.add_class("-read-only")
            self.update("Read-only")
