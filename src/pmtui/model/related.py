"""Provides related incidents as the author types them: one a line, a title or id, then the
URL where it is written up (either may be left out)."""

from __future__ import annotations

import re

from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import RelatedIncident, optional_text

_URL_AT_END = re.compile(r"(?:^|\s)((?:https?|ftps?)://\S+)\s*$", re.IGNORECASE)
# Between a title and its URL people type a dash, a colon or a bar; none is part of the title.
_SEPARATOR = " \t-–—:|"


def related_from_text(text: str, where: str = "related_incidents") -> tuple[RelatedIncident, ...]:
    """Each non-blank line as a related incident: 'INC-1042 DB failover https://...'."""
    if not isinstance(text, str):
        raise ValidationError("expected text", where)
    related = []
    for line in text.splitlines():
        clean = optional_text(line, where)
        if not clean:
            continue
        match = _URL_AT_END.search(clean)
        url = match.group(1) if match else ""
        title = clean[: match.start(1)] if match else clean
        related.append(RelatedIncident(title=title.rstrip(_SEPARATOR).strip(), url=url))
    return tuple(related)


def related_to_text(related: tuple[RelatedIncident, ...]) -> str:
    """The lines `related_from_text` reads back to the same incidents."""
    return "\n".join(" ".join(part for part in (r.title, r.url) if part) for r in related)
