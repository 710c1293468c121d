"""Pilot tests: the Document pane's export dialog offers the document as Markdown or as an
HTML page; the choice, a typed name's ending and the palette pick the format written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static

from pmtui.export.html import export_html
from pmtui.export.markdown import export_markdown
from pmtui.ui.modals.export_file import ExportFileModal
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import open_sample, wait_for_palette_hit, wait_for_screen, wait_until

#: The fixed clock's date in the sample's timezone (Europe/Berlin).
TODAY = date(2025, 3, 20)
SAMPLE_FILE = "public-api-unreachable-for-tls-clients-after-the-api-example-2025-03-19"


def expected_page(ui, template: str = "full") -> str:  # type: ignore[no-untyped-def]
    return export_html(export_markdown(ui.saved(), template, today=TODAY))


async def open_export(pilot) -> ExportFileModal:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="document")
    await pilot.press("x")
    await wait_for_screen(pilot, ExportFileModal)
    modal = pilot.app.screen
    assert isinstance(modal, ExportFileModal)
    return modal


def title(modal: ExportFileModal) -> str:
    return str(modal.query_one("#export-title", Static).render())


async def test_choosing_html_renames_the_file_and_writes_the_page(
    make_ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30), notifications=True) as pilot:
        modal = await open_export(pilot)
        path_input = modal.query_one("#export-path", Input)
        assert path_input.value == str(tmp_path / f"{SAMPLE_FILE}.md")
        assert title(modal) == "Export full Markdown"
        # The format list sits above the file name: shift+tab, open it, the next entry.
        await pilot.press("shift+tab", "enter", "down", "enter")
        await wait_until(pilot, lambda: path_input.value.endswith(".html"))
        assert modal.query_one("#export-format", Select).value == 1
        assert title(modal) == "Export full HTML"
        # The focus stays on the format; tab to the file name, where enter writes the file.
        await pilot.press("tab")
        assert modal.focused is path_input
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        target = tmp_path / f"{SAMPLE_FILE}.html"
        await wait_until(pilot, lambda: target.exists())
        # x offers the format written last.
        await pilot.press("x")
        await wait_for_screen(pilot, ExportFileModal)
        assert pilot.app.screen.query_one("#export-format", Select).value == 1
    assert target.read_text(encoding="utf-8") == expected_page(ui)


async def test_a_name_ending_in_html_is_written_as_html(make_ui, tmp_path: Path) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="document")
        await pilot.press("c", "x")  # the customer version
        await wait_for_screen(pilot, ExportFileModal)
        modal = pilot.app.screen
        assert isinstance(modal, ExportFileModal)
        modal.query_one("#export-path", Input).value = ""
        target = tmp_path / "status.htm"
        await pilot.press(*str(target))
        # The format follows the name once the box's last change is read (late when loaded).
        await wait_until(pilot, lambda: modal.query_one("#export-format", Select).value == 1)
        assert title(modal) == "Export customer HTML"
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert target.read_text(encoding="utf-8") == expected_page(ui, "customer")


async def test_the_palette_opens_the_dialog_with_html_chosen(make_ui, tmp_path: Path) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("ctrl+p")
        await pilot.press(*"Export HTML page")
        await wait_for_palette_hit(pilot, "Export HTML page to file")
        await pilot.press("enter")
        await wait_for_screen(pilot, ExportFileModal)
        modal = pilot.app.screen
        assert modal.query_one("#export-format", Select).value == 1
        assert modal.query_one("#export-path", Input).value.endswith("-2025-03-19.html")


@pytest.mark.parametrize(("typed", "ending"), [("html", ".html"), ("markdown", ".md")])
async def test_a_format_typed_as_the_file_name_picks_the_format_and_writes_nothing(
    make_ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str, ending: str
) -> None:
    """Mock meeting 27a: "html" typed by reflex over the offered (selected) name, then enter,
    wrote a file called "html", with no ending, in the current folder."""
    out = tmp_path / "out"  # the database lives in tmp_path
    out.mkdir()
    monkeypatch.chdir(out)
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        modal = await open_export(pilot)
        path_input = modal.query_one("#export-path", Input)
        await pilot.press(*typed, "enter")
        await wait_until(pilot, lambda: path_input.value == str(out / f"{SAMPLE_FILE}{ending}"))
        assert pilot.app.screen is modal and list(out.iterdir()) == []
        error = modal.query_one("#ff-export-path .field-error", Static)
        await wait_until(pilot, lambda: error.display)
        assert f"“{typed}” names a format, not a file" in str(error.render())
        await pilot.press("enter")  # now it exports, under the offered name
        await wait_for_screen(pilot, WorkspaceScreen)
    assert [p.name for p in out.iterdir()] == [f"{SAMPLE_FILE}{ending}"]
