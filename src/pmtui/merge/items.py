"""Provides the merge of a list of items matched by key (an id, a name, a waiver's finding).

Additions from both sides are kept; a deletion on one side wins over no change on the other
and the item is not brought back; deleted on one side and changed on the other, the changed
item is kept (nothing acknowledged is lost) and the clash records that the other side
deleted it. The order: the base's items in base order, then each side's additions in that
side's order, the two runs ordered by their keys so the result does not depend on the side.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from pmtui.merge.values import MISSING, Clashes

Key = Callable[[Any], Hashable]
#: Merges one item both sides hold: (key, base or MISSING, ours, theirs) -> merged item.
ItemMerge = Callable[[Hashable, Any, Any, Any], Any]
#: Where a whole item is, for a delete-versus-edit clash: key -> "action_items[a1]".
Place = Callable[[Hashable], str]


def _additions(side: Sequence[Any], known: dict[Hashable, Any], key: Key) -> list[Hashable]:
    return [key(item) for item in side if key(item) not in known]


def merged_order(
    base: Sequence[Any], ours: Sequence[Any], theirs: Sequence[Any], key: Key
) -> list[Hashable]:
    known = {key(item): item for item in base}
    runs = sorted(
        (_additions(ours, known, key), _additions(theirs, known, key)),
        key=lambda run: [repr(k) for k in run],
    )
    order = list(known)
    seen = set(order)
    for run in runs:
        for item_key in run:
            if item_key not in seen:
                seen.add(item_key)
                order.append(item_key)
    return order


def merge_items(
    base: Sequence[Any],
    ours: Sequence[Any],
    theirs: Sequence[Any],
    *,
    key: Key,
    merge_item: ItemMerge,
    place: Place,
    clashes: Clashes,
) -> list[Any]:
    if list(ours) == list(theirs) or list(theirs) == list(base):
        return list(ours)
    if list(ours) == list(base):
        return list(theirs)
    in_base = {key(item): item for item in base}
    in_ours = {key(item): item for item in ours}
    in_theirs = {key(item): item for item in theirs}
    merged = []
    for item_key in merged_order(base, ours, theirs, key):
        old = in_base.get(item_key, MISSING)
        mine = in_ours.get(item_key, MISSING)
        yours = in_theirs.get(item_key, MISSING)
        if mine is MISSING and yours is MISSING:
            continue  # deleted on both sides
        if mine is MISSING or yours is MISSING:
            survivor = yours if mine is MISSING else mine
            if old is MISSING:
                merged.append(survivor)  # added on one side
            elif survivor != old:
                clashes.add(place(item_key), survivor, None, old)
                merged.append(survivor)
            # else: deleted on one side, untouched on the other: it stays deleted
            continue
        if mine == yours or yours == old:
            merged.append(mine)  # the common case, 10,000 times over: no field to merge
        elif mine == old:
            merged.append(yours)
        else:
            merged.append(merge_item(item_key, old, mine, yours))
    return merged
