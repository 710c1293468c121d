"""Pilot tests of traps the fourteenth new-user mock meeting found (issue 12, Rogers
2022-07-08/09, 80x24 and 120x35). Each test checks the screen and what reached the file."""

from __future__ import annotations

import pytest

from tests.ui.support import SAMPLE_ID, open_sample, wait_for_screen, wait_until
from tests.ui.test_traps8c import _in_view, _palette_run


def _placed_late(monkeypatch, calls: int = 3) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Make the Document preview find itself not on screen the next `calls` times it looks,
    as on a loaded machine; returns the count of looks still to come."""
    from pmtui.ui.widgets.document_preview import DocumentPreview

    placed = DocumentPreview._visible
    not_yet = {"calls": calls}

    def visible_after_a_while(preview: DocumentPreview) -> bool:
        if not_yet["calls"] > 0:
            not_yet["calls"] -= 1
            return False
        return placed(preview)

    monkeypatch.setattr(DocumentPreview, "_visible", visible_after_a_while)
    return not_yet


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_palette_edit_owner_from_checks_after_typing_in_summary_shows_the_owner(
    make_ui, size
) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: with a section below the header focused (the Summary at 80x24, the
    customer message at 120x35), F7 to Checks, then ctrl+p "Edit owner" focused the owner
    but left the Overview scrolled down, and the next keys ("6", "1") replaced the owner's
    name off screen."""
    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        scroll = workspace.query_one("#overview-scroll")
        owner_field = workspace.query_one("#ff-owner")
        below = "#field-summary" if size[1] == 24 else "#field-customer_message"
        workspace.query_one(below).focus()
        await wait_until(pilot, lambda: not _in_view(owner_field, scroll))
        await pilot.press("f7")
        await wait_until(pilot, lambda: workspace.current_pane().TAB_ID == "checks")
        await _palette_run(pilot, "Edit owner")
        owner = workspace.query_one("#field-owner")
        await wait_until(pilot, lambda: owner.has_focus)
        for _ in range(5):
            await pilot.pause()
        await wait_until(pilot, lambda: _in_view(owner_field, scroll), timeout=3)


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_up_from_the_ladder_reaches_the_second_factor(make_ui, size) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: on the Five Whys pane ↑ stopped at the first factor's problem and ↓
    did nothing, so factor 2 could not be chosen from the keyboard to link its events (f)."""
    from pmtui.ui.modals.factor_form import FactorModal

    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot, tab="whys")
        pane = pilot.app.screen.query_one("#whys-pane")
        first, second = (factor.id for factor in pane.pm.factors[:2])
        assert pane.selected_factor().id == first
        ladder = pilot.app.screen.query_one("#whys-ladder")
        await wait_until(pilot, lambda: ladder.has_focus)
        # Up the ladder to the problem, then on to the factor list, and down to the second.
        await pilot.press(*["up"] * (len(ladder) + 1))
        factors = pilot.app.screen.query_one("#whys-chains")
        await wait_until(pilot, lambda: factors.has_focus)
        await pilot.press("down")
        await wait_until(pilot, lambda: pane.selected_factor().id == second)
        await pilot.press("f")
        await wait_for_screen(pilot, FactorModal)
        modal = pilot.app.screen
        assert modal._factor is not None and modal._factor.id == second


async def test_a_path_typed_as_the_export_dialog_opens_replaces_the_offered_one(
    make_ui, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 14: Document → x, then an absolute path typed at once was appended to the
    offered name ("…2022-07-08.md/tmp/mock14/rogers.md"): the box opened with its cursor at the
    end, not its text selected as every other form's filled box."""
    from textual.widgets import Input

    from pmtui.ui.modals.export_file import ExportFileModal

    monkeypatch.chdir(tmp_path)
    target = tmp_path / "exports" / "rogers.md"
    target.parent.mkdir()
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="document")
        await pilot.press("x")
        await wait_for_screen(pilot, ExportFileModal)
        path_input = pilot.app.screen.query_one("#export-path", Input)
        await wait_until(pilot, lambda: path_input.selected_text == path_input.value)
        await pilot.press(*str(target))
        assert path_input.value == str(target)
        await pilot.press("enter")
        await wait_until(pilot, target.exists)
    assert "# " in target.read_text(encoding="utf-8")


