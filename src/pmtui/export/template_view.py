"""Provides the view model every Markdown template renders, built-in or copied: the
post-mortem's values escaped for Markdown before a template sees them, and the ready-made
parts the built-in templates print.

Each name is described once, here (a property's or class's docstring, a field's `doc`);
`pmtui templates vars` and the top of every copied template are derived from it. Parts
nobody prints cost nothing: the light template never builds the timeline's rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from operator import attrgetter
from typing import Any

from pmtui.analysis.customer import (
    customer_headline,
    customer_lines,
    customer_window,
    missing_for_customers,
)
from pmtui.analysis.metrics import METRIC_NAMES, Metrics
from pmtui.export.markdown_actions import (
    action_lines,
    action_table,
    status_text,
    tally,
    verification_lines,
)
from pmtui.export.markdown_attachments import (
    ATTACHMENTS_PREFIX,
    event_figure_lines,
    section_images,
)
from pmtui.export.markdown_clock import iso_date, zone_description
from pmtui.export.markdown_customer import CustomerVersionMissing, timing
from pmtui.export.markdown_escape import anywhere, anywhere_many, heading_text, list_item_text
from pmtui.export.markdown_finish import Fences
from pmtui.export.markdown_metrics import (
    any_milestone,
    metric_rows,
    metric_value,
    milestone_problems,
    milestone_table,
    timeline_metrics,
)
from pmtui.export.markdown_narrative import narrative
from pmtui.export.markdown_related import related_line
from pmtui.export.markdown_sections import (
    SECTION_HEADINGS,
    header_facts,
    header_line,
    label,
    title_heading,
)
from pmtui.export.markdown_timeline import TimelineColumns, timeline_columns, timeline_rows
from pmtui.export.markdown_waivers import waiver_lines
from pmtui.export.markdown_whys import (
    branch_numbers,
    cause_lines,
    chain_heading,
    chain_of,
    conclusion,
    event_times,
    factor_branch,
    factor_facts,
    factor_fix_lines,
    factor_heading,
    factor_numbers,
    fix_lines,
    why_lines,
)
from pmtui.model.postmortem import SECTION_KEYS, PostMortem, by_due_date

_AT = attrgetter("at")


def doc(text: str) -> Any:
    """A dataclass field described for template authors (see `pmtui templates vars`)."""
    return field(metadata={"doc": text})


class PostMortemView:
    """pm: the post-mortem's own values, each one line escaped so it is safe anywhere a
    template prints it (prose, heading, list item, table cell); '' when empty."""

    def __init__(self, pm: PostMortem) -> None:
        self._pm = pm

    @cached_property
    def id(self) -> str:
        """The post-mortem's id."""
        return anywhere(self._pm.id)

    @cached_property
    def title(self) -> str:
        """The title as written ('' when there is none)."""
        return anywhere(self._pm.title)

    @cached_property
    def severity(self) -> str:
        """SEV1 .. SEV5."""
        return self._pm.severity.value

    @cached_property
    def status(self) -> str:
        """draft, in review, published or closed."""
        return label(self._pm.status)

    @cached_property
    def owner(self) -> str:
        """The owner or facilitator."""
        return anywhere(self._pm.owner)

    @cached_property
    def incident_date(self) -> str:
        """YYYY-MM-DD in the post-mortem's timezone ('' when unknown)."""
        return iso_date(self._pm.incident_day)

    @cached_property
    def timezone(self) -> str:
        """The display timezone with its label, e.g. 'Europe/Berlin (CET)'."""
        return anywhere(zone_description(self._pm))

    @cached_property
    def attendees(self) -> tuple[str, ...]:
        """The attendees' names."""
        return tuple(name for name in anywhere_many(self._pm.attendees) if name)

    @cached_property
    def services(self) -> tuple[str, ...]:
        """The affected services."""
        return tuple(name for name in anywhere_many(self._pm.services) if name)


class DocumentView:
    """document: lines the built-in templates print, each safe where its name says."""

    def __init__(self, pm: PostMortem) -> None:
        self._pm = pm

    @cached_property
    def title(self) -> str:
        """The title for the '# ' heading ('Untitled post-mortem' when there is none)."""
        return title_heading(self._pm)

    @cached_property
    def facts(self) -> tuple[tuple[str, str], ...]:
        """(name, value) pairs under the title: Severity, Status, Owner, Incident date,
        Timezone, Attendees, Services; each value safe in a list item; an unfilled one is left
        out."""
        return tuple(header_facts(self._pm))

    @cached_property
    def summary_line(self) -> str:
        """'SEV4 · published · owner Dana · 2025-01-14 · impact 1h 05m', for a paragraph."""
        return header_line(self._pm)


