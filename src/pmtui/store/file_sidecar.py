"""Provides the single database file's summary sidecar: one line per post-mortem, in the user cache.

`pmtui list` and the home screen show one line per post-mortem; reading those lines out of a
20 MB file means parsing every event in it. The writer therefore leaves the lines in the
user's cache folder when it closes after a save (one file per database path, so the database's own
folder holds nothing new and nobody else sharing that folder can plant one), stamped with the
size, mtime_ns and inode the database had once written. A reader uses the sidecar only while
the database still has that stamp; any other change (a hand edit, a git checkout, a copy, a
crash between the two writes) leaves the stamps different, and the database itself is read
as before. The sidecar is a cache: a missing,
damaged or foreign one is ignored, never an error.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from pmtui.regularfile import read_regular
from pmtui.store.cache_note import write_cache_note

Row = dict[str, Any]
FORMAT = "pmtui-summaries/1"
#: Far beyond any real list (a line is ~300 bytes): a bigger sidecar is not pmtui's, ignored.
_MAX_BYTES = 64 * 2**20


def cache_path(database: Path) -> Path:
    # Imported here so that nothing computes user paths at import time.
    from platformdirs import user_cache_path

    name = hashlib.sha256(os.fsencode(database.absolute())).hexdigest()[:32]
    return user_cache_path("pmtui", appauthor=False) / "summaries" / f"{name}.json"


def stamp(database: Path) -> list[int] | None:
    """What identifies one written version of the database file, or None if it is absent."""
    try:
        status = os.stat(database)
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns, status.st_ino]


class Sidecar(NamedTuple):
    rows: list[Row]
    #: sha256 of the file the writer left, every record of which it had checked: a file with
    #: exactly these bytes needs no record-by-record check again. None if unknown.
    digest: str | None


def digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def read(database: Path, schema_version: int) -> Sidecar | None:
    """What the writer left for the database as it is now, or None to read the file."""
    current = stamp(database)
    if current is None:
        return None
    try:
        document = orjson.loads(read_regular(cache_path(database), _MAX_BYTES + 1))
    except (OSError, orjson.JSONDecodeError):
        return None
    if (
        type(document) is not dict
        or document.get("format") != FORMAT
        or document.get("schema") != schema_version
        or document.get("stamp") != current
        or document.get("database") != str(database.absolute())
        or type(document.get("rows")) is not list
    ):
        return None
    known = document.get("digest")
    return Sidecar(document["rows"], known if type(known) is str else None)


def write(database: Path, schema_version: int, rows: list[Row], written: str | None) -> None:
    """Leave `rows` for the database just written; best effort, as a reader checks the stamp."""
    current = stamp(database)
    if current is None:
        return
    document = {
        "format": FORMAT,
        "database": str(database.absolute()),
        "schema": schema_version,
        "stamp": current,
        "rows": rows,
        "digest": written,
    }
    write_cache_note(cache_path(database), document, mode=0o644)
