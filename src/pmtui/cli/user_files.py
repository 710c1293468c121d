"""Provides the CLI's way with files a user names: each refusal to read or write one is a
single line naming the file as the user typed it.

Light on purpose (no model, store or export at import): `pmtui templates` uses it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pmtui.cli.main import CommandError
from pmtui.regularfile import NotRegularFile


@contextmanager
def read_refusals(name: str, what: str) -> Iterator[None]:
    """Turn a read of `name` that finds no file, a folder (not `what`) or a pipe or device
    into one CommandError; any other OSError passes on to the caller."""
    try:
        yield
    except FileNotFoundError:
        raise CommandError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{name}: is a folder, not {what}") from None
    except NotRegularFile as error:
        raise CommandError(f"{name}: {error.strerror}") from None


def write_named_file(target: Path, text: str, name: str, retry: str) -> None:
    """Write `text` to `target` (crash-safe, see export.files); a folder, a pipe or device, or
    a failed write is refused naming `name`, with `retry` saying what to give instead."""
    from pmtui.export.files import write_document

    if target.is_dir():
        raise CommandError(f"{name} is a folder; {retry}")
    try:
        write_document(target, text)
    except NotRegularFile as error:
        raise CommandError(f"{name} {error.strerror}; {retry}") from None
    except OSError as error:
        raise CommandError(f"cannot write {name}: {error.strerror or error}") from None
