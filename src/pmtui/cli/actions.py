"""Provides `pmtui actions`: every action item of every post-mortem, filtered, as a table,
JSON, CSV, or the file a tracker's own importer takes (Jira CSV, Linear CSV, a `gh` script).
Read-only, so it works while a pmtui window has the file open; `pmtui actions sync` (see
actions_sync.py) is the one part that writes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmtui.analysis.followup import ActionRow

#: ActionType's values (a test keeps them equal): `pmtui --help` must not import the model.
TYPE_CHOICES = ("prevent", "detect", "mitigate", "process")
#: export.trackers.TRACKER_FORMATS, without importing it.
TRACKER_CHOICES = ("jira-csv", "linear-csv", "github-script")


def add_actions_command(
    command: Callable[[str, str], argparse.ArgumentParser],
    db_options: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add `actions` (and `actions sync`) through parser.py's `command` helper (which adds
    --db and --demo) and its --db options for the subcommand."""
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
    formats.add_argument(
        "--format",
        choices=TRACKER_CHOICES,
        dest="tracker_format",
        help="what a tracker's own importer takes: Jira's CSV importer, Linear's CSV importer, "
        "or a shell script of `gh issue create` commands",
    )
    sub.add_argument(
        "--link-base",
        metavar="URL",
        default=None,
        help="with --format: each issue links to URL/<id>.md (or URL with {id} replaced); "
        "default: the team folder's base_url setting",
    )
    sub.add_argument("-o", "--output", metavar="FILE", help="with --csv or --format: write to FILE")
    from pmtui.cli.actions_sync import add_sync_command

    add_sync_command(sub, db_options)


def _table(rows: list[ActionRow], columns: int = 0) -> str:
    """The items as aligned lines, each cut to `columns` characters when it is set (a
    terminal's width: at 80 columns each line ran on for 250 characters, mock 40c)."""
    from pmtui.cli.terminal import fit

    if not rows:
        return ""
    width = max(len("POSTMORTEM"), *(len(row.postmortem_id) for row in rows))
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
    return "\n".join(fit(line, columns) for line in lines) + "\n"


def _link_base(given: str | None, store: object) -> str:
    """--link-base, else the team folder's base_url setting, checked: a link in a tracker
    must be an http(s) address, never a `javascript:` or a file path."""
    from pmtui.cli.main import CommandError
    from pmtui.export.trackers import LinkBaseError, check_link_base

    settings = getattr(store, "settings", None)  # only a team folder has settings
    base = given if given is not None else getattr(settings, "base_url", "")
    try:
        return check_link_base(base)
    except LinkBaseError as error:
        where = "--link-base" if given is not None else "the team folder's base_url setting"
        raise CommandError(f"{where}: {error}") from None


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

    if getattr(args, "actions_command", None) == "sync":
        from pmtui.cli.actions_sync import cmd_actions_sync

        return cmd_actions_sync(args)
    if args.output and not (args.csv or args.tracker_format):
        raise CommandError("-o writes the CSV or tracker file; add --csv or --format")
    if args.link_base is not None and not args.tracker_format:
        raise CommandError("--link-base is for a tracker file; add --format")
    link_base = ""
    with open_service(args, write=False) as service:
        if args.tracker_format:
            link_base = _link_base(args.link_base, service.store)
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
    if args.tracker_format:
        from pmtui.export.trackers import needs_an_issue, tracker_export

        wanted_rows = [row for row in rows if needs_an_issue(row)]
        emit(args.output, tracker_export(args.tracker_format)(wanted_rows, link_base), database)
        print(_left_out(rows, len(wanted_rows)), file=sys.stderr)
        return done
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
    # A person reads the table by deadline, as the Actions pane sorts it (mock 31b read
    # 12-17, 12-20, 12-11, 12-28 in the order typed); files and JSON keep the list order.
    by_due = sorted(rows, key=lambda row: (row.action.due is None, row.action.due or date.max))
    from pmtui.cli.terminal import screen_columns

    sys.stdout.write(_table(by_due, screen_columns()))
    print(
        f"{len(rows)} shown of {stats.total}; {stats.open} open, {stats.overdue} overdue, "
        f"{stats.completion_label()} done, {stats.unverified} done but not verified",
        file=sys.stderr,
    )
    return done


def _left_out(rows: list[ActionRow], written: int) -> str:
    """What a tracker file holds and what it leaves out, and why, for stderr."""
    finished = sum(not row.action.is_open for row in rows)
    tracked = sum(row.action.is_open and bool(row.action.tracker.strip()) for row in rows)
    said = f"{written} item{'s' * (written != 1)} to create"
    reasons = [f"{finished} done or dropped"] if finished else []
    reasons += [f"{tracked} already in a tracker"] if tracked else []
    return f"{said}; left out: {', '.join(reasons)}" if reasons else said