class Sections(Mapping[str, str]):
    """sections: each narrative section's Markdown by field name (sections.summary ...):
    the author's Markdown made safe, its headings demoted under a level-2 section heading;
    '' when there is nothing to show. Print one on a line of its own."""

    def __init__(self, pm: PostMortem, fences: Fences, prefix: str = ATTACHMENTS_PREFIX) -> None:
        self._pm = pm
        self._fences = fences
        self._prefix = prefix
        self._done: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        if key not in self._done:
            if key not in SECTION_KEYS:
                raise KeyError(key)  # Jinja reports it as an undefined name
            text = self._pm.section(key)
            shown = self._fences.narrative(narrative(text, 2, self._fences.heading))
            # The section's attached images follow its text, each a paragraph of its own.
            images = section_images(self._pm, key, self._prefix) if self._pm.attachments else ""
            self._done[key] = "\n\n".join(part for part in (shown, images) if part)
        return self._done[key]

    def __iter__(self) -> Iterator[str]:
        return iter(SECTION_KEYS)

    def __len__(self) -> int:
        return len(SECTION_KEYS)


class MetricsView:
    """metrics: the numbers derived from the timeline."""

    def __init__(self, pm: PostMortem) -> None:
        self._pm = pm

    @cached_property
    def _metrics(self) -> Metrics:
        return timeline_metrics(self._pm)

    @cached_property
    def shown(self) -> bool:
        """Whether the timeline holds any milestone (the full template's Metrics section)."""
        return any_milestone(self._metrics)

    @cached_property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        """(label, value) table rows: 'Time to detect (TTD)', '12m' or 'not recorded'."""
        return tuple(tuple(row) for row in metric_rows(self._metrics))

    @cached_property
    def values(self) -> dict[str, str]:
        """Each value by name: time_to_detect, time_to_acknowledge, time_to_mitigate,
        time_to_resolve, impact_duration."""
        return {name: metric_value(self._metrics, name) for name in METRIC_NAMES}

    @cached_property
    def problems(self) -> str:
        """Out-of-order milestones in one sentence (for a paragraph), or ''."""
        return milestone_problems(self._metrics)

    @cached_property
    def _milestones(self) -> tuple[str, list[list[str]]]:
        return milestone_table(self._pm, self._metrics)

    @cached_property
    def milestones_header(self) -> str:
        """The time column's header, e.g. 'Time (CET)'."""
        return self._milestones[0]

    @cached_property
    def milestones(self) -> tuple[tuple[str, ...], ...]:
        """(milestone, local date and time or 'not recorded') table rows."""
        return tuple(tuple(row) for row in self._milestones[1])


@dataclass(frozen=True, slots=True)
class EventView:
    """timeline.events[i]: one event; its texts are safe anywhere in a line."""

    time: str = doc("local date and time, with the zone label when clocks change")
    kind: str = doc("start, detected, alert, ... note")
    milestone: bool = doc("whether the metrics are measured from this kind")
    text: str = doc("what happened")
    source: str = doc("monitoring, chat, deploy, pager, manual, ...")
    link: str = doc("the evidence's address as an autolink, or ''")


class TimelineView:
    """timeline: the events in time order, shown in the post-mortem's timezone."""

    def __init__(self, pm: PostMortem, prefix: str = ATTACHMENTS_PREFIX) -> None:
        self._pm = pm
        self._prefix = prefix

    @cached_property
    def _columns(self) -> TimelineColumns:
        return timeline_columns(self._pm)

    @cached_property
    def header(self) -> tuple[str, ...]:
        """The table's header cells: 'Time (CET)', 'Kind', 'Event', 'Source'."""
        return tuple(self._columns.header)

    @cached_property
    def rows(self) -> tuple[str, ...]:
        """The table's rows, one ready '| ... |' line per event (print with table_lines)."""
        return tuple(timeline_rows(self._columns))

    @cached_property
    def figures(self) -> tuple[str, ...]:
        """'- <time>, <event>: ![alt text](attachments/<sha256>.png)' for each image attached
        to an event, in time order (print each on a line of its own); () for none."""
        if not any(a.event_id for a in self._pm.attachments):
            return ()
        columns = self._columns
        times = dict(zip(columns.ids, columns.times, strict=True))
        return tuple(event_figure_lines(self._pm, times, self._prefix))

    @cached_property
    def events(self) -> tuple[EventView, ...]:
        """Each event on its own (timeline.events[i], below)."""
        events = sorted(self._pm.events, key=_AT)  # the columns' order
        links = anywhere_many([event.link for event in events])
        texts = anywhere_many([event.text for event in events])
        sources = anywhere_many([event.source for event in events])
        return tuple(
            EventView(time, event.kind.value, event.is_milestone, text, source, link)
            for time, event, text, source, link in zip(
                self._columns.times, events, texts, sources, links, strict=True
            )
        )


