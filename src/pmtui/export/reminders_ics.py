"""Provides the reminder list as an iCalendar file (RFC 5545): one all-day VEVENT per action
item on its due date. Each UID is the item's own (`<post-mortem id>-<action id>@pmtui`), so
importing a newer file updates the events instead of adding copies. Built and checked by
the `icalendar` library, which is imported only here, by `pmtui remind --format ics`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from pmtui.analysis.reminders import OwnerReminders, Reminder
from pmtui.export.trackers import document_url
from pmtui.model.text import visible

PRODID = "-//pmtui//pmtui remind//EN"


def event_uid(reminder: Reminder) -> str:
    row = reminder.row
    return f"{row.postmortem_id}-{row.action.id}@pmtui"


def reminders_ics(groups: Sequence[OwnerReminders], now: datetime, link_base: str = "") -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "pmtui action items")
    for group in groups:
        for reminder in group.reminders:
            row = reminder.row
            action = row.action
            if action.due is None:
                continue
            event = Event()
            event.add("uid", event_uid(reminder))
            event.add("dtstamp", now)
            event.add("dtstart", action.due)
            event.add("dtend", action.due + timedelta(days=1))
            prefix = "OVERDUE: " if reminder.overdue else "Due: "
            event.add("summary", visible(prefix + action.text))
            details = [
                f"Owner: {group.owner}",
                f'Post-mortem: "{row.postmortem_title}" ({row.postmortem_id}/{action.id})',
            ]
            if action.tracker:
                details.append(f"Tracker: {action.tracker}")
            url = document_url(link_base, row.postmortem_id)
            if url:
                details.append(f"Document: {url}")
                event.add("url", url)
            event.add("description", visible("\n".join(details)))
            # A reminder does not block the owner's day.
            event.add("transp", "TRANSPARENT")
            event.add("categories", ["pmtui", "overdue" if reminder.overdue else "due"])
            calendar.add_component(event)
    return bytes(calendar.to_ical())
