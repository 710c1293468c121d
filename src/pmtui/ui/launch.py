"""Provides run_workspace(): open the database or team folder (read-only if another pmtui
writes it) and run the app until the user quits."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from pmtui.gcpause import freeze_what_lives_on, paused_gc


def run_workspace(path: Path, *, confine_to: Path | None = None) -> int:
    """`confine_to`: the only folder whose files the import and export dialogs may use."""
    with ExitStack() as open_until_quit:
        # Held until frozen: Textual's and pmtui's modules, the app and the store read at
        # start-up all live as long as the process, and the collections meanwhile walked
        # them for no garbage (a few hundred objects; about 5% of the home screen's start-up).
        with paused_gc():
            from pmtui.service import open_service
            from pmtui.ui.app import make_app

            service, read_only_reason = open_service(path)
            open_until_quit.enter_context(service)
            app = make_app(service, read_only_reason=read_only_reason, confine_to=confine_to)
            freeze_what_lives_on()
        app.run()
    return app.return_code or 0
