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

import hashlib
import os
from pathlib import Path

import orjson

from pmtui.regularfile import read_regular
from pmtui.store.cache_note import write_cache_note

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


def _read(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The digests of checked files, and of those among them that pmtui wrote itself."""
    try:
        document = orjson.loads(read_regular(note_path(root), _MAX_BYTES + 1))
    except (OSError, orjson.JSONDecodeError):
        return {}, {}
    if (
        type(document) is not dict
        or document.get("format") != FORMAT
        or document.get("folder") != str(root.absolute())
        or type(document.get("files")) is not dict
    ):
        return {}, {}
    written = document.get("written")
    return _digests(document["files"]), _digests(written) if type(written) is dict else {}


def _digests(names: dict[object, object]) -> dict[str, str]:
    return {
        name: value
        for name, value in names.items()
        if isinstance(name, str) and isinstance(value, str)
    }


def is_checked(root: Path, name: str, payload_digest: str) -> bool:
    """Whether `name`'s bytes with this digest were written or checked by this user's pmtui."""
    return _read(root)[0].get(name) == payload_digest


def is_written(root: Path, name: str, payload_digest: str) -> bool:
    """Whether this user's pmtui wrote `name`'s bytes with this digest itself: then they are
    in the exact layout pmfile.dumps gives (sorted, canonical), not only checked."""
    return _read(root)[1].get(name) == payload_digest


def note(root: Path, name: str, payload_digest: str, *, written: bool = False) -> None:
    """Note that `name` with these bytes holds only checked records (`written`: and that
    pmtui wrote them); best effort."""
    files, wrote = _read(root)
    if files.get(name) == payload_digest and (wrote.get(name) == payload_digest) == written:
        return
    files[name] = payload_digest
    if written:
        wrote[name] = payload_digest
    else:
        wrote.pop(name, None)
    document = {
        "format": FORMAT,
        "folder": str(root.absolute()),
        "files": files,
        "written": wrote,
    }
    write_cache_note(note_path(root), document, mode=0o600)
