"""Pilot tests of traps mock meetings 10a and 10b found (issue 12): a drop-down's type-ahead
and its space, ctrl+s in two dialogs, and words that did not say what a key does. Each test
presses the keys a user would and checks the screen and what reached the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Select

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets import type_select
from tests.ui.support import open_sample, wait_for_screen, wait_until

MOCK = (80, 24)


@pytest.fixture(autouse=True)
def one_run_of_typing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys pressed in one go are one type-ahead run however slowly a loaded machine hands
    them over (a test that needs the run to end sets the pause to 0)."""
    monkeypatch.setattr(type_select, "TYPE_AHEAD_PAUSE", 60.0)


def screen_lines(app: App) -> list[str]:  # type: ignore[type-arg]
    """The screen's lines as drawn, without the borders and spaces at their ends."""
    return [
        "".join(segment.text for segment in strip).strip(" █▎▊▌▐│")
        for strip in app.screen._compositor.render_strips()
    ]


def screen_text(app: App) -> str:  # type: ignore[type-arg]
    """The screen as drawn, its lines joined and runs of spaces made one space."""
    return " ".join(" ".join(screen_lines(app)).split())


async def test_factor_type_ahead_reads_titles_never_the_category(make_ui) -> None:
    """Mock meeting 10: "c" picked "Full recovery of the data backlog… (capacity)" because
    no title starts with c and the category in brackets did."""
    ui = make_ui()
    async with ui.app.run_test(size=MOCK) as pilot:
        await open_sample(pilot, tab="actions")
        pilot.app.screen.query_one(ActionsPane).table.focus()
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        form = pilot.app.screen
        await pilot.press(*"Page on renewal failures")
        picker = form.query_one("#action-factor_id", Select)
        picker.focus()
        await wait_until(pilot, lambda: picker.has_focus)
        # "monitoring" is the category of "Certificate renewal failed…", in its label only.
        await pilot.press(*"mon")
        assert picker.value == Select.NULL
        assert "“mon” is not a choice:" in screen_text(pilot.app)
        # The first ctrl+s stays to say "mon" was not kept (mock meeting 15); the second saves.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    saved = ui.saved().actions[-1]
    assert saved.text == "Page on renewal failures"
    assert not saved.factor_id


# ctrl+s submits the export dialog and the made-sense box, as every other form ----------------


async def test_ctrl_s_in_the_export_dialog_writes_the_file(
    make_ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mock meeting 10: ctrl+s in the Document tab's export dialog did nothing."""
    from pmtui.ui.modals.export_file import ExportFileModal

    monkeypatch.chdir(tmp_path)
    ui = make_ui()
    async with ui.app.run_test(size=MOCK) as pilot:
        await open_sample(pilot, tab="document")
        await pilot.press("x")
        await wait_for_screen(pilot, ExportFileModal)
        assert "^s Export" in screen_text(pilot.app)  # the footer says so
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    (written,) = tmp_path.glob("*.md")
    assert ui.saved().title in written.read_text(encoding="utf-8")


async def test_ctrl_s_saves_how_it_made_sense_in_the_meeting(make_ui) -> None:
    """Mock meeting 10: the "How did it make sense at the time?" box showed only "esc Cancel"
    and ctrl+s did nothing; enter was the only way to save."""
    from pmtui.ui.modals.why_forms import WhyTextModal
    from pmtui.ui.screens.meeting import MeetingScreen

    ui = make_ui()
    async with ui.app.run_test(size=MOCK) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("m")
        await wait_for_screen(pilot, WhyTextModal)
        assert "How did it make sense" in screen_text(pilot.app)
        assert "^s Save" in screen_text(pilot.app)
        await pilot.press("ctrl+a", *"The warning looked like the channel's usual noise")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MeetingScreen)
    saved = ui.saved().factor("why-renewal")
    assert saved.made_sense == "The warning looked like the channel's usual noise"


# A space and an enter after refused typing on a drop-down are typing ------------------------


