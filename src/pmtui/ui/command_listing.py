"""Provides listing_commands and keys_are_typing: whether the command palette, not a typist,
is asking which commands apply.

Kept apart from typing_focus so the palette's command list (loaded with the home screen) does
not import Textual's text widgets before the first paint.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_LISTING = ContextVar("pmtui_listing_commands", default=False)


@contextmanager
def listing_commands() -> Iterator[None]:
    """While the command palette lists what applies, nobody is typing: a command whose key a
    text box would take as a letter is still offered (the palette runs it, not the key)."""
    token = _LISTING.set(True)
    try:
        yield
    finally:
        _LISTING.reset(token)


def keys_are_typing() -> bool:
    """False while the palette lists commands (see `listing_commands`)."""
    return not _LISTING.get()
