"""Provides the attachment files: graphs and screenshots stored beside the post-mortems.

A file is stored once under the SHA-256 of its bytes, `<sha256>.<ext>`, in `<db>.attachments/`
beside a single database file or in `attachments/` inside a team folder (committed to git with
the post-mortems). The user's file name never becomes a path, so a name like `../../x` or a
link cannot send a write anywhere else; the kind comes from the file's first bytes, never its
name.

SVG: an SVG is XML that can carry scripts. pmtui stores it as it is but only ever shows it as
an image (Markdown `![alt](...)`, an HTML `<img>` with a data: URI), which browsers never let
run scripts or load anything; pmtui never inlines one into a page.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pmtui.atomicfile import replace_file
from pmtui.limits import MAX_ATTACHMENT_BYTES, size_over, size_text
from pmtui.model.postmortem import Attachment
from pmtui.regularfile import refuse_special

#: The folder inside a team folder.
TEAM_FOLDER_NAME = "attachments"
#: The media type of each kind, for data: URIs.
MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg", "svg": "image/svg+xml"}

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_UTF8_BOM = b"\xef\xbb\xbf"
# What an SVG file may open with before its <svg> root element.
_SVG_PROLOGUE = (b"<?xml", b"<!--", b"<!doctype svg", b"<svg")
# How far into the file the <svg> root is looked for (a long licence comment comes first).
_SVG_HEAD = 8192
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


class AttachmentRefused(ValueError):
    """A file that cannot be attached; the message names it and says why, for a person."""


@dataclass(frozen=True, slots=True)
class StoredFile:
    sha256: str
    ext: str
    size: int


def attachments_folder(store_path: Path) -> Path:
    """Where the attachments of the database file or team folder at `store_path` live."""
    from pmtui.store.layout import is_team_folder

    if is_team_folder(store_path):
        return store_path / TEAM_FOLDER_NAME
    return store_path.with_name(f"{store_path.name}.attachments")


def sniff_kind(data: bytes) -> str | None:
    """'png', 'jpg' or 'svg' from the file's own bytes, or None for anything else."""
    if data.startswith(_PNG):
        return "png"
    if data.startswith(_JPEG):
        return "jpg"
    head = data[:_SVG_HEAD].removeprefix(_UTF8_BOM).lstrip().lower()
    if head.startswith(_SVG_PROLOGUE) and b"<svg" in head:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "svg"
    return None


