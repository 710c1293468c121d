"""Provides BarChart: a small horizontal bar chart drawn with block characters, for the
Insights screen. The bar colour comes from a component class (theme variables only)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget

_EIGHTHS = " ▏▎▍▌▋▊▉"
MAX_BAR_WIDTH = 40


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as people read it: '3', '22m', '1h 54m'


def bar_text(value: float, biggest: float, width: int) -> str:
    """`value` as a bar of at most `width` cells, to an eighth of a cell; any value above
    zero shows at least a sliver, so a small count is not mistaken for none."""
    if biggest <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value / biggest * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


class BarChart(Widget):
    COMPONENT_CLASSES = {"bar-chart--bar", "bar-chart--empty"}
    DEFAULT_CSS = """
    BarChart > .bar-chart--bar {
        color: $accent;
    }
    BarChart > .bar-chart--empty {
        color: $text-muted;
        text-style: italic;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.bars: tuple[Bar, ...] = ()
        self.empty_text = "nothing yet"

    def show(self, bars: tuple[Bar, ...], empty_text: str = "nothing yet") -> None:
        self.bars = bars
        self.empty_text = empty_text
        # One line per bar; set outright so the containers around it size to match.
        self.styles.height = max(1, len(bars))
        self.refresh()

    def render(self) -> Text:
        if not self.bars:
            return Text(self.empty_text, style=self.get_component_rich_style("bar-chart--empty"))
        label_width = max(len(bar.label) for bar in self.bars)
        shown_width = max(len(bar.shown) for bar in self.bars)
        # Small on purpose: a chart beside the figures, not a wall of colour on a shared screen.
        room = max(4, min(MAX_BAR_WIDTH, self.size.width - label_width - shown_width - 3))
        biggest = max(bar.value for bar in self.bars)
        style = self.get_component_rich_style("bar-chart--bar")
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, bar in enumerate(self.bars):
            if index:
                text.append("\n")
            text.append(f"{bar.label:<{label_width}} ")
            drawn = bar_text(bar.value, biggest, room)
            text.append(drawn, style=style)
            text.append(" " * (room - len(drawn) + 1))
            text.append(f"{bar.shown:>{shown_width}}")
        return text
