"""Provides the texts the Overview pane shows for the customer title and impact window: the
saved value as typed text, and the default each field has when left empty."""

from __future__ import annotations

from datetime import datetime

from pmtui.analysis.customer import default_headline, default_window
from pmtui.model.postmortem import PostMortem
from pmtui.model.times import format_instant


def _local(moment: datetime, pm: PostMortem) -> str:
    # Seconds only when there are some, so a stored 08:52:40 is not cut to 08:52 on display.
    return format_instant(moment, pm.zone, seconds=moment.second != 0)


def customer_field_text(pm: PostMortem, name: str) -> str:
    """The saved value of a customer field as the author types it (local time)."""
    value = getattr(pm, name)
    if isinstance(value, datetime):
        return _local(value, pm)
    return str(value or "")


def customer_defaults(pm: PostMortem) -> dict[str, tuple[str, str]]:
    """Field name -> (placeholder, hint): the default that applies while it is empty."""
    start, end = default_window(pm)
    start_text = _local(start, pm) if start is not None else ""
    end_text = _local(end, pm) if end is not None else ""
    headline = default_headline(pm)
    return {
        "customer_title": (headline, f"default: {headline}"),
        "customer_impact_start": (
            start_text,
            f"default: {start_text} (start)"
            if start_text
            else "default: the 'start' event (none yet)",
        ),
        "customer_impact_end": (
            end_text,
            f"default: {end_text} (recovery)"
            if end_text
            else "default: the 'mitigated' or 'resolved' event (none yet)",
        ),
    }
