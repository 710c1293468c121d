"""Provides the `where` of a finding: how it names a part of a post-mortem, and the way back.

Forms (ids, not list positions, so a waiver keeps pointing at the same element when others
are inserted or deleted):
- a header field or narrative section: "title", "summary", "lessons";
- a whole list: "timeline", "whys", "action_items";
- a derived fact of the timeline: "timeline.start", "timeline.start-resolved";
- an element or one of its fields: "action_items[a1]", "action_items[a1].owner",
  "timeline[ev-ack].at", "whys[why-renewal].answers[2]".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PLACE = re.compile(
    r"^(?P<part>[a-z_]+)(?:\[(?P<item>.+?)\])?(?:\.(?P<field>[a-z_-]+(?:\[\d+\])?))?$"
)


@dataclass(frozen=True, slots=True)
class Place:
    part: str  # "summary", "timeline", "whys", "action_items", ...
    item_id: str = ""  # the element's id, when the place is inside one
    field: str = ""  # "owner", "answers[2]", "start", ...


def at_item(part: str, item_id: str, field: str = "") -> str:
    """'action_items[a1].owner' for part 'action_items', item 'a1', field 'owner'."""
    return f"{part}[{item_id}]" + (f".{field}" if field else "")


def at_field(part: str, field: str) -> str:
    """'timeline.start': a fact about a whole part."""
    return f"{part}.{field}"


def parse_where(where: str) -> Place:
    """The parts of a `where` written by the guides; an unknown form is kept as the part."""
    match = _PLACE.match(where)
    if not match:
        return Place(where)
    return Place(match["part"], match["item"] or "", match["field"] or "")
