"""Provides outside_folder(): whether a path a user typed leaves the folder the workspace may use.

Under `pmtui serve` the person typing is a browser user, not the account that runs pmtui:
the import and export dialogs then reach only files in the database's folder. Symlinks and
".." are resolved before the check, so a link inside the folder cannot lead out of it.
"""

from __future__ import annotations

import os
from pathlib import Path


def real_path(path: Path) -> Path:
    """`path` with every symlink and ".." resolved (a missing tail is kept as written)."""
    return Path(os.path.realpath(path))


def outside_folder(path: Path, folder: Path | None) -> str:
    """Why `path` may not be used when confined to `folder`; '' when it may (or no folder).

    Hidden names inside the folder are refused too: a team folder is often a git
    repository, and writing .git/hooks/... would run code as the account serving pmtui.
    """
    if folder is None:
        return ""
    root = real_path(folder)
    target = real_path(path)
    if target != root and root not in target.parents:
        return f"{path} is outside the folder this workspace may use ({root})."
    if any(part.startswith(".") for part in target.relative_to(root).parts):
        return f"{path} is a hidden file or folder; this workspace may use only visible ones."
    return ""
