"""Provides PostMortemStore: the only code that touches TinyDB.

One file, five tables (meta, postmortems, events, whys, actions). Every change a caller
commits becomes exactly one atomic file write, however many documents it touches.
"""

from __future__ import annotations

import hashlib
import shutil
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from itertools import compress, repeat
from operator import eq, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from pmtui.gcpause import paused_gc
from pmtui.model.enums import Severity, Status
from pmtui.model.format_version import FORMAT_MINOR, is_newer, minor_of
from pmtui.model.postmortem import PostMortem, TimelineEvent
from pmtui.model.summary import Listing, PostMortemSummary
from pmtui.model.timeline_facts import LazyIds, TimelineFacts, TimeWindows, holds_text
from pmtui.model.times import iso_utc, parse_iso_utc
from pmtui.regularfile import NotRegularFile, read_regular
from pmtui.store import file_sidecar, legacy_text, schema
from pmtui.store.errors import (
    DamagedFile,
    NewerFormat,
    NewerSchema,
    ReadOnlyStore,
    StoreError,
    WriteFailed,
    resolve_id_prefix,
)
from pmtui.store.lock import WriterLock
from pmtui.store.target import database_target

if TYPE_CHECKING:
    from tinydb.table import Table

    from pmtui.store.storage import AtomicJSONStorage, Tables

# TinyDB, the records' codec, the checks and the hand-over are imported where a method reads
# or writes the tables: the home screen lists from the summary sidecar without any of them
# (about 4 ms of its start-up).

Doc = dict[str, Any]
_ELEMENT_TABLES = (schema.EVENTS, schema.WHYS, schema.ACTIONS)
_PM = itemgetter("pm")


def _read_file(path: Path, known: str | None = None) -> tuple[Tables, bool]:
    """Parse the file, refusing (never repairing) anything that is not a pmtui database; and
    whether its bytes are the ones a pmtui wrote after checking them (`known`, a digest)."""
    try:
        raw = read_regular(path)  # a pipe swapped in since open() looked is refused, not read
    except FileNotFoundError:
        return {}, False
    except IsADirectoryError:
        raise DamagedFile(path, "is a folder, not a database file") from None
    except NotRegularFile as error:
        raise DamagedFile(path, error.strerror) from None
    except OSError as error:
        raise DamagedFile(path, f"cannot be read ({error.strerror or error})") from None
    if not raw or raw.isspace():  # raw.strip() would copy a 20 MB file to learn it
        return {}, False
    checked = known is not None and file_sidecar.digest(raw) == known
    # Looked for even in checked bytes: a writer that only read leaves the digest of a file
    # it never rewrote, whose text was made safe in memory only. The search is cheap.
    unsafe = legacy_text.may_hold_unsafe_text(raw)
    try:
        from pmtui.store.pieces import loads_tables

        data = loads_tables(raw)
    except orjson.JSONDecodeError as error:
        raise DamagedFile(path, f"is damaged (not valid JSON: {error})") from None
    del raw  # 20 MB for 100,000 events: gone before the tables are rebuilt below
    tables = schema.check_layout(path, data)
    try:
        # TinyDB document ids are ints; the file spells them as strings (see tables.py).
        parsed = {
            name: dict(zip(map(int, table), table.values(), strict=True))
            for name, table in tables.items()
        }
    except ValueError:
        raise DamagedFile(path, "is not a pmtui database (a document id is not a number)") from None
    if unsafe:
        legacy_text.shown_safely(parsed)
    return parsed, checked


def _load_tables(path: Path, *, read_only: bool, known: str | None) -> tuple[Tables, bool]:
    """The file's tables, migrated and with every record checked; and whether they were
    migrated (a writer then saves them in the new layout)."""
    data, checked = _read_file(path, known)
    found = schema.schema_of(data) if data else schema.SCHEMA_VERSION
    if found is not None and found > schema.SCHEMA_VERSION:
        raise NewerSchema(path, found, schema.SCHEMA_VERSION)
    needs_migration = bool(data) and found is not None and found < schema.SCHEMA_VERSION
    if needs_migration and not schema.can_migrate(found or 0):
        # No pmtui ever wrote this version (schema 0, -1, ...): refuse before any copy.
        raise DamagedFile(path, f"is not a pmtui database (unknown schema {found})")
    if needs_migration and not read_only:
        # Keep the old file before the first byte of the new layout is written.
        shutil.copy2(path, path.with_name(f"{path.name}.schema{found}.bak"))
    if needs_migration:
        data = schema.migrate(data, found or 0)
    if not checked or needs_migration:
        from pmtui.store import validate

        validate.check_records(path, data)
    return data, needs_migration


