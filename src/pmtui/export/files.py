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


def _words(text: str) -> str:
    """The title in lower-case ASCII words joined by single dashes, however long."""
    # "Überlast" -> "uberlast": accents go, the letter stays. A dash or space that is not
    # ASCII ("2026‑12‑06", "Edge–API") still separates words instead of vanishing.
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        char
        for char in decomposed
        if char.isascii() or (not unicodedata.combining(char) and not char.isalnum())
    )
    ascii_text = "".join(char if char.isascii() else " " for char in kept)
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")


def _cut(slug: str) -> str:
    if len(slug) > _SLUG_MAX:
        # Cut after the last whole word that fits (one character more shows if one ends there).
        cut = slug[: _SLUG_MAX + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:_SLUG_MAX]
    return slug


def slugify(text: str) -> str:
    """'Public API unreachable (TLS)' -> 'public-api-unreachable-tls'; 'postmortem' if empty.
    Only a-z, 0-9 and single dashes, never a dash at either end."""
    return _cut(_words(text)) or "postmortem"


def _without_day(slug: str, day: date) -> str:
    """`slug` without the day written in it: the name gives the date once, at its end."""
    for form in ("%Y-%m-%d", "%Y%m%d", "%d-%m-%Y", "%m-%d-%Y"):
        written = day.strftime(form)
        slug = re.sub(rf"(?:^|-){written}(?=-|$)", "", slug)
    return slug.strip("-")


def suggested_filename(title: str, day: date | None, suffix: str) -> str:
    """`<slug-of-title>-<incident date>.<suffix>`, without the date when there is none; a
    title that names the date already ("2026-12-06 API outage") does not repeat it."""
    words = _words(title)
    if day is not None:
        words = _without_day(words, day)
    stem = _cut(words) or "postmortem"
    if day is not None:
        stem = f"{stem}-{day.isoformat()}"
    ending = _NOT_SLUG.sub("", suffix.lower()) or "txt"
    return f"{stem}.{ending}"


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
