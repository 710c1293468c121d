"""Provides where the database file lives: --db, else $PMTUI_DB, else the user data folder."""

from __future__ import annotations

import errno
import os
from pathlib import Path

DB_ENV = "PMTUI_DB"
DB_FILENAME = "postmortems.json"


def default_db_path() -> Path:
    from_env = os.environ.get(DB_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    # Imported here so that nothing computes user paths at import time.
    from platformdirs import user_data_path

    return user_data_path("pmtui", appauthor=False) / DB_FILENAME


def resolve_db_path(option: str | None) -> Path:
    """The database for `--db` (else the default). A --db whose folder does not exist is a
    typo far more often than a wish, so it is refused instead of created."""
    if not option:
        return default_db_path()
    path = Path(option).expanduser()
    if not path.parent.is_dir():
        raise FileNotFoundError(
            errno.ENOENT, "no such folder for the database (check --db)", str(path.parent)
        )
    return path
