"""Provides the pmtui/1 format's version numbers and what a reader says of a newer file.

A pmtui/1 reader ignores keys it does not know, so a field added later keeps the major
version; the minor one says which fields a file may hold. A pmtui that meets a minor above
its own reads the file but never writes it back: its writer would drop what it does not know.
"""

from __future__ import annotations

FORMAT = "pmtui/1"
#: 1: contributing factors (`factors`), an action's `factor` and `verified_on`/`verified_how`.
#: 2: an event's `seen_in`, an action's `synced_at`/`synced_from`, a related incident's
#: `repeat`, `attachments`. Raise it with every field an older writer would drop.
FORMAT_MINOR = 2


def minor_of(value: object) -> int | None:
    """A stored `format_minor` as a number (absent reads as 0); None when it is not one."""
    if value is None:
        return 0
    # bool is an int to Python: `"format_minor": true` is not a version.
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def is_newer(minor: int) -> bool:
    return minor > FORMAT_MINOR


def written_by_newer(minor: int) -> str:
    """'written by a newer pmtui (format 1.3; this one reads up to 1.2)'."""
    return f"written by a newer pmtui (format 1.{minor}; this one reads up to 1.{FORMAT_MINOR})"


def read_only_reason(minor: int) -> str:
    """Why a post-mortem from a newer pmtui opens read-only, for the status line and banner."""
    return (
        f"Read-only: this post-mortem was {written_by_newer(minor)}, so nothing it holds is "
        "lost here; upgrade pmtui to edit it"
    )
