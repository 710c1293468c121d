"""Provides the post-mortem as immutable dataclasses, with the rules that keep it valid."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from pmtui.model.enums import (
    MILESTONE_KINDS,
    UNFINISHED_STATUSES,
    ActionStatus,
    ActionType,
    CauseCategory,
    EventKind,
    Priority,
    Severity,
    Status,
)
from pmtui.model.errors import ValidationError
from pmtui.model.format_version import FORMAT_MINOR
from pmtui.model.text import admit
from pmtui.model.timeline_size import check_room
from pmtui.model.times import parse_timezone

#: The narrative sections in document order: (field name, heading).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", "Summary"),
    ("impact", "Impact"),
    ("trigger", "Trigger"),
    ("detection", "Detection"),
    ("response", "Response and recovery"),
    ("went_well", "What went well"),
    ("went_poorly", "What went poorly"),
    ("lucky", "Where we got lucky"),
    ("lessons", "Lessons learned"),
    ("open_questions", "Open questions"),
    ("customer_message", "Customer-facing message"),
    ("links", "Supporting links"),
)
SECTION_KEYS: tuple[str, ...] = tuple(key for key, _ in SECTIONS)


def new_id() -> str:
    """A short random id: easy to type on a command line, unique enough for one file."""
    import secrets  # here: drawing ids is for writing; start-up lists without it

    return secrets.token_hex(4)


@dataclass(frozen=True, slots=True)
class SeenRecord:
    """One source's record of a moment that the timeline shows as a single row."""

    at: datetime  # always UTC
    kind: EventKind
    source: str
    text: str
    link: str = ""
    original: str = ""


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    id: str
    at: datetime  # always UTC
    kind: EventKind
    text: str
    source: str = "manual"
    link: str = ""
    original: str = ""  # the evidence line an importer read this from, verbatim
    # Every source's record of this moment when several sources saw it (the row shows the
    # best text and the earliest instant); empty for an event seen once. Never thrown away:
    # splitting the row gives each record back as an event.
    seen_in: tuple[SeenRecord, ...] = ()

    @property
    def is_milestone(self) -> bool:
        return self.kind in MILESTONE_KINDS

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources that saw this moment, each once, earliest first."""
        if not self.seen_in:
            return (self.source,)
        return tuple(dict.fromkeys(record.source for record in self.seen_in))


@dataclass(frozen=True, slots=True)
class WhyChain:
    """One contributing factor: a problem, each answer to "why?", and where it ends."""

    id: str
    problem: str
    answers: tuple[str, ...] = ()
    root_cause: bool = False  # the last answer is the systemic cause this chain ends at
    category: CauseCategory | None = None
    branched_from: str = ""  # "<chain id>:<answer index>" when branched off another chain

    @property
    def last_statement(self) -> str:
        """What the next "why?" asks about: the latest answer, or the problem itself."""
        return self.answers[-1] if self.answers else self.problem

    @property
    def cause(self) -> str:
        """The root cause text, or '' while the chain is still open."""
        return self.answers[-1] if self.root_cause and self.answers else ""


@dataclass(frozen=True, slots=True)
class ContributingFactor:
    """One condition of the system that let the incident happen or grow.

    The timeline events that show it are linked by id, never copied, so an edited event
    stays one event. `made_sense` says how the decisions looked at the time to the people
    making them: the question that keeps a review blameless. A Five Whys chain may drill
    into it (`chain_id`).
    """

    id: str
    title: str
    category: CauseCategory | None = None
    event_ids: tuple[str, ...] = ()
    made_sense: str = ""
    chain_id: str = ""


def factors_from_chains(whys: tuple[WhyChain, ...]) -> tuple[ContributingFactor, ...]:
    """The factors of a file written before factors existed: one per why chain, under the
    chain's id, so an old action's cause (a chain id) names its factor unchanged."""
    return tuple(
        ContributingFactor(
            id=chain.id, title=chain.problem, category=chain.category, chain_id=chain.id
        )
        for chain in whys
    )


@dataclass(frozen=True, slots=True)
class ActionItem:
    id: str
    text: str
    owner: str = ""
    due: date | None = None
    # Unset until someone chooses: an export must not print a priority nobody gave.
    priority: Priority | None = None
    kind: ActionType | None = None
    status: ActionStatus = ActionStatus.OPEN
    tracker: str = ""  # e.g. OPS-123
    completed_on: date | None = None
    factor_id: str = ""  # the ContributingFactor this addresses
    # The line the customer version shows under "What we are doing"; empty keeps the action
    # out of it (the internal text names tickets, hosts and budgets, and is never shown there).
    customer_text: str = ""
    # When a tracker sync last confirmed this item (UTC), and which tracker: "jira", "linear"
    # or "github". A reader sees how fresh the status is and where it came from.
    synced_at: datetime | None = None
    synced_from: str = ""
    # How the team knows the action worked (an alert that fired in a drill, a week without
    # a page) and when they checked: done is not the same as effective.
    verified_on: date | None = None
    verified_how: str = ""

    @property
    def is_verified(self) -> bool:
        return self.verified_on is not None

    @property
    def is_open(self) -> bool:
        return self.status in UNFINISHED_STATUSES

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due is not None and self.due < today


def by_due_date(actions: tuple[ActionItem, ...]) -> list[ActionItem]:
    """Soonest deadline first, undated ones last, then by id: the order a reader acts in."""
    return sorted(actions, key=lambda a: (a.due is None, a.due or date.max, a.id))


@dataclass(frozen=True, slots=True)
class RelatedIncident:
    """An earlier or linked incident: its title or id, and where to read about it."""

    title: str
    url: str = ""
    # This incident is a repeat of that one (the same failure mode again), not only related:
    # the team learns it forgot, and the document says so ("Repeat of: ...").
    repeat: bool = False


@dataclass(frozen=True, slots=True)
class Waiver:
    """A finding the team decided to accept, and why; (rule, where) names the finding."""

    rule: str  # e.g. "blame-language"
    where: str  # e.g. "action_items[a1].owner"
    reason: str
    waived_by: str
    waived_on: date


@dataclass(frozen=True, slots=True)
class MergeConflict:
    """Two people changed one place differently; the merge kept one value and notes the other.

    `where` names the place as findings and waivers do ("title", "timeline[e1].text",
    "action_items[a1]" for a whole item); the values are pmtui/1 values of that place, None
    for an item one side deleted.
    """

    where: str
    kept: Any
    other: Any
    base: Any = None


#: The file kinds an attachment may be, by the extension pmtui stores it under.
ATTACHMENT_KINDS: tuple[str, ...] = ("png", "jpg", "svg")


@dataclass(frozen=True, slots=True)
class Attachment:
    """A graph or screenshot shown with an event or a narrative section.

    The file is stored once by its content (`<sha256>.<ext>`, see store.attachments), so the
    user's file name never becomes a path; `alt` says what it shows for readers who cannot
    see it. Exactly one of `event_id` and `section` is set.
    """

    id: str
    sha256: str  # 64 lowercase hex digits
    ext: str  # one of ATTACHMENT_KINDS
    alt: str
    event_id: str = ""
    section: str = ""  # a key of SECTION_KEYS
    added_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def file_name(self) -> str:
        return f"{self.sha256}.{self.ext}"

    @property
    def place(self) -> str:
        """Where it is shown, as findings name places: 'timeline[e1]' or 'impact'."""
        return f"timeline[{self.event_id}]" if self.event_id else self.section


def _sorted_events(events: tuple[TimelineEvent, ...]) -> tuple[TimelineEvent, ...]:
    # sorted() is stable, so events at the same instant keep the order they were added in.
    return tuple(sorted(events, key=lambda event: event.at))


@dataclass(frozen=True, slots=True)
class PostMortem:
    id: str
    title: str
    severity: Severity = Severity.SEV3
    status: Status = Status.DRAFT
    owner: str = ""
    attendees: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    incident_date: date | None = None
    timezone: str = "UTC"
    summary: str = ""
    impact: str = ""
    trigger: str = ""  # what changed: the deploy, config change or event that set it off
    detection: str = ""
    response: str = ""
    went_well: str = ""
    went_poorly: str = ""
    lucky: str = ""
    lessons: str = ""
    open_questions: str = ""
    customer_message: str = ""
    links: str = ""
    related: tuple[RelatedIncident, ...] = ()
    # Customer-facing fields: the customer version is built from these and customer_message
    # only. None in the window means "the timeline's impact milestones" (analysis.customer).
    customer_title: str = ""
    customer_impact_start: datetime | None = None  # UTC
    customer_impact_end: datetime | None = None  # UTC
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    updated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    events: tuple[TimelineEvent, ...] = ()
    whys: tuple[WhyChain, ...] = ()
    factors: tuple[ContributingFactor, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    conflicts: tuple[MergeConflict, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    #: The pmtui/1 minor version of the file or document it was read from (this pmtui's for
    #: one made here). Above this pmtui's own, it is never written back: see
    #: model.format_version. Where it came from, not what it holds: not compared.
    format_minor: int = field(default=FORMAT_MINOR, compare=False)

    @property
    def zone(self) -> tzinfo:
        return parse_timezone(self.timezone)

    @property
    def incident_day(self) -> date | None:
        """The incident date the author set, else the day the incident started (its first
        `start` event) in the post-mortem's timezone. Not the earliest event: a multi-day
        incident often has a deploy from the day before in its timeline."""
        if self.incident_date is not None:
            return self.incident_date
        starts = [event.at for event in self.events if event.kind is EventKind.START]
        return min(starts).astimezone(self.zone).date() if starts else None

    def section(self, key: str) -> str:
        if key not in SECTION_KEYS:
            raise KeyError(key)
        text: str = getattr(self, key)
        return text

    # Timeline -------------------------------------------------------------------------

    def event(self, event_id: str) -> TimelineEvent:
        for event in self.events:
            if event.id == event_id:
                return event
        raise KeyError(event_id)

    def with_event(self, event: TimelineEvent) -> PostMortem:
        """Insert `event` at its place in time (after any at the same instant)."""
        check_room(len(self.events), 1)
        keys = [e.at for e in self.events]
        index = bisect_right(keys, event.at)
        return replace(self, events=(*self.events[:index], event, *self.events[index:]))

    def with_events(self, added: tuple[TimelineEvent, ...]) -> PostMortem:
        check_room(len(self.events), len(added))
        return replace(self, events=_sorted_events(self.events + added))

    def with_event_replaced(self, event: TimelineEvent) -> PostMortem:
        others = tuple(e for e in self.events if e.id != event.id)
        if len(others) == len(self.events):
            raise KeyError(event.id)
        return replace(self, events=others).with_event(event)

    def without_event(self, event_id: str) -> PostMortem:
        remaining = tuple(e for e in self.events if e.id != event_id)
        if len(remaining) == len(self.events):
            raise KeyError(event_id)
        return replace(self, events=remaining)

    # Five Whys ------------------------------------------------------------------------

    def why_chain(self, chain_id: str) -> WhyChain:
        for chain in self.whys:
            if chain.id == chain_id:
                return chain
        raise KeyError(chain_id)

    def with_why_chain(self, chain: WhyChain) -> PostMortem:
        """Add `chain`, or replace the chain with the same id in place."""
        if any(c.id == chain.id for c in self.whys):
            return replace(self, whys=tuple(chain if c.id == chain.id else c for c in self.whys))
        return replace(self, whys=(*self.whys, chain))

    def without_why_chain(self, chain_id: str) -> PostMortem:
        remaining = tuple(c for c in self.whys if c.id != chain_id)
        if len(remaining) == len(self.whys):
            raise KeyError(chain_id)
        return replace(self, whys=remaining)

    # Contributing factors -------------------------------------------------------------

    def factor(self, factor_id: str) -> ContributingFactor:
        for factor in self.factors:
            if factor.id == factor_id:
                return factor
        raise KeyError(factor_id)

    def factor_of_chain(self, chain_id: str) -> ContributingFactor | None:
        """The factor a chain drills into, if any."""
        return next((f for f in self.factors if f.chain_id == chain_id), None)

    def factor_statement(self, factor: ContributingFactor) -> str:
        """What the factor comes down to: its chain's root cause once found, else its title."""
        if factor.chain_id:
            for chain in self.whys:
                if chain.id == factor.chain_id and chain.cause:
                    return chain.cause
        return factor.title

    def with_factor(self, factor: ContributingFactor) -> PostMortem:
        """Add `factor`, or replace the factor with the same id in place."""
        if any(f.id == factor.id for f in self.factors):
            factors = tuple(factor if f.id == factor.id else f for f in self.factors)
            return replace(self, factors=factors)
        return replace(self, factors=(*self.factors, factor))

    def without_factor(self, factor_id: str) -> PostMortem:
        remaining = tuple(f for f in self.factors if f.id != factor_id)
        if len(remaining) == len(self.factors):
            raise KeyError(factor_id)
        return replace(self, factors=remaining)

    # Action items ---------------------------------------------------------------------

    def action(self, action_id: str) -> ActionItem:
        for action in self.actions:
            if action.id == action_id:
                return action
        raise KeyError(action_id)

    def with_action(self, action: ActionItem) -> PostMortem:
        """Add `action`, or replace the action with the same id in place."""
        if any(a.id == action.id for a in self.actions):
            actions = tuple(action if a.id == action.id else a for a in self.actions)
            return replace(self, actions=actions)
        return replace(self, actions=(*self.actions, action))

    def without_action(self, action_id: str) -> PostMortem:
        remaining = tuple(a for a in self.actions if a.id != action_id)
        if len(remaining) == len(self.actions):
            raise KeyError(action_id)
        return replace(self, actions=remaining)

    # Waivers --------------------------------------------------------------------------

    def waiver(self, rule: str, where: str) -> Waiver:
        for waiver in self.waivers:
            if _same_finding(waiver, rule, where):
                return waiver
        raise KeyError((rule, where))

    def with_waiver(self, waiver: Waiver) -> PostMortem:
        """Add `waiver`, or replace the one for the same finding in place."""
        if any(_same_finding(w, waiver.rule, waiver.where) for w in self.waivers):
            waivers = tuple(
                waiver if _same_finding(w, waiver.rule, waiver.where) else w for w in self.waivers
            )
            return replace(self, waivers=waivers)
        return replace(self, waivers=(*self.waivers, waiver))

    def without_waiver(self, rule: str, where: str) -> PostMortem:
        remaining = tuple(w for w in self.waivers if not _same_finding(w, rule, where))
        if len(remaining) == len(self.waivers):
            raise KeyError((rule, where))
        return replace(self, waivers=remaining)

    # Attachments ----------------------------------------------------------------------

    def attachment(self, attachment_id: str) -> Attachment:
        for attachment in self.attachments:
            if attachment.id == attachment_id:
                return attachment
        raise KeyError(attachment_id)

    def attachments_of(self, *, event_id: str = "", section: str = "") -> tuple[Attachment, ...]:
        """The attachments shown with one event or one section, in the order added."""
        return tuple(
            a
            for a in self.attachments
            if (event_id and a.event_id == event_id) or (section and a.section == section)
        )

    def with_attachment(self, attachment: Attachment) -> PostMortem:
        """Add `attachment`, or replace the one with the same id in place."""
        if any(a.id == attachment.id for a in self.attachments):
            kept = tuple(attachment if a.id == attachment.id else a for a in self.attachments)
            return replace(self, attachments=kept)
        return replace(self, attachments=(*self.attachments, attachment))

    def without_attachment(self, attachment_id: str) -> PostMortem:
        remaining = tuple(a for a in self.attachments if a.id != attachment_id)
        if len(remaining) == len(self.attachments):
            raise KeyError(attachment_id)
        return replace(self, attachments=remaining)

    # Merge conflicts -------------------------------------------------------------------

    def conflict(self, where: str) -> MergeConflict:
        for conflict in self.conflicts:
            if conflict.where == where:
                return conflict
        raise KeyError(where)

    def without_conflict(self, where: str) -> PostMortem:
        remaining = tuple(c for c in self.conflicts if c.where != where)
        if len(remaining) == len(self.conflicts):
            raise KeyError(where)
        return replace(self, conflicts=remaining)


