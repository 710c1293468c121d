"""Provides the argparse definition of every pmtui command."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from pmtui import __version__
from pmtui.limits import MAX_INPUT_BYTES, size_text


def _db_path(text: str) -> str:
    # An empty --db (say, from an unset shell variable) must not fall back to the default
    # database: the user named a file, just not one that exists.
    if not text.strip():
        raise argparse.ArgumentTypeError("needs a file path, got an empty string")
    return text


def _db_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # SUPPRESS on subcommands so `pmtui --db A list` is not reset by the subparser default.
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=_db_path,
        default=default,
        help="database file or team folder (default: $PMTUI_DB, else postmortems.json in the "
        "user data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="use a throwaway copy of the bundled sample post-mortem instead of a database",
    )


#: The options of the bare `pmtui` (the workspace) that take a value.
_TOP_VALUE_OPTIONS = ("--db", "--confine-to")
_TOP_VALUE_PREFIXES = tuple(f"{option}=" for option in _TOP_VALUE_OPTIONS)


def names_a_command(arguments: Sequence[str]) -> bool:
    """Whether `arguments` hold anything beyond the workspace's own options (--db PATH,
    --demo, --confine-to FOLDER): a command, --help, --version or a mistake, which the full
    parser reads and answers."""
    waiting_value = False
    for argument in arguments:
        if waiting_value:
            waiting_value = False
        elif argument in _TOP_VALUE_OPTIONS:
            waiting_value = True
        elif argument == "--demo" or argument.startswith(
            tuple(f"{o}=" for o in _TOP_VALUE_OPTIONS)
        ):
            continue
        else:
            return True
    return waiting_value  # "--db" with no path: the full parser says what is missing


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """The parser of every command; without them, of the bare `pmtui` only, which opens the
    workspace without importing and building twenty subcommands (a tenth of its start-up
    beyond Textual's own)."""
    parser = argparse.ArgumentParser(
        prog="pmtui",
        description="Blameless incident post-mortems in the terminal. "
        "Without a command, opens the review workspace.",
    )
    parser.add_argument("--version", action="version", version=f"pmtui {__version__}")
    _db_options(parser, top=True)
    # Set by `pmtui serve` for the workspace each browser session runs; not for people.
    parser.add_argument("--confine-to", metavar="FOLDER", default=None, help=argparse.SUPPRESS)
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    return _with_commands(parser)


def _with_commands(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    from pmtui.cli.actions import add_actions_command
    from pmtui.cli.attach import add_attach_command
    from pmtui.cli.merge_driver import add_merge_driver_command
    from pmtui.cli.remind import add_remind_command
    from pmtui.cli.serve import add_serve_command
    from pmtui.cli.similar import add_similar_command
    from pmtui.cli.team_parser import add_team_commands
    from pmtui.cli.templates_parser import BUILTIN_NAMES, add_templates_command, template_argument
    from pmtui.cli.timeline import add_timeline_command

    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _db_options(sub, top=False)
        return sub

    imp = command("import", "create a post-mortem from a pmtui/1 JSON file and print its id")
    imp.add_argument(
        "file",
        metavar="FILE.json",
        help=f"interchange file ('-' reads stdin), up to {size_text(MAX_INPUT_BYTES)}",
    )

    exp = command("export", "write a post-mortem as Markdown, an HTML page or pmtui/1 JSON")
    exp.add_argument("id", metavar="ID", help="post-mortem id (a unique prefix is enough)")
    exp.add_argument(
        "--format",
        choices=("md", "html", "json"),
        default="md",
        help="md, html (one self-contained page of the same document) or json (default: md)",
    )
    exp.add_argument(
        "--template",
        metavar="NAME|FILE",
        type=template_argument,
        default="full",
        help=f"template of the md and html document: {', '.join(BUILTIN_NAMES)} (default: full), "
        "or a template file (see pmtui templates)",
    )
    exp.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")

    lst = command("list", "list the post-mortems in the database")
    lst.add_argument("--json", action="store_true", help="print a JSON array for scripts")

    chk = command("check", "point out blame, vague actions and gaps; exit 1 when there are any")
    chk.add_argument("id", metavar="ID", help="post-mortem id (a unique prefix is enough)")
    chk.add_argument("--json", action="store_true", help='print {"findings": [...]} for scripts')

    new = command("new", "create an empty post-mortem and print its id")
    new.add_argument("title", metavar="TITLE")
    new.add_argument("--severity", default="SEV3", help="SEV1..SEV5 (default: SEV3)")
    new.add_argument(
        "--timezone",
        default="",
        help="IANA zone for display (default: this machine's zone, else UTC)",
    )
    new.add_argument("--owner", default="", help="owner or facilitator")
    new.add_argument("--date", default="", help="incident date, YYYY-MM-DD (default: today)")

    delete = command("delete", "delete a post-mortem (asks first unless --yes)")
    delete.add_argument("id", metavar="ID")
    delete.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")

    add_timeline_command(command, lambda sub: _db_options(sub, top=False))
    add_attach_command(command)
    add_actions_command(command, lambda sub: _db_options(sub, top=False))
    add_remind_command(command)
    add_similar_command(command)
    add_serve_command(command)
    add_team_commands(command)
    # No --db: templates are files, not post-mortems.
    add_templates_command(lambda name, text: commands.add_parser(name, help=text, description=text))
    # No --db: git names the three files, and no database is opened.
    add_merge_driver_command(
        lambda name, text: commands.add_parser(name, help=text, description=text)
    )
    return parser
