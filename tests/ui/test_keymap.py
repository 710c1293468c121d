"""Tests of the one description of each key: every Binding named, the palette and F1 built
from it, and a user keymap.toml that remaps keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.actions import parse as parse_action
from textual.screen import Screen
from textual.widgets import DataTable

from pmtui.ui.binding_catalog import binding_owners
from pmtui.ui.commands import declared_bindings, palette_entries
from pmtui.ui.modals.event_form import StampEventModal
from pmtui.ui.modals.help import HelpScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import open_sample, wait_until


def test_every_binding_has_an_id_a_description_and_a_tooltip() -> None:
    bindings = [(owner, b) for owner, found in binding_owners().items() for b in found]
    assert len(bindings) > 100
    lacking = [
        f"{owner.__name__}: {b.key}"
        for owner, b in bindings
        if not (b.id and b.description and b.tooltip)
    ]
    assert lacking == []
    ids = [b.id for _, b in bindings]
    assert len(ids) == len(set(ids)), "a binding id names two keys"


def _palette_actions_cover_the_screen(screen: Screen) -> list[str]:
    """The screen's own keys that check_action allows but the palette lacks."""
    entries = palette_entries(screen)
    # Two keys for one thing (1 and F2) are one entry, under their shared description.
    offered = {command.action for command in entries} | {command.title for command in entries}
    missing = []
    for binding in declared_bindings(screen):
        _, name, parameters = parse_action(binding.action)  # (namespace, name, parameters)
        covered = binding.action in offered or binding.description in offered
        if screen.check_action(name, parameters) and not covered:
            missing.append(binding.id or binding.action)
    return missing


async def test_every_bound_action_is_in_the_palette_of_its_screen(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        assert _palette_actions_cover_the_screen(pilot.app.screen) == []
        await open_sample(pilot)
        workspace = pilot.app.screen
        for tab in ("overview", "timeline", "whys", "actions", "document", "checks"):
            workspace.action_show_tab(tab)
            await pilot.pause()
            assert _palette_actions_cover_the_screen(workspace) == [], tab
        titles = {command.title for command in palette_entries(workspace)}
        for pane in workspace.panes():
            # A pane's commands reach it from any tab, so each says which tab it belongs to.
            offered = {c.action for c in [*pane.palette_commands(), *pane.key_commands()]}
            for binding in declared_bindings(pane):
                _, name, parameters = parse_action(binding.action)  # (namespace, name, parameters)
                if pane.check_action(name, parameters):
                    assert binding.action in offered, binding.id
        assert {"Actions: Sort", "Document: Template"} <= titles
        # The quick-add line's own key applies only while one types in it.
        assert "Timeline: Stamp line now" not in titles
        await pilot.press("m")
        await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "MeetingScreen")
        assert _palette_actions_cover_the_screen(pilot.app.screen) == []


async def test_a_palette_entry_runs_its_key_action(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot)
        go = next(c for c in palette_entries(pilot.app.screen) if c.title == "Go to Actions")
        assert "(4)" in go.help
        go.callback()
        await pilot.pause()
        assert pilot.app.screen.query_one("#tabs").active == "actions"


@pytest.fixture
def keymap_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "keymap.toml"
    monkeypatch.setenv("PMTUI_KEYMAP", str(path))
    return path


def _help_rows(pilot) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """F1's rows: description -> key."""
    table = pilot.app.screen.query_one("#help-keys", DataTable)
    rows = [table.get_row_at(index) for index in range(table.row_count)]
    return {str(row[2]): str(row[1]) for row in rows}


async def test_a_keymap_file_moves_a_key_and_f1_shows_it(make_ui, keymap_file: Path) -> None:
    keymap_file.write_text('"timeline.stamp" = "ctrl+s"\n', encoding="utf-8")
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("n")  # the old key no longer stamps
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StampEventModal)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        await wait_until(pilot, lambda: pilot.app.screen.keys_listed)  # every tab's keys
        assert _help_rows(pilot)["Stamp now"] == "^s"


async def test_unknown_ids_and_broken_lines_are_named_and_the_rest_applies(
    make_ui, keymap_file: Path
) -> None:
    keymap_file.write_text(
        '"timeline.stamp" = "ctrl+s"\n"timeline.nonsense" = "x"\nthis is not toml\n',
        encoding="utf-8",
    )
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="timeline")
        messages = [n.message for n in pilot.app._notifications]
        assert len(messages) == 1
        assert "'timeline.nonsense'" in messages[0] and "line 3" in messages[0]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StampEventModal)


def test_the_readme_lists_every_binding_id() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    ids = sorted(b.id for found in binding_owners().values() for b in found if b.id)
    assert [i for i in ids if f"`{i}`" not in readme] == []


async def test_a_pane_key_runs_from_the_palette_on_another_tab(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="overview")
        await pilot.app.screen.compose_all_panes()  # as ctrl+p does before it lists
        entries = palette_entries(pilot.app.screen)
        template = next(c for c in entries if c.title == "Document: Template")
        assert "Show the next template" in template.help
        template.callback()
        await wait_until(pilot, lambda: pilot.app.screen.query_one("#tabs").active == "document")
