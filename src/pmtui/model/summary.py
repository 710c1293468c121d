"""Provides PostMortemSummary, the line a list of post-mortems shows for each one, and
Listing, the lines of a whole store with the files that could not be read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pmtui.model.enums import Severity, Status


@dataclass(frozen=True, slots=True)
class PostMortemSummary:
    id: str
    title: str
    severity: Severity
    status: Status
    owner: str
    incident_date: date | None
    updated_at: datetime
    event_count: int
    open_actions: int
    overdue_actions: int


@dataclass(frozen=True, slots=True)
class Listing:
    """Every readable post-mortem's line, newest incident first; `unreadable` holds one line
    per file that could not be read (a team folder's damaged file), naming it and its problem,
    so one bad file does not hide the others."""

    summaries: list[PostMortemSummary]
    unreadable: list[str]
