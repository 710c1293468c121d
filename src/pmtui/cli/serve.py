"""Provides `pmtui serve`: the review workspace in a browser tab, through textual-serve, for
people who screen-share a browser window. Loopback only unless --host says otherwise; only a
browser holding the run's secret gets in (serve_guard.py), and the workspace it runs reads and
writes files only in the database's folder."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not between 1 and 65535")
    return port


def add_serve_command(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add `serve` through parser.py's `command` helper (which adds --db and --demo)."""
    sub = command("serve", "serve the review workspace to a browser (loopback by default)")
    sub.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST})"
    )
    sub.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"default: {DEFAULT_PORT}")


def workspace_command(db: Path) -> str:
    """The shell command textual-serve runs for each browser session: this same Python, so
    it works from a virtualenv that is not on PATH. A browser user may be anyone holding the
    link, not the account running pmtui: its file dialogs stay in the database's folder, or
    in the team folder itself."""
    folder = shlex.quote(str(db if db.is_dir() else db.parent))
    return (
        f"{shlex.quote(sys.executable)} -m pmtui --db {shlex.quote(str(db))} --confine-to {folder}"
    )


def cmd_serve(args: argparse.Namespace) -> int:
    from pmtui.cli.demo import demo_database
    from pmtui.cli.main import EXIT_OK, CommandError
    from pmtui.cli.serve_guard import ServeGuard, is_loopback
    from pmtui.paths import resolve_db_path

    try:
        from pmtui.cli.serve_app import GuardedServer
    except ImportError:
        raise CommandError(
            "serve needs textual-serve: pip install 'textual-serve>=1.1,<2'"
        ) from None
    demo: AbstractContextManager[Path | None] = demo_database() if args.demo else nullcontext()
    with demo as demo_path:
        db = (demo_path or resolve_db_path(args.db)).resolve()
        guard = ServeGuard.for_address(args.host, args.port)
        server = GuardedServer(workspace_command(db), guard, host=args.host, port=args.port)
        if not is_loopback(args.host):
            print(
                f"pmtui: {args.host} is reachable from other machines; anyone who gets the "
                "link can read and edit these post-mortems, and plain http shows it to the "
                "network.",
                file=sys.stderr,
            )

        def announce() -> None:
            print(f"pmtui: serving {db} at {guard.link()} (ctrl+c stops)", flush=True)

        try:
            server.serve_until_stopped(announce)
        except OSError as error:
            raise CommandError(
                f"cannot listen on {args.host}:{args.port}: {error.strerror or error}"
            ) from None
    return EXIT_OK
