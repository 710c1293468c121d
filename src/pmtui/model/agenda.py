"""Provides the review meeting's agenda: its steps, their timeboxes and the clock arithmetic.

Pure functions over plain values, so the presenter screen only draws what these say and the
rules (how time is counted, when a step is over) are tested without a terminal. Times are
seconds on any monotonic scale the caller chooses (the screen uses the service clock).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from pmtui.model.postmortem import ActionItem, PostMortem


@dataclass(frozen=True, slots=True)
class AgendaStep:
    key: str
    title: str  # the big heading
    short: str  # the agenda strip at 80 columns
    minutes: int  # the default timebox


STEPS: tuple[AgendaStep, ...] = (
    AgendaStep("carry_over", "Open actions from earlier post-mortems", "Earlier actions", 5),
    AgendaStep("summary", "Summary and impact", "Summary", 10),
    AgendaStep("timeline", "Timeline walk-through", "Timeline", 15),
    AgendaStep("whys", "Five Whys", "Five Whys", 15),
    AgendaStep("actions", "Action items", "Actions", 10),
    AgendaStep("wrap_up", "Wrap-up", "Wrap-up", 5),
)
STEP_KEYS: tuple[str, ...] = tuple(step.key for step in STEPS)

#: A timebox never shrinks below a minute: zero would be "over" the moment it starts.
MIN_MINUTES = 1
MAX_MINUTES = 180
#: From this share of a timebox on, the clock turns to a warning colour.
NEAR_SHARE = 0.8


class TimeboxState(StrEnum):
    WITHIN = "within"
    NEAR = "near"  # most of the time is used: wrap this step up
    OVER = "over"


@dataclass(frozen=True, slots=True)
class MeetingPlan:
    """Minutes per step, in STEPS order."""

    minutes: tuple[int, ...] = tuple(step.minutes for step in STEPS)

    @property
    def total_minutes(self) -> int:
        return sum(self.minutes)

    def with_minutes(self, index: int, delta: int) -> MeetingPlan:
        """`delta` minutes more (or fewer) for step `index`, kept within sensible bounds."""
        value = min(MAX_MINUTES, max(MIN_MINUTES, self.minutes[index] + delta))
        minutes = list(self.minutes)
        minutes[index] = value
        return replace(self, minutes=tuple(minutes))


@dataclass(frozen=True, slots=True)
class MeetingRun:
    """Where the meeting is: the current step, when it was entered and time already spent.

    Going back to a step continues its clock from what it had, so a revisited step shows its
    whole share of the meeting, not just the latest visit.
    """

    started_at: float
    step: int = 0
    entered_at: float = 0.0
    spent: tuple[float, ...] = (0.0,) * len(STEPS)

    @classmethod
    def start(cls, now: float) -> MeetingRun:
        return cls(started_at=now, entered_at=now)

    def go_to(self, index: int, now: float) -> MeetingRun:
        index = max(0, min(len(STEPS) - 1, index))
        if index == self.step:
            return self
        spent = list(self.spent)
        spent[self.step] += max(0.0, now - self.entered_at)
        return replace(self, step=index, entered_at=now, spent=tuple(spent))

    def step_elapsed(self, now: float, index: int | None = None) -> float:
        index = self.step if index is None else index
        running = max(0.0, now - self.entered_at) if index == self.step else 0.0
        return self.spent[index] + running

    def total_elapsed(self, now: float) -> float:
        return max(0.0, now - self.started_at)


@dataclass
class MeetingState:
    """One post-mortem's review meeting: its plan, its clock and where the room is looking.

    The workspace that shows the post-mortem holds it, so leaving meeting mode to fix
    something and coming back resumes the same meeting; it ends with that workspace.
    """

    plan: MeetingPlan
    run: MeetingRun
    #: The event the timeline walk-through points at (None: not walked yet).
    event_cursor: int | None = None
    #: The why chain shown on the Five Whys step.
    chain_cursor: int = 0
    #: The answer of that chain marked for editing (None: its last answer).
    answer_cursor: int | None = None
    #: The timebox warnings already given ("step:2", "total"), each given once.
    warned: set[str] = field(default_factory=set)
    #: Whether the roll call was taken in this meeting.
    roll_taken: bool = False
    #: The action item selected on the Actions step (its owner and deadline can be set).
    action_cursor: int = 0

    @classmethod
    def start(cls, now: float, plan: MeetingPlan | None = None) -> MeetingState:
        return cls(plan or MeetingPlan(), MeetingRun.start(now))


def timebox_state(elapsed: float, minutes: int) -> TimeboxState:
    budget = minutes * 60
    if elapsed > budget:
        return TimeboxState.OVER
    if elapsed >= budget * NEAR_SHARE:
        return TimeboxState.NEAR
    return TimeboxState.WITHIN


def format_clock(seconds: float) -> str:
    """A stopwatch reading: '4:05', '1:02:30'; a meeting clock never shows a fraction."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


