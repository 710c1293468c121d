"""Provides the arguments of `pmtui templates` and of `export --template`, without importing
the commands (the parser is built on every start)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

#: The built-in templates by name (pmtui.export.template_engine.BUILTIN_TEMPLATES holds what
#: each is for; the parser must not import the export layer).
BUILTIN_NAMES = ("full", "light", "customer")


def template_argument(text: str) -> str:
    """argparse type of --template: a built-in name, or a file that exists."""
    if text in BUILTIN_NAMES or Path(text).expanduser().exists():
        return text
    raise argparse.ArgumentTypeError(
        f"{text!r} is neither a built-in template ({', '.join(BUILTIN_NAMES)}) nor a file"
    )


def add_templates_command(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    sub = command(
        "templates",
        "list the built-in Markdown templates, copy one to edit, or list what a template sees",
    )
    actions = sub.add_subparsers(dest="templates_action", metavar="ACTION")
    actions.add_parser("list", help="list the built-in templates (the default)")
    copy = actions.add_parser(
        "copy",
        help="write a built-in template to FILE; `pmtui export ID --template FILE` renders it",
    )
    copy.add_argument("name", metavar="NAME", choices=BUILTIN_NAMES, help="full, light, customer")
    copy.add_argument("file", metavar="FILE", help="where to write it ('-' prints it)")
    copy.add_argument("--force", action="store_true", help="replace FILE if it exists")
    actions.add_parser("vars", help="describe every name a template sees")
