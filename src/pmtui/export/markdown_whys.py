"""Provides the Five Whys in Markdown as data for the templates: each contributing factor
with its facts and the chain drilling into it, each chain's answers and the root cause it
ends at, and one line per factor for the summary near the top of a document."""

from __future__ import annotations

from itertools import compress, count

from pmtui.export.markdown_escape import guard_line_start, heading_text, inline, list_item_text
from pmtui.export.markdown_sections import label
from pmtui.model.postmortem import ContributingFactor, PostMortem, TimelineEvent, WhyChain
from pmtui.model.stored_events import StoredEvents

NO_ROOT_CAUSE = "Root cause not yet identified."
MADE_SENSE = "How it made sense at the time"


def cause_label(chain: WhyChain | ContributingFactor) -> str:
    return label(chain.category) if chain.category is not None else "category not set"


def chain_heading(number: int, chain: WhyChain) -> str:
    """'Chain 2: The renewal had been failing', the heading text of a chain."""
    problem = heading_text(chain.problem, "")
    return f"Chain {number}: {problem}" if problem else f"Chain {number}"


def branch_numbers(pm: PostMortem) -> dict[str, int]:
    """For each chain branched off another chain of this post-mortem, that chain's number."""
    numbers = {chain.id: number for number, chain in enumerate(pm.whys, 1)}
    found = {}
    for chain in pm.whys:
        parent = chain.branched_from.partition(":")[0]
        if parent in numbers and parent != chain.id:
            found[chain.id] = numbers[parent]
    return found


def why_lines(chain: WhyChain) -> list[str]:
    """'**Why?** <answer>' for each answer, for a numbered list. A concluded chain's last
    answer is its root cause and says so there ('**Root cause (monitoring):** <answer>'):
    written again under the list, the same sentence stood twice in a row."""
    lines = [f"**Why?** {inline(answer, cell=False)}" for answer in chain.answers]
    if chain.cause:
        lines[-1] = f"**Root cause ({cause_label(chain)}):** {inline(chain.cause, cell=False)}"
    return lines


def conclusion(chain: WhyChain) -> str:
    """Where an open chain stands: an italic note that its root cause is not yet identified;
    '' for a concluded one, whose last why says it (see why_lines)."""
    if chain.cause:
        return ""
    if chain.answers:
        return f"*{NO_ROOT_CAUSE}*"
    return f"*No answers yet. {NO_ROOT_CAUSE}*"


def fix_lines(pm: PostMortem, chain: WhyChain) -> list[str]:
    """The action items addressing the factor this chain drills into, as list items."""
    factor_ids = {factor.id for factor in pm.factors if factor.chain_id == chain.id}
    return [list_item_text(a.text) for a in pm.actions if a.factor_id in factor_ids]


# Contributing factors ----------------------------------------------------------------------


def chain_of(pm: PostMortem, factor: ContributingFactor) -> WhyChain | None:
    return next((c for c in pm.whys if c.id == factor.chain_id), None) if factor.chain_id else None


def factor_numbers(pm: PostMortem) -> dict[str, int]:
    """For each chain a factor drills into, that factor's number."""
    return {factor.chain_id: n for n, factor in enumerate(pm.factors, 1) if factor.chain_id}


def factor_heading(number: int, factor: ContributingFactor) -> str:
    """'Factor 1: Renewal failures raised no alert', the heading text of a factor."""
    title = heading_text(factor.title, "")
    return f"Factor {number}: {title}" if title else f"Factor {number}"


def factor_branch(pm: PostMortem, factor: ContributingFactor) -> int:
    """The number of the factor whose chain this factor's chain branches off, or 0."""
    chain = chain_of(pm, factor)
    if chain is None:
        return 0
    parent = chain.branched_from.partition(":")[0]
    return factor_numbers(pm).get(parent, 0) if parent != chain.id else 0


#: The last post-mortem's events and factors, and the events those factors link.
_linkable_memo: tuple[object, object, tuple[TimelineEvent, ...]] = ((), (), ())


def _linkable(pm: PostMortem) -> tuple[TimelineEvent, ...]:
    """The events any factor links, in timeline order. A document asks for each factor's
    events several times (its facts, its times, the causes); each walk of a 10,000-event
    timeline cost a millisecond, so it is walked once per post-mortem instead."""
    global _linkable_memo
    events, factors, linkable = _linkable_memo
    # By identity: the memo holds both, so neither can be freed and its id reused.
    if events is not pm.events or factors is not pm.factors:
        wanted = {event_id for factor in pm.factors for event_id in factor.event_ids}
        linkable = _events_of(pm, wanted) if wanted else ()
        _linkable_memo = (pm.events, pm.factors, linkable)
    return linkable


def _events_of(pm: PostMortem, ids: set[str]) -> tuple[TimelineEvent, ...]:
    """The events with these ids, in timeline order; of a timeline read from the store, only
    those are built."""
    if isinstance(pm.events, StoredEvents):
        columns = pm.events.columns
        return tuple(map(columns.event, compress(count(), map(ids.__contains__, columns.ids))))
    return tuple(event for event in pm.events if event.id in ids)


