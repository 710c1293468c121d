"""Provides the mapping of a tracker's status words to pmtui's action statuses.

Done, Closed, Resolved (and the like) are done; In Progress and In Review are in progress;
To Do, Open, Backlog are open; Won't Do, Canceled, Duplicate are won't do. A done-like
status whose resolution says the work was not done (Jira's "Won't Do", "Duplicate") is
won't do. Any other word is not guessed at: the sync reports it and leaves the item alone.
"""

from __future__ import annotations

from pmtui.model.enums import ActionStatus


def _words(*names: str) -> frozenset[str]:
    return frozenset(name.casefold() for name in names)


DONE = _words("done", "closed", "resolved", "complete", "completed", "fixed", "shipped")
IN_PROGRESS = _words(
    "in progress", "in review", "review", "in development", "started", "doing", "in qa"
)
OPEN = _words(
    "to do", "todo", "open", "backlog", "reopened", "triage", "new",
    "selected for development", "unstarted",
)  # fmt: skip
WONT_DO = _words(
    "won't do", "wont do", "won't fix", "wont fix", "canceled", "cancelled", "duplicate",
    "declined", "rejected", "not planned", "cannot reproduce", "obsolete",
)  # fmt: skip


def _plain(word: str) -> str:
    return " ".join(word.replace("’", "'").split()).casefold()


def tracker_status(status: str, resolution: str = "") -> ActionStatus | None:
    """pmtui's status for a tracker's status (and resolution), None when it is not known."""
    word, why = _plain(status), _plain(resolution)
    if word in WONT_DO:
        return ActionStatus.WONT_DO
    if word in DONE:
        return ActionStatus.WONT_DO if why in WONT_DO else ActionStatus.DONE
    if word in IN_PROGRESS:
        return ActionStatus.IN_PROGRESS
    if word in OPEN:
        return ActionStatus.OPEN
    return None
