"""Provides cmd_workspace(): `pmtui` without a command opens the TUI on the chosen database.

Kept apart from the other commands: their module imports the model, the service and the
store as it loads, while the TUI imports them in pmtui.ui.launch, where start-up holds the
garbage collector until what it builds is frozen.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pmtui.cli.main import CommandError
from pmtui.paths import resolve_db_path


def cmd_workspace(args: argparse.Namespace) -> int:
    try:
        from pmtui.ui.launch import run_workspace
    except ImportError:
        raise CommandError(
            "this build has no review workspace yet; use a command (see pmtui --help)"
        ) from None
    with demo_or_nothing(args.demo) as demo_path:
        confine_to = Path(args.confine_to) if args.confine_to else None
        return run_workspace(demo_path or resolve_db_path(args.db), confine_to=confine_to)


@contextmanager
def demo_or_nothing(demo: bool) -> Iterator[Path | None]:
    """The throwaway demo database for --demo, else None (the demo's imports are not paid)."""
    if not demo:
        yield None
        return
    from pmtui.cli.demo import demo_database

    with demo_database() as path:
        yield path