# Open action items carried over from earlier post-mortems -----------------------------


@dataclass(frozen=True, slots=True)
class CarriedAction:
    pm_id: str
    pm_title: str
    action: ActionItem
    overdue: bool


def carried_actions(
    others: Iterable[PostMortem], today: date, *, exclude: str = ""
) -> list[CarriedAction]:
    """Every unfinished action item of the other post-mortems: overdue first (oldest
    deadline first), then by deadline, undated last; `exclude` is the one under review."""
    carried = [
        CarriedAction(pm.id, pm.title, action, action.is_overdue(today))
        for pm in others
        if pm.id != exclude
        for action in pm.actions
        if action.is_open
    ]
    return sorted(
        carried,
        key=lambda c: (not c.overdue, c.action.due is None, c.action.due or today, c.pm_title),
    )


def confirmed_attendees(known: Iterable[str], present: Iterable[str]) -> tuple[str, ...]:
    """The attendee list to save: `present` in the order of `known`, new names after.

    Names are compared without case or surrounding spaces so 'priya raman' typed again does
    not make a second Priya.
    """
    wanted: dict[str, str] = {}
    for name in present:
        if name.strip():
            wanted.setdefault(name.strip().casefold(), name.strip())
    ordered: list[str] = []
    seen: set[str] = set()
    for name in known:
        key = name.strip().casefold()
        if key in wanted and key not in seen:
            ordered.append(name.strip())
            seen.add(key)
    ordered += [name for key, name in wanted.items() if key not in seen]
    return tuple(ordered)


def _leads(short: str, full: str) -> bool:
    """Whether `short` is `full`'s leading words and fewer of them ("Priya", "Priya Raman")."""
    short_words, full_words = short.casefold().split(), full.casefold().split()
    return 0 < len(short_words) < len(full_words) and full_words[: len(short_words)] == short_words


def same_person(one: str, other: str, names: Iterable[str]) -> str | None:
    """The fuller of two names when they are one person by the obvious rule: one is the
    other's leading words, and no other of `names` starts with those words ("Sam" among
    "Sam Lee" and "Sam Park" could be either). None when they may be two people."""
    if _leads(one, other):
        short, full = one, other
    elif _leads(other, one):
        short, full = other, one
    else:
        return None
    rivals = [n for n in names if _leads(short, n) and n.casefold() != full.casefold()]
    return None if rivals else full


def owner_named_in_full(owner: str, attendees: Sequence[str]) -> str | None:
    """The attendee `owner` is a shorter name of ("Priya" → "Priya Raman"), None when the
    owner is listed as is or could be more than one of them: once the roll call lists the
    owner under a fuller name, the header names that person the same way."""
    if not owner.strip() or owner.casefold() in {name.casefold() for name in attendees}:
        return None
    fuller = [name for name in attendees if same_person(owner, name, attendees) == name]
    return fuller[0] if len(fuller) == 1 else None
