"""Provides the readiness checklist shown before a post-mortem is published.

A post-mortem is ready when no blocking finding is left open: each is fixed, or waived with a
reason (a Waiver on the post-mortem names the finding by rule and `where`). A waiver whose
finding has gone (fixed, or its element deleted) is stale: harmless, and listed so it can be
removed. Notes (info findings, e.g. `early-detection`) are shown but never need anything.

Waivers written before two findings became one still apply: one for a part of a finding (the
`missing-owner` at `action_items[ID].owner` of an item that has neither owner nor deadline)
waives that part, and the other part stays open on its own; one for `milestone-order` at
`timeline.start-detected` (a detection before the start, now the note `early-detection`)
applies to the note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pmtui.analysis.completeness import EARLY_DETECTION, MILESTONE_ORDER
from pmtui.analysis.findings import Finding, FindingSeverity
from pmtui.analysis.guides import review
from pmtui.analysis.places import place_label
from pmtui.model.postmortem import PostMortem, Waiver

# Findings whose rule or place changed: (old rule, old where) -> (new rule, new where).
_RENAMED: dict[tuple[str, str], tuple[str, str]] = {
    (MILESTONE_ORDER, "timeline.start-detected"): (EARLY_DETECTION, "timeline.start-detected"),
}


@dataclass(frozen=True, slots=True)
class WaivedFinding:
    finding: Finding
    waiver: Waiver


class CheckState(StrEnum):
    PASSED = "passed"  # no finding
    WAIVED = "waived"  # findings, all waived
    WARNING = "warning"  # open findings, none blocking
    BLOCKING = "blocking"  # at least one open blocking finding


@dataclass(frozen=True, slots=True)
class CheckItem:
    label: str  # what a reader checks off, e.g. "Every open action has an owner and a deadline"
    rules: tuple[str, ...]
    open: tuple[Finding, ...]
    waived: tuple[WaivedFinding, ...]

    @property
    def state(self) -> CheckState:
        if any(f.severity is FindingSeverity.BLOCKING for f in self.open):
            return CheckState.BLOCKING
        if any(f.severity is FindingSeverity.WARNING for f in self.open):
            return CheckState.WARNING
        return CheckState.WAIVED if self.waived else CheckState.PASSED


#: The checklist, in the order a facilitator walks it; every guide's rule is in one item.
CHECKLIST: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("The wording is blameless", ("blame-language",)),
    ("Required sections are written", ("missing-section",)),
    ("The timeline has start, detection and recovery, in order",
     ("missing-milestone", "milestone-order", "early-detection")),
    ("Every Five Whys chain ends at a systemic root cause",
     ("no-root-cause", "person-root-cause")),
    ("Every open action item has an owner and a deadline",
     ("missing-owner", "missing-deadline")),
    ("Action items are concrete and on time", ("no-actions", "vague-action", "overdue-action")),
    ("Merge conflicts are settled", ("merge-conflict",)),
    ("The customer version has its own message", ("no-customer-message",)),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Readiness:
    items: tuple[CheckItem, ...]
    open: tuple[Finding, ...]  # findings not waived, document order
    waived: tuple[WaivedFinding, ...]
    stale_waivers: tuple[Waiver, ...]

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """What stops publishing: open blocking findings."""
        return tuple(f for f in self.open if f.severity is FindingSeverity.BLOCKING)

    @property
    def ready(self) -> bool:
        return not self.blocking

    @property
    def to_fix(self) -> tuple[Finding, ...]:
        """Open findings that ask for something: blocking ones and warnings, not notes."""
        return tuple(f for f in self.open if f.severity is not FindingSeverity.INFO)


def apply_waivers(
    findings: list[Finding], waivers: tuple[Waiver, ...]
) -> tuple[tuple[Finding, ...], tuple[WaivedFinding, ...], tuple[Waiver, ...]]:
    """Split findings into (open, waived) and find the waivers that match nothing (stale)."""
    by_key = {(w.rule, w.where): w for w in waivers}
    for old, new in _RENAMED.items():
        if old in by_key and new not in by_key:
            by_key[new] = by_key[old]
    used: set[tuple[str, str]] = set()
    still_open: list[Finding] = []
    waived: list[WaivedFinding] = []
    for whole in findings:
        key = (whole.rule, whole.where)
        # A waiver of one part splits the finding back into its parts.
        split = key not in by_key and any((p.rule, p.where) in by_key for p in whole.parts)
        for finding in whole.parts if split else (whole,):
            key = (finding.rule, finding.where)
            if key in by_key:
                waived.append(WaivedFinding(finding, by_key[key]))
                used.add(key)
            else:
                still_open.append(finding)
    for old, new in _RENAMED.items():
        if new in used:
            used.add(old)
    stale = tuple(w for w in waivers if (w.rule, w.where) not in used)
    return tuple(still_open), tuple(waived), stale


def readiness(pm: PostMortem, *, today: date, found: Sequence[Finding] = ()) -> Readiness:
    """The checklist of `pm`: the quality guides' findings and those `found` outside the
    model (an attachment's file missing on disk), with the waivers applied."""
    findings = [*review(pm, today=today), *found]
    still_open, waived, stale = apply_waivers(findings, pm.waivers)
    items = tuple(
        CheckItem(
            label,
            rules,
            tuple(f for f in still_open if f.rule in rules),
            tuple(w for w in waived if w.finding.rule in rules),
        )
        for label, rules in CHECKLIST
    )
    return Readiness(items, still_open, waived, stale)


def blocking_summary(
    findings: Sequence[Finding], limit: int = 5, *, pm: PostMortem | None = None
) -> str:
    """'blame-language at summary, missing-owner at action_items[a1].owner and 2 more';
    with the post-mortem, each place in words: 'missing-owner at Action “Renew …” · owner'."""
    named = [f"{f.rule} at {place_label(pm, f.where) if pm else f.where}" for f in findings[:limit]]
    more = len(findings) - len(named)
    if more:
        return ", ".join(named) + f" and {more} more"
    return ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1]
