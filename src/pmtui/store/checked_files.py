"""Provides the digests of a team folder's files whose every record this user's pmtui checked,
kept in the user's cache.

Reading a 100,000-event post-mortem file checks each of its records, which costs as much as
parsing it. A file whose exact bytes this user's pmtui wrote (from a checked model) or has
already checked needs no check again, so its sha256 is noted here, per team folder and file
name. The note lives in the user's cache folder, never in the team folder: a file pulled from
git or planted next to the post-mortems cannot vouch for a post-mortem. Any other bytes (a
hand edit, a merge, a pull) have another digest and are checked as before. The note is only a
shortcut: a missing, damaged or foreign one is ignored, and failing to write it is harmless.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

import orjson

from pmtui.regularfile import read_regular

FORMAT = "pmtui-checked/1"
#: Far above the notes of 10,000 files (about 100 bytes each); a bigger file is not pmtui's.
_MAX_BYTES = 16 * 2**20


def digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def note_path(root: Path) -> Path:
    # Imported here so that nothing computes user paths at import time.
    from platformdirs import user_cache_path

    name = hashlib.sha256(os.fsencode(root.absolute())).hexdigest()[:32]
    return user_cache_path("pmtui", appauthor=False) / "checked" / f"{name}.json"


def _read(root: Path) -> dict[str, str]:
    try:
        document = orjson.loads(read_regular(note_path(root), _MAX_BYTES + 1))
    except (OSError, orjson.JSONDecodeError):
        return {}
    if (
        type(document) is not dict
        or document.get("format") != FORMAT
        or document.get("folder") != str(root.absolute())
        or type(document.get("files")) is not dict
    ):
        return {}
    return {name: value for name, value in document["files"].items() if type(value) is str}


def is_checked(root: Path, name: str, payload_digest: str) -> bool:
    """Whether `name`'s bytes with this digest were written or checked by this user's pmtui."""
    return _read(root).get(name) == payload_digest


def note(root: Path, name: str, payload_digest: str) -> None:
    """Note that `name` with these bytes holds only checked records; best effort."""
    files = _read(root)
    if files.get(name) == payload_digest:
        return
    files[name] = payload_digest
    target = note_path(root)
    temp = target.with_name(f"{target.name}.{os.getpid()}.part")
    document = {"format": FORMAT, "folder": str(root.absolute()), "files": files}
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()  # our own leftover from a write that failed half-way
        with open(os.open(temp, flags, 0o600), "wb") as handle:
            handle.write(orjson.dumps(document))
        # No fsync: a torn note fails to parse and is ignored; the files are then checked.
        os.replace(temp, target)
    except (OSError, orjson.JSONEncodeError):  # a path that is not UTF-8 cannot be noted
        with contextlib.suppress(OSError):
            temp.unlink()
