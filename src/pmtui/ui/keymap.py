"""Provides the user's keymap: binding ids mapped to keys, read from keymap.toml.

The file is `$PMTUI_KEYMAP`, else `keymap.toml` in the user config folder. A line pmtui
cannot use is reported and skipped; every other line still applies, so one typo never
takes away the rest of someone's keys.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

KEYMAP_ENV = "PMTUI_KEYMAP"
KEYMAP_FILENAME = "keymap.toml"


@dataclass(frozen=True)
class Keymap:
    keys: dict[str, str] = field(default_factory=dict)
    #: One sentence per thing pmtui could not use, naming the file and the id or line.
    problems: list[str] = field(default_factory=list)


def keymap_path() -> Path:
    from_env = os.environ.get(KEYMAP_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    # Imported here so that nothing computes user paths at import time.
    from platformdirs import user_config_path

    return user_config_path("pmtui", appauthor=False) / KEYMAP_FILENAME


def load_keymap(path: Path, known_ids: Callable[[], Collection[str]]) -> Keymap:
    """Read `path`; no file means no keymap (only a file named by $PMTUI_KEYMAP must exist).

    `known_ids` is called only when there is a file: finding every binding imports every screen.
    """
    explicit = bool(os.environ.get(KEYMAP_ENV, "").strip())
    if not path.exists():
        return Keymap(problems=[f"keymap {path}: no such file"] if explicit else [])
    if not path.is_file():
        return Keymap(problems=[f"keymap {path}: not a regular file"])
    # tomllib only when there is a file: start-up without a keymap pays nothing for it.
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return Keymap(problems=[f"keymap {path}: cannot read it ({error})"])
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # A broken line must not cost the good ones: read the file line by line instead.
        return _load_lines(path, text, known_ids(), first_error=str(error))
    return _check(path, table.items(), known_ids())


def _load_lines(path: Path, text: str, known_ids: Collection[str], first_error: str) -> Keymap:
    import tomllib

    entries: list[tuple[str, object]] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            entries.extend(tomllib.loads(line).items())
        except tomllib.TOMLDecodeError:
            problems.append(f'keymap {path}, line {number}: not `"id" = "key"` ({first_error})')
    if not problems:
        # Every line reads alone, so the file as a whole is at fault (an id given twice).
        problems.append(f"keymap {path}: {first_error}")
    found = _check(path, entries, known_ids)
    return Keymap(found.keys, problems + found.problems)


def _flatten(entries: Iterable[tuple[str, object]]) -> Iterator[tuple[str, object]]:
    """Unquoted `timeline.stamp = ...` is a TOML table: it means the id "timeline.stamp"."""
    for name, value in entries:
        if isinstance(value, dict):
            for inner, key in _flatten(value.items()):
                yield f"{name}.{inner}", key
        else:
            yield name, value


def _is_key_list(value: object) -> bool:
    """A non-empty string of printable characters, such as "ctrl+s" or "f2,ctrl+2"."""
    if not isinstance(value, str):
        return False
    keys = value.replace(" ", "").split(",")
    return all(key and key.isprintable() for key in keys)


def _check(path: Path, entries: Iterable[tuple[str, object]], known_ids: Collection[str]) -> Keymap:
    keys: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, key in _flatten(entries):
        if binding_id not in known_ids:
            problems.append(f"keymap {path}: unknown binding id {binding_id!r} (see the README)")
        elif not _is_key_list(key):
            problems.append(f'keymap {path}: {binding_id!r} needs a key such as "ctrl+s"')
        else:
            keys[binding_id] = str(key).replace(" ", "")
    return Keymap(keys, problems)


def key_now(keymap: dict[str, str], binding_id: str, default: str) -> str:
    """The key a hint names for `binding_id`: the user's first one, else pmtui's `default`."""
    keys = keymap.get(binding_id, "")
    return keys.split(",")[0].strip() or default
