"""Provides the Five Whys in Markdown: each chain under its own numbered heading with its
answers in order and the root cause it ends at, or the causes alone for short documents."""

from __future__ import annotations

from pmtui.export.markdown_blocks import MarkdownDocument
from pmtui.export.markdown_escape import heading_text, inline, list_item_text
from pmtui.export.markdown_sections import label
from pmtui.model.postmortem import PostMortem, WhyChain

NO_ROOT_CAUSE = "Root cause not yet identified."


def cause_label(chain: WhyChain) -> str:
    return label(chain.category) if chain.category is not None else "category not set"


def _chain_heading(number: int, chain: WhyChain) -> str:
    problem = heading_text(chain.problem, "")
    return f"Chain {number}: {problem}" if problem else f"Chain {number}"


def add_whys(document: MarkdownDocument, pm: PostMortem) -> None:
    """Every chain in full; left out, like every empty section, when there is none."""
    if not pm.whys:
        return
    document.section("Five whys")
    numbers = {chain.id: number for number, chain in enumerate(pm.whys, 1)}
    for number, chain in enumerate(pm.whys, 1):
        document.heading(3, _chain_heading(number, chain))
        parent = chain.branched_from.partition(":")[0]
        if parent in numbers and parent != chain.id:
            document.note(f"Branches off chain {numbers[parent]}.")
        if chain.answers:
            document.numbered(f"**Why?** {inline(answer, cell=False)}" for answer in chain.answers)
        if chain.cause:
            cause = inline(chain.cause, cell=False)
            document.paragraph(f"**Root cause ({cause_label(chain)}):** {cause}")
        elif chain.answers:
            document.note(NO_ROOT_CAUSE)
        else:
            document.note(f"No answers yet. {NO_ROOT_CAUSE}")
        fixes = [list_item_text(a.text) for a in pm.actions if a.cause_id == chain.id]
        if fixes:
            document.paragraph("Addressed by these action items:")
            document.bullets(fixes)


CAUSES_HEADING = "Root causes and contributing factors"


def cause_line(chain: WhyChain) -> str:
    """'**Monitoring:** the cause', or the open chain's problem and where it stands."""
    if chain.cause:
        return f"**{cause_label(chain).capitalize()}:** {inline(chain.cause, cell=False)}"
    problem = list_item_text(chain.problem)
    if chain.category is not None:
        problem = f"**{cause_label(chain).capitalize()}:** {inline(chain.problem, cell=False)}"
    return f"{problem} (root cause not yet identified)"


def add_causes(document: MarkdownDocument, pm: PostMortem) -> None:
    """What each why chain concluded, with its category, one bullet each: the summary near
    the top of a document. Left out when there are no chains."""
    if not pm.whys:
        return
    document.section(CAUSES_HEADING)
    document.bullets(cause_line(chain) for chain in pm.whys)
