"""Pilot tests of the command palette typed into at once (mock 32b): words typed right after
ctrl+p still find their command, and enter runs the command found for them, never one left
listed from before them."""

from __future__ import annotations

import asyncio

from textual.widgets import TextArea

from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import UI, open_sample, wait_for_palette_hit, wait_until


async def test_words_typed_at_once_still_find_their_command(make_ui, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    built = WorkspaceScreen.compose_all_panes

    async def built_slowly(self: WorkspaceScreen) -> None:
        await asyncio.sleep(0.3)  # as in a terminal, where the words come while it builds
        await built(self)

    monkeypatch.setattr(WorkspaceScreen, "compose_all_panes", built_slowly)
    ui: UI = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot)
        await pilot.press("ctrl+p", *"edit trigger")
        # The first search was cancelled by the words while the panes were being built:
        # every later search found nothing, a backspace did not help.
        await wait_for_palette_hit(pilot, "edit trigger")


async def test_enter_at_once_runs_the_command_of_the_words_typed(make_ui, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pmtui.ui.commands import ScreenCommands

    found = ScreenCommands.search

    async def found_slowly(self: ScreenCommands, query: str):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.3)  # enter comes while the words are still being searched
        async for hit in found(self, query):
            yield hit

    monkeypatch.setattr(ScreenCommands, "search", found_slowly)
    ui: UI = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot)
        await pilot.press("ctrl+p")
        await wait_for_palette_hit(pilot, "")  # the unfiltered list is up
        await pilot.press(*"edit detection", "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
        workspace = pilot.app.screen
        await wait_until(pilot, lambda: isinstance(workspace.focused, TextArea))
        assert workspace.focused is not None and workspace.focused.id == "field-detection"


def test_a_panes_name_ranks_its_go_to_first_and_deleting_only_when_asked() -> None:
    from pmtui.ui.commands import ranked

    # The same fuzzy score for each: only the rules differ.
    assert ranked("Go to Five Whys", "five whys", 0.5) > ranked(
        "Five Whys: Repeat of", "five whys", 0.5
    )
    assert ranked("Five Whys: Delete", "five whys", 0.5) < ranked(
        "Five Whys: Edit", "five whys", 0.5
    )
    assert ranked("Five Whys: Delete", "five whys del", 0.5) == ranked(
        "Five Whys: Edit", "five whys", 0.5
    )
    assert ranked("Timeline: Delete", "delete", 0.5) > ranked("Redo delete event", "delete", 0.5)


async def test_five_whys_typed_in_the_palette_goes_there_and_deletes_nothing(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock 33a: ctrl+p, "five whys", enter ran "Five Whys: Delete" and the factor with its
    finished chain was gone."""
    from textual.widgets import TabbedContent

    ui: UI = make_ui()
    before = ui.saved().factors
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot)
        await pilot.press("ctrl+p", *"five whys")
        await wait_for_palette_hit(pilot, "five whys")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
        workspace = pilot.app.screen
        await wait_until(pilot, lambda: workspace.query_one(TabbedContent).active == "whys")
    assert ui.saved().factors == before


async def test_words_typed_before_the_palette_mounted_are_searched_for(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock 34a (2 of 17 fast tries): words that reached the box before the palette had
    mounted were never searched; its unfiltered search came after them, and enter ran
    "Keys", that list's first command."""
    from textual.command import CommandInput
    from textual.widgets import Input, TabbedContent

    from pmtui.ui.palette import SteadyCommandPalette

    ui: UI = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, SteadyCommandPalette))
        palette = pilot.app.screen
        assert isinstance(palette, SteadyCommandPalette)
        box = palette.query_one(CommandInput)
        with box.prevent(Input.Changed):  # typed before the palette listened
            box.value = "five whys"
        palette._gather_commands("")  # the unfiltered search Textual starts on mounting
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
        workspace = pilot.app.screen
        await wait_until(pilot, lambda: workspace.query_one(TabbedContent).active == "whys")
