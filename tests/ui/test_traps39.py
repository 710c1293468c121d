"""Traps found by mock sessions 39a (a live review in meeting mode at 80x24) and 39c (readers of
the published document), each pinned by pressing the keys the mock pressed."""

from __future__ import annotations

import pytest

from tests.ui.support import open_sample, screen_lines
from tests.ui.test_findings_pane import _settled

SMALL = (80, 24)

#: Three kinds of blame in one section: a counterfactual, a judgement of care, one of speed.
THREE_KINDS = (
    "If Sam had read the changelog he would have caught it. The on-call was careless with "
    "the rollout. We were too slow to notice the reflectors were gone."
)


async def test_checks_shows_every_kind_of_blames_question_at_80x24(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock 39a: the detail under the Checks list stopped at "(time pressure, noise, a
    missing", the third kind's question out of sight under seven empty list rows."""
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="checks")
        screen = pilot.app.screen
        screen.commit(lambda pm: ui.service.update(pm, impact=THREE_KINDS))
        pane = await _settled(pilot)
        pane.focus_default()
        pane.select("blame-language", "impact")
        await pilot.pause()
        shown = " ".join(" ".join(screen_lines(pilot.app)).split())
        assert "✗ Impact" in shown  # the list keeps its row
        assert "'We were too slow to': This judges how fast people were." in shown
        assert "a decision nobody owned?" in shown
        assert "because the pipeline has no automatic halt" in shown


@pytest.mark.parametrize("size", [SMALL, (100, 30), (120, 35), (160, 45)])
async def test_a_factor_with_the_longest_category_takes_one_line_in_the_drop_down(
    make_ui,  # type: ignore[no-untyped-def]
    size: tuple[int, int],
) -> None:
    """Mock 39b: at 80x24 "One deletion removed the priv… (operational-design)" wrapped onto
    two lines of "Addresses the contributing factor"; mock 40a saw it at 120x35 too."""
    from pmtui.model.enums import CauseCategory
    from tests.ui.test_traps36 import factor_choices

    ui = make_ui()
    pm = ui.service.get("pm-2025-03-19-api-tls")
    for category in CauseCategory:
        title = f"One deletion removed the private cloud in both regions ({category.value})"
        pm, _ = ui.service.add_factor(pm, title=title, category=category)
    async with ui.app.run_test(size=size) as pilot:
        room, labels = await factor_choices(pilot)
        assert len(labels) == len(ui.saved().factors) > len(CauseCategory)
        assert all(len(label) <= room for label in labels), (room, labels)
        longest = next(label for label in labels if "(operational-design)" in label)
        assert longest.startswith("One deletion removed")


async def test_the_seen_before_list_says_when_it_has_the_focus(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock 39b: escape, 3 and tab on Five Whys moved the focus from the ladder to "Seen
    before?", shown only in colour; the why typed next met its single-key commands."""
    from tests.ui.support import wait_until

    ui = make_ui()
    old = ui.service.create(
        title="TLS certificate expired after renewal failed", incident_date="2024-01-05"
    )
    ui.service.add_factor(old, title="Certificate renewal failures raised no paging alert")
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, "whys")
        listing = pilot.app.screen.query_one("#similar-list")
        await wait_until(pilot, lambda: listing.display)
        shown = "\n".join(screen_lines(pilot.app))
        assert "Seen before? Earlier incidents like this one" in shown and "▶ Seen" not in shown
        await pilot.press("escape", "3", "tab")
        await wait_until(pilot, lambda: listing.has_focus)
        assert "▶ Seen before? (here: l marks this one a repeat of it" in "\n".join(
            screen_lines(pilot.app)
        )
        await pilot.press("tab")
        await wait_until(pilot, lambda: not listing.has_focus)
        assert "▶ Seen" not in "\n".join(screen_lines(pilot.app))
    assert not any(link.repeat for link in ui.saved().related)  # nothing marked on the way


async def test_a_markdown_export_from_the_app_takes_its_images_along(  # type: ignore[no-untyped-def]
    make_ui, tmp_path, monkeypatch
) -> None:
    """Mock 39c (found reading the dialog's code after it): the Document pane's Markdown
    export wrote ![alt](attachments/<hash>.png) and no image beside it, so the page published
    from it showed broken images; `pmtui export -o` has always copied them."""
    from pmtui.ui.modals.export_file import ExportFileModal
    from pmtui.ui.screens.workspace import WorkspaceScreen
    from tests.attachment_support import png_bytes
    from tests.ui.support import recorded_notifications, wait_for_screen, wait_until

    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "graph.png").write_bytes(png_bytes())
    ui = make_ui()
    pm = ui.service.get("pm-2025-03-19-api-tls")
    pm, attachment = ui.service.attach(pm, tmp_path / "graph.png", "Error rate", section="impact")
    async with ui.app.run_test(size=SMALL, notifications=True) as pilot:
        await open_sample(pilot, tab="document")
        told = recorded_notifications(pilot.app)
        await pilot.press("x")
        await wait_for_screen(pilot, ExportFileModal)
        pilot.app.screen.query_one("#export-path").value = str(tmp_path / "out" / "report.md")
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        image = tmp_path / "out" / "attachments" / attachment.file_name
        await wait_until(pilot, lambda: any("Exported" in said for said in told))
        told = " ".join(told)
    assert image.read_bytes() == png_bytes()
    assert f"](attachments/{attachment.file_name})" in (tmp_path / "out/report.md").read_text()
    assert f"its image to {tmp_path / 'out' / 'attachments'}" in told