async def test_the_document_toolbar_keeps_its_keys_after_tab_from_the_tab_bar(make_ui) -> None:
    """Mock meeting 14: Document, then tab from the tab bar put the focus on the Template
    drop-down; the footer lost "t x y j" and x did nothing, without a word."""
    from pmtui.ui.modals.export_file import ExportFileModal

    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="document")
        workspace = pilot.app.screen
        await pilot.press("tab", "tab")  # from the preview to the tab bar, then into the pane
        template = workspace.query_one("#document-template")
        await wait_until(pilot, lambda: template.has_focus)
        shown = {
            key
            for key, active in workspace.active_bindings.items()
            if active.binding.show and active.enabled
        }
        assert {"t", "x", "y", "j"} <= shown
        await pilot.press("t")
        await wait_until(pilot, lambda: template.value == "light")
        await pilot.press("x")
        await wait_for_screen(pilot, ExportFileModal)


async def test_an_incident_date_typed_as_a_word_shows_as_its_date_once_left(make_ui) -> None:
    """Mock meeting 14: "yesterday" typed as the incident date was saved as the date, but the
    box kept reading "yesterday" after tab left it."""
    from datetime import timedelta

    from textual.widgets import Input

    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        await _palette_run(pilot, "Edit incident date")
        box = workspace.query_one("#field-incident_date", Input)
        await wait_until(pilot, lambda: box.has_focus)
        await pilot.press(*"yesterday")
        yesterday = ui.service.today(ui.saved()) - timedelta(days=1)
        await wait_until(pilot, lambda: ui.saved().incident_date == yesterday)
        await wait_until(pilot, lambda: workspace.save_state.kind == "saved")
        await pilot.press("tab")
        await wait_until(pilot, lambda: not box.has_focus)
        await wait_until(pilot, lambda: box.value == yesterday.isoformat())


