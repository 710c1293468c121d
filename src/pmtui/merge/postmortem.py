"""Provides merge_documents(): the three-way merge of two versions of one post-mortem.

Header fields merge as single values, attendees and services as sets of names, narrative
sections line by line, and timeline events, contributing factors, why chains, action items,
attachments and waivers item by item (why answers as a list of lines, a factor's linked
events as a set). A version from before factors is read with one factor per why chain, as
pmtui reads such a file, so that it merges with a version that has them. `updated_at` takes
the later time and `created_at` the earlier. Every clash is kept in the result's `conflicts`,
after the unresolved ones both sides already had; merge(base, a, b) and merge(base, b, a) give
the same document.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, cast

from pmtui.merge.items import merge_items
from pmtui.merge.lines import join_lines, merge_lines, split_text
from pmtui.merge.values import MISSING, Clashes, Doc, merge_value, ordered
from pmtui.model.codec import FORMAT, FORMAT_MINOR
from pmtui.model.postmortem import SECTION_KEYS
from pmtui.model.times import parse_iso_utc

HEADER_FIELDS = (
    "title",
    "severity",
    "status",
    "owner",
    "incident_date",
    "timezone",
    # The customer version's own fields: single values like the title.
    "customer_title",
    "customer_impact_start",
    "customer_impact_end",
)
RELATED = "related_incidents"
NAME_LISTS = ("attendees", "services")
#: The item lists of a document and the key of an item in each.
ITEM_LISTS = ("timeline", "factors", "whys", "action_items")
ATTACHMENTS = "attachments"


def waiver_place(rule: str, where: str) -> str:
    """'waivers[blame-language:summary]': a waiver is named by the finding it accepts."""
    return f"waivers[{rule}:{where}]"


def _fields(
    part: str, item_id: Hashable, base: Any, ours: Doc, theirs: Doc, clashes: Clashes
) -> Doc:
    """One item both sides hold, merged field by field."""
    old: Doc = base if isinstance(base, dict) else {}
    merged: Doc = {}
    synced = _last_sync(ours, theirs) if part == "action_items" else None
    for name in sorted(ours.keys() | theirs.keys()):
        mine, yours = ours.get(name, MISSING), theirs.get(name, MISSING)
        where = f"{part}[{item_id}].{name}"
        if synced is not None and name in SYNC_FIELDS:
            if name in synced:
                merged[name] = synced[name]
        elif name == "answers" and isinstance(mine, list) and isinstance(yours, list):
            merged[name] = _answers(where, old.get(name, []), mine, yours, clashes)
        elif name == "seen_in":
            records = _seen_in(old.get(name, []), _listed(mine), _listed(yours))
            if records:
                merged[name] = records
        elif part == "factors" and name == "events":
            merged[name] = _linked_events(old, ours, theirs)
        else:
            value = merge_value(where, old.get(name, MISSING), mine, yours, clashes)
            if value is not MISSING:
                merged[name] = value
    return merged


#: An action's last tracker sync: two people who synced at different times did not clash,
#: the later sync is simply the last one, so its time and tracker are kept together.
SYNC_FIELDS = ("synced_at", "synced_from")


def _last_sync(ours: Doc, theirs: Doc) -> Doc:
    def stamp(side: Doc) -> tuple[int, object, str]:
        value = side.get("synced_at")
        if not isinstance(value, str):
            return (0, None, "")
        try:
            return (1, parse_iso_utc(value), value)
        except ValueError:
            return (0, None, value)

    later = max((ours, theirs), key=lambda side: (stamp(side), str(side.get("synced_from"))))
    return {name: later[name] for name in SYNC_FIELDS if name in later}


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _record_key(record: Any) -> str:
    return repr(sorted(record.items())) if isinstance(record, dict) else repr(record)


def _seen_in(base: Any, ours: list[Any], theirs: list[Any]) -> list[Any]:
    """A grouped event's records as a set: each side's additions kept (evidence is never
    thrown away), a record one side took out (a split gives it back as its own event)
    left out, in time order."""
    held = {_record_key(record) for record in _listed(base)}
    mine = {_record_key(record): record for record in ours}
    yours = {_record_key(record): record for record in theirs}
    kept = {
        key: record
        for key, record in {**mine, **yours}.items()
        if key not in held or (key in mine and key in yours)
    }
    return sorted(
        kept.values(),
        key=lambda record: (
            str(record.get("at")) if isinstance(record, dict) else "",
            _record_key(record),
        ),
    )


def _answers(
    where: str, base: list[str], ours: list[str], theirs: list[str], clashes: Clashes
) -> list[str]:
    result = merge_lines(base, ours, theirs)
    if result.other is not None:
        kept, other = list(result.merged), list(result.other)
        changed = [i for i, (a, b) in enumerate(zip(kept, other, strict=False)) if a != b]
        if len(kept) == len(other) == len(base) and len(changed) == 1:
            # The common clash, both sides reworded one answer: name that answer.
            index = changed[0]
            clashes.add(f"{where}[{index}]", kept[index], other[index], base[index])
        else:
            clashes.add(where, kept, other, base)
    return list(result.merged)


def _linked_events(base: Doc, ours: Doc, theirs: Doc) -> list[str]:
    """A factor's linked events as a set: links added on either side are kept, a link
    removed on one side stays removed; never a clash."""
    return _merge_names("events", base, ours, theirs)


def with_factors(document: Doc) -> Doc:
    """`document` as a version with factors: one from before them gets one factor per why
    chain, under the chain's id, and its actions' `cause` becomes `factor` (the same id)."""
    if not document or "factors" in document:
        return document
    upgraded = dict(document)
    upgraded["factors"] = [
        {
            "id": chain["id"],
            "title": chain.get("problem", ""),
            "category": chain.get("category"),
            "events": [],
            "made_sense": "",
            "chain": chain["id"],
        }
        for chain in _list(document, "whys")
    ]
    actions = []
    for action in _list(document, "action_items"):
        action = dict(action)
        action.setdefault("factor", action.pop("cause", "") or "")
        action.pop("cause", None)
        actions.append(action)
    upgraded["action_items"] = actions
    return upgraded


def _section(key: str, base: str, ours: str, theirs: str, clashes: Clashes) -> str:
    result = merge_lines(split_text(base), split_text(ours), split_text(theirs))
    if result.other is not None:
        clashes.add(key, join_lines(result.merged), join_lines(result.other), base)
    return join_lines(result.merged)


def _list(document: Doc, name: str) -> list[Any]:
    value = document.get(name)
    return value if isinstance(value, list) else []


def _merge_list(part: str, base: Doc, ours: Doc, theirs: Doc, clashes: Clashes) -> list[Doc]:
    def merge_item(item_id: Hashable, old: Any, mine: Doc, yours: Doc) -> Doc:
        return _fields(part, item_id, old, mine, yours, clashes)

    return merge_items(
        _list(base, part),
        _list(ours, part),
        _list(theirs, part),
        key=lambda item: item["id"],
        merge_item=merge_item,
        place=lambda item_id: f"{part}[{item_id}]",
        clashes=clashes,
    )


def _merge_waivers(base: Doc, ours: Doc, theirs: Doc, clashes: Clashes) -> list[Doc]:
    def key(waiver: Doc) -> Hashable:
        return (waiver["rule"], waiver["where"])

    def place(finding: Hashable) -> str:
        rule, where = cast(tuple[str, str], finding)  # the pair `key` made
        return waiver_place(rule, where)

    def merge_item(finding: Hashable, old: Any, mine: Doc, yours: Doc) -> Doc:
        merged: Doc = merge_value(place(finding), old, mine, yours, clashes)
        return merged

    return merge_items(
        _list(base, "waivers"),
        _list(ours, "waivers"),
        _list(theirs, "waivers"),
        key=key,
        merge_item=merge_item,
        place=place,
        clashes=clashes,
    )


def _merge_names(name: str, base: Doc, ours: Doc, theirs: Doc) -> list[str]:
    return merge_items(
        _list(base, name),
        _list(ours, name),
        _list(theirs, name),
        key=lambda item: item,
        merge_item=lambda _key, _old, mine, _yours: mine,
        place=lambda item: name,
        clashes=Clashes(),  # a set of names never clashes
    )


def _earlier_or_later(ours: str, theirs: str, *, later: bool) -> str:
    first, second = sorted((ours, theirs), key=lambda stamp: (parse_iso_utc(stamp), stamp))
    return second if later else first


def _keep_references_sound(merged: Doc, clashes: Clashes) -> None:
    """Undo what would make the merged document unreadable: an action pointing at a factor
    the other side deleted, a factor drilling into a deleted chain or linking a deleted
    event, a root cause left without an answer or a category."""
    chains = {chain["id"] for chain in merged["whys"]}
    events = {event["id"] for event in merged["timeline"]}
    factors = {factor["id"] for factor in merged["factors"]}
    for factor in merged["factors"]:
        chain = factor.get("chain") or ""
        if chain and chain not in chains:
            clashes.add(f"factors[{factor['id']}].chain", "", chain, chain)
            factor["chain"] = ""
        # A link to an event that is gone shows nothing: dropped without a clash.
        factor["events"] = [e for e in factor.get("events") or [] if e in events]
    for action in merged["action_items"]:
        factor_id = action.get("factor") or ""
        if factor_id and factor_id not in factors:
            clashes.add(f"action_items[{action['id']}].factor", "", factor_id, factor_id)
            action["factor"] = ""
    for chain in merged["whys"]:
        if chain.get("root_cause") and (not chain.get("answers") or not chain.get("category")):
            clashes.add(f"whys[{chain['id']}].root_cause", False, True, True)
            chain["root_cause"] = False


def _merge_conflicts(base: Doc, ours: Doc, theirs: Doc, clashes: Clashes) -> list[Doc]:
    """Unresolved conflicts of both sides (a resolution on one side wins over none), then
    this merge's; a new clash at a place replaces an old one there."""

    def keep_one(_where: Hashable, _old: Any, mine: Doc, yours: Doc) -> Doc:
        first: Doc = ordered(mine, yours)[0]
        return first

    earlier = merge_items(
        _list(base, "conflicts"),
        _list(ours, "conflicts"),
        _list(theirs, "conflicts"),
        key=lambda conflict: conflict["where"],
        merge_item=keep_one,
        place=lambda where: str(where),
        clashes=Clashes(),  # a conflict about conflicts would help nobody
    )
    fresh = {conflict["where"]: conflict for conflict in clashes.found}
    return [c for c in earlier if c["where"] not in fresh] + list(fresh.values())