class Clock:
    """The type-ahead's clock, moved on by the test: a pause without waiting for it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


async def test_a_sentence_going_on_after_a_pause_on_status_neither_opens_nor_publishes(
    make_ui, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mock meeting 10b: "resolved after restarts" on the Overview's Status was refused, then
    " by Priya" after a pause: the space opened the list, "P" highlighted published and
    enter opened "Ready to publish?"."""
    clock = Clock()
    monkeypatch.setattr(type_select, "TYPE_AHEAD_PAUSE", 1.0)
    monkeypatch.setattr(type_select, "time", clock)
    ui = make_ui()
    async with ui.app.run_test(size=MOCK) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        status = workspace.query_one("#field-status", Select)
        status.focus()
        await wait_until(pilot, lambda: status.has_focus)
        await pilot.press(*"resolved after restarts")
        assert status.value == "in-review"
        assert "“resolv…” is not a choice:" in screen_text(pilot.app)
        clock.now += 5  # the typist stops to think, then goes on
        await pilot.press(*" by Priya", "enter")
        await pilot.pause()
        assert not status.expanded
        assert pilot.app.screen is workspace  # no "Ready to publish?"
        assert status.value == "in-review"
        assert "is not a choice:" in screen_text(pilot.app)
        # Space on its own, with nothing typed before it, still opens the list.
        status.blur()
        status.focus()
        await wait_until(pilot, lambda: status.has_focus)
        await pilot.press("space")
        await wait_until(pilot, lambda: status.expanded)
        await pilot.press("escape")
    assert ui.saved().status.value == "in-review"


# Words that say what a key does ------------------------------------------------------------


@pytest.mark.parametrize("key", ["b", "w"])
async def test_the_branch_box_says_esc_makes_no_branch_and_esc_makes_none(make_ui, key) -> None:
    """Mock meeting 10a: the branch box said "esc changes nothing", but esc with words typed
    asked "Discard this answer?"."""
    from textual.widgets import ListView

    from pmtui.ui.modals.discard import DiscardTypingModal
    from pmtui.ui.modals.why_forms import WhyTextModal
    from pmtui.ui.panes.whys import WhysPane

    ui = make_ui()
    before = ui.saved().whys
    async with ui.app.run_test(size=MOCK) as pilot:
        await open_sample(pilot, tab="whys")
        pane = pilot.app.screen.query_one(WhysPane)
        pane.select_chain("why-renewal")  # concluded at its root cause
        ladder = pane.query_one("#whys-ladder", ListView)
        ladder.focus()
        await wait_until(pilot, lambda: ladder.has_focus)
        await pilot.press(key)
        await wait_for_screen(pilot, WhyTextModal)
        shown = screen_text(pilot.app)
        assert "esc makes no branch" in shown and "esc changes nothing" not in shown
        await pilot.press(*"Renewals ran unmonitored", "escape")
        await wait_for_screen(pilot, DiscardTypingModal)
        assert "Discard this answer?" in screen_text(pilot.app)
        await pilot.press("y")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert ui.saved().whys == before


async def test_a_bare_time_on_the_quick_add_line_says_a_date_first_is_read_as_given(
    make_ui,
) -> None:
    """Mock meeting 10b: after an event of the next day "06:20 …" meant that day, and the
    line under the quick-add box never said a full date could be typed first."""
    from pmtui.ui.controls.quick_add_line import QuickAddLine
    from pmtui.ui.panes.timeline import TimelinePane

    ui = make_ui()
    async with ui.app.run_test(size=MOCK) as pilot:
        await open_sample(pilot, tab="timeline")
        pane = pilot.app.screen.query_one(TimelinePane)
        line = pane.query_one(QuickAddLine)
        line.input.focus()
        await wait_until(pilot, lambda: line.input.has_focus)
        # The last event is at 2025-03-19 10:36:30: a bare 06:20 is the next morning's.
        await pilot.press(*"06:20 Backlog drained")
        said = "→ Thu 2025-03-20 06:20 CET · note · or give the date: 2025-03-20 06:20 …"
        await wait_until(pilot, lambda: said in screen_lines(pilot.app))
        await pilot.press("ctrl+a", "backspace", *"2025-03-19 06:20 Backlog drained", "enter")
        await wait_until(pilot, lambda: any(e.text == "Backlog drained" for e in ui.saved().events))
    (event,) = [e for e in ui.saved().events if e.text == "Backlog drained"]
    assert event.at.isoformat() == "2025-03-19T05:20:00+00:00"
