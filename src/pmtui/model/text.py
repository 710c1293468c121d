"""Provides the one door every text passes on its way into the model, and a safe way out.

A text a person typed, a file imported or evidence read may carry characters that act
instead of reading: terminal control sequences (ESC, BEL, CSI...), bidirectional overrides
that make a line read backwards, and zero-width characters that hide inside a link. The
model holds none of them, and each text field has a length limit; the field's name decides
whether it is one line or many, and how long it may be. Files written by an older pmtui
may still hold such characters, so every output shows them as visible escapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pmtui.model.errors import ValidationError

#: Bidirectional overrides, isolates and marks: they reorder what a reader sees.
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
#: Zero-width characters: invisible, so two texts that look alike can differ.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
_INVISIBLE = [ord(c) for c in BIDI + ZERO_WIDTH]

# str.translate tables: removal in C, far faster than a regex on 100,000 imported events.
_MULTI_LINE = {code: None for code in (*_CONTROLS, *_INVISIBLE)} | {
    ord("\n"): "\n",
    ord("\t"): "\t",
    ord("\r"): "\n",  # a lone carriage return ends a line (\r\n is joined first)
}
_ONE_LINE = {code: None for code in (*_CONTROLS, *_INVISIBLE)} | {
    ord("\n"): " ",
    ord("\t"): " ",
    ord("\r"): " ",
}


@dataclass(frozen=True, slots=True)
class TextRule:
    """How one field's text is held: at most `limit` characters, one line or several."""

    limit: int
    multi_line: bool = False


NAME = TextRule(200)
STATEMENT = TextRule(2_000)
NARRATIVE = TextRule(100_000, multi_line=True)
#: An importer's evidence verbatim; importers clip it to 10,000 characters plus a note.
EVIDENCE = TextRule(20_000, multi_line=True)

_NARRATIVE_FIELDS = (
    "summary",
    "impact",
    "trigger",
    "detection",
    "response",
    "went_well",
    "went_poorly",
    "lucky",
    "lessons",
    "open_questions",
    "customer_message",
    "links",
)
_STATEMENT_FIELDS = (
    "text",
    "customer_text",
    "problem",
    "answers",
    "answer",
    "reason",
    "link",
    "where",
)

#: The rule of each field, by the last name in a ValidationError location ("action_items[2]
#: .owner" -> "owner"). A name not listed is a single line of STATEMENT length.
RULES: dict[str, TextRule] = {
    **dict.fromkeys(_NARRATIVE_FIELDS, NARRATIVE),
    **dict.fromkeys(_STATEMENT_FIELDS, STATEMENT),
    "original": EVIDENCE,
}
for _name in (
    "title",
    "customer_title",
    "owner",
    "attendees",
    "services",
    "tracker",
    "source",
    "waived_by",
    "by",
    "rule",
    "branched_from",
    "cause",
    "cause_id",
    "factor",
    "factor_id",
    "chain",
    "chain_id",
    "events",
    "event_ids",
    "id",
    "timezone",
):
    RULES[_name] = NAME


def rule_for(where: str) -> TextRule:
    """The rule of the field that `where` names: "timeline[3].text", "attendees[0]", "title"."""
    name = where.rsplit(".", 1)[-1].split("[", 1)[0]
    return RULES.get(name, STATEMENT)


def scrub(text: str, *, multi_line: bool) -> str:
    """`text` without control, bidirectional or zero-width characters; a one-line text's
    line breaks and tabs become spaces, a multi-line text's \\r\\n becomes \\n."""
    if text.isprintable():
        return text  # the common case: nothing to remove, not even a line break
    # \r\n is one line end in both: one space on a single line, one \n in a narrative.
    text = text.replace("\r\n", "\n")
    return text.translate(_MULTI_LINE if multi_line else _ONE_LINE)


def admit(text: str, where: str, *, strip: str = "both") -> str:
    """The text as the model holds it in the field `where` names, or a ValidationError
    naming the field when it is longer than the field's limit.

    `strip` is "both" or "right" (narrative keeps the author's leading indentation).
    """
    rule = rule_for(where)
    held = scrub(text, multi_line=rule.multi_line)
    held = held.strip() if strip == "both" else held.rstrip()
    if len(held) > rule.limit:
        raise ValidationError(f"too long: {len(held):,} characters (at most {rule.limit:,})", where)
    return held


# Output --------------------------------------------------------------------------------

# \r only when it is no line end: CSV on stdout ends its lines with \r\n.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + BIDI + ZERO_WIDTH + "]|\r(?!\n)")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


#: Bytes that are safe as they are: printable ASCII, line breaks and tabs.
_SAFE_ASCII = bytes([*range(0x20, 0x7F), ord("\n"), ord("\t")])
#: The last long text visible() returned. A document is checked where it is made and again
#: by the stream that prints it (cli/terminal.py); visible()'s output is its own fixed point,
#: and a str cannot change, so the same object held here is known safe: the second look at a
#: 10,000-event document's megabyte is one comparison. Held, so its id cannot be reused.
_last_visible: str | None = None


def visible(text: str) -> str:
    """`text` with every control, bidirectional and zero-width character (but line breaks
    and tabs) written as a visible \\uXXXX escape, for a terminal, a document or a cell.

    The escape is JSON's own, so a JSON document stays valid and means the same."""
    global _last_visible
    if len(text) < 256:
        if text.isprintable():
            return text
    elif text is _last_visible:
        return text
    else:
        # A document is mostly printable ASCII, line breaks and tabs: bytes.translate drops
        # them in C at memory speed (0.6 ms for a 10,000-event document's megabyte, where
        # str.isprintable looks each character up in the Unicode tables: 3 ms). The rest
        # (controls, and other characters whole, as UTF-8) is looked at as before.
        rest = text.encode("utf-8", "surrogatepass").translate(None, _SAFE_ASCII)
        if not rest or rest.decode("utf-8", "surrogatepass").isprintable():
            _last_visible = text
            return text
    # A text's only unprintable characters are usually its line breaks and tabs.
    if text.replace("\n", "").replace("\t", "").isprintable():
        shown = text
    else:
        shown = _UNSAFE.sub(_escape, text)
    if len(shown) >= 256:
        _last_visible = shown
    return shown
