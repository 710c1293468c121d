"""Pilot tests of the home screen: list, filter, create, open, delete with confirmation, undo."""

from __future__ import annotations

from textual.events import DescendantFocus
from textual.widgets import DataTable, Input

from pmtui.model.enums import Severity
from pmtui.ui.modals.confirm import ConfirmModal
from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.screens.home import HomeScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import SAMPLE_ID, wait_until


def table_titles(screen: HomeScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(i)[-1]) for i in range(table.row_count)]


async def test_lists_post_mortems_with_open_and_overdue_actions(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, HomeScreen)
        row = screen.query_one(DataTable).get_row(SAMPLE_ID)
        assert str(row[0]) == "SEV2"
        assert str(row[1]) == "in-review"
        assert str(row[2]) == "2025-03-19"
        # The fixed clock is 2025-03-20: the sample's open actions are not overdue yet.
        assert str(row[3]) == "4 open"


async def test_a_title_that_looks_like_markup_is_listed_as_typed(make_ui) -> None:
    ui = make_ui(with_sample=False)
    for title in ("[/] closing tag first", "[bold red]Styled?[/] no", "Brackets [x] stay"):
        ui.service.create(title)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, HomeScreen)
        assert sorted(table_titles(screen)) == [
            "Brackets [x] stay",
            "[/] closing tag first",
            "[bold red]Styled?[/] no",
        ]
        # Painted as typed: no markup error stopped the list, no style was applied.
        painted = "\n".join(screen.query_one(DataTable).render_line(y).text for y in range(1, 4))
        assert "[/] closing tag first" in painted
        assert "[bold red]Styled?[/] no" in painted


async def test_new_post_mortem_is_created_opened_and_saved(make_ui) -> None:
    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "No post-mortems yet" in str(pilot.app.screen.query_one("#home-empty").render())
        await pilot.press("n")
        assert isinstance(pilot.app.screen, NewPostMortemModal)
        await pilot.press(*"Checkout latency spike", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        assert "Checkout latency spike" in str(pilot.app.screen.query_one("#pm-title").render())
    (pm_id,) = ui.saved_ids()
    saved = ui.saved(pm_id)
    assert saved.title == "Checkout latency spike"
    assert saved.severity is Severity.SEV3
    assert saved.incident_date.isoformat() == "2025-03-20"


async def test_new_post_mortem_without_title_shows_inline_error(make_ui) -> None:
    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        modal = pilot.app.screen
        modal.query_one("#timezone", Input).value = "Europe/Berlin"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, NewPostMortemModal)
        assert "required" in str(modal.query_one("#ff-title .field-error").render())
        assert modal.query_one("#timezone", Input).value == "Europe/Berlin"
    assert ui.saved_ids() == []


async def test_filter_by_typing_narrows_the_list(make_ui) -> None:
    ui = make_ui()
    ui.service.create("Checkout latency spike", severity="SEV3")
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert len(table_titles(screen)) == 2
        await pilot.press("slash", *"checkout")
        assert table_titles(screen) == ["Checkout latency spike"]
        await pilot.press("escape")
        assert len(table_titles(screen)) == 2
        assert screen.query_one("#home-filter", Input).value == ""


async def test_delete_asks_then_undo_restores(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        assert isinstance(pilot.app.screen, ConfirmModal)
        await pilot.press("n")
        assert ui.saved_ids() == [SAMPLE_ID]
        await pilot.press("d")
        await pilot.press("y")
        await pilot.pause()
        assert ui.saved_ids() == []
        assert "No post-mortems yet" in str(pilot.app.screen.query_one("#home-empty").render())
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert table_titles(pilot.app.screen)[0].startswith("Public API unreachable")
    restored = ui.saved()
    assert len(restored.events) > 10
    assert len(restored.actions) == 5


async def test_enter_opens_the_selected_post_mortem(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, WorkspaceScreen)
        assert screen.pm.id == SAMPLE_ID


async def test_read_only_home_refuses_changes_with_a_banner(make_ui) -> None:
    ui = make_ui(read_only_reason="Read-only: db.json is open in another pmtui (pid 42)")
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        banner = pilot.app.screen.query_one("#read-only-banner")
        assert "pid 42" in str(banner.render())
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ConfirmModal)
    assert ui.saved_ids() == [SAMPLE_ID]


async def test_typing_on_the_list_starts_the_filter(make_ui) -> None:
    ui = make_ui()
    ui.service.create("Checkout latency spike", severity="SEV3")
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        await pilot.press(*"check")
        assert screen.query_one("#home-filter", Input).value == "check"
        assert table_titles(screen) == ["Checkout latency spike"]


async def test_a_title_with_markup_brackets_is_listed_as_typed(make_ui) -> None:
    ui = make_ui()
    title = "Deploy [/] broke [bold]checkout[/bold]"
    ui.service.create(title, timezone="Europe/Berlin")
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert title in table_titles(pilot.app.screen)


async def test_a_long_title_ends_in_an_ellipsis_at_every_width(make_ui) -> None:
    ui = make_ui(with_sample=False)
    title = "Checkout latency spiked for every region after the cache eviction change " * 2
    ui.service.create(title.strip(), timezone="Europe/Berlin")
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = pilot.app.screen.query_one(DataTable)
        for width in (80, 120):
            await pilot.resize_terminal(width, 24)
            await wait_until(pilot, lambda: table.render_line(1).text.rstrip().endswith("…"))
            line = table.render_line(1).text
            assert "Checkout latency spiked" in line
            assert len(line.rstrip()) <= table.scrollable_content_region.width


