"""Provides the team commands: `init` a team folder, `convert` between a file and a folder,
and `set` one field of a post-mortem from the command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pmtui.cli.main import EXIT_OK, CommandError

if TYPE_CHECKING:
    import subprocess

    from pmtui.model.postmortem import PostMortem

#: The fields `pmtui set` changes, through the same validation as the workspace.
HEADER_FIELDS = (
    "title",
    "severity",
    "status",
    "owner",
    "attendees",
    "services",
    "incident_date",
    "timezone",
    "customer_title",
    "customer_impact_start",
    "customer_impact_end",
)
#: `pmtui set ID repeat_of OTHER` links ID as a repeat of the post-mortem OTHER; the
#: related incidents are set whole, one a line ("Repeat of:" first for a repeat).
REPEAT_OF = "repeat_of"
LINK_FIELDS = ("related_incidents", REPEAT_OF)
DRIVER_NAME = "pmtui post-mortem merge"


def merge_driver_command() -> str:
    """Git runs this through a shell: the running interpreter's absolute path, quoted, so a
    virtualenv that is not on PATH works too."""
    import shlex

    return f"{shlex.quote(sys.executable)} -m pmtui merge-driver %O %A %B %P"


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    import subprocess

    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, timeout=60, check=False
    )


def register_merge_driver(folder: Path) -> tuple[list[str], list[str]]:
    """Register `pmtui merge-driver` in the git repository holding `folder`, if there is one.

    Returns what was changed and what was skipped, one line each (both empty when the
    driver is registered already)."""
    import subprocess

    try:
        top = _git(folder, "rev-parse", "--show-toplevel")
    except FileNotFoundError:
        return [], ["git is not installed: merge driver not registered (run pmtui init later)"]
    except (OSError, subprocess.TimeoutExpired) as error:
        return [], [f"git did not answer ({error}): merge driver not registered"]
    if top.returncode != 0:
        return [], [
            "not inside a git work tree: merge driver not registered "
            "(run pmtui init again after git init)"
        ]
    repository = top.stdout.strip()
    changed: list[str] = []
    skipped: list[str] = []
    wanted = (("merge.pmtui.name", DRIVER_NAME), ("merge.pmtui.driver", merge_driver_command()))
    for key, value in wanted:
        current = _git(folder, "config", "--local", "--get", key)
        if current.returncode == 0:
            if key == "merge.pmtui.driver" and current.stdout.strip() != value:
                # Someone set their own (a wrapper, another install): theirs to change.
                skipped.append(f"git config {key} is {current.stdout.strip()!r}; left as it is")
            continue
        setting = _git(folder, "config", "--local", key, value)
        if setting.returncode != 0:
            raise CommandError(f"git config {key} failed: {setting.stderr.strip()}")
        changed.append(f"git config {key} = {value} (in {repository})")
    return changed, skipped


def missing_driver_warning(folder: Path) -> str | None:
    """One warning line when `folder` sits in a git work tree whose config lacks pmtui's
    merge driver (a clone made after `pmtui init` ran elsewhere): a merge of two edits to
    one post-mortem would then leave conflict markers in it. None otherwise."""
    import subprocess

    # Only a work tree pays for asking git: walk up for its .git entry first.
    if not any((parent / ".git").exists() for parent in (folder, *folder.parents)):
        return None
    try:
        found = _git(folder, "config", "--get", "merge.pmtui.driver")
    except (OSError, subprocess.TimeoutExpired):
        return None
    if found.returncode == 0 and found.stdout.strip():
        return None
    return (
        f"pmtui: warning: this git clone has no merge driver for post-mortems, so merging two "
        f"edits of one post-mortem would leave conflict markers; run once: pmtui init {folder}"
    )


def cmd_init(args: argparse.Namespace) -> int:
    from pmtui.store.team_init import make_team_folder

    folder = Path(args.folder).expanduser().absolute()
    changed = make_team_folder(folder, markdown=args.markdown)
    registered, skipped = register_merge_driver(folder)
    for line in (*changed, *registered, *skipped):
        print(line)
    if not changed and not registered:
        print(f"{folder} is a team folder already: nothing to do")
    return EXIT_OK


def cmd_convert(args: argparse.Namespace) -> int:
    import shlex

    from pmtui.cli.commands import open_service
    from pmtui.model.format_version import is_newer, written_by_newer
    from pmtui.store.layout import read_settings

    target = Path(args.to).expanduser().absolute()
    with open_service(args, write=False) as service:
        source = service.store.path
        from_folder = source.is_dir()
        # From a folder, an existing folder as --to asks for a folder copy; else a new file.
        to_folder = not from_folder or _real_dir(target)
        _check_target(target, folder=to_folder)
        if not to_folder and args.markdown:
            raise CommandError(
                "--markdown is for a team folder; --to names a new database file "
                "(to copy into a new team folder, make an empty folder there first)"
            )
        # A folder's Markdown copies go on in its copy: the team reads them there too.
        markdown = args.markdown or (from_folder and read_settings(source).markdown)
        postmortems = [service.store.load(pm_id) for pm_id in service.store.ids()]
        for pm in postmortems:
            # Before the first copy is written: a copy would lose what a newer pmtui added.
            if is_newer(pm.format_minor):
                raise CommandError(
                    f"post-mortem {pm.id} was {written_by_newer(pm.format_minor)}: a copy "
                    "would lose what this pmtui does not know; nothing was copied"
                )
    if to_folder:
        markdown = _to_folder(target, postmortems, markdown=markdown)
    else:
        _to_file(target, postmortems)
    kind = "team folder" if to_folder else "database file"
    if to_folder and markdown:
        kind += " (with Markdown copies)"
    print(f"copied {len(postmortems)} post-mortems from {source} to the {kind} {target}")
    _copy_attachment_files(source, target, postmortems)
    print(f"{source} is unchanged; pmtui --db {shlex.quote(str(target))} uses the copy")
    return EXIT_OK


def _copy_attachment_files(source: Path, target: Path, postmortems: list[PostMortem]) -> None:
    """The attached graphs go along: without them the copy's records would name files it
    does not have. A file already missing at the source stays missing (`check` names it)."""
    from pmtui.store.attachments import attachments_folder, copy_attachments

    held = tuple(attachment for pm in postmortems for attachment in pm.attachments)
    if not held:
        return
    wanted = len({attachment.file_name for attachment in held})
    copied = copy_attachments(attachments_folder(source), held, attachments_folder(target))
    missing = f" ({wanted - copied} missing at the source)" if copied < wanted else ""
    print(f"copied {copied} attachment files{missing}")


def _real_dir(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _check_target(target: Path, *, folder: bool) -> None:
    """Convert never writes over anything: a new path, or for a folder an empty one or a team
    folder `pmtui init` made that holds no post-mortem yet."""
    from pmtui.store.layout import POSTMORTEMS, is_team_folder

    if not os.path.lexists(target):
        if not target.parent.is_dir():
            raise CommandError(f"{target.parent}: no such folder")
        return
    if folder and _real_dir(target):
        if not any(target.iterdir()):
            return
        held = target / POSTMORTEMS
        if is_team_folder(target) and (not held.exists() or not any(held.iterdir())):
            return
    raise CommandError(
        f"{target} exists; convert writes only a new file, an empty folder or a team folder "
        "without post-mortems"
    )


def _to_folder(target: Path, postmortems: list[PostMortem], *, markdown: bool) -> bool:
    """Copy into the team folder `target`; whether it keeps Markdown copies (a folder made
    with `init --markdown` keeps its setting)."""
    from pmtui.store.folder import FolderStore
    from pmtui.store.layout import check_id
    from pmtui.store.team_init import make_team_folder

    for pm in postmortems:
        check_id(pm.id)  # every id checked before the first file is written
    make_team_folder(target, markdown=markdown)
    registered, skipped = register_merge_driver(target)
    for line in (*registered, *skipped):
        print(line)
    with FolderStore.open(target) as store:
        for pm in postmortems:
            store.create(pm)
        return store.settings.markdown


def _to_file(target: Path, postmortems: list[PostMortem]) -> None:
    from pmtui.store.database import PostMortemStore

    with PostMortemStore.open(target) as store:
        for pm in postmortems:
            store.create(pm)


def cmd_set(args: argparse.Namespace) -> int:
    from pmtui.cli.commands import open_service, read_text_input
    from pmtui.model.postmortem import SECTION_KEYS

    fields = (*HEADER_FIELDS, *SECTION_KEYS, *LINK_FIELDS)
    if args.field not in fields:
        raise CommandError(
            f"{args.field!r} is not a field pmtui set changes; fields: {', '.join(fields)}"
        )
    value = read_text_input(args.value)
    with open_service(args, write=True) as service:
        pm = service.get(args.id)
        if args.field == REPEAT_OF:
            new = service.mark_repeat(pm, value.strip())
        else:
            new = service.update(pm, **{args.field: value})
    print(f"{pm.id}: {args.field} {'unchanged' if new is pm else 'changed'}")
    return EXIT_OK


TEAM_COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init,
    "convert": cmd_convert,
    "set": cmd_set,
}
