"""Pilot tests of attaching an image to a timeline event: the dialog, its refusals, the 📎
mark, and the record and file on disk."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select

from pmtui.ui.modals.attach_file import AttachFileModal
from pmtui.ui.widgets.timeline_table import TimelineTable
from tests.attachment_support import png_bytes
from tests.ui.support import open_sample, wait_for_screen, wait_until

SIZE = (100, 30)


def _field_error(pilot, field_id: str) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one(f"#{field_id} .field-error").render())


async def test_p_attaches_a_file_with_alt_text_and_marks_the_event(make_ui, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ui = make_ui()
    image = tmp_path / "error-rate.png"
    image.write_bytes(png_bytes())
    (tmp_path / "script.png").write_text("#!/bin/sh\n")
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        table = pilot.app.screen.query_one(TimelineTable)
        event = table.cursor_event
        assert event is not None
        await pilot.press("p")
        await wait_for_screen(pilot, AttachFileModal)
        modal = pilot.app.screen
        modal.query_one("#attach-path", Input).value = str(tmp_path / "script.png")
        modal.query_one("#attach-alt", Input).value = "Error rate"
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: "not a PNG, JPEG or SVG" in _field_error(pilot, "ff-attach-path")
        )
        modal.query_one("#attach-path", Input).value = str(image)
        modal.query_one("#attach-alt", Input).value = ""
        await pilot.press("enter")  # in the path box: on to the empty alt text
        await pilot.press("enter")
        await wait_until(pilot, lambda: "alt text" in _field_error(pilot, "ff-alt"))
        assert ui.saved().attachments == ()
        await pilot.press(*"Error rate", "enter")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, AttachFileModal))
        saved = ui.saved().attachments
        assert [(a.event_id, a.alt, a.ext) for a in saved] == [(event.id, "Error rate", "png")]
        assert (tmp_path / "postmortems.json.attachments" / saved[0].file_name).exists()
        index = table.events.index(event) + 1 - round(table.scroll_y)
        await wait_until(pilot, lambda: "📎 " in table.render_line(index).text)


async def test_p_in_the_document_attaches_to_the_chosen_section(make_ui, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ui = make_ui()
    image = tmp_path / "latency.svg"
    image.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="document")
        await pilot.press("p")
        await wait_for_screen(pilot, AttachFileModal)
        modal = pilot.app.screen
        modal.query_one("#attach-section", Select).value = "impact"
        modal.query_one("#attach-path", Input).value = str(image)
        modal.query_one("#attach-alt", Input).value = "p99 latency"
        modal.action_save()
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, AttachFileModal))
        saved = ui.saved().attachments
        assert [(a.section, a.alt, a.ext) for a in saved] == [("impact", "p99 latency", "svg")]


async def test_confined_attach_takes_files_only_from_the_served_folder(
    make_ui, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    served = tmp_path / "team"
    served.mkdir()
    (served / "graph.png").write_bytes(png_bytes())
    (tmp_path / "secret.png").write_bytes(png_bytes())
    (served / "link.png").symlink_to(tmp_path / "secret.png")
    monkeypatch.chdir(tmp_path)  # relative paths start in the served folder, not here
    ui = make_ui()
    ui.app.confine_to = served
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("p")
        await wait_for_screen(pilot, AttachFileModal)
        modal = pilot.app.screen
        path_input = modal.query_one("#attach-path", Input)
        for typed, completed in (("../sec", "../sec"), ("/et", "/et"), ("gr", "graph.png")):
            path_input.value = typed
            path_input.cursor_position = len(typed)
            path_input.focus()
            await pilot.press("tab")
            await pilot.pause()
            assert path_input.value == completed
        modal.query_one("#attach-alt", Input).value = "graph"
        for typed in ("../secret.png", str(tmp_path / "secret.png"), "link.png"):
            path_input.value = typed
            modal.action_save()
            await pilot.pause()
            assert "outside the folder" in _field_error(pilot, "ff-attach-path")
        assert ui.saved().attachments == ()
        path_input.value = "graph.png"
        modal.action_save()
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, AttachFileModal))
        assert [a.alt for a in ui.saved().attachments] == ["graph"]
