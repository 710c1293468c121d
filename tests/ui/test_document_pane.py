"""Pilot tests of the Document pane, the wide layout's side preview, export and copy: keys are
pressed, then both the screen and the effect (file, clipboard) are checked."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import pytest_asyncio
from rich.console import Console
from textual.widgets import Input, Select, TextArea
from textual.widgets.markdown import MarkdownBlock

import pmtui.ui.modals.export_file as export_file_module
from pmtui.export.json_export import export_json
from pmtui.export.markdown import export_markdown
from pmtui.model.enums import EventKind
from pmtui.model.postmortem import TimelineEvent
from pmtui.ui.modals.confirm import ConfirmModal
from pmtui.ui.modals.export_file import ExportFileModal
from pmtui.ui.panes.document import DocumentPane, DocumentPreview
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.document_preview import (
    PREVIEW_DELAY,
    preview_sections,
    shorten_tables,
    split_sections,
)
from pmtui.ui.widgets.preview_markdown import PreviewTable
from tests.ui.support import (
    SharedWorkspace,
    open_sample,
    pane_of,
    shared_workspace,
    wait_for_palette_hit,
    wait_for_screen,
    wait_until,
)

# The preview tests below share one opened sample (module-scoped): one worker runs them all.
pytestmark = pytest.mark.xdist_group("document_pane_shared_app")
SHARED = pytest.mark.asyncio(loop_scope="module")

#: The fixed clock's date in the sample's timezone (Europe/Berlin).
TODAY = date(2025, 3, 20)
SAMPLE_TITLE = (
    "Public API unreachable for TLS clients after the api.example.com certificate expired"
)
#: The sample's owner and attendees: the customer template must show none of them.
PEOPLE = ("Priya Raman", "Jonas Weber", "Mateo Alvarez", "Lena Hoffmann", "Sam Okafor")


def preview_text(preview: DocumentPreview) -> str:
    """What the preview shows: every rendered block, tables as drawn on the screen."""
    console = Console(width=120, record=True, file=io.StringIO())
    parts = []
    for block in preview.query(MarkdownBlock):
        if isinstance(block, PreviewTable):
            console.print(block.render())
            parts.append(console.export_text())
        else:
            parts.append(str(block.content))
    return "\n".join(parts)


def field_error(modal) -> str:  # type: ignore[no-untyped-def]
    """The inline error under the export prompt's path (empty while there is none)."""
    return str(modal.query_one("#ff-export-path .field-error").render()).strip()


def toasts_with(pilot, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The notifications on the screen that contain `text`."""
    shown = [str(toast.render()) for toast in pilot.app.screen.query("Toast")]
    return [toast for toast in shown if text in toast]


async def toast_with(pilot, text: str) -> str:  # type: ignore[no-untyped-def]
    """The notification on the screen that contains `text` (waiting for it to be drawn)."""
    await wait_until(pilot, lambda: bool(toasts_with(pilot, text)))
    return toasts_with(pilot, text)[0]


async def wait_for_render(pilot, preview: DocumentPreview, after: int = 0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until `preview` has rendered more than `after` times and is idle."""
    await wait_until(pilot, lambda: preview.renders > after and not preview._rendering)


async def open_document(pilot) -> DocumentPreview:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="document")
    preview = pilot.app.screen.query_one("#document-preview", DocumentPreview)
    await wait_for_render(pilot, preview)
    return preview


def expected(ui, template: str = "full") -> str:  # type: ignore[no-untyped-def]
    return export_markdown(ui.saved(), template, today=TODAY)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[SharedWorkspace]:
    folder = tmp_path_factory.mktemp("document")
    async with shared_workspace(folder, (100, 30), "document") as workspace:
        yield workspace


async def shared_document(shared: SharedWorkspace):  # type: ignore[no-untyped-def]
    """The shared app's pilot on the Document tab, the full template shown and rendered."""
    pilot = await shared.fresh()
    pane = pilot.app.screen.query_one(DocumentPane)
    preview = pilot.app.screen.query_one("#document-preview", DocumentPreview)
    if pane.template != "full":
        renders = preview.renders
        pane.action_show_template("full")
        await wait_for_render(pilot, preview, renders)
    await wait_for_render(pilot, preview)
    return pilot


# The preview ---------------------------------------------------------------------------