async def test_the_list_has_the_focus_from_the_start_and_the_filter_never_takes_it(
    make_ui,
) -> None:
    # The filter taking the focus first and handing it to the list a moment later built
    # the footer twice before the first paint (once without the list's keys).
    ui = make_ui()
    messages: list[object] = []
    async with ui.app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await pilot.pause()
        focused = [m.widget.id for m in messages if isinstance(m, DescendantFocus)]
        assert focused and set(focused) == {"home-table"}


async def test_severity_status_and_date_are_never_cut(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        table = pilot.app.screen.query_one(DataTable)
        for width in (120, 80, 160):
            await pilot.resize_terminal(width, 35)
            await pilot.pause()
            line = table.render_line(1).text
            assert "SEV2" in line and "in-review" in line and "2025-03-19" in line, line


async def test_a_long_list_is_filled_once_before_the_first_paint(make_ui, monkeypatch) -> None:
    # The title column was fitted only after the first layout: every row was added,
    # measured and painted, then added and painted again, before the user saw the list.
    ui = make_ui(with_sample=False)
    for n in range(40):
        ui.service.create(f"Incident number {n} with a title long enough to be cut " * 2)
    added: list[object] = []
    add_row = DataTable.add_row

    def counted(self: DataTable, *cells: object, **kwargs: object) -> object:
        added.append(kwargs.get("key"))
        return add_row(self, *cells, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(DataTable, "add_row", counted)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = pilot.app.screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.render_line(1).text.rstrip().endswith("…"))
        assert len(added) == 40


async def test_the_home_screen_is_the_bottom_of_the_stack(make_ui) -> None:
    # No blank screen under it: one there was composed and styled at every start, never seen.
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert [type(screen) for screen in pilot.app.screen_stack] == [HomeScreen]
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
        assert [type(screen) for screen in pilot.app.screen_stack] == [HomeScreen, WorkspaceScreen]


async def test_each_rows_cells_are_built_once_to_measure_and_show(make_ui, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pmtui.ui.screens.home as home

    built: list[str] = []
    build = home._other_cells

    def counted(summary):  # type: ignore[no-untyped-def]
        built.append(summary.id)
        return build(summary)

    monkeypatch.setattr(home, "_other_cells", counted)
    ui = make_ui(with_sample=False)
    for title in ("First", "Second", "Third"):
        ui.service.create(title)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert sorted(table_titles(pilot.app.screen)) == ["First", "Second", "Third"]
        assert len(built) == 3  # measured for the widths, then shown: not built again
        # A filter shows rows again: those are built anew.
        await pilot.press("/", *"sec")
        await wait_until(pilot, lambda: table_titles(pilot.app.screen) == ["Second"])
        assert len(built) > 3


async def test_do_you_see_typed_on_the_list_deletes_nothing(make_ui) -> None:
    """Mock meeting 18c: "do you see" typed on the home list at 0.35 s a key: its d asked
    Delete, and the y of "you" confirmed it. A letter that answers nothing closes the
    question with the safe answer, so the y after it reaches no question."""
    from tests.ui.support import recorded_notifications

    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        told = recorded_notifications(pilot.app)
        await pilot.press("d")
        assert isinstance(pilot.app.screen, ConfirmModal)
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
        await pilot.press("space", "y", "o", "u")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        assert any("“o” is no answer here: nothing was deleted" in t for t in told)
        # The rest, typed on the list where keys are commands, is a word that runs nothing.
        assert told[-1].startswith("“ you” was not typed anywhere")
    assert ui.saved_ids() == [SAMPLE_ID]


async def test_home_and_end_select_the_first_and_last_post_mortem(make_ui) -> None:
    """Mock review 30b: home and end scrolled the list sideways, so they seemed to do nothing
    and enter opened the post-mortem already selected."""
    ui = make_ui()
    for title in ("Second outage", "Third outage"):
        ui.service.create(title)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, HomeScreen)
        table = screen.query_one(DataTable)
        rows = [row.key.value for row in table.ordered_rows]
        assert len(rows) == 3 and table.cursor_row == 0
        await pilot.press("end")
        await wait_until(pilot, lambda: table.cursor_row == 2)
        await pilot.press("home")
        await wait_until(pilot, lambda: table.cursor_row == 0)
        await pilot.press("end", "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
        opened = pilot.app.screen
        assert isinstance(opened, WorkspaceScreen)
        assert opened.pm.id == rows[-1]


async def test_home_and_end_in_help_select_the_first_and_last_key(make_ui) -> None:
    from pmtui.ui.modals.help import HelpScreen

    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        table = pilot.app.screen.query_one("#help-keys", DataTable)
        await wait_until(pilot, lambda: table.row_count > 3)
        await pilot.press("end")
        await wait_until(pilot, lambda: table.cursor_row == table.row_count - 1)
        await pilot.press("home")
        await wait_until(pilot, lambda: table.cursor_row == 0)


async def test_enter_in_the_filter_opens_the_first_match_and_down_goes_to_the_list(
    make_ui,
) -> None:
    """Mock 32a: with one match left, enter in the filter only moved the focus, and down
    did nothing; a facilitator pressed enter twice before the post-mortem opened."""
    ui = make_ui()
    ui.service.create("Checkout latency spike", severity="SEV3")
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, HomeScreen)
        await pilot.press(*"checkout", "down")
        table = screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.has_focus)
        assert table_titles(screen) == ["Checkout latency spike"]
        await pilot.press("slash", "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
        opened = pilot.app.screen
        assert isinstance(opened, WorkspaceScreen)
        assert opened.pm.title == "Checkout latency spike"


async def test_enter_in_a_filter_matching_nothing_says_so(make_ui) -> None:
    from tests.ui.support import recorded_notifications

    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        told = recorded_notifications(screen)
        await pilot.press(*"zzz", "enter")
        await wait_until(pilot, lambda: any("No post-mortem matches “zzz”" in n for n in told))
        assert pilot.app.screen is screen
