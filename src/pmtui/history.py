"""Provides Change and History: what one command did to a post-mortem, and undo/redo.

A Change keeps the post-mortem before and after the command, the place it touched (in the
`where` syntax of the findings: "timeline[ID]", "action_items[ID].owner", "summary") and a
label a person reads ("edit event 'Pager fired'"). The model is immutable and versions share
every untouched item, so a snapshot costs one tuple of references per list it changed; the
inverse of a change is the same change read backwards, and saving it writes only the items
whose identity differs: one small write, whatever the size of the timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, tzinfo
from enum import Enum
from typing import Any

from pmtui.analysis.places import field_label, parse_where, place_label
from pmtui.model.postmortem import SECTIONS, PostMortem
from pmtui.model.times import format_instant

#: How many changes one open post-mortem can undo; older ones are forgotten.
HISTORY_LIMIT = 200
#: How many characters of a name or value a label or notice quotes before "…": a
#: 35-character event name cut at 31 was too short to recognise (mock meeting 18c).
QUOTED_LENGTH = 60
#: Words kept before the first difference when a quoted value starts there ("…the edge.").
_CONTEXT_BEFORE = 24

# Lists compared item by item; the header is every other field but the save stamp.
_LISTS = ("events", "whys", "factors", "actions", "waivers", "conflicts")
_UNTRACKED = frozenset({*_LISTS, "updated_at", "created_at", "format_minor"})
_HEADER = tuple(f.name for f in fields(PostMortem) if f.name not in _UNTRACKED)
_FIELD_NAMES = {
    "incident_date": "incident date",
    "related": "related incidents",
    "customer_title": "customer title",
    "customer_impact_start": "customer impact start",
    "customer_impact_end": "customer impact end",
    **{key: heading.lower() for key, heading in SECTIONS},
}


@dataclass(frozen=True, eq=False)
class Change:
    """One saved command: the state before and after it, where it happened, and its name."""

    verb: str  # "edit event": short enough for a footer
    subject: str  # "'Pager fired'": which one, for a notification ("" for a header field)
    place: str  # "timeline[ev-1]": where the cursor goes to show it
    before: PostMortem
    after: PostMortem

    @property
    def label(self) -> str:
        """'edit event 'Pager fired''."""
        return f"{self.verb} {self.subject}" if self.subject else self.verb

    def inverse(self) -> Change:
        """The change that takes `after` back to `before`."""
        return Change(self.verb, self.subject, self.place, self.after, self.before)


@dataclass(frozen=True, eq=False)
class TypingChange(Change):
    """Typing the Overview refused (never saved), taken out of its fields by an undo: its
    before and after are the same saved version; a redo types `typed` back in."""

    typed: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, eq=False)
class RefusedRun(Change):
    """A type-ahead run on a drop-down that matched no choice, so nothing of it was kept:
    its undo changes nothing and says so, rather than take back an older change elsewhere.
    Never recorded; its before and after are the same saved version."""

    field_label: str = ""  # the drop-down's label, "Severity"


def same_state(one: PostMortem, other: PostMortem) -> bool:
    """Whether two versions hold the same content (the save stamp aside). Items are
    compared by identity: versions that share them are the same, cheaply."""
    if any(getattr(one, name) is not getattr(other, name) for name in _LISTS):
        return False
    return all(getattr(one, name) == getattr(other, name) for name in _HEADER)


def describe(before: PostMortem, after: PostMortem) -> Change:
    """Name what changed between two versions of a post-mortem, and where."""
    verb, subject, place = _describe(before, after)
    return Change(verb, subject, place, before, after)


def _describe(before: PostMortem, after: PostMortem) -> tuple[str, str, str]:
    # A settled conflict may also change the value it was about: name the conflict.
    if before.conflicts is not after.conflicts:
        gone = [c for c in before.conflicts if c not in after.conflicts]
        settled = gone[0] if gone else after.conflicts[-1]
        verb = "settle" if gone else "reopen"
        return f"{verb} merge conflict", f"at {settled.where}", f"conflicts[{settled.where}]"
    if before.waivers is not after.waivers:
        return _describe_waivers(before, after)
    if before.attachments != after.attachments:
        return _describe_attachments(before, after)
    if before.whys is not after.whys and not _chain_left_with_factor(before, after):
        return _describe_items(before.whys, after.whys, "why chain", "whys", _chain_change)
    if before.events is not after.events:  # deleting an event also unlinks it from factors
        return _describe_items(before.events, after.events, "event", "timeline", _field_change)
    if before.factors is not after.factors:  # deleting a factor also unlinks its actions
        return _describe_items(before.factors, after.factors, "factor", "factors", _factor_change)
    if before.actions is not after.actions:
        return _describe_items(
            before.actions, after.actions, "action", "action_items", _action_change
        )
    changed = [name for name in _HEADER if getattr(before, name) != getattr(after, name)]
    if not changed:
        return "save", "", ""
    if changed == ["status"]:
        return f"mark it {after.status.value}", "", "status"
    names = ", ".join(_FIELD_NAMES.get(name, name) for name in changed)
    # The place is named as findings and merge conflicts name it (the Overview's field id).
    place = "related_incidents" if changed[0] == "related" else changed[0]
    return f"edit {names}", "", place


def _describe_attachments(before: PostMortem, after: PostMortem) -> tuple[str, str, str]:
    added = [a for a in after.attachments if a not in before.attachments]
    removed = [a for a in before.attachments if a not in after.attachments]
    attachment = (added or removed)[0] if added or removed else after.attachments[0]
    verb = "attach file" if added else "remove attachment"
    return verb, repr(attachment.alt), f"attachments[{attachment.id}]"


def _describe_waivers(before: PostMortem, after: PostMortem) -> tuple[str, str, str]:
    added = [w for w in after.waivers if w not in before.waivers]
    removed = [w for w in before.waivers if w not in after.waivers]
    waiver = (added or removed)[0]
    verb = "waive" if added else "unwaive"
    subject = f"{waiver.rule} at {place_label(after, waiver.where)}"
    return verb, subject, f"waivers[{waiver.rule}:{waiver.where}]"


def _quoted(text: str, limit: int = QUOTED_LENGTH) -> str:
    return "'" + _clipped(" ".join(text.split()), limit) + "'"


def _clipped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _name(item: Any) -> str:
    text = getattr(item, "text", "") or getattr(item, "problem", "") or getattr(item, "title", "")
    return _quoted(text)


def _chain_left_with_factor(before: PostMortem, after: PostMortem) -> bool:
    """Whether a factor was deleted and its chain went with it: the user deleted a factor."""
    after_ids = {f.id for f in after.factors}
    return any(f.id not in after_ids and f.chain_id for f in before.factors)


def _factor_change(old: Any, new: Any, noun: str) -> tuple[str, str, str]:
    differing = _differing(old, new)
    if differing == ["event_ids"]:
        verb = "link event to" if len(new.event_ids) > len(old.event_ids) else "unlink event from"
        return f"{verb} {noun}", _name(old), "events"
    if differing == ["chain_id"]:
        return "ask why about", _name(old), "chain"
    return f"edit {noun}", _name(old), differing[0] if len(differing) == 1 else ""


def _differing(old: Any, new: Any) -> list[str]:
    return [f.name for f in fields(old) if getattr(old, f.name) != getattr(new, f.name)]


def _field_change(old: Any, new: Any, noun: str) -> tuple[str, str, str]:
    differing = _differing(old, new)
    return f"edit {noun}", _name(old), differing[0] if len(differing) == 1 else ""


def _action_change(old: Any, new: Any, noun: str) -> tuple[str, str, str]:
    differing = [name for name in _differing(old, new) if name != "completed_on"]
    if differing == ["status"]:
        return f"mark {noun} {new.status.value}", _name(old), "status"
    return f"edit {noun}", _name(old), differing[0] if len(differing) == 1 else ""


def _chain_change(old: Any, new: Any, noun: str) -> tuple[str, str, str]:
    if new.root_cause and not old.root_cause:
        return "mark root cause", f"of {_name(old)}", ""
    if old.root_cause and not new.root_cause and new.answers == old.answers:
        return f"reopen {noun}", _name(old), ""
    if len(new.answers) == len(old.answers) + 1 and new.answers[:-1] == old.answers:
        return "answer why", f"{len(new.answers)} of {_name(old)}", f"answers[{len(old.answers)}]"
    if len(new.answers) == len(old.answers) - 1:
        gone = [
            i
            for i in range(len(old.answers))
            if old.answers[:i] + old.answers[i + 1 :] == new.answers
        ]
        if gone:
            # The answer itself, not the chain's problem: that is what went out of view.
            return "delete why", f"{gone[0] + 1} {_quoted(old.answers[gone[0]])}", ""
    return f"edit {noun}", _name(old), ""


def _describe_items(
    old: Sequence[Any], new: Sequence[Any], noun: str, part: str, edited: Any
) -> tuple[str, str, str]:
    old, new = _changed_middle(old, new)
    old_by_id = {item.id: item for item in old}
    added = [item for item in new if item.id not in old_by_id]
    new_ids = {item.id for item in new}
    removed = [item for item in old if item.id not in new_ids]
    changed = [item for item in new if item.id in old_by_id and old_by_id[item.id] is not item]
    if added and not removed and not changed:
        first = added[0]
        if len(added) == 1:
            return f"add {noun}", _name(first), f"{part}[{first.id}]"
        return f"add {len(added):,} {noun}s", "", f"{part}[{first.id}]"
    if removed and not added and not changed:
        first = removed[0]
        if len(removed) == 1:
            return f"delete {noun}", _name(first), f"{part}[{first.id}]"
        return f"delete {len(removed):,} {noun}s", "", part
    if len(changed) == 1 and added and not removed and _split(old_by_id[changed[0].id], changed[0]):
        return f"split {noun}", _name(changed[0]), f"{part}[{changed[0].id}]"
    if len(changed) == 1 and not added and not removed:
        item = changed[0]
        verb, subject, field = edited(old_by_id[item.id], item, noun)
        return verb, subject, f"{part}[{item.id}]" + (f".{field}" if field else "")
    if changed and not removed:
        # An import that also merged records into rows the timeline held.
        first = (added or changed)[0]
        updated = f"update {_count(changed, noun)}"
        verb = f"add {_count(added, noun)} and {updated}" if added else updated
        return verb, "", f"{part}[{first.id}]"
    return f"change {noun}s", "", part


def _count(items: Sequence[Any], noun: str) -> str:
    return f"1 {noun}" if len(items) == 1 else f"{len(items):,} {noun}s"


def _split(old: Any, new: Any) -> bool:
    """Whether a timeline row several sources saw became one event per record."""
    return bool(getattr(old, "seen_in", ())) and not getattr(new, "seen_in", ())


def _changed_middle(old: Sequence[Any], new: Sequence[Any]) -> tuple[Sequence[Any], Sequence[Any]]:
    # One edit in a 10,000-event timeline leaves a handful of items to compare.
    start, limit = 0, min(len(old), len(new))
    while start < limit and old[start] is new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] is new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return old[start:end_old], new[start:end_new]


# What an edited item is called in a notice, and its field that names it.
_ITEMS = {
    "timeline": ("event", "text"),
    "action_items": ("action", "text"),
    "factors": ("factor", "title"),
    "whys": ("why chain", "problem"),
}


def told(change: Change, *, undone: bool) -> str:
    """What an undo (`undone`) or a redo of `change` did, for its notice. An edit names the
    value it made, and an undo also the one it put back: "event text → “Pager fired” (back
    to “openssl s_client …”)"; a redo "event text → “Pager fired”". The label names an edited
    item by its text before the edit, which a redo had just replaced (mock meeting 17). A
    header field or section is named the same way: "summary → “…the edge. More.” (back to
    “…the edge.”)", not "edit summary" (mock meeting 18c). Adds, deletes and imports are
    named by their label, which holds the same either way."""
    field = _header_field(change)
    if field is not None:
        label = _FIELD_NAMES.get(field, field)
        was, now = _listed(getattr(change.before, field)), _listed(getattr(change.after, field))
        values = _values(was, now, change.after.zone)
        return _said(label, values, undone) if values is not None else change.label
    edit = _edit_of(change)
    if edit is None:
        return change.label
    noun, naming, old, new, names = edit
    if len(names) == 1:
        name = names[0]
        values = _values(getattr(old, name), getattr(new, name), change.after.zone)
        if values is not None:
            which = "" if name == naming else f" {_curly(getattr(new, naming))}"
            return _said(f"{noun}{which} {field_label(name)}", values, undone)
    said = f"edit {noun} {_curly(getattr(new, naming))} ({', '.join(map(field_label, names))})"
    if undone and getattr(old, naming) != getattr(new, naming):
        return f"{said}, back to {_curly(getattr(old, naming))}"
    return said


def _said(what: str, values: tuple[str, str], undone: bool) -> str:
    """'summary → “new”', and after an undo ' (back to “old”)', the value it put back."""
    was, now = values
    return f"{what} → {now} (back to {was})" if undone else f"{what} → {now}"


def _header_field(change: Change) -> str | None:
    """The one header field or narrative section `change` edited (or marked, the status);
    None for any other change."""
    if type(change) is not Change or not change.verb.startswith(("edit ", "mark it ")):
        return None
    before, after = change.before, change.after
    if any(getattr(before, name) is not getattr(after, name) for name in _LISTS):
        return None
    changed = [name for name in _HEADER if getattr(before, name) != getattr(after, name)]
    return changed[0] if len(changed) == 1 else None


def _edit_of(change: Change) -> tuple[str, str, Any, Any, list[str]] | None:
    """The one item `change` edited: its noun, the field that names it, both versions and
    the fields that differ; None for any other change."""
    # Only edits: an add, a delete, a link or an answer names its item the same either way.
    if type(change) is not Change or not change.verb.startswith("edit ") or not change.place:
        return None
    place = parse_where(change.place)
    if place.part not in _ITEMS or not place.item_id:
        return None
    old = _item(change.before, place.part, place.item_id)
    new = _item(change.after, place.part, place.item_id)
    if old is None or new is None or old is new:
        return None
    # Stamps that follow another field (done on, synced at) are not what the user changed.
    names = [name for name in _differing(old, new) if name not in ("completed_on", "synced_at")]
    noun, naming = _ITEMS[place.part]
    return (noun, naming, old, new, names) if names else None


def _item(pm: PostMortem, part: str, item_id: str) -> Any:
    items: Sequence[Any] = {
        "timeline": pm.events,
        "action_items": pm.actions,
        "factors": pm.factors,
        "whys": pm.whys,
    }[part]
    return next((item for item in items if item.id == item_id), None)


def _curly(text: str, limit: int = QUOTED_LENGTH) -> str:
    return "“" + _clipped(" ".join(text.split()), limit) + "”"


def _values(old: object, new: object, zone: tzinfo) -> tuple[str, str] | None:
    """Two values of one field as a notice says them, before and after; None for values
    it cannot say in a few words. Two long texts alike at their start are quoted from a
    little before where they differ: "summary → “On Wednesday 2025-03-19 at 08:41…” (back
    to “On Wednesday 2025-03-19 at 08:41…”)" said nothing of the words added at the end."""
    texts = [" ".join(v.split()) for v in (old, new) if isinstance(v, str) and v]
    if len(texts) == 2 and not isinstance(old, Enum):  # a choice (SEV2) is said as it is
        return _quoted_from_difference(*texts)
    was, now = _value(old, zone), _value(new, zone)
    return None if was is None or now is None else (was, now)


