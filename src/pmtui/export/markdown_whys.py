"""Provides the contributing factors and their Five Whys in Markdown: each factor under its
own numbered heading with its category, the timeline events that show it, how it made sense
at the time, the chain drilling into it and the actions addressing it; or one line per factor
for the summary near the top of a document."""

from __future__ import annotations

from pmtui.export.markdown_blocks import MarkdownDocument
from pmtui.export.markdown_escape import guard_line_start, heading_text, inline, list_item_text
from pmtui.export.markdown_sections import label
from pmtui.model.postmortem import ContributingFactor, PostMortem, TimelineEvent, WhyChain

NO_ROOT_CAUSE = "Root cause not yet identified."
MADE_SENSE = "How it made sense at the time"


def cause_label(chain: WhyChain | ContributingFactor) -> str:
    return label(chain.category) if chain.category is not None else "category not set"


def _chain_of(pm: PostMortem, factor: ContributingFactor) -> WhyChain | None:
    return next((c for c in pm.whys if c.id == factor.chain_id), None) if factor.chain_id else None


def _event_times(pm: PostMortem, factor: ContributingFactor) -> list[str]:
    """The linked events' local times in time order, each with its zone label."""
    zone = pm.zone
    return [
        f"{local.isoformat(' ', 'minutes')[:16]} {local.tzname() or local.strftime('%z')}"
        for local in (e.at.astimezone(zone) for e in _linked_events(pm, factor))
    ]


def _linked_events(pm: PostMortem, factor: ContributingFactor) -> list[TimelineEvent]:
    return sorted((e for e in pm.events if e.id in factor.event_ids), key=lambda e: e.at)


def _compact_times(times: list[str]) -> str:
    """'2025-01-14 15:02, 15:41 CET': the date and zone said once when they do not change."""
    if len({text[:10] for text in times}) > 1 or len({text[17:] for text in times}) > 1:
        return ", ".join(times)
    clocks = [times[0][:16], *(text[11:16] for text in times[1:])]
    return f"{', '.join(clocks)} {times[0][17:]}"


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _chain_lines(document: MarkdownDocument, chain: WhyChain) -> None:
    if chain.answers:
        document.numbered(f"**Why?** {inline(answer, cell=False)}" for answer in chain.answers)
    if chain.cause:
        cause = inline(chain.cause, cell=False)
        document.paragraph(f"**Root cause ({cause_label(chain)}):** {cause}")
    elif chain.answers:
        document.note(NO_ROOT_CAUSE)
    else:
        document.note(f"No answers yet. {NO_ROOT_CAUSE}")


def _factor_facts(pm: PostMortem, factor: ContributingFactor) -> list[str]:
    category = label(factor.category).capitalize() if factor.category else "Not set yet"
    facts = [f"**Category:** {category}"]
    events = _linked_events(pm, factor)
    if events:
        times = _event_times(pm, factor)
        shown = (
            f"{when}: {inline(e.text, cell=False)}" for when, e in zip(times, events, strict=True)
        )
        facts.append("**Seen in the timeline:** " + "; ".join(shown))
    if factor.made_sense:
        facts.append(f"**{MADE_SENSE}:** {inline(factor.made_sense, cell=False)}")
    return facts


def _loose_chains(pm: PostMortem) -> list[WhyChain]:
    """The chains no factor drills into (a file written by hand may hold some)."""
    drilled = {factor.chain_id for factor in pm.factors if factor.chain_id}
    return [chain for chain in pm.whys if chain.id not in drilled]


def add_whys(document: MarkdownDocument, pm: PostMortem) -> None:
    """Every factor with its chain in full, then any chain no factor drills into; left out,
    like every empty section, when there is none."""
    loose = _loose_chains(pm)
    if not pm.factors and not loose:
        return
    document.section("Five whys")
    numbers = {factor.chain_id: n for n, factor in enumerate(pm.factors, 1) if factor.chain_id}
    for number, factor in enumerate(pm.factors, 1):
        title = heading_text(factor.title, "")
        document.heading(3, f"Factor {number}: {title}" if title else f"Factor {number}")
        document.bullets(_factor_facts(pm, factor))
        chain = _chain_of(pm, factor)
        if chain is not None:
            parent = chain.branched_from.partition(":")[0]
            if parent in numbers and parent != chain.id:
                document.note(f"Branches off factor {numbers[parent]}.")
            _chain_lines(document, chain)
        fixes = [list_item_text(a.text) for a in pm.actions if a.factor_id == factor.id]
        if fixes:
            document.paragraph("Addressed by these action items:")
            document.bullets(fixes)
    for number, chain in enumerate(loose, len(pm.factors) + 1):
        problem = heading_text(chain.problem, "")
        document.heading(3, f"Chain {number}: {problem}" if problem else f"Chain {number}")
        _chain_lines(document, chain)


CAUSES_HEADING = "Root causes and contributing factors"


def cause_line(pm: PostMortem, factor: ContributingFactor) -> str:
    """'**Monitoring:** the factor. Root cause: ... Seen at ... How it made sense at the
    time: ...' on one line."""
    chain = _chain_of(pm, factor)
    title = _sentence(inline(factor.title, cell=False))
    if factor.category is not None:
        line = f"**{cause_label(factor).capitalize()}:** {title}"
    else:
        line = guard_line_start(title)
    if chain is not None and chain.cause:
        line += f" Root cause: {_sentence(inline(chain.cause, cell=False))}"
    elif chain is not None:
        line += " Root cause not yet identified."
    times = _event_times(pm, factor)
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


def add_causes(document: MarkdownDocument, pm: PostMortem) -> None:
    """What each contributing factor comes down to, with its category, one bullet each (and
    what each chain no factor drills into concluded): the summary near the top of a document.
    Left out when there is neither."""
    loose = _loose_chains(pm)
    if not pm.factors and not loose:
        return
    document.section(CAUSES_HEADING)
    document.bullets(
        [*(cause_line(pm, factor) for factor in pm.factors), *(chain_line(c) for c in loose)]
    )
