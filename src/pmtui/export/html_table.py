"""Provides the tables of the HTML export, read as markdown-it-py's own GFM table rule reads
them (markdown_it/rules_block/table.py, MIT) and written as its renderer writes them, at a
cost proportionate to a 10,000-row timeline.

markdown-it's rule splits every line character by character in Python, asks six other block
rules whether each line starts a new block, and makes five tokens per cell that the renderer
then walks. Here the split is one regular expression with the same meaning (a '|' right after
a backslash is kept, without that backslash, and splits nothing); a line whose first
character is '|' skips the question (fence, blockquote, hr, list, html_block and heading never
start on a '|'); a table is one token holding its cells; a cell in which no inline rule could
start is escaped as it is, any other is parsed by markdown-it's inline rules and rendered by
its renderer. tests/test_export_html_table.py holds the page to markdown-it's on any input.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from markdown_it.common.utils import MD_TRIM_CHARS, escapeHtml
from markdown_it.rules_core import text_join
from markdown_it.token import Token

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.renderer import RendererHTML
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.utils import OptionsDict

#: The token type of a whole table.
TABLE = "pmtui_table"

_DELIMITER_CELL = re.compile(r"^:?-+:?$")
# A pipe splits cells unless a backslash stands right before it (even an escaped one).
_SEPARATOR = re.compile(r"(?<!\\)\|")
# Both parsers stop filling in missing cells here (markdown-it issue 1000).
_MAX_AUTOCOMPLETED_CELLS = 0x10000
# What CommonMark trims around a cell, as markdown-it's mdTrim does.
_TRIM = MD_TRIM_CHARS
# Only '|', '-', ':', spaces and tabs may make up a delimiter row.
_DELIMITER_ROW = re.compile(r"[|\-: \t]*")


# A backslash escaping ASCII punctuation, which CommonMark reads as that character alone.
_ESCAPE_PAIR = re.compile(r"\\([!-/:-@\[-`{-~])")
# Where an inline rule of the parser could start (line break, escape, code, strikethrough,
# emphasis, link, image, autolink, entity): text without any is one plain text run.
_INLINE_MARKUP = re.compile(r"[\n\\`~*_\[!<&]")
# A table cell kept on one line: a date, a date and time, or one short word ("OPS-1423",
# "cert-manager"), which a browser would otherwise break after a hyphen.
_ONE_LINE = re.compile(r"^(?:\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?|\S{1,24})$")
# A cell longer than this (an event, an action) keeps a readable width on a phone.
_LONG_CELL = 40
# A word longer than a one-line cell's (a URL, a log token, a hash) may break anywhere: kept
# whole, one such word widened its table past the printed page, and every column after the
# first was cut off (mock 39c). Only such cells: breaking every cell anywhere would squeeze
# short ones ("Dana Okafor") to a letter a line on a phone instead of scrolling the table.
_LONG_WORD = re.compile(r"\S{25,}")


def plain_text(content: str) -> str | None:
    """What inline Markdown reads as, when it holds no markup but escapes ('a \\| b' is
    'a | b'); None when an inline rule could start in it."""
    if _INLINE_MARKUP.search(_ESCAPE_PAIR.sub("", content)):
        return None
    return _ESCAPE_PAIR.sub(r"\1", content)


@dataclass
class TableCells:
    """A table's cells (the header row first), each its trimmed Markdown, then as read."""

    aligns: list[str]
    rows: list[list[str]]
    read: list[list[str | Token]] = field(default_factory=list)


def split_cells(line: str) -> list[str]:
    """A row's cells, as markdown-it's escapedSplit gives them (edges not yet dropped)."""
    return [cell.replace("\\|", "|") for cell in _SEPARATOR.split(line)]


def table(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """The GFM table starting at line `start`, if there is one (a markdown-it block rule)."""
    if start + 2 > end:
        return False
    delimiter = start + 1
    if state.sCount[delimiter] < state.blkIndent or state.is_code_block(delimiter):
        return False
    aligns = _aligns(_line(state, delimiter))
    if aligns is None:
        return False
    header = _line(state, start).strip(_TRIM)
    if "|" not in header or state.is_code_block(start):
        return False
    columns = _drop_edges(split_cells(header))
    count = len(columns)
    if count == 0 or count != len(aligns):
        return False
    if silent:
        return True
    return _push_table(state, start, end, columns, aligns)


def _line(state: StateBlock, line: int) -> str:
    return str(state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]])


