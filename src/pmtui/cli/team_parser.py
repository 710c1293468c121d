"""Provides the argparse definition of the team commands: init, convert and set."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def add_team_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    init = command("init", "make FOLDER a team folder: one file per post-mortem, merged by git")
    init.add_argument(
        "folder", metavar="FOLDER", help="new or existing folder (a repo root is fine)"
    )
    init.add_argument(
        "--markdown",
        action="store_true",
        help="also keep postmortems/<id>.md, the full Markdown, rewritten on every save",
    )

    convert = command(
        "convert",
        "copy every post-mortem of --db into a new team folder (from a file) "
        "or a new database file (from a team folder)",
    )
    convert.add_argument(
        "--to",
        required=True,
        metavar="PATH",
        help="the new folder or file; it must not exist yet (an empty folder is fine)",
    )
    convert.add_argument(
        "--markdown", action="store_true", help="for a new team folder: as `init --markdown`"
    )

    set_field = command("set", "change one header field or narrative section of a post-mortem")
    set_field.add_argument("id", metavar="ID", help="post-mortem id (a unique prefix is enough)")
    set_field.add_argument(
        "field",
        metavar="FIELD",
        help="title, severity, status, owner, summary, related_incidents, repeat_of (an id), "
        "... (see README)",
    )
    set_field.add_argument(
        "value", metavar="VALUE", help="the new value; '-' reads it from stdin (multi-line text)"
    )