async def test_the_document_preview_renders_when_first_shown_before_it_is_placed(
    make_ui, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 15: on a first visit the Document tab showed its toolbar over a blank
    pane until another tab and back. The preview rendered only when the Show event found it
    on screen; on a loaded machine it was not placed yet then, and nothing looked again."""
    from pmtui.ui.widgets.document_preview import DocumentPreview

    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="checks")
        not_yet = _placed_late(monkeypatch)
        await pilot.press("5")
        workspace = pilot.app.screen
        await wait_until(pilot, lambda: workspace.current_pane().TAB_ID == "document")
        preview = workspace.query_one("#document-preview", DocumentPreview)
        await wait_until(pilot, lambda: preview.renders > 0)
        assert not_yet["calls"] == 0


async def test_a_refused_date_in_the_new_dialog_is_replaced_by_what_is_typed_next(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 15: ctrl+s refused "sep 7th" as the incident date and put the focus back
    in the box with the cursor after it, so "2023-09-07" made "sep 7th2023-09-07"."""
    from datetime import date

    from textual.widgets import Input

    from pmtui.ui.modals.new_postmortem import NewPostMortemModal
    from pmtui.ui.screens.workspace import WorkspaceScreen

    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        await pilot.press(*"Square DNS outage", "tab", "tab", *"sep 7th", "ctrl+s")
        box = pilot.app.screen.query_one("#incident_date", Input)
        await wait_until(
            pilot,
            lambda: (
                box.has_focus
                and "not a date"
                in str(pilot.app.screen.query_one("#ff-incident_date .field-error").render())
            ),
        )
        await pilot.press(*"2023-09-07")
        assert box.value == "2023-09-07"
        # Mock meeting 16: the corrected date kept the refusal's border and message.
        field = pilot.app.screen.query_one("#ff-incident_date")
        await wait_until(pilot, lambda: not field.holds_refused)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    (pm,) = [ui.service.get(summary.id) for summary in ui.service.summaries()]
    assert pm.incident_date == date(2023, 9, 7)


async def test_the_actions_detail_names_a_missing_owner_beside_a_missing_deadline(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 16: an item saved with neither owner nor deadline read "no deadline" in
    the Actions detail, as if only the deadline were missing."""
    ui = make_ui()
    service = ui.service
    _, item = service.add_action(
        service.get(SAMPLE_ID), text="Alert on transport node CPU", assign_later=True
    )
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="actions")
        pane = pilot.app.screen.query_one("#actions-pane")
        pane.select(item.id)
        detail = pane.query_one("#action-detail")
        await wait_until(pilot, lambda: "Alert on transport node CPU" in str(detail.render()))
        assert "no owner · no deadline" in str(detail.render())


async def test_the_document_preview_renders_when_its_tab_is_shown_without_show_events(
    make_ui, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 16: after ctrl+p "Edit owner" from Checks, escape, 5, the Document tab
    stayed blank for 15 s on a loaded machine: the preview waited for its own Show and Resize
    events. The tab bar's word that the tab is in front is now enough."""
    from pmtui.ui.widgets.document_preview import DocumentPreview

    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="checks")
        await _palette_run(pilot, "Edit owner")
        not_yet = _placed_late(monkeypatch)
        monkeypatch.setattr(DocumentPreview, "on_show", lambda preview: None)
        monkeypatch.setattr(DocumentPreview, "on_resize", lambda preview: None)
        await pilot.press("escape", "5")
        workspace = pilot.app.screen
        await wait_until(pilot, lambda: workspace.current_pane().TAB_ID == "document")
        preview = workspace.query_one("#document-preview", DocumentPreview)
        await wait_until(pilot, lambda: preview.renders > 0)
        assert not_yet["calls"] == 0


async def test_escape_empties_the_meeting_quick_add_line_it_leaves(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 16: "ok moving on", typed in the meeting's quick-add line after an event
    was added from it, stayed there with its hint under every later step after escape."""
    from textual.widgets import Input

    from pmtui.ui.screens.meeting import MeetingScreen
    from tests.ui.support import recorded_notifications

    ui = make_ui()
    events_before = len(ui.saved().events)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        told = recorded_notifications(meeting)
        await pilot.press("3", "/")
        line = meeting.query_one("#meeting-capture", Input)
        await wait_until(pilot, lambda: line.has_focus)
        await pilot.press(*"+20m storm contained again", "enter")
        await wait_until(pilot, lambda: len(ui.saved().events) == events_before + 1)
        await pilot.press(*"ok moving on")
        await wait_until(pilot, lambda: line.value == "ok moving on")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not line.has_focus)
        assert line.value == ""
        assert any("“ok moving on” was not added" in said for said in told)
    assert len(ui.saved().events) == events_before + 1


async def test_the_footer_keeps_the_redo_after_an_undo_on_the_timeline_at_120(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 16: at 120 columns, d then ctrl+z on the Timeline left the footer with
    "^z Undo edit event  f1 More" and no redo: the pane's keys took the room first."""
    from textual.widgets._footer import FooterKey

    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="timeline")
        workspace = pilot.app.screen
        events = len(ui.saved().events)
        # Two deletions, one undone: both an undo and a redo are there to name.
        await pilot.press("d")
        await wait_until(pilot, lambda: len(ui.saved().events) == events - 1)
        await pilot.press("d")
        await wait_until(pilot, lambda: len(ui.saved().events) == events - 2)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: len(ui.saved().events) == events - 1)

        def shown() -> list[str]:
            return [key.action for key in workspace.query(FooterKey)]

        await wait_until(pilot, lambda: "redo" in shown() and "undo" in shown())
        assert shown()[-1] == "help" or shown()[-2] == "help"


async def test_the_palette_lists_one_quit(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock meeting 17: ctrl+p "quit" listed pmtui's "Save everything and leave pmtui" and
    Textual's "Quit the application as soon as possible": two quits that sounded different."""
    from tests.ui.test_traps8c import _palette_hits

    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("ctrl+p", *"quit")
        await wait_until(pilot, lambda: bool(_palette_hits(pilot)))
        await pilot.pause(0.3)
        quits = [hit for hit in _palette_hits(pilot) if "quit" in str(hit.prompt).lower()]
        assert len(quits) == 1, [str(hit.prompt) for hit in quits]
        assert "Save everything" in str(quits[0].prompt)
