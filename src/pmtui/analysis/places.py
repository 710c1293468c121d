"""Provides the `where` of a finding: how it names a part of a post-mortem, the way back,
and the words a person reads for it (`place_label`).

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

from pmtui.model.postmortem import SECTIONS, PostMortem

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


_HEADINGS = dict(SECTIONS) | {
    "title": "Title",
    "owner": "Owner",
    "severity": "Severity",
    "status": "Status",
    "incident_date": "Incident date",
    "timezone": "Timezone",
    "waivers": "Waiver",
    "timeline": "Timeline",
    "whys": "Five Whys",
    "factors": "Contributing factors",
    "action_items": "Action items",
    "attendees": "Attendees",
    "services": "Services / tags",
}
_SINGULAR = {
    "timeline": "Event",
    "action_items": "Action",
    "whys": "Why chain",
    "factors": "Factor",
}
#: A field of an element in the words of its form.
_FIELDS = {
    "at": "time",
    "due": "deadline",
    "made_sense": "how it made sense",
    "customer_text": "customer text",
    "verified_how": "how it was verified",
    "chain_id": "why chain",
    "event_ids": "events",
    "tracker_ref": "tracker reference",
    "done_on": "completion date",
    "answers": "answer",
}
#: The milestones a fact of the timeline ("timeline.start-detected") names.
_MILESTONES = {"start", "detected", "alert", "notified", "acknowledged", "mitigated", "resolved"}
_INDEXED = re.compile(r"^(?P<name>[a-z_]+)\[(?P<index>\d+)\]$")


#: How much of an element's words a pane's one-line label quotes.
LABEL_QUOTE_CHARS = 40


def _clip(text: str, width: int | None = LABEL_QUOTE_CHARS) -> str:
    """`text` on one line, cut to `width` with "…" (None: whole)."""
    text = " ".join(text.split())
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def why_step(field: str) -> int | None:
    """The step of a why chain a field names, as its ladder counts them: 0 for "problem",
    n for "answers[n-1]" (the answer to the n-th why); None for a field of the whole chain."""
    if field == "problem":
        return 0
    indexed = _INDEXED.match(field)
    if indexed and indexed["name"] == "answers":
        return int(indexed["index"]) + 1
    return None


def place_label(pm: PostMortem, where: str, *, whole: bool = False) -> str:
    """Where a finding is, in the words of the panes, never an internal path: 'Impact',
    'Action “Add expiry …” · deadline', 'Why chain 1, answer 2: “The alert rule …”'.

    The panes quote an element's words cut to one line; `whole` quotes them uncut, as a
    published document must (its "Waived checks" line cut an action's name, mock meeting 18a).
    """
    width = None if whole else LABEL_QUOTE_CHARS
    place = parse_where(where)
    if place.part == "waivers" and place.item_id:
        rule, _, waived = place.item_id.partition(":")
        at = place_label(pm, waived, whole=whole)
        return f"Waiver of {rule} at {at}" if waived else "Waiver"
    heading = _HEADINGS.get(place.part, place.part.replace("_", " ").capitalize())
    if not place.item_id:
        return heading + (f" · {_fact(place.field)}" if place.field else "")
    if place.part == "whys":
        return _why_label(pm, place, width)
    name = place.item_id
    try:
        if place.part == "timeline":
            name = f"“{_clip(pm.event(place.item_id).text, width)}”"
        elif place.part == "action_items":
            name = f"“{_clip(pm.action(place.item_id).text, width)}”"
        elif place.part == "factors":
            name = f"“{_clip(pm.factor(place.item_id).title, width)}”"
    except KeyError:
        pass  # the element has gone; its id still says which it was
    label = f"{_SINGULAR.get(place.part, heading)} {name}"
    return label + (f" · {field_label(place.field)}" if place.field else "")


def _why_label(pm: PostMortem, place: Place, width: int | None) -> str:
    """'Why chain 1, answer 2: “…”': the chain by its number on the Five Whys tab."""
    number = next((i for i, c in enumerate(pm.whys, start=1) if c.id == place.item_id), None)
    if number is None:  # the chain has gone
        return f"Why chain {place.item_id}" + (
            f" · {field_label(place.field)}" if place.field else ""
        )
    chain = pm.whys[number - 1]
    indexed = _INDEXED.match(place.field)
    if indexed and indexed["name"] == "answers":
        index = int(indexed["index"])
        text = chain.answers[index] if index < len(chain.answers) else ""
        said = f": “{_clip(text, width)}”" if text else ""
        return f"Why chain {number}, answer {index + 1}{said}"
    if place.field in ("", "problem"):
        what = ", problem" if place.field else ""
        return f"Why chain {number}{what}: “{_clip(chain.problem, width)}”"
    return f"Why chain {number} · {field_label(place.field)}"


def field_label(field: str) -> str:
    """A field of an item in the panes' words: 'at' -> 'time', 'answers[1]' -> 'answer 2'."""
    indexed = _INDEXED.match(field)
    if indexed:
        name = indexed["name"]
        return f"{_FIELDS.get(name, name.replace('_', ' '))} {int(indexed['index']) + 1}"
    return _FIELDS.get(field, field.replace("_", " "))


def _fact(field: str) -> str:
    """'start-detected' -> 'start → detected': a fact of the whole part."""
    steps = field.split("-")
    if len(steps) == 2 and set(steps) <= _MILESTONES:
        return " → ".join(steps)
    return field_label(field)
