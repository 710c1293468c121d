"""Pilot tests of traps a first-time facilitator hit in mock review meeting 18a (80x24): a
finding's "go there" lands on exactly the answer it names, and the selected answer shows
without colour; the Document preview scrolls with the obvious keys; the quick-add line's
hints speak of the time typed and fit; notices keep off the box being typed in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import DataTable, Input, ListView, Select

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.help import HelpScreen
from pmtui.ui.modals.import_evidence import ImportEvidenceModal
from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.panes.findings import FindingsPane
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.panes.whys import WhysPane
from pmtui.ui.panes.whys_widgets import WhyStep
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.document_preview import DocumentPreview
from pmtui.ui.widgets.timeline_table import EMPTY_HINT
from tests.ui.support import UI, open_sample, pane_of, wait_for_screen, wait_until

SMALL = (80, 24)
WIDE = (120, 35)

# 1. "Go there" on a why-answer finding selects that answer ----------------------------------

BLAMING = "The on-call engineer should have read the alert channel"


def _blame_second_answer(ui: UI) -> tuple[str, tuple[str, ...]]:
    """Chain 1 of the sample (concluded, five answers) with its answer 2 blaming a person."""
    pm = ui.saved()
    chain = pm.whys[0]
    answers = (chain.answers[0], BLAMING, *chain.answers[2:])
    ui.service.edit_why(pm, chain.id, answers=answers)
    return chain.id, answers


async def _go_to_finding(pilot, label: str) -> None:  # type: ignore[no-untyped-def]
    """On the Checks tab, highlight the finding whose line holds `label` and press enter."""
    await pilot.press("6")
    workspace = pilot.app.screen
    pane = workspace.query_one(FindingsPane)
    await wait_until(pilot, lambda: pane.up_to_date and bool(pane.entries()))
    listing = pane.finding_list
    index = next(
        i
        for i in range(listing.option_count)
        if label in str(listing.get_option_at_index(i).prompt)
    )
    listing.focus()
    listing.highlighted = index
    await pilot.pause()
    await pilot.press("enter")


def _step_marks(pane: WhysPane) -> list[str]:
    """The words in front of each step of the ladder as drawn (its number label)."""
    return [str(step.query_one(".step-number").render()) for step in pane.query(WhyStep)]


@pytest.mark.parametrize("size", [SMALL, WIDE])
async def test_go_there_on_a_why_answer_finding_selects_that_answer(
    make_ui: Callable[..., UI], size: tuple[int, int]
) -> None:
    """Enter on "Why chain 1, answer 2 …" showed the chain with why 5 selected, so `e`
    edited the root cause instead of the blaming answer."""
    ui = make_ui()
    chain_id, answers = _blame_second_answer(ui)
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot)
        await _go_to_finding(pilot, "Why chain 1, answer 2")
        workspace = pilot.app.screen
        assert isinstance(workspace, WorkspaceScreen)
        pane = workspace.query_one(WhysPane)
        ladder = pane.query_one("#whys-ladder", ListView)
        await wait_until(pilot, lambda: pane.is_attached and workspace.focused is ladder)
        await wait_until(pilot, lambda: ladder.index == 2)
        assert pane.selected_step == 2
        # Not by colour alone: the selected step carries a marker, and only that one.
        marks = _step_marks(pane)
        assert marks[2].startswith("▶"), marks
        assert [mark for mark in marks if "▶" in mark] == [marks[2]], marks
        await pilot.press("e")
        await wait_for_screen(pilot, WhyTextModal)
        form = pilot.app.screen
        assert "why 2" in str(form.query_one(".modal-title").render())
        await pilot.press("end")
        await pilot.press(*" when paged")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
        await wait_until(pilot, lambda: ui.saved().why_chain(chain_id).answers[1] != BLAMING)
    saved = ui.saved().why_chain(chain_id).answers
    assert saved[1] == BLAMING + " when paged"
    assert saved[:1] + saved[2:] == answers[:1] + answers[2:]


async def test_go_there_on_an_event_an_action_and_a_field_lands_on_exactly_that(
    make_ui: Callable[..., UI],
) -> None:
    """The other kinds of finding land on their own item, not the first or the last."""
    ui = make_ui()
    pm = ui.saved()
    event = pm.events[len(pm.events) // 2]
    pm = ui.service.edit_event(pm, event.id, text="The on-call engineer forgot the pager")
    action = pm.actions[2]
    pm = ui.service.edit_action(pm, action.id, due="2025-03-01")  # overdue on FIXED_NOW
    ui.service.update(pm, impact="Bob failed to notice the errors for an hour")
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot)
        workspace = pilot.app.screen
        assert isinstance(workspace, WorkspaceScreen)
        await _go_to_finding(pilot, "forgot the pager")
        timeline = workspace.query_one(TimelinePane)
        await wait_until(pilot, lambda: workspace.focused is timeline.table)
        await wait_until(pilot, lambda: timeline.table.cursor_event is not None)
        assert timeline.table.cursor_event.id == event.id
        await _go_to_finding(pilot, action.text[:30])
        await wait_for_screen(pilot, ActionItemModal)
        form = pilot.app.screen
        assert form.query_one("#action-text", Input).value == action.text
        assert form.focused is form.query_one("#action-due")
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
        actions = workspace.query_one(ActionsPane)
        assert actions.selected_id() == action.id
        await _go_to_finding(pilot, "Impact")
        await wait_until(pilot, lambda: getattr(workspace.focused, "id", "") == "field-impact")


# 2. The Document preview scrolls with the obvious keys --------------------------------------

SCROLL_KEYS = ("pagedown", "pageup", "down", "up", "home", "end", "space")


async def _document_shown(pilot) -> DocumentPreview:  # type: ignore[no-untyped-def]
    """`5` pressed on the Overview, as a facilitator does, until the preview has rendered."""
    await open_sample(pilot)
    await pilot.press("5")
    preview = pilot.app.screen.query_one("#document-preview", DocumentPreview)
    # The whole sample rendered as Markdown widgets: the heaviest first paint there is, which
    # a machine shared by several test runs took over 15 s to finish (CI on record).
    await wait_until(pilot, lambda: preview.renders > 0 and preview.max_scroll_y > 20, timeout=30)
    return preview


async def _scrolls(pilot, preview: DocumentPreview) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    """Which of SCROLL_KEYS moved the preview the way the key says, from the focus now."""
    moved: dict[str, bool] = {}
    expected = {
        "pagedown": lambda before, after: after > before + 5,
        "space": lambda before, after: after > before + 5,
        "pageup": lambda before, after: after < before - 5,
        "down": lambda before, after: after == before + 1,
        "up": lambda before, after: after == before - 1,
        "home": lambda before, after: after == 0,
        "end": lambda before, after: after == preview.max_scroll_y,
    }
    for key in ("pagedown", "down", "space", "up", "pageup", "end", "home"):
        if key in ("up", "pageup"):
            preview.scroll_to(y=preview.max_scroll_y // 2, animate=False)
        await pilot.pause()
        before = round(preview.scroll_y)
        await pilot.press(key)
        await pilot.pause()
        moved[key] = expected[key](before, round(preview.scroll_y))
    return moved


async def test_the_preview_scrolls_with_the_obvious_keys_straight_after_5(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        preview = await _document_shown(pilot)
        assert pilot.app.screen.focused is preview
        assert await _scrolls(pilot, preview) == dict.fromkeys(SCROLL_KEYS, True)


@pytest.mark.parametrize(
    "control", ["#document-template", "#document-export", "#document-copy", "#document-export-json"]
)
async def test_the_preview_scrolls_whichever_toolbar_control_has_the_focus(
    make_ui: Callable[..., UI], control: str
) -> None:
    """Tab moved on to the toolbar, where the same keys did nothing or opened the drop-down."""
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        preview = await _document_shown(pilot)
        workspace = pilot.app.screen
        target = workspace.query_one(control)
        target.focus()
        await wait_until(pilot, lambda: workspace.focused is target)
        assert await _scrolls(pilot, preview) == dict.fromkeys(SCROLL_KEYS, True)
        assert workspace.focused is target
        assert not workspace.query_one("#document-template", Select).expanded
        assert isinstance(pilot.app.screen, WorkspaceScreen)  # no button was pressed


async def test_the_toolbar_stays_usable(make_ui: Callable[..., UI]) -> None:
    """Enter still opens the template drop-down, whose arrows choose; enter presses Copy."""
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await _document_shown(pilot)
        workspace = pilot.app.screen
        template = workspace.query_one("#document-template", Select)
        template.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: template.expanded)
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: template.value == "light")
        workspace.query_one("#document-copy").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(ui.clipboard.copied))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_focused_preview_shows_it_has_the_focus(
    make_ui: Callable[..., UI], theme: str
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        pilot.app.theme = theme
        preview = await _document_shown(pilot)
        focused_edge = preview.styles.border_left
        pilot.app.screen.query_one("#document-copy").focus()
        await pilot.pause()
        assert focused_edge[0] not in ("", "none", "blank", "hidden")
        assert preview.styles.border_left[0] in ("", "none", "blank", "hidden")
        # The text stays where it was: the edge takes the column of the text's left padding.
        assert preview.styles.border_left != focused_edge


async def test_f1_on_the_document_lists_the_preview_keys(make_ui: Callable[..., UI]) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await _document_shown(pilot)
        await pilot.press("f1")
        await wait_for_screen(pilot, HelpScreen)
        await wait_until(pilot, lambda: pilot.app.screen.keys_listed)
        table = pilot.app.screen.query_one("#help-keys", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        document = {row[1]: row[2] for row in rows if row[0] == "Document"}
        keys = " ".join(document)
        for key in ("pgdn", "pgup", "↓", "↑", "home", "end", "space"):
            assert key in keys, (key, document)


# 4. The quick-add line's hints speak of the time typed and fit 80 columns --------------------


async def test_the_quick_add_rule_is_told_with_the_time_typed(make_ui: Callable[..., UI]) -> None:
    """While 01:15 was typed the border still explained 14:32."""
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        pane = pilot.app.screen.query_one(TimelinePane)
        await pilot.press(":")
        line = pane.quick_line
        await wait_until(pilot, lambda: line.input.has_focus)
        assert str(line.input.border_subtitle).startswith("14:32 → the first 14:32 after ")
        await pilot.press(*"01:15 paged the edge team")
        subtitle = str(line.input.border_subtitle)
        assert subtitle.startswith("01:15 → the first 01:15 after "), subtitle
        assert "14:32" not in subtitle
        assert len(subtitle) <= line.input.size.width - 4  # on the border, whole
        await pilot.press(*["backspace"] * 30, *"+20m restarted")
        await wait_until(pilot, lambda: line.input.value == "+20m restarted")
        subtitle = str(line.input.border_subtitle)
        assert subtitle.startswith("+20m from "), subtitle
        await pilot.press(*["backspace"] * 20)
        await wait_until(pilot, lambda: "14:32 →" in str(line.input.border_subtitle))
    assert not [event for event in ui.saved().events if "paged the edge" in event.text]


async def test_the_empty_timeline_hint_is_whole_at_80x24(make_ui: Callable[..., UI]) -> None:
    ui = make_ui()
    pm = ui.service.create("Edge proxy meltdown", timezone="UTC", incident_date="2025-03-19")
    async with ui.app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        pilot.app.screen.open_postmortem(pm.id)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
        await pilot.press("2")
        pane = await pane_of(pilot, "timeline")
        table = pane.table
        await wait_until(pilot, lambda: table.size.width > 0)
        shown = " ".join(
            table.render_line(y).text.strip() for y in range(1, table.size.height)
        ).split()
        assert " ".join(shown).startswith(EMPTY_HINT), shown
        assert "…" not in " ".join(shown)


# 5. Notices keep off the box being typed in and the detail being read ------------------------

ALERTS = (
    Path(__file__).parent.parent
    / "importers"
    / "fixtures"
    / "alertmanager_webhook_deliveries.jsonl"
)


def _toast_regions(app) -> list[Region]:  # type: ignore[no-untyped-def]
    return [toast.region for toast in app.screen.query("Toast") if toast.region.area]


async def test_the_notice_after_creating_keeps_off_the_summary_box(
    make_ui: Callable[..., UI],
) -> None:
    """Right after creating, "Created: SEV1 …" covered the Summary box the user types in."""
    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        await pilot.press(*"Edge proxy meltdown", "tab", "tab", "tab", *"Ana Ruiz", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        workspace = pilot.app.screen
        await wait_until(pilot, lambda: bool(_toast_regions(pilot.app)))
        summary = workspace.query_one("#field-summary")
        await wait_until(pilot, lambda: workspace.focused is summary)
        await pilot.pause()
        told = " ".join(str(toast.render()) for toast in workspace.query("Toast"))
        assert "above Summary" in told
        for region in _toast_regions(pilot.app):
            assert not region.overlaps(summary.region), (region, summary.region)
        # The summary typed at once lands whole in its box.
        await pilot.press(*"Edge proxies ran out of threads")
        await wait_until(pilot, lambda: "ran out of threads" in summary.text)
        # On another tab it tells nothing true and hid the empty timeline's hint: it goes.
        await pilot.press("escape", "2")
        await wait_until(pilot, lambda: workspace.query_one("#tabs").active == "timeline")
        await wait_until(
            pilot,
            lambda: not any("above Summary" in str(t.render()) for t in workspace.query("Toast")),
        )


async def test_the_notice_after_an_import_keeps_off_the_selected_events_detail(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL, notifications=True) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("I")
        await wait_for_screen(pilot, ImportEvidenceModal)
        path = pilot.app.screen.query_one("#import-path", Input)
        path.value = str(ALERTS)
        path.focus()
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
        await wait_until(
            pilot, lambda: any("Added" in str(t.render()) for t in pilot.app.screen.query("Toast"))
        )
        await pilot.pause()
        detail = pilot.app.screen.query_one("#timeline-detail")
        assert detail.region.area
        for region in _toast_regions(pilot.app):
            assert not region.overlaps(detail.region), (region, detail.region)
        # Readable: the whole notice is on screen, not under the tab bar or off its edge.
        for region in _toast_regions(pilot.app):
            assert pilot.app.screen.region.contains_region(region)
            assert region.y >= 3  # below the metrics line and the tab bar
