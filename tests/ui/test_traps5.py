"""Pilot tests of the last traps a first-time facilitator met in a mock review of a three-day
datacenter outage (issue 12, part 5): each presses the keys a user would and checks the screen
and what reached the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, Select, Static, TextArea

from pmtui.ui.modals.confirm import ConfirmModal
from pmtui.ui.modals.export_file import ExportFileModal
from pmtui.ui.modals.help import HelpScreen, _binding_rows
from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.panes.findings import FindingsPane
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.hint_line import BlameHintLine
from tests.ui.support import (
    SAMPLE_ID,
    open_sample,
    pane_of,
    wait_for_screen,
    wait_until,
    workspace_settled,
)

SIZES = [(80, 24), (120, 35)]
UNTESTED_HA = " Services assumed to be HA were never tested with PDX01 fully offline."


async def _type_at_end_of_summary(pilot, text: str) -> TextArea:  # type: ignore[no-untyped-def]
    area = pilot.app.screen.query_one("#field-summary", TextArea)
    area.focus()
    area.move_cursor(area.document.end)
    await pilot.press(*text)
    # Overview's typing debounce saves it, then the guides read the saved post-mortem.
    await wait_until(pilot, lambda: pilot.app.screen.pm.summary.endswith(text.strip()))
    pane = await pane_of(pilot, "checks")  # the guides' findings, as ctrl+p builds them
    await wait_until(pilot, lambda: pane.up_to_date)
    return area


async def test_a_passive_sentence_about_things_is_not_blame(make_ui) -> None:
    # The mock review's own sentence, typed; more sentences of the same pattern are checked
    # through the service, as the workspace calls it (tests/test_passive_blame_service.py).
    sentence = UNTESTED_HA
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot)
        await _type_at_end_of_summary(pilot, sentence)
        pane = await pane_of(pilot, "checks")
        assert [e.rule for e in pane.entries() if e.rule == "blame-language"] == []
        assert not pilot.app.screen.query_one("#blame-summary", BlameHintLine).display
    assert ui.saved().summary.endswith(sentence.strip())


async def test_a_person_as_the_agent_of_never_tested_is_still_blame_with_a_fitting_hint(
    make_ui,
) -> None:
    ui = make_ui()
    sentence = " Services assumed to be HA were never tested by the on-call team."
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot)
        await _type_at_end_of_summary(pilot, sentence)
        hint = pilot.app.screen.query_one("#blame-summary", BlameHintLine)
        assert hint.display
        # The hint speaks of what went untested, not of a change that shipped.
        assert "what let it go untested" in hint.text
        assert "the change ship" not in hint.text
        pane = pilot.app.screen.query_one(FindingsPane)
        assert [e.where for e in pane.entries() if e.rule == "blame-language"] == ["summary"]
    assert ui.saved().summary.endswith(sentence.strip())


@pytest.mark.parametrize("size", SIZES)
async def test_ctrl_end_and_ctrl_home_go_to_the_end_and_start_of_the_summary(
    make_ui, size: tuple[int, int]
) -> None:
    ui = make_ui()
    summary = ui.saved().summary
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot)
        area = pilot.app.screen.query_one("#field-summary", TextArea)
        area.focus()
        area.move_cursor((0, 3))
        await pilot.press("ctrl+end", *" Tail.")
        assert area.text == summary + " Tail."
        await pilot.press("ctrl+home", *"Head. ")
        assert area.text == "Head. " + summary + " Tail."
        await wait_until(pilot, lambda: pilot.app.screen.pm.summary == area.text)
        await pilot.press("f1")
        await wait_for_screen(pilot, HelpScreen)
        await wait_until(pilot, lambda: pilot.app.screen.keys_listed)  # every tab's keys
        rows = _binding_rows(pilot.app.screen._origin)
        listed = {(key, does) for _, key, does, _ in rows}
        # Textual shows ctrl as ^.
        assert {("^home", "Start of text"), ("^end", "End of text")} <= listed
    assert ui.saved().summary == "Head. " + summary + " Tail."


async def _open_export(pilot) -> ExportFileModal:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="document")
    await pilot.press("x")
    await wait_for_screen(pilot, ExportFileModal)
    modal = pilot.app.screen
    assert isinstance(modal, ExportFileModal)
    return modal


@pytest.mark.parametrize("size", SIZES)
async def test_export_dialog_tabs_from_the_format_to_the_file_then_to_export(
    make_ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    monkeypatch.chdir(tmp_path)
    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        modal = await _open_export(pilot)
        select = modal.query_one("#export-format", Select)
        path_input = modal.query_one("#export-path", Input)
        # The format list sits above the file name: shift+tab, open it, HTML.
        await pilot.press("shift+tab", "enter", "down", "enter")
        await wait_until(pilot, lambda: path_input.value.endswith(".html"))
        # The focus stays where the user is; the next tab is the file, the one after Export.
        await wait_until(pilot, lambda: not select.expanded)
        assert modal.focused is select
        await pilot.press("tab")
        assert modal.focused is path_input
        # Tab in selects the name, as in every form (issue 12); end types after it.
        assert path_input.selected_text == path_input.value
        await pilot.press("end", *"x")
        assert path_input.value.endswith(".htmlx")
        await pilot.press("backspace", "tab")
        assert modal.focused is modal.query_one("#export", Button)
        assert "Export" in str(pilot.app.screen.focused.render())
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        target = Path(path_input.value)
        await wait_until(pilot, lambda: target.exists())
    assert target.suffix == ".html"
    assert "<html" in target.read_text(encoding="utf-8").lower()


async def test_export_dialog_enter_on_the_same_format_stays_on_it_and_shift_tab_goes_back(
    make_ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        modal = await _open_export(pilot)
        select = modal.query_one("#export-format", Select)
        path_input = modal.query_one("#export-path", Input)
        export, cancel = modal.query_one("#export", Button), modal.query_one("#cancel", Button)
        await pilot.press("shift+tab", "enter", "enter")
        await wait_until(pilot, lambda: not select.expanded)
        assert modal.focused is select
        assert path_input.value.endswith(".md")
        # The whole round: format, file, Export, Cancel, and back by shift+tab.
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            seen.append(modal.focused)
        assert seen == [path_input, export, cancel, select]
        await pilot.press("shift+tab", "shift+tab")
        assert modal.focused is export
        # Nothing was written on the way.
        assert list(tmp_path.glob("*.md")) == []


@pytest.mark.parametrize("size", SIZES)
async def test_escape_in_the_new_dialog_asks_before_discarding_a_typed_title(
    make_ui, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        await pilot.pause()
        home = pilot.app.screen
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        dialog = pilot.app.screen
        title = dialog.query_one("#title", Input)
        await pilot.press(*"PDX01 power loss", "escape")
        await wait_for_screen(pilot, ConfirmModal)
        question = str(pilot.app.screen.query_one(".modal-question", Static).render())
        assert question == "Discard the new post-mortem?"
        # A letter but y or n answers nothing (mock 30a: a reflex key kept the draft, and
        # the next words went onto its end); n and enter go back to the dialog, the title
        # intact and the key not typed.
        await pilot.press("x")
        await pilot.pause(0.8)
        assert isinstance(pilot.app.screen, ConfirmModal)
        for key in ("n", "enter"):
            await pilot.pause(0.15)
            await pilot.press(key)
            await wait_until(pilot, lambda: pilot.app.screen is dialog)
            assert title.value == "PDX01 power loss"
            assert dialog.focused is title
            await pilot.press("escape")
            await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("y")
        await wait_until(pilot, lambda: pilot.app.screen is home)
        # With nothing typed, escape just closes.
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        await pilot.press("escape")
        await wait_until(pilot, lambda: pilot.app.screen is home)
    assert ui.saved_ids() == [SAMPLE_ID]


async def test_a_changed_severity_alone_also_asks_and_keeping_creates_it(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        dialog = pilot.app.screen
        dialog.query_one("#severity", Select).value = "SEV1"
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("n")
        await wait_until(pilot, lambda: pilot.app.screen is dialog)
        dialog.query_one("#title", Input).focus()
        await pilot.press(*"PDX01 power loss", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
    (new_id,) = [pm_id for pm_id in ui.saved_ids() if pm_id != SAMPLE_ID]
    saved = ui.saved(new_id)
    assert (saved.title, saved.severity.value) == ("PDX01 power loss", "SEV1")


@pytest.mark.parametrize("size", SIZES)
async def test_with_no_post_mortems_n_creates_wherever_the_user_tabbed(
    make_ui, size: tuple[int, int]
) -> None:
    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=size) as pilot:
        await pilot.pause()
        home = pilot.app.screen
        table = home.query_one("#home-table", DataTable)
        assert "Press n to write the first one" in str(home.query_one("#home-empty").render())
        # Tab, / or a click would have put the cursor in the filter box, where n typed "n".
        await pilot.press("tab", "slash")
        await pilot.click("#home-filter")
        assert home.focused is table
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        await pilot.press(*"PDX01 power loss", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
    (pm_id,) = ui.saved_ids()
    assert ui.saved(pm_id).title == "PDX01 power loss"


async def test_with_a_list_n_in_the_filter_still_types_and_deleting_the_last_frees_n(
    make_ui,
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = pilot.app.screen
        filter_input = home.query_one("#home-filter", Input)
        # With a list, the filter box types every letter, n included (today's behaviour).
        await pilot.press("slash", *"tls n")
        assert filter_input.value == "tls n"
        assert not isinstance(pilot.app.screen, NewPostMortemModal)
        await pilot.press("escape", "d")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("y")
        await wait_until(pilot, lambda: pilot.app.screen is home and not ui.saved_ids())
        # The last one gone, the filter has nothing to filter and n creates.
        await pilot.press("tab")
        assert home.focused is home.query_one("#home-table", DataTable)
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)


OVERDUE = "was due 2025-03-01 (19 days ago) and is still in-progress"


async def _overdue_checks(pilot) -> FindingsPane:  # type: ignore[no-untyped-def]
    """The sample with an action two and a half weeks overdue, the Checks tab in front: its
    row is longer than 80 columns."""
    screen = pilot.app.screen
    service = screen.service
    screen.commit(lambda pm: service.edit_action(pm, "act-edge-probe", due="2025-03-01"))
    pane = await pane_of(pilot, "checks")  # settled before its tab is shown
    await wait_until(pilot, lambda: pane.up_to_date and bool(pane.entries()))
    screen.action_show_tab("checks")
    await wait_until(pilot, lambda: workspace_settled(screen))
    return pane


@pytest.mark.parametrize("size", SIZES)
async def test_the_timezone_hint_and_the_checks_rows_show_every_word(
    make_ui, size: tuple[int, int]
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot)
        screen = pilot.app.screen
        field = screen.query_one("#ff-timezone")
        hint = field.query_one(".field-hint", Static)
        await wait_until(pilot, lambda: hint.region.height > 0)
        # The hint, wrapped or not, lies inside its field: none of its lines is cut off.
        assert field.region.contains_region(hint.region)
        shown = " ".join(hint.render_line(y).text.strip() for y in range(hint.size.height))
        assert shown == "IANA name, e.g. Europe/Berlin"
        listing = (await _overdue_checks(pilot)).finding_list
        lines = [listing.render_line(y).text.strip() for y in range(listing.size.height)]
        assert OVERDUE in " ".join(lines)
        assert not any(line.endswith("…") and "was due" in line for line in lines)
    assert ui.saved().action("act-edge-probe").due.isoformat() == "2025-03-01"


def _overdue_checks_snapshot():  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_sample(pilot)
        await _overdue_checks(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x35"])
def test_checks_rows_wrap_snapshot(snap_compare, snapshot_ui, size: tuple[int, int]) -> None:
    assert snap_compare(
        snapshot_ui().app, terminal_size=size, run_before=_overdue_checks_snapshot()
    )


@pytest.mark.parametrize("size", SIZES)
async def test_export_dialog_enter_right_after_picking_a_format_writes_that_format(
    make_ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """Both later mock reviews picked "HTML page" and pressed enter, expecting the file; the
    enter reopened the list and nothing was written."""
    monkeypatch.chdir(tmp_path)
    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        modal = await _open_export(pilot)
        select = modal.query_one("#export-format", Select)
        path_input = modal.query_one("#export-path", Input)
        await pilot.press("shift+tab", "enter", "down", "enter")
        await wait_until(pilot, lambda: path_input.value.endswith(".html") and not select.expanded)
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        target = Path(path_input.value)
        await wait_until(pilot, lambda: target.exists())
    assert target.suffix == ".html"
    assert "<html" in target.read_text(encoding="utf-8").lower()
