"""Provides PostMortemSummary: the line a list of post-mortems shows for each one."""

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
