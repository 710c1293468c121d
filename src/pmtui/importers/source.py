"""Provides Input: one evidence file, folder or byte string, read once and checked plainly.

Reading refuses what no importer can use (missing, empty, binary, compressed, too big) with a
sentence naming the input, so every format reader can assume text or parsed JSON.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import orjson

from pmtui.importers.base import MAX_BYTES, Collector, ImporterError
from pmtui.limits import size_over, size_text
from pmtui.regularfile import NotRegularFile, read_regular

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_BOM = b"\xef\xbb\xbf"
_SPACE = re.compile(r"\s*")


@dataclass
class JsonDocuments:
    """The JSON values of an input: one document, or one per line (JSON Lines)."""

    values: list[tuple[str, object]]  # (where, value); where is "" for a whole document
    rejected: list[tuple[str, str]] = field(default_factory=list)  # unreadable lines
    lines: bool = False


@dataclass
class Input:
    """An input to import. `data` is None for a folder (a Slack export unpacked)."""

    name: str
    data: bytes | None = None
    path: Path | None = None

    @property
    def is_folder(self) -> bool:
        return self.data is None

    @property
    def is_zip(self) -> bool:
        return self.data is not None and self.data[:4] in ZIP_MAGIC

    @cached_property
    def text(self) -> str:
        """The contents as text; refuses empty, binary, compressed and non-UTF-8 input."""
        if self.data is None:
            raise ImporterError(f"{self.name} is a folder; only a Slack export can be a folder")
        data = self.data
        if data.startswith(_BOM):
            data = data[len(_BOM) :]
        if not data or data.isspace():
            raise ImporterError(f"{self.name} is empty")
        if data[:2] == b"\x1f\x8b":
            raise ImporterError(f"{self.name} is gzip-compressed; unpack it first (gunzip)")
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise ImporterError(f"{self.name} is UTF-16 text; save it as UTF-8 and try again")
        if self.is_zip:
            raise ImporterError(f"{self.name} is a zip file; only a Slack export can be a zip")
        if b"\x00" in data:
            raise ImporterError(f"{self.name} is a binary file, not text evidence")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ImporterError(
                f"{self.name} is not UTF-8 text (byte {error.start}); binary, or another encoding?"
            ) from None

    @cached_property
    def looks_like_json(self) -> bool:
        start = _SPACE.match(self.text)
        first = self.text[start.end() : start.end() + 1] if start else ""
        return first in ("{", "[")  # found without copying a 44 MB text to lstrip it

    @cached_property
    def documents(self) -> JsonDocuments:
        """The input's JSON: a whole document, else JSON Lines; bad lines become rejections."""
        _ = self.text  # refuses empty, binary and non-UTF-8 input with a clear message
        raw = (self.data or b"").removeprefix(_BOM)
        try:
            return JsonDocuments([("", orjson.loads(raw))])
        except orjson.JSONDecodeError as error:
            whole_error = error
        lines = [
            (n, line) for n, line in enumerate(raw.split(b"\n"), 1) if line and not line.isspace()
        ]
        if len(lines) > 1:
            try:
                orjson.loads(lines[0][1])
            except orjson.JSONDecodeError:
                pass
            else:
                return _json_lines(lines)
        raise ImporterError(f"{self.name} is not valid JSON ({_json_problem(whole_error, raw)})")


def json_values(inp: Input, collector: Collector) -> list[tuple[str, object]]:
    """The input's JSON values, (where, value) each; a JSON Lines line that is not JSON is
    rejected with its reason, so the rest of the file still imports."""
    documents = inp.documents
    for where, reason in documents.rejected:
        collector.reject(where, reason)
    return documents.values


def _json_lines(lines: list[tuple[int, bytes]]) -> JsonDocuments:
    documents = JsonDocuments([], lines=True)
    for number, line in lines:
        try:
            documents.values.append((f"line {number}", orjson.loads(line)))
        except orjson.JSONDecodeError as error:
            documents.rejected.append((f"line {number}", f"not valid JSON ({error})"))
    return documents


def _json_problem(error: orjson.JSONDecodeError, raw: bytes) -> str:
    if error.pos >= len(raw.rstrip()) - 1:
        return f"it ends too early, truncated? {error}"
    return str(error)


def open_input(source: str | os.PathLike[str] | bytes, name: str | None = None) -> Input:
    """Read a file (or note a folder) once; bytes are taken as a file's contents."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if len(data) > MAX_BYTES:
            raise _too_big(name or "the input", len(data))
        return Input(name or "the input", data)
    path = Path(source).expanduser()
    label = name or str(source)
    try:
        if path.is_dir():
            return Input(label, None, path)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _too_big(label, size)
        # A file that grows while read (a live log) is read up to the limit, never past.
        data = read_regular(path, MAX_BYTES + 1)
    except FileNotFoundError:
        raise ImporterError(f"{label}: no such file") from None
    except PermissionError:
        raise ImporterError(f"{label}: permission denied") from None
    except NotRegularFile as error:
        raise ImporterError(f"{label}: {error.strerror}") from None
    except OSError as error:
        raise ImporterError(f"{label}: cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise _too_big(label, None)  # it grew while read: its size is not known
    return Input(label, data, path)


def _too_big(name: str, size: int | None) -> ImporterError:
    return ImporterError(
        f"{name} {size_over(size, MAX_BYTES)}; pmtui reads evidence up to {size_text(MAX_BYTES)}: "
        "cut it down to the incident's hours first"
    )