def read_image(path: Path, shown: str | None = None) -> tuple[bytes, str]:
    """The bytes and kind of the image file at `path`; AttachmentRefused (naming `shown`, the
    name the user gave) for a link, a special file, a file too large or not an image."""
    name = shown or str(path)
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        raise AttachmentRefused(f"{name}: no such file") from None
    except OSError as error:  # a name too long, a folder on the way that may not be entered
        raise AttachmentRefused(f"{name}: {error.strerror or error}") from None
    except ValueError:  # a NUL pasted into the name: no file system takes it
        raise AttachmentRefused(f"{name!r} cannot be a file name") from None
    if stat.S_ISLNK(status.st_mode):
        # A link may point anywhere (~/.ssh/id_rsa.png): attach the file itself, knowingly.
        raise AttachmentRefused(f"{name} is a symbolic link; attach the file it points to")
    try:
        refuse_special(name, status)
        fd = os.open(path, os.O_RDONLY | _NO_FOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise AttachmentRefused(f"{name}: {error.strerror or error}") from None
    with open(fd, "rb", closefd=True) as handle:
        try:
            opened = os.fstat(fd)
            refuse_special(name, opened)  # swapped for a pipe since the lstat
        except OSError as error:
            raise AttachmentRefused(f"{name} {error.strerror}") from None
        os.set_blocking(fd, True)
        data = handle.read(MAX_ATTACHMENT_BYTES + 1)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AttachmentRefused(
            f"{name} {size_over(opened.st_size, MAX_ATTACHMENT_BYTES)}; "
            f"pmtui attaches files up to {size_text(MAX_ATTACHMENT_BYTES)}"
        )
    kind = sniff_kind(data)
    if kind is None:
        raise AttachmentRefused(
            f"{name} is not a PNG, JPEG or SVG image (pmtui reads the file's content, not its name)"
        )
    return data, kind


def store_attachment(folder: Path, source: Path, shown: str | None = None) -> StoredFile:
    """Copy the image at `source` into `folder` as `<sha256>.<ext>`, crash-safely; a file
    already there under that name holds the same bytes and is kept."""
    data, kind = read_image(source, shown)
    digest = hashlib.sha256(data).hexdigest()
    _make_folder(folder)
    target = folder / f"{digest}.{kind}"
    try:
        status: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISREG(status.st_mode) and status.st_size == len(data):
        return StoredFile(digest, kind, len(data))
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise AttachmentRefused(f"{target} is not a regular file; remove it and attach again")
    temp = folder / f".{target.name}.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    replace_file(target, data, temp, new_file_mode=0o644)
    return StoredFile(digest, kind, len(data))


def _make_folder(folder: Path) -> None:
    try:
        status = os.lstat(folder)
    except FileNotFoundError:
        folder.mkdir(mode=0o755)
        return
    if not stat.S_ISDIR(status.st_mode):
        # A link here could send every attachment into a folder of someone else's choosing.
        raise AttachmentRefused(f"{folder} is not a folder (a symlink or a file); move it away")


def attachment_path(folder: Path, attachment: Attachment) -> Path:
    return folder / attachment.file_name


def file_problem(folder: Path, attachment: Attachment) -> str:
    """Why the file of `attachment` cannot be shown ('' when it can): missing, a link, not
    a regular file. The hash is not read again here: that would read every image on every
    check; `attachment_data_uri` checks it when the bytes are used."""
    return _path_problem(attachment_path(folder, attachment))


def _path_problem(path: Path) -> str:
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return f"{path} is missing"
    except OSError as error:
        return f"{path} cannot be read ({error.strerror or error})"
    if not stat.S_ISREG(status.st_mode):
        return f"{path} is not a regular file"
    return ""


def read_attachment(folder: Path, attachment: Attachment) -> bytes:
    """The bytes of a stored attachment, checked against its hash; OSError when it cannot be
    read or was changed since it was attached."""
    path = attachment_path(folder, attachment)
    data, kind = read_image(path)
    if kind != attachment.ext or hashlib.sha256(data).hexdigest() != attachment.sha256:
        # Someone changed the file in place: its name no longer says what it holds.
        raise OSError(errno.EINVAL, "does not hold the file that was attached", str(path))
    return data


def attachment_data_uri(path: Path) -> str:
    """The image file at `path` (a stored attachment, never followed through a link) as a
    `data:` URI for an HTML page's <img>: base64 of the bytes, with the media type the
    bytes show (not the name's). AttachmentRefused when it is not such an image."""
    data, kind = read_image(path)
    return data_uri(data, kind)


def data_uri(data: bytes, kind: str) -> str:
    """`data:<media type>;base64,...` for image bytes of the kind `kind` ('png', ...)."""
    encoded = base64.b64encode(data).decode("ascii")
    return f"data:{MEDIA_TYPES[kind]};base64,{encoded}"


def copy_attachments(folder: Path, attachments: tuple[Attachment, ...], target: Path) -> int:
    """Copy the files of `attachments` into `target` (made if missing), crash-safely, for an
    export written elsewhere; returns how many were copied. Missing ones are skipped (`pmtui
    check` names them)."""
    copied = 0
    for name in sorted({a.file_name for a in attachments}):
        source = folder / name
        if _path_problem(source):
            continue
        data, _kind = read_image(source)
        _make_folder(target)
        temp = target / f".{name}.{os.getpid()}.tmp"
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        replace_file(target / name, data, temp, new_file_mode=0o644)
        copied += 1
    return copied
