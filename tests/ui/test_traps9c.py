"""Pilot tests of two Overview details from a mock meeting (issue 12, part 9c): the hint of a
drop-down quoted a refused type-ahead run after ctrl+z had dealt with it, and a new
post-mortem scrolled its Summary heading to the top, hiding the Header above it."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.widgets import Select, Static, TextArea

from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.form_field import FormField
from tests.ui.support import open_sample, recorded_notifications, wait_for_screen, wait_until

SIZES = [(80, 24), (120, 35)]


def screen_text(app: App) -> str:  # type: ignore[type-arg]
    """The screen as drawn."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


# 2. Once ctrl+z has told of a refused run, the field's hint is its own again -------------


async def test_after_undo_tells_of_a_refused_run_the_status_hint_is_its_own(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        field = workspace.query_one("#ff-status", FormField)
        own_hint = field.hint
        status = workspace.query_one("#field-status", Select)
        status.focus()
        told = recorded_notifications(workspace)
        await pilot.press(*"2022-03-19")  # a date typed on the wrong field: no status
        await wait_until(pilot, lambda: "is not a choice" in field.hint)
        assert "“2022-0…” is not a choice" in screen_text(pilot.app)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: bool(told))
        assert told[0].startswith("Nothing typed on Status was kept")
        await wait_until(pilot, lambda: field.hint == own_hint)
        await pilot.pause()
        assert "is not a choice" not in screen_text(pilot.app)
        assert workspace.focused is status
        # The run is over: a next letter is a new run, and picks a choice again.
        await pilot.press("c")
        assert str(status.value) == "closed"


# 3. A new post-mortem shows Summary's heading and box, and as much Header as fits --------


async def _new_postmortem(pilot) -> WorkspaceScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("n")
    await wait_for_screen(pilot, NewPostMortemModal)
    await pilot.press(*"GitHub 2018-10-21 outage", "enter")
    await wait_for_screen(pilot, WorkspaceScreen)
    workspace = pilot.app.screen
    assert isinstance(workspace, WorkspaceScreen)
    summary = workspace.query_one("#field-summary", TextArea)
    await wait_until(pilot, lambda: workspace.focused is summary)
    return workspace


@pytest.mark.parametrize("size", SIZES)
async def test_a_new_post_mortem_shows_summary_heading_and_box_in_view(
    make_ui, size: tuple[int, int]
) -> None:
    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=size) as pilot:
        workspace = await _new_postmortem(pilot)
        scroll = workspace.query_one("#overview-scroll")
        heading = workspace.query_one("#heading-summary", Static)
        box = workspace.query_one("#field-summary", TextArea)
        view = scroll.scrollable_content_region
        await wait_until(pilot, lambda: view.contains_region(heading.region))
        await wait_until(pilot, lambda: view.contains_region(box.region))


async def test_at_120x35_a_new_post_mortem_keeps_the_header_above_summary_in_view(
    make_ui,
) -> None:
    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        workspace = await _new_postmortem(pilot)
        scroll = workspace.query_one("#overview-scroll")
        box = workspace.query_one("#field-summary", TextArea)
        view = scroll.scrollable_content_region
        await wait_until(pilot, lambda: view.contains_region(box.region))
        await pilot.pause()
        # Both fit: nothing scrolled away, the Header's fields stay where the author looks.
        assert scroll.scroll_offset.y == 0
        for name in ("title", "owner", "attendees"):
            field = workspace.query_one(f"#ff-{name}")
            assert view.contains_region(field.region), name
