"""Provides copying text to the clipboard: the system clipboard first, else the terminal's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Clipboard(Protocol):
    def copy(self, text: str) -> str:
        """Copy `text`; return where it went, for the user ("system clipboard", ...)."""
        ...


class SystemOrTerminalClipboard:
    """pyperclip when the machine has a clipboard tool; otherwise OSC 52 through the
    terminal, which also works over SSH and in tmux with set-clipboard on."""

    def __init__(self, terminal_copy: Callable[[str], None]) -> None:
        self._terminal_copy = terminal_copy

    def copy(self, text: str) -> str:
        import pyperclip

        try:
            pyperclip.copy(text)
        except pyperclip.PyperclipException:
            self._terminal_copy(text)
            return "the terminal clipboard (OSC 52; no system clipboard found)"
        return "the system clipboard"
