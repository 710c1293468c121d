"""Pilot tests of traps first-time facilitators hit in mock meetings 18a-18c (80x24): PgDn
pressed with `5` did not scroll the Document preview still being rendered; an undo of an
Overview edit said only "edit summary" and left the changed field out of view; undo and redo
are saved at the time they are made; notices name an event by enough of its text to know it.
Every test checks the screen and what reached the file."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest

from pmtui.model.enums import EventKind
from pmtui.model.postmortem import TimelineEvent
from pmtui.ui.widgets import document_preview
from pmtui.ui.widgets.document_preview import DocumentPreview
from tests.ui.support import UI, nothing_pending, open_sample, wait_until
from tests.ui.test_key_order import burst

SMALL = (80, 24)


# 1. PgDn pressed with 5 scrolls the preview once it has something to scroll -----------------


@pytest.fixture
def held_render(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The preview's render waits until the test sets the event: a render slower than the
    keys typed after `5` (a big post-mortem, a loaded machine)."""
    build = document_preview.build_preview
    release = threading.Event()

    def slow_build(pm, template: str, today: date) -> list[str]:  # type: ignore[no-untyped-def]
        release.wait(timeout=30)
        return build(pm, template, today)

    monkeypatch.setattr(document_preview, "build_preview", slow_build)
    yield release
    release.set()  # a test that failed half-way leaves no thread waiting


async def test_pagedown_typed_with_5_scrolls_the_preview_rendered_after_it(
    make_ui: Callable[..., UI], held_render: threading.Event
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot)
        workspace = pilot.app.screen
        burst(pilot, "5", "pagedown")  # as tmux sends them: the second before the first ran
        preview = await _preview(pilot)
        # The key has been read and handled while the preview had nothing to scroll yet.
        await wait_until(pilot, lambda: workspace.focused is preview)
        await wait_until(pilot, lambda: not pilot.app.key_order.held and nothing_pending(pilot.app))
        assert preview.renders == 0 and preview.scroll_y == 0
        held_render.set()
        await wait_until(pilot, lambda: preview.renders > 0 and preview.max_scroll_y > 20)
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        assert preview.scroll_y == preview.scrollable_content_region.height  # one page down
        assert workspace.focused is preview


async def test_keys_typed_before_the_render_scroll_in_order(
    make_ui: Callable[..., UI], held_render: threading.Event
) -> None:
    """End then PgUp: the end of the document, one page up from it (not the first page)."""
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot)
        burst(pilot, "5", "end", "pageup", "up")
        preview = await _preview(pilot)
        await wait_until(pilot, lambda: not pilot.app.key_order.held and nothing_pending(pilot.app))
        held_render.set()
        await wait_until(pilot, lambda: preview.renders > 0 and preview.max_scroll_y > 20)
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        page = preview.scrollable_content_region.height
        assert preview.scroll_y == preview.max_scroll_y - page - 1


async def test_pagedown_with_5_on_a_big_postmortem_scrolls(make_ui: Callable[..., UI]) -> None:
    """No stand-in: 2,000 events take the preview long enough to render that PgDn came first."""
    ui = make_ui()
    pm = ui.saved()
    last = pm.events[-1].at
    events = tuple(
        TimelineEvent(f"big{i}", last + timedelta(seconds=i + 1), EventKind.NOTE, f"log {i}")
        for i in range(2000)
    )
    ui.service.add_events(pm, events)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot)
        burst(pilot, "5", "pagedown")
        preview = await _preview(pilot)
        await wait_until(pilot, lambda: preview.renders > 0 and preview.max_scroll_y > 20)
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        assert preview.scroll_y == preview.scrollable_content_region.height


async def _preview(pilot) -> DocumentPreview:  # type: ignore[no-untyped-def]
    """The Document tab's preview, once the tab has been built."""
    workspace = pilot.app.screen
    await wait_until(pilot, lambda: bool(workspace.query("#document-preview")), pause=False)
    return workspace.query_one("#document-preview", DocumentPreview)
