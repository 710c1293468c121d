"""Provides `escape_then`: Escape and the key right after it, when the terminal sent them as
one alt key.

A terminal sends alt+3 as Escape followed by "3", so Textual reads Escape then 3 typed within
its escape delay (tmux sending both at once, a fast facilitator leaving a field and switching
tab) as alt+3, which pmtui binds to nothing: the Escape was lost and the digit landed in the
field. An alt key of one letter or digit that nothing binds is read as the two keys it was.
"""

from __future__ import annotations

from collections.abc import Container

from textual import events


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
