"""Pilot tests of traps first-time facilitators hit in mock meetings 18a-18c (80x24): PgDn
pressed with `5` did not scroll the Document preview still being rendered; an undo of an
Overview edit said only "edit summary" and left the changed field out of view; undo and redo
are saved at the time they are made; notices name an event by enough of its text to know it.
Every test checks the screen and what reached the file."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import Input, TextArea
from textual.widgets._toast import Toast

from pmtui.model.enums import EventKind
from pmtui.model.postmortem import PostMortem, TimelineEvent
from pmtui.ui.panes.overview import OverviewScroll
from pmtui.ui.widgets import document_preview
from pmtui.ui.widgets.document_preview import DocumentPreview
from pmtui.ui.widgets.timeline_table import TimelineTable
from tests.ui.support import (
    FIXED_NOW,
    UI,
    nothing_pending,
    open_sample,
    recorded_notifications,
    screen_lines,
    type_at_end,
    wait_until,
)
from tests.ui.test_key_order import burst

SMALL = (80, 24)


# 1. PgDn pressed with 5 scrolls the preview once it has something to scroll -----------------


@pytest.fixture
def held_render(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The preview's render waits until the test sets the event: a render slower than the
    keys typed after `5` (a big post-mortem, a loaded machine)."""
    build = document_preview.build_preview
    release = threading.Event()

    def slow_build(pm: PostMortem, template: str, today: date) -> list[str]:
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


# 2. An undo of an Overview edit names the field and what it put back, and shows the field --


def _in_view(pilot, widget: Widget) -> bool:  # type: ignore[no-untyped-def]
    """Whether all of `widget` shows in the Overview's scrolled form."""
    form = pilot.app.screen.query_one(OverviewScroll).scrollable_content_region
    return form.contains_region(widget.region)


def _screen_text(pilot) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(screen_lines(pilot.app))


async def test_undo_of_summary_typing_names_the_words_and_shows_them(
    make_ui: Callable[..., UI],
) -> None:
    """Said "Undid: edit summary", and the box showed the summary's first lines, not the end
    where the words were taken back."""
    ui = make_ui()
    old = ui.saved().summary
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        told = recorded_notifications(workspace)
        await type_at_end(pilot, ui, "summary", " More.")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved().summary == old)
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        area = workspace.query_one("#field-summary", TextArea)
        assert told[-1] == (
            "Undid: summary → “…order and reloading the edge. More.” "
            "(back to “…order and reloading the edge.”)"
        )
        assert area.text == old and workspace.focused is area
        assert _in_view(pilot, workspace.query_one("#ff-summary"))
        assert "reloading the edge." in _screen_text(pilot)  # the end, where it changed
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: ui.saved().summary == old + " More.")
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        assert told[-1] == "Redid: summary → “…order and reloading the edge. More.”"
        assert "reloading the edge. More." in _screen_text(pilot)
    assert ui.saved().summary == old + " More."


async def test_undo_of_an_edit_saved_outside_the_form_shows_its_field(
    make_ui: Callable[..., UI],
) -> None:
    """An edit saved by a dialog (the meeting's Summary and Impact editor), none typed in the
    form: the Overview's own first focus, its first empty section, scrolled the form there
    after the field the undo landed on, and the title changed out of view."""
    ui = make_ui()
    old = ui.service.update(ui.saved(), lessons="")  # a section still to write
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        workspace = pilot.app.screen
        told = recorded_notifications(workspace)
        workspace.commit(lambda pm: workspace.service.update(pm, title="TLS outage"))
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved().title == old.title)
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        assert told[-1] == f"Undid: title → “TLS outage” (back to “{old.title[:59]}…”)"
        title = workspace.query_one("#field-title", Input)
        assert workspace.focused is title and title.value == old.title
        assert _in_view(pilot, workspace.query_one("#ff-title"))


async def test_undo_of_the_severity_shows_the_severity_and_its_old_value(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        told = recorded_notifications(workspace)
        workspace.commit(lambda pm: workspace.service.update(pm, severity="SEV4"))
        # Read on down the form from the tab bar, where keys are commands.
        workspace.query_one("#overview-pane").focus_list()
        workspace.query_one(OverviewScroll).scroll_to(y=60, animate=False, immediate=True)
        await pilot.pause()
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved().severity.value == "SEV2")
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        assert told[-1] == "Undid: severity → SEV4 (back to SEV2)"
        assert _in_view(pilot, workspace.query_one("#ff-severity"))
        assert "SEV2" in _screen_text(pilot).split("Severity", 1)[1]


