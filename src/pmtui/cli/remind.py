"""Provides `pmtui remind`: open action items overdue or due within N days, grouped by owner,
as Markdown for a chat or an e-mail, or as an iCalendar file of due dates, for cron or CI to
send. Read-only. Exit code 0 whatever is overdue (1 only for an error, 2 for usage): a
script that should fail on overdue items runs `pmtui actions --overdue --json`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

DEFAULT_DAYS = 7
MAX_DAYS = 3660


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of days, got {text!r}") from None
    if not 0 <= days <= MAX_DAYS:
        raise argparse.ArgumentTypeError(f"expected 0 to {MAX_DAYS} days, got {days}")
    return days


def add_remind_command(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    sub = command("remind", "list overdue and soon-due open action items by owner (md or ics)")
    sub.add_argument("--owner", metavar="NAME", default="", help="owner contains NAME")
    sub.add_argument(
        "--days",
        metavar="N",
        type=_days,
        default=DEFAULT_DAYS,
        help=f"also items due within N days (default: {DEFAULT_DAYS})",
    )
    sub.add_argument(
        "--format",
        choices=("md", "ics"),
        default="md",
        help="md: Markdown for a chat or e-mail; ics: an iCalendar file of due dates",
    )
    sub.add_argument(
        "--link-base",
        metavar="URL",
        default=None,
        help="with ics: each event links to URL/<id>.md (default: the team's base_url)",
    )
    sub.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def cmd_remind(args: argparse.Namespace) -> int:
    from pmtui.analysis.followup import action_rows
    from pmtui.analysis.reminders import reminders
    from pmtui.cli.actions import _link_base
    from pmtui.cli.commands import emit, open_service
    from pmtui.cli.main import EXIT_ERROR, EXIT_OK

    with open_service(args, write=False) as service:
        postmortems, unreadable = service.readable_postmortems()
        today = service.today()
        now = service.now()
        database = service.store.path
        link_base = _link_base(args.link_base, service.store)
    for problem in unreadable:
        print(f"pmtui: error: {problem}", file=sys.stderr)
    groups = reminders(action_rows(postmortems, today), today, days=args.days, owner=args.owner)
    if args.format == "ics":
        from pmtui.export.reminders_ics import reminders_ics

        text = reminders_ics(groups, now, link_base).decode("utf-8")
    else:
        from pmtui.export.reminders_md import reminders_markdown

        text = reminders_markdown(groups, today, args.days)
    emit(args.output, text, database)
    return EXIT_ERROR if unreadable else EXIT_OK
