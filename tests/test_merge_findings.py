"""The `merge-conflict` guide: one blocking finding per conflict, naming both values."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pmtui.analysis.guides import review
from pmtui.analysis.readiness import readiness
from pmtui.model.postmortem import MergeConflict
from tests.merge_support import base_postmortem

TODAY = date(2025, 3, 20)


def findings_for(*conflicts: MergeConflict) -> list[tuple[str, str, str]]:
    pm = replace(base_postmortem(), conflicts=conflicts)
    return [(f.where, f.severity.value, f.message) for f in review(pm, today=TODAY)
            if f.rule == "merge-conflict"]  # fmt: skip


def test_each_conflict_is_a_blocking_finding_naming_both_values() -> None:
    assert findings_for(MergeConflict("title", "Kept title", "Other title", "Old")) == [
        ("title", "blocking", "two edits clashed: kept 'Kept title', the other was 'Other title'")
    ]


def test_a_narrative_conflict_names_the_lines_that_differ() -> None:
    kept, other = "Same.\n\nB wrote this.\n\nEnd.", "Same.\n\nA wrote that.\n\nEnd."
    ((_, _, message),) = findings_for(MergeConflict("summary", kept, other, "Same.\n\nEnd."))
    assert message == (
        "two edits clashed on the same lines: kept 'B wrote this.', the other was 'A wrote that.'"
    )


def test_delete_versus_edit_says_what_was_kept() -> None:
    item = {"id": "a2", "text": "Alert 14 days before expiry", "owner": "Priya"}
    ((where, _, message),) = findings_for(MergeConflict("action_items[a2]", item, None, item))
    assert where == "action_items[a2]"
    assert message == (
        "changed on one side and deleted on the other; kept 'Alert 14 days before expiry'"
    )


def test_a_conflict_blocks_publishing_until_settled() -> None:
    pm = replace(base_postmortem(), conflicts=(MergeConflict("owner", "A", "B", "C"),))
    result = readiness(pm, today=TODAY)
    assert "merge-conflict" in [f.rule for f in result.blocking]
    settled = readiness(pm.without_conflict("owner"), today=TODAY)
    assert "merge-conflict" not in [f.rule for f in settled.blocking]
