"""Snapshot tests of the new post-mortem dialog at 80x24 and 160x45 with the fixed clock: a
title typed, and the Owner box (asked here since mock meeting 9) suggesting an earlier owner."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.screens import home
from tests.ui.support import UI, show_snapshot_database, wait_for_screen, wait_until

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]


@pytest.mark.parametrize("size", SIZES)
def test_new_postmortem_dialog(
    snap_compare,
    snapshot_ui: Callable[..., UI],
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The offered timezone is the machine's: the picture must not depend on where it is taken.
    monkeypatch.setattr(home, "local_timezone_name", lambda: "Europe/Berlin")
    app = snapshot_ui().app

    async def typed(pilot) -> None:  # type: ignore[no-untyped-def]
        await show_snapshot_database(pilot)
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        await pilot.press(*"Datadog multi-region outage", "tab", "tab", "tab", *"Pr")
        owner = pilot.app.screen.query_one("#owner")
        await wait_until(pilot, lambda: owner.suggestion == "Priya Raman")

    assert snap_compare(app, terminal_size=size, run_before=typed)
