"""Provides shown_safely(): stored texts that an older pmtui (or a hand edit) let in, made visible.

Since text passes the model's door (pmtui.model.text), no new write holds a control,
bidirectional or zero-width character; a file written before may. Shown raw in the workspace,
an ESC sequence in a title retitles the terminal window and redraws the screen, so on open
such a character becomes its visible \\uXXXX escape everywhere: the author sees what was
there and can fix it, and the next save keeps the escape instead of the character.
"""

from __future__ import annotations

import re
from typing import Any

from pmtui.model.text import visible

# What such a character looks like in the file's bytes: JSON's \u00XX, \b, \f or \r escapes,
# a raw DEL or C1 control, a bidirectional or zero-width character (raw UTF-8 or \uXXXX).
# A cheap search over the raw file, so a clean 100,000-event file is not walked value by value;
# a false alarm (an escaped backslash before "r") only costs that walk.
# JSON escapes first (each starts with a backslash, so the search skips ahead by it); then, in
# a file that is not plain ASCII, whether its text has any unprintable character at all
# (str.isprintable runs in C; a regex over raw UTF-8 bytes costs ten times as much). A
# no-break space is unprintable too: such a false alarm only costs the walk.
_ESCAPED = re.compile(rb"\\(?:u00|[bfr]|u20[0-6][0-9a-fA-F]|u061[cC]|u[fF][eE][fF][fF])")


def may_hold_unsafe_text(raw: bytes) -> bool:
    # Each escape starts with a backslash: one look in C (memchr) clears most files, where the
    # pattern walked a 10,000-event file's two megabytes at five instructions a byte.
    if b"\x7f" in raw or (b"\\" in raw and _ESCAPED.search(raw) is not None):
        return True
    return not raw.isascii() and not raw.decode("utf-8", "replace").isprintable()


def _shown(value: Any) -> Any:
    if isinstance(value, str):
        return value if value.isprintable() else visible(value)
    if isinstance(value, list):
        return [_shown(item) for item in value]
    if isinstance(value, dict):
        return {key: _shown(item) for key, item in value.items()}
    return value


def shown_safely(tables: dict[str, dict[Any, Any]]) -> None:
    """Replace, in place, every stored text holding such a character by its visible form.

    Ids change the same way wherever they are named (a record's `pm`, an action's `cause`),
    so references between records still hold.
    """
    for table in tables.values():
        for key, doc in table.items():
            table[key] = _shown(doc)
