"""Provides `pmtui templates` (list, copy, vars) and the reading of a team's own template file
for `pmtui export ID --template FILE` (the arguments are in cli/templates_parser.py).

None of it opens a database or imports Jinja2: a template is only compiled when a
post-mortem is rendered with it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pmtui.cli.main import EXIT_OK, CommandError
from pmtui.cli.user_files import read_refusals, write_named_file
from pmtui.limits import MIB, size_text

#: A template is a page of text; anything this big is not one.
MAX_TEMPLATE_BYTES = 1 * MIB


def cmd_templates(args: argparse.Namespace) -> int:
    action = args.templates_action or "list"
    if action == "vars":
        from pmtui.export.template_docs import template_vars

        sys.stdout.write(template_vars())
    elif action == "copy":
        _copy(args.name, args.file, force=args.force)
    else:
        from pmtui.export.template_engine import BUILTIN_TEMPLATES

        width = max(map(len, BUILTIN_TEMPLATES))
        for name, purpose in BUILTIN_TEMPLATES.items():
            print(f"{name:<{width}}  {purpose}")
    return EXIT_OK


def _copy(name: str, file: str, *, force: bool) -> None:
    from pmtui.export.template_engine import builtin_source

    source = builtin_source(name)
    if file == "-":
        sys.stdout.write(source)
        return
    target = Path(file).expanduser()
    # Nothing is lost: an edited copy is somebody's work.
    if target.exists() and not force:
        raise CommandError(f"{file} exists; choose another file, or replace it with --force")
    write_named_file(target, source, file, "give a file name")
    print(f"wrote the {name} template to {file}; render it with: pmtui export ID --template {file}")


def read_template(file: str) -> str:
    """The text of the template file `file` (UTF-8, at most MAX_TEMPLATE_BYTES)."""
    from pmtui.regularfile import read_regular

    try:
        with read_refusals(file, "a template file"):
            raw = read_regular(Path(file).expanduser(), MAX_TEMPLATE_BYTES + 1)
    except OSError as error:  # what read_refusals leaves: permission denied, I/O errors
        raise CommandError(f"{file}: {error.strerror or error}") from None
    if len(raw) > MAX_TEMPLATE_BYTES:
        raise CommandError(f"{file}: larger than {size_text(MAX_TEMPLATE_BYTES)}; not a template")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CommandError(f"{file}: not a template (it is not UTF-8 text)") from None
