"""Pilot tests of the traps a first-time facilitator met in a mock review at 80 and 120
columns (issue 12, part 6c): footers cut at 80 columns, the Checks pane's detail, the export
dialog's ways out. Each presses the keys a user would and checks the screen and the file."""

from __future__ import annotations

import threading
from pathlib import Path

import orjson
import pytest
from textual.app import App
from textual.command import CommandPalette
from textual.widgets import Button, DataTable, Input, Select, Static, TextArea

from pmtui.model.codec import postmortem_from_dict
from pmtui.ui.modals import export_file
from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.confirm import ConfirmModal
from pmtui.ui.modals.export_file import ExportFileModal
from pmtui.ui.modals.help import HelpScreen
from pmtui.ui.panes.findings import FindingsPane
from pmtui.ui.screens.actions_overview import ActionsOverviewScreen
from pmtui.ui.screens.home import HomeScreen
from pmtui.ui.screens.insights import InsightsScreen
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import TABS, WorkspaceScreen
from pmtui.ui.widgets.hint_line import BlameHintLine
from tests.ui.support import (
    FIXED_NOW,
    UI,
    open_sample,
    pane_of,
    recorded_notifications,
    wait_for_screen,
    wait_until,
)

SIZES = [(80, 24), (100, 30)]
#: The mock review's post-mortem: six actions with no owner, so the Checks list is long.
GITHUB_2018 = Path(__file__).parents[1] / "data" / "public" / "github-2018-network-partition.json"


def footer_keys(app: App) -> str:  # type: ignore[type-arg]
    """The keys of the footer as drawn on the screen's last line, left of the palette key."""
    strips = app.screen._compositor.render_strips()
    line = "".join(segment.text for segment in strips[-1])
    keys, palette, _ = line.partition("▏")
    assert palette == "▏", f"the palette key is not drawn: {line!r}"
    return " ".join(keys.split())  # one space between words, as at 80 columns


def footer_keys_while_drawn(app: App) -> str:  # type: ignore[type-arg]
    """footer_keys for a wait: "" while the footer is between two looks (its old keys gone,
    the new ones not yet mounted), a state a loaded machine lets a wait see."""
    strips = app.screen._compositor.render_strips()
    if "▏" not in "".join(segment.text for segment in strips[-1]):
        return ""
    return footer_keys(app)


