"""Provides StatusBar: the post-mortem's title line, live metrics and the save state."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from pmtui.analysis.metrics import METRIC_LABELS, METRIC_NAMES, compute_metrics
from pmtui.model.postmortem import PostMortem


@dataclass(frozen=True)
class SaveState:
    """What the status bar says about saving; the screen sets it after every commit."""

    kind: str  # "saved" | "pending" | "failed" | "read-only"
    at: str = ""  # local wall-clock time of the last save, already formatted


class MetricsLine(Static):
    """TTD, TTA, TTM, TTR and impact, recomputed whenever the timeline changes."""

    pm: reactive[PostMortem | None] = reactive(None)

    def watch_pm(self, old: PostMortem | None, new: PostMortem | None) -> None:
        if new is None or (old is not None and old.events is new.events):
            return  # metrics depend on the timeline only
        metrics = compute_metrics(new.events)
        line = Text()
        for index, name in enumerate(METRIC_NAMES):
            short = METRIC_LABELS[name][0]
            if index:
                line.append("  ")
            line.append(f"{short} ", style="bold")
            value = metrics.formatted(name)
            negative = (getattr(metrics, name) or 0) < 0
            line.append(value, style="reverse" if negative else "")
        self.update(line)


class SaveIndicator(Static):
    state: reactive[SaveState | None] = reactive(None)

    def watch_state(self, state: SaveState | None) -> None:
        self.remove_class("-pending", "-failed", "-read-only")
        if state is None:
            self.update("")
            return
        if state.kind == "saved":
            self.update(f"✓ Saved {state.at}".rstrip())
        elif state.kind == "pending":
            self.add_class("-pending")
            self.update("● Unsaved typing")
        elif state.kind == "failed":
            self.add_class("-failed")
            self.update("✗ Not saved")
        else:
            self.add_class("-read-only")
            self.update("Read-only")
