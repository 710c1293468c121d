"""Pilot tests of two Overview details from a mock meeting (issue 12, part 9c): the hint of a
drop-down quoted a refused type-ahead run after ctrl+z had dealt with it, and a new
post-mortem scrolled its Summary heading to the top, hiding the Header above it."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Select

from pmtui.ui.widgets.form_field import FormField
from tests.ui.support import open_sample, recorded_notifications, wait_until


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
