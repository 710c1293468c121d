"""Pilot tests of keys that arrive in one burst (a fast typist, tmux send-keys, a slow link):
each key lands in the field that had the focus when it was typed, tab included."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.panes.actions import ActionsPane
from tests.ui.support import open_sample, wait_for_screen, wait_until

SIZE = (100, 30)


def burst(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Hand `keys` to the app all at once, as the terminal driver does for a burst."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)


async def open_action_form(pilot) -> ActionItemModal:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="actions")
    pilot.app.screen.query_one(ActionsPane).table.focus()
    await pilot.press("a")
    await wait_for_screen(pilot, ActionItemModal)
    return pilot.app.screen


def values(form: ActionItemModal) -> dict[str, str]:
    return {
        name: form.query_one(f"#action-{name}", Input).value for name in ("text", "owner", "due")
    }


def typed(form: ActionItemModal) -> int:
    return sum(len(value) for value in values(form).values())


async def test_letters_right_after_tab_go_to_the_next_field(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        form = await open_action_form(pilot)
        burst(pilot, *"Fix", "tab", *"Tom", "tab", *"+2w", "shift+tab", "shift+tab")
        text = form.query_one("#action-text", Input)
        await wait_until(pilot, lambda: text.has_focus and typed(form) == 9, timeout=5)
        assert values(form) == {"text": "Fix", "owner": "Tom", "due": "+2w"}


async def test_tab_in_a_burst_takes_the_suggested_owner_and_moves_on(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_action_form(pilot)
        burst(pilot, *"Renew certificates early", "tab", *"jo", "tab", *"+2w", "enter")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActionItemModal))
    saved = ui.saved().actions[-1]
    assert (saved.text, saved.owner) == ("Renew certificates early", "Jonas Weber")
    assert saved.due is not None and saved.due.isoformat() == "2025-04-03"