@dataclass(frozen=True, slots=True)
class ChainView:
    """whys[i]: the Five Whys chains in order (a tuple; empty when there are none)."""

    number: int = doc("1, 2, ... in the order the chains were written")
    heading: str = doc("'Chain 2: <problem>', for a heading")
    problem: str = doc("the problem statement the chain starts from")
    branches_off: int = doc("the number of the chain it branches off, or 0")
    answers: tuple[str, ...] = doc("each answer to 'why?', in order")
    why_lines: tuple[str, ...] = doc(
        "'**Why?** <answer>' for a numbered list; a concluded chain's last one is "
        "'**Root cause (<category>):** <answer>'"
    )
    cause: str = doc("the root cause it ends at, or '' while open")
    category: str = doc("process, testing, monitoring, ... or 'category not set'")
    conclusion: str = doc("an open chain's italic 'not yet identified' note; '' once concluded")
    fixes: tuple[str, ...] = doc("action items addressing its factor, for list items")
    factor: int = doc("the number of the contributing factor it drills into, or 0 for none")


def _chains(pm: PostMortem) -> tuple[ChainView, ...]:
    branches = branch_numbers(pm)
    factors = factor_numbers(pm)
    return tuple(
        ChainView(
            number=number,
            heading=chain_heading(number, chain),
            problem=anywhere(chain.problem),
            branches_off=branches.get(chain.id, 0),
            answers=tuple(anywhere_many(chain.answers)),
            why_lines=tuple(why_lines(chain)),
            cause=anywhere(chain.cause),
            category=label(chain.category) if chain.category else "category not set",
            conclusion=conclusion(chain),
            fixes=tuple(fix_lines(pm, chain)),
            factor=factors.get(chain.id, 0),
        )
        for number, chain in enumerate(pm.whys, 1)
    )


@dataclass(frozen=True, slots=True)
class FactorView:
    """factors[i]: the contributing factors in order (a tuple; empty when there are none)."""

    number: int = doc("1, 2, ... in the order the factors were stated")
    heading: str = doc("'Factor 1: <title>', for a heading")
    title: str = doc("what contributed, as stated")
    category: str = doc("process, testing, monitoring, ... or 'category not set'")
    events: tuple[str, ...] = doc("the linked timeline events' local times, in time order")
    made_sense: str = doc("how it made sense at the time, or ''")
    facts: tuple[str, ...] = doc(
        "'**Category:** ...', the events it was seen in and how it made sense, for list items"
    )
    summary: str = doc("the one line 'causes' prints for it")
    branches_off: int = doc("the number of the factor whose chain its chain branches off, or 0")
    fixes: tuple[str, ...] = doc("action items addressing it, for list items")
    chain: ChainView | None = field(
        default=None,
        metadata={"doc": "the Five Whys chain drilling into it (as whys[i]), or none"},
    )


def _factors(
    pm: PostMortem, chains: tuple[ChainView, ...], causes: tuple[str, ...]
) -> tuple[FactorView, ...]:
    by_id = {chain.id: view for chain, view in zip(pm.whys, chains, strict=True)}
    return tuple(
        FactorView(
            number=number,
            heading=factor_heading(number, factor),
            title=anywhere(factor.title),
            category=label(factor.category) if factor.category else "category not set",
            events=tuple(anywhere_many(event_times(pm, factor))),
            made_sense=anywhere(factor.made_sense),
            facts=tuple(factor_facts(pm, factor)),
            summary=summary,
            branches_off=factor_branch(pm, factor),
            chain=by_id.get(chain.id) if (chain := chain_of(pm, factor)) else None,
            fixes=tuple(factor_fix_lines(pm, factor)),
        )
        for (number, factor), summary in zip(enumerate(pm.factors, 1), causes, strict=False)
    )


@dataclass(frozen=True, slots=True)
class ActionView:
    """actions.items[i]: one action item; every text is safe anywhere."""

    text: str = doc("the deliverable")
    owner: str = doc("who owns it, or ''")
    due: str = doc("YYYY-MM-DD, or ''")
    overdue: bool = doc("open and past its deadline as of today")
    priority: str = doc("P1 .. P4, or ''")
    type: str = doc("prevent, detect, mitigate, process, or ''")
    status: str = doc(
        "open, in progress, won't do, 'done on YYYY-MM-DD', or 'done on YYYY-MM-DD, verified "
        "on YYYY-MM-DD'"
    )
    tracker: str = doc("the tracker reference, e.g. OPS-123, or ''")
    verified_on: str = doc("YYYY-MM-DD when the team checked that it worked, or ''")
    verified_how: str = doc("how the team knows it worked, or ''")


