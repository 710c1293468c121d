"""Provides `pmtui timeline import`: pager, chat, monitoring and log evidence into a timeline.

The evidence is read and checked before the database is opened for writing, and everything
it yields is added in one write (or, with --dry-run, only shown). Events already in the
timeline are skipped (see `service.duplicate_flags`), so importing the same file twice adds
nothing. Only argparse is imported at module level: `pmtui --help` must stay light.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pmtui.evidence_formats import FORMATS
from pmtui.limits import MAX_EVENTS, MAX_INPUT_BYTES, size_text

if TYPE_CHECKING:
    from datetime import datetime

    from pmtui.importers import ImportedEvent, ImportResult
    from pmtui.model.postmortem import PostMortem, TimelineEvent

#: The importers' formats, named without importing them (`pmtui --help` stays light).
FORMAT_CHOICES = ("auto", *FORMATS)
SHOWN_REJECTIONS = 20


def add_timeline_command(
    command: Callable[[str, str], argparse.ArgumentParser],
    db_options: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add `timeline import` through parser.py's `command` helper and its --db options."""
    timeline = command("timeline", "change a post-mortem's timeline from the command line")
    actions = timeline.add_subparsers(dest="timeline_command", metavar="ACTION", required=True)
    text = "add events from a PagerDuty, Slack, Alertmanager, Grafana, Opsgenie, CSV or log file"
    imp = actions.add_parser("import", help=text, description=text)
    db_options(imp)
    imp.add_argument("id", metavar="ID", help="post-mortem id (a unique prefix is enough)")
    imp.add_argument(
        "file",
        metavar="FILE",
        help=f"evidence file, Slack export folder or zip, up to {size_text(MAX_INPUT_BYTES)} "
        f"and {MAX_EVENTS:,} events",
    )
    imp.add_argument("--format", choices=FORMAT_CHOICES, default="auto", help="default: auto")
    imp.add_argument(
        "--tz",
        metavar="ZONE",
        help="IANA zone of times written without an offset (default: the post-mortem's)",
    )
    imp.add_argument("--channel", metavar="NAME", help="Slack: import this channel only")
    imp.add_argument(
        "--since",
        metavar="T",
        help="skip events before T: 2025-03-11 14:00 or 14:00 (the incident date), in the "
        "post-mortem's timezone unless T has an offset",
    )
    imp.add_argument("--until", metavar="T", help="skip events after T")
    imp.add_argument("--dry-run", action="store_true", help="show what it would add; write nothing")
    imp.add_argument(
        "--key-reaction",
        metavar="EMOJI",
        help="Slack: messages with this reaction are key moments, like pinned ones",
    )
    imp.add_argument("--key-only", action="store_true", help="Slack: import key moments only")
    imp.add_argument("--joins", action="store_true", help="Slack: keep joins and leaves as notes")
    imp.add_argument(
        "--no-group",
        action="store_true",
        help="keep every record as its own row, even one moment several sources saw",
    )
    imp.add_argument(
        "--keep-values",
        action="store_true",
        help="Grafana: keep the query values that fired a rule ([B=1843, C=1]) in the text",
    )


def cmd_timeline(args: argparse.Namespace) -> int:
    # Deferred so that building the parser never loads the model, the store or importers.
    from pmtui.cli.commands import open_service
    from pmtui.cli.main import EXIT_OK, CommandError
    from pmtui.importers import LABELS, ImporterError, paused_gc, read_evidence
    from pmtui.importers.grouping import held_records
    from pmtui.service import duplicate_flags
    from pmtui.store.errors import StoreLocked

    # The header and the count only: an import never builds the timeline it adds to.
    with open_service(args, write=False) as service:
        facts = service.timeline_facts(args.id)
        pm, event_count = facts.header, facts.event_count  # pm: the header, timeline unread
        today = service.today(pm)
    del facts
    zone_name = args.tz or pm.timezone
    _check_zone(zone_name)  # a bad --tz is named before the file is read
    since = _window(args.since, "--since", pm)
    until = _window(args.until, "--until", pm)
    name = "stdin" if args.file == "-" else args.file
    try:
        result = read_evidence(
            sys.stdin.buffer.read() if args.file == "-" else args.file,
            format=args.format,
            tz=zone_name,
            channel=args.channel,
            since=since,
            until=until,
            key_reaction=args.key_reaction,
            key_only=args.key_only,
            joins=args.joins,
            keep_values=args.keep_values,
            zone_advice="or give --tz",
            reference_date=pm.incident_date or today,
            name=name,
            held=event_count,
        )
    except ImporterError as error:
        raise CommandError(str(error)) from None
    label = f"{name} ({LABELS[result.format]})"
    events = result.events
    if not events and result.rejected:
        where, reason = result.rejected[0]
        raise CommandError(
            f"{label}: none of its {len(result.rejected)} records could be imported "
            f"(first: {where}: {reason})"
        )
    group = not args.no_group
    if args.dry_run:
        # The stored rows near the evidence: enough for its duplicates and its moments.
        with open_service(args, write=False) as service:
            nearby = service.timeline_facts(pm.id, (event.at for event in events)).nearby
        flags = duplicate_flags(held_records(nearby), events)
        added = [event for event, held in zip(events, flags, strict=True) if not held]
        merged = _print_events(added, pm, nearby, group=group)
        counts = _counts(len(added), len(events) - len(added), result, "would be added", merged)
        print(f"{label}, dry run: {counts} for {pm.id}; nothing was written.")
    else:
        # Compared with the timeline as saved now, should it have changed meanwhile.
        try:
            with open_service(args, write=True) as writer, paused_gc():
                outcome = writer.append_evidence(pm.id, events, group=group)
        except StoreLocked as locked:
            # The open app can take the same file: say where (mock 36b).
            raise CommandError(
                f"{locked}; import it there instead (ctrl+p, Import evidence), or quit that "
                "pmtui first"
            ) from None
        counts = _counts(outcome.added, outcome.duplicates, result, "added", outcome.merged)
        print(f"{label}: {counts} for {outcome.pm_id}.")
    _print_rejections(result)
    for note in result.notes:
        print(f"note: {note}")
    return EXIT_OK


