"""Provides VisibleStream: stdout and stderr that show stored control characters as escapes.

A database written by an older pmtui (or by hand) may hold an ESC or a bidirectional
override in a title or an owner; printed raw it would retitle the window, clear the screen
or reverse a line. Every non-UI command writes through these streams, so no command can
forget: such a character reaches the terminal as a visible \\uXXXX escape.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from typing import TextIO

from pmtui.model.text import visible


class VisibleStream:
    """A text stream that writes through `visible` and otherwise behaves as the one it wraps."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        # flush, fileno, isatty, encoding...: whatever print() or a caller asks of the stream.
        return getattr(self._stream, name)


@contextmanager
def visible_output(stdout: TextIO, stderr: TextIO) -> Iterator[None]:
    """Route sys.stdout and sys.stderr through VisibleStream for the duration."""
    # VisibleStream stands in for a TextIO by delegation (__getattr__), which mypy cannot see.
    with (
        redirect_stdout(VisibleStream(stdout)),  # type: ignore[type-var]
        redirect_stderr(VisibleStream(stderr)),  # type: ignore[type-var]
    ):
        yield


def screen_columns() -> int:
    """The terminal's width when stdout is one (COLUMNS honoured), else 0: a table read
    by a person is cut to fit, one piped to a script or a file keeps its whole lines."""
    import shutil
    import sys

    isatty = getattr(sys.stdout, "isatty", None)
    if not callable(isatty) or not isatty():
        return 0
    return shutil.get_terminal_size().columns


def fit(line: str, columns: int) -> str:
    """`line` cut to `columns` characters with an ellipsis; whole when `columns` is 0."""
    if not columns or len(line) <= columns:
        return line
    return line[: max(columns - 1, 0)].rstrip() + "…"
