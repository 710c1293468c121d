"""Pilot tests of what the whole app shares: help (F1), the palette, read-only opening."""

from __future__ import annotations

from textual.widgets import DataTable

from pmtui.service import open_service
from pmtui.store import PostMortemStore
from pmtui.ui.modals.help import HelpScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import open_sample, wait_for_palette_hit, wait_until


async def test_f1_lists_the_keys_of_the_current_screen(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        await pilot.press("f1")
        assert isinstance(pilot.app.screen, HelpScreen)
        await wait_until(pilot, lambda: pilot.app.screen.keys_listed)  # every tab's keys
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
        await wait_for_palette_hit(pilot, "New post-mortem")
        await pilot.press("enter")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "NewPostMortemModal"


async def test_palette_switches_workspace_tabs(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        await pilot.press("ctrl+p", *"Go to Actions")
        await wait_for_palette_hit(pilot, "Go to Actions")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.query_one("#tabs").active == "actions"


def test_a_second_pmtui_opens_the_file_read_only(tmp_path) -> None:
    path = tmp_path / "db.json"
    with PostMortemStore.open(path):
        service, reason = open_service(path)
        with service:
            assert service.read_only
            assert (
                reason
                == f"Read-only: {path} is open in another pmtui (pid {__import__('os').getpid()})"
            )
    service, reason = open_service(path)
    with service:
        assert not service.read_only
        assert reason == ""


async def test_read_only_workspace_shows_banner_and_saves_nothing(make_ui) -> None:
    ui = make_ui(read_only_reason="Read-only: db.json is open in another pmtui (pid 42)")
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        screen = pilot.app.screen
        assert "pid 42" in str(screen.query_one("#read-only-banner").render())
        assert "Read-only" in str(screen.query_one("#save-state").render())
        assert screen.commit(lambda pm: ui.service.update(pm, title="Changed")) is None
    assert ui.saved().title.startswith("Public API unreachable")


async def test_escape_leaves_a_field_and_ctrl_l_the_post_mortem(make_ui) -> None:
    from textual.widgets import Input, Tabs

    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        pilot.app.screen.query_one("#field-owner", Input).focus()
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert isinstance(pilot.app.focused, Tabs)
        await pilot.press("3")
        assert pilot.app.screen.query_one("#tabs").active == "whys"
        await pilot.press("escape")  # the answer box gives the focus back to the tab bar
        await pilot.press("escape")  # says which key leaves, and stays
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, WorkspaceScreen)


async def test_escape_and_a_digit_sent_as_one_alt_key_leave_the_field_then_switch_tab(
    make_ui,
) -> None:
    """tmux (or a fast hand) sends Escape and 3 within the terminal's escape delay, which
    Textual reads as alt+3: it is read as the two keys it was."""
    from textual import events
    from textual.widgets import Input

    ui = make_ui()
    before = ui.saved().owner
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        owner = pilot.app.screen.query_one("#field-owner", Input)
        owner.focus()
        await pilot.pause()
        # As the terminal parser makes it: alt+3 carrying the character "3".
        pilot.app._driver.send_message(events.Key("alt+3", "3"))
        await wait_until(pilot, lambda: pilot.app.screen.query_one("#tabs").active == "whys")
        assert owner.value == before  # the 3 was not typed into the field
        pilot.app._driver.send_message(events.Key("alt+shift+w", "W"))  # Escape, then W
        await wait_until(pilot, lambda: type(pilot.app.screen).__name__ != "WorkspaceScreen")
        form = pilot.app.screen
        assert type(form).__name__ == "WhyTextModal"
        assert "factor" in str(form.query_one(".modal-title").render()).lower()
    assert ui.saved().owner == before


async def test_new_post_mortem_from_inside_a_post_mortem(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("ctrl+p", *"New post-mortem")
        await wait_for_palette_hit(pilot, "New post-mortem")
        await pilot.press("enter")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "NewPostMortemModal"
        await pilot.press(*"Second incident", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert pilot.app.screen.pm.title == "Second incident"
    assert len(ui.saved_ids()) == 2


async def test_save_and_exit_saves_typing_still_in_its_debounce(make_ui) -> None:
    """What SIGHUP and SIGTERM run: a closed terminal must not lose typing."""
    from textual.widgets import TextArea

    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        area = pilot.app.screen.query_one("#field-open_questions", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.press(*" Who owns the DNS token?")
        pilot.app.save_and_exit()
    assert ui.saved().open_questions.endswith("Who owns the DNS token?")


async def test_undo_shows_in_the_footer_only_when_there_is_something_to_undo(make_ui) -> None:
    from textual.widgets import Footer

    ui = make_ui()
    async with ui.app.run_test(size=(120, 30)) as pilot:
        await open_sample(pilot, tab="timeline")

        def footer_keys() -> str:
            return " ".join(str(k.render()) for k in pilot.app.screen.query_one(Footer).children)

        assert "Undo" not in footer_keys()
        await pilot.press("d")
        await pilot.pause()
        assert "Undo" in footer_keys()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Undo" not in footer_keys()
