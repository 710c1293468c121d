"""Pilot tests of the traps a first-time facilitator still met in a mock review (issue 12,
part 3): each presses the keys a user would and checks the screen and the saved file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select

from pmtui.ui.modals.export_file import ExportFileModal
from pmtui.ui.modals.help import HelpScreen
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.panes.findings import FindingsPane
from pmtui.ui.place_labels import place_label
from pmtui.ui.screens.home import HomeScreen
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import open_sample, wait_for_screen, wait_until

SIZE = (120, 35)


def shown_notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The notifications on screen now, oldest first."""
    return [str(notice.message) for notice in app._notifications]


async def open_export(pilot) -> ExportFileModal:  # type: ignore[no-untyped-def]
    await pilot.press("x")
    await wait_for_screen(pilot, ExportFileModal)
    modal = pilot.app.screen
    assert isinstance(modal, ExportFileModal)
    return modal


async def test_export_dialog_says_cancelled_and_remembers_format_and_folder(
    make_ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    ui = make_ui()
    async with ui.app.run_test(size=SIZE, notifications=True) as pilot:
        await open_sample(pilot, tab="document")
        modal = await open_export(pilot)
        path_input = modal.query_one("#export-path", Input)
        # Enter on the format already chosen (Markdown) stays there; tab is the file name.
        await pilot.press("shift+tab", "enter", "enter", "tab")
        await wait_until(pilot, lambda: modal.focused is path_input)
        # The facilitator tabs on past Export to Cancel and presses enter: the dialog says so.
        await pilot.press("tab", "tab", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        await wait_until(pilot, lambda: "Export cancelled" in " ".join(shown_notices(pilot.app)))
        # HTML into another folder ...
        modal = await open_export(pilot)
        await pilot.press("shift+tab", "enter", "down", "enter")
        path_input = modal.query_one("#export-path", Input)
        await wait_until(pilot, lambda: path_input.value.endswith(".html"))
        path_input.value = str(out / "review.html")
        await pilot.press("tab", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        await wait_until(pilot, lambda: (out / "review.html").exists())
        assert any("Exported full HTML to" in notice for notice in shown_notices(pilot.app))
        # ... is offered again after the post-mortem was closed and opened again.
        await pilot.press("ctrl+l")
        await wait_for_screen(pilot, HomeScreen)
        await open_sample(pilot, tab="document")
        modal = await open_export(pilot)
        assert modal.query_one("#export-format", Select).value == 1
        assert Path(modal.query_one("#export-path", Input).value).parent == out


async def test_meeting_e_edits_the_marked_why_answer_through_the_blame_hint_and_undoes(
    make_ui,
) -> None:
    ui = make_ui()
    chain = ui.saved().whys[0]
    before = chain.answers
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        await pilot.press("4")
        await wait_until(pilot, lambda: "Why?" in meeting.step_widget.text)
        # The last answer is marked; shift+↑ marks the one before, e opens it.
        await pilot.press("shift+up", "e")
        await wait_for_screen(pilot, WhyTextModal)
        modal = pilot.app.screen
        box = modal.query_one("#why-text", Input)
        assert box.value == before[-2]
        await pilot.press("ctrl+a", *"Priya forgot to check the alert")
        blame = modal.query_one("#why-text-blame")
        await wait_until(pilot, lambda: blame.display)
        await pilot.press("ctrl+a", *"No alert rule watched the renewal", "enter")
        await wait_for_screen(pilot, MeetingScreen)
        expected = (*before[:-2], "No alert rule watched the renewal", before[-1])
        await wait_until(pilot, lambda: ui.saved().whys[0].answers == expected)
        assert "No alert rule watched the renewal" in meeting.step_widget.text
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved().whys[0].answers == before)
        # The key is listed in F1.
        await pilot.press("f1")
        await wait_for_screen(pilot, HelpScreen)
        await wait_until(pilot, lambda: pilot.app.screen.keys_listed)  # every tab's keys
        table = pilot.app.screen.query_one("#help-keys")
        described = {str(table.get_row_at(i)[2]) for i in range(table.row_count)}
        assert "Edit answer" in described


async def test_checks_name_a_why_answer_by_chain_and_answer_number_not_its_path(make_ui) -> None:
    ui = make_ui()
    chain = ui.saved().whys[0]
    blamed = ("The on-call engineer should have read the alert channel", *chain.answers[1:])
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot)
        screen = pilot.app.screen
        screen.commit(lambda pm: ui.service.edit_why(pm, chain.id, answers=blamed))
        await pilot.press("6")
        pane = screen.query_one(FindingsPane)
        await wait_until(pilot, lambda: pane.up_to_date and bool(pane.entries()))
        listing = pane.finding_list
        shown = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        line = next(text for text in shown if "Why chain 1, answer 1" in text)
        assert "“The on-call engineer should have read" in line
        assert not any("answers[" in text or "whys[" in text for text in shown)
        detail = str(pane.query_one("#check-detail").render())
        assert "answers[" not in detail and "Why chain 1, answer 1" in detail


def test_place_labels_speak_of_the_post_mortem_not_its_paths(make_ui) -> None:
    pm = make_ui().saved()
    chain, action, event = pm.whys[0], pm.actions[0], pm.events[0]
    assert place_label(pm, f"whys[{chain.id}].answers[1]") == (
        f"Why chain 1, answer 2: “{chain.answers[1][:39]}…”"
    )
    assert place_label(pm, f"whys[{chain.id}].problem").startswith("Why chain 1, problem: “")
    assert place_label(pm, f"action_items[{action.id}].due").endswith(" · deadline")
    assert place_label(pm, f"timeline[{event.id}].at").endswith(" · time")
    assert place_label(pm, "timeline.start-detected") == "Timeline · start → detected"
    waiver = place_label(pm, f"waivers[missing-owner:action_items[{action.id}].owner]")
    assert waiver.startswith("Waiver of missing-owner at Action “")
    for where in (
        f"whys[{chain.id}].answers[0]",
        f"action_items[{action.id}].made_sense",
        f"factors[{pm.factors[0].id}].made_sense",
        "whys[gone].answers[3]",
    ):
        assert "[" not in place_label(pm, where) and "_" not in place_label(pm, where)


async def test_export_offers_a_name_with_the_date_once_when_the_title_has_it(
    make_ui, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="document")
        screen = pilot.app.screen
        screen.commit(lambda pm: ui.service.update(pm, title="2025-03-19 -- API: TLS down!"))
        modal = await open_export(pilot)
        offered = Path(modal.query_one("#export-path", Input).value)
        assert offered == tmp_path / "api-tls-down-2025-03-19.md"
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        await wait_until(pilot, offered.exists)


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_meeting_key_line_fits_the_screen_with_the_essential_keys(
    make_ui, size: tuple[int, int]
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot)
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        line = meeting.query_one("#meeting-keys")
        essentials = {"1": [], "2": ["e ", "i "], "3": ["s stamp"], "4": ["w why", "e edit"]}
        essentials |= {"5": ["a action", "o owner"], "6": []}
        shown: dict[str, str] = {}
        for step, keys in essentials.items():
            await pilot.press(step)
            await wait_until(pilot, lambda step=step: meeting.step == int(step) - 1)
            await pilot.pause()
            text = shown[step] = str(line.render())
            room = line.content_region.width
            assert len(text) <= room, (step, text)
            assert text.startswith("←") and "esc" in text, text
            assert all(key in text for key in keys), (step, text)
        # Step 4 has more keys than 80 columns hold: the line says where the rest are.
        if size[0] == 80:
            assert shown["4"].endswith("F1 more")


async def test_escape_pressed_again_and_again_shows_its_notice_once(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE, notifications=True) as pilot:
        await open_sample(pilot)
        for _ in range(4):
            await pilot.press("escape")
            await pilot.pause()
        await wait_until(pilot, lambda: bool(shown_notices(pilot.app)))
        notices = shown_notices(pilot.app)
        assert len(notices) == len(set(notices)) == 1, notices
        assert "Escape stays here" in notices[0]
        assert len(pilot.app.screen.query("Toast")) == 1
        # Another notice still joins it: only repeats are folded.
        pilot.app.notify("Saved.")
        await wait_until(pilot, lambda: len(shown_notices(pilot.app)) == 2)
        assert len(pilot.app.screen.query("Toast")) == 2


async def listed_in_palette(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    """Open ctrl+p, read every command it lists with nothing typed, close it again."""
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p")
    await wait_for_screen(pilot, CommandPalette)
    palette = pilot.app.screen

    def listed() -> bool:
        searching = any(w.node is palette and not w.is_finished for w in pilot.app.workers)
        return not searching and palette.query_one(CommandList).option_count > 0

    await wait_until(pilot, listed)
    hits = palette.query_one(CommandList)
    titles = [
        str(hits.get_option_at_index(i).prompt).split("\n")[0] for i in range(hits.option_count)
    ]
    await pilot.press("escape")
    await wait_until(pilot, lambda: not isinstance(pilot.app.screen, CommandPalette))
    return titles


async def test_the_palette_lists_only_what_applies_where_it_is_opened(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = await listed_in_palette(pilot)
        assert "Open" in home and "New post-mortem" in home
        never_on_home = ("Stamp", "meeting", "Meeting", "timeline", "Undo", "Checks")
        assert not [title for title in home if any(word in title for word in never_on_home)]
        await open_sample(pilot)
        workspace = await listed_in_palette(pilot)
        assert {"Stamp event now", "Start meeting mode", "Add action item"} <= set(workspace)
        # Nothing changed yet, no finding or waiver selected, no merge conflict, a concluded
        # chain: none of these apply here now.
        for title in (
            "Undo",
            "Redo",
            "Checks: withdraw the selected waiver",
            "Checks: keep the value in place for the selected merge conflict",
            "Mark root cause",
        ):
            assert title not in workspace, title
        # Split is listed on a moment seen in one source too: run, it says why nothing splits.
        assert "Split selected moment by source" in workspace
        assert not any(title.startswith("Meeting step") for title in workspace)
        assert ("Mark action item done" in workspace) != ("Reopen action item" in workspace)
        # After a change, undo applies and is listed by what it takes back.
        screen = pilot.app.screen
        screen.commit(lambda pm: ui.service.update(pm, summary=pm.summary + " More."))
        await wait_until(pilot, lambda: screen.history.undo_next is not None)
        assert any(title.startswith("Undo") for title in await listed_in_palette(pilot))
