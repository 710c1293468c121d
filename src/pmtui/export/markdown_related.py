"""Provides the "Related incidents" section: one bullet per linked incident, its title or id
and the address where it is written up, "Repeat of:" first for an incident this one repeats."""

from __future__ import annotations

from pmtui.export.markdown_escape import inline, list_item_text
from pmtui.model.postmortem import RelatedIncident
from pmtui.model.related import REPEAT_PREFIX


def related_line(link: RelatedIncident) -> str:
    """'INC-1042 Database failover: <https://...>'; a bare URL is an autolink of its own;
    'Repeat of: ...' first when this incident repeats that one."""
    title = list_item_text(link.title, "")
    url = inline(link.url, "", cell=False)
    line = f"{title}: {url}" if title and url else title or list_item_text(link.url)
    return f"{REPEAT_PREFIX} {line}" if link.repeat else line