def merge_documents(base: Doc | None, ours: Doc, theirs: Doc) -> Doc:
    """The merged pmtui/1 document; `base` None (or empty) when both sides added the file."""
    old: Doc = with_factors(base or {})
    ours, theirs = with_factors(ours), with_factors(theirs)
    clashes = Clashes()
    merged: Doc = {"format": FORMAT, "format_minor": FORMAT_MINOR}
    merged["id"] = ordered(ours.get("id"), theirs.get("id"))[0]
    for name in HEADER_FIELDS:
        value = merge_value(
            name,
            old.get(name, MISSING),
            ours.get(name, MISSING),
            theirs.get(name, MISSING),
            clashes,
        )
        if value is not MISSING:
            merged[name] = value
    for name in NAME_LISTS:
        merged[name] = _merge_names(name, old, ours, theirs)
    for key in SECTION_KEYS:
        merged[key] = _section(
            key, old.get(key) or "", ours.get(key) or "", theirs.get(key) or "", clashes
        )
    # One ordinary value: the list changes as a whole (files from before it read as empty).
    merged[RELATED] = merge_value(
        RELATED, old.get(RELATED, []), ours.get(RELATED, []), theirs.get(RELATED, []), clashes
    )
    merged["created_at"] = _earlier_or_later(ours["created_at"], theirs["created_at"], later=False)
    merged["updated_at"] = _earlier_or_later(ours["updated_at"], theirs["updated_at"], later=True)
    for part in ITEM_LISTS:
        merged[part] = _merge_list(part, old, ours, theirs, clashes)
    _keep_references_sound(merged, clashes)
    # Attachments item by item by id, like events: two people attaching different graphs
    # keep both, and one removing what the other left alone removes it.
    attachments = _merge_list(ATTACHMENTS, old, ours, theirs, clashes)
    if attachments:
        merged[ATTACHMENTS] = attachments
    waivers = _merge_waivers(old, ours, theirs, clashes)
    if waivers:
        merged["waivers"] = waivers
    conflicts = _merge_conflicts(old, ours, theirs, clashes)
    if conflicts:
        merged["conflicts"] = conflicts
    return merged
