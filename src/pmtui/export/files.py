"""Provides writing an exported document to a file, crash-safely, for the CLI and the UI alike,
and the file name an export is offered under."""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from datetime import date
from pathlib import Path

from pmtui.atomicfile import replace_file
from pmtui.regularfile import write_target

#: Longest slug taken from a title, so a long title still gives a file name one can type.
_SLUG_MAX = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """'Public API unreachable (TLS)' -> 'public-api-unreachable-tls'; 'postmortem' if empty."""
    # "Überlast" -> "uberlast": accents go, the letter stays.
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > _SLUG_MAX:
        # Cut after the last whole word that fits (one character more shows if one ends there).
        cut = slug[: _SLUG_MAX + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:_SLUG_MAX]
    return slug or "postmortem"


def suggested_filename(title: str, day: date | None, suffix: str) -> str:
    """`<slug-of-title>-<incident date>.<suffix>`, without the date when there is none."""
    stem = slugify(title)
    if day is not None:
        stem = f"{stem}-{day.isoformat()}"
    return f"{stem}.{suffix.lstrip('.')}"


def export_target(path: Path) -> Path:
    """The file an export to `path` replaces: a symlink's target (the link stays a link).

    Raises IsADirectoryError for a folder and NotRegularFile for a device, pipe or socket,
    before anything is written: writing over /dev/null would replace the device node.
    """
    return write_target(path)


def write_document(path: Path, text: str) -> None:
    """Write `text` (UTF-8, exactly as given) to `path`, replacing any file there.

    The text goes to a temporary file beside `path`, is fsynced, then renamed over it, so a
    crash leaves either the old file or the whole new one. An existing file keeps its
    permissions. Raises OSError (FileNotFoundError for a missing folder, PermissionError,
    IsADirectoryError, NotRegularFile); `describe_write_error` turns one into a sentence.
    """
    target = export_target(path)
    # A random part, so two exports to the same folder at once cannot share a temp file.
    temp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    # A new file gets 0o666 less the umask, like any file the user creates.
    replace_file(target, text.encode("utf-8"), temp, new_file_mode=0o666)


def describe_write_error(path: Path, error: OSError) -> str:
    """One sentence naming `path` (never the temporary file) and what to do about it."""
    folder = path.parent
    if isinstance(error, IsADirectoryError) and path.is_dir():
        return f"{path} is a folder; add a file name."
    if isinstance(error, FileNotFoundError | NotADirectoryError) and not folder.is_dir():
        return f"The folder {folder} does not exist."
    if isinstance(error, PermissionError):
        return f"No permission to write {path}."
    reason = error.strerror or str(error)
    return f"Cannot write {path}: {reason}."
