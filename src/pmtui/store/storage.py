"""Provides the TinyDB storage pmtui writes through: cached, orjson, atomic, batchable.

TinyDB's own JSONStorage rewrites the file in place, so a kill mid-write corrupts it; this
storage replaces the file atomically instead. Because pmtui holds the writer lock, the file
cannot change under it, so the parsed document is kept in memory and TinyDB's reads cost
nothing. Several table operations can be grouped into one file write with `batch()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from pmtui.store.atomic import atomic_write
from pmtui.store.pieces import dumps_in_pieces

Tables = dict[str, dict[Any, Any]]
#: Past this many records a save is written in pieces (see pieces.dumps_in_pieces); below it,
#: in one piece, which is a few milliseconds quicker per save.
LARGE_FILE_RECORDS = 50_000


class AtomicJSONStorage(Storage):
    def __init__(self, path: str, *, initial: Tables, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._data: Tables = initial
        self._batch_depth = 0
        self._dirty = False

    def read(self) -> Tables:
        return self._data

    def write(self, data: Tables) -> None:
        # TinyDB mutates the dict read() returned and hands it back; keep it as the cache.
        self._data = data
        if self._batch_depth:
            self._dirty = True
        else:
            self.flush()

    def flush(self) -> None:
        if self.read_only:
            raise PermissionError("read-only storage")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Document ids are ints in memory (see tables.py); JSON wants string keys.
        if sum(map(len, self._data.values())) > LARGE_FILE_RECORDS:
            # 100,000 events: written a few thousand records at a time, never 20 MB at once.
            atomic_write(self.path, dumps_in_pieces(self._data))
        else:
            atomic_write(self.path, orjson.dumps(self._data, option=orjson.OPT_NON_STR_KEYS))
        self._dirty = False

    def replace_cache(self, data: Tables) -> None:
        """Forget unsaved in-memory changes, e.g. after a failed write."""
        self._data = data
        self._dirty = False

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group every write inside the block into one atomic file write at its end."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0 and self._dirty:
            self.flush()

    def close(self) -> None:
        pass
