"""Provides the IANA name of this machine's timezone, the default for a new post-mortem."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from pmtui.model.errors import ValidationError
from pmtui.model.times import parse_timezone


def _valid(name: str) -> bool:
    try:
        parse_timezone(name)
    except ValidationError:
        return False
    return True


def local_timezone_name() -> str:
    """$TZ if it names a zone, else what /etc/localtime points at, else 'UTC'.

    A team mostly reviews incidents where it lives; UTC is only the last resort.
    """
    candidates = [os.environ.get("TZ", "").strip().lstrip(":")]
    with contextlib.suppress(OSError):
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text().strip())
    for name in candidates:
        if name and "/" in name and _valid(name):
            return name
    return "UTC"
