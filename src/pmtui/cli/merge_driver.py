"""Provides `pmtui merge-driver BASE OURS THEIRS PATH`: git's merge driver for `.pmtui` files
and the Markdown copies beside them (`init --markdown`).

Git's contract: the merged file is written over OURS (git's %A) and exit 0 means "merged".
Every readable pair of versions merges (a clash becomes a merge conflict recorded in the
post-mortem, never conflict markers in the file); an unreadable version gets one error line
naming PATH, exit 1, and OURS is left as it was, so git reports a conflict and loses nothing.

A Markdown copy is not merged line by line: it is the merged post-mortem rendered again.
Git merges a folder's paths in reverse order, so `<id>.pmtui` is merged just before
`<id>.md`; the first leaves the rendering in the repository's git folder and the second
takes it. Without one (the post-mortem itself did not need merging) OURS stays, and the
next save rewrites the copy: never conflict markers.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmtui.limits import MAX_INPUT_BYTES, size_text

if TYPE_CHECKING:
    from pmtui.model.postmortem import PostMortem


def add_merge_driver_command(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    sub = command(
        "merge-driver",
        "git's merge driver for team folder files: merge two versions of one post-mortem into OURS",
    )
    sub.add_argument("base", metavar="BASE", help="the common ancestor (%%O; empty: none)")
    sub.add_argument("ours", metavar="OURS", help="our version; the result is written here (%%A)")
    sub.add_argument("theirs", metavar="THEIRS", help="their version (%%B)")
    sub.add_argument("path", metavar="PATH", help="the file's path in the repository (%%P)")


def shown_name(name: str) -> str:
    """A path as one line of an error message: every unprintable character (a line break
    too) as a visible escape, so a crafted name cannot add lines or colour the terminal."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in name)


