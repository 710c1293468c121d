"""Provides escaping of one-line user text (titles, events, why answers, actions) so that
nothing a person types can change the structure of an exported Markdown document: no stray
headings, lists, tables, HTML, links or code.

Only what could change the structure is escaped, where it could: a `|` in a table cell, a
line start that would open a block, a `<` that could open a tag, a `&` that would read as an
entity, backticks and stars, a `_` at a word's edge, a `](` that would make a link. Ordinary
prose (`pg_basebackup`, `#1094`, `~1.2 million`, `>99.9%`, `<300ms`, `->`) stays as typed, so
a document pasted raw into a chat or tracker reads cleanly. `paragraphs` escapes everything:
it shows a block of text literally where its Markdown cannot be kept.
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
_URL = re.compile(r"(?:https?|ftps?)://[^\s<>|\"`\\\[\]\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)
# Sentence punctuation right after a URL belongs to the sentence (as GitHub reads it).
_URL_TRAILING = "?!.,:;*_~'"

# Heading endings that markdownlint's MD026 reports.
_HEADING_PUNCTUATION = ".,;:!。，；：！"


def _escape_plain(text: str) -> str:
    if not _SPECIAL.search(text):
        return text
    for plain, escaped in _ESCAPES:
        if plain in text:
            text = text.replace(plain, escaped)
    return text


# What a one-line text needs escaped wherever it sits. The backslash only before what it
# would escape (or at the end, where it would join the next text); '&' only before what would
# read as an entity; '<' only before what could open a tag, comment or declaration; '_' only
# at a word's edge (inside a word it cannot emphasise); ']' only where it would end a link
# text, '[' only where it would start a reversed link (MD011).
_NEEDS_ESCAPE = re.compile(
    r"""\\(?=[!-/:-@\[-`{-~]|\x00|$)
    |&(?=\#[0-9]{1,7};|\#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)
    |<(?=[A-Za-z/!?])
    |[`*]
    |(?<![^\W_])_|_(?![^\W_])
    |\](?=[(\[])
    |(?<=\))\[""",
    re.VERBOSE,
)
# Every match of _NEEDS_ESCAPE is one of these characters (its other parts only look around),
# so only where one of them stands is the pattern tried: a character class is searched in C,
# while trying the pattern at each of a 10,000-event timeline's characters took 150 ms.
_MAY_NEED_ESCAPE = re.compile(r"[\\&<`*_\[\]]")
#: The same characters, each looked for with `in` (memchr): the class still walks a timeline's
#: half megabyte at three nanoseconds a character, eight single looks take a tenth of that.
_MAY_NEED_CHARS = "\\&<`*_[]"
_REPLACEMENTS = {"&": "&amp;", "<": "&lt;"}
# Strikethrough and maths need a pair: escaped only when a text holds two.
_PAIRED = ("~", "$")
# What makes a text's escaping depend on the rest of that text (pairs, code spans).
_PER_TEXT = ("~", "$", "`")


def _escape_match(match: re.Match[str]) -> str:
    found = match.group()
    return _REPLACEMENTS.get(found) or f"\\{found}"


def _escape_needed(text: str) -> str:
    """_NEEDS_ESCAPE.sub(_escape_match, text), trying the pattern only where it can match."""
    if not any(char in text for char in _MAY_NEED_CHARS):
        return text
    parts: list[str] = []
    done = 0
    for candidate in _MAY_NEED_ESCAPE.finditer(text):
        match = _NEEDS_ESCAPE.match(text, candidate.start())
        if match is not None:
            parts += (text[done : match.start()], _escape_match(match))
            done = match.end()
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def _escape_minimal(text: str, *, cell: bool, paired: frozenset[str] = frozenset()) -> str:
    escaped = _escape_needed(text)
    if cell and "|" in escaped:
        escaped = escaped.replace("|", "\\|")
    for mark in paired:
        escaped = escaped.replace(mark, f"\\{mark}")
    return escaped


def _escape_text(text: str, *, cell: bool, paired: frozenset[str] = frozenset()) -> str:
    # "://" outside an autolink would still be reported as a bare URL; an entity for the
    # colon renders the same and is not one.
    return _escape_minimal(text, cell=cell, paired=paired).replace("://", "&#58;//")


_BACKTICK_RUN = re.compile(r"`+")


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` holds a code span as CommonMark reads it (a run of backticks closed by a
    run of the same length) that lints clean: something in it, no space at its edges."""
    runs = list(_BACKTICK_RUN.finditer(text))
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        opener = runs[index]
        closer = next(
            (j for j in range(index + 1, len(runs)) if len(runs[j].group()) == len(opener.group())),
            None,
        )
        if closer is None:
            index += 1
            continue
        content = text[opener.end() : runs[closer].start()]
        if content.strip() and content == content.strip():  # MD038: no padded code
            spans.append((opener.start(), runs[closer].end()))
        index = closer + 1
    return spans


def _escape_field(text: str, *, cell: bool) -> str:
    """One text's escaping: the code spans the author wrote stay code (a '|' in one is still
    escaped in a table cell); a pair of '~' or '$' is counted in the text alone."""
    spans = _code_spans(text) if "`" in text else []
    plain_parts, cursor = [], 0
    for start, end in spans:
        plain_parts.append(text[cursor:start])
        cursor = end
    plain_parts.append(text[cursor:])
    plain = "".join(plain_parts)
    paired = frozenset(mark for mark in _PAIRED if plain.count(mark) >= 2)
    out, cursor = [], 0
    for start, end in spans:
        out.append(_escape_urls(text[cursor:start], cell=cell, paired=paired))
        code = text[start:end]
        out.append(code.replace("|", "\\|") if cell else code)
        cursor = end
    out.append(_escape_urls(text[cursor:], cell=cell, paired=paired))
    return "".join(out)


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


def _escape_literal(text: str, *, cell: bool) -> str:
    del cell  # every '|' is escaped: the text is shown exactly as typed
    return _escape_plain(text).replace("://", "&#58;//")


def _escape_line(text: str, *, cell: bool, literal: bool = False) -> str:
    """Escape a text without line breaks, turning the URLs in it into autolinks."""
    if literal:
        if "://" not in text:
            return _escape_plain(text)
        return _escape_urls(text, cell=cell, literal=True)
    if "://" not in text and not any(mark in text for mark in _PER_TEXT):
        return _escape_minimal(text, cell=cell)
    return _escape_field(text, cell=cell)


def _escape_urls(
    text: str, *, cell: bool, paired: frozenset[str] = frozenset(), literal: bool = False
) -> str:
    if "://" not in text:
        return _escape_minimal(text, cell=cell, paired=paired)
    parts: list[str] = []
    done = 0
    for match in _URL.finditer(text):
        url = _trim_url(match.group())
        if not url.partition("://")[2]:
            continue  # nothing after the scheme: plain text
        before = text[done : match.start()]
        if literal:
            parts.append(_escape_literal(before, cell=cell))
        else:
            parts.append(_escape_text(before, cell=cell, paired=paired))
        parts.append(f"<{url}>")
        done = match.start() + len(url)
    rest = text[done:]
    parts.append(
        _escape_literal(rest, cell=cell)
        if literal
        else _escape_text(rest, cell=cell, paired=paired)
    )
    return "".join(parts)


def _clean(text: str) -> str:
    return _CONTROL.sub("", text.replace(_SEPARATOR, "")).replace("\t", " ")


def _clean_line(text: str) -> str:
    # Edges first, so line breaks at the start or end do not turn into " / ".
    return _BREAK_RUN.sub(" / ", _clean(text).strip())


#: Printable ASCII: what most texts are made of, each byte printable on its own.
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def _all_printable(texts: Sequence[str]) -> bool:
    """all(text.isprintable() for text in texts), for thousands of texts at once: ASCII text
    is checked at memory speed (bytes.translate drops its printable bytes in C); str.isprintable
    looked each character up in the Unicode tables, a tenth of a timeline's export."""
    joined = "".join(texts)
    if joined.isascii():
        return not joined.encode("ascii").translate(None, _PRINTABLE_ASCII)
    return all(map(str.isprintable, texts))


def inline_many(texts: Sequence[str], *, cell: bool = True) -> list[str]:
    """Each text as one escaped line (line breaks become " / "), for table cells and lists.

    A timeline has thousands of values, so the common case stays in C: text without control
    characters, tabs or line breaks (`isprintable`) only needs its edges stripped, and the
    escaping runs once over all values joined. Returns '' for a value with nothing visible.
    `cell` escapes '|' too, which only a table cell needs.
    """
    if not texts:
        return []
    # NUL is not printable, so no cleaned value can contain the separator.
    if _all_printable(texts):
        cleaned = list(map(str.strip, texts))
    else:
        cleaned = [text.strip() if text.isprintable() else _clean_line(text) for text in texts]
    joined = _SEPARATOR.join(cleaned)
    if not any(mark in joined for mark in _PER_TEXT):
        return _escape_line(joined, cell=cell).split(_SEPARATOR)
    # Code spans and pairs of '~' or '$' are found in each text alone.
    return [_escape_line(text, cell=cell) for text in cleaned]


def links_many(links: Sequence[str], *, cell: bool = True) -> list[str]:
    """inline_many(links): a link that is one whole URL, as most are, is its autolink
    (`<https://...>`) straight away; only the others go through the escaping."""
    shown: list[str | None] = [
        f"<{link}>"
        # What _escape_urls would keep whole: no sentence punctuation or bracket to trim.
        if _URL.fullmatch(link) and link[-1] not in _URL_TRAILING + ")" and link.isprintable()
        else None
        for link in links
    ]
    rest = [index for index, link in enumerate(shown) if link is None]
    for index, escaped in zip(rest, inline_many([links[i] for i in rest], cell=cell), strict=True):
        shown[index] = escaped
    return shown  # type: ignore[return-value]  # every None was replaced just above


def inline(text: str, missing: str = MISSING, *, cell: bool = True) -> str:
    """One escaped line for a table cell (or, with `cell=False`, inside a paragraph or list
    item); `missing` when it is empty."""
    return inline_many((text,), cell=cell)[0] or missing


# Line starts that would open a block: a list item, quote, heading, setext underline or rule.
_BLOCK_START = re.compile(r"[-+](?=\s|$)|[-=\s]+$|>|#|[0-9]{1,9}(?=[.)](?:\s|$))")


def guard_line_start(line: str) -> str:
    """Escape what would make an escaped line start a block the template did not write."""
    match = _BLOCK_START.match(line)
    if not match:
        return line
    if line[0].isdigit():
        return f"{line[: match.end()]}\\{line[match.end() :]}"
    return "\\" + line


def _literal_line_start(line: str) -> str:
    if line[:1] in ("-", "+", "="):
        return "\\" + line
    marker = re.match(r"[0-9]+(?=[.)])", line)
    if marker:
        return f"{line[: marker.end()]}\\{line[marker.end() :]}"
    return line


def list_item_text(text: str, missing: str = MISSING) -> str:
    """One escaped line that is safe at the start of a list item or paragraph."""
    return guard_line_start(inline(text, missing, cell=False))


def anywhere(text: str) -> str:
    """One escaped line that is safe wherever a template prints it: in prose, a heading, a
    list item, a table cell or at the start of a line; '' when it is empty."""
    return anywhere_many((text,))[0]


def anywhere_many(texts: Sequence[str]) -> list[str]:
    """`anywhere` for many values at once (see `inline_many`)."""
    # A closing '#' would end a heading early: "## Step #" reads as the heading "Step".
    return [
        f"{text[:-1]}\\#" if text.endswith("#") and not text.endswith("\\#") else text
        for text in map(guard_line_start, inline_many(texts))
    ]


def heading_text(text: str, fallback: str) -> str:
    """One escaped line for a heading; `fallback` (plain text) if `text` is empty.

    A heading is not a sentence: trailing sentence punctuation is left out (markdownlint's
    MD026), and a closing '#' is escaped so it stays part of the text.
    """
    escaped = inline(text, "", cell=False) or _escape_plain(fallback)
    trimmed = escaped.rstrip(_HEADING_PUNCTUATION).rstrip()
    if trimmed and not trimmed.endswith("\\"):
        escaped = trimmed
    elif escaped and escaped[-1] in _HEADING_PUNCTUATION:
        # Nothing but punctuation (a title of ':'): the text stays, its last mark as an entity.
        escaped = f"{escaped[:-1]}&#{ord(escaped[-1])};"
    if escaped.endswith("#") and not escaped.endswith("\\#"):
        escaped = f"{escaped[:-1]}\\#"
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
            escaped = [
                _literal_line_start(_escape_line(line, cell=True, literal=True)) for line in block
            ]
            result.append("\\\n".join(escaped))
    return result