def _aligns(text: str) -> list[str] | None:
    """Each column's alignment from the delimiter row ('|:--|--:|'), None if it is not one."""
    if len(text) < 2 or text[0] not in "|-:" or text[1] not in "|-: \t":
        return None
    if text[0] == "-" and text[1] in " \t":  # "- x" is a list item
        return None
    if not _DELIMITER_ROW.fullmatch(text):
        return None
    parts = text.split("|")
    aligns = []
    for index, part in enumerate(parts):
        cell = part.strip(_TRIM)
        if not cell:
            # Empty columns only before and after the table: ` |---| `, never ` ---||--- `.
            if index in (0, len(parts) - 1):
                continue
            return None
        if not _DELIMITER_CELL.match(cell):
            return None
        if cell.endswith(":"):
            aligns.append("center" if cell.startswith(":") else "right")
        else:
            aligns.append("left" if cell.startswith(":") else "")
    return aligns


def _drop_edges(cells: list[str]) -> list[str]:
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _row(cells: list[str], count: int) -> list[str]:
    return [cells[index].strip(_TRIM) if index < len(cells) else "" for index in range(count)]


def _push_table(
    state: StateBlock, start: int, end: int, header: list[str], aligns: list[str]
) -> bool:
    # Tables end where a blockquote would: markdown-it asks the same rules, as a table (an
    # empty list item may end a table, not a paragraph).
    terminators = state.md.block.ruler.getRules("blockquote")
    parent = state.parentType
    state.parentType = "table"
    rows = [_row(header, len(aligns))]
    autocompleted = 0
    line = start + 2
    while line < end:
        if state.sCount[line] < state.blkIndent:
            break
        first = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]][:1]
        if first != "|" and any(rule(state, line, end, True) for rule in terminators):
            break
        text = _line(state, line).strip(_TRIM)
        if not text or state.is_code_block(line):
            break
        cells = _drop_edges(split_cells(text))
        autocompleted += len(aligns) - len(cells)
        if autocompleted > _MAX_AUTOCOMPLETED_CELLS:
            break
        rows.append(_row(cells, len(aligns)))
        line += 1
    state.parentType = parent
    token = state.push(TABLE, "table", 0)
    token.map = [start, line]
    token.meta = {"cells": TableCells(aligns, rows)}
    state.line = line
    return True


def read_cells(token: Token, md: MarkdownIt, env: Any) -> None:
    """The inline pass over a table's cells: plain ones as their text, the others as
    markdown-it's inline tokens with its escapes joined (its text_join rule)."""
    cells: TableCells = token.meta["cells"]
    parsed: list[Token] = []
    for row in cells.rows:
        read: list[str | Token] = []
        for content in row:
            text = plain_text(content)
            if text is None:
                children: list[Token] = []
                md.inline.parse(content, md, env, children)
                inline = Token("inline", "", 0, content=content, children=children)
                parsed.append(inline)
                read.append(inline)
            else:
                read.append(text)
        cells.read.append(read)
    text_join(cast("StateCore", SimpleNamespace(tokens=parsed)))


def render_table(
    renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: Any
) -> str:
    """The table as markdown-it renders it, in a wrapper that scrolls on a phone; a cell with
    a date or a short word is kept on one line, a long one readably wide."""
    cells: TableCells = tokens[index].meta["cells"]
    # markdown-it starts a block on a new line after a tight list item's hidden paragraph.
    out = ['<div class="table-wrap">\n', "\n" if index and tokens[index - 1].hidden else ""]
    out.append("<table>\n<thead>\n")
    styles = [f' style="text-align:{align}"' if align else "" for align in cells.aligns]
    for number, (row, read) in enumerate(zip(cells.rows, cells.read, strict=True)):
        if number == 1:
            out.append("<tbody>\n")
        out.append("<tr>\n")
        tag = "th" if number == 0 else "td"
        for style, content, value in zip(styles, row, read, strict=True):
            mark = "" if number == 0 else _cell_class(content.strip())
            html = (
                escapeHtml(value)
                if isinstance(value, str)
                else renderer.renderInline(value.children or [], options, env)
            )
            out.append(f"<{tag}{style}{mark}>{html}</{tag}>\n")
        out.append("</tr>\n")
        if number == 0:
            out.append("</thead>\n")
    if len(cells.rows) > 1:
        out.append("</tbody>\n")
    out.append("</table>\n</div>\n")
    return "".join(out)


def _cell_class(content: str) -> str:
    if _ONE_LINE.match(content):
        return ' class="nowrap"'
    classes = ["long"] if len(content) > _LONG_CELL else []
    if _LONG_WORD.search(content):
        classes.append("breaks")
    return f' class="{" ".join(classes)}"' if classes else ""
