"""Pilot tests of traps the session-26 review of mock meetings 20 to 25 left open: the word a
priority means, typed on the action form's Priority, picks it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pmtui.model.enums import Priority, parse_enum
from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets import type_select
from pmtui.ui.widgets.type_select import TypeSelect
from tests.ui.support import UI, open_sample, screen_lines, wait_for_screen, wait_until


@pytest.fixture(autouse=True)
def one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # One type-ahead run however slowly a loaded machine hands the keys over.
    monkeypatch.setattr(type_select, "TYPE_AHEAD_PAUSE", 60.0)


def test_the_words_a_file_or_command_takes_for_a_priority_still_mean_it() -> None:
    assert [parse_enum(Priority, word) for word in ("critical", "high", "medium", "low")] == [
        Priority.P1,
        Priority.P2,
        Priority.P3,
        Priority.P4,
    ]


@pytest.mark.parametrize(("typed", "saved"), [("high", "P2"), ("low", "P4"), ("3", "P3")])
async def test_a_priority_word_typed_on_priority_picks_it(
    make_ui: Callable[..., UI], typed: str, saved: str
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, "actions")
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        form = pilot.app.screen
        assert isinstance(form, ActionItemModal)
        await pilot.press(*"Alert on cert expiry", "tab", *"Priya", "tab", *"2027-01-15")
        priority = form.query_one("#action-priority", TypeSelect)
        await pilot.press("tab")
        await wait_until(pilot, lambda: form.focused is priority)
        await pilot.press(*typed)
        await wait_until(pilot, lambda: priority.value == saved)
        label = f"{saved} · {dict(P1='critical', P2='high', P3='medium', P4='low')[saved]}"
        assert any(label in line for line in screen_lines(pilot.app))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
    added = [a for a in ui.saved().actions if a.text == "Alert on cert expiry"]
    assert [a.priority for a in added] == [Priority(saved)]
