"""Provides `pmtui merge-driver BASE OURS THEIRS PATH`: git's merge driver for `.pmtui` files.

Git's contract: the merged file is written over OURS (git's %A) and exit 0 means "merged".
Every readable pair of versions merges (a clash becomes a merge conflict recorded in the
post-mortem, never conflict markers in the file); an unreadable version gets one error line
naming PATH, exit 1, and OURS is left as it was, so git reports a conflict and loses nothing.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pmtui.limits import MAX_INPUT_BYTES, size_text


def add_merge_driver_command(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    sub = command(
        "merge-driver",
        "git's merge driver for team folder files: merge two versions of one post-mortem into OURS",
    )
    sub.add_argument("base", metavar="BASE", help="the common ancestor (%%O; empty: none)")
    sub.add_argument("ours", metavar="OURS", help="our version; the result is written here (%%A)")
    sub.add_argument("theirs", metavar="THEIRS", help="their version (%%B)")
    sub.add_argument("path", metavar="PATH", help="the file's path in the repository (%%P)")


def _read(file: str, label: Path) -> bytes:
    # The parser imports this module, and main imports the parser: main's names on use.
    from pmtui.cli.main import CommandError
    from pmtui.regularfile import NotRegularFile, read_regular

    try:
        raw = read_regular(Path(file), MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise CommandError(f"{label}: {file} does not exist") from None
    except (IsADirectoryError, NotRegularFile) as error:
        raise CommandError(f"{label}: {file} {error.strerror}") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise CommandError(f"{label} is larger than {size_text(MAX_INPUT_BYTES)}")
    return raw


def _document(raw: bytes, label: Path) -> dict[str, Any]:
    from pmtui.model.codec import postmortem_to_dict
    from pmtui.store import pmfile

    return postmortem_to_dict(pmfile.loads(raw, label))


def cmd_merge_driver(args: argparse.Namespace) -> int:
    from pmtui.atomicfile import replace_file
    from pmtui.cli.main import EXIT_OK, CommandError
    from pmtui.merge.postmortem import merge_documents
    from pmtui.model.codec import postmortem_from_dict
    from pmtui.model.errors import ValidationError
    from pmtui.store import pmfile

    path = args.path
    base_raw = _read(args.base, Path(f"{path} (base version)"))
    ours_raw = _read(args.ours, Path(f"{path} (our version)"))
    theirs_raw = _read(args.theirs, Path(f"{path} (their version)"))
    # An empty base: both sides added this file; merged as two additions.
    base = _document(base_raw, Path(f"{path} (base version)")) if base_raw.strip() else None
    ours = _document(ours_raw, Path(f"{path} (our version)"))
    theirs = _document(theirs_raw, Path(f"{path} (their version)"))
    merged = merge_documents(base, ours, theirs)
    try:
        pm = postmortem_from_dict(merged, pm_id=merged.get("id"))
    except ValidationError as error:
        raise CommandError(f"{path}: the merged post-mortem is not valid ({error})") from None
    target = Path(args.ours)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    replace_file(target, pmfile.dumps(pm), temp, new_file_mode=0o644)
    return EXIT_OK
