"""Provides BigTitle: a heading drawn in the three-row block font, or one bold line.

Meeting mode shows the step's elapsed time in large digits; the step's title beside it must
read as well from the back of the room. The title is drawn in pmtui.ui.widgets.big_font when
`big` is set and it fits the width; otherwise `fallback` (or the title) is tried, and when
neither fits, or the font lacks a character, the title is one line of bold text that wraps.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from pmtui.ui.widgets.big_font import HEIGHT, render_big, width_of


class BigTitle(Widget):
    DEFAULT_CSS = """
    BigTitle {
        width: 1fr;
        height: auto;
        color: $text-accent;
        text-style: bold;
    }
    """

    title: reactive[str] = reactive("", layout=True)
    #: A shorter form for the block font when the title is too wide for it.
    fallback: reactive[str] = reactive("", layout=True)
    big: reactive[bool] = reactive(True, layout=True)

    def set_title(self, title: str, fallback: str = "") -> None:
        self.title = title
        self.fallback = fallback

    def big_text(self, width: int) -> str | None:
        """What the block font draws at `width` cells, or None for the bold line."""
        if not self.big:
            return None
        for text in (self.title, self.fallback):
            if text and 0 < width_of(text) <= width:
                return text
        return None

    @property
    def is_big(self) -> bool:
        """Whether the title is drawn in the block font at the widget's current width."""
        return self.big_text(self.content_region.width) is not None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.big_text(width) is not None:
            return HEIGHT
        return super().get_content_height(container, viewport, width)

    def render(self) -> Content:
        text = self.big_text(self.content_region.width)
        if text is None:
            return Content(self.title)
        return Content("\n".join(render_big(text)))
