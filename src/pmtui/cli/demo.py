"""Provides the throwaway demo database: a temporary copy seeded with the bundled samples."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson

from pmtui.model.codec import postmortem_from_dict
from pmtui.resources import sample_files


@contextmanager
def demo_database() -> Iterator[Path]:
    """A fresh database holding every sample, deleted when the block ends.

    Samples keep the ids written in their files, so the README can name them.
    """
    # Imported here: a team folder never needs the single-file store (nor TinyDB).
    from pmtui.store.database import PostMortemStore

    with tempfile.TemporaryDirectory(prefix="pmtui-demo-") as folder:
        path = Path(folder) / "demo.json"
        with PostMortemStore.open(path) as store:
            for sample in sample_files():
                store.create(postmortem_from_dict(orjson.loads(sample.read_bytes())))
        yield path
