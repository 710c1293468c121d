"""Pilot tests of a trap the fifth new-user mock meeting found (issue 12): F2 put the cursor
in an empty section, and the facilitator's next "2", meant for the Timeline, was typed there."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from tests.ui.support import open_sample, wait_until

HINT = "“2” showed"


def _notices(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    return [note.message for note in pilot.app._notifications]


async def test_a_digit_pressed_alone_where_f2_put_the_cursor_shows_its_pane(make_ui) -> None:
    """F2, then 2 for the Timeline: "What went well" read "2". Nothing typed there since
    F2, a pane digit pressed alone is the pane's key (see test_traps20)."""
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(pilot.app.focused, TextArea))
        area = pilot.app.focused
        assert isinstance(area, TextArea)
        before = area.text
        name = (area.id or "").removeprefix("field-")
        await pilot.press("2")
        await wait_until(pilot, lambda: pilot.app.screen.current_pane().TAB_ID == "timeline")
        assert any("“2” showed Timeline" in note for note in _notices(pilot))
        assert area.text == before
    assert getattr(ui.saved(), name) == before.strip()


async def test_prose_that_starts_with_a_digit_is_text_and_switches_nothing(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(pilot.app.focused, TextArea))
        area = pilot.app.focused
        assert isinstance(area, TextArea)
        name = (area.id or "").removeprefix("field-")
        await pilot.press(*"2 engineers were paged")
        await wait_until(
            pilot, lambda: getattr(ui.saved(), name).endswith("2 engineers were paged")
        )
        assert not any(HINT in note for note in _notices(pilot))
        assert pilot.app.screen.current_pane().TAB_ID == "overview"


async def test_a_concluded_chain_shows_no_answer_box_and_counts_its_actions(make_ui) -> None:
    """Mock meeting 7: under a concluded chain an empty answer box looked like a field; "abc"
    typed there ran `a` (a new action). The box is gone while the chain is concluded, and the
    line above says what already addresses the factor instead of asking for a first action."""
    from textual.widgets import Static

    from pmtui.ui.panes.whys import WhysPane

    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = pilot.app.screen.query_one(WhysPane)
        answer = pane.query_one("#ff-whys-answer")
        await wait_until(pilot, lambda: pane.selected_chain() is not None)
        assert pane.selected_chain().root_cause and not answer.display
        question = str(pane.query_one("#whys-question", Static).render())
        addressing = [a for a in ui.saved().actions if a.factor_id == pane.selected_chain().id]
        assert f"Addressed by {len(addressing)} action items: a adds another" in question
        assert "deeper why (w)" in question
        chain_id = pane.selected_chain().id
        pilot.app.screen.commit(lambda pm: ui.service.reopen_why_chain(pm, chain_id))
        await wait_until(pilot, lambda: answer.display)  # open again: the box is back
    assert not ui.saved().why_chain(chain_id).root_cause


