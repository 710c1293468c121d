"""Provides run_workspace(): open the database (read-only if another pmtui writes it) and
run the app until the user quits."""

from __future__ import annotations

from pathlib import Path

from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore, StoreLocked


def open_store(path: Path) -> tuple[PostMortemStore, str]:
    """The store, writable if possible; the second value explains a read-only open."""
    try:
        return PostMortemStore.open(path), ""
    except StoreLocked as locked:
        return PostMortemStore.open(path, read_only=True), f"Read-only: {locked}"


def run_workspace(path: Path) -> int:
    from pmtui.ui.app import make_app

    store, read_only_reason = open_store(path)
    with store:
        app = make_app(PostMortemService(store), read_only_reason=read_only_reason)
        app.run()
    return app.return_code or 0