class ActionsView:
    """actions: the action items, soonest deadline first."""

    def __init__(self, pm: PostMortem, today: date) -> None:
        self._pm = pm
        self._today = today

    @cached_property
    def items(self) -> tuple[ActionView, ...]:
        """Each action item (actions.items[i], below); empty when there are none."""
        return tuple(
            ActionView(
                text=anywhere(action.text),
                owner=anywhere(action.owner),
                due=iso_date(action.due),
                overdue=action.is_overdue(self._today),
                priority=action.priority.value if action.priority else "",
                type=label(action.kind) if action.kind else "",
                status=status_text(action),
                tracker=anywhere(action.tracker),
                verified_on=iso_date(action.verified_on),
                verified_how=anywhere(action.verified_how),
            )
            for action in by_due_date(self._pm.actions)
        )

    @cached_property
    def tally(self) -> str:
        """'5 action items, 3 open, 1 overdue as of 2025-02-01.' (no overdue count when no open
        item has a deadline)"""
        return tally(self._pm, self._today)

    @cached_property
    def _table(self) -> tuple[list[str], list[list[str]]]:
        return action_table(self._pm, self._today)

    @cached_property
    def header(self) -> tuple[str, ...]:
        """The table's columns; Owner, Due, Priority, Type, Tracker only when one is filled."""
        return tuple(self._table[0])

    @cached_property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        """The table's cells under `header` (the due date marked **overdue**)."""
        return tuple(tuple(row) for row in self._table[1])

    @cached_property
    def lines(self) -> tuple[str, ...]:
        """'<action> (owner, due ..., status, tracker)', one per action, for list items."""
        return tuple(action_lines(self._pm, self._today))

    @cached_property
    def verified(self) -> tuple[str, ...]:
        """'<action>: <how we know it worked> (checked on YYYY-MM-DD)', one per verified
        action, for list items; () when none is verified."""
        return tuple(verification_lines(self._pm))


@dataclass(frozen=True, slots=True)
class CustomerView:
    """customer_version(): the customer version, built only from the fields written for
    customers; it refuses a post-mortem without a customer-facing message, so a customer
    template never falls back on internal text."""

    title: str = doc("the customer title, else 'Incident report: <date>', for the heading")
    message: str = doc("the customer-facing message (Markdown), on a line of its own")
    timing: tuple[str, ...] = doc("'Started: ...', 'Ended: ...', 'Duration of impact: ...'")
    done: tuple[str, ...] = doc("customer lines of finished actions, for list items")
    planned: tuple[str, ...] = doc("customer lines of planned actions, for list items")


def customer_view(pm: PostMortem, fences: Fences) -> CustomerView:
    """Raises CustomerVersionMissing when the post-mortem has no customer version."""
    missing = missing_for_customers(pm)
    if missing:
        raise CustomerVersionMissing(missing)
    done, planned = customer_lines(pm)
    return CustomerView(
        title=heading_text(customer_headline(pm), "Incident report"),
        message=fences.narrative(narrative(pm.customer_message, 2, fences.heading)),
        timing=tuple(timing(pm, customer_window(pm))),
        done=tuple(list_item_text(line) for line in done),
        planned=tuple(list_item_text(line) for line in planned),
    )


class RawView(Mapping[str, Any]):
    """raw: UNSAFE. The post-mortem as in the pmtui/1 JSON format, nothing escaped: a title
    holding '|', '<script>' or a line break breaks the document. Escape with |md."""

    def __init__(self, pm: PostMortem) -> None:
        self._pm = pm

    @cached_property
    def _document(self) -> dict[str, Any]:
        from pmtui.model.codec import postmortem_to_dict

        return postmortem_to_dict(self._pm)

    def __getitem__(self, key: str) -> Any:
        return self._document[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._document)

    def __len__(self) -> int:
        return len(self._document)


def template_context(
    pm: PostMortem, today: date, fences: Fences, prefix: str = ATTACHMENTS_PREFIX
) -> dict[str, object]:
    """The names a template sees, by name; `prefix` is where attached images are, relative
    to the document."""

    def customer_version() -> CustomerView:
        # A closure, not functools.partial: a partial's .args would hand a template the model.
        return customer_view(pm, fences)

    chains = _chains(pm)
    causes = tuple(cause_lines(pm))
    return {
        "pm": PostMortemView(pm),
        "document": DocumentView(pm),
        "sections": Sections(pm, fences, prefix),
        "headings": dict(SECTION_HEADINGS),
        "metrics": MetricsView(pm),
        "timeline": TimelineView(pm, prefix),
        "whys": chains,
        "factors": _factors(pm, chains, causes),
        "causes": causes,
        "actions": ActionsView(pm, today),
        "related": tuple(related_line(link) for link in pm.related),
        "waivers": waiver_lines(pm, today),
        "today": today.isoformat(),
        # A function, so the refusal comes only when a template asks for the customer version.
        "customer_version": customer_version,
        "raw": RawView(pm),
    }
