"""Provides place_label: a finding's `where` in the words of the panes, shared by the
Checks tab and the readiness checklist."""

from __future__ import annotations

from pmtui.analysis.places import parse_where
from pmtui.model.postmortem import SECTIONS, PostMortem

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
}


def _clip(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def place_label(pm: PostMortem, where: str) -> str:
    """Where a finding is, in the words of the panes: 'Impact', 'Action “Add expiry …” · owner'."""
    place = parse_where(where)
    heading = _HEADINGS.get(place.part, place.part)
    if not place.item_id:
        return heading + (f" · {place.field}" if place.field else "")
    name = place.item_id
    try:
        if place.part == "timeline":
            name = f"“{_clip(pm.event(place.item_id).text)}”"
        elif place.part == "action_items":
            name = f"“{_clip(pm.action(place.item_id).text)}”"
        elif place.part == "whys":
            chain = next(c for c in pm.whys if c.id == place.item_id)
            name = f"“{_clip(chain.problem)}”"
        elif place.part == "factors":
            name = f"“{_clip(pm.factor(place.item_id).title)}”"
    except (KeyError, StopIteration):
        pass  # the element has gone; its id still says which it was
    singular = {
        "timeline": "Event",
        "action_items": "Action",
        "whys": "Why chain",
        "factors": "Factor",
    }
    label = f"{singular.get(place.part, heading)} {name}"
    return label + (f" · {place.field}" if place.field else "")
