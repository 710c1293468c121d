"""Provides `escape_then`: Escape and the key right after it, when the terminal sent them as
one alt key.

A terminal sends alt+3 as Escape followed by "3", so Textual reads Escape then 3 typed within
its escape delay (tmux sending both at once, a fast facilitator leaving a field and switching
tab) as alt+3, which pmtui binds to nothing: the Escape was lost and the digit landed in the
field. An alt key of one letter or digit that nothing binds is read as the two keys it was.

Textual reads Escape and a digit of the top row as the character WezTerm on macOS sends for
Option and that digit (Escape then 6 is "§", Escape then 3 is "£"), which a facilitator saw
typed into "What went poorly" instead of leaving it. `read_escape_digits_as_alt` takes those
ten sequences out of Textual's table, so they arrive as alt+digit and are read as above; a "£"
or "§" typed as such is untouched.

Escape then Enter inside the escape delay (tmux sending both, a reflex escape and enter) was
read as Enter alone: the escape that asks "Discard …?" was lost and the form saved. That pair
is given its own entry in the table, read as the two keys it was.
"""

from __future__ import annotations

from collections.abc import Container
from typing import cast

from textual import events

#: Escape and a top-row digit, which Textual's table maps to WezTerm's Option characters.
ESCAPE_DIGITS = tuple(f"\x1b{digit}" for digit in "1234567890")
#: Escape and Enter sent together, which Textual reads as Enter alone.
ESCAPE_ENTER = "\x1b\r"


def read_escape_digits_as_alt() -> None:
    """Escape and a digit arrive as alt+digit, Escape and Enter as both keys (see the module
    doc); safe to call again."""
    from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
    from textual.keys import Keys

    table = cast("dict[str, object]", ANSI_SEQUENCES_KEYS)
    for sequence in ESCAPE_DIGITS:
        table.pop(sequence, None)
    table[ESCAPE_ENTER] = (Keys.Escape, Keys.Enter)


def escape_then(event: events.Key, bound: Container[str]) -> tuple[events.Key, events.Key] | None:
    """(Escape, the key) for an unbound alt key of one letter or digit, else None."""
    rest = event.key.removeprefix("alt+")
    if rest == event.key or event.key in bound:
        return None
    if rest.startswith("shift+") and len(rest) == len("shift+") + 1:
        rest = rest.removeprefix("shift+").upper()  # alt+shift+w: Escape, then W
    if len(rest) != 1 or not rest.isalnum() or not rest.isascii():
        return None
    return events.Key("escape", "\x1b"), events.Key(rest, rest)
