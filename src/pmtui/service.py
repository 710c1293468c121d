"""Provides PostMortemService: the one place the UI and CLI change a post-mortem.

Each method validates its input, builds the new immutable PostMortem, saves exactly what
changed in one write, and returns the new state. Invalid input raises ValidationError and
nothing is saved; a failed save raises StoreError and the caller keeps the old state.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pmtui.model import format_version
from pmtui.model.codec import (
    local_midnight,
    parse_names,
    postmortem_from_dict,
    postmortem_to_dict,
)
from pmtui.model.enums import (
    ActionStatus,
    ActionType,
    CauseCategory,
    EventKind,
    Priority,
    Severity,
    Status,
    parse_enum,
    parse_optional_enum,
)
from pmtui.model.errors import ValidationError
from pmtui.model.evidence import Evidence
from pmtui.model.postmortem import (
    CUSTOMER_WINDOW,
    SECTION_KEYS,
    ActionItem,
    Attachment,
    ContributingFactor,
    MergeConflict,
    PostMortem,
    TimelineEvent,
    Waiver,
    WhyChain,
    check_customer_window,
    narrative_text,
    new_id,
    optional_text,
    require_text,
)
from pmtui.model.summary import Listing, PostMortemSummary
from pmtui.model.text import scrub
from pmtui.model.timeline_facts import TimelineFacts, TimeWindows
from pmtui.model.timeline_size import MAX_EVENTS, check_room
from pmtui.model.times import (
    parse_due,
    parse_incident_date,
    parse_instant,
    parse_timezone,
    typed_clock,
)
from pmtui.store import (
    NewerFormat,
    NotFound,
    ReadOnlyStore,
    StoreError,
    StoreLocked,
    open_store,
)

if TYPE_CHECKING:
    from pmtui.analysis.findings import Finding
    from pmtui.analysis.readiness import Readiness
    from pmtui.history import Change
    from pmtui.store.protocol import Store

__all__ = ["PostMortemService", "StoreError", "open_service"]

Clock = Callable[[], datetime]


def zone_name(zone: tzinfo, typed: str) -> str:
    """The name a post-mortem keeps for `zone`, read from `typed`: the zone's own spelling
    ("europe/berlin" typed is kept as Europe/Berlin), else what was typed (UTC)."""
    key = getattr(zone, "key", None)
    return key if isinstance(key, str) else typed.strip()


def utc_now() -> datetime:
    return datetime.now(UTC)


_EVENT_FIELDS = frozenset({"at", "kind", "text", "source", "link"})
#: The trackers `sync_actions` records a sync from (ActionItem.synced_from).
TRACKER_SOURCES = ("jira", "linear", "github")
_SYNC_FIELDS = frozenset({"status", "completed_on", "tracker"})
_ACTION_FIELDS = frozenset(
    {
        "text",
        "owner",
        "due",
        "priority",
        "kind",
        "status",
        "tracker",
        "factor_id",
        "customer_text",
        "verified_on",
        "verified_how",
    }
)
_FACTOR_FIELDS = frozenset({"title", "category", "made_sense", "event_ids"})


def _left_empty(value: object) -> bool:
    """A field nobody filled in yet: missing, or blank text."""
    return value is None or (isinstance(value, str) and not value.strip())


def _refuse_unknown(fields: Mapping[str, Any], known: frozenset[str], what: str) -> None:
    # A misspelt field would otherwise vanish silently, and with it what the user typed.
    for name in fields:
        if name not in known:
            raise ValidationError(f"{name!r} is not {what} field", name)


def _unused_id(taken: Iterable[str]) -> str:
    """A fresh id that no element of the same list already has (ids are 32 random bits)."""
    used = set(taken)
    candidate = new_id()
    while candidate in used:
        candidate = new_id()
    return candidate


def _unused_ids(taken: Container[str], count: int) -> list[str]:
    """`count` fresh ids like new_id's, drawn at once: an import mints 100,000 of them."""
    import secrets  # here: drawing ids is for writing; start-up lists without it

    drawn_now: set[str] = set()
    ids: list[str] = []
    while len(ids) < count:
        drawn = secrets.token_hex(4 * (count - len(ids)))
        for start in range(0, len(drawn), 8):
            candidate = drawn[start : start + 8]
            if candidate not in drawn_now and candidate not in taken:
                drawn_now.add(candidate)
                ids.append(candidate)
    return ids


def evidence_key(event: Evidence) -> tuple[datetime, str, str]:
    """What makes two events the same evidence: the instant, the source, and the evidence
    line verbatim. Kind and text are left out because the author may edit them after import."""
    # Compared as the model holds them: a stored event's texts passed model.text's door,
    # the evidence read again has not, and the same file must still match.
    source = scrub(event.source, multi_line=False).strip()
    return (event.at, source, scrub(event.original or event.text, multi_line=False).strip())


def admit_evidence(event: Evidence, event_id: str) -> TimelineEvent:
    """An imported event as the model holds it: each text through the model's door."""
    return TimelineEvent(
        event_id,
        event.at,
        parse_enum(EventKind, event.kind, "kind"),
        require_text(event.text, "text", "the event text"),
        optional_text(event.source, "source") or "manual",
        optional_text(event.link, "link"),
        optional_text(event.original, "original"),
    )


def duplicate_flags(existing: Iterable[Evidence], incoming: Sequence[Evidence]) -> list[bool]:
    """For each incoming event, whether the timeline already holds it (by evidence_key).

    Counted, not just matched: a line that appears twice in the evidence is two events, so
    importing a file twice adds nothing while each of its repeated lines still lands once.
    """
    # Only events at an instant the evidence names can match it: a one-line import into a
    # 100,000-event timeline keys a handful of events, not all of them.
    instants = {event.at for event in incoming}
    left = Counter(evidence_key(event) for event in existing if event.at in instants)
    flags = []
    for event in incoming:
        key = evidence_key(event)
        held = left[key] > 0
        if held:
            left[key] -= 1
        flags.append(held)
    return flags


def _by_time(events: Iterable[TimelineEvent]) -> tuple[TimelineEvent, ...]:
    return tuple(sorted(events, key=lambda event: event.at))


