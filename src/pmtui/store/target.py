"""Provides the database's real file: the one path the store reads, writes, locks and backs up.

A symlinked database is resolved here, once, so the file, its temporary file, its lock and
its migration backup all sit beside the target: the link stays a link, and two writers, one
through the link and one through the target, take the same lock.
"""

from __future__ import annotations

from pathlib import Path

from pmtui.regularfile import NotRegularFile, write_target
from pmtui.store.errors import DamagedFile


def database_target(path: Path) -> Path:
    """The regular file (existing or not) behind `path`; raises DamagedFile for anything else."""
    try:
        return write_target(path)
    except IsADirectoryError:
        raise DamagedFile(path, "is a folder, not a database file") from None
    except NotRegularFile as error:
        raise DamagedFile(path, error.strerror) from None
    except OSError as error:  # a symlink loop, a folder without permission to look inside
        raise DamagedFile(path, f"cannot be read ({error.strerror or error})") from None
