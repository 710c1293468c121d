"""Provides the Five Whys in Markdown: each chain under its own numbered heading with its
answers in order and the root cause it ends at, or the causes alone for short documents."""

from __future__ import annotations

from pmtui.export.markdown_escape import heading_text, inline, list_item_text
from pmtui.export.markdown_sections import label
from pmtui.model.postmortem import PostMortem, WhyChain

NO_ROOT_CAUSE = "Root cause not yet identified."


def cause_label(chain: WhyChain) -> str:
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
    """'**Why?** <answer>' for each answer, for a numbered list."""
    return [f"**Why?** {inline(answer, cell=False)}" for answer in chain.answers]


def conclusion(chain: WhyChain) -> str:
    """Where the chain ends: its root cause in bold, or an italic note that it is open."""
    if chain.cause:
        cause = inline(chain.cause, cell=False)
        return f"**Root cause ({cause_label(chain)}):** {cause}"
    if chain.answers:
        return f"*{NO_ROOT_CAUSE}*"
    return f"*No answers yet. {NO_ROOT_CAUSE}*"


def fix_lines(pm: PostMortem, chain: WhyChain) -> list[str]:
    """The action items pointing at this chain's cause, each safe as a list item."""
    return [list_item_text(a.text) for a in pm.actions if a.cause_id == chain.id]


CAUSES_HEADING = "Root causes and contributing factors"


def cause_line(chain: WhyChain) -> str:
    """'**Monitoring:** the cause', or the open chain's problem and where it stands."""
    if chain.cause:
        return f"**{cause_label(chain).capitalize()}:** {inline(chain.cause, cell=False)}"
    problem = list_item_text(chain.problem)
    if chain.category is not None:
        problem = f"**{cause_label(chain).capitalize()}:** {inline(chain.problem, cell=False)}"
    return f"{problem} (root cause not yet identified)"
