"""Provides the agenda steps of meeting mode: one widget per step, each drawing its own view.

Each step widget (`CarryOverStep` ... `WrapUpStep`) draws, whenever it is handed a new
`StepView`, what its content function makes of plain values (the post-mortem, today,
cursors): Content in calm, large blocks for the room. The presenter screen only switches
between the steps and stays about keys. Styles use theme variables only.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import ClassVar

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from pmtui.analysis.action_quality import OVERDUE_ACTION
from pmtui.analysis.blame import BLAME_LANGUAGE, PERSON_ROOT_CAUSE, people, waived_blame
from pmtui.analysis.findings import Finding, FindingSeverity
from pmtui.analysis.metrics import (
    METRIC_LABELS,
    METRIC_NAMES,
    Milestones,
    compute_metrics,
    find_milestones,
    metric_notes,
)
from pmtui.analysis.person_blame import blame_matches, person_blame
from pmtui.analysis.places import at_item, place_label
from pmtui.model.agenda import (
    STEPS,
    CarriedAction,
    MeetingPlan,
    MeetingRun,
    MeetingState,
    format_clock,
)
from pmtui.model.postmortem import (
    ActionItem,
    ContributingFactor,
    PostMortem,
    TimelineEvent,
)
from pmtui.model.prompts import MADE_SENSE_QUESTION, PHASE_PROMPTS_LINE
from pmtui.model.times import format_duration, format_span

Part = str | tuple[str, str] | Content

HEADING = "bold $text-accent"
MUTED = "$text-muted"
OVERDUE = "bold $text-error"
MILESTONE = "bold $text-accent"
BLAME = "bold $text-warning"
#: How many carried-over items the first step lists before pointing elsewhere.
CARRIED_SHOWN = 25
#: How many findings the wrap-up lists as "still missing".
MISSING_SHOWN = 8


def hang(text: str, width: int, indent: int) -> str:
    """`text` wrapped to `width`, its first line following a prefix `indent` wide and the
    others indented under it, so a list item reads as one block on the shared screen."""
    room = max(16, width - indent)
    lines: list[str] = []
    for paragraph in text.strip().splitlines() or [""]:
        lines += textwrap.wrap(paragraph, room) or [""]
    return ("\n" + " " * indent).join(lines)


def clip(text: str, width: int) -> str:
    """One line of `text`, cut with an ellipsis to `width` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def day_label(day: date, today: date) -> str:
    """'Fri 29 Jan', with the year when it is not `today`'s: reviewing an old incident,
    "due Fri 29 Jan" leaves the room guessing which January."""
    return f"{day:%a %d %b}" if day.year == today.year else f"{day:%a %d %b %Y}"


def _due(due: date | None, today: date) -> str:
    if due is None:
        return "no deadline"
    days = (due - today).days
    if days == 0:
        when = "today"
    elif days > 0:
        when = f"in {days} day{'s' * (days != 1)}"
    else:
        when = f"{-days} day{'s' * (days != -1)} ago"
    return f"due {day_label(due, today)} ({when})"


def _heading(text: str, first: bool = False) -> Part:
    return ("" if first else "\n") + text + "\n", HEADING


def _or_missing(text: str, where: str) -> Part:
    if text.strip():
        return text.strip() + "\n"
    return (f"Not written yet (the {where} field of the Overview pane).\n", MUTED)


#: From this content width the metrics say their names in full.
FULL_METRIC_NAMES_WIDTH = 110


def metrics_line(pm: PostMortem, width: int = FULL_METRIC_NAMES_WIDTH) -> Content:
    metrics = compute_metrics(pm.events)
    full = width >= FULL_METRIC_NAMES_WIDTH
    parts: list[Part] = []
    for index, name in enumerate(METRIC_NAMES):
        if index:
            parts.append(("   " if full else "  ", ""))
        parts.append((f"{METRIC_LABELS[name][1 if full else 0]} ", MUTED))
        value = getattr(metrics, name)
        if value is not None and value < 0:
            parts.append(("⚠", "bold"))  # as in the workspace's status bar
        if value is None and name == "time_to_acknowledge" and metrics.early_alert:
            parts.append(("n/a", "bold"))  # unmeasurable, not missing: the note below says why
        else:
            parts.append(("—" if value is None else format_duration(value), "bold"))
    # No tooltip on a shared screen: the room reads why a metric is negative right here.
    for reason in metric_notes(metrics, pm.zone):
        parts.append((f"\n⚠ {reason}", OVERDUE))
    return Content.assemble(*parts)


