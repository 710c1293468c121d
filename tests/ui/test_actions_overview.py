"""The Actions screen: every action item of every post-mortem; filters, the figures at a
glance, mark done (saved in the file, with its date), and into the post-mortem."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pmtui.model.enums import ActionStatus
from pmtui.ui.commands import palette_entries
from pmtui.ui.screens.actions_overview import ActionsOverviewScreen, OverviewActionTable
from tests.followup_support import database_outage
from tests.ui.support import (
    SAMPLE_ID,
    UI,
    recorded_notifications,
    screen_lines,
    wait_for_palette_hit,
    wait_until,
)

#: At the fixed clock (2025-03-20) only the outage's drill, due 2025-03-15, is overdue.
DRILL_DUE = date(2025, 3, 15)


def seed_outage(ui: UI) -> None:
    outage = database_outage()
    drill = replace(outage.actions[2], due=DRILL_DUE)
    ui.service.store.create(replace(outage, actions=(*outage.actions[:2], drill)))


def build(make_ui) -> UI:  # type: ignore[no-untyped-def]
    ui = make_ui()
    seed_outage(ui)
    return ui


def figures(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#followup-figures").render())


def shown_keys(app) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(OverviewActionTable)
    return [key.value for key in table.rows]


async def open_actions(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("A")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ActionsOverviewScreen)


async def test_every_item_with_the_figures_at_a_glance(make_ui) -> None:
    ui = build(make_ui)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_actions(pilot)
        assert len(shown_keys(ui.app)) == 8
        # Done: the sample's alert and the outage's lag alert, of 7 (won't-do left out).
        assert figures(ui.app) == "29% done · 5 open · 1 overdue · 2 unverified · 8 items"
        assert ui.app.screen.query_one("#followup-figures").has_class("-overdue")


async def test_filter_overdue_then_mark_done(make_ui) -> None:
    ui = build(make_ui)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_actions(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert shown_keys(ui.app) == ["pm-db/b3"]
        state = str(ui.app.screen.query_one("#followup-filter-state").render())
        assert state.startswith("Showing 1 of 8: overdue")
        await pilot.press("x")
        await pilot.pause()
        # Saved in the file, with today's date as the completion date.
        drill = ui.saved("pm-db").action("b3")
        assert drill.status == ActionStatus.DONE
        assert drill.completed_on == date(2025, 3, 20)
        assert figures(ui.app) == "43% done · 4 open · 0 overdue · 3 unverified · 8 items"
        assert not ui.app.screen.query_one("#followup-figures").has_class("-overdue")
        assert shown_keys(ui.app) == []
        assert ui.app.screen.query_one("#followup-empty").display
        # The sample was not touched.
        assert ui.saved().action("act-rotation-check").status == ActionStatus.OPEN
        await pilot.press("ctrl+z")
        await pilot.pause()
        reopened = ui.saved("pm-db").action("b3")
        assert (reopened.status, reopened.completed_on) == (ActionStatus.OPEN, None)
        assert figures(ui.app) == "29% done · 5 open · 1 overdue · 2 unverified · 8 items"
        assert shown_keys(ui.app) == ["pm-db/b3"]


async def test_filters_by_keys_and_by_the_filter_line(make_ui) -> None:
    ui = build(make_ui)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_actions(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert len(shown_keys(ui.app)) == 5
        await pilot.press("t", "t")  # prevent, then detect
        await pilot.pause()
        assert shown_keys(ui.app) == [f"{SAMPLE_ID}/act-edge-probe"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(shown_keys(ui.app)) == 8
        await pilot.press("slash", *"owner:ana")
        await pilot.pause()
        assert sorted(shown_keys(ui.app)) == ["pm-db/b2", "pm-db/b3"]
        await pilot.press("enter", "p")
        await pilot.pause()
        assert sorted(shown_keys(ui.app)) == ["pm-db/b2", "pm-db/b3"]
        assert "post-mortem pm-db" in str(
            ui.app.screen.query_one("#followup-filter-state").render()
        )
        await pilot.press("escape")  # one escape clears every filter
        await pilot.pause()
        assert isinstance(ui.app.screen, ActionsOverviewScreen)
        assert len(shown_keys(ui.app)) == 8
        assert ui.app.screen.query_one("#followup-filter").value == ""
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(ui.app.screen, ActionsOverviewScreen)


async def test_done_items_cannot_be_marked_again(make_ui) -> None:
    ui = build(make_ui)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_actions(pilot)
        await pilot.press("slash", *"owner:jonas", "enter")
        await pilot.pause()
        screen = ui.app.screen
        assert screen.selected().action.status == ActionStatus.DONE
        told = recorded_notifications(screen)
        before = ui.path.read_bytes()
        await pilot.press("x")
        await pilot.pause()
        assert ui.path.read_bytes() == before
        # Said, not silent (mock meeting 26b).
        assert told == [
            "That action item is already done. enter opens its post-mortem, where x opens it again."
        ]


async def test_enter_opens_the_postmortem_on_its_actions_tab(make_ui) -> None:
    from textual.widgets import TabbedContent

    from pmtui.ui.panes.actions import ActionsPane
    from pmtui.ui.screens.workspace import WorkspaceScreen

    ui = build(make_ui)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_actions(pilot)
        await pilot.press("v", "enter")
        await pilot.pause()
        workspace = ui.app.screen
        assert isinstance(workspace, WorkspaceScreen)
        assert workspace.pm.id == "pm-db"
        assert workspace.query_one(TabbedContent).active == "actions"
        assert workspace.query_one(ActionsPane).selected_id() == "b3"
        # The footer names where ctrl+l goes: back to this list, not "Home" (mock 31a).
        await wait_until(pilot, lambda: "^l Back" in screen_lines(ui.app)[-1])
        # Done in the workspace, seen on the way back.
        workspace.commit(lambda pm: ui.service.edit_action(pm, "b3", status="done"))
        # Escape only leaves a field; ctrl+l leaves the post-mortem, back where it was opened.
        await pilot.press("escape", "ctrl+l")
        await pilot.pause()
        assert isinstance(ui.app.screen, ActionsOverviewScreen)
        assert figures(ui.app).startswith("43% done")


async def test_read_only_marks_nothing(make_ui) -> None:
    ui = make_ui(read_only_reason="Opened read-only: another pmtui has the file.")
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_actions(pilot)
        assert ui.app.screen.check_action("mark_done", ()) is None


async def test_palette_commands_cover_the_keys(make_ui) -> None:
    ui = build(make_ui)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        home_titles = [c.title for c in palette_entries(ui.app.screen)]
        assert {"Actions", "Insights"} <= set(home_titles)
        await open_actions(pilot)
        titles = [c.title for c in palette_entries(ui.app.screen)]
        assert "Done" in titles and "Overdue" in titles
        ids = {b.id for b in ActionsOverviewScreen.BINDINGS}  # type: ignore[union-attr]
        assert all(i and i.startswith("actions_overview.") for i in ids)


async def test_enter_lands_on_the_chosen_item(make_ui) -> None:
    from pmtui.ui.panes.actions import ActionsPane

    ui = build(make_ui)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_actions(pilot)
        await pilot.press("slash", *"owner:jonas", "enter", "down")
        await pilot.pause()
        assert ui.app.screen.selected().key == "pm-db/b1"
        await pilot.press("enter")
        await pilot.pause()
        pane = ui.app.screen.query_one(ActionsPane)
        assert pane.row_order()[0] != "b1"  # so landing on it is not an accident of order
        assert pane.selected_id() == "b1"


async def test_done_items_nobody_verified_are_shown_apart(make_ui) -> None:
    ui = build(make_ui)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_actions(pilot)
        await pilot.press("u")
        await pilot.pause()
        # The sample's renewal alert and the outage's lag alert: done, never verified.
        assert set(shown_keys(ui.app)) == {f"{SAMPLE_ID}/act-renewal-alert", "pm-db/b1"}
        state = str(ui.app.screen.query_one("#followup-filter-state").render())
        assert state.startswith("Showing 2 of 8: done, not verified")
        detail = str(ui.app.screen.query_one("#followup-detail").render())
        assert "not verified yet" in detail
        await pilot.press("escape", "slash", *"unverified")
        await pilot.pause()
        assert len(shown_keys(ui.app)) == 2


async def test_unverified_typed_in_a_postmortems_palette_lists_the_done_unverified_items(
    make_ui,  # type: ignore[no-untyped-def]
) -> None:
    """A facilitator in a post-mortem typed "unverified" in the palette and found nothing: the
    list lives on All action items (mock 34a). The palette now leaves for it, filtered."""
    from pmtui.ui.screens.workspace import WorkspaceScreen

    ui = build(make_ui)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the first post-mortem of the list
        await wait_until(pilot, lambda: isinstance(ui.app.screen, WorkspaceScreen))
        await pilot.press("ctrl+p", *"unverified")
        await wait_for_palette_hit(pilot, "unverified")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(ui.app.screen, ActionsOverviewScreen))
        assert set(shown_keys(ui.app)) == {f"{SAMPLE_ID}/act-renewal-alert", "pm-db/b1"}
        state = str(ui.app.screen.query_one("#followup-filter-state").render())
        assert state.startswith("Showing 2 of 8: done, not verified")
        # Back from there is the list of post-mortems, with no post-mortem left open under it.
        assert not any(isinstance(s, WorkspaceScreen) for s in ui.app.screen_stack)


async def test_from_a_postmortem_opened_on_all_action_items_the_palette_goes_back_filtered(
    make_ui,  # type: ignore[no-untyped-def]
) -> None:
    from pmtui.ui.screens.workspace import WorkspaceScreen

    ui = build(make_ui)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_actions(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(ui.app.screen, WorkspaceScreen))
        await pilot.press("ctrl+p", *"done but unverified")
        await wait_for_palette_hit(pilot, "done but unverified")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(ui.app.screen, ActionsOverviewScreen))
        # The same list it was opened from, not a second one on top.
        overviews = [s for s in ui.app.screen_stack if isinstance(s, ActionsOverviewScreen)]
        assert len(overviews) == 1
        assert set(shown_keys(ui.app)) == {f"{SAMPLE_ID}/act-renewal-alert", "pm-db/b1"}
