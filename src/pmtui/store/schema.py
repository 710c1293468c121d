"""Provides the database layout: table names, schema version, checks and migrations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeGuard

from pmtui.store.errors import DamagedFile

SCHEMA_VERSION = 1
APP = "pmtui"

META = "meta"
POSTMORTEMS = "postmortems"
EVENTS = "events"
WHYS = "whys"
ACTIONS = "actions"
TABLES = (META, POSTMORTEMS, EVENTS, WHYS, ACTIONS)

#: Table name → document id → document (ids are ints in memory, see tables.py).
Tables = dict[str, dict[Any, Any]]
Migration = Callable[[Tables], Tables]

#: MIGRATIONS[n] turns a schema-n file into a schema-(n+1) file. Empty until the layout changes.
MIGRATIONS: dict[int, Migration] = {}


def meta_document() -> dict[str, Any]:
    return {"app": APP, "schema": SCHEMA_VERSION}


def check_layout(path: Path, data: object) -> Tables:
    """Accept only a TinyDB document that pmtui wrote; anything else is refused by name."""
    if not isinstance(data, dict):
        raise DamagedFile(path, "is not a pmtui database (its JSON is not an object of tables)")
    for name, table in data.items():
        # By type, in C: 100,000 events are a third of a second of isinstance calls in Python.
        if not isinstance(table, dict) or not set(map(type, table.values())) <= {dict}:
            raise DamagedFile(path, f"is not a pmtui database (table {name!r} is malformed)")
    if data and schema_of(data) is None:
        names = ", ".join(sorted(data)) or "none"
        raise DamagedFile(path, f"is not a pmtui database (it holds the tables: {names})")
    return data


def is_version(value: object) -> TypeGuard[int]:
    # bool is an int to Python: `"schema": true` must not read as schema 1.
    return isinstance(value, int) and not isinstance(value, bool)


def schema_of(data: Tables) -> int | None:
    for doc in data.get(META, {}).values():
        schema = doc.get("schema")
        if doc.get("app") == APP and is_version(schema):
            return schema
    return None


def can_migrate(found: int) -> bool:
    """Whether a migration exists for every step from schema `found` to this pmtui's."""
    return all(version in MIGRATIONS for version in range(found, SCHEMA_VERSION))


def migrate(data: Tables, found: int) -> Tables:
    for version in range(found, SCHEMA_VERSION):
        data = MIGRATIONS[version](data)
    # Document ids are ints in memory (see tables.py), like every other table's.
    data[META] = {1: meta_document()}
    return data
