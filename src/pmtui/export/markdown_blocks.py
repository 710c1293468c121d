"""Provides MarkdownDocument: headings, paragraphs, lists and tables put together with exactly
one blank line between blocks, one H1 first, unique headings and one final newline.

Everything handed to it is Markdown already: one-line user text is escaped by markdown_escape
first, narrative sections go through markdown_narrative (`markdown`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def table_row(cells: Sequence[str]) -> str:
    # An empty cell is one space wide, as every other cell has one space each side (MD060).
    return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|"


class MarkdownDocument:
    """A document under construction; `render()` gives the finished text."""

    def __init__(self, title: str) -> None:
        self._title = title
        self._blocks: list[str] = []
        self._headings: set[str] = set()

    def claim(self, text: str) -> str:
        """`text` made unique among the document's headings, and taken."""
        # Duplicate headings are a lint finding (MD024) and break anchors; chain headings
        # are numbered so this only matters for odd user text, but it must never happen.
        unique, number = text, 1
        while unique in self._headings:
            number += 1
            unique = f"{text} ({number})"
        self._headings.add(unique)
        return unique

    def heading(self, level: int, text: str) -> None:
        self._blocks.append(f"{'#' * level} {self.claim(text)}")

    def markdown_section(self, heading: str, text: str, level: int = 2) -> bool:
        """A section holding the author's Markdown, left out when nothing in it would show
        (a text of link definitions only); True if it was added."""
        if not text.strip():
            return False
        from pmtui.export.markdown_narrative import narrative  # it imports table_row

        title = self.claim(heading)
        blocks = narrative(text, level, self.claim)
        if not blocks:
            self._headings.discard(title)
            return False
        self._blocks.append(f"{'#' * level} {title}")
        self._blocks.extend(blocks)
        return True

    def markdown(self, text: str, level: int = 2) -> bool:
        """The author's Markdown under a heading of `level`; False if there is nothing."""
        from pmtui.export.markdown_narrative import narrative  # it imports table_row

        blocks = narrative(text, level, self.claim)
        self._blocks.extend(blocks)
        return bool(blocks)

    def section(self, text: str) -> None:
        self.heading(2, text)

    def paragraph(self, text: str) -> None:
        self._blocks.append(text)

    def paragraphs(self, texts: Iterable[str]) -> None:
        self._blocks.extend(texts)

    def note(self, text: str) -> None:
        """A short italic remark such as "Not written yet." (plain text, ends in a period)."""
        self._blocks.append(f"*{text}*")

    def bullets(self, items: Iterable[str]) -> None:
        self._blocks.append("\n".join(f"- {item}" for item in items))

    def numbered(self, items: Iterable[str]) -> None:
        self._blocks.append("\n".join(f"{n}. {item}" for n, item in enumerate(items, 1)))

    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
        self.table_lines(header, [table_row(row) for row in rows])

    def table_lines(self, header: Sequence[str], row_lines: list[str]) -> None:
        """A table whose rows are already rendered with `table_row` (the timeline's fast path)."""
        delimiter = table_row(["---"] * len(header))
        self._blocks.append("\n".join([table_row(header), delimiter, *row_lines]))

    def render(self) -> str:
        title = self._title
        if title in self._headings:
            # A title that reads like one of the sections ("Summary") must still be unique.
            title = f"Post-mortem: {title}"
        blocks = [f"# {title}", *self._blocks]
        blocks[-1] += "\n"  # not joined + "\n": a copy of a 10,000-event document less
        return "\n\n".join(blocks)