def forget_linkable() -> None:
    """Let go of the memo once a document is rendered: it would keep the last post-mortem's
    whole timeline alive, for the collector to walk, until the next document."""
    global _linkable_memo
    _linkable_memo = ((), (), ())


def linked_events(pm: PostMortem, factor: ContributingFactor) -> list[TimelineEvent]:
    return sorted((e for e in _linkable(pm) if e.id in factor.event_ids), key=lambda e: e.at)


def event_times(pm: PostMortem, factor: ContributingFactor) -> list[str]:
    """The linked events' local times in time order, each with its zone label."""
    zone = pm.zone
    return [
        f"{local.isoformat(' ', 'minutes')[:16]} {local.tzname() or local.strftime('%z')}"
        for local in (e.at.astimezone(zone) for e in linked_events(pm, factor))
    ]


def _compact_times(times: list[str]) -> str:
    """'2025-01-14 15:02, 15:41 CET': the date and zone said once when they do not change,
    and a minute once ("14:47, 14:47" for events 30 seconds apart read as a slip, mock 36b)."""
    if len({text[:10] for text in times}) > 1 or len({text[17:] for text in times}) > 1:
        return ", ".join(dict.fromkeys(times))
    clocks = list(dict.fromkeys(text[11:16] for text in times))
    return f"{times[0][:11]}{', '.join(clocks)} {times[0][17:]}"


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."


def factor_facts(pm: PostMortem, factor: ContributingFactor) -> list[str]:
    """'**Category:** ...', '**Seen in the timeline:** ...', '**How it made sense at the
    time:** ...', and '**Problem:** ...' where its chain starts from other words than its
    title, for list items."""
    category = label(factor.category).capitalize() if factor.category else "Not set yet"
    facts = [f"**Category:** {category}"]
    events = linked_events(pm, factor)
    if events:
        times = event_times(pm, factor)
        shown = (
            f"{when}: {inline(e.text, cell=False)}" for when, e in zip(times, events, strict=True)
        )
        facts.append("**Seen in the timeline:** " + "; ".join(shown))
    if factor.made_sense:
        facts.append(f"**{MADE_SENSE}:** {inline(factor.made_sense, cell=False)}")
    chain = chain_of(pm, factor)
    # The problem the whys answer, as the ladder shows it: once the factor's title was
    # edited, or a file came with both, the document printed the whys without it (mock 39c).
    if chain is not None and chain.problem.split() != factor.title.split():
        facts.append(f"**Problem:** {inline(chain.problem, cell=False)}")
    return facts


def factor_fix_lines(pm: PostMortem, factor: ContributingFactor) -> list[str]:
    """The action items addressing this factor, each safe as a list item."""
    return [list_item_text(a.text) for a in pm.actions if a.factor_id == factor.id]


def loose_chains(pm: PostMortem) -> list[WhyChain]:
    """The chains no factor drills into (a file written by hand may hold some)."""
    drilled = {factor.chain_id for factor in pm.factors if factor.chain_id}
    return [chain for chain in pm.whys if chain.id not in drilled]


CAUSES_HEADING = "Root causes and contributing factors"


def cause_line(pm: PostMortem, factor: ContributingFactor) -> str:
    """'**Monitoring:** the factor. Root cause: ... Seen at ... How it made sense at the
    time: ...' on one line."""
    chain = chain_of(pm, factor)
    title = _sentence(inline(factor.title, cell=False))
    if factor.category is not None:
        line = f"**{cause_label(factor).capitalize()}:** {title}"
    else:
        line = guard_line_start(title)
    if chain is not None and chain.cause:
        line += f" Root cause: {_sentence(inline(chain.cause, cell=False))}"
    elif chain is not None:
        line += " Root cause not yet identified."
    times = event_times(pm, factor)
    if times:
        line += f" Seen at {_compact_times(times)}."
    if factor.made_sense:
        line += f" {MADE_SENSE}: {_sentence(inline(factor.made_sense, cell=False))}"
    return line


def chain_line(chain: WhyChain) -> str:
    """'**Monitoring:** the cause', or the open chain's problem and where it stands."""
    if chain.cause:
        return f"**{cause_label(chain).capitalize()}:** {inline(chain.cause, cell=False)}"
    problem = list_item_text(chain.problem)
    if chain.category is not None:
        problem = f"**{cause_label(chain).capitalize()}:** {inline(chain.problem, cell=False)}"
    return f"{problem} (root cause not yet identified)"


def cause_lines(pm: PostMortem) -> list[str]:
    """One line per factor, then one per chain no factor drills into: the summary near the
    top of a document."""
    return [*(cause_line(pm, f) for f in pm.factors), *(chain_line(c) for c in loose_chains(pm))]