def ends_with_whole_help(keys: str) -> bool:
    return keys.endswith(("f1 Help", "f1 More"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_every_footer_ends_with_a_whole_f1_key_and_the_panes_first_key(
    make_ui, size: tuple[int, int]
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await wait_until(pilot, lambda: ends_with_whole_help(footer_keys_while_drawn(pilot.app)))
        assert footer_keys(pilot.app).startswith("n New")
        await open_sample(pilot)
        first_keys = {
            "overview": "^l Home",
            "timeline": "n Stamp now",
            "whys": "n New",
            "actions": "a Add",
            "document": "t Template",
            # The sample is all clear at the fixed clock: the pane holds the focus and its keys.
            "checks": "w Waive",
        }
        for number, (tab, _) in enumerate(TABS, start=2):
            await pilot.press(f"f{number}")
            await wait_until(
                pilot,
                lambda tab=tab: footer_keys_while_drawn(pilot.app).startswith(first_keys[tab]),
            )
            keys = footer_keys(pilot.app)
            assert ends_with_whole_help(keys), f"{tab} at {size}: {keys!r}"
        await pilot.press("ctrl+l")
        await wait_for_screen(pilot, HomeScreen)
        for key, screen_type in (("A", ActionsOverviewScreen), ("I", InsightsScreen)):
            await pilot.press(key)
            await wait_for_screen(pilot, screen_type)
            await wait_until(pilot, lambda: "esc Back" in footer_keys_while_drawn(pilot.app))
            keys = footer_keys(pilot.app)
            assert ends_with_whole_help(keys), f"{screen_type.__name__} at {size}: {keys!r}"
            await pilot.press("escape")
            await wait_for_screen(pilot, HomeScreen)


async def test_a_footer_too_narrow_for_its_keys_says_f1_more_and_f1_lists_them(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot)
        await pilot.press("f3")
        await wait_until(
            pilot, lambda: footer_keys_while_drawn(pilot.app).startswith("n Stamp now")
        )
        assert footer_keys(pilot.app).endswith("^q Quit f1 Help")
        # Narrowed to 80 columns, the footer fits itself again: quit is left out, not help.
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: footer_keys_while_drawn(pilot.app).endswith("f1 More"))
        assert "^q Quit" not in footer_keys(pilot.app)
        assert footer_keys(pilot.app).startswith("n Stamp now a Add e Edit d Delete")
        await pilot.press("f1")
        await wait_for_screen(pilot, HelpScreen)
        table = pilot.app.screen.query_one("#help-keys", DataTable)
        rows = [" ".join(map(str, table.get_row_at(i))) for i in range(table.row_count)]
        assert any("Quit" in row for row in rows)


async def test_the_meeting_five_whys_step_shows_w_new_at_80_columns(make_ui) -> None:
    ui = make_ui()
    before = len(ui.saved().whys)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot)
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        await pilot.press("4")
        keys = pilot.app.screen.query_one("#meeting-keys")
        await wait_until(pilot, lambda: "F1 more" in str(keys.render()))
        line = str(keys.render())
        assert "W new" in line and "↑↓ factor" in line, line
        # The key it shows does what it says.
        await pilot.press("W")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, MeetingScreen))
        await pilot.press(*"Replication lag went unseen", "enter")
        await wait_for_screen(pilot, MeetingScreen)
    assert len(ui.saved().whys) == before + 1
    assert ui.saved().whys[-1].problem == "Replication lag went unseen"


# The Checks pane's detail -----------------------------------------------------------------


def add_github_2018(ui: UI) -> str:
    pm = postmortem_from_dict(orjson.loads(GITHUB_2018.read_bytes()), now=FIXED_NOW)
    ui.service.store.create(pm)
    return pm.id


async def open_checks(pilot, pm_id: str) -> FindingsPane:  # type: ignore[no-untyped-def]
    await wait_for_screen(pilot, HomeScreen)
    pilot.app.screen.open_postmortem(pm_id)
    await wait_until(pilot, lambda: getattr(pilot.app.screen, "panes_ready", False))
    await pilot.press("f7")
    pane = await pane_of(pilot, "checks")  # built when first shown
    assert isinstance(pane, FindingsPane)
    await wait_until(pilot, lambda: pane.up_to_date and pane.finding_list.has_focus)
    return pane


def highlighted_and_detail(pane: FindingsPane) -> tuple[str, str]:
    """The first line of the highlighted row and the place the detail names."""
    listing = pane.finding_list
    assert listing.highlighted is not None, "no row is highlighted"
    row = str(listing.get_option_at_index(listing.highlighted).prompt).splitlines()[0]
    detail = str(pane.query_one("#check-detail").render()).splitlines()[0]
    return row, detail


def detail_follows(pane: FindingsPane) -> bool:
    row, detail = highlighted_and_detail(pane)
    # The row reads "✗ <place>", the detail "<rule> · <place>".
    return detail.endswith(row[2:])


