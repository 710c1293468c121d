"""Property: merging two random sequences of concurrent edits loses nothing acknowledged and
does not depend on which side is "ours".

Both sides start from one base post-mortem and each applies a random sequence of edits (add,
edit, delete events and action items; reword the title, the owner, a summary line, a why
answer; add or remove attendees). New items get ids no other side uses. Let X be the merge.

"Nothing acknowledged is lost" means, precisely:
1. every item one side added is in X;
2. a base item is missing from X only when one side deleted it and the other side either
   deleted it too or left it exactly as in the base; deleted on one side and changed on the
   other, it is in X with the changed side's values, and X holds a conflict at `part[ID]`
   whose `other` is null;
3. every field of every item in X, and every header field, holds the value of one of the
   sides; when only one side changed it from the base, X holds that side's value; when both
   changed it differently, X holds one of the two and a conflict at that place (or at the
   whole list of answers, or the whole section for narrative) records the other value;
4. X reads back through the codec (it is a valid post-mortem).
Symmetry: merge(base, a, b) and merge(base, b, a) are the same document and the same bytes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pmtui.merge.postmortem import merge_documents
from pmtui.model.codec import postmortem_from_dict
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import ActionItem, PostMortem, TimelineEvent
from pmtui.store import pmfile
from tests.conftest import examples
from tests.merge_support import START, base_postmortem, document

WORDS = st.sampled_from(["alpha", "beta", "gamma"])  # few words: sides often agree or clash
MINUTES = st.sampled_from([0, 5, 7, 40])  # shared instants: ties in the timeline


@st.composite
def edited(draw: st.DrawFn, base: PostMortem, side: str) -> PostMortem:
    pm = base
    for step in range(draw(st.integers(0, 8))):
        new_id = f"{side}{step}"
        operation = draw(st.integers(0, 10))
        events, actions = [e.id for e in pm.events], [a.id for a in pm.actions]
        if operation == 0:
            at = START + timedelta(minutes=draw(MINUTES))
            pm = pm.with_event(TimelineEvent(new_id, at, EventKind.NOTE, draw(WORDS)))
        elif operation == 1 and events:
            event = pm.event(draw(st.sampled_from(events)))
            pm = pm.with_event_replaced(replace(event, text=draw(WORDS)))
        elif operation == 2 and events:
            pm = pm.without_event(draw(st.sampled_from(events)))
        elif operation == 3:
            pm = pm.with_action(ActionItem(new_id, draw(WORDS), owner=draw(WORDS)))
        elif operation == 4 and actions:
            action = pm.action(draw(st.sampled_from(actions)))
            pm = pm.with_action(replace(action, owner=draw(WORDS), due=date(2025, 5, 1)))
        elif operation == 5 and actions:
            pm = pm.without_action(draw(st.sampled_from(actions)))
        elif operation == 6:
            pm = replace(pm, title=draw(WORDS), owner=draw(WORDS))
        elif operation == 7:
            lines = pm.summary.split("\n")
            index = draw(st.integers(0, len(lines) - 1))
            lines[index] = draw(WORDS)
            pm = replace(pm, summary="\n".join(lines))
        elif operation == 8 and pm.whys:
            chain = pm.whys[0]
            index = draw(st.integers(0, len(chain.answers)))
            answers = list(chain.answers)
            answers[index:index] = [draw(WORDS)]
            pm = pm.with_why_chain(replace(chain, answers=tuple(answers)))
        elif operation == 9:
            pm = replace(pm, attendees=(*pm.attendees, draw(WORDS)))
        elif operation == 10 and pm.attendees:
            pm = replace(pm, attendees=pm.attendees[1:])
    return replace(pm, updated_at=pm.updated_at + timedelta(minutes=draw(st.integers(0, 9))))


def _items(doc: dict[str, Any], part: str) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in doc[part]}


def _places(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {conflict["where"]: conflict for conflict in doc.get("conflicts", [])}


def _check_value(
    where: str, old: Any, mine: Any, yours: Any, value: Any, places: dict[str, Any]
) -> None:
    assert value in (mine, yours), where
    if mine == old:
        assert value == yours, where
    elif yours == old:
        assert value == mine, where
    elif mine != yours:
        conflict = places.get(where) or places.get(where.rsplit(".", 1)[0] + ".answers")
        assert conflict is not None, where
        if conflict["where"] == where:
            assert {_json(conflict["kept"]), _json(conflict["other"])} == {
                _json(mine),
                _json(yours),
            }


def _json(value: Any) -> str:
    return repr(value)


def _check_nothing_lost(base: dict, ours: dict, theirs: dict, result: dict) -> None:
    places = _places(result)
    for part in ("timeline", "action_items", "whys"):
        old, mine, yours, got = (_items(d, part) for d in (base, ours, theirs, result))
        for item_id in (mine.keys() | yours.keys()) - old.keys():
            assert item_id in got, f"addition {part}[{item_id}] lost"
        for item_id, before in old.items():
            a, b = mine.get(item_id), yours.get(item_id)
            if a is None and b is None:
                assert item_id not in got
            elif a is None or b is None:
                survivor = a or b
                if survivor == before:
                    assert item_id not in got, f"{part}[{item_id}] brought back"
                else:
                    assert got[item_id] == survivor
                    assert places[f"{part}[{item_id}]"]["other"] is None
        for item_id, item in got.items():
            if item_id in mine and item_id in yours:
                before = old.get(item_id, {})
                for field, value in item.items():
                    where = f"{part}[{item_id}].{field}"
                    if field == "answers":
                        continue  # a list of lines: checked as a whole below
                    _check_value(
                        where,
                        before.get(field),
                        mine[item_id][field],
                        yours[item_id][field],
                        value,
                        places,
                    )
    for field in ("title", "owner"):
        _check_value(field, base[field], ours[field], theirs[field], result[field], places)
    for line in set(ours["summary"].split("\n")) ^ set(theirs["summary"].split("\n")):
        kept = result["summary"].split("\n")
        if line not in base["summary"].split("\n") and line not in kept:
            assert "summary" in places and line in places["summary"]["other"].split("\n")
    for name in set(ours["attendees"]) | set(theirs["attendees"]):
        removed = name in base["attendees"] and (
            name not in ours["attendees"] or name not in theirs["attendees"]
        )
        assert (name in result["attendees"]) != removed
    assert result["updated_at"] == max(ours["updated_at"], theirs["updated_at"])


@st.composite
def concurrent(draw: st.DrawFn) -> tuple[PostMortem, PostMortem, PostMortem]:
    base = base_postmortem()
    return base, draw(edited(base, "a")), draw(edited(base, "b"))


@settings(max_examples=examples(300), deadline=None)
@given(concurrent())
def test_merge_loses_nothing_and_is_symmetric(sides: tuple[PostMortem, ...]) -> None:
    base, ours, theirs = (document(pm) for pm in sides)
    result = merge_documents(base, ours, theirs)
    assert merge_documents(base, theirs, ours) == result
    _check_nothing_lost(base, ours, theirs, result)
    one = postmortem_from_dict(result, pm_id=result["id"])
    two = merge_documents(base, theirs, ours)
    assert pmfile.dumps(one) == pmfile.dumps(postmortem_from_dict(two, pm_id=two["id"]))
