"""Provides the completeness guides: `milestone-order`, `missing-milestone`, `missing-section`
and `no-root-cause`, and the `early-detection` note (a detection before the customer-visible
start is good news, not an error).

Required sections (decided here, documented in the README):
- summary and detection always: every template, the light one included, prints them;
- impact, response and lessons for SEV1 to SEV3; for SEV4 and SEV5 (the light template's
  minor incidents) their absence is only a warning.
Placeholder text ("TBD", "TODO", "...", "n/a") counts as empty.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import combinations

from pmtui.analysis.findings import Finding, FindingSeverity
from pmtui.analysis.metrics import (
    Milestones,
    early_detection,
    find_milestones,
    milestone_findings,
)
from pmtui.analysis.places import at_field, at_item
from pmtui.model.enums import EventKind, Severity
from pmtui.model.postmortem import SECTIONS, PostMortem
from pmtui.model.times import format_duration, format_instant

MILESTONE_ORDER = "milestone-order"
MISSING_MILESTONE = "missing-milestone"
MISSING_SECTION = "missing-section"
NO_ROOT_CAUSE = "no-root-cause"
EARLY_DETECTION = "early-detection"

_ALWAYS_REQUIRED = ("summary", "detection")
_MAJOR_REQUIRED = ("impact", "response", "lessons")
_MINOR = frozenset({Severity.SEV4, Severity.SEV5})
_PLACEHOLDER = re.compile(
    r"^\W*(?:tbd|tba|todo|to\s+do|wip|xxx|n/?a|none|coming\s+soon|later)?\W*$", re.IGNORECASE
)
_SECTION_HINTS = {
    "summary": "Two or three sentences: what happened, to whom, for how long, how it ended.",
    "impact": "Who was affected and how many, for how long, and which SLOs or budgets burned.",
    "detection": "How the incident was noticed, how long that took, and which earlier "
    "signals did not reach anyone.",
    "response": "What was done, in order, and what finally restored service.",
    "lessons": "What the team now knows about the system that it did not know before.",
}
_HEADINGS = dict(SECTIONS)


def section_findings(pm: PostMortem) -> list[Finding]:
    findings = []
    for key in (*_ALWAYS_REQUIRED, *_MAJOR_REQUIRED):
        text = pm.section(key)
        if not _PLACEHOLDER.match(text):
            continue
        minor = pm.severity in _MINOR and key in _MAJOR_REQUIRED
        state = "is empty" if not text.strip() else f"only says '{' '.join(text.split())}'"
        findings.append(
            Finding(
                MISSING_SECTION,
                FindingSeverity.WARNING if minor else FindingSeverity.BLOCKING,
                key,
                f"'{_HEADINGS[key]}' {state}",
                _SECTION_HINTS[key],
            )
        )
    return findings


def _order_findings(milestones: Milestones) -> list[Finding]:
    """metrics.milestone_findings, one pair at a time, so each finding has its own `where`
    (a waiver for one order problem must not cover another)."""
    findings = []
    names = [name for name in Milestones.__slots__ if getattr(milestones, name) is not None]
    for earlier, later in combinations(names, 2):  # in milestone order
        pair = Milestones(**{name: getattr(milestones, name) for name in (earlier, later)})
        for finding in milestone_findings(pair):
            findings.append(replace(finding, where=at_field("timeline", f"{earlier}-{later}")))
    return findings


def milestone_findings_for(pm: PostMortem) -> list[Finding]:
    milestones = find_milestones(pm.events)
    findings = []
    missing = (
        ("start", milestones.start, "a 'start' event (when impact began)"),
        ("detected", milestones.detected, "a 'detected' (or 'alert') event"),
        (
            "recovery",
            milestones.mitigated or milestones.resolved,
            "a 'mitigated' or 'resolved' event",
        ),
    )
    for name, moment, needed in missing:
        if moment is None:
            findings.append(
                Finding(
                    MISSING_MILESTONE,
                    FindingSeverity.BLOCKING,
                    at_field("timeline", name),
                    f"the timeline needs {needed}",
                    "Add it (or change an event's kind); the metrics are derived from it.",
                )
            )
    findings.extend(_order_findings(milestones))
    ahead = early_detection(milestones)
    if ahead is not None:
        findings.append(
            Finding(
                EARLY_DETECTION,
                FindingSeverity.INFO,
                at_field("timeline", "start-detected"),
                f"detected {format_duration(ahead)} before the customer-visible start: early "
                "detection (time to detect is negative)",
                "Nothing to fix. If customers were affected earlier, move the 'start' event "
                "to when they were.",
            )
        )
    detected = milestones.detected
    if detected is not None:
        # The metric starts acknowledgement at detection, so an earlier one is silently
        # ignored; that is nearly always a wrong time or a wrong kind.
        for event in pm.events:
            if event.kind is EventKind.ACKNOWLEDGED and event.at < detected:
                findings.append(
                    Finding(
                        MILESTONE_ORDER,
                        FindingSeverity.BLOCKING,
                        at_item("timeline", event.id, "at"),
                        f"'acknowledged' at {format_instant(event.at, pm.zone)} is before "
                        f"detection at {format_instant(detected, pm.zone)}; time to "
                        "acknowledge leaves it out",
                        "Check its time, or its kind: contact before the page is a 'notified' "
                        "or 'note' event.",
                    )
                )
    return findings


def root_cause_findings(pm: PostMortem) -> list[Finding]:
    hint = (
        "Keep asking why until the answer is a condition of the system (a missing check, "
        "alert, step or limit), then mark it as the root cause with a category."
    )
    # A factor stated with its category is analysed even before anyone asks why about it.
    analysed = any(f.category is not None and not f.chain_id for f in pm.factors)
    if not pm.whys and not analysed:
        return [
            Finding(
                NO_ROOT_CAUSE,
                FindingSeverity.BLOCKING,
                "whys",
                "there is no Five Whys chain yet",
                "Start one from the problem as the team saw it. " + hint,
            )
        ]
    findings = []
    for chain in pm.whys:
        if not chain.root_cause:
            answers = len(chain.answers)
            problem = " ".join(chain.problem.split())
            problem = problem if len(problem) <= 50 else problem[:49].rstrip() + "…"
            findings.append(
                Finding(
                    NO_ROOT_CAUSE,
                    FindingSeverity.BLOCKING,
                    at_item("whys", chain.id),
                    f"the chain '{problem}' has no root cause yet "
                    f"({answers} answer{'s' * (answers != 1)})",
                    hint,
                )
            )
    return findings