# 1. Open action items from earlier post-mortems ------------------------------------------


def carry_over_content(carried: Sequence[CarriedAction], today: date, width: int) -> Content:
    if not carried:
        return Content.assemble(
            _heading("Nothing carried over", first=True),
            # True whether earlier post-mortems had items or none at all (mock review 28a).
            ("No earlier post-mortem has an open action item.\n", MUTED),
        )
    overdue = sum(item.overdue for item in carried)
    parts: list[Part] = [
        (f"{len(carried)} open", "bold"),
        (" · ", MUTED),
        (f"{overdue} overdue", OVERDUE if overdue else MUTED),
        ("  (ask each owner: done, still on, or drop it?)\n", MUTED),
    ]
    for item in carried[:CARRIED_SHOWN]:
        action = item.action
        parts.append("\n")
        parts.append(("● OVERDUE " if item.overdue else "○ ", OVERDUE if item.overdue else ""))
        parts.append((action.owner or "no owner", "bold"))
        parts.append((f"  {_due(action.due, today)}\n", OVERDUE if item.overdue else MUTED))
        parts.append(f"  {hang(action.text, width, 2)}\n")
        parts.append((f"  from “{clip(item.pm_title, width - 9)}”\n", MUTED))
    if len(carried) > CARRIED_SHOWN:
        parts.append((f"\n… and {len(carried) - CARRIED_SHOWN} more.\n", MUTED))
    return Content.assemble(*parts)


# 2. Summary and impact -------------------------------------------------------------------


def facts_line(pm: PostMortem, width: int) -> str:
    """Severity, status, services and date, wrapped to `width` between values only: a value
    is never split ("Wed 19 Mar 2025", a service with spaces in it), and one wider than a line
    is shortened with "…" rather than cut mid-word."""
    date_shown = [f"{pm.incident_date:%a %d %b %Y}"] if pm.incident_date else []
    # Room for the separator that follows a value on its line.
    services = [clip(service, width - 2) for service in pm.services]
    groups = [
        group for group in ([pm.severity.value], [pm.status.value], services, date_shown) if group
    ]
    pieces = []
    for number, group in enumerate(groups, start=1):
        pieces += [value + "," for value in group[:-1]]
        pieces.append(group[-1] + (" ·" if number < len(groups) else ""))
    lines: list[str] = []
    for piece in pieces:
        if lines and len(lines[-1]) + 1 + len(piece) <= width:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return "\n".join(lines)


def summary_content(pm: PostMortem, width: int) -> Content:
    return Content.assemble(
        (facts_line(pm, width) + "\n", MUTED),
        _heading("Summary"),
        _or_missing(pm.summary, "Summary"),
        _heading("Impact"),
        _or_missing(pm.impact, "Impact"),
        _heading("Detection"),
        _or_missing(pm.detection, "Detection"),
        "\n",
        metrics_line(pm, width),
        "\n",
    )


# 3. Timeline walk-through ----------------------------------------------------------------


#: Columns before an event's text: marker, clock and kind.
_EVENT_INDENT = 2 + 8 + 2 + 14


def _day(event: TimelineEvent, zone: tzinfo) -> date:
    return event.at.astimezone(zone).date()


def _window(pm: PostMortem, cursor: int, lines: int, expanded: int) -> range:
    """The events to show: the cursor's, then neighbours on both sides while lines last."""
    events = pm.events
    first = last = cursor
    budget = lines - expanded
    zone = pm.zone
    while budget > 0 and (first > 0 or last < len(events) - 1):
        for step in (1, -1):
            index = last + 1 if step == 1 else first - 1
            if not 0 <= index < len(events) or budget <= 0:
                continue
            neighbour = events[index - step]
            cost = 1 + (_day(events[index], zone) != _day(neighbour, zone))
            if cost > budget:
                budget = 0
                break
            budget -= cost
            if step == 1:
                last = index
            else:
                first = index
    return range(first, last + 1)


