"""Provides with_value_at(): a pmtui/1 document with the place a merge conflict names set to
a value, which is how a conflict is resolved (take the other value) or reopened (undo); and
with_kept_in_place(): a conflict's kept value follows an edit of its place."""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from typing import Any

from pmtui.analysis.places import parse_where
from pmtui.model.codec import (
    action_to_dict,
    attachment_to_dict,
    event_to_dict,
    header_to_dict,
    waiver_to_dict,
    why_to_dict,
)
from pmtui.model.errors import ValidationError
from pmtui.model.postmortem import SECTION_KEYS, PostMortem

Doc = dict[str, Any]
_ANSWER = re.compile(r"^answers\[(\d+)\]$")
_PARTS = ("timeline", "factors", "whys", "action_items", "attachments")
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


def value_at(pm: PostMortem, where: str) -> Any:
    """The pmtui/1 value at `where` (None for an item that is not there), read from the one
    item or the header it names: never the whole document, which a 100,000-event timeline
    would make costly on every save."""
    place = parse_where(where)
    if place.part == "waivers" and place.item_id and not place.field:
        found = [waiver_to_dict(w) for w in pm.waivers if f"{w.rule}:{w.where}" == place.item_id]
        return found[0] if found else None
    if place.part in _PARTS and place.item_id:
        document = _item_document(pm, place.part, place.item_id)
        if document is None or not place.field:
            return document
        answer = _ANSWER.match(place.field)
        if answer is None:
            return document.get(place.field)
        answers = document.get("answers") or []
        index = int(answer.group(1))
        return answers[index] if index < len(answers) else None
    return header_to_dict(pm).get(place.part)


def _item_document(pm: PostMortem, part: str, item_id: str) -> Doc | None:
    if part == "timeline":
        return next((event_to_dict(e) for e in pm.events if e.id == item_id), None)
    if part == "whys":
        return next((why_to_dict(c) for c in pm.whys if c.id == item_id), None)
    if part == "attachments":
        return next((attachment_to_dict(a) for a in pm.attachments if a.id == item_id), None)
    return next((action_to_dict(a) for a in pm.actions if a.id == item_id), None)


def with_kept_in_place(old: PostMortem, new: PostMortem) -> PostMortem:
    """`new`, with each merge conflict it shares with `old` keeping the value now in place
    where an edit (`pmtui set`, the workspace) changed it: the Checks pane and `pmtui check`
    then show as kept what the post-mortem holds, and keeping it confirms that value."""
    if not new.conflicts or not old.conflicts:
        return new
    before = {conflict.where for conflict in old.conflicts}
    conflicts = []
    changed = False
    for conflict in new.conflicts:
        if conflict.where in before:
            now = value_at(new, conflict.where)
            if now != value_at(old, conflict.where):
                conflict = replace(conflict, kept=now)
                changed = True
        conflicts.append(conflict)
    return replace(new, conflicts=tuple(conflicts)) if changed else new
