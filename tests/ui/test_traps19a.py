"""Pilot tests of a trap mock meeting 18c found on the home list (the post-mortem list, where
single letters are commands): a first-time facilitator typed "done now" at 0.3 s a key,
believing a text box had the focus. `d` asked "Delete …?", `o` closed the question, `n`
opened the New post-mortem dialog and "e now" went into its title.

The home list, and the Actions and Insights screens reachable from it, read a word typed
there as the workspace does (pmtui.ui.typed_words): typed fast it runs nothing; typed slowly,
the first letter's dialog or screen is closed and its change taken back, and the notice says
where typing goes. A key meant alone (`n` and a title after a look, `d` then `y`, `/` and a
filter, enter) works as before. Every test checks the screen and what reached the file, byte
for byte where nothing may change.

The keys carry the times a typist would give them (see tests.ui.test_traps18a).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import DataTable, Input

from pmtui.ui.modals.confirm import ConfirmModal
from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.screens.actions_overview import ActionsOverviewScreen
from pmtui.ui.screens.home import HomeScreen
from pmtui.ui.screens.insights import InsightsScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.typed_words import TYPING_SECONDS
from tests.ui.support import (
    UI,
    recorded_notifications,
    wait_for_screen,
    wait_until,
)
from tests.ui.test_key_order import burst, typed
from tests.ui.test_traps18a import (
    LOOKAHEAD,
    PACE,
    SMALL,
    first_letter_opens,
    rest_typed_after,
    send_key,
)

#: The second post-mortem of the list, beside the bundled sample.
OTHER_TITLE = "Checkout latency spike"
#: What the home list's word notice says about where to type.
HOME_WHERE = "/ filters the list, n creates a post-mortem"


def two_postmortems(make_ui: Callable[..., UI]) -> UI:
    ui = make_ui()
    ui.service.create(OTHER_TITLE, severity="SEV3")
    return ui


async def on_the_list(pilot) -> HomeScreen:  # type: ignore[no-untyped-def]
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    table = home.query_one(DataTable)
    await wait_until(pilot, lambda: table.has_focus and table.row_count == 2)
    return home


async def on_insights(pilot) -> InsightsScreen:  # type: ignore[no-untyped-def]
    """Insights, opened by `I` from the home list."""
    await on_the_list(pilot)
    await pilot.press("I")
    await wait_for_screen(pilot, InsightsScreen)
    screen = pilot.app.screen
    assert isinstance(screen, InsightsScreen)
    return screen


def filter_text(home: HomeScreen) -> str:
    return home.query_one("#home-filter", Input).value


# Home list: words ------------------------------------------------------------------------


async def test_done_now_typed_fast_on_the_home_list_runs_nothing(
    make_ui: Callable[..., UI],
) -> None:
    ui = two_postmortems(make_ui)
    before = ui.path.read_bytes()
    async with ui.app.run_test(size=SMALL) as pilot:
        home = await on_the_list(pilot)
        told = recorded_notifications(pilot.app)
        burst(pilot, *typed("done now"))
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "done now")
        assert pilot.app.screen is home
        assert filter_text(home) == ""
        assert told[-1].startswith("“done now” was not typed anywhere")
        assert HOME_WHERE in told[-1]
    assert ui.path.read_bytes() == before


async def test_done_now_typed_slowly_on_the_home_list_deletes_and_creates_nothing(
    make_ui: Callable[..., UI],
) -> None:
    ui = two_postmortems(make_ui)
    before = ui.path.read_bytes()
    async with ui.app.run_test(size=SMALL) as pilot:
        home = await on_the_list(pilot)
        told = recorded_notifications(pilot.app)
        first = await first_letter_opens(pilot, "d", ConfirmModal)
        rest_typed_after(pilot, first, "one now")
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "one now")
        await pilot.pause()
        assert pilot.app.screen is home
        assert len(pilot.app.screen_stack) == 1
        assert filter_text(home) == ""
        assert told[-1] == (
            "“done now” was typed here, where single keys are commands: “d” ran as one "
            "before the rest came, and the dialog it opened is closed unsaved; the rest ran "
            f"nothing. {HOME_WHERE}."
        )
    assert ui.path.read_bytes() == before


@pytest.mark.parametrize(
    ("word", "opens"), [("new one", NewPostMortemModal), ("delete it", ConfirmModal)]
)
async def test_a_word_typed_slowly_on_the_home_list_creates_and_deletes_nothing(
    make_ui: Callable[..., UI], word: str, opens: type
) -> None:
    ui = two_postmortems(make_ui)
    before = ui.path.read_bytes()
    async with ui.app.run_test(size=SMALL) as pilot:
        home = await on_the_list(pilot)
        told = recorded_notifications(pilot.app)
        first = await first_letter_opens(pilot, word[0], opens)
        rest_typed_after(pilot, first, word[1:])
        await wait_until(pilot, lambda: pilot.app.typed_words.text == word[1:])
        await pilot.pause()
        assert pilot.app.screen is home
        assert filter_text(home) == ""
        assert f"“{word}” was typed here" in told[-1]
        assert HOME_WHERE in told[-1]
    assert ui.path.read_bytes() == before


async def test_i_think_typed_slowly_on_the_home_list_leaves_insights_closed(
    make_ui: Callable[..., UI],
) -> None:
    ui = two_postmortems(make_ui)
    before = ui.path.read_bytes()
    async with ui.app.run_test(size=SMALL) as pilot:
        home = await on_the_list(pilot)
        told = recorded_notifications(pilot.app)
        first = await first_letter_opens(pilot, "I", InsightsScreen)
        rest_typed_after(pilot, first, " think so")
        await wait_until(pilot, lambda: pilot.app.typed_words.text == " think so")
        await pilot.pause()
        assert pilot.app.screen is home
        assert filter_text(home) == ""
        # Insights only showed figures: nothing of it is left, so nothing is told as run.
        assert told[-1].startswith("“I think so” was not typed anywhere")
    assert ui.path.read_bytes() == before


# Home list: keys meant alone -------------------------------------------------------------


async def test_n_then_a_look_then_a_title_on_the_home_list_creates_it(
    make_ui: Callable[..., UI],
) -> None:
    ui = two_postmortems(make_ui)
    ids = ui.saved_ids()
    async with ui.app.run_test(size=SMALL) as pilot:
        await on_the_list(pilot)
        first = await first_letter_opens(pilot, "n", NewPostMortemModal)
        title = pilot.app.screen.query_one("#title", Input)
        rest_typed_after(pilot, first + TYPING_SECONDS, "DNS outage", pace=0.2)
        await wait_until(pilot, lambda: title.value == "DNS outage")
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
    (new,) = set(ui.saved_ids()) - set(ids)
    assert ui.saved(new).title == "DNS outage"


async def test_d_then_a_look_then_y_on_the_home_list_deletes(
    make_ui: Callable[..., UI],
) -> None:
    ui = two_postmortems(make_ui)
    async with ui.app.run_test(size=SMALL) as pilot:
        home = await on_the_list(pilot)
        doomed = home.selected_id()
        first = await first_letter_opens(pilot, "d", ConfirmModal)
        send_key(pilot, "y", first + TYPING_SECONDS + PACE)
        await wait_until(pilot, lambda: home.query_one(DataTable).row_count == 1)
        assert pilot.app.screen is home
    assert doomed not in ui.saved_ids()
    assert len(ui.saved_ids()) == 1


async def test_slash_then_typing_slowly_filters_the_home_list(
    make_ui: Callable[..., UI],
) -> None:
    ui = two_postmortems(make_ui)
    before = ui.path.read_bytes()
    async with ui.app.run_test(size=SMALL) as pilot:
        home = await on_the_list(pilot)
        pilot.app.word_lookahead = LOOKAHEAD
        first = send_key(pilot, "slash")
        rest_typed_after(pilot, first, "checkout")
        await wait_until(pilot, lambda: filter_text(home) == "checkout")
        await wait_until(pilot, lambda: home.query_one(DataTable).row_count == 1)
        assert pilot.app.typed_words.text == ""
    assert ui.path.read_bytes() == before


async def test_a_word_no_key_starts_still_filters_the_home_list(
    make_ui: Callable[..., UI],
) -> None:
    ui = two_postmortems(make_ui)
    async with ui.app.run_test(size=SMALL) as pilot:
        home = await on_the_list(pilot)
        pilot.app.word_lookahead = LOOKAHEAD
        first = send_key(pilot, "c")
        rest_typed_after(pilot, first, "heckout")
        await wait_until(pilot, lambda: filter_text(home) == "checkout")
        await wait_until(pilot, lambda: home.query_one(DataTable).row_count == 1)


async def test_arrows_and_enter_still_open_from_the_home_list(
    make_ui: Callable[..., UI],
) -> None:
    ui = two_postmortems(make_ui)
    async with ui.app.run_test(size=SMALL) as pilot:
        home = await on_the_list(pilot)
        pilot.app.word_lookahead = LOOKAHEAD
        await pilot.press("down")
        wanted = home.selected_id()
        await pilot.press("up", "down", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        assert pilot.app.screen.pm.id == wanted


# Actions overview and Insights -----------------------------------------------------------


async def _actions_overview(pilot) -> ActionsOverviewScreen:  # type: ignore[no-untyped-def]
    await on_the_list(pilot)
    await pilot.press("A")
    await wait_for_screen(pilot, ActionsOverviewScreen)
    screen = pilot.app.screen
    table = screen.query_one(DataTable)
    await wait_until(pilot, lambda: table.has_focus and table.row_count > 0)
    return screen


async def test_ok_typed_fast_on_the_actions_overview_filters_nothing(
    make_ui: Callable[..., UI],
) -> None:
    ui = two_postmortems(make_ui)
    before = ui.path.read_bytes()
    async with ui.app.run_test(size=SMALL) as pilot:
        screen = await _actions_overview(pilot)
        rows = screen.query_one(DataTable).row_count
        told = recorded_notifications(pilot.app)
        burst(pilot, *typed("ok then"))
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "ok then")
        assert pilot.app.screen is screen
        assert not screen.wanted.active
        assert screen.query_one(DataTable).row_count == rows
        assert told[-1].startswith("“ok then” was not typed anywhere")
        assert "/ types a filter" in told[-1]
    assert ui.path.read_bytes() == before


async def test_xfs_typed_slowly_on_the_actions_overview_leaves_the_item_open(
    make_ui: Callable[..., UI],
) -> None:
    ui = two_postmortems(make_ui)
    async with ui.app.run_test(size=SMALL) as pilot:
        screen = await _actions_overview(pilot)
        table = screen.query_one(DataTable)
        table.move_cursor(row=next(i for i, r in enumerate(screen.shown) if r.action.is_open))
        await wait_until(
            pilot, lambda: (row := screen.selected()) is not None and row.action.is_open
        )
        row = screen.selected()
        assert row is not None
        told = recorded_notifications(pilot.app)
        pilot.app.word_lookahead = LOOKAHEAD
        # `x` outwaits the lookahead and marks the item done; the word after it undoes that.
        first = send_key(pilot, "x")
        await wait_until(pilot, lambda: any(t.startswith("Done:") for t in told))
        rest_typed_after(pilot, first, "fs corruption")
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "fs corruption")
        assert pilot.app.screen is screen
        assert "“xfs corruption” was typed here" in told[-1]
        assert "what it changed is undone" in told[-1]
    after = ui.saved(row.postmortem_id).action(row.action.id)
    assert after.status == row.action.status
    assert after.completed_on == row.action.completed_on


async def test_ok_typed_slowly_on_the_actions_overview_leaves_the_filters_as_they_were(
    make_ui: Callable[..., UI],
) -> None:
    ui = two_postmortems(make_ui)
    before = ui.path.read_bytes()
    async with ui.app.run_test(size=SMALL) as pilot:
        screen = await _actions_overview(pilot)
        rows = screen.query_one(DataTable).row_count
        pilot.app.word_lookahead = LOOKAHEAD
        first = send_key(pilot, "o")
        await wait_until(pilot, lambda: screen.wanted.open_only)
        rest_typed_after(pilot, first, "k then")
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "k then")
        await pilot.pause()
        assert not screen.wanted.active
        assert screen.query_one(DataTable).row_count == rows
    assert ui.path.read_bytes() == before


async def test_really_typed_fast_on_insights_runs_nothing(
    make_ui: Callable[..., UI],
) -> None:
    ui = two_postmortems(make_ui)
    before = ui.path.read_bytes()
    async with ui.app.run_test(size=SMALL) as pilot:
        screen = await on_insights(pilot)
        told = recorded_notifications(pilot.app)
        burst(pilot, *typed("really"))
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "really")
        assert pilot.app.screen is screen
        assert not any("read again" in t for t in told)
        assert told[-1].startswith("“really” was not typed anywhere")
    assert ui.path.read_bytes() == before


async def test_actions_typed_slowly_on_insights_stays_on_insights(
    make_ui: Callable[..., UI],
) -> None:
    ui = two_postmortems(make_ui)
    before = ui.path.read_bytes()
    async with ui.app.run_test(size=SMALL) as pilot:
        screen = await on_insights(pilot)
        first = await first_letter_opens(pilot, "A", ActionsOverviewScreen)
        rest_typed_after(pilot, first, "ctions are late")
        await wait_until(pilot, lambda: pilot.app.typed_words.text == "ctions are late")
        await pilot.pause()
        assert pilot.app.screen is screen
    assert ui.path.read_bytes() == before