def timeline_content(pm: PostMortem, cursor: int, lines: int, width: int) -> Content:
    """The events around `cursor` in about `lines` lines: one line each, the current one
    highlighted with its whole text; a day line wherever the date changes."""
    parts: list[Part] = [metrics_line(pm, width), "\n\n"]
    events = pm.events
    if not events:
        parts.append(("No events yet. Press s to stamp one now, or / to type one.\n", MUTED))
        return Content.assemble(*parts)
    cursor = max(0, min(len(events) - 1, cursor))
    zone = pm.zone
    current = events[cursor]
    text = hang(current.text, width, _EVENT_INDENT)
    # Lines not for events: metrics, a blank, "earlier", "later" and the position line.
    shown = _window(pm, cursor, max(3, lines - 5), text.count("\n") + 1)
    if shown.start:
        parts.append((f"  ↑ {shown.start} earlier\n", MUTED))
    previous_day = None
    for index in shown:
        event = events[index]
        local = event.at.astimezone(zone)
        if local.date() != previous_day:
            parts.append((f"{local:%a %d %b %Y}\n", HEADING))
            previous_day = local.date()
        here = index == cursor
        clock = f"{local:%H:%M:%S}" if local.second else f"{local:%H:%M}   "
        kind_style = MILESTONE if event.is_milestone else MUTED
        body = text if here else clip(event.text, width - _EVENT_INDENT)
        row = Content.assemble(
            ("▶ " if here else "  ", "bold"),
            (f"{clock}  ", "" if here else MUTED),
            (f"{event.kind.value:<14}", kind_style),
            (body, "bold" if here else ""),
        )
        parts.append(row.stylize("on $primary-muted") if here else row)
        parts.append("\n")
    after = len(events) - shown.stop
    if after > 0:
        parts.append((f"  ↓ {after} later\n", MUTED))
    parts.append((f"Event {cursor + 1} of {len(events)}", MUTED))
    milestones = find_milestones(events)
    start = milestones.start
    if start is not None and current.at != start:
        offset = (current.at - start).total_seconds()
        relation = "after" if offset > 0 else "before"
        parts.append((f" · {format_duration(abs(offset))} {relation} the start", MUTED))
    if start is None or current.at >= start:
        # Said once: before the start, "… before the start · before the start" (28b); at
        # it, "0s after the start · at the start".
        parts.append((f" · {_phase(milestones, current.at)}", MILESTONE))
    return Content.assemble(*parts)


_PHASES = (
    ("start", "the start"),
    ("detected", "detection"),
    ("acknowledged", "acknowledgement"),
    ("mitigated", "mitigation"),
    ("resolved", "resolution"),
)


def _phase(milestones: Milestones, at: datetime) -> str:
    """Where in the incident an instant falls: at a milestone, else before the first one not
    yet reached. The resolved event itself read "after resolution" (mock review 29b)."""
    for name, label in _PHASES:
        moment = getattr(milestones, name)
        if moment is not None and at == moment:
            return f"at {label}"
        if moment is not None and at < moment:
            return f"before {label}"
    return "after resolution" if milestones.resolved is not None else "still unresolved"


def first_milestone(pm: PostMortem) -> int:
    return next((i for i, event in enumerate(pm.events) if event.is_milestone), 0)


# 4. Five Whys ----------------------------------------------------------------------------


