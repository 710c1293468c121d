"""Provides the store's errors: each names the file and says what the user can do."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from pmtui.model.format_version import written_by_newer


class StoreError(Exception):
    """Something is wrong with the database file; the message is one line for a person."""


class StoreLocked(StoreError):
    def __init__(self, path: Path, pid: int | None) -> None:
        self.path = path
        self.pid = pid
        holder = f" (pid {pid})" if pid else ""
        super().__init__(f"{path} is open in another pmtui{holder}")


class DamagedFile(StoreError):
    """The file is not readable as a pmtui database; it is never written to."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        super().__init__(f"{path} {problem}; pmtui left it untouched")


class BadRecord(DamagedFile):
    """One record of the file is not what pmtui writes; the message names it and the field."""

    def __init__(self, path: Path, table: str, key: object, record_id: object, problem: str):
        named = f" (id {record_id!r})" if isinstance(record_id, str) and record_id else ""
        self.path = path
        StoreError.__init__(
            self, f"{path}: {table} record {key}{named}: {problem}; pmtui left it untouched"
        )


class NewerSchema(StoreError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"{path} was written by a newer pmtui (schema {found}); "
            f"this pmtui reads up to schema {supported}. Upgrade pmtui to open it"
        )


class NewerFormat(StoreError):
    """A post-mortem from a newer pmtui: read, never written back (its writer would drop
    the fields this pmtui does not know). `where` names the file or the post-mortem."""

    def __init__(self, where: Path | str, found: int) -> None:
        self.found = found
        super().__init__(
            f"{where} was {written_by_newer(found)}: it is read-only here so nothing it "
            "holds is lost; upgrade pmtui to change it"
        )


class ReadOnlyStore(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is open read-only; changes cannot be saved")


class WriteFailed(StoreError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"could not save {path}: {reason}; the file keeps its last saved state")


class NotFound(StoreError, KeyError):
    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(what)

    def __str__(self) -> str:
        return self.what


def resolve_id_prefix(text: str, known: Collection[str], where: Path) -> str:
    """The one id in `known` that is `text` or starts with it; NotFound naming `where` when
    none or several do. Both stores let a user shorten an id to any unique prefix."""
    if text in known:
        return text
    matches = [pm_id for pm_id in known if pm_id.startswith(text)] if text else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NotFound(f"{text!r} matches several post-mortems: {', '.join(sorted(matches))}")
    raise NotFound(f"no post-mortem with id {text!r} in {where}")
