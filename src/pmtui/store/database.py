"""Provides PostMortemStore: the only code that touches TinyDB.

One file, five tables (meta, postmortems, events, whys, actions). Every change a caller
commits becomes exactly one atomic file write, however many documents it touches.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import orjson
from tinydb.table import Table

from pmtui.model.postmortem import PostMortem
from pmtui.model.summary import PostMortemSummary
from pmtui.model.times import parse_iso_utc
from pmtui.regularfile import NotRegularFile, read_regular
from pmtui.store import legacy_text, records, schema, validate
from pmtui.store.atomic import remove_stale_temp_files
from pmtui.store.errors import (
    DamagedFile,
    NewerSchema,
    NotFound,
    ReadOnlyStore,
    StoreError,
    WriteFailed,
)
from pmtui.store.lock import WriterLock
from pmtui.store.storage import AtomicJSONStorage, Tables
from pmtui.store.tables import PmtuiDB
from pmtui.store.target import database_target

Doc = dict[str, Any]
_ELEMENT_TABLES = (schema.EVENTS, schema.WHYS, schema.ACTIONS)


def _read_file(path: Path) -> Tables:
    """Parse the file, refusing (never repairing) anything that is not a pmtui database."""
    try:
        raw = read_regular(path)  # a pipe swapped in since open() looked is refused, not read
    except FileNotFoundError:
        return {}
    except IsADirectoryError:
        raise DamagedFile(path, "is a folder, not a database file") from None
    except NotRegularFile as error:
        raise DamagedFile(path, error.strerror) from None
    except OSError as error:
        raise DamagedFile(path, f"cannot be read ({error.strerror or error})") from None
    if not raw.strip():
        return {}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise DamagedFile(path, f"is damaged (not valid JSON: {error})") from None
    tables = schema.check_layout(path, data)
    try:
        # TinyDB document ids are ints; the file spells them as strings (see tables.py).
        parsed = {
            name: {int(key): doc for key, doc in table.items()} for name, table in tables.items()
        }
    except ValueError:
        raise DamagedFile(path, "is not a pmtui database (a document id is not a number)") from None
    if legacy_text.may_hold_unsafe_text(raw):
        legacy_text.shown_safely(parsed)
    return parsed


class PostMortemStore:
    """Typed access to the database file. Open with `PostMortemStore.open(path)`."""

    def __init__(self, path: Path, data: Tables, *, read_only: bool, lock: WriterLock | None):
        self.path = path
        self.read_only = read_only
        self._lock = lock
        self._db = PmtuiDB(str(path), storage=AtomicJSONStorage, initial=data, read_only=read_only)
        self._storage: AtomicJSONStorage = self._db.storage  # type: ignore[assignment]
        # (table, pm id, element id) -> TinyDB doc id, so an edit never scans a table.
        self._doc_ids: dict[tuple[str, str, str], int] = {}
        self._pm_doc_ids: dict[str, int] = {}
        self._rebuild_index()

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
            data = _read_file(path)
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
            validate.check_records(path, data)
            if lock is not None:
                remove_stale_temp_files(path)
            try:
                store = cls(path, data, read_only=read_only, lock=lock)
            except (KeyError, TypeError):
                # A document without a usable "id" or "pm" key: readable JSON, not pmtui's.
                raise DamagedFile(
                    path, "is not a pmtui database (a document lacks its id or post-mortem)"
                ) from None
            if needs_migration and not read_only:
                try:
                    store._storage.flush()
                except OSError as error:
                    raise WriteFailed(path, error.strerror or str(error)) from None
            return store
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

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
        return self._storage.read().get(table, {})

    def _rebuild_index(self) -> None:
        self._doc_ids.clear()
        self._pm_doc_ids = {
            doc["id"]: int(key) for key, doc in self._raw(schema.POSTMORTEMS).items()
        }
        for table in _ELEMENT_TABLES:
            for key, doc in self._raw(table).items():
                self._doc_ids[(table, doc["pm"], doc["id"])] = key

    def _table(self, name: str) -> Table:
        return self._db.table(name, cache_size=0)

    # Reading -------------------------------------------------------------------------

    def ids(self) -> list[str]:
        return list(self._pm_doc_ids)

    def resolve_id(self, text: str) -> str:
        """The full id for `text`, which may be a unique prefix of one."""
        if text in self._pm_doc_ids:
            return text
        matches = [pm_id for pm_id in self._pm_doc_ids if pm_id.startswith(text)] if text else []
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise NotFound(f"{text!r} matches several post-mortems: {', '.join(sorted(matches))}")
        raise NotFound(f"no post-mortem with id {text!r} in {self.path}")

    def load(self, pm_id: str) -> PostMortem:
        pm_id = self.resolve_id(pm_id)
        header = self._raw(schema.POSTMORTEMS)[self._pm_doc_ids[pm_id]]
        parts = {
            table: [doc for doc in self._raw(table).values() if doc["pm"] == pm_id]
            for table in _ELEMENT_TABLES
        }
        try:
            return records.postmortem_from_records(
                header, parts[schema.EVENTS], parts[schema.WHYS], parts[schema.ACTIONS]
            )
        except (KeyError, ValueError, TypeError) as error:
            raise DamagedFile(
                self.path, f"holds an unreadable post-mortem {pm_id} ({error!r})"
            ) from None

    def _unreadable(self, pm_id: str, error: Exception) -> DamagedFile:
        return DamagedFile(self.path, f"holds an unreadable post-mortem {pm_id} ({error!r})")

    def summaries(self, today: date) -> list[PostMortemSummary]:
        """One line per post-mortem, newest incident first, without loading timelines."""
        event_counts: dict[str, int] = {}
        for doc in self._raw(schema.EVENTS).values():
            event_counts[doc["pm"]] = event_counts.get(doc["pm"], 0) + 1
        open_counts: dict[str, int] = {}
        overdue_counts: dict[str, int] = {}
        today_text = today.isoformat()
        for doc in self._raw(schema.ACTIONS).values():
            if doc.get("status") in ("open", "in-progress"):
                open_counts[doc["pm"]] = open_counts.get(doc["pm"], 0) + 1
                due = doc.get("due")
                if due and due < today_text:
                    overdue_counts[doc["pm"]] = overdue_counts.get(doc["pm"], 0) + 1
        summaries = []
        for header in self._raw(schema.POSTMORTEMS).values():
            pm_id = header["id"]
            try:
                summaries.append(
                    PostMortemSummary(
                        id=pm_id,
                        title=header["title"],
                        severity=records.Severity(header["severity"]),
                        status=records.Status(header["status"]),
                        owner=header.get("owner", ""),
                        incident_date=records._date(header.get("incident_date")),
                        updated_at=parse_iso_utc(header["updated_at"]),
                        event_count=event_counts.get(pm_id, 0),
                        open_actions=open_counts.get(pm_id, 0),
                        overdue_actions=overdue_counts.get(pm_id, 0),
                    )
                )
            except (KeyError, ValueError, TypeError) as error:
                raise DamagedFile(
                    self.path, f"holds an unreadable post-mortem ({error!r})"
                ) from None
        summaries.sort(key=lambda s: (s.incident_date or date.min, s.updated_at), reverse=True)
        return summaries

    # Writing -------------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One atomic file write for the whole block; on failure, memory matches the file."""
        if self.read_only:
            raise ReadOnlyStore(self.path)
        try:
            with self._storage.batch():
                if not self._raw(schema.META):
                    self._table(schema.META).insert(schema.meta_document())
                yield
        except OSError as error:
            self._reload()
            raise WriteFailed(self.path, error.strerror or str(error)) from None
        except BaseException:
            self._reload()
            raise

    def _reload(self) -> None:
        # The file on disk is the last state that was really saved (we hold the writer lock).
        self._storage.replace_cache(_read_file(self.path))
        self._rebuild_index()

    def create(self, pm: PostMortem) -> None:
        """Add a whole post-mortem (header, timeline, whys, actions) in one write."""
        if pm.id in self._pm_doc_ids:
            raise StoreError(f"a post-mortem with id {pm.id} already exists in {self.path}")
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
        if new.id != old.id:
            raise ValueError("save() compares two versions of the same post-mortem")
        with self._writing():
            header = records.header_record(new)
            if header != records.header_record(old):
                self._table(schema.POSTMORTEMS).update(header, doc_ids=[self._pm_doc_ids[new.id]])
            self._sync(schema.EVENTS, new.id, old.events, new.events, records.event_record)
            self._sync(schema.WHYS, new.id, old.whys, new.whys, records.why_record)
            self._sync(schema.ACTIONS, new.id, old.actions, new.actions, records.action_record)

    def delete(self, pm_id: str) -> None:
        pm_id = self.resolve_id(pm_id)
        with self._writing():
            self._table(schema.POSTMORTEMS).remove(doc_ids=[self._pm_doc_ids.pop(pm_id)])
            for table in _ELEMENT_TABLES:
                keys = [k for k in self._doc_ids if k[0] == table and k[1] == pm_id]
                if keys:
                    self._table(table).remove(doc_ids=[self._doc_ids.pop(k) for k in keys])

    def _insert_header(self, pm: PostMortem) -> None:
        doc_id = self._table(schema.POSTMORTEMS).insert(records.header_record(pm))
        self._pm_doc_ids[pm.id] = doc_id

    def _insert(self, table: str, pm_id: str, docs: list[Doc]) -> None:
        if not docs:
            return
        doc_ids = self._table(table).insert_multiple(docs)
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
        old, new = _changed_middle(old, new)
        old_by_id = {item.id: item for item in old}
        inserted: list[Doc] = []
        updated: dict[str, Doc] = {}
        moved: list[str] = []
        for item in new:
            previous = old_by_id.pop(item.id, None)
            if previous is item:
                continue
            if previous is None:
                inserted.append(to_record(pm_id, item))
            elif previous != item and table == schema.EVENTS:
                # An edited event goes after the others at its instant (PostMortem.with_event),
                # and load() orders events at one instant by their place in the table: so
                # the edited document moves to the end of the table too.
                moved.append(item.id)
                inserted.append(to_record(pm_id, item))
            elif previous != item:
                updated[item.id] = to_record(pm_id, item)
        if old_by_id or moved:
            removed = [self._doc_ids.pop((table, pm_id, item_id)) for item_id in old_by_id]
            removed += [self._doc_ids.pop((table, pm_id, item_id)) for item_id in moved]
            self._table(table).remove(doc_ids=removed)
        if updated:

            def apply(doc: MutableMapping[str, Any]) -> None:
                doc.update(updated[doc["id"]])

            doc_ids = [self._doc_ids[(table, pm_id, item_id)] for item_id in updated]
            self._table(table).update(apply, doc_ids=doc_ids)
        self._insert(table, pm_id, inserted)


def _changed_middle(old: Sequence[Any], new: Sequence[Any]) -> tuple[Sequence[Any], Sequence[Any]]:
    """Drop the leading and trailing elements both versions share (by identity).

    One edit in a 10,000-event timeline leaves a handful of elements to compare.
    """
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] is new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] is new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return old[start:end_old], new[start:end_new]
