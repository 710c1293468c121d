"""Pilot tests of more traps a first-time facilitator met in a mock review (issue 12, part
4b): each presses the keys a user would and checks the screen and, where it matters, the file."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, ListView, TabbedContent, TextArea

from pmtui.ui.modals.confirm import ConfirmModal
from pmtui.ui.modals.help import HelpScreen, _binding_rows
from pmtui.ui.modals.section_edit import SectionEditModal
from pmtui.ui.modals.why_forms import CauseCategoryModal, WhyTextModal
from pmtui.ui.panes.whys import WhysPane
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import open_sample, pane_of, wait_for_screen, wait_until

SIZES = [(80, 24), (120, 35)]


@pytest.mark.parametrize("size", SIZES)
async def test_leaving_the_meeting_focuses_the_panes_list_so_6_goes_to_checks(
    make_ui, size: tuple[int, int]
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot, tab="timeline")
        workspace = pilot.app.screen
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        # Step 4: a new factor and its first why, then taken back (which shows it on the
        # Five Whys pane, where the answer box takes the focus).
        await pilot.press("4", "W", *"Consul slowed", "enter")
        await pilot.press("w", *"A gossip storm", "enter", "ctrl+z")
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
        whys = workspace.query_one(WhysPane)
        assert workspace.query_one(TabbedContent).active == "whys"
        assert workspace.focused is whys.query_one("#whys-chains", ListView)
        await pilot.press("6")
        await pilot.pause()
        assert workspace.query_one(TabbedContent).active == "checks"
        assert whys.query_one("#whys-answer", Input).value == ""


async def test_enter_at_discard_your_changes_keeps_the_typing_and_y_discards(make_ui) -> None:
    ui = make_ui()
    summary = ui.saved().summary
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        await pilot.press("2", "e")
        await wait_for_screen(pilot, SectionEditModal)
        dialog = pilot.app.screen
        area = dialog.query_one(TextArea)
        await pilot.press(*" Partners saw it first.", "escape")
        await wait_for_screen(pilot, ConfirmModal)
        buttons = [str(b.label) for b in pilot.app.screen.query(Button)]
        assert buttons == ["Keep editing (n)", "Save (ctrl+s)", "Discard (y)"]
        # The reflex enter keeps editing, adding nothing to the text; typing goes on.
        await pilot.press("enter")
        await wait_until(pilot, lambda: pilot.app.screen is dialog)
        await pilot.press(*" yn")
        assert area.text == summary + " Partners saw it first. yn"
        # Asked again, n keeps editing too.
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("n")
        await wait_until(pilot, lambda: pilot.app.screen is dialog)
        assert area.text == summary + " Partners saw it first. yn"
        # Only a deliberate y throws the typing away.
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("y")
        await wait_until(pilot, lambda: pilot.app.screen is meeting)
    assert ui.saved().summary == summary


def _help_cells(table: DataTable) -> list[tuple[str, str]]:
    """(description, details) of every row as the table draws them, lines joined."""
    drawn_at: dict[int, str] = {}
    body = table.size.height - table.header_height
    total = sum(row.height for row in table.ordered_rows)
    for top in range(0, total, body):
        table.scroll_to(y=top, animate=False, immediate=True)
        drawn = table.render_lines(Region(0, 0, table.size.width, table.size.height))
        # The last page stops at the end: it starts where the table scrolled to.
        for offset, strip in enumerate(drawn[table.header_height :]):
            drawn_at[round(table.scroll_y) + offset] = strip.text
    lines = [drawn_at[y] for y in range(total)]
    starts = [0]
    for column in table.ordered_columns:
        starts.append(starts[-1] + column.get_render_width(table))
    cells, y = [], 0
    for row in table.ordered_rows:
        rows = lines[y : y + row.height]
        y += row.height
        cells.append(
            tuple(
                " ".join(" ".join(line[starts[i] : starts[i + 1]].split()) for line in rows)
                .replace("  ", " ")
                .strip()
                for i in (2, 3)
            )
        )
    return cells  # type: ignore[return-value]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("where", ["workspace", "meeting"])
async def test_f1_help_shows_every_description_whole(
    make_ui, size: tuple[int, int], where: str
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot, tab="timeline")
        if where == "meeting":
            await pilot.press("m")
            await wait_for_screen(pilot, MeetingScreen)
        origin = pilot.app.screen
        await pilot.press("f1")
        await wait_for_screen(pilot, HelpScreen)
        await wait_until(pilot, lambda: pilot.app.screen.keys_listed)  # every tab's keys
        await pilot.pause()
        table = pilot.app.screen.query_one("#help-keys", DataTable)
        expected = [(row[2], " ".join(row[3].split())) for row in _binding_rows(origin)]
        assert _help_cells(table) == expected


def _drawn(widget: Widget) -> str:
    """The text `widget` draws, its lines joined by spaces."""
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return " ".join(" ".join(strip.text for strip in lines).split())


def _cut_labels(dialog: Screen) -> list[str]:
    """The labels, titles and questions of `dialog` that it does not draw whole."""
    cut = []
    room = dialog.query_one(".modal-body").content_region
    for label in dialog.query(".field-label, .modal-title, .modal-question, #cause-text"):
        if not label.display:
            continue
        text = " ".join(str(label.render()).split())
        # Drawn whole, and within the dialog (what sticks out past its edge is not seen).
        if text not in _drawn(label) or label.region.right > room.right:
            cut.append(text)
    return cut


@pytest.mark.parametrize("size", SIZES)
async def test_meeting_dialogs_wrap_their_prompts_instead_of_cutting_them(
    make_ui, size: tuple[int, int]
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("4", "W", *"Consul slowed under a gossip storm of health checks", "enter")
        seen = []
        for key, dialog in (("w", WhyTextModal), ("m", WhyTextModal), ("W", WhyTextModal)):
            await pilot.press(key)
            await wait_for_screen(pilot, dialog)
            await pilot.pause()
            seen.append(str(pilot.app.screen.query_one(".field-label").render()))
            assert _cut_labels(pilot.app.screen) == []
            await pilot.press("escape")
            await wait_for_screen(pilot, MeetingScreen)
        assert seen[1].startswith("About “Consul slowed")
        assert seen[1].endswith("what did the people involved see and expect then?")
        await pilot.press("w", *"A gossip storm", "enter", "c")
        await wait_for_screen(pilot, CauseCategoryModal)
        await pilot.pause()
        assert _cut_labels(pilot.app.screen) == []


@pytest.mark.parametrize("size", SIZES)
async def test_the_first_why_of_a_technical_factor_offers_all_phases_as_prompts(
    make_ui, size: tuple[int, int]
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot, tab="timeline")
        workspace = pilot.app.screen
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        await pilot.press("4", "W", *"Consul slowed", "enter")
        await wait_for_screen(pilot, MeetingScreen)
        shown = " ".join(meeting.step_widget.text.split())
        assert "Prompts: detection – how did we find out? · diagnosis" in shown
        assert "Detection:" not in shown
        await pilot.press("w")
        await wait_for_screen(pilot, WhyTextModal)
        dialog = pilot.app.screen
        # The question is about the factor; the phases are the facilitator's prompts.
        assert str(dialog.query_one(".field-label").render()) == "Because …"
        hint = " ".join(str(dialog.query_one(".field-hint").render()).split())
        assert all(phase in hint for phase in ("detection", "diagnosis", "repair"))
        await pilot.press(*"A gossip storm of health checks", "enter")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
        whys = await pane_of(pilot, "whys")  # as pressing 3 builds it
        factors = whys.query_one("#whys-chains", ListView)
        await wait_until(pilot, lambda: len(factors) == len(workspace.pm.factors))  # listed
        whys.select_factor(workspace.pm.factors[-1].id)
        await pilot.pause()
        question = " ".join(str(whys.query_one("#whys-question").render()).split())
        assert question.startswith("Why #2? Why did this happen: “A gossip storm")
        assert "how did we find out?" in str(whys.query_one("#whys-prompts").render())
        assert "Diagnosis:" not in question
    saved = ui.saved()
    assert saved.whys[-1].answers == ("A gossip storm of health checks",)


async def test_the_made_sense_dialog_shows_a_factor_title_with_brackets_as_typed(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("4", "W", *"Retry [/] loop [b]storm", "enter")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("m")
        await wait_for_screen(pilot, WhyTextModal)
        await pilot.pause()
        label = str(pilot.app.screen.query_one(".field-label").render())
        assert label.startswith("About “Retry [/] loop [b]storm”:")
