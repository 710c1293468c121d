"""Provides the author's Markdown for a narrative section, as written but safe to publish.

The text is parsed with markdown-it-py (CommonMark with GitHub's tables and strikethrough)
and written back block by block: lists, emphasis, code, links, quotes, tables and fenced
blocks stay; headings move below the section's level; raw HTML shows as text; an unclosed
fence is closed. Block markers are written one way (`-` bullets, backtick fences with a
language, `*` emphasis, inline links), so sections written by different people lint the
same. A block the writer cannot make lint-clean is shown as escaped text instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from pmtui.export.markdown_blocks import table_row
from pmtui.export.markdown_escape import _CONTROL, _LINE_BREAK, paragraphs

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

#: Given a heading's text, the unique text the document will show (see MarkdownDocument).
ClaimHeading = Callable[[str], str]

# Inline rules whose source must not be touched by the plain-text fixes below.
_PROTECTED = frozenset(
    {"escape", "backticks", "link", "image", "autolink", "html_inline", "entity"}
)
_URL = re.compile(r"(?:https?|ftps?)://[^\s<>|\"`\\\[\]\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)
_URL_TRAILING = "?!.,:;*_~'"
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_LINK_TEXT_END = re.compile(r"\](?=[(\[])")
# Heading endings markdownlint reports (MD026); a heading is not a sentence.
_HEADING_PUNCTUATION = ".,;:!。，；：！"
# Link texts that say nothing out of context (MD059).
_VAGUE_LINK_TEXTS = frozenset({"click here", "here", "link", "more"})
_FENCE_LANGUAGE = re.compile(r"[A-Za-z0-9_+.#-]+")
_BACKTICK_RUN = re.compile(r"`+")
# A continuation line starting like this would open a block of its own once re-indented.
_BLOCK_START = re.compile(r"(?:[-+*](?=\s|$)|#|>|=+\s*$|-+\s*$|`{3}|~{3}|[0-9]{1,9}(?=[.)]))")


class _Unpublishable(Exception):
    """The block holds something the writer cannot put out lint-clean; escape it instead."""


@dataclass(slots=True)
class _Inline:
    """Where each inline rule matched in one paragraph's source, recorded while parsing."""

    spans: list[tuple[str, int, int]] = field(default_factory=list)


