"""Provides review(): every quality guide run over a post-mortem, as a list of Findings.

The guides point, they never refuse typing. Severity says what publishing needs:
- blocking: must be fixed or waived (with a reason) before the post-mortem is published;
- warning: worth fixing, never stops publishing (`pmtui check` still reports it);
- info: a note, nothing to fix (`early-detection`); `pmtui check` does not fail on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pmtui.analysis import action_quality, blame, completeness, customer, merge_conflicts
from pmtui.analysis.findings import Finding, FindingSeverity
from pmtui.model.postmortem import PostMortem

BLOCKING = FindingSeverity.BLOCKING
WARNING = FindingSeverity.WARNING


@dataclass(frozen=True, slots=True)
class Guide:
    rule: str
    severity: FindingSeverity  # missing-section is a warning for SEV4/SEV5's optional parts
    checks: str  # what it looks for, one line, for help texts and the README


GUIDES: tuple[Guide, ...] = (
    Guide(
        merge_conflicts.MERGE_CONFLICT,
        BLOCKING,
        "two people changed one place differently; the merge kept one value",
    ),
    Guide(blame.BLAME_LANGUAGE, BLOCKING, "a person judged or made the subject of a failure"),
    Guide(blame.PERSON_ROOT_CAUSE, BLOCKING, "a Five Whys root cause that is a person"),
    Guide(completeness.NO_ROOT_CAUSE, BLOCKING, "no Five Whys chain, or one without a root cause"),
    Guide(completeness.MISSING_SECTION, BLOCKING, "an empty required narrative section"),
    Guide(completeness.MISSING_MILESTONE, BLOCKING, "no start, detection or recovery event"),
    Guide(completeness.MILESTONE_ORDER, BLOCKING, "milestones out of order"),
    Guide(
        completeness.EARLY_DETECTION,
        FindingSeverity.INFO,
        "a note: detection came before the customer-visible start",
    ),
    Guide(action_quality.MISSING_OWNER, BLOCKING, "an open action item without an owner"),
    Guide(action_quality.MISSING_DEADLINE, BLOCKING, "an open action item without a deadline"),
    Guide(action_quality.VAGUE_ACTION, WARNING, "an action item with no concrete deliverable"),
    Guide(action_quality.OVERDUE_ACTION, WARNING, "an open action item past its deadline"),
    Guide(action_quality.NO_ACTIONS, WARNING, "no action items at all"),
    Guide(customer.NO_CUSTOMER_MESSAGE, WARNING, "no customer-facing message: no customer version"),
)
RULES: frozenset[str] = frozenset(guide.rule for guide in GUIDES)

_SEVERITY_ORDER = {BLOCKING: 0, WARNING: 1, FindingSeverity.INFO: 2}


def review(pm: PostMortem, *, today: date) -> list[Finding]:
    """Every finding: merge conflicts first (the first thing to settle after a pull), then
    in document order: sections, timeline, Five Whys, action items.

    `today` is the date in the post-mortem's timezone (service.today(pm)); it only decides
    which deadlines have passed. Waivers are not applied here (see readiness).
    """
    return [
        *merge_conflicts.merge_conflict_findings(pm),
        *blame.blame_findings(pm),
        *completeness.section_findings(pm),
        *completeness.milestone_findings_for(pm),
        *completeness.root_cause_findings(pm),
        *blame.person_root_cause_findings(pm),
        *action_quality.action_findings(pm, today),
        *customer.customer_findings(pm),
    ]


def by_severity(findings: list[Finding]) -> list[Finding]:
    """Blocking first, then warnings, then info; document order within each (stable)."""
    return sorted(findings, key=lambda finding: _SEVERITY_ORDER[finding.severity])
