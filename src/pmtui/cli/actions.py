"""Provides `pmtui actions`: every action item of every post-mortem, filtered, as a table,
JSON or CSV for trackers. Read-only, so it works while a pmtui window has the file open."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmtui.analysis.followup import ActionRow

#: ActionType's values (a test keeps them equal): `pmtui --help` must not import the model.
TYPE_CHOICES = ("prevent", "detect", "mitigate", "process")


def add_actions_command(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add `actions` through parser.py's `command` helper (which adds --db and --demo)."""
    sub = command("actions", "list the action items of every post-mortem (open, overdue, ...)")
    sub.add_argument("--open", action="store_true", help="only open and in-progress items")
    sub.add_argument("--overdue", action="store_true", help="only open items past their due date")
    sub.add_argument(
        "--unverified",
        action="store_true",
        help="only done items nobody has verified yet (how we know it worked)",
    )
    sub.add_argument("--owner", metavar="NAME", default="", help="owner contains NAME")
    sub.add_argument("--postmortem", metavar="ID", default="", help="one post-mortem (id prefix)")
    sub.add_argument("--type", choices=TYPE_CHOICES, help="one action type")
    formats = sub.add_mutually_exclusive_group()
    formats.add_argument("--json", action="store_true", help="print a JSON object for scripts")
    formats.add_argument("--csv", action="store_true", help="print CSV for trackers")
    sub.add_argument("-o", "--output", metavar="FILE", help="with --csv: write to FILE")


def _table(rows: list[ActionRow]) -> str:
    if not rows:
        return ""
    width = max(8, *(len(row.postmortem_id) for row in rows))
    owner_width = max(5, *(len(row.action.owner) for row in rows))
    lines = [f"{'POSTMORTEM':<{width}} {'DUE':<10} {'STATUS':<11} {'OWNER':<{owner_width}} TEXT"]
    for row in rows:
        action = row.action
        due = action.due.isoformat() if action.due else "-"
        status = "OVERDUE" if row.overdue else action.status.value
        if row.unverified:
            status = "UNVERIFIED"  # done, but nobody knows yet whether it worked
        elif action.verified_on:
            status = "verified"
        lines.append(
            f"{row.postmortem_id:<{width}} {due:<10} {status:<11} "
            f"{action.owner:<{owner_width}} {action.text}"
        )
    return "\n".join(lines) + "\n"


def cmd_actions(args: argparse.Namespace) -> int:
    # Imported here: the parser imports this module, and --help should stay quick.
    import orjson

    from pmtui.analysis.followup import (
        ActionFilter,
        action_rows,
        filter_rows,
        followup_stats,
        row_dict,
    )
    from pmtui.cli.commands import emit, open_service
    from pmtui.cli.main import EXIT_ERROR, EXIT_OK, CommandError
    from pmtui.model.enums import ActionType

    if args.output and not args.csv:
        raise CommandError("-o writes the CSV; add --csv")
    with open_service(args, write=False) as service:
        pm_id = service.store.resolve_id(args.postmortem) if args.postmortem else ""
        unreadable: list[str] = []
        if pm_id:
            postmortems = [service.get(pm_id)]
        else:
            postmortems, unreadable = service.readable_postmortems()
        today = service.today()
        database = service.store.path
    wanted = ActionFilter(
        open_only=args.open,
        overdue_only=args.overdue,
        owner=args.owner,
        postmortem=pm_id,
        kind=ActionType(args.type) if args.type else None,
        unverified_only=args.unverified,
    )
    # The others are still listed; the exit code tells a script that one was not.
    for problem in unreadable:
        print(f"pmtui: error: {problem}", file=sys.stderr)
    done = EXIT_ERROR if unreadable else EXIT_OK
    every = action_rows(postmortems, today)
    rows = filter_rows(every, wanted)
    if args.csv:
        from pmtui.export.actions_csv import actions_csv

        text = actions_csv(rows)
        emit(args.output, text, database)
        return done
    if args.json:
        stats = followup_stats(every)
        document = {
            "today": today.isoformat(),
            # Figures over every item, so a filtered view still shows the whole picture.
            "completion_rate": stats.completion_rate,
            "total": stats.total,
            "open": stats.open,
            "overdue": stats.overdue,
            "unverified": stats.unverified,
            "actions": [row_dict(row) for row in rows],
        }
        sys.stdout.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")
        return done
    stats = followup_stats(every)
    sys.stdout.write(_table(rows))
    print(
        f"{len(rows)} shown of {stats.total}; {stats.open} open, {stats.overdue} overdue, "
        f"{stats.completion_label()} done, {stats.unverified} done but not verified",
        file=sys.stderr,
    )
    return done