@SHARED
async def test_full_preview_shows_title_and_timeline(shared: SharedWorkspace) -> None:
    pilot = await shared_document(shared)
    preview = pilot.app.screen.query_one("#document-preview", DocumentPreview)
    shown = preview_text(preview)
    assert SAMPLE_TITLE in shown
    assert "Timeline" in shown
    assert "Time (CET)" in shown  # the timeline table itself, drawn
    assert pilot.app.screen.query_one("#document-template", Select).value == "full"


@SHARED
async def test_customer_template_hides_owner_names(shared: SharedWorkspace) -> None:
    pilot = await shared_document(shared)
    preview = pilot.app.screen.query_one("#document-preview", DocumentPreview)
    assert "Priya Raman" in preview_text(preview)
    renders = preview.renders
    await pilot.press("c")
    await wait_for_render(pilot, preview, renders)
    shown = preview_text(preview)
    assert "What happened" in shown
    assert not [name for name in PEOPLE if name in shown]
    assert pilot.app.screen.query_one("#document-template", Select).value == "customer"


@SHARED
async def test_t_cycles_through_the_templates(shared: SharedWorkspace) -> None:
    pilot = await shared_document(shared)
    preview = pilot.app.screen.query_one("#document-preview", DocumentPreview)
    pane = pilot.app.screen.query_one(DocumentPane)
    seen = []
    for _ in range(3):
        await pilot.press("t")
        seen.append(pane.template)
    assert seen == ["light", "customer", "full"]
    assert preview.template == "full"


async def test_a_big_timeline_is_cut_in_the_preview_but_not_in_the_copy(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, WorkspaceScreen)
        last = screen.pm.events[-1].at
        events = tuple(
            TimelineEvent(f"big{i}", last + timedelta(minutes=i + 1), EventKind.NOTE, f"step {i}")
            for i in range(300)
        )
        screen.commit(lambda pm: screen.service.add_events(pm, events))
        screen.action_show_tab("document")
        document = await pane_of(pilot, "document")  # composed as its tab is first shown
        preview = document.query_one("#document-preview", DocumentPreview)
        await wait_for_render(pilot, preview)
        shown = preview_text(preview)
        total = len(screen.pm.events)
        assert f"first 50 of {total} rows" in shown
        assert "step 299" not in shown
        await pilot.press("y")
    assert "step 299" in ui.clipboard.copied[0]
    assert ui.clipboard.copied == [expected(ui)]


# Copy ----------------------------------------------------------------------------------


async def test_copy_puts_the_exact_export_on_the_clipboard_and_says_where(make_ui) -> None:
    ui = make_ui()
    ui.clipboard.where = "the terminal clipboard (OSC 52; no system clipboard found)"
    async with ui.app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_document(pilot)
        await pilot.press("y")
        await pilot.pause()
        lines = len(expected(ui).splitlines())
        await toast_with(
            pilot, f"Copied full Markdown ({lines} lines) to the terminal clipboard (OSC 52"
        )
    assert ui.clipboard.copied == [expected(ui)]


