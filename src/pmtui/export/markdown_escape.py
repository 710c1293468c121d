"""Provides escaping of user text so that nothing a person types can change the structure of
an exported Markdown document: no stray headings, lists, tables, HTML, links or code.

Rendered, the text reads exactly as typed (apart from control characters, which are dropped,
and tabs, which become spaces); only the Markdown source carries the escapes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Shown wherever a one-line value (a table cell, a header field) is empty.
MISSING = "—"

# Characters with meaning anywhere in a line, in the order they must be replaced: the
# backslash first so the escapes added for the others are not doubled, '&' before '<' and
# '>' so the entities added for those are not escaped again. '<', '>' and '&' become
# entities rather than backslash escapes so "<script>" never appears in the source at all.
_ESCAPES: tuple[tuple[str, str], ...] = (
    ("\\", "\\\\"),
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ("`", "\\`"),
    ("*", "\\*"),
    ("_", "\\_"),
    ("[", "\\["),
    ("]", "\\]"),
    ("|", "\\|"),
    ("#", "\\#"),
    ("~", "\\~"),  # strikethrough on GitHub
    ("$", "\\$"),  # maths on GitHub
)
_SPECIAL = re.compile(r"[\\&<>`*_\[\]|#~$]")

# Many values are escaped in one pass, joined by this separator; cleaning removes it from the
# values and escaping never matches it, so values cannot run into each other.
_SEPARATOR = "\x00"
# C0 and C1 control characters other than tab and the line breaks (NUL is the separator),
# and lone surrogates, which cannot be written out as UTF-8.
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
# Everything CommonMark or Python treats as the end of a line.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
# Only starts matching at the first space of a run (the look-behind), so a long run of
# spaces costs linear time, not quadratic.
_BREAK_RUN = re.compile(r"(?<!\s)\s*?[\n\r\x0b\x0c\x85\u2028\u2029]\s*+")

# A URL becomes an autolink (<https://...>): clickable, and a bare URL is a lint finding.
# It stops at characters an autolink or a table cell cannot hold.
_URL = re.compile(r"(?:https?|ftps?)://[^\s<>|\"`\\\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)
# Sentence punctuation right after a URL belongs to the sentence (as GitHub reads it).
_URL_TRAILING = "?!.,:;*_~'"

# Line starts that would open a list, a setext underline or a thematic break.
_ORDERED_MARKER = re.compile(r"[0-9]+(?=[.)])")

# Heading endings that markdownlint's MD026 reports; the last one is written as an entity.
_HEADING_PUNCTUATION = ".,;:!。，；：！"
_OWN_ENTITIES = ("&amp;", "&lt;", "&gt;")


def _escape_plain(text: str) -> str:
    if not _SPECIAL.search(text):
        return text
    for plain, escaped in _ESCAPES:
        if plain in text:
            text = text.replace(plain, escaped)
    return text


def _escape_text(text: str) -> str:
    # "://" outside an autolink would still be reported as a bare URL; an entity for the
    # colon renders the same and is not one.
    return _escape_plain(text).replace("://", "&#58;//")


def _trim_url(url: str) -> str:
    opened, closed = url.count("("), url.count(")")
    end = len(url)
    while end:
        last = url[end - 1]
        if last == ")" and opened < closed:
            closed -= 1  # an unbalanced ")" closes the sentence's bracket, not the URL's
        elif last not in _URL_TRAILING:
            break
        end -= 1
    return url[:end]


def _escape_line(text: str) -> str:
    """Escape a text without line breaks, turning the URLs in it into autolinks."""
    if "://" not in text:
        return _escape_plain(text)
    parts: list[str] = []
    done = 0
    for match in _URL.finditer(text):
        url = _trim_url(match.group())
        if not url.partition("://")[2]:
            continue  # nothing after the scheme: plain text
        parts.append(_escape_text(text[done : match.start()]))
        parts.append(f"<{url}>")
        done = match.start() + len(url)
    parts.append(_escape_text(text[done:]))
    return "".join(parts)


def _clean(text: str) -> str:
    return _CONTROL.sub("", text.replace(_SEPARATOR, "")).replace("\t", " ")


def _clean_line(text: str) -> str:
    # Edges first, so line breaks at the start or end do not turn into " / ".
    return _BREAK_RUN.sub(" / ", _clean(text).strip())


def inline_many(texts: Sequence[str]) -> list[str]:
    """Each text as one escaped line (line breaks become " / "), for table cells and lists.

    A timeline has thousands of values, so the common case stays in C: text without control
    characters, tabs or line breaks (`isprintable`) only needs its edges stripped, and the
    escaping runs once over all values joined. Returns '' for a value with nothing visible.
    """
    if not texts:
        return []
    # NUL is not printable, so no cleaned value can contain the separator.
    cleaned = [text.strip() if text.isprintable() else _clean_line(text) for text in texts]
    return _escape_line(_SEPARATOR.join(cleaned)).split(_SEPARATOR)


def inline(text: str, missing: str = MISSING) -> str:
    """One escaped line for a table cell or a header field; `missing` when it is empty."""
    return inline_many((text,))[0] or missing


def guard_line_start(line: str) -> str:
    """Escape what would make an escaped line start a list item, setext underline or rule."""
    if line[:1] in ("-", "+", "="):
        return "\\" + line
    marker = _ORDERED_MARKER.match(line)
    if marker:
        return f"{line[: marker.end()]}\\{line[marker.end() :]}"
    return line


def list_item_text(text: str, missing: str = MISSING) -> str:
    """One escaped line that is safe at the start of a list item."""
    return guard_line_start(inline(text, missing))


def heading_text(text: str, fallback: str) -> str:
    """One escaped line for a heading; `fallback` (plain text) if `text` is empty.

    Trailing sentence punctuation is written as a character reference: it renders the same
    and keeps the heading lint-clean (MD026) without changing what the author wrote.
    """
    escaped = inline(text, "") or _escape_plain(fallback)
    if escaped and escaped[-1] in _HEADING_PUNCTUATION and not escaped.endswith(_OWN_ENTITIES):
        escaped = f"{escaped[:-1]}&#{ord(escaped[-1])};"
    return escaped


def paragraphs(text: str) -> list[str]:
    """Multi-line text as escaped Markdown paragraphs, keeping the author's line breaks.

    Blank lines separate paragraphs; a line break inside a paragraph becomes a hard break
    (a trailing backslash), so lists and tables typed as text render line by line, as typed.
    """
    lines = [line.strip() for line in _LINE_BREAK.split(_clean(text))]
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    result = []
    for block in blocks:
        if block:
            escaped = [guard_line_start(line) for line in inline_many(block)]
            result.append("\\\n".join(escaped))
    return result
