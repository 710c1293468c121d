"""Provides the "Related incidents" section: one bullet per linked incident, its title or id
and the address where it is written up."""

from __future__ import annotations

from pmtui.export.markdown_blocks import MarkdownDocument
from pmtui.export.markdown_escape import inline, list_item_text
from pmtui.model.postmortem import PostMortem, RelatedIncident


def related_line(link: RelatedIncident) -> str:
    """'INC-1042 Database failover: <https://...>'; a bare URL is an autolink of its own."""
    title = list_item_text(link.title, "")
    url = inline(link.url, "", cell=False)
    if title and url:
        return f"{title}: {url}"
    return title or list_item_text(link.url)


def add_related(document: MarkdownDocument, pm: PostMortem) -> None:
    """Left out when there are none, like every empty section."""
    if not pm.related:
        return
    document.section("Related incidents")
    document.bullets(related_line(link) for link in pm.related)
