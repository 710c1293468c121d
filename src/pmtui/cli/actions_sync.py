"""Provides `pmtui actions sync FILE`: a tracker's own export (Jira CSV, Linear CSV, the JSON
of `gh issue list`) read back into the action items' status and completion date.

The file is read and matched before the database is opened for writing; each post-mortem
with a matched item is saved once through the service (lock, validation). --dry-run prints
the same report and writes nothing. Only argparse is imported at module level.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from pmtui.limits import MAX_INPUT_BYTES, size_text

if TYPE_CHECKING:
    from pmtui.model.postmortem import PostMortem
    from pmtui.service import PostMortemService
    from pmtui.sync.plan import ActionSync, SyncPlan

#: pmtui.sync.readers.SOURCES, without importing it.
SOURCE_CHOICES = ("auto", "jira", "linear", "github")
SHOWN = 50  # lines per section before "... and N more"


def add_sync_command(
    actions: argparse.ArgumentParser, db_options: Callable[[argparse.ArgumentParser], None]
) -> None:
    commands = actions.add_subparsers(dest="actions_command", metavar="sync")
    text = "update action items from a Jira or Linear CSV export or `gh issue list --json` output"
    sync = commands.add_parser("sync", help=text, description=text)
    db_options(sync)
    sync.add_argument(
        "file",
        metavar="FILE",
        help=f"the tracker's export ('-' reads stdin), up to {size_text(MAX_INPUT_BYTES)}",
    )
    sync.add_argument(
        "--from",
        dest="source",
        choices=SOURCE_CHOICES,
        default="auto",
        help="which tracker wrote FILE (default: auto, from its header)",
    )
    sync.add_argument(
        "--dry-run", action="store_true", help="show what would change and write nothing"
    )


def _read(file: str) -> bytes:
    from pmtui.cli.commands import read_input

    return read_input(file, "a tracker export")


def _status(item: ActionSync) -> str:
    status = item.status.value
    return f"{status} ({item.completed_on.isoformat()})" if item.completed_on else status


def _change_line(item: ActionSync) -> str:
    action = item.action
    was = action.status.value
    if action.completed_on and action.status.value == "done":
        was += f" ({action.completed_on.isoformat()})"
    parts = [f"{was} -> {_status(item)}"] if was != _status(item) else []
    if item.tracker != action.tracker:
        parts.append(f"tracker {action.tracker or '-'} -> {item.tracker}")
    return f"  {item.where} {item.issue.ref}: {', '.join(parts)}  {action.text[:60]}"


def _section(title: str, lines: list[str]) -> None:
    if not lines:
        return
    print(f"{title}:")
    for line in lines[:SHOWN]:
        print(line)
    if len(lines) > SHOWN:
        print(f"  ... and {len(lines) - SHOWN} more")


def report(plan: SyncPlan, name: str, *, dry_run: bool) -> None:
    from pmtui.sync.readers import SOURCE_NAMES

    verb = "would change" if dry_run else "changed"
    _section(verb, [_change_line(item) for item in plan.changes])
    _section("not written (open in another pmtui)", [_change_line(item) for item in plan.held])
    _section(
        "already current",
        [f"  {item.where} {item.issue.ref}: {_status(item)}" for item in plan.current],
    )
    _section(
        "status not understood, left as is",
        [f"  {where} {issue.ref}: {issue.status_text[:40]!r}" for where, issue in plan.unknown],
    )
    _section(
        "done, on a date not understood, status left as is "
        "(YYYY-MM-DD, 05/Jan/27 or 5 Jan 2027 read)",
        [f"  {where} {issue.ref}: {issue.closed_text!r}" for where, issue in plan.undated],
    )
    _section(
        "matched no action item",
        [f"  {issue.ref} ({issue.status_text[:40]})" for issue in plan.unmatched],
    )
    _section("skipped", [f"  {line}" for line in plan.skipped])
    print(
        f"{SOURCE_NAMES[plan.source]} export {name}: {plan.rows} row{'s' * (plan.rows != 1)}, "
        f"{plan.matched} matched, "
        f"{len(plan.changes)} {verb}, "
        + (f"{len(plan.held)} not written, " if plan.held else "")
        + f"{len(plan.current)} already current, "
        f"{len(plan.unmatched)} unmatched" + (" (dry run: nothing written)" if dry_run else ""),
        file=sys.stderr,
    )


def cmd_actions_sync(args: argparse.Namespace) -> int:
    from pmtui.cli.commands import open_service
    from pmtui.cli.main import EXIT_ERROR, EXIT_OK, CommandError
    from pmtui.sync.plan import build_plan
    from pmtui.sync.readers import TrackerFileError, read_export

    name = "stdin" if args.file == "-" else args.file
    try:
        export = read_export(_read(args.file), args.source)
    except TrackerFileError as error:
        raise CommandError(f"{name}: {error}") from None
    with open_service(args, write=not args.dry_run) as service:
        postmortems, unreadable = service.readable_postmortems()
        plan = build_plan(export, postmortems, service.today())
        held: list[str] = []
        if not args.dry_run:
            held = _write(service, plan, {pm.id: pm for pm in postmortems})
    for problem in [*unreadable, *held]:
        print(f"pmtui: error: {problem}", file=sys.stderr)
    report(plan, name, dry_run=args.dry_run)
    return EXIT_ERROR if unreadable or held else EXIT_OK


def _write(service: PostMortemService, plan: SyncPlan, by_id: dict[str, PostMortem]) -> list[str]:
    """Save each post-mortem's changes; why each one open in another pmtui was not saved.
    Its items move to the plan's `held` list (SyncPlan.hold): in a team folder the others
    are saved all the same, and the report said nothing of them when the first refusal
    stopped the command (mock 41c)."""
    from pmtui.store import StoreLocked

    problems: list[str] = []
    for pm_id, items in plan.by_postmortem().items():
        updates = {item.action.id: item.fields() for item in items}
        try:
            service.sync_actions(by_id[pm_id], updates, source=plan.source)
        except StoreLocked as locked:
            problems.append(f"{locked}: its items were not updated; sync again once it is closed")
            plan.hold(pm_id)
    return problems