def _read(file: str, label: Path) -> bytes:
    # The parser imports this module, and main imports the parser: main's names on use.
    from pmtui.cli.main import CommandError
    from pmtui.regularfile import NotRegularFile, read_regular

    try:
        if Path(file).stat().st_size > MAX_INPUT_BYTES:  # refused before a byte is read
            raise CommandError(f"{label} is larger than {size_text(MAX_INPUT_BYTES)}")
        raw = read_regular(Path(file), MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise CommandError(f"{label}: {shown_name(file)} does not exist") from None
    except IsADirectoryError:
        raise CommandError(f"{label}: {shown_name(file)} is a folder, not a file") from None
    except NotRegularFile as error:
        raise CommandError(f"{label}: {shown_name(file)} {error.strerror}") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise CommandError(f"{label} is larger than {size_text(MAX_INPUT_BYTES)}")
    return raw


def _document(raw: bytes, label: Path) -> dict[str, Any]:
    """The pmtui/1 document a version holds, checked as a store checks a file it opens.

    Read straight from the file's records, without building the model (which the merge does
    not need): a 10,000-event version reads in a third of the time.
    """
    from pmtui.store import pmfile, schema

    tables = pmfile.checked_tables(raw, label)
    document = dict(tables[schema.POSTMORTEMS][1])
    for part, table in (
        ("timeline", schema.EVENTS),
        ("whys", schema.WHYS),
        ("action_items", schema.ACTIONS),
    ):
        document[part] = [
            {key: value for key, value in item.items() if key != "pm"}
            for item in tables[table].values()
        ]
    return document


def _refuse_newer(path: str, **versions: dict[str, Any] | None) -> None:
    """Refuse when a version was written by a newer pmtui: the merge would drop what it
    added. OURS stays as it was, so git reports a conflict and that pmtui can merge it."""
    from pmtui.cli.main import CommandError
    from pmtui.model.format_version import is_newer, minor_of, written_by_newer

    for side, document in versions.items():
        minor = minor_of(document.get("format_minor")) if document is not None else 0
        if minor is not None and is_newer(minor):
            raise CommandError(
                f"{path} ({side}): {written_by_newer(minor)}; not merged, so nothing it "
                "holds is lost: merge it with that pmtui (git leaves the file conflicted)"
            )


def _postmortem(merged: dict[str, Any], path: str) -> PostMortem:
    """The merged post-mortem; every value came from a checked version, so the store's fast
    reader builds it, and only what a merge itself can break is checked again."""
    from pmtui.cli.main import CommandError
    from pmtui.model.errors import ValidationError
    from pmtui.model.timeline_size import check_room
    from pmtui.store import records

    lists = ("timeline", "whys", "action_items")
    header = {key: value for key, value in merged.items() if key not in lists}
    try:
        check_room(0, len(merged["timeline"]), "the merged post-mortem")
        return records.postmortem_from_records(
            header, merged["timeline"], merged["whys"], merged["action_items"]
        )
    except ValidationError as error:
        raise CommandError(f"{path}: {error}") from None
    except (KeyError, ValueError, TypeError) as error:
        raise CommandError(f"{path}: the merged post-mortem is not valid ({error!r})") from None


def _rendering_of(markdown_path: str) -> Path | None:
    """Where the merge of `markdown_path`'s post-mortem leaves its Markdown for it: in the
    repository's git folder (never in the work tree, so nothing stray gets committed)."""
    git_dir = os.environ.get("GIT_DIR")
    if not git_dir:
        try:
            found = subprocess.run(
                ["git", "rev-parse", "--git-dir"], capture_output=True, text=True, timeout=30
            )
        except (OSError, subprocess.SubprocessError):
            return None
        if found.returncode != 0:
            return None
        git_dir = found.stdout.strip()
    name = hashlib.sha256(markdown_path.encode("utf-8", "surrogateescape")).hexdigest()
    return Path(git_dir) / "pmtui-merge" / f"{name}.md"


def _leave_rendering(pm: PostMortem, post_mortem_path: str) -> None:
    """Render the merged post-mortem for its Markdown copy, when the folder keeps one."""
    from pmtui.atomicfile import replace_file
    from pmtui.store.folder import markdown_text
    from pmtui.store.layout import MARKDOWN_SUFFIX

    markdown_path = str(Path(post_mortem_path).with_suffix(MARKDOWN_SUFFIX))
    if not Path(markdown_path).is_file():
        return
    rendering = _rendering_of(markdown_path)
    if rendering is None:
        return
    rendering.parent.mkdir(mode=0o700, exist_ok=True)
    temp = rendering.with_name(f".{rendering.name}.{os.getpid()}.tmp")
    replace_file(rendering, markdown_text(pm).encode("utf-8"), temp, new_file_mode=0o600)


def _merge_markdown(args: argparse.Namespace) -> int:
    from pmtui.atomicfile import replace_file
    from pmtui.cli.main import EXIT_OK
    from pmtui.regularfile import write_target

    rendering = _rendering_of(args.path)
    if rendering is None or not rendering.is_file():
        return EXIT_OK  # ours stays; the next save of the post-mortem rewrites it
    target = write_target(Path(args.ours))
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    replace_file(target, rendering.read_bytes(), temp, new_file_mode=0o644)
    rendering.unlink()
    return EXIT_OK


def cmd_merge_driver(args: argparse.Namespace) -> int:
    from pmtui.atomicfile import replace_file
    from pmtui.cli.main import EXIT_OK
    from pmtui.merge.postmortem import merge_documents
    from pmtui.store import pmfile
    from pmtui.store.layout import MARKDOWN_SUFFIX

    if args.path.endswith(MARKDOWN_SUFFIX):
        return _merge_markdown(args)
    path = shown_name(args.path)
    base_raw = _read(args.base, Path(f"{path} (base version)"))
    ours_raw = _read(args.ours, Path(f"{path} (our version)"))
    theirs_raw = _read(args.theirs, Path(f"{path} (their version)"))
    # An empty base: both sides added this file; merged as two additions.
    base = _document(base_raw, Path(f"{path} (base version)")) if base_raw.strip() else None
    ours = _document(ours_raw, Path(f"{path} (our version)"))
    theirs = _document(theirs_raw, Path(f"{path} (their version)"))
    _refuse_newer(path, base=base, ours=ours, theirs=theirs)
    pm = _postmortem(merge_documents(base, ours, theirs), path)
    from pmtui.regularfile import write_target

    # A link is followed to its file, as every pmtui write does; the link itself stays.
    target = write_target(Path(args.ours))
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    replace_file(target, pmfile.dumps(pm), temp, new_file_mode=0o644)
    _leave_rendering(pm, args.path)
    return EXIT_OK