def _factor_lines(pm: PostMortem, factor: ContributingFactor, width: int) -> list[Part]:
    """What the room knows about the factor this chain drills into: its category, where the
    timeline shows it, and how it made sense at the time (or the question, still to ask)."""
    category = factor.category.value if factor.category else "no category yet"
    span = format_span([e.at for e in pm.events if e.id in factor.event_ids], pm.zone)
    seen = f"seen in {span}" if span else "no timeline events linked yet"
    parts: list[Part] = [
        _heading("Contributing factor"),
        hang(factor.title, width, 0) + "\n",
        (f"{category} · {seen}\n", MUTED),
    ]
    if factor.made_sense:
        parts.append((f"\n{'Made sense':<{ANSWER_TEXT_COLUMN}}", HEADING))
        parts.append(hang(factor.made_sense, width, ANSWER_TEXT_COLUMN) + "\n")
    else:
        parts.append((f"{MADE_SENSE_QUESTION}  m writes it down\n", MUTED))
    names = people(pm)
    waived = waived_blame(pm)
    for field, text in (("title", factor.title), ("made_sense", factor.made_sense)):
        if at_item("factors", factor.id, field) in waived:
            continue  # the team accepted these words in Checks: no warning for the room
        for blame in blame_matches(text, names)[:1]:
            marker = f"⚠ “{blame.phrase}”: {blame.hint}"
            parts.append((hang(marker, width, 0) + "\n", BLAME))
    return parts


#: Under an answer whose blame wording was waived, in place of its warning.
WAIVED_NOTE = "blame wording waived in Checks"

#: Where the mark of the answer e edits stands on its label's line: one past the longest
#: label, "Root cause", which the mark once touched ("Root cause▸"; mock meeting 14).
ANSWER_MARK_COLUMN = 11
#: Where an answer's text starts, after the mark and a space.
ANSWER_TEXT_COLUMN = ANSWER_MARK_COLUMN + 2
#: Beside each line of an answer that blames a person, in the mark's column.
BLAME_GUTTER = " " * ANSWER_MARK_COLUMN + "⚠ "


def whys_content(
    pm: PostMortem, factor_index: int, width: int, answer_index: int | None = None
) -> Content:
    """Step 4: the factor, its chain and the other factors; `answer_index` is the answer
    marked for editing (None: the last one)."""
    if not pm.factors:
        return Content.assemble(
            _heading("No contributing factors yet", first=True),
            ("Press w and state one; each answer becomes the next why.\n", MUTED),
        )
    factor_index = max(0, min(len(pm.factors) - 1, factor_index))
    factor = pm.factors[factor_index]
    chain = next((c for c in pm.whys if c.id == factor.chain_id), None) if factor.chain_id else None
    if chain is None:
        status = "no whys yet"
    elif chain.root_cause and chain.category:
        status = f"root cause: {chain.category.value}"
    else:
        status = "still open"
    parts: list[Part] = [
        (f"Factor {factor_index + 1} of {len(pm.factors)} · {status}\n", MUTED),
        *_factor_lines(pm, factor, width),
    ]
    answers = chain.answers if chain is not None else ()
    if chain is not None:
        parts += [_heading("Problem"), hang(chain.problem, width, 0) + "\n"]
    marked = selected_answer(len(answers), answer_index)
    waived = waived_blame(pm)
    chain_id = chain.id if chain is not None else ""
    for number, answer in enumerate(answers, start=1):
        is_cause = chain is not None and chain.root_cause and number == len(answers)
        label = "Root cause" if is_cause else f"{number}. Why?"
        # The answer e edits is marked after its label, which keeps the text aligned.
        mark = "▸" if number - 1 == marked else " "
        parts.append((f"\n{label:<{ANSWER_MARK_COLUMN}}{mark} ", HEADING))
        text = hang(answer, width, ANSWER_TEXT_COLUMN)
        style = "bold" if is_cause else ""
        # Blame stays visible for the room, not only while the answer is being typed: the
        # marker opens the answer, on its label's line, and a ⚠ stands beside each of its
        # lines. Under a long answer it fell below the fold at 80x24 with the answer in sight.
        blame = person_blame(answer)
        if blame is not None and at_item("whys", chain_id, f"answers[{number - 1}]") in waived:
            parts.append((text + "\n", style))
            parts.append((" " * ANSWER_TEXT_COLUMN + WAIVED_NOTE + "\n", MUTED))
        elif blame is None:
            parts.append((text + "\n", style))
        else:
            marker = f"⚠ “{blame.phrase}”: {blame.hint}"
            parts.append((hang(marker, width, ANSWER_TEXT_COLUMN) + "\n", BLAME))
            for line in text.split("\n"):
                parts += [(BLAME_GUTTER, BLAME), (line.strip() + "\n", style)]
    if chain is None or not chain.root_cause:
        number = len(answers) + 1
        parts.append((f"\n{f'{number}. Why?':<{ANSWER_TEXT_COLUMN}}", HEADING))
        hint = "…  w answers · e edits the marked one · c marks the last as root cause"
        hint_line = hang(hint, width, ANSWER_TEXT_COLUMN) + "\n"
        parts.append((hint_line if answers else "…  press w to answer\n", MUTED))
        prompts = hang(PHASE_PROMPTS_LINE, width, ANSWER_TEXT_COLUMN)
        parts.append((" " * ANSWER_TEXT_COLUMN + prompts + "\n", MUTED))
    others = [f for f in pm.factors if f.id != factor.id]
    if others:
        parts.append(("\nOther factors (↑/↓):\n", MUTED))
        for other in others:
            parts.append((f"  {clip(_factor_line(pm, other), width - 2)}\n", MUTED))
    return Content.assemble(*parts)


