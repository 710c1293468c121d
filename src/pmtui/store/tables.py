"""Provides the TinyDB table class pmtui uses: document ids stay ints in memory.

Stock TinyDB converts every document id of a table from str to int and back on each write
(JSON object keys are strings). At 10,000 events that costs about 5 ms per save, half the
budget for one edit. pmtui's storage converts the keys once when the file is read and lets
orjson write int keys as strings, so this table can hand its dict to TinyDB as it is.

Only the id-based operations pmtui calls are relied on: insert, insert_multiple,
update(doc_ids=...), remove(doc_ids=...) and iteration (tests cover each).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from pmtui.store.storage import AtomicJSONStorage


class IntKeyTable(Table):
    # pmtui's databases always use its own storage, whose read() never returns None.
    _storage: AtomicJSONStorage

    def _read_table(self) -> dict[Any, Mapping]:
        return self._storage.read().get(self.name, {})

    def _update_table(self, updater: Callable[[dict[int, Mapping]], None]) -> None:
        tables = self._storage.read()
        table = tables.setdefault(self.name, {})
        updater(table)
        self._storage.write(tables)
        self.clear_cache()

    def _get_next_id(self) -> int:
        # Stock TinyDB converts every key of the table to find the largest; they are ints.
        stored: int | None = self._next_id
        next_id = max(self._read_table(), default=0) + 1 if stored is None else stored
        self._next_id = next_id + 1  # type: ignore[assignment]  # TinyDB declares it None
        return next_id


class PmtuiDB(TinyDB):
    table_class = IntKeyTable