class PostMortemStore:
    """Typed access to the database file. Open with `PostMortemStore.open(path)`.

    While the summary sidecar matches the file (see file_sidecar.py), opening reads only the
    sidecar: ids and summaries come from it, and the file itself is read, checked and
    indexed on the first load or write.
    """

    def __init__(
        self,
        path: Path,
        data: Tables | None,
        *,
        read_only: bool,
        lock: WriterLock | None,
        rows: list[file_sidecar.Row] | None = None,
    ):
        self.path = path
        self.read_only = read_only
        self._lock = lock
        self._rows = rows if data is None else None
        self._row_ids: dict[str, None] = dict.fromkeys(row["id"] for row in rows or ())
        self._storage: AtomicJSONStorage | None = None
        # (table, pm id, element id) -> TinyDB doc id, so an edit never scans a table.
        self._doc_ids: dict[tuple[str, str, str], int] = {}
        self._pm_doc_ids: dict[str, int] = {}
        self._event_counts: dict[str, int] = {}
        self._elements_indexed = False
        # Post-mortems a read-only store built, kept for the store the file is handed to.
        self._postmortems: dict[str, PostMortem] = {}
        self._read_stamp: list[int] | None = None
        self._known_digest: str | None = None
        self._summaries_due = False
        if data is not None:
            self._attach(data)

    def _attach(self, data: Tables) -> None:
        from pmtui.store.storage import AtomicJSONStorage
        from pmtui.store.tables import PmtuiDB

        self._db = PmtuiDB(
            str(self.path), storage=AtomicJSONStorage, initial=data, read_only=self.read_only
        )
        self._storage = self._db.storage  # type: ignore[assignment]
        try:
            self._rebuild_index()
        except (KeyError, TypeError):
            # A document without a usable "id" or "pm" key: readable JSON, not pmtui's.
            raise DamagedFile(
                self.path, "is not a pmtui database (a document lacks its id or post-mortem)"
            ) from None
        self._rows = None

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> PostMortemStore:
        """Open `path` for writing (taking the writer lock) or read-only (no lock).

        Raises StoreLocked when another pmtui writes the file, DamagedFile for a damaged or
        foreign file (left untouched), NewerSchema for a file from a newer pmtui.
        """
        path = database_target(Path(path).expanduser())
        lock = None
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = WriterLock(path)
            lock.acquire()
        try:
            sidecar = file_sidecar.read(path, schema.SCHEMA_VERSION)
            rows = _sound_rows(sidecar.rows) if sidecar else None
            store = cls(path, None, read_only=read_only, lock=lock, rows=rows)
            store._known_digest = sidecar.digest if sidecar and rows is not None else None
            if rows is None:
                store._loaded()
                if not read_only:
                    store._summaries_due = True  # so that the next `list` need not parse it
            return store
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    def _loaded(self) -> AtomicJSONStorage:
        """The file's tables, read, checked and indexed on first use."""
        if self._storage is not None:
            return self._storage
        from pmtui.store import handover
        from pmtui.store.atomic import remove_stale_temp_files

        stamp = file_sidecar.stamp(self.path)
        handed = handover.take(self.path, stamp)
        with paused_gc():
            if handed is not None:
                data, migrated = handed.tables, False
                self._postmortems = dict(handed.postmortems)
            else:
                data, migrated = _load_tables(
                    self.path, read_only=self.read_only, known=self._known_digest
                )
            if self._lock is not None:
                remove_stale_temp_files(self.path)
            self._attach(data)
        # Only a reading of an unchanged, unmigrated file may be handed on (see handover.py).
        unchanged = not migrated and stamp is not None and file_sidecar.stamp(self.path) == stamp
        self._read_stamp = stamp if unchanged else None
        assert self._storage is not None
        if migrated and not self.read_only:
            try:
                self._storage.flush()
            except OSError as error:
                raise WriteFailed(self.path, error.strerror or str(error)) from None
        return self._storage

    def close(self) -> None:
        if self._lock is not None:
            if self._summaries_due and self._storage is not None:
                self._summaries_due = False
                self._leave_summaries()
            self._lock.release()
            self._lock = None
        if self.read_only and self._storage is not None and self._read_stamp is not None:
            from pmtui.store import handover

            reading = handover.Reading(
                self.path, self._read_stamp, self._storage.read(), self._postmortems
            )
            handover.keep(reading)
            self._let_go()

    def _let_go(self) -> None:
        """Drop what was read of the file: should this store be read again, it reads afresh
        (or takes back what it handed over)."""
        self._row_ids = dict.fromkeys(self._pm_doc_ids)
        self._storage = None
        # TinyDB's storage holds the tables too: kept, they lived until the process ended.
        del self._db
        self._postmortems = {}

    def claim(self, pm_id: str) -> None:
        """Nothing to take: the whole file's writer lock, taken by open(), covers every one."""

    def release(self, pm_id: str) -> None:
        """Nothing to give back before close(), for the same reason."""

    def __enter__(self) -> PostMortemStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Index ---------------------------------------------------------------------------

    def _raw(self, table: str) -> dict[int, Doc]:
        return self._loaded().read().get(table, {})

    def _rebuild_index(self) -> None:
        self._pm_doc_ids = {
            doc["id"]: int(key) for key, doc in self._raw(schema.POSTMORTEMS).items()
        }
        self._elements_indexed = False

    def _index_elements(self) -> None:
        """Index every element, first needed by a write: reading one post-mortem never is."""
        if self._elements_indexed:
            return
        self._doc_ids.clear()
        counts: dict[str, int] = {}
        for table in _ELEMENT_TABLES:
            for key, doc in self._raw(table).items():
                self._doc_ids[(table, doc["pm"], doc["id"])] = key
                if table == schema.EVENTS:
                    counts[doc["pm"]] = counts.get(doc["pm"], 0) + 1
        self._event_counts = counts
        self._elements_indexed = True

    def _table(self, name: str) -> Table:
        return self._db.table(name, cache_size=0)

    # Reading -------------------------------------------------------------------------

    def _ids(self) -> dict[str, Any]:
        return self._row_ids if self._storage is None else self._pm_doc_ids

    def ids(self) -> list[str]:
        return list(self._ids())

    def resolve_id(self, text: str) -> str:
        """The full id for `text`, which may be a unique prefix of one."""
        return resolve_id_prefix(text, self._ids().keys(), self.path)

    def load(self, pm_id: str, *, events_on_demand: bool = False) -> PostMortem:
        """`events_on_demand`: see Store.load (protocol.py)."""
        from pmtui.store import records

        self._loaded()
        pm_id = self.resolve_id(pm_id)
        if pm_id in self._postmortems:
            return self._postmortems[pm_id]
        header = self._raw(schema.POSTMORTEMS)[self._pm_doc_ids[pm_id]]
        only = len(self._pm_doc_ids) == 1
        parts = {
            # Every record names a post-mortem of the file (check_records): the one, if one.
            table: list(self._raw(table).values())
            if only
            else _of_postmortem(self._raw(table), pm_id)
            for table in _ELEMENT_TABLES
        }
        try:
            with paused_gc():
                pm = records.postmortem_from_records(
                    header,
                    parts[schema.EVENTS],
                    parts[schema.WHYS],
                    parts[schema.ACTIONS],
                    events_on_demand=events_on_demand,
                )
        except (KeyError, ValueError, TypeError) as error:
            raise DamagedFile(
                self.path, f"holds an unreadable post-mortem {pm_id} ({error!r})"
            ) from None
        if self.read_only and events_on_demand:
            # An export reads once: the records' dicts (most of what reading the file built)
            # go now, so rendering reuses their memory instead of faulting in new pages.
            self._let_go()
        elif self.read_only:
            self._postmortems[pm_id] = pm  # nothing changes it: no write, and models are frozen
        return pm

    def timeline_facts(self, pm_id: str, windows: TimeWindows) -> TimelineFacts:
        """What an evidence import needs of `pm_id`, from its stored records: only the events
        inside `windows` are built (see model.timeline_facts)."""
        from pmtui.store import records

        self._loaded()
        pm_id = self.resolve_id(pm_id)
        events = self._raw(schema.EVENTS)
        try:
            mine = [doc for doc in events.values() if doc["pm"] == pm_id]
            starts, ends = windows.text_bounds()
            first, last = (starts[0], ends[-1]) if windows else ("", "")
            one = len(starts) == 1
            # pmtui's own spelling of an instant compares as text, with no call for most
            # events (outside the outer bounds); another spelling (a hand edit) is parsed.
            found = [
                doc
                for doc in (mine if windows else ())
                if (
                    first <= at <= last and (one or holds_text(starts, ends, at))
                    if (len(at := doc["at"]) == 20 and at[19] == "Z") or _canonical_instant(at)
                    else records.stored_instant(at) in windows
                )
            ]
            header = self._raw(schema.POSTMORTEMS)[self._pm_doc_ids[pm_id]]
            whys, actions = (
                [doc for doc in self._raw(table).values() if doc["pm"] == pm_id]
                for table in (schema.WHYS, schema.ACTIONS)
            )
            return records.timeline_facts_from_records(
                header,
                found,
                whys,
                actions,
                len(mine),
                LazyIds(lambda: {doc["id"] for doc in mine}),
            )
        except (KeyError, ValueError, TypeError) as error:
            raise self._unreadable(pm_id, error) from None

    def _unreadable(self, pm_id: str, error: Exception) -> DamagedFile:
        return DamagedFile(self.path, f"holds an unreadable post-mortem {pm_id} ({error!r})")

    def summaries(self, today: date) -> list[PostMortemSummary]:
        """One line per post-mortem, newest incident first, without loading timelines."""
        rows = self._rows if self._rows is not None else self._summary_rows()
        try:
            summaries = [_summary(row, today.isoformat()) for row in rows]
        except (KeyError, ValueError, TypeError) as error:
            raise DamagedFile(self.path, f"holds an unreadable post-mortem ({error!r})") from None
        summaries.sort(key=lambda s: (s.incident_date or date.min, s.updated_at), reverse=True)
        return summaries

    def listing(self, today: date) -> Listing:
        """The single file is read whole: a damaged file raises rather than lists part."""
        return Listing(self.summaries(today), [])

    def _summary_rows(self) -> list[file_sidecar.Row]:
        # Counted, not indexed: an appending writer never needed the element index.
        counts = (
            self._event_counts
            if self._elements_indexed
            else Counter(map(itemgetter("pm"), self._raw(schema.EVENTS).values()))
        )
        open_due: dict[str, list[str | None]] = {}
        for doc in self._raw(schema.ACTIONS).values():
            if doc.get("status") in ("open", "in-progress"):
                open_due.setdefault(doc["pm"], []).append(doc.get("due"))
        return [
            {
                "id": header["id"],
                "title": header["title"],
                "severity": header["severity"],
                "status": header["status"],
                "owner": header.get("owner", ""),
                "incident_date": header.get("incident_date"),
                "updated_at": header["updated_at"],
                "events": counts.get(header["id"], 0),
                "open_due": open_due.get(header["id"], []),
            }
            for header in self._raw(schema.POSTMORTEMS).values()
        ]

    def _leave_summaries(self) -> None:
        """Leave the summary sidecar and the digest of the file as this writer leaves it.

        Once, when the writer closes, not after each save: an edit in the workspace stays a
        matter of milliseconds, and a reader meanwhile finds the stamps differ and reads the
        file. Everything in the file was checked before this writer's first write, and it
        still holds the writer lock, so the bytes read back here are that checked file.
        """
        try:
            with open(self.path, "rb") as handle:
                written: str | None = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            written = None
        file_sidecar.write(self.path, schema.SCHEMA_VERSION, self._summary_rows(), written)

    # Writing -------------------------------------------------------------------------

    @contextmanager
    def _writing(self, *, index: bool = True) -> Iterator[None]:
        """One atomic file write for the whole block; on failure, memory matches the file.

        `index`: the block needs the element index (an append does not)."""
        if self.read_only:
            raise ReadOnlyStore(self.path)
        storage = self._loaded()  # every record is checked before the first write
        if index:
            self._index_elements()
        self._postmortems.clear()  # handed over as read; from now on load() reads the tables
        try:
            with storage.batch():
                if not self._raw(schema.META):
                    self._table(schema.META).insert(schema.meta_document())
                yield
        except OSError as error:
            self._reload()
            raise WriteFailed(self.path, error.strerror or str(error)) from None
        except BaseException:
            self._reload()
            raise
        self._summaries_due = True

    def _reload(self) -> None:
        # The file on disk is the last state that was really saved (we hold the writer lock).
        self._loaded().replace_cache(_read_file(self.path)[0])
        self._rebuild_index()

    def create(self, pm: PostMortem) -> None:
        """Add a whole post-mortem (header, timeline, whys, actions) in one write."""
        from pmtui.store import records

        self._loaded()
        if pm.id in self._pm_doc_ids:
            raise StoreError(f"a post-mortem with id {pm.id} already exists in {self.path}")
        self._refuse_newer(pm.id, pm.format_minor)
        with self._writing():
            self._insert_header(pm)
            self._insert(schema.EVENTS, pm.id, [records.event_record(pm.id, e) for e in pm.events])
            self._insert(schema.WHYS, pm.id, [records.why_record(pm.id, c) for c in pm.whys])
            self._insert(
                schema.ACTIONS, pm.id, [records.action_record(pm.id, a) for a in pm.actions]
            )

    def save(self, new: PostMortem, old: PostMortem) -> None:
        """Write what changed between `old` (as saved) and `new`, in one write.

        Unchanged elements are the very same objects in both (the model is immutable), so
        finding what changed costs an identity check per element, not a deep compare.
        """
        from pmtui.store import records

        if new.id != old.id:
            raise ValueError("save() compares two versions of the same post-mortem")
        self._refuse_newer(new.id, max(old.format_minor, new.format_minor))
        with self._writing():
            header = records.header_record(new)
            doc_id = self._pm_doc_ids[new.id]
            stored_minor = self._raw(schema.POSTMORTEMS)[doc_id].get("format_minor")
            # The stored minor too: elements written now may hold what its older one lacks.
            if header != records.header_record(old) or stored_minor != FORMAT_MINOR:
                self._table(schema.POSTMORTEMS).update(header, doc_ids=[doc_id])
            self._sync(schema.EVENTS, new.id, old.events, new.events, records.event_record)
            self._sync(schema.WHYS, new.id, old.whys, new.whys, records.why_record)
            self._sync(schema.ACTIONS, new.id, old.actions, new.actions, records.action_record)

    def append_events(
        self,
        pm_id: str,
        events: Sequence[TimelineEvent],
        updated_at: datetime,
        replaced: Sequence[TimelineEvent] = (),
    ) -> None:
        """Add `events` (new ids, checked by the service) to `pm_id`'s timeline, put each of
        `replaced` (stored ids: a row another source's record joined) in place of the stored
        event with its id, and set `updated_at`, in one write, without building or indexing
        the events it holds.

        A written event joins the table's end, so load() orders it after the events at its
        instant, as PostMortem.with_events and with_event_replaced do."""
        from pmtui.store import records

        self._loaded()
        pm_id = self.resolve_id(pm_id)
        stored = self._raw(schema.POSTMORTEMS)[self._pm_doc_ids[pm_id]]
        self._refuse_newer(pm_id, minor_of(stored.get("format_minor")) or 0)
        with self._writing(index=False):
            doc_id = self._pm_doc_ids[pm_id]
            self._table(schema.POSTMORTEMS).update(
                {"updated_at": iso_utc(updated_at), "format_minor": FORMAT_MINOR},
                doc_ids=[doc_id],
            )
            if replaced:
                self._remove_events(pm_id, {event.id for event in replaced})
            written = (*replaced, *events)
            self._insert(schema.EVENTS, pm_id, [records.event_record(pm_id, e) for e in written])

    def _remove_events(self, pm_id: str, event_ids: set[str]) -> None:
        stale = [
            int(key)
            for key, doc in self._raw(schema.EVENTS).items()
            if doc["pm"] == pm_id and doc["id"] in event_ids
        ]
        self._table(schema.EVENTS).remove(doc_ids=stale)
        if self._elements_indexed:  # else indexed from the tables when first needed
            for event_id in event_ids:
                self._doc_ids.pop((schema.EVENTS, pm_id, event_id), None)
            self._event_counts[pm_id] -= len(stale)

    def delete(self, pm_id: str) -> None:
        pm_id = self.resolve_id(pm_id)
        with self._writing():
            self._table(schema.POSTMORTEMS).remove(doc_ids=[self._pm_doc_ids.pop(pm_id)])
            self._event_counts.pop(pm_id, None)
            for table in _ELEMENT_TABLES:
                keys = [k for k in self._doc_ids if k[0] == table and k[1] == pm_id]
                if keys:
                    self._table(table).remove(doc_ids=[self._doc_ids.pop(k) for k in keys])

    def _refuse_newer(self, pm_id: str, minor: int) -> None:
        """NewerFormat for a post-mortem a newer pmtui wrote: this writer would drop what
        that one added (the service refuses first; this holds for any other caller)."""
        if is_newer(minor):
            raise NewerFormat(f"{self.path}: post-mortem {pm_id}", minor)

    def _insert_header(self, pm: PostMortem) -> None:
        from pmtui.store import records

        doc_id = self._table(schema.POSTMORTEMS).insert(records.header_record(pm))
        self._pm_doc_ids[pm.id] = doc_id

    def _insert(self, table: str, pm_id: str, docs: list[Doc]) -> None:
        if not docs:
            return
        doc_ids = self._table(table).insert_multiple(docs)
        if not self._elements_indexed:
            return  # indexed from the tables, these documents included, when first needed
        if table == schema.EVENTS:
            self._event_counts[pm_id] = self._event_counts.get(pm_id, 0) + len(docs)
        for doc, doc_id in zip(docs, doc_ids, strict=True):
            self._doc_ids[(table, pm_id, doc["id"])] = doc_id

    def _sync(
        self,
        table: str,
        pm_id: str,
        old: Sequence[Any],
        new: Sequence[Any],
        to_record: Callable[[str, Any], Doc],
    ) -> None:
        # Why chains and actions are read back in table order, which a new document joins
        # at the end: one put back between others (an undone delete) is followed by them
        # again, so they are written after it. The lists are short; the timeline is kept
        # in time order instead and never pays for this.
        keep_order = table != schema.EVENTS
        whole = new
        old, new = _changed_middle(old, new, keep_order=keep_order)
        old_by_id = {item.id: item for item in old}
        inserted: list[Doc] = []
        updated: dict[str, Doc] = {}
        moved: list[str] = []
        for item in new:
            previous = old_by_id.pop(item.id, None)
            if previous is None:
                inserted.append(to_record(pm_id, item))
            elif keep_order and inserted:
                moved.append(item.id)
                inserted.append(to_record(pm_id, item))
            elif previous is item:
                continue
            elif previous != item and table == schema.EVENTS:
                # An edited event goes after the others at its instant (PostMortem.with_event),
                # and load() orders events at one instant by their place in the table: so
                # the edited document moves to the end of the table too.
                moved.append(item.id)
                inserted.append(to_record(pm_id, item))
            elif previous != item:
                updated[item.id] = to_record(pm_id, item)
        if inserted and not keep_order:
            written_ids = {doc["id"] for doc in inserted}
            written = [item for item in new if item.id in written_ids]
            inserted = self._same_instant_after(whole, written, inserted, moved, pm_id, to_record)
        if old_by_id or moved:
            removed = [self._doc_ids.pop((table, pm_id, item_id)) for item_id in old_by_id]
            removed += [self._doc_ids.pop((table, pm_id, item_id)) for item_id in moved]
            self._table(table).remove(doc_ids=removed)
            if table == schema.EVENTS:
                self._event_counts[pm_id] -= len(removed)
        if updated:

            def apply(doc: MutableMapping[str, Any]) -> None:
                doc.update(updated[doc["id"]])

            doc_ids = [self._doc_ids[(table, pm_id, item_id)] for item_id in updated]
            self._table(table).update(apply, doc_ids=doc_ids)
        self._insert(table, pm_id, inserted)

    def _same_instant_after(
        self,
        events: Sequence[Any],
        written: Sequence[Any],
        inserted: list[Doc],
        moved: list[str],
        pm_id: str,
        to_record: Callable[[str, Any], Doc],
    ) -> list[Doc]:
        """`inserted` (the documents of the `written` events), plus the events that follow
        one of them at its instant, written again after it (and added to `moved`).

        load() orders events at one instant by their place in the table, and a written
        document joins the table's end: an event put back before others at its instant (an
        undone edit or delete) needs those others behind it again. Costs a bisection per
        written instant, not a pass over the timeline."""
        docs = {doc["id"]: doc for doc in inserted}
        result = dict(docs)
        done: set[Any] = set()
        for item in written:
            if item.at in done:
                continue
            done.add(item.at)
            start = bisect_left(events, item.at, key=lambda e: e.at)
            end = bisect_right(events, item.at, key=lambda e: e.at)
            if end - start < 2:
                continue  # alone at its instant: nothing to keep in order
            group = events[start:end]
            first = next(i for i, e in enumerate(group) if e.id in docs)
            for event in group[first:]:
                if event.id not in docs and (schema.EVENTS, pm_id, event.id) in self._doc_ids:
                    moved.append(event.id)
                result.pop(event.id, None)
                result[event.id] = docs.get(event.id) or to_record(pm_id, event)
        return list(result.values())


