"""Provides `pmtui serve`: the review workspace in a browser tab, through textual-serve, for
people who screen-share a browser window. Loopback only unless --host says otherwise."""

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
    it works from a virtualenv that is not on PATH."""
    return f"{shlex.quote(sys.executable)} -m pmtui --db {shlex.quote(str(db))}"


def cmd_serve(args: argparse.Namespace) -> int:
    from pmtui.cli.demo import demo_database
    from pmtui.cli.main import EXIT_OK, CommandError
    from pmtui.paths import resolve_db_path

    try:
        from textual_serve.server import Server
    except ImportError:
        raise CommandError(
            "serve needs textual-serve: pip install 'textual-serve>=1.1,<2'"
        ) from None
    demo: AbstractContextManager[Path | None] = demo_database() if args.demo else nullcontext()
    with demo as demo_path:
        db = (demo_path or resolve_db_path(args.db)).resolve()
        server = Server(workspace_command(db), host=args.host, port=args.port, title="pmtui")
        if args.host not in {"127.0.0.1", "localhost", "::1"}:
            print(
                f"pmtui: {args.host} is reachable from other machines; anyone who opens the "
                "URL can read and edit these post-mortems.",
                file=sys.stderr,
            )
        print(f"pmtui: serving {db} at {server.public_url}/ (ctrl+c stops)", flush=True)
        try:
            server.serve()
        except OSError as error:
            raise CommandError(
                f"cannot listen on {args.host}:{args.port}: {error.strerror or error}"
            ) from None
    return EXIT_OK
