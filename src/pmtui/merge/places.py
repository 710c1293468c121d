"""Provides with_value_at(): a pmtui/1 document with the place a merge conflict names set to
a value, which is how a conflict is resolved (take the other value) or reopened (undo)."""

from __future__ import annotations

import copy
import re
from typing import Any

from pmtui.analysis.places import parse_where
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import SECTION_KEYS

Doc = dict[str, Any]
_ANSWER = re.compile(r"^answers\[(\d+)\]$")
_PARTS = ("timeline", "factors", "whys", "action_items")
#: The header places a merge can record a conflict at (see merge.postmortem).
_HEADER = frozenset(
    {
        "title",
        "severity",
        "status",
        "owner",
        "incident_date",
        "timezone",
        "related_incidents",
        "customer_title",
        "customer_impact_start",
        "customer_impact_end",
        *SECTION_KEYS,
    }
)


def _set_item(items: list[Doc], item_id: str, value: Any, key: Any) -> list[Doc]:
    """`items` with the one whose key is `item_id` replaced by `value` (None deletes it; an
    item that has gone comes back at the end)."""
    kept = [item for item in items if key(item) != item_id]
    if value is None:
        return kept
    if len(kept) == len(items):
        return [*items, value]
    return [value if key(item) == item_id else item for item in items]


def _waiver_key(waiver: Doc) -> str:
    return f"{waiver.get('rule')}:{waiver.get('where')}"


def with_value_at(document: Doc, where: str, value: Any) -> Doc:
    """A copy of `document` with `where` (as merge conflicts name places) set to `value`."""
    result = copy.deepcopy(document)
    place = parse_where(where)
    if place.part == "waivers" and place.item_id and not place.field:
        waivers = result.get("waivers") or []
        result["waivers"] = _set_item(waivers, place.item_id, value, _waiver_key)
        return result
    if place.part in _PARTS and place.item_id:
        items = result.get(place.part) or []
        if not place.field:
            result[place.part] = _set_item(items, place.item_id, value, lambda i: i.get("id"))
            return result
        if place.field == "id":
            raise ValidationError("an item's id is never changed", where)
        for item in items:
            if item.get("id") == place.item_id:
                _set_field(item, place.field, value, where)
                return result
        raise ValidationError("that item is no longer in the post-mortem", where)
    if place.item_id or place.field or place.part not in _HEADER:
        raise ValidationError("a merge conflict cannot name this place", where)
    result[place.part] = value
    return result


def _set_field(item: Doc, field: str, value: Any, where: str) -> None:
    answer = _ANSWER.match(field)
    if answer is None:
        item[field] = value
        return
    answers = list(item.get("answers") or [])
    index = int(answer.group(1))
    if index >= len(answers):
        raise ValidationError("that answer is no longer in the chain", where)
    answers[index] = value
    item["answers"] = answers
