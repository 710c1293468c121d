"""Provides run_workspace(): open the database or team folder (read-only if another pmtui
writes it) and run the app until the user quits."""

from __future__ import annotations

from pathlib import Path

from pmtui.gcpause import freeze_what_lives_on
from pmtui.service import open_service


def run_workspace(path: Path, *, confine_to: Path | None = None) -> int:
    """`confine_to`: the only folder whose files the import and export dialogs may use."""
    from pmtui.ui.app import make_app

    service, read_only_reason = open_service(path)
    with service:
        app = make_app(service, read_only_reason=read_only_reason, confine_to=confine_to)
        freeze_what_lives_on()
        app.run()
    return app.return_code or 0