@pytest.mark.parametrize(("size", "told"), [((80, 24), True), ((120, 35), False)])
async def test_after_creating_a_notice_says_where_the_header_is_when_it_is_out_of_view(
    make_ui, size: tuple[int, int], told: bool
) -> None:
    """Mock meeting 7 at 80x24: Summary's heading and box push the Owner above the view, and
    the facilitator found it only through the palette."""
    from pmtui.ui.modals.new_postmortem import NewPostMortemModal
    from pmtui.ui.screens.workspace import WorkspaceScreen
    from tests.ui.support import wait_for_screen

    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        await pilot.press(*"Slack 2021-01-04 outage", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        summary = pilot.app.screen.query_one("#field-summary", TextArea)
        await wait_until(pilot, lambda: pilot.app.focused is summary)
        await pilot.pause()
        said = [note for note in _notices(pilot) if "Owner, attendees and tags are above" in note]
        assert bool(said) is told
        await pilot.press(*"Transit gateways")  # the cursor stays in Summary either way
        await wait_until(pilot, lambda: summary.text == "Transit gateways")


async def test_the_five_whys_pane_warns_of_blame_while_the_answer_is_typed(make_ui) -> None:
    """Mock meeting 7: in the pane "Diego ignored the network dashboard" was saved before any
    warning; the meeting's answer form warned as it was typed. Now the pane does too."""
    from textual.widgets import Static

    from pmtui.ui.panes.whys import WhysPane

    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = pilot.app.screen.query_one(WhysPane)
        chain_id = pane.selected_chain().id
        pilot.app.screen.commit(lambda pm: ui.service.reopen_why_chain(pm, chain_id))
        box = pane.query_one("#whys-answer")
        await wait_until(pilot, lambda: box.display and box.region.height > 0)
        box.focus()
        hint = pane.query_one("#whys-answer-blame", Static)
        assert not hint.display
        await pilot.press(*"the on-call engineer failed to notice the alert")
        await wait_until(pilot, lambda: hint.display)
        assert "⚠" in str(hint.render()) and "person" in str(hint.render())
        assert (
            ui.saved().why_chain(chain_id).answers
            == pilot.app.screen.pm.why_chain(chain_id).answers
        )  # nothing saved yet: the warning comes first
        await pilot.press("ctrl+u")  # emptied: the warning goes
        await wait_until(pilot, lambda: not hint.display)


async def test_leaving_a_drop_down_with_refused_typing_says_it_stayed_unchanged(make_ui) -> None:
    """Mock meeting 7: "high" typed on Priority (P1-P4), then tab: the refusal's hint left
    with the focus, and the item was saved with "—" unnoticed. Leaving now says so."""
    from textual.widgets import Select

    from pmtui.ui.modals.action_form import ActionItemModal
    from pmtui.ui.panes.actions import ActionsPane
    from tests.ui.support import wait_for_screen

    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="actions")
        pilot.app.screen.query_one(ActionsPane).table.focus()
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        form = pilot.app.screen
        priority = form.query_one("#action-priority", Select)
        priority.focus()
        await pilot.press(*"urgent", "tab")  # "high" is P2's word: it picks P2
        await wait_until(pilot, lambda: not priority.has_focus)
        said = [note for note in _notices(pilot) if "unchanged" in note]
        assert said and said[0].startswith("Priority unchanged: “urgent” is not a choice: ")
        assert priority.value == Select.BLANK or str(priority.value) in ("", "None")


async def test_type_ahead_on_the_factor_picker_finds_a_factor_by_its_title(make_ui) -> None:
    """Mock meeting 8: the picker named factors "monitoring: Detection of…", so "M" meant for
    "Many control-plane services…" picked the monitoring factor."""
    from textual.widgets import Select

    from pmtui.ui.modals.action_form import ActionItemModal
    from pmtui.ui.panes.actions import ActionsPane
    from tests.ui.support import wait_for_screen

    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="actions")
        pilot.app.screen.query_one(ActionsPane).table.focus()
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        picker = pilot.app.screen.query_one("#action-factor_id", Select)
        picker.focus()
        await pilot.press("T")  # "The expired certificate…", a process factor
        await wait_until(pilot, lambda: picker.value == "why-expiry-check")
        await pilot.pause(1.1)  # a new type-ahead run
        await pilot.press("C")  # "Certificate renewal failed…", a monitoring factor
        await wait_until(pilot, lambda: picker.value == "why-renewal")


async def test_up_at_the_first_check_stays_there_instead_of_going_round(make_ui) -> None:
    """Mock meeting 8: ↑ pressed a few times "to reach the top" wrapped to the last row, and
    enter put a Detection sentence into the customer message."""
    from pmtui.ui.panes.findings import FindingList

    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        workspace.commit(lambda pm: ui.service.update(pm, detection="", lessons=""))
        await pilot.press("f7")
        found = workspace.query_one(FindingList)
        await wait_until(pilot, lambda: found.option_count > 2 and found.highlighted is not None)
        found.focus()
        found.action_first()
        first = found.highlighted
        await pilot.press("up", "up", "up")
        assert found.highlighted == first
        last_before = found.highlighted
        for _ in range(found.option_count + 2):
            await pilot.press("down")
        at_end = found.highlighted
        await pilot.press("down")
        assert found.highlighted == at_end != last_before


async def test_tab_from_the_tab_bar_into_the_filled_title_selects_it(make_ui) -> None:
    """Mock meeting 9: Tab from the tab bar, then "ZZZ", gave "Fastly global CDN outageZZZ"."""
    from textual.widgets import Input, Tabs

    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        workspace.query_one(Tabs).focus()
        await pilot.pause()
        await pilot.press("tab")
        title = workspace.query_one("#field-title", Input)
        await wait_until(pilot, lambda: pilot.app.focused is title)
        assert title.selection.start == 0 and title.selection.end == len(title.value) > 0
        await pilot.press(*"Expired API certificate")
        await wait_until(pilot, lambda: ui.saved().title == "Expired API certificate")
