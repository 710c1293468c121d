"""Pilot tests of keys typed in one burst (tmux send-keys, a paste, a fast typist): each lands
where the same keys typed slowly land, right after a key that opens a dialog, moves the
focus or submits a line (issue 12). Every test checks the screen and what reached the file.

`burst` hands every key to the terminal driver before the app has handled the first, as
tmux does; pilot.press waits for the app to go idle between keys, as a slow typist.
"""

from __future__ import annotations

import time

import pytest
from textual import events
from textual.widgets import Input, ListView, Static, TabbedContent, TextArea

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.panes import overview
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.panes.overview import OverviewPane
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.panes.whys import WhysPane
from pmtui.ui.screens.home import HomeScreen
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import open_sample, pane_of, wait_for_screen, wait_until

SIZE = (100, 30)
#: The shared screen of the mock review.
SMALL = (80, 24)


def burst(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Hand `keys` to the app all at once, as the terminal driver does for a tmux group."""
    for key in keys:
        character = " " if key == "space" else key if len(key) == 1 else None
        event = events.Key(key, character)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)


def typed(text: str) -> list[str]:
    return ["space" if character == " " else character for character in text]


# a. Timeline quick-add ---------------------------------------------------------------------


async def test_three_lines_and_enters_in_one_burst_add_three_events(make_ui) -> None:
    ui = make_ui()
    before = len(ui.saved().events)
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        pane = pilot.app.screen.query_one(TimelinePane)
        pane.quick_add.focus()
        await wait_until(pilot, lambda: pane.quick_add.has_focus)
        lines = ["10:00 Pager fired", "10:05 Rolled back", "10:09 Recovered"]
        burst(pilot, *(key for line in lines for key in [*typed(line), "enter"]))
        await wait_until(pilot, lambda: len(ui.saved().events) >= before + 3)
        await wait_until(pilot, lambda: pane.quick_add.value == "")
        assert pane.quick_add.has_focus
    added = ui.saved().events
    assert len(added) == before + 3
    texts = {event.text for event in added}
    assert {"Pager fired", "Rolled back", "Recovered"} <= texts


async def test_a_paste_right_after_the_key_that_opens_the_line_lands_in_the_line(make_ui) -> None:
    ui = make_ui()
    before = len(ui.saved().events)
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        pane = pilot.app.screen.query_one(TimelinePane)
        pane.action_focus_table()
        await wait_until(pilot, lambda: not pane.quick_add.has_focus)
        # ":" opens the quick-add line; the paste and enter arrive with it, in order.
        burst(pilot, "colon")
        paste = events.Paste("10:00 Pager fired")
        paste.set_sender(pilot.app)
        pilot.app._driver.send_message(paste)
        burst(pilot, "enter")
        await wait_until(pilot, lambda: len(ui.saved().events) > before, timeout=5)
        assert pane.quick_add.value == ""
    assert "Pager fired" in {event.text for event in ui.saved().events}


# b. Five Whys, on the pane and in the meeting ---------------------------------------------


async def test_a_chain_and_its_whys_typed_in_bursts_on_the_pane_are_all_saved(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="whys")
        pane = pilot.app.screen.query_one(WhysPane)
        ladder = pane.query_one("#whys-ladder", ListView)
        ladder.focus()
        await wait_until(pilot, lambda: ladder.has_focus)
        # n opens the problem dialog; its enter puts the focus in the answer box.
        burst(pilot, "n", *typed("Checkout failed"), "enter", *typed("Pool ran out"), "enter")
        await wait_until(pilot, lambda: ui.saved().whys[-1].answers == ("Pool ran out",))
        chains = pane.query_one("#whys-chains", ListView)
        chains.focus()
        await wait_until(pilot, lambda: chains.has_focus)
        # w, from the chains list, puts the focus in the answer box too.
        burst(pilot, "w", *typed("Size was fixed"), "enter")
        await wait_until(pilot, lambda: len(ui.saved().whys[-1].answers) == 2)
        box = pane.query_one("#whys-answer", Input)
        assert box.has_focus and box.value == ""
    saved = ui.saved().whys[-1]
    assert (saved.problem, saved.answers) == ("Checkout failed", ("Pool ran out", "Size was fixed"))


async def test_two_whys_typed_in_one_burst_in_the_meeting_are_two_answers(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        # Step 4: a new factor, its chain started with a problem (typed slowly).
        await pilot.press("4", "W", *"Consul slowed", "enter")
        await wait_until(pilot, lambda: pilot.app.screen is meeting)
        chains = len(ui.saved().whys)
        burst(
            pilot,
            *["w", *typed("A gossip storm"), "enter"],
            *["w", *typed("Seeds were static"), "enter"],
        )
        await wait_until(pilot, lambda: len(ui.saved().whys[-1].answers) >= 2)
        await wait_until(pilot, lambda: pilot.app.screen is meeting)
        assert not isinstance(pilot.app.screen, WhyTextModal)
    saved = ui.saved()
    assert len(saved.whys) == chains
    assert saved.whys[-1].problem == "Consul slowed"
    assert saved.whys[-1].answers == ("A gossip storm", "Seeds were static")


# c. Actions --------------------------------------------------------------------------------


async def test_a_and_the_whole_action_in_one_burst_fill_the_form(make_ui) -> None:
    ui = make_ui()
    before = len(ui.saved().actions)
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="actions")
        table = pilot.app.screen.query_one(ActionsPane).table
        table.focus()
        await wait_until(pilot, lambda: table.has_focus)
        keys = [*typed("Renew certificates early"), "tab", *"jo", "tab", *"+2w", "enter"]
        burst(pilot, "a", *keys)
        await wait_until(pilot, lambda: len(ui.saved().actions) > before)
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActionItemModal))
    saved = ui.saved().actions
    assert len(saved) == before + 1
    assert (saved[-1].text, saved[-1].owner) == ("Renew certificates early", "Jonas Weber")
    assert saved[-1].due is not None and saved[-1].due.isoformat() == "2025-04-03"


# d. Home -----------------------------------------------------------------------------------


async def test_n_and_a_title_in_one_burst_name_the_new_postmortem(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        home = pilot.app.screen
        burst(pilot, "n", *typed("Payments outage"))
        await wait_for_screen(pilot, NewPostMortemModal)
        title = pilot.app.screen.query_one("#title", Input)
        await wait_until(pilot, lambda: title.value == "Payments outage", timeout=5)
        assert title.has_focus
        assert all(box.value == "" for box in home.query(Input))
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
    created = [ui.saved(pm_id).title for pm_id in ui.saved_ids()]
    assert "Payments outage" in created


# e, f. Overview ----------------------------------------------------------------------------


async def test_home_ctrl_k_and_a_new_title_in_one_burst_replace_the_title(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="overview")
        title = pilot.app.screen.query_one(OverviewPane).query_one("#field-title", Input)
        title.focus()
        await wait_until(pilot, lambda: title.has_focus)
        burst(pilot, "home", "ctrl+k", *typed("Expired certificate"), "enter")
        await wait_until(pilot, lambda: ui.saved().title == "Expired certificate", timeout=5)
        assert title.value == "Expired certificate"


async def test_summary_typed_fast_then_tab_is_saved_to_its_last_letter(
    make_ui, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A save due while the burst is still being read (a slow machine, tmux sending the group
    # in chunks): at once here, so that it falls between the letters every time.
    monkeypatch.setattr(overview, "DEBOUNCE_SECONDS", 0)
    ui = make_ui()
    summary = ui.saved().summary
    ending = " Traffic moved by failover to EU-West."
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="overview")
        area = pilot.app.screen.query_one(OverviewPane).query_one("#field-summary", TextArea)
        area.focus()
        await wait_until(pilot, lambda: area.has_focus)
        area.move_cursor(area.document.end)
        burst(pilot, *typed(ending), "tab", *typed("x"))
        await wait_until(pilot, lambda: ui.saved().summary.endswith("EU-West."), timeout=5)
        assert area.text == summary + ending
        assert not area.has_focus
    assert ui.saved().summary == summary + ending


# The mechanism itself ------------------------------------------------------------------------


async def test_a_key_whose_sentinel_is_lost_with_its_widget_does_not_hold_the_next(
    make_ui,
) -> None:
    from pmtui.ui.key_order import GIVE_UP_SECONDS

    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        dialog = pilot.app.screen
        title = dialog.query_one("#title", Input)
        doomed = Static("about to go")
        await dialog.mount(doomed)
        order = pilot.app.key_order
        send = order._send
        # A key in flight whose sentinel went to a widget that is removed before passing it on.
        order._send = lambda node: setattr(order, "_route", [doomed])  # type: ignore[method-assign]
        order.read()
        order._send = send  # type: ignore[method-assign]
        await doomed.remove()
        started = time.monotonic()
        burst(pilot, *typed("Kept"))
        await wait_until(pilot, lambda: title.value == "Kept", timeout=5)
        assert time.monotonic() - started < GIVE_UP_SECONDS
        assert (order.held, order.gave_up) == (0, 0)


async def test_ctrl_q_behind_held_keys_still_quits(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        burst(pilot, "n", *typed("Payments outage"), "ctrl+q")
        await wait_until(pilot, lambda: pilot.app._exit, timeout=5, pause=False)
    assert pilot.app.return_code == 0


async def test_a_click_is_not_held_behind_keys_waiting_for_their_turn(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="overview")
        # Built beforehand, as by an earlier visit: the click's second is for key order, not
        # for composing a pane on a loaded machine.
        for tab in ("timeline", "whys"):
            await pane_of(pilot, tab)
        tabs = pilot.app.screen.query_one(TabbedContent)
        order = pilot.app.key_order
        send = order._send
        # A key in flight whose sentinel has not come back yet: the next key waits.
        order._send = lambda node: None  # type: ignore[method-assign]
        order.read()
        order._send = send  # type: ignore[method-assign]
        burst(pilot, "3")
        await wait_until(pilot, lambda: order.held == 1)
        await pilot.click("#--content-tab-timeline")
        await wait_until(pilot, lambda: tabs.active == "timeline", timeout=1)
        assert order.held == 1
        # Held, never dropped: read once the key ahead is given up on.
        await wait_until(pilot, lambda: tabs.active == "whys", timeout=5)
        assert order.held == 0