async def test_undo_of_the_incident_date_from_the_timeline_names_both_dates(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        told = recorded_notifications(workspace)
        day = workspace.query_one("#field-incident_date", Input)
        day.focus()
        await pilot.press("ctrl+a", *"2025-03-18", "enter")
        await wait_until(pilot, lambda: str(ui.saved().incident_date) == "2025-03-18")
        await pilot.press("f3")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: str(ui.saved().incident_date) == "2025-03-19")
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        assert told[-1] == "Undid: incident date → 2025-03-18 (back to 2025-03-19)"
        assert workspace.focused is day and day.value == "2025-03-19"
        assert _in_view(pilot, workspace.query_one("#ff-incident_date"))


# 3. Undo and redo are saved at the time they are made ---------------------------------------


async def test_undo_and_redo_are_saved_as_changes_made_now(make_ui: Callable[..., UI]) -> None:
    ui = make_ui()
    clock = [FIXED_NOW]
    ui.service.clock = lambda: clock[0]
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="overview")
        await type_at_end(pilot, ui, "summary", " More.")
        assert ui.saved().updated_at == FIXED_NOW
        clock[0] = FIXED_NOW + timedelta(minutes=3)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: not ui.saved().summary.endswith(" More."))
        assert ui.saved().updated_at == clock[0]
        assert pilot.app.screen.pm.updated_at == clock[0]
        clock[0] = FIXED_NOW + timedelta(minutes=5)
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: ui.saved().summary.endswith(" More."))
        assert ui.saved().updated_at == clock[0]


# 4. Notices name an event by enough of its text to recognise it -----------------------------

LONG_EVENT = "Synthetic check api-tls-handshake failed from all five probe regions at once"


def _toast_text(pilot, message: str) -> str:  # type: ignore[no-untyped-def]
    """The words of the notice saying `message` as drawn on the screen, its lines joined."""
    toast = next(t for t in pilot.app.screen.query(Toast) if t._notification.message == message)
    region = toast.region
    lines = []
    for strip in pilot.app.screen._compositor.render_strips()[region.y : region.bottom]:
        text = "".join(segment.text for segment in strip)
        lines.append(text[region.x : region.right].strip(" ▌▐"))
    return " ".join(line for line in lines if line)


async def _long_event_selected(pilot, ui: UI) -> Any:  # type: ignore[no-untyped-def]
    pm = ui.saved()
    ui.service.add_event(pm, at="2025-03-19 09:00", text=LONG_EVENT)
    await open_sample(pilot, tab="timeline")
    table = pilot.app.screen.query_one(TimelineTable)
    event = next(e for e in pilot.app.screen.pm.events if e.text == LONG_EVENT)
    table.select_event(event.id)
    table.focus()
    await pilot.pause()
    return event


async def test_deleting_a_long_event_names_sixty_characters_of_it_wrapped(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL, notifications=True) as pilot:
        event = await _long_event_selected(pilot, ui)
        told = recorded_notifications(pilot.app.screen)
        await pilot.press("d")
        await wait_until(pilot, lambda: bool(told))
        shown = LONG_EVENT[:59].rstrip() + "…"
        assert told[-1] == f"Deleted event '{shown}'. Press ctrl+z to undo."
        await wait_until(pilot, lambda: bool(pilot.app.screen.query(Toast)))
        await pilot.pause()
        assert _toast_text(pilot, told[-1]) == told[-1]  # every word, wrapped at 80x24
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: len(told) > 1)
        assert told[-1] == f"Undid: delete event '{shown}'"
    assert event in ui.saved().events


async def test_undoing_an_added_long_event_names_sixty_characters_of_it(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL, notifications=True) as pilot:
        await open_sample(pilot, tab="timeline")
        workspace = pilot.app.screen
        told = recorded_notifications(workspace)
        workspace.commit(
            lambda pm: workspace.service.add_event(pm, at="2025-03-19 09:00", text=LONG_EVENT)[0]
        )
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: bool(told))
        assert told[-1] == f"Undid: add event '{LONG_EVENT[:59].rstrip()}…'"
        await wait_until(pilot, lambda: bool(workspace.query(Toast)))
        await pilot.pause()
        assert _toast_text(pilot, told[-1]) == told[-1]
    assert all(e.text != LONG_EVENT for e in ui.saved().events)
