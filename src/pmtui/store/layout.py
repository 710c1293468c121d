"""Provides the team folder's layout: its file names, its settings and the ids safe as names.

A folder is a team folder when it holds `pmtui-team.json`; each post-mortem is
`postmortems/<id>.pmtui`, so an id becomes a file name and must never name a path.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import orjson

from pmtui.regularfile import NotRegularFile, read_regular
from pmtui.store.errors import DamagedFile, StoreError

SETTINGS_NAME = "pmtui-team.json"
SETTINGS_FORMAT = "pmtui-team/1"
POSTMORTEMS = "postmortems"
CACHE = ".pmtui-cache"
MARKDOWN_SUFFIX = ".md"
#: A post-mortem's file: `<id>.pmtui` (its format is pmtui.store.pmfile's).
POSTMORTEM_SUFFIX = ".pmtui"
#: Far above any real settings file; a hostile one cannot make pmtui read gigabytes.
_SETTINGS_LIMIT = 64 * 1024

# No slash, no leading dot (temporary files and the cache start with one), no "..": an id
# from a converted file or a hand-made file name can only ever name a file in postmortems/.
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def is_safe_id(pm_id: str) -> bool:
    return _SAFE_ID.fullmatch(pm_id) is not None


def check_id(pm_id: str) -> str:
    """`pm_id`, or StoreError when it cannot be a file name in a team folder."""
    if not is_safe_id(pm_id):
        raise StoreError(
            f"post-mortem id {pm_id!r} cannot be a file name in a team folder "
            "(1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit)"
        )
    return pm_id


def is_team_folder(path: Path) -> bool:
    return path.is_dir() and os.path.lexists(path / SETTINGS_NAME)


@dataclass(frozen=True, slots=True)
class TeamSettings:
    #: Every save also writes postmortems/<id>.md, the full Markdown document.
    markdown: bool = False
    #: Where the team's exported documents are read (e.g. the repository's web view of
    #: postmortems/): tracker exports link each issue back to `<base_url>/<id>.md`.
    base_url: str = ""


def settings_bytes(settings: TeamSettings) -> bytes:
    document: dict[str, object] = {"format": SETTINGS_FORMAT, "markdown": settings.markdown}
    if settings.base_url:
        document["base_url"] = settings.base_url
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def read_settings(root: Path) -> TeamSettings:
    """The folder's settings; DamagedFile for a settings file pmtui did not write."""
    path = root / SETTINGS_NAME
    try:
        raw = read_regular(path, _SETTINGS_LIMIT + 1)
    except FileNotFoundError:
        raise DamagedFile(path, "is missing: this is not a team folder") from None
    except NotRegularFile as error:
        raise DamagedFile(path, error.strerror) from None
    except OSError as error:
        raise DamagedFile(path, f"cannot be read ({error.strerror or error})") from None
    try:
        document = orjson.loads(raw) if len(raw) <= _SETTINGS_LIMIT else None
    except orjson.JSONDecodeError:
        document = None
    if not isinstance(document, dict) or document.get("format") != SETTINGS_FORMAT:
        raise DamagedFile(path, f"is not pmtui team settings ({SETTINGS_FORMAT!r} JSON)")
    markdown = document.get("markdown", False)
    if not isinstance(markdown, bool):
        raise DamagedFile(path, 'is damaged ("markdown" must be true or false)')
    base_url = document.get("base_url", "")
    if not isinstance(base_url, str):
        raise DamagedFile(path, 'is damaged ("base_url" must be a text)')
    return TeamSettings(markdown=markdown, base_url=base_url)


def real_folder(path: Path) -> bool:
    """Whether `path` is a folder itself, not a symlink to one somewhere else (or missing)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def is_store_file(store_path: Path, target: Path) -> bool:
    """Whether writing `target` would write over what the store at `store_path` keeps: the
    database file itself, or anything in a team folder's postmortems/ (an export named
    `<id>.pmtui` there would replace a post-mortem)."""
    real = Path(os.path.realpath(target))
    root = Path(os.path.realpath(store_path))
    if real == root:
        return True
    folder = root / POSTMORTEMS
    return root.is_dir() and (real == folder or folder in real.parents)
