"""Provides the team folder's summary cache: one list line per file, kept in `.pmtui-cache/`.

Listing 100 post-mortems of 1,000 events each must not parse 100,000 events, so each file's
summary is kept with the file's name, size and mtime_ns; a file whose size or mtime changed
is read again. The cache is only a shortcut: a damaged, foreign or unwritable cache is ignored
and the files are read instead.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from pmtui.model.enums import ActionStatus, Severity, Status
from pmtui.model.postmortem import PostMortem
from pmtui.model.summary import PostMortemSummary
from pmtui.model.text import scrub
from pmtui.model.times import parse_iso_utc
from pmtui.regularfile import read_regular
from pmtui.store.atomic import atomic_write
from pmtui.store.layout import real_folder

CACHE_FILE = "summaries.json"
CACHE_FORMAT = "pmtui-summaries/1"
_OPEN = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
#: Far above 10,000 post-mortems' lines; a planted huge file is not read.
_LIMIT = 64 * 1024 * 1024

Entry = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Stamp:
    """What says a file is unchanged since its summary was taken."""

    size: int
    mtime_ns: int


def entry_of(pm: PostMortem) -> Entry:
    """What the list needs from `pm`; open actions keep their due dates, as "overdue"
    depends on the day the list is shown."""
    return {
        "id": pm.id,
        "title": pm.title,
        "severity": pm.severity.value,
        "status": pm.status.value,
        "owner": pm.owner,
        "incident_date": pm.incident_date.isoformat() if pm.incident_date else None,
        "updated_at": pm.updated_at.isoformat(),
        "events": len(pm.events),
        # An open action without a deadline counts as open, never as overdue.
        "open_dues": [
            a.due.isoformat() if a.due else None for a in pm.actions if a.status in _OPEN
        ],
    }


def summary_of(entry: Entry, today: date) -> PostMortemSummary:
    """The list line; raises KeyError, TypeError or ValueError for a damaged entry."""
    dues = entry["open_dues"]
    if not isinstance(dues, list) or not all(d is None or isinstance(d, str) for d in dues):
        raise TypeError("open_dues")
    day = entry["incident_date"]
    owner = entry["owner"]
    if not isinstance(entry["events"], int) or not isinstance(owner, str):
        raise TypeError("events")
    today_text = today.isoformat()
    # Texts pass the model's door again: the cache is a file anyone could have edited.
    return PostMortemSummary(
        id=entry["id"],
        title=scrub(entry["title"], multi_line=False),
        severity=Severity(entry["severity"]),
        status=Status(entry["status"]),
        owner=scrub(owner, multi_line=False),
        incident_date=date.fromisoformat(day) if day is not None else None,
        updated_at=parse_iso_utc(entry["updated_at"]),
        event_count=entry["events"],
        open_actions=len(dues),
        overdue_actions=sum(1 for due in dues if due is not None and due < today_text),
    )


class SummaryCache:
    """The cached entries of one team folder, read once and written back when changed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._entries: dict[str, tuple[Stamp, Entry]] = {}
        self._changed = False
        self._read()

    def _read(self) -> None:
        if not real_folder(self.folder):
            return
        try:
            data = orjson.loads(read_regular(self.folder / CACHE_FILE, _LIMIT))
        except (OSError, orjson.JSONDecodeError):
            return
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
            return
        files = data.get("files")
        if not isinstance(files, dict):
            return
        for name, item in files.items():
            with contextlib.suppress(KeyError, TypeError, ValueError):
                stamp = Stamp(int(item["size"]), int(item["mtime_ns"]))
                if isinstance(item["summary"], dict):
                    self._entries[name] = (stamp, item["summary"])

    def get(self, name: str, stamp: Stamp) -> Entry | None:
        found = self._entries.get(name)
        return found[1] if found is not None and found[0] == stamp else None

    def put(self, name: str, stamp: Stamp, entry: Entry) -> None:
        self._entries[name] = (stamp, entry)
        self._changed = True

    def forget_others(self, names: set[str]) -> None:
        """Drop the entries of files that are gone."""
        for name in [name for name in self._entries if name not in names]:
            del self._entries[name]
            self._changed = True

    def write(self) -> None:
        """Save the entries if anything changed; failing to is harmless (a slower next list)."""
        if not self._changed:
            return
        files = {
            name: {"size": stamp.size, "mtime_ns": stamp.mtime_ns, "summary": entry}
            for name, (stamp, entry) in sorted(self._entries.items())
        }
        payload = orjson.dumps({"format": CACHE_FORMAT, "files": files})
        with contextlib.suppress(OSError):
            if not real_folder(self.folder):
                # Never a symlink someone planted: the cache would be written through it.
                self.folder.mkdir()
            atomic_write(self.folder / CACHE_FILE, payload)
            self._changed = False
