"""Provides the one rule on a timeline's length: at most MAX_EVENTS events per post-mortem.

Every way events enter a post-mortem (typing one, an evidence import, a pmtui/1 document)
passes through `check_room`, so the refusal reads the same everywhere and comes before any
write.
"""

from __future__ import annotations

from pmtui.limits import MAX_EVENTS
from pmtui.model.errors import ValidationError

__all__ = ["MAX_EVENTS", "check_room", "too_many_events"]


def too_many_events(held: int, incoming: int | None, source: str = "the import") -> str:
    """Why an import is refused: what the timeline holds, what `source` has (None: more than
    MAX_EVENTS, counted no further), and the limit."""
    has = f"more than {MAX_EVENTS:,}" if incoming is None else f"{incoming:,}"
    return (
        f"the timeline holds {held:,} {_events(held)} and {source} has {has}; "
        f"a post-mortem holds at most {MAX_EVENTS:,} events: import a shorter stretch of time"
    )


def check_room(held: int, adding: int, source: str = "the import") -> None:
    """Refuse adding `adding` events to a timeline of `held` when that passes MAX_EVENTS."""
    if held + adding <= MAX_EVENTS:
        return
    if adding == 1:
        message = (
            f"the timeline already holds {held:,} events, the most a post-mortem holds; "
            "delete some or start another post-mortem"
        )
    else:
        message = too_many_events(held, adding, source)
    raise ValidationError(message, "timeline")


def _events(count: int) -> str:
    return "event" if count == 1 else "events"