@pytest.mark.parametrize("size", [(80, 24), (120, 35)], ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_checks_detail_shows_the_highlighted_row_from_opening_to_the_first_row(
    make_ui, size: tuple[int, int]
) -> None:
    ui = make_ui()
    pm_id = add_github_2018(ui)
    before = ui.saved(pm_id)
    async with ui.app.run_test(size=size) as pilot:
        pane = await open_checks(pilot, pm_id)
        first = highlighted_and_detail(pane)
        assert "Analyse the captured MySQL" in first[0] and detail_follows(pane)
        await pilot.press("down", "down", "down")
        await wait_until(pilot, lambda: "Support serving" in highlighted_and_detail(pane)[0])
        assert detail_follows(pane)
        # Page up to the top reached the group's heading: no row was highlighted, and the
        # detail stayed on the row left behind.
        await pilot.press("pageup")
        await wait_until(pilot, lambda: pane.finding_list.highlighted != 4)
        assert highlighted_and_detail(pane) == first
        # Enter goes where the detail says: the first action's form, on the Actions tab.
        await pilot.press("enter")
        await wait_for_screen(pilot, ActionItemModal)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActionItemModal))
        assert pilot.app.screen.query_one("#tabs").active == "actions"
    assert ui.saved(pm_id) == before  # looking around changed nothing


async def test_the_checks_detail_follows_when_the_highlighted_check_disappears(make_ui) -> None:
    ui = make_ui()
    pm_id = add_github_2018(ui)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        pane = await open_checks(pilot, pm_id)
        await pilot.press("down")
        await wait_until(
            pilot, lambda: "Adjust the configuration" in highlighted_and_detail(pane)[0]
        )
        gone = pane.selected_entry()
        assert gone is not None
        entries = pane.entries()
        below = entries[entries.index(gone) + 1]
        # Waived: the row moves to the Waived group, and the open row that was below it is
        # highlighted (mock meeting 17: staying on the waived row, enter opened its place).
        await pilot.press("w")
        await wait_until(pilot, lambda: pilot.app.screen is not pane.screen)
        await pilot.press(*"Owned by the database team's own plan", "enter")
        await wait_until(pilot, lambda: pilot.app.screen is pane.screen)
        await wait_until(pilot, lambda: pane.up_to_date and bool(pane.pm.waivers))
        selected = pane.selected_entry()
        assert selected is not None and selected.waiver is None
        assert (selected.rule, selected.where) == (below.rule, below.where)
        assert detail_follows(pane)
        # The first row's action deleted: the row is gone, the next one is highlighted.
        await pilot.press("home")
        await wait_until(pilot, lambda: "Analyse the captured" in highlighted_and_detail(pane)[0])
        first = pane.selected_entry()
        assert first is not None and first.finding is not None
        action_id = first.where.split("[", 1)[1].split("]", 1)[0]
        pilot.app.screen.commit(lambda pm: ui.service.delete_action(pm, action_id)[0])
        await wait_until(pilot, lambda: pane.up_to_date)
        await wait_until(
            pilot, lambda: "Accelerate the migration" in highlighted_and_detail(pane)[0]
        )
        assert detail_follows(pane)
    saved = ui.saved(pm_id)
    assert all(action.id != action_id for action in saved.actions)
    assert [w.reason for w in saved.waivers] == ["Owned by the database team's own plan"]


# The export dialog's ways out --------------------------------------------------------------


async def open_export(pilot) -> ExportFileModal:  # type: ignore[no-untyped-def]
    """The Document pane's export dialog (x), writing Markdown by default."""
    await open_sample(pilot, tab="document")
    await pilot.press("x")
    await wait_for_screen(pilot, ExportFileModal)
    modal = pilot.app.screen
    assert isinstance(modal, ExportFileModal)
    return modal


def shown_reason(modal: ExportFileModal) -> str:
    field = modal.query_one("#ff-export-path")
    return (
        str(field.query_one(".field-error", Static).render()) if field.has_class("-invalid") else ""
    )


