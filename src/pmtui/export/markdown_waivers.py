"""Provides the "Waived checks" section of the full template: the quality-guide findings the
team accepted before publishing, each with its reason, who waived it and when."""

from __future__ import annotations

from pmtui.export.markdown_escape import inline, list_item_text
from pmtui.model.postmortem import Waiver


def waiver_line(waiver: Waiver) -> str:
    """'missing-owner at action_items[a1].owner: reason (waived by Dana Kim on 2025-03-24)'."""
    by = inline(waiver.waived_by, "", cell=False)
    who = f"waived by {by} on " if by else "waived on "
    where, reason = inline(waiver.where, cell=False), inline(waiver.reason, cell=False)
    return (
        f"{list_item_text(waiver.rule)} at {where}: {reason} ({who}{waiver.waived_on.isoformat()})"
    )