def _same_finding(waiver: Waiver, rule: str, where: str) -> bool:
    return waiver.rule == rule and waiver.where == where


def require_text(value: object, where: str, what: str) -> str:
    """A required text field as the model holds it (see model.text.admit); empty is refused."""
    text = admit(value, where) if isinstance(value, str) else ""
    if not text:
        raise ValidationError(f"{what} is required", where)
    return text


def optional_text(value: object, where: str) -> str:
    """An optional text field as the model holds it (see model.text.admit); None is ''."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"expected text, got {type(value).__name__}", where)
    return admit(value, where)


def narrative_text(value: object, where: str) -> str:
    """A narrative section: the author's Markdown, leading indentation and line breaks kept."""
    if not isinstance(value, str):
        raise ValidationError("expected text", where)
    return admit(value, where, strip="right")


#: The customer impact window's two fields, in order.
CUSTOMER_WINDOW: tuple[str, str] = ("customer_impact_start", "customer_impact_end")


def check_customer_window(
    start: datetime | None, end: datetime | None, where: str = CUSTOMER_WINDOW[1]
) -> None:
    """Refuse a customer impact window that ends before it starts: a customer would read a
    negative duration, or none, and the author would not see why."""
    if start is not None and end is not None and end < start:
        raise ValidationError("the customer impact window ends before it starts", where)
