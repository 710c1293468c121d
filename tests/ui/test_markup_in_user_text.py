"""Pilot test of text people typed that looks like Rich markup ("[/]", "[bold]"): every place
that quotes a title or a why shows it as typed, and none stops pmtui with a traceback."""

from __future__ import annotations

from textual.widgets import DataTable, SelectionList, Tabs

from pmtui.ui.modals.attendees import AttendeesModal
from pmtui.ui.modals.confirm import ConfirmModal
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.screens.home import HomeScreen
from pmtui.ui.screens.meeting import ESCAPE_AFTER_DIALOG_SECONDS, MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import SAMPLE_ID, open_sample, wait_for_screen, wait_until

TITLE = "Deploy [/] broke [bold]checkout[/bold]"
PROBLEM = "Checkout returned [/] 502s"


def _shown(widget) -> str:  # type: ignore[no-untyped-def]
    return str(widget.render())


async def test_a_title_and_a_why_with_markup_brackets_show_as_typed_everywhere(make_ui) -> None:
    ui = make_ui(with_sample=False)
    pm = ui.service.create(TITLE, timezone="Europe/Berlin")
    ui.service.add_why_chain(pm, PROBLEM)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        home = pilot.app.screen
        table = home.query_one(DataTable)
        assert str(table.get_row_at(0)[-1]) == TITLE
        home.open_postmortem(pm.id)
        await wait_for_screen(pilot, WorkspaceScreen)
        workspace = pilot.app.screen
        await wait_until(pilot, lambda: workspace.panes_ready)
        assert TITLE in _shown(workspace.query_one("#pm-title"))
        workspace.action_show_tab("whys")
        await pilot.pause()
        assert f"1. {PROBLEM}" in [_shown(s) for s in workspace.query(".chain-body Static")]
        workspace.query_one(Tabs).focus()  # out of the answer box: m is a command again
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        assert TITLE in _shown(meeting.query_one("#meeting-title"))
        await pilot.press("w")
        await wait_for_screen(pilot, WhyTextModal)
        assert PROBLEM in _shown(pilot.app.screen.query_one(".modal-title"))
        await pilot.press("escape")
        await wait_for_screen(pilot, MeetingScreen)
        # An escape right after the one that closed the dialog repeats it: a pause first.
        await pilot.pause(ESCAPE_AFTER_DIALOG_SECONDS)
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
        await pilot.press("ctrl+l")
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("d")
        await wait_for_screen(pilot, ConfirmModal)
        assert TITLE in _shown(pilot.app.screen.query_one(".modal-question"))


async def test_a_filter_typed_with_markup_brackets_is_quoted_as_typed(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("A")
        await wait_until(pilot, lambda: bool(pilot.app.screen.query("#followup-filter-state")))
        await pilot.press("slash", *"owner:[/]x", "enter")
        state = pilot.app.screen.query_one("#followup-filter-state")
        await wait_until(pilot, lambda: "[/]x" in _shown(state))


async def test_names_with_markup_brackets_are_listed_in_the_roll_call(make_ui) -> None:
    ui = make_ui()
    pm = ui.service.get(SAMPLE_ID)
    ui.service.update(pm, attendees="Noor [/] Aziz, Sam [ops]")
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("r")
        await wait_for_screen(pilot, AttendeesModal)
        names = pilot.app.screen.query_one(SelectionList)
        shown = [str(names.get_option_at_index(i).prompt) for i in range(names.option_count)]
        assert {"Noor [/] Aziz", "Sam [ops]"} <= set(shown)
        await pilot.press(*"Lee [b]", "enter")
        await wait_until(pilot, lambda: names.option_count == len(shown) + 1)
        assert str(names.get_option_at_index(len(shown)).prompt) == "Lee [b]"


async def test_a_factor_and_its_events_with_markup_brackets_show_as_typed(make_ui) -> None:
    from textual.widgets import ListView, Select

    from pmtui.ui.modals.action_form import ActionItemModal
    from pmtui.ui.modals.factor_form import FactorModal

    ui = make_ui(with_sample=False)
    pm = ui.service.create(TITLE, timezone="Europe/Berlin")
    pm, event = ui.service.add_event(pm, at="2025-03-19 08:41", kind="start", text=PROBLEM)
    pm, _ = ui.service.add_factor(
        pm, title="Alerts went to [/] a muted channel", made_sense="It was [bold] quiet"
    )
    pm, _ = ui.service.add_factor(
        pm, title="Rotation has no checklist", event_ids=[event.id], made_sense="[/]"
    )
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        pilot.app.screen.open_postmortem(pm.id)
        await wait_for_screen(pilot, WorkspaceScreen)
        workspace = pilot.app.screen
        await wait_until(pilot, lambda: workspace.panes_ready)
        workspace.action_show_tab("whys")
        await pilot.pause()
        listed = [_shown(s) for s in workspace.query(".chain-body Static")]
        assert "1. Alerts went to [/] a muted channel" in listed
        workspace.query_one("#whys-ladder", ListView).focus()
        await pilot.press("f")
        await wait_for_screen(pilot, FactorModal)
        events = pilot.app.screen.query_one(SelectionList)
        assert PROBLEM in str(events.get_option_at_index(0).prompt)
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
        # The action form offers the factors to address, titles as typed.
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        factors = pilot.app.screen.query_one("#action-factor_id", Select)
        assert any("[/] a muted channel" in str(prompt) for prompt, _ in factors._options)
