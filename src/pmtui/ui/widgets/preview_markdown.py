"""Provides PreviewMarkdown: Textual's Markdown widget with every table drawn as one Rich table.

Textual lays a Markdown table out as a grid with a widget per cell. That costs about twice
as much to render, and at 80 to 100 columns the grid squeezes the timeline's time column
to "2025-03-…", losing the date a room needs. One Rich table per Markdown table renders
faster and wraps cells at word boundaries instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.style import Style as RichStyle
from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Markdown

# Not exported by textual.widgets.markdown in 8.x; the Markdown widget's documented way to
# change how a block renders is get_block_class with a subclass, and tests pin the result.
from textual.widgets._markdown import MarkdownTable
from textual.widgets.markdown import MarkdownBlock

# The inline styles Textual's Markdown marks by name (see its MarkdownBlock component classes).
_INLINE_STYLES = {".strong": "bold", ".em": "italic", ".s": "strike", ".code_inline": "bold"}


def rich_text(content: Content) -> Text:
    """A table cell as Rich text, keeping bold, italics and clickable links."""
    text = Text(content.plain, end="")
    for span in content.spans:
        style = span.style
        if isinstance(style, str):
            text.stylize(_INLINE_STYLES.get(style, ""), span.start, span.end)
            continue
        rich = style.rich_style
        if "@click" in style.meta:
            rich += RichStyle(underline=True)
        text.stylize(rich, span.start, span.end)
    return text


class PreviewTable(MarkdownTable):
    """A Markdown table rendered by the block itself, so links still reach the document."""

    COMPONENT_CLASSES = {"preview-table--header", "preview-table--rule", "preview-table--stripe"}
    DEFAULT_CSS = """
    PreviewTable > .preview-table--header {
        color: $text-primary;
        text-style: bold;
    }
    PreviewTable > .preview-table--rule {
        color: $foreground 30%;
    }
    PreviewTable > .preview-table--stripe {
        background: $boost;
    }
    """

    def compose(self) -> Iterable[Widget]:
        # The parsed rows arrive as child blocks; keep their text, mount none of them.
        self._headers, self._rows = self._get_headers_and_rows()
        self._blocks.clear()
        return ()

    def render(self) -> Table:
        table = Table(
            box=box.SIMPLE_HEAD,
            expand=True,
            show_edge=False,
            pad_edge=False,
            header_style=self.get_component_rich_style("preview-table--header"),
            border_style=self.get_component_rich_style("preview-table--rule"),
            # Stripes tell wrapped rows apart without a rule line between every two.
            row_styles=[RichStyle(), self.get_component_rich_style("preview-table--stripe")],
        )
        for header in self._headers:
            table.add_column(rich_text(header), overflow="fold")
        for row in self._rows:
            table.add_row(*(rich_text(cell) for cell in row))
        return table


class PreviewMarkdown(Markdown):
    def get_block_class(self, block_name: str) -> type[MarkdownBlock]:
        if block_name == "table_open":
            return PreviewTable
        return super().get_block_class(block_name)
