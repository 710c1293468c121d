"""Provides `pmtui attach`: graphs and screenshots shown with an event or a narrative section.

`pmtui attach ID FILE --alt TEXT (--event EVENT_ID | --section NAME)` copies the image beside
the post-mortems (see pmtui.store.attachments) and records it; `--list` shows what is attached,
`--remove ATTACHMENT_ID` takes one away. Only argparse is imported at module level: `pmtui
--help` must stay light.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pmtui.limits import MAX_ATTACHMENT_BYTES, size_text

if TYPE_CHECKING:
    from pmtui.model.postmortem import Attachment, PostMortem


def add_attach_command(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add `attach` through parser.py's `command` helper (which adds --db and --demo)."""
    sub = command("attach", "attach a graph or screenshot (PNG, JPEG, SVG) to an event or section")
    sub.add_argument("id", metavar="ID", help="post-mortem id (a unique prefix is enough)")
    sub.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        help=f"the image, up to {size_text(MAX_ATTACHMENT_BYTES)}; its content decides its kind",
    )
    sub.add_argument(
        "--alt",
        metavar="TEXT",
        help="what the image shows, for readers who "
        "cannot see it (required; asked for when missing and run in a terminal)",
    )
    where = sub.add_mutually_exclusive_group()
    where.add_argument("--event", metavar="EVENT_ID", help="the timeline event it belongs to")
    where.add_argument("--section", metavar="NAME", help="the section it belongs to, e.g. impact")
    what = sub.add_mutually_exclusive_group()
    what.add_argument("--list", action="store_true", help="list the post-mortem's attachments")
    what.add_argument("--remove", metavar="ATTACHMENT_ID", help="remove one attachment")
    sub.add_argument("--json", action="store_true", help="with --list: a JSON array for scripts")


def cmd_attach(args: argparse.Namespace) -> int:
    from pmtui.cli.commands import open_service
    from pmtui.cli.main import EXIT_OK, CommandError

    if args.list or args.remove:
        if args.file or args.alt or args.event or args.section:
            raise CommandError("--list and --remove take only the post-mortem id")
    elif not args.file:
        raise CommandError("give the image FILE to attach (or --list, or --remove ID)")
    elif not (args.event or args.section):
        raise CommandError("say where it belongs: --event EVENT_ID or --section NAME")
    if args.list:
        with open_service(args, write=False) as service:
            pm = service.get(args.id)
            folder = service.attachments_folder()
        _print_list(pm, folder, as_json=args.json)
        return EXIT_OK
    alt = args.alt if args.alt is not None or args.remove else _ask_alt()
    with open_service(args, write=True) as service:
        pm = service.get(args.id)
        if args.remove:
            try:
                _, removed = service.detach(pm, args.remove)
            except KeyError:
                raise CommandError(
                    f"post-mortem {pm.id} has no attachment {args.remove!r} "
                    "(see: pmtui attach ID --list)"
                ) from None
            print(f"removed {removed.id} ({removed.alt})")
            return EXIT_OK
        try:
            _, added = service.attach(
                pm,
                Path(args.file).expanduser(),
                alt,
                event_id=args.event or "",
                section=args.section or "",
                shown=args.file,
            )
        except KeyError:
            raise CommandError(f"post-mortem {pm.id} has no event {args.event!r}") from None
        path = service.attachments_folder() / added.file_name
    print(f"{added.id}  {path}")
    return EXIT_OK


def _ask_alt() -> str:
    from pmtui.cli.main import CommandError

    if not sys.stdin.isatty():
        raise CommandError("--alt TEXT is required: say what the image shows")
    try:
        return input("Alt text (what the image shows): ")
    except EOFError:
        return ""


def _print_list(pm: PostMortem, folder: Path, *, as_json: bool) -> None:
    if as_json:
        import orjson

        from pmtui.model.codec import attachment_to_dict

        rows = [
            {**attachment_to_dict(a), "path": str(folder / a.file_name)} for a in pm.attachments
        ]
        sys.stdout.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n")
        return
    if not pm.attachments:
        print(f"post-mortem {pm.id} has no attachments")
        return
    for attachment in pm.attachments:
        print(
            f"{attachment.id}  {_place(pm, attachment)}  {attachment.file_name}  {attachment.alt}"
        )


def _place(pm: PostMortem, attachment: Attachment) -> str:
    if attachment.section:
        return f"section {attachment.section}"
    return f"event {attachment.event_id}"
