"""Provides the "Related incidents" section: one bullet per linked incident, its title or id
and the address where it is written up."""

from __future__ import annotations

from pmtui.export.markdown_escape import inline, list_item_text
from pmtui.model.postmortem import RelatedIncident


def related_line(link: RelatedIncident) -> str:
    """'INC-1042 Database failover: <https://...>'; a bare URL is an autolink of its own."""
    title = list_item_text(link.title, "")
    url = inline(link.url, "", cell=False)
    if title and url:
        return f"{title}: {url}"
    return title or list_item_text(link.url)
