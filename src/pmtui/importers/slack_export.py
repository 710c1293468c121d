"""Provides the files of a Slack workspace export, from its zip or its unpacked folder.

An export holds `channels.json`, `users.json` (`org_users.json` on Enterprise Grid) and a
folder per channel with one `YYYY-MM-DD.json` per day of activity. Zips made by hand often
wrap it all in one more folder, and macOS adds `__MACOSX/`: the export's root is wherever
`channels.json` or `users.json` is, else the folder above the day files. Also accepted: one
channel's folder, or one day file, with `users.json` looked for beside its channel folder.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path, PurePosixPath

import orjson

from pmtui.importers.base import MAX_BYTES, ImporterError
from pmtui.importers.source import Input
from pmtui.limits import size_text
from pmtui.regularfile import read_regular

DAY_FILE = re.compile(r"\d{4}-\d{2}-\d{2}\.json")
META_FILES = ("channels.json", "groups.json", "mpims.json", "users.json", "org_users.json")
_SKIP_PARTS = ("__MACOSX",)


@dataclass
class ExportFiles:
    """The export's files by path relative to its root, read on demand within one budget."""

    name: str
    paths: dict[str, object] = field(default_factory=dict)  # relative path -> handle
    channels: dict[str, list[str]] = field(default_factory=dict)  # channel -> day file paths
    zip: zipfile.ZipFile | None = None
    budget: int = 0  # bytes still allowed to be read

    def read(self, path: str) -> bytes:
        handle = self.paths[path]
        try:
            if self.zip is not None and isinstance(handle, zipfile.ZipInfo):
                with self.zip.open(handle) as member:
                    data = member.read(self.budget + 1)  # the header's size may lie
            else:
                data = read_regular(Path(str(handle)), self.budget + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
            raise ImporterError(f"{self.name}: {path} cannot be unpacked ({error})") from None
        except RuntimeError as error:  # an encrypted member
            raise ImporterError(f"{self.name}: {path} cannot be read ({error})") from None
        except OSError as error:
            raise ImporterError(
                f"{self.name}: {path} cannot be read ({error.strerror or error})"
            ) from None
        self.budget -= len(data)
        if self.budget < 0:
            raise ImporterError(
                f"{self.name} holds more than {size_text(MAX_BYTES)} of messages and "
                "metadata; pick the incident's channel with --channel"
            )
        return data

    def json(self, path: str) -> object:
        """A metadata file's JSON, or None when it is absent or unreadable."""
        if path not in self.paths:
            return None
        try:
            return orjson.loads(self.read(path))
        except orjson.JSONDecodeError:
            return None


def looks_like_slack_folder(path: Path) -> bool:
    try:
        if any((path / name).is_file() for name in META_FILES):
            return True
        if any(DAY_FILE.fullmatch(p.name) for p in path.iterdir()):
            return True
        return any(
            child.is_dir() and any(DAY_FILE.fullmatch(p.name) for p in child.iterdir())
            for child in path.iterdir()
        )
    except OSError:
        return False


def open_export(inp: Input) -> ExportFiles:
    """The export behind `inp`: a zip, a folder, a channel folder or a single day file."""
    if inp.is_zip:
        return _from_zip(inp)
    if inp.path is None:
        raise ImporterError(f"{inp.name} is not a Slack export (a zip file or its folder)")
    if inp.is_folder:
        return _from_folder(inp.name, inp.path)
    return _from_day_file(inp.name, inp.path)


def _from_zip(inp: Input) -> ExportFiles:
    assert inp.data is not None
    try:
        archive = zipfile.ZipFile(BytesIO(inp.data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ImporterError(f"{inp.name} is not a readable zip file ({error})") from None
    files = {
        info.filename: info
        for info in infos
        if not info.is_dir()
        and not any(part in info.filename for part in _SKIP_PARTS)
        and _safe_member(info)
    }
    export = _arrange(inp.name, files)
    export.zip = archive
    return export


def _from_folder(name: str, root: Path) -> ExportFiles:
    if any(DAY_FILE.fullmatch(p.name) for p in _children(root)):
        # One channel's folder: its name is the channel, users.json may sit one level up, in
        # the export that holds it (so links may point anywhere in that export).
        files: dict[str, object] = {
            f"{root.name}/{p.name}": p
            for p in _children(root)
            if DAY_FILE.fullmatch(p.name) and _inside(p, root.parent)
        }
        files.update(_metas(root.parent))
        return _arrange(name, files)
    files = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in _SKIP_PARTS and _inside(Path(folder) / d, root)]
        relative = Path(folder).relative_to(root)
        if len(relative.parts) > 3:  # an export is at most a wrapper folder deep
            dirs[:] = []
            continue
        for file_name in names:
            if _inside(Path(folder) / file_name, root):
                files[(relative / file_name).as_posix()] = Path(folder) / file_name
    return _arrange(name, files)


def _from_day_file(name: str, path: Path) -> ExportFiles:
    channel_folder = path.parent
    files: dict[str, object] = {f"{channel_folder.name or 'channel'}/{path.name}": path}
    files.update(_metas(channel_folder.parent))
    export = _arrange(name, files)
    if not export.channels:  # a day file not named YYYY-MM-DD.json
        export.channels = {channel_folder.name or "channel": [next(iter(files))]}
    return export


def _metas(root: Path) -> dict[str, object]:
    return {n: root / n for n in META_FILES if (root / n).is_file() and _inside(root / n, root)}


def _inside(path: Path, root: Path) -> bool:
    """Whether `path`, symlinks followed, stays inside the export folder `root`.

    A symlink planted in an export may point at any file of the importing user's
    (~/.ssh/id_rsa as a day file): it is skipped, as unpacking a zip would never make one.
    """
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _safe_member(info: zipfile.ZipInfo) -> bool:
    """Whether a zip member is a plain file inside the export: no absolute path, no '..',
    no symlink (whose content is a path outside the export)."""
    name = info.filename.replace("\\", "/")
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return False
    if ".." in name.split("/"):
        return False
    return not stat.S_ISLNK(info.external_attr >> 16)


def _children(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_file()]
    except OSError as error:
        raise ImporterError(f"{folder} cannot be read ({error.strerror or error})") from None


def _arrange(name: str, files: Mapping[str, object]) -> ExportFiles:
    """Find the export's root among `files` and group the day files by channel."""
    metas = [p for p in files if PurePosixPath(p).name in META_FILES]
    root = min((str(PurePosixPath(p).parent) for p in metas), key=len, default=None)
    root = None if root is None else ("" if root == "." else root + "/")
    export = ExportFiles(name, budget=MAX_BYTES)
    for path, handle in files.items():
        if root and not path.startswith(root):
            continue
        relative = path[len(root or "") :]
        export.paths[relative] = handle
        parts = relative.split("/")
        if DAY_FILE.fullmatch(parts[-1]) and len(parts) >= 2 and (root is None or len(parts) == 2):
            export.channels.setdefault(parts[-2], []).append(relative)
    for day_files in export.channels.values():
        day_files.sort()
    if not export.channels and not metas:
        raise ImporterError(
            f"{name} is not a Slack export: no channels.json, users.json or channel folders "
            "of YYYY-MM-DD.json day files"
        )
    return export
