"""Files as a newer pmtui writes them: a higher `format_minor` and fields this pmtui does not
know, in a team folder file and in the database file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from pmtui.model.codec import postmortem_from_dict
from pmtui.resources import sample_files
from pmtui.store import FolderStore, PostMortemStore
from pmtui.store.layout import SETTINGS_NAME, TeamSettings, settings_bytes

FIXED_NOW = datetime(2025, 3, 20, 9, 30, tzinfo=UTC)
SAMPLE_ID = "pm-2025-03-19-api-tls"

#: What the newer pmtui in these tests added: a header field and an event field.
NEWER_HEADER_FIELD = '"blast_radius": "eu-west-1 only"'
NEWER_EVENT_FIELD = '"confidence": "high"'


def sample_document() -> dict[str, Any]:
    document: dict[str, Any] = orjson.loads(sample_files()[0].read_bytes())
    return document


def team_folder(root: Path, *ids: str) -> Path:
    """A team folder holding the sample under each of `ids` (the sample's own id first)."""
    from dataclasses import replace

    root.mkdir()
    (root / SETTINGS_NAME).write_bytes(settings_bytes(TeamSettings()))
    pm = postmortem_from_dict(sample_document(), now=FIXED_NOW)
    with FolderStore.open(root) as store:
        for pm_id in ids or (SAMPLE_ID,):
            store.create(replace(pm, id=pm_id, title=f"{pm.title} ({pm_id})"))
    return root


def make_newer_file(file: Path, minor: int = 99) -> bytes:
    """Rewrite a team file as a pmtui of format 1.`minor` would: its minor in the header,
    a header field and a field on the first event that this pmtui does not know."""
    text = file.read_text(encoding="utf-8")
    lines = text.split("\n")
    header_minor = next(i for i, line in enumerate(lines) if '"format_minor":' in line)
    lines[header_minor] = f'  "format_minor": {minor},'
    lines.insert(header_minor, f"  {NEWER_HEADER_FIELD},")
    first_event = next(i for i, line in enumerate(lines) if line == '  "_block": "event",')
    lines.insert(first_event + 1, f"  {NEWER_EVENT_FIELD},")
    file.write_text("\n".join(lines), encoding="utf-8")
    return file.read_bytes()


def make_newer_database(path: Path, minor: int = 99) -> bytes:
    """A database file holding the sample, whose record a pmtui of format 1.`minor` wrote:
    that minor, and a header and an event field this pmtui does not know."""
    with PostMortemStore.open(path) as store:
        store.create(postmortem_from_dict(sample_document(), now=FIXED_NOW))
    data = orjson.loads(path.read_bytes())
    (header,) = data["postmortems"].values()
    header["format_minor"] = minor
    header["blast_radius"] = "eu-west-1 only"
    next(iter(data["events"].values()))["confidence"] = "high"
    path.write_bytes(orjson.dumps(data))
    return path.read_bytes()
