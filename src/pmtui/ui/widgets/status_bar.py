"""Provides StatusBar: the post-mortem's title line, live metrics and the save state."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
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
        line = Text()
        for index, name in enumerate(METRIC_NAMES):
            value = getattr(self._metrics, name)
            if index:
                line.append(" " if self.compact else "  ")
            line.append(f"{METRIC_LABELS[name][0]} ", style="bold")
            if value is None and name == "time_to_acknowledge" and self._metrics.early_alert:
                # Not missing but unmeasurable: an alert long before the incident (tooltip).
                line.append("n/a", style="italic")
            elif value is None:
                line.append("—")
            else:
                text = format_duration_short(value) if self.compact else format_duration(value)
                # A negative metric means milestones out of order: make it impossible to miss,
                # with a marker the room can see and a tooltip naming the culprits.
                if value < 0:
                    line.append("⚠", style="bold")
                line.append(text, style="reverse" if value < 0 else "")
        self.update(line)

    def _explain(self, pm: PostMortem) -> None:
        """The tooltip names the two milestones of each negative metric and their times, and
        says why time to acknowledge is absent after an alert long before the incident."""
        if self._metrics is not None:
            self.tooltip = "\n".join(metric_notes(self._metrics, pm.zone)) or None


class SaveIndicator(Static):
    state: reactive[SaveState | None] = reactive(None)
    compact: reactive[bool] = reactive(False)

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
