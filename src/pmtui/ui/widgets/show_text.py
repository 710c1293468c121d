"""Provides show_text: a Static given new words only when they differ from what it shows.

Static.update always asks for a new layout of the screen. A pane shows the whole post-mortem
again after every save, mostly in the very same words, often while it is hidden: those
updates laid out panes nobody was looking at.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


def show_text(static: Static, text: str | Content) -> None:
    """Show `text` in `static` unless it shows exactly that (same words, same styles)."""
    if not _same(static.content, text):
        static.update(text)


def _same(shown: object, text: str | Content) -> bool:
    if isinstance(shown, Content) and isinstance(text, Content):
        # Content compares its words only; a style changed must still be shown.
        return shown.plain == text.plain and shown.spans == text.spans
    return type(shown) is type(text) and shown == text
