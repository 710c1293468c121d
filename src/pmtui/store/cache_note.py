"""Provides write_cache_note: leave a JSON document in the user's cache folder, best effort.

pmtui's caches (the single file's summary sidecar, the team folder's checked digests) are
shortcuts a reader verifies before use, so writing one may fail without harm and needs no
fsync: a torn note fails to parse or to match and is ignored. What matters is that the write
cannot be redirected: the temp file is created exclusively and never through a symlink.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import orjson


def write_cache_note(target: Path, document: dict[str, Any], *, mode: int) -> None:
    """Replace `target` with `document` as JSON; every failure is swallowed."""
    temp = target.with_name(f"{target.name}.{os.getpid()}.part")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()  # our own leftover from a write that failed half-way
        with open(os.open(temp, flags, mode), "wb") as handle:
            handle.write(orjson.dumps(document))
        os.replace(temp, target)
    except (OSError, orjson.JSONEncodeError):  # a path that is not UTF-8 cannot be noted
        with contextlib.suppress(OSError):
            temp.unlink()