def _of_postmortem(table: dict[int, Doc], pm_id: str) -> list[Doc]:
    """The records of `table` that belong to `pm_id`, in stored order.

    Picked in C: a Python step per record was a tenth of reading a 10,000-event timeline."""
    docs = list(table.values())
    return list(compress(docs, map(eq, map(_PM, docs), repeat(pm_id))))


def _changed_middle(
    old: Sequence[Any], new: Sequence[Any], *, keep_order: bool = False
) -> tuple[Sequence[Any], Sequence[Any]]:
    """Drop the leading and trailing elements both versions share (by identity); with
    `keep_order`, only the leading ones (what follows a change may have to move).

    One edit in a 10,000-event timeline leaves a handful of elements to compare.
    """
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] is new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while (
        not keep_order
        and end_old > start
        and end_new > start
        and old[end_old - 1] is new[end_new - 1]
    ):
        end_old -= 1
        end_new -= 1
    return old[start:end_old], new[start:end_new]


def _canonical_instant(text: str) -> bool:
    """Whether `text` is spelled as iso_utc spells an instant (a checked record's `at` is a
    valid time, so its shape is enough)."""
    return len(text) in (20, 27) and text[10] == "T" and text[-1] == "Z"


def _sound_rows(rows: list[file_sidecar.Row] | None) -> list[file_sidecar.Row] | None:
    """The sidecar's rows if each reads as a summary (and shows safely), else None."""
    if rows is None:
        return None
    table = dict(enumerate(rows))
    try:
        ids = [row["id"] for row in rows]
        for row in rows:
            if type(row["id"]) is not str or type(row["events"]) is not int:
                return None
            _summary(row, "")
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    if len(set(ids)) != len(ids):
        return None
    # The writer wrote texts already made safe; a sidecar crafted by hand is made safe too.
    legacy_text.shown_safely({"rows": table})
    return list(table.values())


def _summary(row: file_sidecar.Row, today: str) -> PostMortemSummary:
    open_due = row["open_due"]
    for due in open_due:
        if due is not None and type(due) is not str:
            raise TypeError(f"due {due!r} is not a date")
    return PostMortemSummary(
        id=row["id"],
        title=_text(row["title"]),
        severity=Severity(row["severity"]),
        status=Status(row["status"]),
        owner=_text(row["owner"]),
        incident_date=date.fromisoformat(row["incident_date"]) if row["incident_date"] else None,
        updated_at=parse_iso_utc(row["updated_at"]),
        event_count=row["events"],
        open_actions=len(open_due),
        overdue_actions=sum(1 for due in open_due if due and due < today),
    )


def _text(value: object) -> str:
    if type(value) is not str:
        raise TypeError(f"{value!r} is not text")
    return value