async def test_copy_markdown_from_the_palette_on_the_overview_tab(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_sample(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Copy Markdown")
        await wait_for_palette_hit(pilot, "Copy Markdown")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.query_one("#tabs").active == "overview"
        await toast_with(pilot, "Copied full Markdown")
    assert ui.clipboard.copied == [expected(ui)]


async def test_copy_includes_typing_still_waiting_for_its_debounce(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        # Built first (as ctrl+p would): copying must not wait for the typing's debounce.
        document = await pane_of(pilot, "document")
        assert isinstance(document, DocumentPane)
        area = pilot.app.screen.query_one("#field-summary", TextArea)
        area.focus()
        area.load_text("")
        await pilot.press(*"Edge cert expired.")
        document.action_copy_markdown()
    assert "Edge cert expired." in ui.clipboard.copied[0]
    assert ui.saved().summary == "Edge cert expired."


# Export to a file ----------------------------------------------------------------------


async def test_export_offers_slug_and_date_and_writes_exactly_the_export(
    make_ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_document(pilot)
        await pilot.press("x")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, ExportFileModal)
        path_input = modal.query_one("#export-path", Input)
        default = tmp_path / (
            "public-api-unreachable-for-tls-clients-after-the-api-example-2025-03-19.md"
        )
        assert path_input.value == str(default)
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        assert isinstance(pilot.app.screen, WorkspaceScreen)
        await toast_with(pilot, f"Exported full Markdown to {default}")
    assert default.read_text(encoding="utf-8") == expected(ui)


async def test_export_uses_the_chosen_template_and_a_typed_relative_path(
    make_ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_document(pilot)
        await pilot.press("c", "x")
        await pilot.pause()
        pilot.app.screen.query_one("#export-path", Input).value = ""
        await pilot.press(*"docs/status.md", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
    written = tmp_path / "docs" / "status.md"
    assert written.read_text(encoding="utf-8") == expected(ui, "customer")


async def test_existing_file_is_only_replaced_after_asking(make_ui, tmp_path: Path) -> None:
    target = tmp_path / "pm.md"
    target.write_text("keep me\n", encoding="utf-8")
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_document(pilot)
        await pilot.press("x")
        await pilot.pause()
        pilot.app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmModal)
        await pilot.press("n")
        await wait_for_screen(pilot, ExportFileModal)
        # Nothing written, and the prompt is back with the path as typed.
        assert target.read_text(encoding="utf-8") == "keep me\n"
        modal = pilot.app.screen
        assert isinstance(modal, ExportFileModal)
        assert modal.query_one("#export-path", Input).value == str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await wait_for_screen(pilot, WorkspaceScreen)
        assert isinstance(pilot.app.screen, WorkspaceScreen)
    assert target.read_text(encoding="utf-8") == expected(ui)


async def test_missing_folder_is_an_inline_error_and_keeps_the_typed_path(
    make_ui, tmp_path: Path
) -> None:
    typed = str(tmp_path / "no-such-folder" / "pm.md")
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_document(pilot)
        await pilot.press("x")
        await pilot.pause()
        modal = pilot.app.screen
        modal.query_one("#export-path", Input).value = ""
        await pilot.press(*typed, "enter")
        await wait_until(pilot, lambda: field_error(modal) != "")
        assert pilot.app.screen is modal
        error = str(modal.query_one("#ff-export-path .field-error").render())
        assert f"The folder {tmp_path / 'no-such-folder'} does not exist." in error
        assert modal.query_one("#export-path", Input).value == typed
    assert not (tmp_path / "no-such-folder").exists()


async def test_a_device_is_refused_inline_before_asking_to_replace_it(
    make_ui, tmp_path: Path
) -> None:
    node = tmp_path / "null"
    try:  # a node of the test's own where it may make one, so nothing can damage /dev/null
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError:
        node = Path("/dev/null")
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_document(pilot)
        await pilot.press("x")
        await pilot.pause()
        modal = pilot.app.screen
        modal.query_one("#export-path", Input).value = ""
        await pilot.press(*str(node), "enter")
        await pilot.pause()
        assert pilot.app.screen is modal  # no "Replace it?" for a device
        error = str(modal.query_one("#ff-export-path .field-error").render())
        assert f"Cannot write {node}: is a character device, not a regular file." in error
    assert stat.S_ISCHR(node.lstat().st_mode)


async def test_refused_write_is_an_inline_error_and_keeps_the_typed_path(
    make_ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, where a read-only folder is still writable: refuse in the writer.
    def refuse(path: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(export_file_module, "write_document", refuse)
    typed = str(tmp_path / "locked.md")
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_document(pilot)
        await pilot.press("x")
        await pilot.pause()
        modal = pilot.app.screen
        modal.query_one("#export-path", Input).value = typed
        await pilot.press("enter")
        await wait_until(pilot, lambda: field_error(modal) != "")
        assert pilot.app.screen is modal
        error = str(modal.query_one("#ff-export-path .field-error").render())
        assert f"No permission to write {typed}." in error
        assert modal.query_one("#export-path", Input).value == typed
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WorkspaceScreen)
    assert not (tmp_path / "locked.md").exists()


async def test_export_never_writes_over_the_database(make_ui) -> None:
    ui = make_ui()
    before = ui.path.read_bytes()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_document(pilot)
        await pilot.press("x")
        await pilot.pause()
        pilot.app.screen.query_one("#export-path", Input).value = str(ui.path)
        await pilot.press("enter")
        await pilot.pause()
        error = str(pilot.app.screen.query_one("#ff-export-path .field-error").render())
        assert "database" in error
    assert ui.path.read_bytes() == before


async def test_export_json_from_the_palette_on_another_tab(make_ui, tmp_path: Path) -> None:
    target = tmp_path / "pm.json"
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export JSON to file")
        await wait_for_palette_hit(pilot, "Export JSON to file")
        await pilot.press("enter")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, ExportFileModal)
        assert modal.query_one("#export-path", Input).value.endswith("-2025-03-19.json")
        modal.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        assert pilot.app.screen.query_one("#tabs").active == "timeline"
        await toast_with(pilot, f"Exported JSON to {target}")
    assert target.read_text(encoding="utf-8") == export_json(ui.saved())


async def test_the_next_export_is_offered_in_the_folder_of_the_last(
    make_ui, tmp_path: Path
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_document(pilot)
        await pilot.press("x")
        await pilot.pause()
        pilot.app.screen.query_one("#export-path", Input).value = str(tmp_path / "a.md")
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        await pilot.press("j")
        await pilot.pause()
        offered = Path(pilot.app.screen.query_one("#export-path", Input).value)
        assert offered.parent == tmp_path
        await pilot.press("escape")


# The wide layout -----------------------------------------------------------------------


async def test_wide_layout_shows_a_side_preview_that_follows_changes(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(200, 60)) as pilot:
        await open_sample(pilot)
        screen = pilot.app.screen
        side = screen.query_one("#side-preview", DocumentPreview)
        await wait_for_render(pilot, side)
        assert side.display and side.region.width > 0
        assert SAMPLE_TITLE in preview_text(side)
        renders = side.renders
        screen.commit(lambda pm: screen.service.update(pm, title="Edge certificate expired"))
        await wait_for_render(pilot, side, renders)
        assert "Edge certificate expired" in preview_text(side)
        # The template chosen in the Document pane is the one beside the panes too.
        document = await pane_of(pilot, "document")  # its t key, or the palette's
        document.action_show_template("customer")
        await wait_for_render(pilot, side, side.renders)
        assert side.template == "customer"
        assert "Priya Raman" not in preview_text(side)


async def test_typing_does_not_re_render_the_side_preview_per_keystroke(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(200, 60)) as pilot:
        await open_sample(pilot)
        side = pilot.app.screen.query_one("#side-preview", DocumentPreview)
        await wait_for_render(pilot, side)
        renders = side.renders
        area = pilot.app.screen.query_one("#field-summary", TextArea)
        area.focus()
        area.load_text("")
        await pilot.press(*"Edge cert expired.")
        assert side.renders == renders
        await pilot.pause(1.2 + PREVIEW_DELAY)
        await wait_for_render(pilot, side, renders)
        assert side.renders <= renders + 2
        assert "Edge cert expired." in preview_text(side)


@SHARED
async def test_narrow_layout_hides_the_side_preview_and_skips_its_renders(
    shared: SharedWorkspace,
) -> None:
    pilot = await shared_document(shared)
    # Longer than the preview's debounce, so a render it would make has happened by now.
    await pilot.pause(PREVIEW_DELAY + 0.2)
    side = pilot.app.screen.query_one("#side-preview", DocumentPreview)
    assert not side.display
    assert side.renders == 0


# Cutting the preview -------------------------------------------------------------------


def test_sections_are_cut_before_each_second_level_heading() -> None:
    text = "# T\n\nintro\n\n## A\n\na\n\n### A.1\n\nx\n\n## B\n\nb\n"
    assert split_sections(text) == ["# T\n\nintro\n", "## A\n\na\n\n### A.1\n\nx\n", "## B\n\nb\n"]


def test_long_tables_are_cut_with_a_note_and_short_ones_kept() -> None:
    rows = [f"| {i} | x |" for i in range(5)]
    table = "\n".join(["| n | v |", "| --- | --- |", *rows])
    assert shorten_tables(f"## T\n\n{table}\n", 5) == f"## T\n\n{table}\n"
    cut = shorten_tables(f"## T\n\n{table}\n\nafter\n", 2)
    assert "| 1 | x |" in cut
    assert "| 2 | x |" not in cut
    assert "first 2 of 5 rows" in cut
    assert cut.endswith("after\n")


def test_preview_of_the_sample_keeps_every_line_when_nothing_is_long(make_ui) -> None:
    ui = make_ui()
    text = expected(ui)
    assert "".join(preview_sections(text)).replace("\n", "") == text.replace("\n", "")
