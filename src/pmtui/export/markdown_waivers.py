"""Provides the "Waived checks" section of the full template: the quality-guide findings the
team accepted before publishing, each with its reason, who waived it and when.

Only waivers of findings the guides still make are listed, each at its place in the panes'
words: a waiver kept after its text was rewritten ("no longer found" in Checks) named an
internal path such as `whys[51c2a944].answers[0]` and told readers of blame that was no
longer in the document.
"""

from __future__ import annotations

from datetime import date

from pmtui.export.markdown_escape import inline, list_item_text
from pmtui.model.postmortem import PostMortem, Waiver


def waiver_line(waiver: Waiver, place: str) -> str:
    """'Missing owner at Action “Add expiry alerts” · owner: reason (waived by Dana Kim on …)';
    `place` names the element with its words whole: a published document never cuts them."""
    by = inline(waiver.waived_by, "", cell=False)
    who = f"waived by {by} on " if by else "waived on "
    where, reason = inline(place, cell=False), inline(waiver.reason, cell=False)
    check = list_item_text(rule_words(waiver.rule))
    return f"{check} at {where}: {reason} ({who}{waiver.waived_on.isoformat()})"


def rule_words(rule: str) -> str:
    """A check's id as a reader reads it: "no-customer-message" → "No customer message".
    The published document showed the id itself (mock meeting 19b)."""
    return rule.replace("-", " ").strip().capitalize() or rule


def waiver_lines(pm: PostMortem, today: date) -> tuple[str, ...]:
    """The section's lines: each waiver that still matches a finding, in the order waived."""
    if not pm.waivers:
        return ()  # the guides are not run for a document without waivers
    # Imported here: the guides compile their patterns on import, and most exports need none.
    from pmtui.analysis.guides import review
    from pmtui.analysis.places import place_label
    from pmtui.analysis.readiness import apply_waivers

    _, waived, _ = apply_waivers(review(pm, today=today), pm.waivers)
    current = {id(entry.waiver) for entry in waived}
    return tuple(
        waiver_line(waiver, place_label(pm, waiver.where, whole=True))
        for waiver in pm.waivers
        if id(waiver) in current
    )
