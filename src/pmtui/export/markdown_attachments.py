"""Provides the Markdown of attachments: `![alt](attachments/<sha256>.png)` images.

The path is relative to where the document is read: `attachments/` beside an export (the
CLI copies the files next to an `-o` file), `../attachments/` for a team folder's Markdown
copies in postmortems/. The file name is a hash and a fixed extension, never a user's text.
"""

from __future__ import annotations

import re

from pmtui.export.markdown_escape import inline, list_item_text
from pmtui.model.postmortem import Attachment, PostMortem

#: Where an export's images are, relative to the exported file.
ATTACHMENTS_PREFIX = "attachments/"

# inline() escapes brackets only where they would make a link; inside `![...]` any bracket
# could end the alt text early or leave it unbalanced, so every one is escaped.
_BRACKET = re.compile(r"(?<!\\)([\[\]])")


def alt_text(alt: str) -> str:
    """The alt text escaped for the inside of `![...]`."""
    return _BRACKET.sub(r"\\\1", inline(alt, cell=False))


def image_markdown(attachment: Attachment, prefix: str = ATTACHMENTS_PREFIX) -> str:
    """`![alt](prefix<sha256>.<ext>)`."""
    return f"![{alt_text(attachment.alt)}]({prefix}{attachment.file_name})"


def section_images(pm: PostMortem, key: str, prefix: str = ATTACHMENTS_PREFIX) -> str:
    """The images attached to the section `key`, one paragraph each; '' for none."""
    return "\n\n".join(image_markdown(a, prefix) for a in pm.attachments_of(section=key))


def event_figure_lines(
    pm: PostMortem, times: dict[str, str], prefix: str = ATTACHMENTS_PREFIX
) -> list[str]:
    """'- <time>, <event text>: ![alt](...)' for each attachment of an event, in time order;
    `times` holds each event's local time as the timeline shows it, by event id. An
    attachment whose event was deleted is still listed (by its alt text), never lost."""
    events = {event.id: event for event in pm.events}
    order = {event.id: index for index, event in enumerate(pm.events)}
    attached = [a for a in pm.attachments if a.event_id]
    attached.sort(key=lambda a: order.get(a.event_id, len(order)))
    lines = []
    for attachment in attached:
        event = events.get(attachment.event_id)
        if event is None:
            place = "Event no longer in the timeline"
        else:
            # Whole: a published document never cuts the team's words (mock meeting 18a).
            place = f"{times.get(event.id, '')}, {list_item_text(event.text)}"
        lines.append(f"- {place}: {image_markdown(attachment, prefix)}")
    return lines