def _quoted_from_difference(old: str, new: str) -> tuple[str, str]:
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    if same < QUOTED_LENGTH - _CONTEXT_BEFORE:
        return _curly(old), _curly(new)  # the difference shows from the start
    # From the start of a word a little before the difference, the same place in both.
    start = old.rfind(" ", 0, same - _CONTEXT_BEFORE) + 1
    return _curly_from(old, start), _curly_from(new, start)


def _curly_from(text: str, start: int) -> str:
    return "“…" + _clipped(text[start:], QUOTED_LENGTH) + "”"


def _listed(value: object) -> object:
    """A header list of names (attendees, services) as the Overview shows it."""
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        return ", ".join(value)
    return value


def _value(value: object, zone: tzinfo) -> str | None:
    """A field's value as a notice says it; None for one it cannot say in a few words."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, Enum):  # before str: a choice (SEV2, draft) is no quoted text
        return str(value.value)
    if isinstance(value, str):
        return _curly(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return format_instant(value, zone, seconds=bool(value.second))
    if isinstance(value, date):
        return value.isoformat()
    return None


class History:
    """The undo and redo stacks of one open post-mortem.

    `record` a change once it is saved; `undo_next` is what ctrl+z would take back. Once its
    inverse is saved, `undone` moves it over to the redo side (and `redone` back). A new
    change clears what could be redone, and only the last `limit` changes are kept.
    """

    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        if limit < 1:
            raise ValueError("a history keeps at least one change")
        self.limit = limit
        self._undo: list[Change] = []
        self._redo: list[Change] = []

    def record(self, change: Change) -> None:
        self._undo.append(change)
        del self._undo[: -self.limit]
        self._redo.clear()

    @property
    def undo_next(self) -> Change | None:
        return self._undo[-1] if self._undo else None

    @property
    def redo_next(self) -> Change | None:
        return self._redo[-1] if self._redo else None

    def undone(self) -> Change:
        change = self._undo.pop()
        self._redo.append(change)
        return change

    def redone(self) -> Change:
        change = self._redo.pop()
        self._undo.append(change)
        return change

    def forget_undo_next(self) -> None:
        """Drop the next undo without taking it back: typing a redo put back in its field is
        taken out again by the next undo, as a new entry."""
        if self._undo:
            self._undo.pop()

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    def labels(self) -> tuple[list[str], list[str]]:
        """What can be undone and redone, the next one first."""
        return [c.label for c in reversed(self._undo)], [c.label for c in reversed(self._redo)]
