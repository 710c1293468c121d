"""Provides FolderStore: a team folder, one `postmortems/<id>.pmtui` file per post-mortem.

It offers the single-file store's interface. Each post-mortem has its own writer lock
(`<id>.pmtui.lock`), taken on its first write or on `claim` and held until `release` or
`close`, so several people (or a TUI and a CLI) edit different post-mortems at once. Every
write replaces the whole file crash-safely with `pmfile.dumps`: the same post-mortem always
gives the same bytes, which is what git diffs and merges.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from pmtui.limits import MAX_INPUT_BYTES, size_text
from pmtui.model.format_version import FORMAT_MINOR, is_newer
from pmtui.model.postmortem import PostMortem, TimelineEvent
from pmtui.model.summary import Listing, PostMortemSummary
from pmtui.model.timeline_facts import TimelineFacts, TimeWindows, facts_of
from pmtui.regularfile import NotRegularFile, read_regular
from pmtui.store.errors import (
    DamagedFile,
    NewerFormat,
    NotFound,
    ReadOnlyStore,
    StoreError,
    WriteFailed,
    resolve_id_prefix,
)
from pmtui.store.layout import (
    CACHE,
    MARKDOWN_SUFFIX,
    POSTMORTEM_SUFFIX,
    POSTMORTEMS,
    TeamSettings,
    check_id,
    is_safe_id,
    read_settings,
    real_folder,
)
from pmtui.store.lock import WriterLock
from pmtui.store.summary_cache import Stamp, SummaryCache, entry_of, summary_of

if TYPE_CHECKING:
    from pmtui.store import handover, pmfile_append

# The post-mortem files' format, the checked-files notes, the hand-over and the atomic writes
# are imported where a file is read whole or written: the home screen lists from the
# summary cache without any of them (about 4 ms of its start-up).


class FolderStore:
    """Typed access to a team folder. Open with `FolderStore.open(path)`."""

    def __init__(self, root: Path, settings: TeamSettings, *, read_only: bool) -> None:
        self.path = root
        self.read_only = read_only
        self.settings = settings
        self.folder = root / POSTMORTEMS
        self._locks: dict[str, WriterLock] = {}
        # What each file was when this store last read or wrote it: a save over a file that
        # changed since (a `git pull` merged a teammate's work) is refused, not overwritten.
        self._seen: dict[str, Stamp] = {}
        #: The last post-mortem read by a read-only store, handed to the next store on close.
        self._last_read: handover.Reading | None = None
        #: The last file scanned for an append, with its stamp then (see pmfile_append.py);
        #: or the post-mortem timeline_facts read whole instead.
        self._scanned: tuple[str, Stamp, pmfile_append.TimelineScan] | None = None
        self._loaded_whole: tuple[str, Stamp, PostMortem] | None = None

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> FolderStore:
        """Open the team folder `path`; DamagedFile when its settings or layout are not pmtui's.

        Nothing is locked here: locks are per post-mortem, taken when one is written.
        """
        root = Path(os.path.realpath(Path(path).expanduser()))
        settings = read_settings(root)
        folder = root / POSTMORTEMS
        if os.path.lexists(folder) and not real_folder(folder):
            # A symlink here would send every post-mortem write somewhere else.
            raise DamagedFile(folder, "is not a folder (a symlink or a file)")
        if not read_only and not os.path.lexists(folder):
            folder.mkdir()
        return cls(root, settings, read_only=read_only)

    def close(self) -> None:
        for pm_id in list(self._locks):
            self.release(pm_id)
        if self._last_read is not None:
            # `pmtui timeline import` reads read-only, then opens the folder again to write:
            # the writer takes this reading while the file keeps its stamp (see handover.py).
            from pmtui.store import handover

            handover.keep(self._last_read)
            self._last_read = None

    def __enter__(self) -> FolderStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Files ---------------------------------------------------------------------------

    def file_of(self, pm_id: str) -> Path:
        return self.folder / f"{check_id(pm_id)}{POSTMORTEM_SUFFIX}"

    def _markdown_of(self, pm_id: str) -> Path:
        return self.folder / f"{check_id(pm_id)}{MARKDOWN_SUFFIX}"

    def _names(self) -> list[str]:
        """The post-mortem files' names; anything not named like one is not pmtui's."""
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            return []
        except OSError as error:
            raise DamagedFile(self.folder, f"cannot be read ({error.strerror or error})") from None
        suffix = POSTMORTEM_SUFFIX
        return sorted(
            entry.name
            for entry in entries
            if entry.name.endswith(suffix) and is_safe_id(entry.name[: -len(suffix)])
        )

    def _check_file(self, path: Path) -> os.stat_result | None:
        """The file's status, None when missing; DamagedFile for anything but a regular file.

        Symlinks are refused, never followed: a folder from a git repository is someone
        else's content, and a link in it could point at any file of the reader's.
        """
        try:
            status = os.lstat(path)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise DamagedFile(path, f"cannot be read ({error.strerror or error})") from None
        if stat.S_ISLNK(status.st_mode):
            raise DamagedFile(path, "is a symlink; a team folder holds only regular files")
        if not stat.S_ISREG(status.st_mode):
            raise DamagedFile(path, NotRegularFile(path, status.st_mode).strerror)
        return status

    def _read(self, path: Path) -> tuple[bytes, Stamp]:
        """The file's bytes and its stamp, taken before reading (a change in between makes
        the next save refuse, the safe side)."""
        status = self._check_file(path)
        if status is None:
            raise NotFound(f"{path} is gone (deleted by someone else?)")
        try:
            raw = read_regular(path, MAX_INPUT_BYTES + 1)
        except NotRegularFile as error:  # swapped for a pipe since the check
            raise DamagedFile(path, error.strerror) from None
        except OSError as error:
            raise DamagedFile(path, f"cannot be read ({error.strerror or error})") from None
        if len(raw) > MAX_INPUT_BYTES:
            raise DamagedFile(path, f"is over {size_text(MAX_INPUT_BYTES)}")
        return raw, Stamp(status.st_size, status.st_mtime_ns)

    # Reading -------------------------------------------------------------------------

    def ids(self) -> list[str]:
        return [name[: -len(POSTMORTEM_SUFFIX)] for name in self._names()]

    def resolve_id(self, text: str) -> str:
        """The full id for `text`, which may be a unique prefix of one."""
        return resolve_id_prefix(text, self.ids(), self.path)

    def load(self, pm_id: str, *, events_on_demand: bool = False) -> PostMortem:
        """`events_on_demand`: see Store.load (protocol.py)."""
        from pmtui.store import handover, pmfile

        pm_id = self.resolve_id(pm_id)
        path = self.file_of(pm_id)
        handed = handover.take(path, _identity(path))
        if handed is not None and pm_id in handed.postmortems:
            pm = handed.postmortems[pm_id]
            stamp = Stamp(handed.stamp[0], handed.stamp[1])
        else:
            parse = partial(pmfile.loads, events_on_demand=True) if events_on_demand else None
            pm, stamp = self._load_file(pm_id, path, parse)
        self._seen[pm_id] = stamp
        self._last_read = None
        if self.read_only and not events_on_demand:
            identity = _identity(path)
            if identity is not None and Stamp(identity[0], identity[1]) == stamp:
                self._last_read = handover.Reading(path, identity, {}, {pm_id: pm})
        return pm

    def _load_file(
        self, pm_id: str, path: Path, parse: Callable[..., PostMortem] | None = None
    ) -> tuple[PostMortem, Stamp]:
        """`parse`: a reader of pmfile.loads' checks that builds less (default: loads)."""
        from pmtui.store import checked_files, pmfile

        raw, stamp = self._read(path)
        name = path.name
        raw_digest = checked_files.digest(raw)
        checked = checked_files.is_checked(self.path, name, raw_digest)
        pm = (parse or pmfile.loads)(raw, path, checked=checked)
        if pm.id != pm_id:
            # A file copied under another name would be saved under its inner id elsewhere.
            raise DamagedFile(path, f"holds post-mortem {pm.id!r}, not {pm_id!r} as its name says")
        if not checked:
            checked_files.note(self.path, name, raw_digest)
        return pm, stamp

    def timeline_facts(self, pm_id: str, windows: TimeWindows) -> TimelineFacts:
        """What an evidence import needs of `pm_id`; from a scan of its file that builds only
        the events inside `windows` when the file is in pmtui's own layout, else from load()."""
        pm_id = self.resolve_id(pm_id)
        path = self.file_of(pm_id)
        # A folder with Markdown copies renders each save from the model: read it whole.
        found = None if self.settings.markdown else self._scan(pm_id, path)
        if found is not None:
            return found.facts(windows, path)
        pm = self.load(pm_id)
        self._loaded_whole = (pm_id, self._seen[pm_id], pm)  # for append_events
        return facts_of(pm, windows)

    def _scan(self, pm_id: str, path: Path) -> pmfile_append.TimelineScan | None:
        """An appendable scan of `pm_id`'s file (handed over by a read-only store, or read
        now), remembered for append_events; None when the file is not appendable."""
        from pmtui.store import checked_files, handover, pmfile_append

        handed = handover.take(path, _identity(path))
        found: pmfile_append.TimelineScan | None
        if handed is not None and isinstance(handed.scan, pmfile_append.TimelineScan):
            found, stamp = handed.scan, Stamp(handed.stamp[0], handed.stamp[1])
        elif handed is not None:
            handover.keep(handed)  # a post-mortem read whole (not appendable): load() takes it
            return None
        else:
            raw, stamp = self._read(path)
            written = checked_files.is_written(self.path, path.name, checked_files.digest(raw))
            found = pmfile_append.scan(raw, path) if written else None
        if found is None or found.header.get("id") != pm_id:
            return None
        if found.header.get("format_minor") != FORMAT_MINOR:
            # Spliced, the header would keep its minor while the new blocks hold this
            # pmtui's fields: an older file is saved whole, a newer one refused.
            return None
        self._seen[pm_id] = stamp
        self._scanned = (pm_id, stamp, found)
        self._last_read = None
        identity = _identity(path)
        if self.read_only and identity is not None and Stamp(identity[0], identity[1]) == stamp:
            self._last_read = handover.Reading(path, identity, {}, {}, found)
        return found

    def summaries(self, today: date) -> list[PostMortemSummary]:
        """One line per post-mortem, newest incident first; the first unreadable file's
        error is raised (a caller that needs every post-mortem must not miss one)."""
        summaries, unreadable = self._read_summaries(today)
        if unreadable:
            raise unreadable[0]
        return summaries

    def listing(self, today: date) -> Listing:
        """One line per readable post-mortem, newest incident first, and one line per file
        that cannot be read: a damaged file in a teammate's push must not hide the others."""
        summaries, unreadable = self._read_summaries(today)
        return Listing(summaries, [str(error) for error in unreadable])

    def _read_summaries(self, today: date) -> tuple[list[PostMortemSummary], list[StoreError]]:
        """Unchanged files come from the cache, so only files changed since the last list
        are parsed; each file that cannot be read gives its error instead of a line."""
        cache = SummaryCache(self.path / CACHE)
        names = self._names()
        summaries = []
        unreadable: list[StoreError] = []
        for name in names:
            try:
                summaries.append(self._summary(name, cache, today))
            except NotFound:
                continue  # deleted since the folder was listed
            except StoreError as error:
                unreadable.append(error)
        cache.forget_others(set(names))
        cache.write()
        summaries.sort(key=lambda s: (s.incident_date or date.min, s.updated_at), reverse=True)
        return summaries, unreadable

    def _summary(self, name: str, cache: SummaryCache, today: date) -> PostMortemSummary:
        path = self.folder / name
        status = self._check_file(path)
        if status is None:
            raise NotFound(f"{path} is gone")
        stamp = Stamp(status.st_size, status.st_mtime_ns)
        entry = cache.get(name, stamp)
        if entry is not None and entry.get("id") == name[: -len(POSTMORTEM_SUFFIX)]:
            with contextlib.suppress(KeyError, TypeError, ValueError):
                return summary_of(entry, today)
        # The line needs the timeline's length only: the file is read and checked as load()
        # does, its events are counted, not built (a folder's first list after a clone).
        pm_id = name[: -len(POSTMORTEM_SUFFIX)]
        counted: list[int] = []
        from pmtui.store import pmfile

        def parse(raw: bytes, path: Path, *, checked: bool) -> PostMortem:
            header, events = pmfile.loads_summary(raw, path, checked=checked)
            counted.append(events)
            return header

        header, self._seen[pm_id] = self._load_file(pm_id, path, parse)
        entry = {**entry_of(header), "events": counted[0]}
        cache.put(name, stamp, entry)
        return summary_of(entry, today)

    # Locks ---------------------------------------------------------------------------

    def claim(self, pm_id: str) -> None:
        """Take `pm_id`'s writer lock (StoreLocked naming the holder's pid if another has it)."""
        if self.read_only or pm_id in self._locks:
            return
        path = self.file_of(pm_id)
        if not os.path.lexists(self.folder):
            self.folder.mkdir()
        lock = WriterLock(path)
        lock.acquire()
        self._locks[pm_id] = lock
        from pmtui.store.atomic import remove_stale_temp_files

        remove_stale_temp_files(path)

    def release(self, pm_id: str) -> None:
        lock = self._locks.pop(pm_id, None)
        if lock is not None:
            lock.release()

    def holds(self, pm_id: str) -> bool:
        return pm_id in self._locks

    # Writing -------------------------------------------------------------------------

    def _writable(self, pm_id: str) -> Path:
        if self.read_only:
            raise ReadOnlyStore(self.path)
        path = self.file_of(pm_id)
        self.claim(pm_id)
        return path

    def create(self, pm: PostMortem) -> None:
        """Write a new post-mortem's file; StoreError when one with its id exists."""
        _refuse_newer(self.file_of(pm.id), pm.format_minor)
        path = self._writable(pm.id)
        if self._check_file(path) is not None:
            raise StoreError(f"a post-mortem with id {pm.id} already exists in {self.path}")
        self._write(path, pm)

    def save(self, new: PostMortem, old: PostMortem) -> None:
        """Replace the post-mortem's file with `new` (one file, one atomic write)."""
        if new.id != old.id:
            raise ValueError("save() compares two versions of the same post-mortem")
        _refuse_newer(self.file_of(new.id), max(old.format_minor, new.format_minor))
        path = self._writable(new.id)
        self._refuse_changed(new.id, path)
        self._write(path, new)

    def append_events(
        self,
        pm_id: str,
        events: Sequence[TimelineEvent],
        updated_at: datetime,
        replaced: Sequence[TimelineEvent] = (),
    ) -> None:
        """Add `events` (new ids, checked by the service), put each of `replaced` in place of
        the stored event with its id, and set `updated_at`, in one atomic write. A file
        scanned by timeline_facts and unchanged since gets the new blocks spliced in and the
        replaced ones swapped, every other line kept (see pmfile_append.py); else, and in a
        folder that keeps Markdown copies (rendered from the model), the post-mortem is
        saved whole."""
        pm_id = self.resolve_id(pm_id)
        path = self._writable(pm_id)
        now = self._refuse_changed(pm_id, path)
        scanned, self._scanned = self._scanned, None
        whole, self._loaded_whole = self._loaded_whole, None
        if scanned is None or scanned[:2] != (pm_id, now) or self.settings.markdown:
            old = whole[2] if whole is not None and whole[:2] == (pm_id, now) else None
            old = old or self.load(pm_id)
            del whole
            _refuse_newer(path, old.format_minor)
            for row in replaced:
                old = old.with_event_replaced(row)
            new = old.with_events(tuple(events))
            del old  # one timeline in memory at a time: 100,000 events are 60 MiB
            self._write(path, replace(new, updated_at=updated_at))
            return
        try:
            pieces = scanned[2].spliced(events, updated_at, replaced)
        except KeyError as missing:
            raise StoreError(f"{path} holds no event {missing}") from None
        del scanned
        from pmtui.store import pmfile_append

        try:
            self._put(path, pm_id, pieces, pmfile_append.digest_of(pieces))
        except OSError as error:
            raise WriteFailed(path, error.strerror or str(error)) from None

    def _refuse_changed(self, pm_id: str, path: Path) -> Stamp | None:
        """The file's stamp now; StoreError when it changed since this store read it."""
        status = self._check_file(path)
        seen = self._seen.get(pm_id)
        now = Stamp(status.st_size, status.st_mtime_ns) if status is not None else None
        if seen is not None and now != seen:
            raise StoreError(
                f"{path} changed on disk since pmtui read it (a git pull or another program?); "
                "this change was not saved: open the post-mortem again to see the new version"
            )
        return now

    def delete(self, pm_id: str) -> None:
        pm_id = self.resolve_id(pm_id)
        path = self._writable(pm_id)
        markdown = self._markdown_of(pm_id)
        try:
            path.unlink()
            if self._check_file(markdown) is not None:
                markdown.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise WriteFailed(path, error.strerror or str(error)) from None
        self._seen.pop(pm_id, None)
        self.release(pm_id)

    def _write(self, path: Path, pm: PostMortem) -> None:
        from pmtui.store import checked_files, pmfile
        from pmtui.store.atomic import atomic_write

        try:
            payload = pmfile.dumps(pm)
            self._put(path, pm.id, (payload,), checked_files.digest(payload))
            del payload
            if self.settings.markdown:
                markdown = self._markdown_of(pm.id)
                self._check_file(markdown)
                atomic_write(markdown, markdown_text(pm).encode("utf-8"))
        except OSError as error:
            raise WriteFailed(path, error.strerror or str(error)) from None

    def _put(
        self, path: Path, pm_id: str, pieces: Sequence[bytes | memoryview], digest: str
    ) -> None:
        """Replace the file with `pieces`, whose records are all checked (written from the
        checked model, or checked blocks and new ones from it): the next read of these bytes
        skips the check."""
        from pmtui.store import checked_files
        from pmtui.store.atomic import atomic_write

        atomic_write(path, pieces)
        status = os.stat(path)
        self._seen[pm_id] = Stamp(status.st_size, status.st_mtime_ns)
        checked_files.note(self.path, path.name, digest, written=True)


def _refuse_newer(path: Path, minor: int) -> None:
    """NewerFormat for a file a newer pmtui wrote: this writer would drop what that one
    added (the service refuses first; this holds for any other caller)."""
    if is_newer(minor):
        raise NewerFormat(path, minor)


def _identity(path: Path) -> list[int] | None:
    """Size, mtime_ns and inode: what says a file is the one a reading was taken of."""
    try:
        status = os.lstat(path)
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns, status.st_ino]


def markdown_text(pm: PostMortem) -> str:
    """The Markdown copy a folder made with `init --markdown` keeps beside each file."""
    # Imported on use: only folders made with `init --markdown` need the renderer. Export is
    # pure text over the model, so the store calling it adds no loop between layers.
    from pmtui.export.markdown import export_markdown

    today = datetime.now(UTC).astimezone(pm.zone).date()
    # The copy is in postmortems/; the images are in the team folder's attachments/.
    return export_markdown(pm, "full", today=today, attachments="../attachments/")
