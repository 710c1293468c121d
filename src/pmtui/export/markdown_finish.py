"""Provides the finishing pass every rendered template goes through, built-in or copied: one
blank line between blocks and around each heading, every heading unique, one final newline.

A template only has to print its blocks in order; how many blank lines its `{% if %}` and
`{% for %}` tags leave behind does not matter. The author's narrative Markdown is fenced off
(`Fences.narrative`): its code blocks keep their blank lines and their `#` lines, and its own
headings are marked, so they are made unique in document order with the template's.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from pmtui.export.markdown_blocks import MarkdownDocument

# An ATX heading the template wrote, matched where a line starts: one to six '#' then a
# space, or nothing at all.
_HEADING = re.compile(r"(#{1,6})(?:[ \t]+([^\n]*?))?[ \t]*(?=\n|\Z)")
_SPACE_ONLY = re.compile(r"^[ \t]+$", re.MULTILINE)
_BLANK_RUN = re.compile(r"\n{2,}")


@dataclass(frozen=True, slots=True)
class Fences:
    """Markers for one rendering. The random part keeps text that merely looks like a marker
    (an old file's control characters, printed through `raw`) from being read as one."""

    token: str = field(default_factory=lambda: secrets.token_hex(6))

    @property
    def open(self) -> str:
        return f"\x02{self.token}\x02"

    @property
    def close(self) -> str:
        return f"\x03{self.token}\x03"

    @property
    def heading_open(self) -> str:
        return f"\x04{self.token}\x04"

    @property
    def heading_close(self) -> str:
        return f"\x05{self.token}\x05"

    def heading(self, text: str) -> str:
        """A narrative heading's text, marked so the finishing pass claims it in place."""
        return f"{self.heading_open}{text}{self.heading_close}"

    def narrative(self, blocks: list[str]) -> str:
        """The author's Markdown blocks as one fenced value; '' when there are none."""
        if not blocks:
            return ""
        return self.open + "\n\n".join(blocks) + self.close


def _headings(text: str, start: int, end: int) -> list[re.Match[str]]:
    # str.find runs in C: a 10,000-row timeline table is passed over, not matched line by line.
    starts = [start] if text.startswith("#", start, end) else []
    index = text.find("\n#", start, end)
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n#", index + 1, end)
    return [match for match in (_HEADING.match(text, at, end) for at in starts) if match]


def _outside_blocks(
    text: str, start: int, end: int, document: MarkdownDocument, blocks: list[str]
) -> None:
    """The template's own text between `start` and `end`: headings claimed, blank-line runs
    made one blank line. Read in place: a 10,000-event document is a megabyte, and each copy
    of it (a slice, a strip, a split) took fresh pages from the system."""
    cursor = start
    for match in _headings(text, start, end):
        _paragraph_blocks(text, cursor, match.start(), blocks)
        hashes, title = match.group(1), match.group(2) or ""
        blocks.append(f"{hashes} {document.claim(title)}" if title else hashes)
        cursor = match.end()
    _paragraph_blocks(text, cursor, end, blocks)


def _paragraph_blocks(text: str, start: int, end: int, blocks: list[str]) -> None:
    """The paragraphs of text[start:end], split at runs of blank lines."""
    # "\t" first: one character is found in C at memory speed, and most documents have no
    # tab; "\n\t" alone walked a 10,000-event timeline's megabyte for a millisecond.
    if (
        text.startswith((" ", "\t"), start, end)
        or text.find("\n ", start, end) != -1
        or (text.find("\t", start, end) != -1 and text.find("\n\t", start, end) != -1)
    ):
        spaced = _SPACE_ONLY.sub("", text[start:end])  # a line of spaces is a blank line
        text, start, end = spaced, 0, len(spaced)
    while start < end and text[start] == "\n":
        start += 1
    while end > start and text[end - 1] == "\n":
        end -= 1
    while start < end:
        gap = text.find("\n\n", start, end)
        if gap == -1:
            blocks.append(text[start:end])
            return
        blocks.append(text[start:gap])
        start = gap + 2
        while text[start] == "\n":  # the run ends before `end`, which is no line break
            start += 1


def finish(text: str, fences: Fences) -> str:
    """The rendered template as a finished document (see the module docstring).

    The first line, when it is a level-1 heading, is the title: like MarkdownDocument's, it
    reads 'Post-mortem: <title>' if a section has the same heading.
    """
    title: str | None = None
    begin = len(text) - len(text.lstrip("\n")) if text.startswith("\n") else 0
    first_end = text.find("\n", begin)
    first = text[begin:first_end] if first_end != -1 else text[begin:]
    start = 0
    if first.startswith("# ") and fences.open not in first:
        title, start = first[2:].strip(), (first_end + 1 if first_end != -1 else len(text))
    document = MarkdownDocument(title or "")
    blocks: list[str] = []
    heading = re.compile(re.escape(fences.heading_open) + "(.*?)" + re.escape(fences.heading_close))
    end = len(text)
    fence = text.find(fences.open, start)
    _outside_blocks(text, start, fence if fence != -1 else end, document, blocks)
    while fence != -1:
        inside_start = fence + len(fences.open)
        fence = text.find(fences.open, inside_start)
        part_end = fence if fence != -1 else end
        close = text.find(fences.close, inside_start, part_end)
        inside_end = close if close != -1 else part_end
        inside = text[inside_start:inside_end]
        blocks.append(heading.sub(lambda found: document.claim(found.group(1)), inside))
        outside_start = inside_end + len(fences.close) if close != -1 else part_end
        _outside_blocks(text, outside_start, part_end, document, blocks)
    if title is None:
        if blocks:
            blocks[-1] += "\n"  # one copy of the document, not two
            return _unmarked("\n\n".join(blocks), fences)
        return _unmarked("\n", fences)
    document.paragraphs(blocks)
    return _unmarked(document.render(), fences)


def _unmarked(text: str, fences: Fences) -> str:
    # Markers are left only where a template printed a section inside a line (a heading, a
    # list item); the section's text stays, the markers go.
    if "\x02" in text or "\x03" in text or "\x04" in text or "\x05" in text:
        for marker in (fences.open, fences.close, fences.heading_open, fences.heading_close):
            text = text.replace(marker, "")
    return text
