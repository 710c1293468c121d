"""Provides main(): parse arguments, run one command, map every failure to exit code 1."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from pmtui.cli.parser import build_parser, names_a_command

EXIT_OK = 0
EXIT_ERROR = 1


class CommandError(Exception):
    """A failure the user can act on; printed as one line, exit code 1."""


def fail(message: str) -> int:
    # Messages may quote what a user typed or a file held; see pmtui.model.text.visible.
    from pmtui.model.text import visible

    print(f"pmtui: error: {visible(message)}", file=sys.stderr)
    return EXIT_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(with_commands=names_a_command(arguments)).parse_args(arguments)
    # Deferred: pulling in TinyDB, orjson and the model is not needed for --help/--version.
    from pmtui.model.errors import ValidationError
    from pmtui.store.errors import StoreError

    try:
        if args.command == "merge-driver":
            # Git starts one driver per merged file: it skips the other commands' imports.
            from pmtui.cli.merge_driver import cmd_merge_driver

            return cmd_merge_driver(args)
        if args.command is None:
            # Not through the commands' module: it imports the model, the service and the
            # store as it loads; the TUI imports them while its start-up holds the collector.
            from pmtui.cli.workspace import cmd_workspace

            return cmd_workspace(args)  # the TUI owns the terminal and draws its own text
        from pmtui.cli import commands
        from pmtui.cli.terminal import visible_output

        with visible_output(sys.stdout, sys.stderr):
            return commands.run(args)
    except (CommandError, StoreError) as error:
        return fail(str(error))
    except ValidationError as error:
        return fail(str(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `pmtui export X | head` closing the pipe early is not an error worth a message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return fail(f"{where}{error.strerror or error}")
    except Exception as error:
        if os.environ.get("PMTUI_DEBUG"):
            raise
        return fail(f"unexpected {type(error).__name__}: {error} (set PMTUI_DEBUG=1 for details)")


if __name__ == "__main__":
    sys.exit(main())
