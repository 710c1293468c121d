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
    `place` names the element with its words whole: a published document never cuts them
    ('' leaves it out, see _place_said)."""
    by = inline(waiver.waived_by, "", cell=False)
    who = f"waived by {by} on " if by else "waived on "
    reason = inline(waiver.reason, cell=False)
    check = list_item_text(rule_words(waiver.rule))
    at = f" at {inline(place, cell=False)}" if place else ""
    return f"{check}{at}: {reason} ({who}{waiver.waived_on.isoformat()})"


def _place_said(rule: str, place: str, of_item: bool) -> str:
    """`place`, or '' where the check's words already name it: a field of the post-mortem
    itself whose last word the check says ("No customer message at Customer-facing message"
    read twice, mock meeting 22b). An item's place always stays: it names which one."""
    words = rule_words(rule).lower().split()
    last = place.lower().replace("-", " ").split()[-1:] if place else []
    return "" if not of_item and last and last[0] in words else place


def rule_words(rule: str) -> str:
    """A check's id as a reader reads it: "no-customer-message" → "No customer message".
    The published document showed the id itself (mock meeting 19b)."""
    return rule.replace("-", " ").strip().capitalize() or rule


#: The fields that hold an element's own words (an action's or event's text, a factor's
#: title), by which the element is already named.
_OWN_WORDS = frozenset({"text", "title"})


def waiver_lines(pm: PostMortem, today: date) -> tuple[str, ...]:
    """The section's lines: each waiver that still matches a finding, in the order waived."""
    if not pm.waivers:
        return ()  # the guides are not run for a document without waivers
    # Imported here: the guides compile their patterns on import, and most exports need none.
    from pmtui.analysis.guides import review
    from pmtui.analysis.places import parse_where, place_label
    from pmtui.analysis.readiness import apply_waivers

    _, waived, _ = apply_waivers(review(pm, today=today), pm.waivers)
    current = {id(entry.waiver) for entry in waived}
    lines = []
    for waiver in pm.waivers:
        if id(waiver) not in current:
            continue
        place = parse_where(waiver.where)
        where = waiver.where
        if place.item_id and place.field in _OWN_WORDS:
            # The element's own words are what it is named by: "Action “Improve security”
            # · text" told a reader an internal field (mock meeting 24a).
            where = where.removesuffix(f".{place.field}")
        label = place_label(pm, where, whole=True)
        lines.append(waiver_line(waiver, _place_said(waiver.rule, label, bool(place.item_id))))
    return tuple(lines)