async def type_path(pilot, modal: ExportFileModal, path: str) -> None:  # type: ignore[no-untyped-def]
    box = modal.query_one("#export-path", Input)
    box.value = ""
    await pilot.press(*path)
    await wait_until(pilot, lambda: box.value == path)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        # "~name" of no user: expanding it raised and took pmtui down, dialog and all.
        ("~no-such-user-here/report.md", "no-such-user-here does not exist"),
        # A look at the disk that fails (here: a name too long) raised the same way.
        ("n" * 300 + ".md", "File name too long"),
    ],
    ids=["unknown-home", "name-too-long"],
)
async def test_a_path_the_disk_refuses_keeps_the_dialog_open_with_the_reason(
    make_ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str, reason: str
) -> None:
    monkeypatch.chdir(tmp_path)
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        modal = await open_export(pilot)
        await type_path(pilot, modal, typed)
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(shown_reason(modal)))
        assert reason in shown_reason(modal)
        assert pilot.app.screen is modal and modal.query_one("#export-path", Input).value == typed
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".md"] == []


async def test_declining_to_replace_a_file_says_it_was_kept(
    make_ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / "review.md"
    existing.write_text("the team's notes\n")
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        modal = await open_export(pilot)
        await type_path(pilot, modal, str(existing))
        await pilot.press("enter")
        await wait_for_screen(pilot, ConfirmModal)
        await pilot.press("n")
        await wait_until(pilot, lambda: pilot.app.screen is modal)
        await wait_until(pilot, lambda: bool(shown_reason(modal)))
        assert "review.md already exists and was kept" in shown_reason(modal)
        assert modal.focused is modal.query_one("#export-path", Input)
        # Another format renames the file: the reason about the old name must not stay.
        modal.query_one("#export-format", Select).value = 1
        path_box = modal.query_one("#export-path", Input)
        await wait_until(pilot, lambda: not path_box.value.endswith(".md"))
        await wait_until(pilot, lambda: not shown_reason(modal))
    assert existing.read_text() == "the team's notes\n"


async def test_a_file_written_under_the_palette_closes_the_dialog_not_the_palette(
    make_ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # The file is written only once the palette is open over the dialog.
    gate = threading.Event()
    write = export_file.write_document

    def write_when_let(path: Path, text: str) -> None:
        assert gate.wait(10)
        write(path, text)

    monkeypatch.setattr(export_file, "write_document", write_when_let)
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24), notifications=True) as pilot:
        notices = recorded_notifications(pilot.app)
        modal = await open_export(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: modal.query_one("#export", Button).disabled)
        # Escape while writing waits for the file, and says so.
        await pilot.press("escape")
        hint = modal.query_one("#ff-export-path .field-hint", Static)
        await wait_until(pilot, lambda: "closes when it is written" in str(hint.render()))
        assert pilot.app.screen is modal
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette)
        gate.set()
        await wait_until(
            pilot, lambda: not any(w.group == "export-file" for w in pilot.app.workers)
        )
        # The palette the user opened stays; the dialog goes once it is on top again.
        assert isinstance(pilot.app.screen, CommandPalette)
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
        await wait_until(pilot, lambda: bool(notices))
        assert not any(isinstance(s, ExportFileModal) for s in pilot.app.screen_stack)
    written = list(tmp_path.glob("*.md"))
    assert len(written) == 1 and written[0].read_text().startswith("# ")
    assert notices == [f"Exported full Markdown to {written[0]}"]


# A blame false alarm ------------------------------------------------------------------------

NOBODY_WATCHED = " Nobody watched the replication lag alert because it paged a retired rota."


async def test_nobody_watching_an_alert_that_paged_a_retired_rota_is_not_blame(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot)
        area = pilot.app.screen.query_one("#field-summary", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.press(*NOBODY_WATCHED)
        await wait_until(
            pilot, lambda: pilot.app.screen.pm.summary.endswith(NOBODY_WATCHED.strip())
        )
        pane = await pane_of(pilot, "checks")  # built when first shown, as F7 would
        assert isinstance(pane, FindingsPane)
        await wait_until(pilot, lambda: pane.up_to_date)
        assert [e.where for e in pane.entries() if e.rule == "blame-language"] == []
        assert not pilot.app.screen.query_one("#blame-summary", BlameHintLine).display
    assert ui.saved().summary.endswith(NOBODY_WATCHED.strip())