def marked_answer_lines(content: Content) -> range:
    """The lines of `content` (whys_content) the marked answer takes, its blame marker
    included; empty when no answer is marked."""
    lines = content.plain.splitlines()
    column = ANSWER_MARK_COLUMN
    start = next((n for n, line in enumerate(lines) if line[column : column + 1] == "▸"), None)
    if start is None:
        return range(0)
    end = start + 1
    # The lines after it with nothing in the label column: the answer's, its marker's.
    while end < len(lines) and lines[end].strip() and not lines[end][:column].strip():
        end += 1
    return range(start, end)


def selected_answer(count: int, cursor: int | None) -> int | None:
    """The index of the answer marked in a chain of `count` answers (None: it has none)."""
    if count == 0:
        return None
    return count - 1 if cursor is None else max(0, min(count - 1, cursor))


def _one_line(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _factor_line(pm: PostMortem, factor: ContributingFactor) -> str:
    chain = next((c for c in pm.whys if c.id == factor.chain_id), None) if factor.chain_id else None
    mark = "✓" if chain is not None and chain.root_cause else "…"
    return f"{mark} {_one_line(factor.title, 70)}"


# 5. Action items -------------------------------------------------------------------------


def _done_or_due(action: ActionItem, today: date) -> str:
    if action.is_open:
        return _due(action.due, today)
    when = f" {day_label(action.completed_on, today)}" if action.completed_on else ""
    return f"{action.status.value}{when}"


def _action_facts(action: ActionItem) -> str:
    """'P1 · detect · open'; a priority or type nobody chose is left out."""
    chosen = (action.priority, action.kind, action.status)
    return " · ".join(value.value for value in chosen if value is not None)


#: Marks the action item selected on the Actions step (o sets its owner and deadline).
SELECTED_MARK = "▶ "


def _action_lines(
    action: ActionItem, today: date, width: int, selected: bool = False
) -> list[Part]:
    overdue = action.is_overdue(today)
    done = not action.is_open
    bullet = "✓ " if done else ("● " if overdue else "○ ")
    owner = action.owner or "no owner"
    due = f"  {_done_or_due(action, today)}"
    facts = _action_facts(action)
    # Facts that do not fit after the deadline start their own line, indented as the text
    # is: wrapped at the edge, "in-progress" stood alone at the margin (mock meeting 18c).
    fits = 4 + len(owner) + len(due) + 2 + len(facts) <= width
    return [
        "\n",
        (SELECTED_MARK, "bold $text-accent") if selected else "  ",
        (bullet, OVERDUE if overdue else ("$text-success" if done else "")),
        (owner, "bold" if action.owner else OVERDUE),
        (due, OVERDUE if overdue or action.due is None else MUTED),
        (f"  {facts}\n" if fits else f"\n    {hang(facts, width, 4)}\n", MUTED),
        (f"    {hang(action.text, width, 4)}\n", MUTED if done else ""),
        (_vague_line(action, width), "$text-warning"),
    ]


def _vague_line(action: ActionItem, width: int) -> str:
    """The room sees a vague item named while it can still be reworded, not first at
    wrap-up (mock review 28b); a finished item is past rewording."""
    from pmtui.analysis.vague_actions import vague_note

    note = vague_note(action.text) if action.is_open else ""
    return f"    {hang(note, width, 6)}\n" if note else ""


def actions_content(
    pm: PostMortem, today: date, width: int, selected: int | None = None
) -> Content:
    """Every action item, `selected` (an index) marked for the room to see which one the
    next owner or deadline is for."""
    if not pm.actions:
        return Content.assemble(
            _heading("No action items yet", first=True),
            ("Press a to capture one: a concrete deliverable, an owner, a deadline.\n", MUTED),
        )
    open_count = sum(a.is_open for a in pm.actions)
    total = len(pm.actions)
    counted = f"{total} action item{'s' * (total != 1)}"
    parts: list[Part] = [(f"{counted} · {open_count} open\n", MUTED)]
    for index, action in enumerate(pm.actions):
        parts += _action_lines(action, today, width, selected=index == selected)
    return Content.assemble(*parts)


def selected_action_line(content: Content) -> int:
    """The line of `content` (actions_content) where the selected item starts, 0 if none."""
    for number, line in enumerate(content.plain.splitlines()):
        if line.startswith(SELECTED_MARK):
            return number
    return 0


# 6. Wrap-up ------------------------------------------------------------------------------


def wrap_up_content(
    pm: PostMortem,
    today: date,
    findings: Sequence[Finding],
    plan: MeetingPlan,
    run: MeetingRun,
    now: float,
    width: int,
    roll_taken: bool = False,
) -> Content:
    parts: list[Part] = [_heading("Attendees", first=True)]
    if pm.attendees:
        parts.append(hang(", ".join(pm.attendees), width, 0) + "\n")
        if roll_taken:
            parts.append(("✓ Confirmed in this meeting.\n", "$text-success"))
        else:
            parts.append(("Not confirmed yet: press r to mark who is here.\n", "$text-warning"))
    else:
        parts.append(("Nobody recorded yet: press r to take the roll call.\n", OVERDUE))
    parts.append(_heading("Action items"))
    if not pm.actions:
        parts.append(("None captured. Press a to add one before the room leaves.\n", OVERDUE))
    for action in pm.actions:
        if action.is_open:
            overdue = action.is_overdue(today)
            parts.append((f"• {action.owner or 'no owner'}", "bold"))
            parts.append((f"  {_due(action.due, today)}", OVERDUE if overdue else MUTED))
            # Read aloud before the room leaves: the whole text, wrapped, never cut.
            parts.append(f"\n  {hang(action.text, width, 2)}\n")
    parts.append(_heading("Still missing"))
    # Imported on use, as the service does: the guides' module compiles many patterns.
    from pmtui.analysis.readiness import apply_waivers

    # What the team waived in Checks is decided, not missing.
    still_open, waived, _ = apply_waivers(list(findings), pm.waivers)
    # Overdue items already stand out in the recap above; repeating them buries the gaps.
    findings = [f for f in still_open if f.rule != OVERDUE_ACTION]
    blocking = [f for f in findings if f.severity is FindingSeverity.BLOCKING]
    others = [f for f in findings if f.severity is not FindingSeverity.BLOCKING]
    ordered = blocking + others
    if not ordered:
        parts.append(("Nothing: the guides found no gaps.\n", "$text-success"))
    for finding in ordered[:MISSING_SHOWN]:
        style = "$text-warning" if finding.severity is FindingSeverity.BLOCKING else MUTED
        parts.append(("• ", style))
        # Wrapped, never cut: at 80x24 the blame line lost the words saying what is wrong.
        parts.append(f"{hang(_missing_line(pm, finding), width, 2)}\n")
    if len(ordered) > MISSING_SHOWN:
        parts.append((f"… and {len(ordered) - MISSING_SHOWN} more (pmtui check).\n", MUTED))
    if waived:
        parts.append((f"{len(waived)} waived in Checks.\n", MUTED))
    parts.append(_heading("Time"))
    for index, step in enumerate(STEPS):
        spent = run.step_elapsed(now, index)
        over = spent > plan.minutes[index] * 60
        parts.append((f"{step.short:<16}", MUTED))
        parts.append((format_clock(spent), "$text-warning" if over else ""))
        parts.append((f" of {plan.minutes[index]} min\n", MUTED))
    return Content.assemble(*parts)


def _missing_line(pm: PostMortem, finding: Finding) -> str:
    """A finding as the wrap-up reads it out; blame says where, as its words do not."""
    if finding.rule in (BLAME_LANGUAGE, PERSON_ROOT_CAUSE):
        return f"{place_label(pm, finding.where)}: {finding.message}"
    return finding.message


# The step widgets --------------------------------------------------------------------------


@dataclass(frozen=True)
class StepView:
    """What a step is drawn from. `carried` and `findings` are read only by the steps that
    show them, as both cost more than drawing."""

    pm: PostMortem
    state: MeetingState
    today: date
    now: float
    width: int
    lines: int
    carried: Callable[[], Sequence[CarriedAction]]
    findings: Callable[[], Sequence[Finding]]


class MeetingStep(Static):
    """One agenda step's body; it redraws whenever the screen hands it a view."""

    KEY: ClassVar[str] = ""
    #: The question under the step's title.
    PROMPT: ClassVar[str] = ""

    view: reactive[StepView | None] = reactive(None, init=False, always_update=True)

    def __init__(self) -> None:
        super().__init__(id=f"step-{self.KEY}", classes="meeting-step")

    def watch_view(self, view: StepView | None) -> None:
        if view is not None:
            self.update(self.draw(view))

    def draw(self, view: StepView) -> Content:
        raise NotImplementedError

    @property
    def text(self) -> str:
        """What the step shows, as plain text."""
        return str(self.render())


class CarryOverStep(MeetingStep):
    KEY = "carry_over"
    PROMPT = "Before this incident: are the earlier promises kept?"

    def draw(self, view: StepView) -> Content:
        return carry_over_content(view.carried(), view.today, view.width)


class SummaryStep(MeetingStep):
    KEY = "summary"
    PROMPT = "What happened, and who felt it?"

    def draw(self, view: StepView) -> Content:
        return summary_content(view.pm, view.width)


class TimelineStep(MeetingStep):
    KEY = "timeline"
    PROMPT = "Walk the timeline; stamp what the room remembers."

    def draw(self, view: StepView) -> Content:
        cursor = view.state.event_cursor or 0
        return timeline_content(view.pm, cursor, view.lines, view.width)


class WhysStep(MeetingStep):
    KEY = "whys"
    PROMPT = "Ask why, and how it made sense at the time, until the answer is a system."

    def draw(self, view: StepView) -> Content:
        state = view.state
        return whys_content(view.pm, state.chain_cursor, view.width, state.answer_cursor)


class ActionsStep(MeetingStep):
    KEY = "actions"
    PROMPT = "Each cause gets a deliverable, an owner and a deadline."

    def draw(self, view: StepView) -> Content:
        selected = min(view.state.action_cursor, len(view.pm.actions) - 1)
        return actions_content(view.pm, view.today, view.width, selected=selected)


class WrapUpStep(MeetingStep):
    KEY = "wrap_up"
    PROMPT = "Who was here, who does what by when, and what is still missing."

    def draw(self, view: StepView) -> Content:
        state = view.state
        return wrap_up_content(
            view.pm,
            view.today,
            view.findings(),
            state.plan,
            state.run,
            view.now,
            view.width,
            state.roll_taken,
        )


#: One widget class per agenda step, in the agenda's order.
STEP_WIDGETS: tuple[type[MeetingStep], ...] = (
    CarryOverStep,
    SummaryStep,
    TimelineStep,
    WhysStep,
    ActionsStep,
    WrapUpStep,
)
