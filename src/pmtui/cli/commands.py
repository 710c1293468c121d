"""Provides the subcommands: each opens the store, does one thing, prints the result."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson

from pmtui.cli.main import EXIT_ERROR, EXIT_OK, CommandError
from pmtui.cli.team import TEAM_COMMANDS
from pmtui.cli.user_files import read_refusals, write_named_file
from pmtui.cli.workspace import cmd_workspace, demo_or_nothing
from pmtui.gcpause import paused_gc
from pmtui.limits import MAX_INPUT_BYTES, size_over, size_text
from pmtui.localzone import local_timezone_name
from pmtui.model.codec import postmortem_from_dict
from pmtui.model.errors import ValidationError
from pmtui.model.format_version import is_newer, written_by_newer
from pmtui.model.postmortem import PostMortem
from pmtui.paths import resolve_db_path
from pmtui.regularfile import read_regular
from pmtui.service import PostMortemService
from pmtui.store import handover, open_store
from pmtui.store.layout import is_store_file


@contextmanager
def open_service(args: argparse.Namespace, *, write: bool) -> Iterator[PostMortemService]:
    """The service over the chosen file or team folder; read-only commands take no writer
    lock, so they work while a pmtui window has the file open."""
    with demo_or_nothing(args.demo) as demo_path:
        path = demo_path or resolve_db_path(args.db)
        if write and path.is_dir():
            from pmtui.cli.team import missing_driver_warning

            warning = missing_driver_warning(path.resolve())
            if warning:
                print(warning, file=sys.stderr)
        with PostMortemService(open_store(path, read_only=not write)) as service:
            yield service


def source_name(file: str) -> str:
    return "stdin" if file == "-" else file


def read_input(file: str, what: str) -> bytes:
    """The bytes of FILE ('-' reads stdin), refused in one line when it is missing, a folder
    (not `what`), not a regular file, or over the input cap."""
    name = source_name(file)
    if (_file_size(file) or 0) > MAX_INPUT_BYTES:
        raise _too_big(file)  # refused before a byte is read
    with read_refusals(name, what):
        # Bounded whatever the file is: one byte past the cap is enough to refuse it.
        if file == "-":
            raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            raw = read_regular(Path(file), MAX_INPUT_BYTES + 1)
    if len(raw) > MAX_INPUT_BYTES:
        raise _too_big(file)
    return raw


def read_document(file: str) -> object:
    name = source_name(file)
    raw = read_input(file, "a JSON file")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CommandError(f"{name}: not a JSON text file (it is not UTF-8; binary?)") from None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise CommandError(f"{name}: not valid JSON ({error})") from None


def read_text_input(value: str) -> str:
    """`value` itself, or for '-' the text on stdin (UTF-8, up to the input cap)."""
    if value != "-":
        return value
    raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    if len(raw) > MAX_INPUT_BYTES:
        raise _too_big("-")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CommandError("stdin: not UTF-8 text") from None


def _file_size(file: str) -> int | None:
    """The size a regular file says it has, or None (stdin, a device, a vanished file)."""
    try:
        return None if file == "-" else Path(file).stat().st_size or None
    except OSError:
        return None


def _too_big(file: str) -> CommandError:
    return CommandError(
        f"{source_name(file)} {size_over(_file_size(file), MAX_INPUT_BYTES)}; "
        f"pmtui imports files up to {size_text(MAX_INPUT_BYTES)}"
    )


def cmd_import(args: argparse.Namespace) -> int:
    document = read_document(args.file)
    try:
        # Read and checked before the database is opened for writing, so a bad file takes no
        # writer lock and creates no folder or lock file beside a database not yet made.
        pm = postmortem_from_dict(document)
    except ValidationError as error:
        raise CommandError(f"{source_name(args.file)}: {error}") from None
    if is_newer(pm.format_minor):
        # The store would keep only the fields this pmtui knows: refused, not trimmed.
        raise CommandError(
            f"{source_name(args.file)}: {written_by_newer(pm.format_minor)}; importing it "
            "here would lose what this pmtui does not know: upgrade pmtui to import it"
        )
    with open_service(args, write=True) as service:
        pm = service.import_postmortem(pm)
    print(pm.id)
    return EXIT_OK


def render(service: PostMortemService, pm: PostMortem, fmt: str, template: str) -> str:
    if fmt == "json":
        from pmtui.export.json_export import export_json

        return export_json(pm)
    from pmtui.export.markdown import TEMPLATES, export_markdown, export_markdown_with
    from pmtui.export.markdown_customer import CustomerVersionMissing
    from pmtui.export.template_engine import TemplateProblem

    try:
        if template in TEMPLATES:
            markdown = export_markdown(pm, template, today=service.today(pm))
        else:
            from pmtui.cli.templates import read_template

            source = read_template(template)
            markdown = export_markdown_with(pm, source, template, today=service.today(pm))
    except CustomerVersionMissing as error:
        raise CommandError(f"post-mortem {pm.id}: {error}") from None
    except TemplateProblem as problem:
        raise CommandError(str(problem)) from None
    if fmt == "html":
        from pmtui.export.html import export_html

        # The page is made from the Markdown, so it shows whatever any template writes; its
        # attached images are embedded, as a page sent by e-mail has no folder beside it.
        return export_html(markdown, images=service.embedded_images(pm))
    return markdown


def cmd_export(args: argparse.Namespace) -> int:
    # One document out from one reading: the collector's walks over it (tens of thousands of
    # objects, none cyclic) find nothing, meanwhile or at exit, where nothing else reads it.
    with paused_gc(), open_service(args, write=False) as service:
        # Read once: a team folder's store parses the file again on every load.
        pm = service.get_to_export(args.id)
        text = render(service, pm, args.format, args.template)
        database = service.store.path
        emit(args.output, text, database)
        if pm.attachments and args.format == "md" and args.output not in (None, *STDOUT_NAMES):
            # The document links attachments/<sha256>.<ext>: those files go beside it.
            target = Path(args.output).expanduser().parent / "attachments"
            try:
                service.copy_attachments(pm, target)
            except (ValueError, OSError) as error:
                raise CommandError(
                    f"the document was written, its images were not: {error}"
                ) from None
        if args.format != "json":
            # Written all the same, but said: a page exported with an image's file missing
            # (a team folder cloned without attachments/) held a dead link, and exit 0 said
            # nothing of it (mock 39c).
            for finding in service.attachment_findings(pm):
                print(
                    f"pmtui: warning: {finding.message}; the document only links to it",
                    file=sys.stderr,
                )
    handover.forget()  # left by the store as it closed
    return EXIT_OK


#: `-o` names meaning standard output: written to, never replaced by a file.
STDOUT_NAMES = ("-", "/dev/stdout")


def emit(output: str | None, text: str, database: Path) -> None:
    """Print `text`, or write it to the `-o` file `output`."""
    if not output or output in STDOUT_NAMES:
        sys.stdout.write(text)
    else:
        write_output(Path(output).expanduser(), text, database)


def write_output(target: Path, text: str, database: Path) -> None:
    """Write an export to `target`; errors name `target`, not the temporary file beside it."""
    # A folder is refused as a folder, even the team folder itself.
    if not target.is_dir() and is_store_file(database, target):
        where = (
            "inside the team folder's postmortems/" if database.is_dir() else "the database itself"
        )
        raise CommandError(f"{target} is {where}; choose another -o file")
    write_named_file(target, text, str(target), "give -o a file name")


def cmd_list(args: argparse.Namespace) -> int:
    with open_service(args, write=False) as service:
        listing = service.listing()
        path = service.store.path
    summaries = listing.summaries
    # The others are still listed; the exit code tells a script that one was not.
    for problem in listing.unreadable:
        print(f"pmtui: error: {problem}", file=sys.stderr)
    done = EXIT_ERROR if listing.unreadable else EXIT_OK
    if args.json:
        rows = [
            {
                "id": s.id,
                "title": s.title,
                "severity": s.severity.value,
                "status": s.status.value,
                "owner": s.owner,
                "incident_date": s.incident_date.isoformat() if s.incident_date else None,
                "events": s.event_count,
                "open_actions": s.open_actions,
                "overdue_actions": s.overdue_actions,
            }
            for s in summaries
        ]
        sys.stdout.write(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n")
        return done
    if not summaries:
        if not listing.unreadable:
            print(f"No post-mortems in {path}. Create one with: pmtui new TITLE", file=sys.stderr)
        return done
    # Imported samples keep long readable ids; the column grows so the others stay aligned.
    from pmtui.cli.terminal import fit, screen_columns

    screen = screen_columns()
    width = max(10, *(len(s.id) for s in summaries))
    print(f"{'ID':<{width}} {'SEV':<5} {'STATUS':<10} {'DATE':<10} {'ACTIONS':<17} TITLE")
    for s in summaries:
        day = s.incident_date.isoformat() if s.incident_date else "-"
        actions = f"{s.open_actions} open"
        if s.overdue_actions:
            # The same word as the workspace, the overview and the exports use.
            actions += f", {s.overdue_actions} overdue"
        columns = (
            f"{s.id:<{width}} {s.severity.value:<5} {s.status.value:<10} {day:<10} {actions:<17}"
        )
        print(fit(f"{columns} {s.title}", screen))
    return done


def cmd_new(args: argparse.Namespace) -> int:
    with open_service(args, write=True) as service:
        pm = service.create(
            args.title,
            severity=args.severity,
            timezone=args.timezone or local_timezone_name(),
            owner=args.owner,
            incident_date=args.date,
        )
    print(pm.id)
    return EXIT_OK


def cmd_delete(args: argparse.Namespace) -> int:
    with open_service(args, write=True) as service:
        pm = service.get(args.id)
        if not args.yes and not _confirm(
            f"Delete {pm.id} '{pm.title}' ({len(pm.events)} events, "
            f"{len(pm.actions)} action items)? [y/N] "
        ):
            print("Not deleted.", file=sys.stderr)
            return EXIT_ERROR
        service.delete(pm.id)
    print(f"Deleted {pm.id}.", file=sys.stderr)
    return EXIT_OK


def _confirm(question: str) -> bool:
    sys.stderr.write(question)
    sys.stderr.flush()
    answer = sys.stdin.readline()
    if not (answer.endswith("\n") and sys.stdin.isatty()):
        # A terminal echoes the typed answer and its Enter; piped input and end of input are
        # not echoed, so finish the prompt's line here and the next message gets its own.
        sys.stderr.write("\n")
    return answer.strip().lower() in {"y", "yes"}


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    **TEAM_COMMANDS,
    None: cmd_workspace,
    "import": cmd_import,
    "export": cmd_export,
    "list": cmd_list,
    "new": cmd_new,
    "delete": cmd_delete,
}

#: Commands kept in their own modules, imported only when run: `check` alone pays for
#: compiling the quality guides' patterns, `serve` alone for its web stack.
ELSEWHERE = {
    "check": ("pmtui.cli.check", "cmd_check"),
    "timeline": ("pmtui.cli.timeline", "cmd_timeline"),
    "attach": ("pmtui.cli.attach", "cmd_attach"),
    "actions": ("pmtui.cli.actions", "cmd_actions"),
    "similar": ("pmtui.cli.similar", "cmd_similar"),
    "remind": ("pmtui.cli.remind", "cmd_remind"),
    "serve": ("pmtui.cli.serve", "cmd_serve"),
    "templates": ("pmtui.cli.templates", "cmd_templates"),
}


def run(args: argparse.Namespace) -> int:
    if args.command in ELSEWHERE:
        from importlib import import_module

        module, name = ELSEWHERE[args.command]
        command: Callable[[argparse.Namespace], int] = getattr(import_module(module), name)
        return command(args)
    return COMMANDS[args.command](args)