def _tracked(name: str, rule: Callable[[StateInline, bool], bool]) -> Any:
    def tracking(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        matched = rule(state, silent)
        record = state.env.get("pmtui_inline")
        if matched and not silent and isinstance(record, _Inline):
            record.spans.append((name, start, state.pos))
            if name in ("emphasis", "strikethrough"):
                # One text token per delimiter character, in order; the last ones are ours.
                width = state.pos - start
                for offset, token in enumerate(state.tokens[len(state.tokens) - width :]):
                    token.meta = {**(token.meta or {}), "pos": start + offset}
            for token in state.tokens[count:]:
                token.meta = {"rule": name, "start": start, **(token.meta or {})}
        return matched

    return tracking


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    for name in md.inline.ruler.get_all_rules():
        rule = md.inline.ruler.__rules__[md.inline.ruler.__find__(name)]
        md.inline.ruler.at(name, _tracked(name, rule.fn))
    return md


# Inline -------------------------------------------------------------------------------------


def _parse_inline(content: str, env: dict[str, Any]) -> tuple[list[Token], _Inline]:
    record = _Inline()
    tokens: list[Token] = []
    _parser().inline.parse(content, _parser(), {**env, "pmtui_inline": record}, tokens)
    return tokens, record


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _link_label_end(content: str, start: int, env: dict[str, Any]) -> int:
    from markdown_it.helpers import parseLinkLabel
    from markdown_it.rules_inline import StateInline

    state = StateInline(content, _parser(), env, [])
    return parseLinkLabel(state, start, True)


def _destination(token: Token) -> str:
    href = str(token.attrGet("href") or token.attrGet("src") or "")
    title = token.attrGet("title")
    target = f"<{href}>" if re.search(r"[\s()<>]", href) else href
    if title:
        escaped = str(title).replace("\\", "\\\\").replace('"', '\\"')
        return f'({target} "{escaped}")'
    return f"({target})"


def _check_link(tokens: list[Token], index: int) -> None:
    """Refuse what pymarkdown reports on a link: empty or padded text, a fragment that
    points nowhere in the document, a vague text, an image without a description."""
    token = tokens[index]
    if token.type == "image":
        if not token.content.strip():
            raise _Unpublishable("image without a description")
        href = str(token.attrGet("src") or "")
        text = token.content
    else:
        href = str(token.attrGet("href") or "")
        depth, parts = 0, []
        for inner in tokens[index:]:
            depth += inner.nesting
            if inner is not token and depth == 0:
                break
            if inner.type in ("text", "code_inline"):
                parts.append(inner.content)
        text = "".join(parts)
    if not href or href.startswith("#"):
        raise _Unpublishable("link without a target outside the document")
    if not text.strip() or text != text.strip():
        raise _Unpublishable("link text empty or padded")
    if text.strip().lower() in _VAGUE_LINK_TEXTS:
        raise _Unpublishable("link text that says nothing")


def _code_span(token: Token) -> str:
    # Spaces at a code span's edges are invisible and a lint finding (MD038).
    content = token.content.strip(" ")
    if not content.strip():
        raise _Unpublishable("empty code span")
    longest = max((len(run) for run in _BACKTICK_RUN.findall(content)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{ticks}{pad}{content}{pad}{ticks}"


def _plain_fixes(content: str, start: int, end: int, edits: list[tuple[int, int, str]]) -> None:
    """Fixes in text no inline rule claimed: bare URLs become autolinks (MD034), a '#' that
    starts a line no longer reads as a heading without its space (MD018), and a '<' that a
    less strict renderer could take for a tag (an unclosed '<!--') is written as '&lt;'."""
    for match in _TAG_START.finditer(content, start, end):
        edits.append((match.start(), match.start() + 1, "&lt;"))
    # A link the parser refused (a javascript: or data: target) is text here; escaped, no
    # other renderer can make it a link either.
    for match in _LINK_TEXT_END.finditer(content, start, end):
        edits.append((match.start(), match.start(), "\\"))
    # '(text)[label]' reads as a link typed the wrong way round (MD011), even when the
    # bracket closes an image or link the parser did take.
    for position in range(max(start, 1), end):
        if content[position] == "[" and content[position - 1] == ")":
            edits.append((position, position, "\\"))
    for match in _URL.finditer(content, start, end):
        url = match.group()
        while url and url[-1] in _URL_TRAILING:
            url = url[:-1]
        opened, closed = url.count("("), url.count(")")
        while url.endswith(")") and closed > opened:
            url, closed = url[:-1], closed - 1
        if url.partition("://")[2]:
            stop = match.start() + len(url)
            if not any(match.start() <= e_start < stop for e_start, _, _ in edits):
                edits.append((match.start(), match.start(), "<"))
                edits.append((stop, stop, ">"))
    for position in range(start, end):
        at_line_start = position == 0 or content[position - 1] == "\n"
        if at_line_start and content[position] == "#":
            edits.append((position, position, "\\"))


def _line_start_guard(text: str) -> str:
    """Escape the first character of a continuation line if it would open a block."""
    match = _BLOCK_START.match(text)
    if not match:
        return text
    digits = re.match(r"[0-9]+", text)
    if digits:
        return f"{text[: digits.end()]}\\{text[digits.end() :]}"
    return f"\\{text}"


def render_inline(content: str, env: dict[str, Any], *, one_line: bool = False) -> str:
    """An inline source as the author wrote it, with raw HTML shown as text, `_` emphasis
    written with `*`, reference links made inline, bare URLs made autolinks and every line
    break written as a hard break, a backslash."""
    tokens, record = _parse_inline(content, env)
    edits: list[tuple[int, int, str]] = []
    flat = list(_walk(tokens))
    for index, token in enumerate(flat):
        meta = token.meta or {}
        if token.type == "html_inline":
            edits.append((meta["start"], meta["start"] + 1, "&lt;"))
        elif token.type == "code_inline":
            edits.append((meta["start"], _span_end(record, "backticks", meta["start"]), ""))
            edits[-1] = (edits[-1][0], edits[-1][1], _code_span(token))
        elif token.type in ("link_open", "image") and meta.get("rule") in ("link", "image"):
            _check_link(flat, index)
            _relink(content, token, record, env, edits)
        elif token.markup in ("_", "__") and "pos" in meta:
            width = len(token.markup)
            here = meta["pos"]
            start = here if content[here : here + width] == token.markup else here - width + 1
            edits.append((start, start + width, "*" * width))
    protected = sorted((s, e) for name, s, e in record.spans if name in _PROTECTED)
    cursor = 0
    for span_start, span_end in [*protected, (len(content), len(content))]:
        if span_start > cursor:
            _plain_fixes(content, cursor, span_start, edits)
        cursor = max(cursor, span_end)
    text = _apply(content, edits)
    return _line_breaks(text, one_line=one_line)


def _span_end(record: _Inline, name: str, start: int) -> int:
    for rule, span_start, span_end in record.spans:
        if rule == name and span_start == start:
            return span_end
    raise _Unpublishable(f"no source for a {name} match")


def _relink(
    content: str,
    token: Token,
    record: _Inline,
    env: dict[str, Any],
    edits: list[tuple[int, int, str]],
) -> None:
    """Write a reference link inline: the definitions are not part of the document."""
    rule = "image" if token.type == "image" else "link"
    start = (token.meta or {})["start"]
    end = _span_end(record, rule, start)
    label_start = start + (2 if rule == "image" else 1)
    label_end = _link_label_end(content, label_start, env)
    if label_end < 0:
        raise _Unpublishable("link label not found")
    edits.append((label_end + 1, end, _destination(token)))


def _apply(content: str, edits: list[tuple[int, int, str]]) -> str:
    parts, cursor = [], 0
    for start, end, replacement in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        if start < cursor:
            raise _Unpublishable("overlapping fixes")
        parts.append(content[cursor:start])
        parts.append(replacement)
        cursor = end
    parts.append(content[cursor:])
    return "".join(parts)


def _line_breaks(text: str, *, one_line: bool) -> str:
    lines = text.split("\n")
    out: list[str] = []
    for number, line in enumerate(lines):
        last = number == len(lines) - 1
        body = line.lstrip(" ") if number else line
        if number:
            body = _line_start_guard(body)
        stripped = body.rstrip(" ")
        # Every line the author typed stays a line: a "What went poorly" typed one item a line
        # was published as one run-on paragraph (mock 36b). Two trailing spaces, Markdown's
        # own hard break, are written the visible way too.
        if not last and not stripped.endswith("\\"):
            stripped += "\\"
        out.append(stripped)
    if one_line:
        return " ".join(line.removesuffix("\\").rstrip() for line in out)
    return "\n".join(out)


# Blocks -------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Writer:
    level: int  # the section heading's level; the author's headings go below it
    claim: ClaimHeading
    env: dict[str, Any]
    source: list[str]
    author_levels: list[int]
    last_level: int = 0

    def heading_level(self, level: int) -> int:
        rank = sorted(set(self.author_levels)).index(level) + 1
        previous = self.last_level or self.level
        shown = min(self.level + rank, previous + 1, 6)
        self.last_level = shown
        return shown


def _children(tokens: list[Token], start: int) -> tuple[list[Token], int]:
    """The tokens inside the block opened at `start`, and the index after its close."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return tokens[start + 1 : index], index + 1
    return tokens[start + 1 :], len(tokens)


def _top_level(tokens: list[Token]) -> Iterator[tuple[Token, list[Token]]]:
    """Each block of `tokens` (one nesting level) with the tokens inside it."""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.nesting == 1:
            inner, index = _children(tokens, index)
        else:
            inner, index = [], index + 1
        yield token, inner


def _blocks(tokens: list[Token], writer: _Writer, *, tight: bool = False) -> list[list[str]]:
    """Each block of `tokens` (one nesting level) as its lines."""
    blocks: list[list[str]] = []
    for token, inner in _top_level(tokens):
        lines = _block(token, inner, writer, tight=tight)
        if lines is not None:
            blocks.append(lines)
    return blocks


def _join(blocks: list[list[str]], *, tight: bool) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if lines and not tight:
            lines.append("")
        lines.extend(block)
    return lines


def _block(token: Token, inner: list[Token], writer: _Writer, *, tight: bool) -> list[str] | None:
    kind = token.type
    if kind == "paragraph_open":
        return render_inline(inner[0].content, writer.env).split("\n")
    if kind == "heading_open":
        return _heading(token, inner, writer)
    if kind in ("bullet_list_open", "ordered_list_open"):
        return _list(token, inner, writer)
    if kind == "blockquote_open":
        lines = _join(_blocks(inner, writer), tight=False)
        return [f"> {line}" if line else ">" for line in lines]
    if kind in ("fence", "code_block"):
        return _fence(token)
    if kind == "hr":
        return ["***"]  # cannot be read as a setext underline inside a tight list item
    if kind == "html_block":
        return _escaped(token.content)
    if kind == "table_open":
        return _table(inner, writer)
    raise _Unpublishable(f"unexpected block {kind}")


def _heading(token: Token, inner: list[Token], writer: _Writer) -> list[str]:
    text = render_inline(inner[0].content, writer.env, one_line=True).strip()
    while text and text[-1] in _HEADING_PUNCTUATION and not text.endswith("\\" + text[-1]):
        text = text[:-1].rstrip()
    if text.endswith("#"):
        text = f"{text[:-1]}\\#"
    if not text:
        raise _Unpublishable("empty heading")
    level = writer.heading_level(int(token.tag[1]))
    return [f"{'#' * level} {writer.claim(text)}"]


def _list(token: Token, inner: list[Token], writer: _Writer) -> list[str]:
    ordered = token.type == "ordered_list_open"
    number = int(token.attrGet("start") or 1) if ordered else 0
    if ordered and number != 1:
        raise _Unpublishable("a numbered list that does not start at 1")  # MD029
    items: list[list[str]] = []
    tight = True
    index = 0
    while index < len(inner):
        item_tokens, index = _children(inner, index)
        if any(t.type == "paragraph_open" and not t.hidden for t in item_tokens):
            tight = False
        items.append([])
        marker = f"{number}. " if ordered else "- "
        number += 1
        hidden = all(t.hidden for t in item_tokens if t.type == "paragraph_open")
        body = _join(_blocks(item_tokens, writer), tight=hidden)
        indent = " " * len(marker)
        for line_number, line in enumerate(body):
            if line_number == 0:
                items[-1].append(f"{marker}{line}".rstrip())
            else:
                items[-1].append(f"{indent}{line}" if line else "")
        if not body:
            raise _Unpublishable("empty list item")  # linters misread them (MD022)
    return _join(items, tight=tight)


def _fence(token: Token) -> list[str]:
    code = token.content.expandtabs(4).split("\n")
    if code and code[-1] == "":
        code.pop()
    lines = [line.rstrip() for line in code]
    while len(lines) > 1 and lines[-1] == "":
        lines.pop()
    longest = max((len(run) for line in lines for run in _BACKTICK_RUN.findall(line)), default=0)
    ticks = "`" * max(3, longest + 1)
    language = _FENCE_LANGUAGE.match(token.info.strip()) if token.type == "fence" else None
    if any(a == b == "" for a, b in pairwise(lines)):
        raise _Unpublishable("several blank lines in a row inside code")
    return [f"{ticks}{language.group() if language else 'text'}", *lines, ticks]


def _table(inner: list[Token], writer: _Writer) -> list[str]:
    rows: list[list[str]] = []
    aligns: list[str] = []
    for index, token in enumerate(inner):
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            cell = render_inline(inner[index + 1].content, writer.env, one_line=True)
            rows[-1].append(cell.replace("|", "\\|").strip())
            if token.type == "th_open":
                style = str(token.attrGet("style") or "")
                aligns.append(
                    {"left": ":--", "right": "--:", "center": ":-:"}.get(
                        style.removeprefix("text-align:"), "---"
                    )
                )
    header, *body = rows
    return [_row(header), _row(aligns), *(_row(row) for row in body)]


def _row(cells: list[str]) -> str:
    return table_row(cells)


def _escaped(text: str) -> list[str]:
    return "\n\n".join(paragraphs(text)).split("\n") if text.strip() else []


_LISTS = ("bullet_list_open", "ordered_list_open")


class _Fallback:
    type = "fallback"


_FALLBACK: Any = _Fallback()


def narrative(text: str, level: int, claim: ClaimHeading) -> list[str]:
    """The section's Markdown blocks, ready to join with blank lines; [] for empty text.

    `level` is the section heading's level; `claim` makes each heading unique in the
    document. A block that cannot be written lint-clean is shown as escaped text.
    """
    # As in one-line texts: only "\n" ends a line (a reader splitting on U+2028 must see the
    # lines a Markdown parser sees), control characters go, tabs keep their columns.
    source = _LINE_BREAK.sub("\n", _CONTROL.sub("", text.replace("\x00", ""))).expandtabs(4)
    if not source.strip():
        return []
    env: dict[str, Any] = {}
    tokens = _parser().parse(source, env)
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    writer = _Writer(level, claim, env, source.split("\n"), levels)
    blocks: list[str] = []
    previous = ""
    for token, inner in _top_level(tokens):
        try:
            lines = _block(token, inner, writer, tight=False)
        except _Unpublishable:
            start, end = token.map or (0, 0)
            lines = _escaped("\n".join(writer.source[start:end]))
            token = _FALLBACK
        if not lines:
            continue
        text = "\n".join(lines)
        # Lists that differ only in their marker ('-' then '*') are written with one marker,
        # so they become one list: kept tight when both were, as the author saw them.
        if token.type == previous and token.type in _LISTS and "\n\n" not in blocks[-1] + text:
            blocks[-1] += "\n" + text
        else:
            blocks.append(text)
        previous = token.type
    return blocks
