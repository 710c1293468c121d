"""Pilot tests of what the whole app shares: help (F1), the palette, read-only opening."""

from __future__ import annotations

from textual.widgets import DataTable

from pmtui.store import PostMortemStore
from pmtui.ui.launch import open_store
from pmtui.ui.modals.help import HelpScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import open_sample


async def test_f1_lists_the_keys_of_the_current_screen(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        await pilot.press("f1")
        assert isinstance(pilot.app.screen, HelpScreen)
        table = pilot.app.screen.query_one(DataTable)
        does = {str(table.get_row_at(i)[2]) for i in range(table.row_count)}
        assert {"Quit", "Help", "Home", "Undo"} <= does
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, WorkspaceScreen)


async def test_palette_offers_screen_commands_by_name(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"New post-mortem")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "NewPostMortemModal"


async def test_palette_switches_workspace_tabs(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        await pilot.press("ctrl+p", *"Go to Actions")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.query_one("#tabs").active == "actions"


def test_a_second_pmtui_opens_the_file_read_only(tmp_path) -> None:
    path = tmp_path / "db.json"
    with PostMortemStore.open(path):
        store, reason = open_store(path)
        with store:
            assert store.read_only
            assert (
                reason
                == f"Read-only: {path} is open in another pmtui (pid {__import__('os').getpid()})"
            )
    store, reason = open_store(path)
    with store:
        assert not store.read_only
        assert reason == ""


async def test_read_only_workspace_shows_banner_and_saves_nothing(make_ui) -> None:
    ui = make_ui(read_only_reason="Read-only: db.json is open in another pmtui (pid 42)")
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        screen = pilot.app.screen
        assert "pid 42" in str(screen.query_one("#read-only-banner").render())
        assert "Read-only" in str(screen.query_one("#save-state").render())
        assert screen.commit(lambda pm: ui.service.update(pm, title="Changed")) is False
    assert ui.saved().title.startswith("Public API unreachable")