class ImportOutcome(NamedTuple):
    """What an import did: the new state, the events added and skipped, and how many of
    the added were merged into a row another source's record already made."""

    pm: PostMortem
    added: int
    duplicates: int
    merged: int


class AppendOutcome(NamedTuple):
    """What append_evidence did: the post-mortem's id, and the counts of ImportOutcome."""

    pm_id: str
    added: int
    duplicates: int
    merged: int


def _near(instants: Iterable[datetime]) -> TimeWindows:
    """The stretches of time around `instants` where a stored row can matter to a record
    imported at one of them."""
    moments = frozenset(instants)
    if not moments:
        return TimeWindows((), ())
    from pmtui.importers.grouping import REACH

    return TimeWindows.around(moments, REACH)


class PostMortemService:
    def __init__(self, store: Store, *, clock: Clock = utc_now) -> None:
        self.store = store
        self.clock = clock

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> PostMortemService:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def is_store_file(self, path: Path) -> bool:
        """Whether writing `path` would write over the database or a team folder's
        post-mortem files; exports must choose another place."""
        from pmtui.store.layout import is_store_file

        return is_store_file(self.store.path, path)

    def read_only_reason(self, pm: PostMortem) -> str:
        """Why `pm` must open read-only whatever the store allows ("" when it need not): it
        was written by a newer pmtui, whose fields this one would drop on a save."""
        minor = pm.format_minor
        return format_version.read_only_reason(minor) if format_version.is_newer(minor) else ""

    def claim(self, pm_id: str) -> str:
        """Take the right to write `pm_id` for as long as it is open; "" when taken, else why
        it must open read-only (another pmtui writes it). Give it back with `release`."""
        try:
            self.store.claim(pm_id)
        except StoreLocked as locked:
            return f"Read-only: {locked}"
        return ""

    def release(self, pm_id: str) -> None:
        self.store.release(pm_id)

    def now(self) -> datetime:
        return self.clock().astimezone(UTC)

    def today(self, pm: PostMortem | None = None) -> date:
        """Today's date where the post-mortem's team lives (UTC without one)."""
        return self.now().astimezone(pm.zone).date() if pm else self.now().date()

    # Post-mortems --------------------------------------------------------------------

    def summaries(self) -> list[PostMortemSummary]:
        return self.store.summaries(self.today())

    def listing(self) -> Listing:
        """The readable post-mortems' lines and one line per file that cannot be read."""
        return self.store.listing(self.today())

    def get(self, pm_id: str) -> PostMortem:
        return self.store.load(pm_id)

    def get_to_export(self, pm_id: str) -> PostMortem:
        """The post-mortem with its events built only when looked at: an export reads a long
        timeline a column at a time (see model.stored_events). For reading only."""
        return self.store.load(pm_id, events_on_demand=True)

    def readable_postmortems(self) -> tuple[list[PostMortem], list[str]]:
        """Every post-mortem that can be read, newest incident first, and one line per file
        that cannot: the views across post-mortems (actions, insights) must not go blank
        because of one damaged file in a teammate's push."""
        listing = self.listing()
        postmortems: list[PostMortem] = []
        unreadable = list(listing.unreadable)
        for summary in listing.summaries:
            try:
                postmortems.append(self.store.load(summary.id))
            except NotFound:
                continue  # deleted since it was listed
            except StoreError as error:
                unreadable.append(str(error))
        return postmortems, unreadable

    def readable_with_open_actions(self, exclude: str = "") -> list[PostMortem]:
        """The readable post-mortems (other than `exclude`) that still have open actions:
        what a meeting carries over. A damaged file is skipped, as the home screen names it."""
        found: list[PostMortem] = []
        for summary in self.listing().summaries:
            if summary.id == exclude or not summary.open_actions:
                continue
            try:
                found.append(self.store.load(summary.id))
            except StoreError:
                continue  # deleted or damaged since it was listed
        return found

    def readable_postmortems_apart(self) -> tuple[list[PostMortem], list[str]]:
        """`readable_postmortems` read through a read-only store of its own over the same
        file or folder: a worker thread may call it while this service saves, as the two
        share no state. It sees what is saved on disk."""
        try:
            store = open_store(self.store.path, read_only=True)
        except StoreError as error:
            return [], [str(error)]
        try:
            with PostMortemService(store, clock=self.clock) as reader:
                return reader.readable_postmortems()
        finally:
            from pmtui.store.handover import take

            # A closing read-only store leaves its reading for the next store to open the
            # file; none will here (this service holds it), so a copy of the whole file
            # would stay in memory for as long as the window is open.
            take(store.path, None)

    def create(
        self,
        title: str,
        *,
        severity: str = "SEV3",
        timezone: str = "UTC",
        owner: str = "",
        incident_date: str = "",
    ) -> PostMortem:
        zone = parse_timezone(timezone)
        now = self.now()
        pm = PostMortem(
            id=self._fresh_id(),
            title=require_text(title, "title", "a title"),
            severity=parse_enum(Severity, severity, "severity"),
            owner=optional_text(owner, "owner"),
            timezone=zone_name(zone, timezone),
            incident_date=(
                parse_incident_date(incident_date, now.astimezone(zone).date(), "incident_date")
                if incident_date.strip()
                else now.astimezone(zone).date()
            ),
            created_at=now,
            updated_at=now,
        )
        self.store.create(pm)
        return pm

    def import_document(self, document: object) -> PostMortem:
        """Create a post-mortem from a pmtui/1 document; it always gets a fresh id."""
        return self.import_postmortem(postmortem_from_dict(document, now=self.now()))

    def import_postmortem(self, pm: PostMortem) -> PostMortem:
        """Store an already validated post-mortem under a fresh id (ids in files collide)."""
        _refuse_newer(pm)
        check_room(0, len(pm.events), "the document")
        pm = replace(pm, id=self._fresh_id())
        self.store.create(pm)
        return pm

    def delete(self, pm_id: str) -> PostMortem:
        """Delete and return the post-mortem, so the caller can offer to undo."""
        pm = self.store.load(pm_id)
        _refuse_newer(pm)  # its undo would write it back without what this pmtui drops
        self.store.delete(pm.id)
        return pm

    def restore(self, pm: PostMortem) -> PostMortem:
        """Undo a delete: put the post-mortem back exactly as it was."""
        _refuse_newer(pm)
        self.store.create(pm)
        return pm

    def _fresh_id(self) -> str:
        taken = set(self.store.ids())
        candidate = new_id()
        while candidate in taken:
            candidate = new_id()
        return candidate

    def _commit(self, old: PostMortem, new: PostMortem) -> PostMortem:
        _refuse_newer(old)  # every command and undo saves through here
        if new.conflicts and old.conflicts:
            from pmtui.merge.places import with_kept_in_place

            new = with_kept_in_place(old, new)
        new = replace(new, updated_at=self.now())
        self.store.save(new, old)
        return new

    # Commands, undo and redo ---------------------------------------------------------

    def run(self, pm: PostMortem, command: Callable[[PostMortem], PostMortem]) -> Change:
        """Run one command (a method of this service applied to `pm`) and return what it
        did: the new state, the place it touched, its label, and the way back."""
        # Imported with the first command: the home screen lists without undo's labels.
        from pmtui.history import describe

        return describe(pm, command(pm))

    def revert(self, current: PostMortem, target: PostMortem) -> PostMortem:
        """Save `target` (an earlier or later version of `current`, from a Change) in place
        of `current`: undo and redo. Items both share are not written again."""
        if target.id != current.id:
            raise ValueError("revert() moves between versions of one post-mortem")
        from pmtui.history import same_state

        return current if same_state(current, target) else self._commit(current, target)

    # Header and narrative ------------------------------------------------------------

    def update(self, pm: PostMortem, **changes: Any) -> PostMortem:
        """Change header fields or narrative sections; values are validated as typed."""
        fields: dict[str, Any] = {}
        for name, value in changes.items():
            if name == "title":
                fields[name] = require_text(value, "title", "a title")
            elif name == "severity":
                fields[name] = parse_enum(Severity, value, "severity")
            elif name == "status":
                fields[name] = parse_enum(Status, value, "status")
            elif name == "owner":
                fields[name] = optional_text(value, "owner")
            elif name in ("attendees", "services"):
                fields[name] = parse_names(value, name, split_entries=True)
            elif name == "timezone":
                fields[name] = zone_name(parse_timezone(value), value)
            elif name == "incident_date":
                fields[name] = (
                    parse_incident_date(value, self.today(pm), "incident_date")
                    if value.strip()
                    else None
                )
            elif name in SECTION_KEYS:
                fields[name] = narrative_text(value, name)
            elif name == "related_incidents":
                from pmtui.model.related import related_from_text

                fields["related"] = related_from_text(value, name)
            elif name == "customer_title":
                fields[name] = optional_text(value, name)
            elif name in CUSTOMER_WINDOW:
                fields[name] = self._customer_instant(pm, value, name)
            else:
                raise ValidationError(f"{name!r} is not a post-mortem field", name)
        new = replace(pm, **fields)
        if CUSTOMER_WINDOW[0] in fields or CUSTOMER_WINDOW[1] in fields:
            from pmtui.analysis.customer import customer_window

            # Against the default end too: a start typed after the recovery milestone is
            # as wrong as an end typed before the start.
            window = customer_window(new)
            where = CUSTOMER_WINDOW[1] if CUSTOMER_WINDOW[1] in fields else CUSTOMER_WINDOW[0]
            check_customer_window(window.start, window.end, where)
        if "status" in fields:
            self._check_publishable(pm, new)
        return pm if new == pm else self._commit(pm, new)

    def mark_repeat(self, pm: PostMortem, other_id: str) -> PostMortem:
        """Link `pm` as a repeat of the post-mortem `other_id` (a unique prefix will do) in
        its related incidents; marking it twice changes nothing."""
        from pmtui.model.related import repeat_link, with_repeat_of

        other = self.get(other_id)
        if other.id == pm.id:
            raise ValidationError("a post-mortem cannot be a repeat of itself", "repeat_of")
        related = with_repeat_of(pm.related, repeat_link(other.id, other.title, other.incident_day))
        return pm if related == pm.related else self._commit(pm, replace(pm, related=related))

    def _customer_instant(self, pm: PostMortem, value: object, where: str) -> datetime | None:
        """An end of the customer impact window, typed as an event's time is; a bare clock
        time is on the day the incident started (empty: the impact milestone applies)."""
        starts = [event.at for event in pm.events if event.kind is EventKind.START]
        anchor = min(starts) if starts else None
        if anchor is None and pm.incident_date is not None:
            anchor = local_midnight(pm.incident_date, pm.zone)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str):
            raise ValidationError("expected a time such as 2025-03-11 14:32", where)
        return parse_instant(value, pm.zone, now=self.now(), anchor=anchor, where=where)

    # Quality guides and readiness ----------------------------------------------------

    def findings(self, pm: PostMortem) -> list[Finding]:
        # Imported on use: the guides compile many patterns, which start-up need not pay.
        from pmtui.analysis.guides import review

        """Every quality guide's findings, waived ones included (see readiness)."""
        return review(pm, today=self.today(pm))

    def readiness(self, pm: PostMortem) -> Readiness:
        from pmtui.analysis.readiness import readiness

        """The checklist shown before publishing: open, waived and blocking findings."""
        found = self.attachment_findings(pm) if pm.attachments else []
        return readiness(pm, today=self.today(pm), found=found)

    def set_status(self, pm: PostMortem, status: str) -> PostMortem:
        """Move through draft, in review, published, closed. Publishing (or closing what
        was never published) needs every blocking finding fixed or waived."""
        return self.update(pm, status=status)

    def _check_publishable(self, old: PostMortem, new: PostMortem) -> None:
        finished = (Status.PUBLISHED, Status.CLOSED)
        if new.status not in finished or old.status in finished:
            return
        blocking = self.readiness(new).blocking
        if blocking:
            count = len(blocking)
            raise ValidationError(
                f"cannot mark it {new.status.value}: {count} blocking finding"
                f"{'s are' if count != 1 else ' is'} neither fixed nor waived: "
                f"{_blocking_summary(blocking, new)}",
                "status",
            )

    def waive(
        self, pm: PostMortem, rule: str, where: str, reason: str, *, by: str = ""
    ) -> PostMortem:
        """Accept one current finding with a reason; `by` defaults to the post-mortem's
        owner. Waiving it again replaces the reason."""
        rule = require_text(rule, "rule", "the rule")
        where = require_text(where, "where", "where the finding is")
        reason = require_text(reason, "reason", "a reason for the waiver")
        if not any(f.rule == rule and f.where == where for f in self.findings(pm)):
            # A typo in rule or where would otherwise record a waiver that waives nothing.
            raise ValidationError(f"there is no {rule!r} finding at {where!r} to waive", "where")
        waiver = Waiver(
            rule=rule,
            where=where,
            reason=reason,
            waived_by=optional_text(by, "by") or pm.owner,
            waived_on=self.today(pm),
        )
        return self._commit(pm, pm.with_waiver(waiver))

    def unwaive(self, pm: PostMortem, rule: str, where: str) -> PostMortem:
        """Withdraw a waiver (KeyError when there is none), stale ones included."""
        return self._commit(pm, pm.without_waiver(rule, where))

    # Merge conflicts -----------------------------------------------------------------

    def _with_value_at(self, pm: PostMortem, where: str, value: Any) -> PostMortem:
        from pmtui.merge.places import with_value_at

        document = with_value_at(postmortem_to_dict(pm), where, value)
        # Read back through the codec: the value meets every rule a typed one does.
        return postmortem_from_dict(document, now=self.now(), pm_id=pm.id)

    def resolve_conflict(self, pm: PostMortem, where: str, *, take_other: bool) -> PostMortem:
        """Settle the merge conflict at `where`: keep the value in place, or take the other
        side's value. Either way the conflict is gone."""
        try:
            conflict = pm.conflict(where)
        except KeyError:
            raise ValidationError(f"there is no merge conflict at {where!r}", "where") from None
        new = self._with_value_at(pm, where, conflict.other) if take_other else pm
        return self._commit(pm, new.without_conflict(where))

    def reopen_conflict(self, pm: PostMortem, conflict: MergeConflict) -> PostMortem:
        """Undo a resolution: the kept value back in place and the conflict listed again."""
        new = self._with_value_at(pm, conflict.where, conflict.kept)
        others = tuple(c for c in new.conflicts if c.where != conflict.where)
        return self._commit(pm, replace(new, conflicts=(*others, conflict)))

    # Timeline ------------------------------------------------------------------------

    def make_event(
        self,
        pm: PostMortem,
        *,
        at: str,
        kind: str = "note",
        text: str,
        source: str = "manual",
        link: str = "",
        anchor: datetime | None = None,
    ) -> TimelineEvent:
        # Imported here: its patterns are compiled on import, and listing never adds events.
        from pmtui.model.quick_add import read_event_time

        return TimelineEvent(
            id=_unused_id(e.id for e in pm.events),
            at=read_event_time(at, pm.zone, now=self.now(), anchor=anchor),
            kind=parse_enum(EventKind, kind, "kind"),
            text=require_text(text, "text", "the event text"),
            source=optional_text(source, "source") or "manual",
            link=optional_text(link, "link"),
        )

    def add_event(self, pm: PostMortem, **fields: Any) -> tuple[PostMortem, TimelineEvent]:
        event = self.make_event(pm, **fields)
        return self._commit(pm, pm.with_event(event)), event

    def add_events(self, pm: PostMortem, events: tuple[TimelineEvent, ...]) -> PostMortem:
        """Add many events (an import) in one write."""
        return self._commit(pm, pm.with_events(events)) if events else pm

    def import_events(
        self, pm: PostMortem, events: Sequence[Evidence], *, group: bool = True
    ) -> tuple[PostMortem, int, int]:
        """Add imported events in one write, skipping those the timeline already holds
        (duplicate_flags). Returns the new state and how many events were added and
        skipped as duplicates (see import_evidence, which also counts the merges)."""
        outcome = self.import_evidence(pm, events, group=group)
        return outcome.pm, outcome.added, outcome.duplicates

    def import_evidence(
        self, pm: PostMortem, events: Sequence[Evidence], *, group: bool = True
    ) -> ImportOutcome:
        """Add imported events in one write, skipping those the timeline already holds
        (duplicate_flags). Each added event gets a fresh id. With `group`, records of one
        moment seen by several sources become one row that keeps every record
        (importers.grouping), whether the moment's other records were already held or
        arrive together."""
        # Imported here: the importers package is loaded only by those who import.
        from pmtui.importers.grouping import grouped_rows, held_records

        if len(events) > MAX_EVENTS:  # refused before anything is compared or minted
            check_room(len(pm.events), len(events))
        flags = duplicate_flags(held_records(pm.events), events)
        fresh = [event for event, held in zip(events, flags, strict=True) if not held]
        ids = _unused_ids({e.id for e in pm.events}, len(fresh))
        added = tuple(admit_evidence(e, new) for e, new in zip(fresh, ids, strict=True))
        duplicates = len(events) - len(added)
        grouped = grouped_rows(pm.events, added) if group and added else None
        if grouped is None or not grouped.merged:
            return ImportOutcome(self.add_events(pm, added), len(added), duplicates, 0)
        events_now = list(pm.events)
        for index, row in grouped.joined.items():
            events_now[index] = row
        check_room(len(pm.events), len(grouped.rows))
        new = replace(pm, events=_by_time((*events_now, *grouped.rows)))
        return ImportOutcome(self._commit(pm, new), len(added), duplicates, grouped.merged)

    def split_event(self, pm: PostMortem, event_id: str) -> tuple[PostMortem, tuple[str, ...]]:
        """Give each record of a grouped row back as an event of its own. The record the row
        shows keeps the row's id and what the author wrote on it. Returns the new state and
        the ids of the events the row became."""
        from pmtui.importers.grouping import split_moment

        row = pm.event(event_id)
        if len(row.seen_in) < 2:
            raise ValidationError("this event was seen by one source only", "seen_in")
        events = split_moment(row, _unused_ids({e.id for e in pm.events}, len(row.seen_in)))
        others = (event for event in pm.events if event.id != event_id)
        new = replace(pm, events=_by_time((*others, *events)))
        return self._commit(pm, new), tuple(event.id for event in events)

    def timeline_facts(self, pm_id: str, instants: Iterable[datetime] = ()) -> TimelineFacts:
        """The post-mortem's header, event count and ids, and its events near `instants` (as
        near as evidence grouping reaches, which holds every duplicate too), without building
        its whole timeline (see model.timeline_facts)."""
        return self.store.timeline_facts(pm_id, _near(instants))

    def append_evidence(
        self, pm_id: str, events: Sequence[Evidence], *, group: bool = True
    ) -> AppendOutcome:
        """import_evidence for a post-mortem not loaded: the same duplicates skipped, the same
        fresh ids, limit and grouping, but only the events near the evidence are read, and
        the store adds the new rows (and swaps the rows records joined) without writing the
        others again."""
        from pmtui.importers.grouping import grouped_rows, held_records

        facts = self.timeline_facts(pm_id, (event.at for event in events))
        _refuse_newer(facts.header)
        if len(events) > MAX_EVENTS:  # refused before anything is compared or minted
            check_room(facts.event_count, len(events))
        flags = duplicate_flags(held_records(facts.nearby), events)
        fresh = [event for event, held in zip(events, flags, strict=True) if not held]
        ids = _unused_ids(facts.event_ids, len(fresh))
        added = tuple(admit_evidence(e, new) for e, new in zip(fresh, ids, strict=True))
        rows: tuple[TimelineEvent, ...] = added
        joined: tuple[TimelineEvent, ...] = ()
        merged = 0
        if group and added:
            grouped = grouped_rows(facts.nearby, added)
            rows, joined, merged = grouped.rows, tuple(grouped.joined.values()), grouped.merged
        check_room(facts.event_count, len(rows))
        if rows or joined:
            self.store.append_events(facts.header.id, rows, self.now(), joined)
        return AppendOutcome(facts.header.id, len(added), len(events) - len(added), merged)

    def edit_event(self, pm: PostMortem, event_id: str, **fields: Any) -> PostMortem:
        current = pm.event(event_id)
        _refuse_unknown(fields, _EVENT_FIELDS, "a timeline event")
        changes: dict[str, Any] = {}
        if "at" in fields:
            typed = typed_clock(fields["at"])
            changes["at"] = parse_instant(typed, pm.zone, now=self.now(), anchor=current.at)
        if "kind" in fields:
            changes["kind"] = parse_enum(EventKind, fields["kind"], "kind")
        if "text" in fields:
            changes["text"] = require_text(fields["text"], "text", "the event text")
        if "source" in fields:
            changes["source"] = optional_text(fields["source"], "source") or "manual"
        if "link" in fields:
            changes["link"] = optional_text(fields["link"], "link")
        updated = replace(current, **changes)
        if updated == current:
            return pm
        return self._commit(pm, pm.with_event_replaced(updated))

    def duplicate_event(self, pm: PostMortem, event_id: str) -> tuple[PostMortem, TimelineEvent]:
        copy = replace(pm.event(event_id), id=_unused_id(e.id for e in pm.events))
        return self._commit(pm, pm.with_event(copy)), copy

    def delete_event(self, pm: PostMortem, event_id: str) -> tuple[PostMortem, TimelineEvent]:
        event = pm.event(event_id)
        new = pm.without_event(event_id)
        for factor in new.factors:
            if event_id in factor.event_ids:  # a factor shows what is in the timeline only
                kept = tuple(e for e in factor.event_ids if e != event_id)
                new = new.with_factor(replace(factor, event_ids=kept))
        return self._commit(pm, new), event

    def restore_event(self, pm: PostMortem, event: TimelineEvent) -> PostMortem:
        if any(e.id == event.id for e in pm.events):
            # Already back (an undo pressed twice): a second copy would share its id.
            return pm
        return self._commit(pm, pm.with_event(event))

    # Attachments ---------------------------------------------------------------------

    def attachments_folder(self) -> Path:
        """Where this store keeps attachment files (see store.attachments)."""
        from pmtui.store.attachments import attachments_folder

        return attachments_folder(self.store.path)

    def attach(
        self,
        pm: PostMortem,
        file: Path,
        alt: str,
        *,
        event_id: str = "",
        section: str = "",
        shown: str = "",
    ) -> tuple[PostMortem, Attachment]:
        """Attach the image `file` to one event or one narrative section, with `alt` text
        (required: a reader who cannot see the image reads it instead). The file is copied
        beside the post-mortems first, named by its hash; `shown` is the name the user gave,
        for messages."""
        from pmtui.store.attachments import AttachmentRefused, store_attachment

        alt = require_text(alt, "alt", "alt text (what the image shows)")
        event_id = optional_text(event_id, "event")
        section = optional_text(section, "section")
        if bool(event_id) == bool(section):
            raise ValidationError("attach to either an event or a section", "event")
        if event_id:
            pm.event(event_id)  # KeyError: no such event
        elif section not in SECTION_KEYS:
            raise ValidationError(
                f"{section!r} is not a section; one of {', '.join(SECTION_KEYS)}", "section"
            )
        if self.read_only:
            raise ReadOnlyStore(self.store.path)  # before a file is copied for nothing
        _refuse_newer(pm)  # likewise
        try:
            stored = store_attachment(self.attachments_folder(), file, shown or str(file))
        except AttachmentRefused as refused:
            raise ValidationError(str(refused)) from None
        attachment = Attachment(
            id=_unused_id(a.id for a in pm.attachments),
            sha256=stored.sha256,
            ext=stored.ext,
            alt=alt,
            event_id=event_id,
            section=section,
            added_at=self.now(),
        )
        return self._commit(pm, pm.with_attachment(attachment)), attachment

    def detach(self, pm: PostMortem, attachment_id: str) -> tuple[PostMortem, Attachment]:
        """Remove an attachment from the post-mortem (KeyError when there is none). Its file
        stays: another post-mortem may show the same bytes, and an undo brings it back."""
        attachment = pm.attachment(attachment_id)
        return self._commit(pm, pm.without_attachment(attachment_id)), attachment

    def embedded_images(self, pm: PostMortem) -> dict[str, str]:
        """Each attached image as a data: URI, by its path in the Markdown export
        (`attachments/<sha256>.<ext>`), for the HTML page. A file missing, linked or changed
        since it was attached is left out: the page then shows a link, `check` says why."""
        from pmtui.export.markdown_attachments import ATTACHMENTS_PREFIX
        from pmtui.store.attachments import AttachmentRefused, data_uri, read_attachment

        folder = self.attachments_folder()
        images = {}
        for attachment in pm.attachments:
            try:
                data = read_attachment(folder, attachment)
            except (AttachmentRefused, OSError):
                continue
            images[f"{ATTACHMENTS_PREFIX}{attachment.file_name}"] = data_uri(data, attachment.ext)
        return images

    def copy_attachments(self, pm: PostMortem, target: Path) -> int:
        """Copy the files of `pm`'s attachments into the folder `target`, for a Markdown
        export written beside it; returns how many were copied."""
        from pmtui.store.attachments import copy_attachments

        return copy_attachments(self.attachments_folder(), pm.attachments, target)

    def attachment_findings(self, pm: PostMortem) -> list[Finding]:
        """A finding for each attachment whose file is not beside the post-mortems (a team
        member committed the post-mortem but not attachments/, a file was deleted)."""
        from pmtui.analysis.findings import Finding, FindingSeverity
        from pmtui.store.attachments import file_problem

        folder = self.attachments_folder()
        findings = []
        for attachment in pm.attachments:
            problem = file_problem(folder, attachment)
            if problem:
                findings.append(
                    Finding(
                        rule="attachment-missing",
                        severity=FindingSeverity.WARNING,
                        where=f"attachments[{attachment.id}]",
                        message=f"the image {attachment.alt!r} cannot be shown: {problem}",
                        hint="attach the file again, or commit the attachments folder",
                    )
                )
        return findings

    # Contributing factors ------------------------------------------------------------

    def _factor_fields(self, pm: PostMortem, fields: Mapping[str, Any]) -> dict[str, Any]:
        _refuse_unknown(fields, _FACTOR_FIELDS, "a contributing factor")
        out: dict[str, Any] = {}
        if "title" in fields:
            out["title"] = require_text(fields["title"], "title", "the factor")
        if "category" in fields:
            out["category"] = parse_optional_enum(CauseCategory, fields["category"], "category")
        if "made_sense" in fields:
            out["made_sense"] = optional_text(fields["made_sense"], "made_sense")
        if "event_ids" in fields:
            known = {event.id for event in pm.events}
            linked: list[str] = []
            for event_id in fields["event_ids"]:
                if event_id not in known:
                    raise ValidationError(f"no timeline event has the id {event_id!r}", "events")
                if event_id not in linked:
                    linked.append(event_id)
            # Shown and exported in time order, whatever order they were picked in.
            out["event_ids"] = tuple(e.id for e in pm.events if e.id in linked)
        return out

    def add_factor(self, pm: PostMortem, **fields: Any) -> tuple[PostMortem, ContributingFactor]:
        """Add a contributing factor; its title is required."""
        fields.setdefault("title", "")
        factor_id = _unused_id([*(f.id for f in pm.factors), *(c.id for c in pm.whys)])
        factor = ContributingFactor(id=factor_id, **self._factor_fields(pm, fields))
        return self._commit(pm, pm.with_factor(factor)), factor

    def edit_factor(self, pm: PostMortem, factor_id: str, **fields: Any) -> PostMortem:
        current = pm.factor(factor_id)
        updated = replace(current, **self._factor_fields(pm, fields))
        if updated == current:
            return pm
        new = pm.with_factor(updated)
        chain = next((c for c in pm.whys if c.id == current.chain_id), None)
        if (
            chain is not None
            and chain.root_cause
            and updated.category not in (None, current.category)
            and chain.category == current.category
        ):
            # The root cause named the same kind as the factor: a factor's kind corrected in
            # the room corrects its conclusion too, or the two disagreed on screen.
            new = new.with_why_chain(replace(chain, category=updated.category))
        return self._commit(pm, new)

    def toggle_factor_event(self, pm: PostMortem, factor_id: str, event_id: str) -> PostMortem:
        """Link the event to the factor, or unlink it when it is linked already."""
        factor = pm.factor(factor_id)
        # A link to an event that is gone (a hand-edited file) is dropped, not refused: it
        # would otherwise make every later toggle of this factor fail.
        known = {event.id for event in pm.events}
        kept = [e for e in factor.event_ids if e in known]
        linked = [e for e in kept if e != event_id]
        if len(linked) == len(kept):
            linked.append(event_id)
        return self.edit_factor(pm, factor_id, event_ids=linked)

    def delete_factor(
        self, pm: PostMortem, factor_id: str
    ) -> tuple[PostMortem, ContributingFactor]:
        """Delete a factor and the chain that drills into it; its actions keep their text but
        no longer point at it."""
        factor = pm.factor(factor_id)
        new = pm.without_factor(factor_id)
        if factor.chain_id and any(c.id == factor.chain_id for c in new.whys):
            new = new.without_why_chain(factor.chain_id)
        for action in new.actions:
            if action.factor_id == factor_id:
                new = new.with_action(replace(action, factor_id=""))
        return self._commit(pm, new), factor

    def drill_factor(self, pm: PostMortem, factor_id: str) -> tuple[PostMortem, WhyChain]:
        """The factor's Five Whys chain, started from its title when it has none yet."""
        factor = pm.factor(factor_id)
        if factor.chain_id:
            return pm, pm.why_chain(factor.chain_id)
        chain = WhyChain(id=_unused_id(c.id for c in pm.whys), problem=factor.title)
        new = pm.with_why_chain(chain).with_factor(replace(factor, chain_id=chain.id))
        return self._commit(pm, new), chain

    # Five Whys -----------------------------------------------------------------------

    def add_why_chain(
        self, pm: PostMortem, problem: str, *, branched_from: str = ""
    ) -> tuple[PostMortem, WhyChain]:
        """Start a chain and the contributing factor it drills into (sharing its id, as
        chains from before factors do)."""
        chain = WhyChain(
            id=_unused_id([*(c.id for c in pm.whys), *(f.id for f in pm.factors)]),
            problem=require_text(problem, "problem", "the problem statement"),
            branched_from=branched_from,
        )
        factor = ContributingFactor(id=chain.id, title=chain.problem, chain_id=chain.id)
        return self._commit(pm, pm.with_why_chain(chain).with_factor(factor)), chain

    def branch_why_chain(
        self, pm: PostMortem, chain_id: str, answer_index: int
    ) -> tuple[PostMortem, WhyChain]:
        """Start a new chain whose problem is one answer of another chain."""
        source = pm.why_chain(chain_id)
        if not 0 <= answer_index < len(source.answers):
            raise ValidationError(f"chain has no answer {answer_index + 1}", "answer")
        return self.add_why_chain(
            pm, source.answers[answer_index], branched_from=f"{chain_id}:{answer_index}"
        )

    def answer_why(self, pm: PostMortem, chain_id: str, answer: str) -> PostMortem:
        chain = pm.why_chain(chain_id)
        if chain.root_cause:
            raise ValidationError("this chain already ends at its root cause", "answer")
        text = require_text(answer, "answer", "an answer")
        return self._commit(pm, pm.with_why_chain(replace(chain, answers=(*chain.answers, text))))

    def edit_why(
        self,
        pm: PostMortem,
        chain_id: str,
        *,
        problem: str | None = None,
        answers: tuple[str, ...] | None = None,
    ) -> PostMortem:
        chain = pm.why_chain(chain_id)
        changes: dict[str, Any] = {}
        if problem is not None:
            changes["problem"] = require_text(problem, "problem", "the problem statement")
        if answers is not None:
            changes["answers"] = tuple(
                require_text(a, f"answers[{i}]", "an answer") for i, a in enumerate(answers)
            )
            if chain.root_cause and not changes["answers"]:
                changes["root_cause"] = False
                changes["category"] = None
        return self._commit(pm, pm.with_why_chain(replace(chain, **changes)))

    def delete_why(self, pm: PostMortem, chain_id: str, index: int) -> tuple[PostMortem, str]:
        """Delete one answer of a chain and return it; the answers after it move up.

        Deleting the answer a concluded chain ends at reopens the chain (its conclusion was
        about that answer). A chain branched from a later answer keeps pointing at the same
        text; one branched from the deleted answer keeps its problem (a copy of the answer)
        and loses only the link.
        """
        chain = pm.why_chain(chain_id)
        if not 0 <= index < len(chain.answers):
            raise ValidationError(f"chain has no answer {index + 1}", "answer")
        answers = (*chain.answers[:index], *chain.answers[index + 1 :])
        concluded = chain.root_cause and index < len(chain.answers) - 1
        new = pm.with_why_chain(
            replace(
                chain,
                answers=answers,
                root_cause=concluded,
                category=chain.category if concluded else None,
            )
        )
        for other in pm.whys:
            source, _, at = other.branched_from.partition(":")
            if source != chain_id or not at.isdigit() or int(at) < index:
                continue
            moved = "" if int(at) == index else f"{chain_id}:{int(at) - 1}"
            new = new.with_why_chain(replace(other, branched_from=moved))
        return self._commit(pm, new), chain.answers[index]

    def mark_root_cause(self, pm: PostMortem, chain_id: str, category: str) -> PostMortem:
        chain = pm.why_chain(chain_id)
        if not chain.answers:
            raise ValidationError("answer at least one 'why?' before naming a root cause", "answer")
        kind = parse_enum(CauseCategory, category, "category")
        new = pm.with_why_chain(replace(chain, root_cause=True, category=kind))
        factor = pm.factor_of_chain(chain_id)
        if factor is not None and factor.category is None:
            # The chain's conclusion names the factor's kind when nobody had named it yet.
            new = new.with_factor(replace(factor, category=kind))
        return self._commit(pm, new)

    def reopen_why_chain(self, pm: PostMortem, chain_id: str) -> PostMortem:
        chain = pm.why_chain(chain_id)
        return self._commit(pm, pm.with_why_chain(replace(chain, root_cause=False, category=None)))

    def delete_why_chain(self, pm: PostMortem, chain_id: str) -> tuple[PostMortem, WhyChain]:
        """Delete a chain with the factor it drills into (see delete_factor)."""
        chain = pm.why_chain(chain_id)
        factor = pm.factor_of_chain(chain_id)
        if factor is not None:
            return self.delete_factor(pm, factor.id)[0], chain
        return self._commit(pm, pm.without_why_chain(chain_id)), chain

    # Action items --------------------------------------------------------------------

    def _action_fields(
        self,
        pm: PostMortem,
        fields: Mapping[str, Any],
        current: ActionItem | None,
        assign_later: bool = False,
    ) -> dict[str, Any]:
        _refuse_unknown(fields, _ACTION_FIELDS, "an action item")
        today = self.today(pm)
        out: dict[str, Any] = {}
        if "text" in fields:
            out["text"] = require_text(fields["text"], "text", "a concrete deliverable")
        if "owner" in fields:
            if assign_later and _left_empty(fields["owner"]):
                out["owner"] = ""
            else:
                out["owner"] = require_text(fields["owner"], "owner", "an owner")
        if "due" in fields:
            if assign_later and _left_empty(fields["due"]):
                out["due"] = None
            else:
                out["due"] = parse_due(fields["due"], today, "due")
        if "priority" in fields:
            out["priority"] = parse_optional_enum(Priority, fields["priority"], "priority")
        if "kind" in fields:
            out["kind"] = parse_optional_enum(ActionType, fields["kind"], "kind")
        if "status" in fields:
            out["status"] = parse_enum(ActionStatus, fields["status"], "status")
        if "tracker" in fields:
            out["tracker"] = optional_text(fields["tracker"], "tracker")
        if "customer_text" in fields:
            out["customer_text"] = optional_text(fields["customer_text"], "customer_text")
        if "factor_id" in fields:
            factor_id = optional_text(fields["factor_id"], "factor_id")
            if factor_id and all(f.id != factor_id for f in pm.factors):
                raise ValidationError("no such contributing factor", "factor_id")
            out["factor_id"] = factor_id
        status = out.get("status", current.status if current else ActionStatus.OPEN)
        was_done = current is not None and current.status == ActionStatus.DONE
        if status == ActionStatus.DONE and not was_done:
            out["completed_on"] = today
        elif status != ActionStatus.DONE and was_done:
            out["completed_on"] = None
        completed_on = out.get("completed_on", current.completed_on if current else None)
        out.update(self._verification(fields, current, status, today, completed_on))
        return out

    def _verification(
        self,
        fields: Mapping[str, Any],
        current: ActionItem | None,
        status: ActionStatus,
        today: date,
        completed_on: date | None,
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if "verified_on" in fields:
            value = fields["verified_on"]
            # A check is in the past: read as an incident date is ("yesterday", "-3d", "last
            # friday"), not as a deadline ("+3d", "next friday" named a future).
            out["verified_on"] = (
                None if value in (None, "") else parse_incident_date(value, today, "verified_on")
            )
            if out["verified_on"] is not None and out["verified_on"] > today:
                raise ValidationError("a check cannot have been made in the future", "verified_on")
            # "done on 12-07, verified on 12-05" was exported without a word (mock 36a).
            # (a done date after today, from another machine's clock, proves nothing)
            checked = out["verified_on"]
            if checked is not None and completed_on is not None and checked < completed_on <= today:
                raise ValidationError(
                    f"a check comes after the work, which was done on {completed_on.isoformat()}",
                    "verified_on",
                )
        if "verified_how" in fields:
            out["verified_how"] = optional_text(fields["verified_how"], "verified_how")
            if _reads_as_a_date(out["verified_how"], today):
                # A day typed one field early read as the evidence and marked the item verified
                # (mock 37a: "2026-12-01" in "how we know it worked").
                raise ValidationError(
                    "that is a date; say how you know it worked (the day goes in Checked on)",
                    "verified_how",
                )
        verified_on = out.get("verified_on", current.verified_on if current else None)
        how = out.get("verified_how", current.verified_how if current else "")
        if status != ActionStatus.DONE:
            was_done = current is not None and current.status == ActionStatus.DONE
            if (verified_on is not None or how) and not was_done:
                raise ValidationError("only a done action can be verified", "verified_on")
            # Reopened: what was verified is no longer the action as it stands.
            return {**out, "verified_on": None, "verified_how": ""}
        if verified_on is not None and not how:
            raise ValidationError("say how you know it worked", "verified_how")
        if how and verified_on is None:
            out["verified_on"] = today
        return out

    def verify_action(
        self, pm: PostMortem, action_id: str, how: str, on: str = "today"
    ) -> PostMortem:
        """Mark a done action verified: how the team knows it worked, and when they checked."""
        return self.edit_action(pm, action_id, verified_how=how, verified_on=on)

    def add_action(
        self, pm: PostMortem, *, assign_later: bool = False, **fields: Any
    ) -> tuple[PostMortem, ActionItem]:
        """Add an action item. Text, owner and deadline are required; with `assign_later`
        (a meeting captures the action now and names its owner after) owner and deadline may
        be left empty: the `missing-owner` / `missing-deadline` findings then block
        publication until someone is named and a date agreed."""
        for required in ("text", "owner", "due"):
            fields.setdefault(required, "")
        action_id = _unused_id(a.id for a in pm.actions)
        action = ActionItem(id=action_id, **self._action_fields(pm, fields, None, assign_later))
        return self._commit(pm, pm.with_action(action)), action

    def edit_action(
        self, pm: PostMortem, action_id: str, *, assign_later: bool = False, **fields: Any
    ) -> PostMortem:
        """Change an action item; `assign_later` as for add_action."""
        current = pm.action(action_id)
        updated = replace(current, **self._action_fields(pm, fields, current, assign_later))
        return pm if updated == current else self._commit(pm, pm.with_action(updated))

    def delete_action(self, pm: PostMortem, action_id: str) -> tuple[PostMortem, ActionItem]:
        action = pm.action(action_id)
        return self._commit(pm, pm.without_action(action_id)), action

    def restore_action(self, pm: PostMortem, action: ActionItem) -> PostMortem:
        return self._commit(pm, pm.with_action(action))

    def sync_actions(
        self, pm: PostMortem, updates: Mapping[str, Mapping[str, Any]], *, source: str
    ) -> PostMortem:
        """Record what a tracker (`source`: jira, linear or github) says of some action
        items: each id's status, completion date and tracker reference, stamped with this
        sync's time and source. One save for them all; a value the model refuses raises
        ValidationError before anything is saved."""
        if source not in TRACKER_SOURCES:
            raise ValidationError(f"unknown tracker {source!r}", "synced_from")
        now = self.now()
        new = pm
        for action_id, fields in updates.items():
            _refuse_unknown(fields, _SYNC_FIELDS, "a tracker sync")
            current = pm.action(action_id)
            status = parse_enum(ActionStatus, fields.get("status", current.status), "status")
            completed = fields.get("completed_on", current.completed_on)
            if completed is not None and not isinstance(completed, date):
                raise ValidationError("expected a date", "completed_on")
            new = new.with_action(
                replace(
                    current,
                    status=status,
                    # Only a done item has a completion date, as when a person marks it;
                    # reopened, it has no check of its work either (mock 40c).
                    completed_on=completed if status == ActionStatus.DONE else None,
                    verified_on=current.verified_on if status == ActionStatus.DONE else None,
                    verified_how=current.verified_how if status == ActionStatus.DONE else "",
                    tracker=optional_text(fields.get("tracker", current.tracker), "tracker"),
                    synced_at=now,
                    synced_from=source,
                )
            )
        return pm if new is pm else self._commit(pm, new)


def _refuse_newer(pm: PostMortem) -> None:
    """NewerFormat for a post-mortem a newer pmtui wrote: saving it here would drop the
    fields this pmtui does not know, so it is only read."""
    if format_version.is_newer(pm.format_minor):
        raise NewerFormat(f"post-mortem {pm.id}", pm.format_minor)


def _reads_as_a_date(text: str, today: date) -> bool:
    """Whether `text` is nothing but a day ("2026-12-01", "yesterday", "-3d")."""
    if not text or len(text) > 20:
        return False
    try:
        parse_incident_date(text, today, "verified_how")
    except ValidationError:
        return False
    return True


def _blocking_summary(blocking: Sequence[Finding], pm: PostMortem) -> str:
    from pmtui.analysis.readiness import blocking_summary

    return blocking_summary(blocking, pm=pm)


def open_service(path: Path) -> tuple[PostMortemService, str]:
    """The service over the database file or team folder at `path`, writable if possible;
    the second value explains a read-only open (another pmtui writes the file)."""
    try:
        return PostMortemService(open_store(path)), ""
    except StoreLocked as locked:
        return PostMortemService(open_store(path, read_only=True)), f"Read-only: {locked}"
