"""Provides make_team_folder(): create or repair a team folder's files, changing nothing else.

Running it again on a complete folder writes no byte; on a damaged one it puts back only what
is missing (a deleted .gitattributes line, the postmortems folder), keeping every other line.
"""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

from pmtui.regularfile import NotRegularFile, read_regular
from pmtui.store.atomic import atomic_write
from pmtui.store.errors import DamagedFile, StoreError
from pmtui.store.layout import (
    POSTMORTEMS,
    SETTINGS_NAME,
    TeamSettings,
    read_settings,
    real_folder,
    settings_bytes,
)

#: Git hands every post-mortem file to `pmtui merge-driver`; LF everywhere keeps bytes equal.
GITATTRIBUTES = (
    "postmortems/*.pmtui merge=pmtui",
    "*.pmtui text eol=lf",
    # The Markdown copies (`init --markdown`) are rendered again from the merged file.
    "postmortems/*.md merge=pmtui",
    # Named by their SHA-256: git must never convert line endings in them (an SVG is text)
    # or try to merge them, or the name would no longer be the hash of the bytes.
    "attachments/* binary",
)
# Narrow on purpose: a repository root often holds lock files of its own (uv.lock,
# Cargo.lock) that must stay tracked, so only pmtui's own locks and temporary files are named.
GITIGNORE = ("postmortems/*.pmtui.lock", ".*.tmp", ".pmtui-cache/")
_TEXT_LIMIT = 1024 * 1024


def make_team_folder(root: Path, *, markdown: bool) -> list[str]:
    """Make `root` a team folder; returns one line per thing done (empty: nothing to do)."""
    done: list[str] = []
    _check_folder(root)
    if not root.exists():
        root.mkdir(parents=True)
        done.append(f"created {root}/")
    done += _settings(root, markdown=markdown)
    folder = root / POSTMORTEMS
    if not os.path.lexists(folder):
        folder.mkdir()
        done.append(f"created {POSTMORTEMS}/")
    elif not real_folder(folder):
        raise DamagedFile(folder, "is not a folder (a symlink or a file)")
    for name, lines in ((".gitattributes", GITATTRIBUTES), (".gitignore", GITIGNORE)):
        added = _ensure_lines(root / name, lines)
        if added:
            done.append(f"{name}: added {', '.join(added)}")
    return done


def _check_folder(root: Path) -> None:
    try:
        status = os.stat(root)
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(f"{root}: {error.strerror or error}") from None
    if not stat.S_ISDIR(status.st_mode):
        raise StoreError(
            f"{root} is a file, not a folder; to move a database file's post-mortems into a "
            f"team folder use: pmtui --db {root} convert --to FOLDER"
        )


def _settings(root: Path, *, markdown: bool) -> list[str]:
    path = root / SETTINGS_NAME
    if not os.path.lexists(path):
        atomic_write(path, settings_bytes(TeamSettings(markdown=markdown)))
        return [f"created {SETTINGS_NAME}" + (" (with Markdown copies)" if markdown else "")]
    settings = read_settings(root)  # a foreign file of that name is refused, not replaced
    if markdown and not settings.markdown:
        # Every other setting (base_url, ...) is kept as the team set it.
        atomic_write(path, settings_bytes(replace(settings, markdown=True)))
        return [f"{SETTINGS_NAME}: Markdown copies turned on"]
    return []


def _ensure_lines(path: Path, lines: tuple[str, ...]) -> list[str]:
    """Append the `lines` the file lacks; returns them. Other lines stay byte for byte."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode):
        # A symlinked .gitignore would be replaced by a file, or written through elsewhere.
        raise DamagedFile(path, "is not a regular file (a symlink?); add the lines by hand")
    text = _read_text(path) if status is not None else ""
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in lines if line not in present]
    if missing:
        separator = "\n" if text and not text.endswith("\n") else ""
        atomic_write(path, (text + separator + "\n".join(missing) + "\n").encode("utf-8"))
    return missing


def _read_text(path: Path) -> str:
    try:
        raw = read_regular(path, _TEXT_LIMIT + 1)
        if len(raw) <= _TEXT_LIMIT:
            return raw.decode("utf-8")
    except (NotRegularFile, UnicodeDecodeError):
        pass
    raise DamagedFile(path, "is not a text file pmtui can add lines to")
