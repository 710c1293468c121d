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
    document.section("Five whys")
    if not pm.whys:
        document.note("No why chains yet.")
        return
    numbers = {chain.id: number for number, chain in enumerate(pm.whys, 1)}
    for number, chain in enumerate(pm.whys, 1):
        document.heading(3, _chain_heading(number, chain))
        parent = chain.branched_from.partition(":")[0]
        if parent in numbers and parent != chain.id:
            document.note(f"Branches off chain {numbers[parent]}.")
        if chain.answers:
            document.numbered(f"**Why?** {inline(answer)}" for answer in chain.answers)
        if chain.cause:
            document.paragraph(f"**Root cause ({cause_label(chain)}):** {inline(chain.cause)}")
        elif chain.answers:
            document.note(NO_ROOT_CAUSE)
        else:
            document.note(f"No answers yet. {NO_ROOT_CAUSE}")
        fixes = [list_item_text(a.text) for a in pm.actions if a.cause_id == chain.id]
        if fixes:
            document.paragraph("Addressed by these action items:")
            document.bullets(fixes)


def add_causes(document: MarkdownDocument, pm: PostMortem) -> None:
    """The root causes only, one bullet each, for the light template."""
    document.section("Cause")
    causes = [chain for chain in pm.whys if chain.cause]
    if causes:
        document.bullets(
            f"**{cause_label(chain).capitalize()}:** {inline(chain.cause)}" for chain in causes
        )
    else:
        document.note(NO_ROOT_CAUSE)