def _counts(added: int, duplicates: int, result: ImportResult, verb: str, merged: int) -> str:
    parts = [f"{added} {verb}"]
    if merged:
        parts[0] += f" ({merged} merged into moments other sources saw too)"
    parts += [
        f"{duplicates} skipped as duplicates",
        f"{len(result.rejected)} rejected",
    ]
    if result.outside:
        parts.append(f"{result.outside} outside --since/--until")
    return ", ".join(parts)


def _print_rejections(result: ImportResult) -> None:
    for where, reason in result.rejected[:SHOWN_REJECTIONS]:
        print(f"rejected {where}: {reason}")
    hidden = len(result.rejected) - SHOWN_REJECTIONS
    if hidden > 0:
        print(f"... and {hidden} more rejected")


def _print_events(
    events: Sequence[ImportedEvent],
    pm: PostMortem,
    nearby: Sequence[TimelineEvent],
    *,
    group: bool,
) -> int:
    """Show the events an import would add, each moment several sources saw as one row
    with its records under it (or under the `nearby` stored row they join); return how
    many records would be merged."""
    from pmtui.importers.grouping import best_record, plan_grouping, records_of
    from pmtui.model.sources import source_label
    from pmtui.model.times import format_instant

    def line(record: ImportedEvent, indent: str) -> str:
        when = format_instant(record.at, pm.zone, seconds=True)
        return f"{indent}{when}  {record.kind.value:<13} {record.source:<12} {record.text}"

    if events:
        print(f"Would add (times in {pm.timezone}):")
    if not group:
        for event in events:
            print(line(event, "  "))
        return 0
    grouping = plan_grouping(nearby, events)
    for moment in grouping.moments:
        records = [events[index] for index in moment]
        shown = best_record(records)
        if len(records) == 1:
            print(line(shown, "  "))
            continue
        names = ", ".join(dict.fromkeys(source_label(record.source) for record in records))
        print(f"{line(shown, '  ')}  [one moment, seen in {names}]")
        for record in sorted(records, key=lambda record: record.at):
            if record is not shown:
                print(line(record, "    + "))
    for row_index, joined in sorted(grouping.joins.items()):
        row = nearby[row_index]
        names = ", ".join(
            dict.fromkeys(
                source_label(source)
                for source in (
                    *(record.source for record in records_of(row)),
                    *(events[index].source for index in joined),
                )
            )
        )
        when = format_instant(row.at, pm.zone, seconds=True)
        print(f"  joins the timeline's {when} {row.text!r}  [seen in {names}]")
        for index in joined:
            print(line(events[index], "    + "))
    return grouping.merged


def _check_zone(name: str) -> None:
    from pmtui.cli.main import CommandError
    from pmtui.model.errors import ValidationError
    from pmtui.model.times import parse_timezone

    try:
        parse_timezone(name)
    except ValidationError as problem:
        raise CommandError(f"--tz: {problem.message}") from None


def _window(text: str | None, flag: str, pm: PostMortem) -> datetime | None:
    """A --since/--until time, typed like the times the post-mortem shows: in its timezone,
    and a bare clock time on the incident's date."""
    if text is None:
        return None
    from datetime import datetime, time

    from pmtui.cli.main import CommandError
    from pmtui.model.errors import ValidationError
    from pmtui.model.times import localize, parse_instant

    anchor = None
    if pm.incident_date is not None:
        anchor = localize(datetime.combine(pm.incident_date, time(12)), pm.zone)
    try:
        return parse_instant(text, pm.zone, anchor=anchor, where=flag)
    except ValidationError as problem:
        raise CommandError(str(problem)) from None
