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
    from pmtui.export.files import write_document
    from pmtui.regularfile import NotRegularFile

    target = Path(file).expanduser()
    # Nothing is lost: an edited copy is somebody's work.
    if target.exists() and not force:
        raise CommandError(f"{file} exists; choose another file, or replace it with --force")
    if target.is_dir():
        raise CommandError(f"{file} is a folder; give a file name")
    try:
        write_document(target, source)
    except NotRegularFile as error:
        raise CommandError(f"{file} {error.strerror}; give a file name") from None
    except OSError as error:
        raise CommandError(f"cannot write {file}: {error.strerror or error}") from None
    print(f"wrote the {name} template to {file}; render it with: pmtui export ID --template {file}")


def read_template(file: str) -> str:
    """The text of the template file `file` (UTF-8, at most MAX_TEMPLATE_BYTES)."""
    from pmtui.regularfile import NotRegularFile, read_regular

    try:
        raw = read_regular(Path(file).expanduser(), MAX_TEMPLATE_BYTES + 1)
    except FileNotFoundError:
        raise CommandError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{file}: is a folder, not a template file") from None
    except NotRegularFile as error:
        raise CommandError(f"{file}: {error.strerror}") from None
    except OSError as error:
        raise CommandError(f"{file}: {error.strerror or error}") from None
    if len(raw) > MAX_TEMPLATE_BYTES:
        raise CommandError(f"{file}: larger than {size_text(MAX_TEMPLATE_BYTES)}; not a template")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CommandError(f"{file}: not a template (it is not UTF-8 text)") from None
