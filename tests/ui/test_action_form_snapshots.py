"""Snapshot tests of the action item form at 80x24 (compact: every field keeps its side edges,
so an empty field's "e.g." placeholder reads as an example in a box, not as a value) and at
160x45 (bordered), with the fixed clock; both themes are measured by test_contrast.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.panes.actions import ActionsPane
from tests.ui.support import UI, open_sample, wait_for_screen, wait_until

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]


async def _new_action_typed(pilot) -> None:  # type: ignore[no-untyped-def]
    """The form with an action typed and "Jo" in Owner: values beside placeholders."""
    await open_sample(pilot, tab="actions")
    pilot.app.screen.query_one(ActionsPane).table.focus()
    await pilot.press("a")
    await wait_for_screen(pilot, ActionItemModal)
    await pilot.press(*"Renew certificates 30 days early", "tab", *"Jo")
    owner = pilot.app.screen.query_one("#action-owner")
    await wait_until(pilot, lambda: owner.suggestion == "Jonas Weber")


@pytest.mark.parametrize("size", SIZES)
def test_action_form(snap_compare, snapshot_ui: Callable[..., UI], size: tuple[int, int]) -> None:
    app = snapshot_ui().app
    assert snap_compare(app, terminal_size=size, run_before=_new_action_typed)


def test_action_form_in_a_light_theme(snap_compare, snapshot_ui: Callable[..., UI]) -> None:
    app = snapshot_ui().app

    async def light(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.theme = "textual-light"
        await _new_action_typed(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=light)
