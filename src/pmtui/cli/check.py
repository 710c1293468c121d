"""Provides `pmtui check ID [--json]`: the quality guides' findings, for people and for CI.

Exit 0 when nothing is left to point out, 1 when findings remain (blocking or warning: a team
runs it in CI to keep its post-mortems clean). Notes (info, e.g. an early detection) are
printed as `note` and never fail it. Waived findings are accepted and do not count; they are
listed apart. Read-only, so it works while the post-mortem is open in a pmtui window.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import orjson

from pmtui.analysis.findings import Finding, FindingSeverity
from pmtui.analysis.guides import by_severity
from pmtui.analysis.readiness import Readiness, WaivedFinding
from pmtui.cli.main import EXIT_OK

#: `check` found something: the same code as an error, as CI tools expect of a linter.
EXIT_FINDINGS = 1


def _waived_dict(item: WaivedFinding) -> dict[str, Any]:
    return {
        **item.finding.to_dict(),
        "reason": item.waiver.reason,
        "waived_by": item.waiver.waived_by,
        "waived_on": item.waiver.waived_on.isoformat(),
    }


def report_dict(pm_id: str, title: str, result: Readiness) -> dict[str, Any]:
    return {
        "id": pm_id,
        "title": title,
        "ready": result.ready,  # nothing blocks publishing
        "findings": [finding.to_dict() for finding in by_severity(list(result.open))],
        "waived": [_waived_dict(item) for item in result.waived],
    }


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _finding_lines(finding: Finding) -> list[str]:
    severity = "note" if finding.severity is FindingSeverity.INFO else finding.severity.value
    lines = [f"{severity} {finding.rule} at {finding.where}: {finding.message}"]
    if finding.hint:
        lines.append(f"  hint: {finding.hint}")
    return lines


def report_text(pm_id: str, title: str, result: Readiness) -> str:
    lines = [f"{pm_id}  {title}"]
    for finding in by_severity(list(result.open)):
        lines.extend(_finding_lines(finding))
    waived = f"; {len(result.waived)} waived" if result.waived else ""
    notes = len(result.open) - len(result.to_fix)
    waived += f"; {_plural(notes, 'note')}" if notes else ""
    if not result.to_fix:
        lines.append(f"No findings{waived}. Ready to publish.")
    else:
        blocking = len(result.blocking)
        counts = f"{_plural(len(result.to_fix), 'finding')} ({blocking} blocking){waived}"
        verdict = "Not ready to publish." if blocking else "Ready to publish."
        lines.append(f"{counts}. {verdict}")
    return "\n".join(lines) + "\n"


def cmd_check(args: argparse.Namespace) -> int:
    from pmtui.cli.commands import open_service  # commands imports this module

    with open_service(args, write=False) as service:
        pm = service.get(args.id)
        result = service.readiness(pm)
    if args.json:
        document = report_dict(pm.id, pm.title, result)
        sys.stdout.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        sys.stdout.write(report_text(pm.id, pm.title, result))
    return EXIT_FINDINGS if result.to_fix else EXIT_OK
