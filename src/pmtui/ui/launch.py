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


def run_workspace(path: Path, *, confine_to: Path | None = None) -> int:
    """`confine_to`: the only folder whose files the import and export dialogs may use."""
    from pmtui.ui.app import make_app

    store, read_only_reason = open_store(path)
    with store:
        service = PostMortemService(store)
        app = make_app(service, read_only_reason=read_only_reason, confine_to=confine_to)
        app.run()
    return app.return_code or 0
