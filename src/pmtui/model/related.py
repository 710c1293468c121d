"""Provides related incidents as the author types them: one a line, a title or id, then the
URL where it is written up (either may be left out); "Repeat of:" first marks the incident
this one repeats."""

from __future__ import annotations

import re
from datetime import date

from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import RelatedIncident, optional_text

_URL_AT_END = re.compile(r"(?:^|\s)((?:https?|ftps?)://\S+)\s*$", re.IGNORECASE)
# Between a title and its URL people type a dash, a colon or a bar; none is part of the title.
_SEPARATOR = " \t-–—:|"
#: What starts the line of an incident this one repeats, as the export prints it.
REPEAT_PREFIX = "Repeat of:"
_REPEAT = re.compile(r"^repeat of\s*:\s*", re.IGNORECASE)


def related_from_text(text: str, where: str = "related_incidents") -> tuple[RelatedIncident, ...]:
    """Each non-blank line as a related incident: 'INC-1042 DB failover https://...'."""
    if not isinstance(text, str):
        raise ValidationError("expected text", where)
    related = []
    for line in text.splitlines():
        clean = optional_text(line, where)
        if not clean:
            continue
        repeat = _REPEAT.match(clean)
        if repeat:
            clean = clean[repeat.end() :]
        match = _URL_AT_END.search(clean)
        url = match.group(1) if match else ""
        title = clean[: match.start(1)] if match else clean
        title = title.rstrip(_SEPARATOR).strip()
        if title or url:
            related.append(RelatedIncident(title=title, url=url, repeat=bool(repeat)))
    return tuple(related)


def related_to_text(related: tuple[RelatedIncident, ...]) -> str:
    """The lines `related_from_text` reads back to the same incidents."""
    return "\n".join(
        " ".join(part for part in (REPEAT_PREFIX if r.repeat else "", r.title, r.url) if part)
        for r in related
    )


def repeat_link(pm_id: str, title: str, day: date | None = None) -> RelatedIncident:
    """The link that marks a post-mortem as a repeat of post-mortem `pm_id`: its id first,
    as teams name incidents ("INC-1042 Database failover"), so the reader can find it, and
    the day it happened after the title: a published "Repeat of:" line read as an id and a
    title, with no word of when (mock reviews 28a, 29a, 29b)."""
    when = f" ({day.isoformat()})" if day is not None else ""
    return RelatedIncident(title=f"{pm_id} {title}{when}", repeat=True)


def repeated_ids(related: tuple[RelatedIncident, ...]) -> frozenset[str]:
    """The ids (first words) of the incidents `related` marks this one a repeat of."""
    return frozenset(link.title.split(" ", 1)[0] for link in related if link.repeat)


def with_repeat_of(
    related: tuple[RelatedIncident, ...], link: RelatedIncident
) -> tuple[RelatedIncident, ...]:
    """`related` with `link` as a repeat: an entry for the same incident becomes a repeat in
    its place; marking twice changes nothing."""
    key = link.title.split(" ", 1)[0]
    for index, existing in enumerate(related):
        if existing.title.split(" ", 1)[0] == key:
            if existing.repeat:
                return related
            marked = RelatedIncident(existing.title, existing.url, repeat=True)
            return (*related[:index], marked, *related[index + 1 :])
    return (*related, link)
