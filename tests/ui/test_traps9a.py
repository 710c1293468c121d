"""Pilot tests of what facilitators met in mock meeting 6 (issue 12, part 9a): a root-cause
picker that chose "process" on a reflex enter, waived findings still shown as warnings in
the meeting, the wrap-up's two clocks, and a summary dialog without a heading. Each presses
the keys a user would and checks the screen and what reached the file."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import ListView, OptionList, Static, TextArea

from pmtui.model.agenda import format_clock
from pmtui.model.enums import CauseCategory
from pmtui.ui.modals.section_edit import SectionEditModal
from pmtui.ui.modals.why_forms import CauseCategoryModal
from pmtui.ui.panes.whys import WhysPane
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.widgets.timebox import Timebox
from tests.ui.support import FIXED_NOW, SAMPLE_ID, open_sample, wait_for_screen, wait_until

SMALL = (80, 24)
PROBLEM = "Writes were split across coasts"
ANSWER = "The failover runbook had no step to fence the old primary"


def _hint(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one("#cause-hint", Static).render())


async def _meeting_on_new_chain(ui, pilot) -> MeetingScreen:  # type: ignore[no-untyped-def]
    """Meeting step 4 with the chain made by `_with_open_chain` as the current one."""
    await open_sample(pilot, tab="timeline")
    await pilot.press("m")
    await wait_for_screen(pilot, MeetingScreen)
    meeting = pilot.app.screen
    await pilot.press("4")
    await wait_until(pilot, lambda: meeting.step == 3)
    chain_id = ui.saved().whys[-1].id
    for _ in range(len(ui.saved().whys)):  # the new chain is the last one
        await pilot.press("down")
    await wait_until(pilot, lambda: meeting.current_chain().id == chain_id)
    return meeting


def _with_open_chain(ui) -> str:  # type: ignore[no-untyped-def]
    service = ui.service
    pm, chain = service.add_why_chain(service.get(SAMPLE_ID), PROBLEM)
    service.answer_why(pm, chain.id, ANSWER)
    return chain.id


async def test_meeting_root_cause_picker_chooses_nothing_on_enter_or_a_sentence(
    make_ui,
) -> None:
    ui = make_ui()
    chain_id = _with_open_chain(ui)
    async with ui.app.run_test(size=SMALL) as pilot:
        meeting = await _meeting_on_new_chain(ui, pilot)
        # c and a reflex enter in one burst: the picker opens on a category (mock meeting 14)
        # but marks nothing before it could be read; it says what the next enter marks.
        await pilot.press("c", "enter")
        await wait_for_screen(pilot, CauseCategoryModal)
        await wait_until(pilot, lambda: "Not marked yet" in _hint(pilot))
        assert pilot.app.screen.query_one(OptionList).highlighted == 0
        assert "enter again marks it as process" in _hint(pilot)
        assert not ui.saved().why_chain(chain_id).root_cause
        # A sentence typed here by mistake is quoted back with the categories, not chosen.
        await pilot.press(*"We now check", "enter")
        await wait_until(pilot, lambda: "“We now…”" in _hint(pilot))
        assert isinstance(pilot.app.screen, CauseCategoryModal)
        assert "is not a category: process, testing, monitoring" in _hint(pilot)
        # The hint fits the dialog at 80x24: nothing of it scrolls out of sight.
        assert pilot.app.screen.query_one(".modal-body").max_scroll_y == 0
        assert pilot.app.screen.query_one(OptionList).highlighted == 0  # as it was
        assert not ui.saved().why_chain(chain_id).root_cause
        # Letters jump to the category they start: "do" documentation, then enter marks it.
        await pilot.press("d", "o", "enter")
        await wait_for_screen(pilot, MeetingScreen)
        await wait_until(pilot, lambda: ui.saved().why_chain(chain_id).root_cause)
        await wait_until(pilot, lambda: "documentation" in meeting.step_widget.text)
    assert ui.saved().why_chain(chain_id).category == "documentation"


async def test_five_whys_root_cause_picker_takes_letters_as_a_burst(make_ui) -> None:
    ui = make_ui()
    chain_id = _with_open_chain(ui)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = pilot.app.screen.query_one(WhysPane)
        pane.select_chain(chain_id)
        ladder = pane.query_one("#whys-ladder", ListView)
        ladder.focus()
        await wait_until(pilot, lambda: pane.selected_chain().id == chain_id)
        # Two c's and enter in one burst, as slow typing: "cc" moves on from communication
        # to configuration. (r goes first on its own: "rcc" typed in one go on the ladder is
        # a word, which runs nothing; pmtui.ui.typed_words.)
        await pilot.press("r")
        await pilot.press("c", "c", "enter")
        await wait_until(pilot, lambda: ui.saved().why_chain(chain_id).root_cause)
        assert not isinstance(pilot.app.screen, CauseCategoryModal)
    assert ui.saved().why_chain(chain_id).category == "configuration"


async def test_root_cause_picker_opens_on_the_chains_own_category(make_ui) -> None:
    """A chain that already has a category (imported or merged so) opens on it."""
    ui = make_ui()
    chosen: list[CauseCategory | None] = []
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="whys")
        pilot.app.push_screen(CauseCategoryModal(ANSWER, CauseCategory.MONITORING), chosen.append)
        await wait_for_screen(pilot, CauseCategoryModal)
        options = pilot.app.screen.query_one(OptionList)
        assert options.highlighted == options.get_option_index("monitoring")
        await pilot.press("enter")
        await wait_until(pilot, lambda: chosen == [CauseCategory.MONITORING])


BLAMING = "the on-call engineer failed to notice the alert"
STILL_BLAMING = "the on-call engineer forgot to check the dashboard"


async def test_a_waived_blame_finding_is_no_warning_in_the_meeting(make_ui) -> None:
    ui = make_ui()
    service = ui.service
    pm, chain = service.add_why_chain(service.get(SAMPLE_ID), PROBLEM)
    pm = service.answer_why(pm, chain.id, BLAMING)
    pm = service.answer_why(pm, chain.id, STILL_BLAMING)
    waived_at = f"whys[{chain.id}].answers[0]"
    service.waive(pm, "blame-language", waived_at, "Quoted from the pager log as written")
    async with ui.app.run_test(size=SMALL) as pilot:
        meeting = await _meeting_on_new_chain(ui, pilot)
        shown = " ".join(meeting.step_widget.text.split())
        # The waived answer reads plainly, with a muted word that it was waived...
        assert "failed to notice the alert blame wording waived in Checks" in shown, shown
        assert "⚠ “the on-call engineer failed" not in shown, shown
        # ...while the answer nobody waived keeps its warning.
        assert "⚠ “forgot”" in shown, shown
        await pilot.press("6")
        await wait_until(pilot, lambda: meeting.step == 5)
        wrap_up = " ".join(meeting.step_widget.text.split())
        assert "'failed to notice'" not in wrap_up, wrap_up
        assert "'forgot'" in wrap_up, wrap_up
        assert "1 waived in Checks." in wrap_up
    saved = ui.saved()
    assert [w.where for w in saved.waivers] == [waived_at]
    assert saved.why_chain(chain.id).answers == (BLAMING, STILL_BLAMING)


async def test_the_wrap_up_time_table_runs_with_the_header_clock(make_ui) -> None:
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        await pilot.press("6")
        await wait_until(pilot, lambda: meeting.step == 5)
        header = meeting.query_one("#step-timebox", Timebox)
        # Three seconds into the wrap-up, as the clock reads it.
        later = FIXED_NOW + timedelta(seconds=3)
        ui.service.clock = lambda: later
        await wait_until(pilot, lambda: format_clock(header.elapsed) == "0:03")
        table = [line for line in meeting.step_widget.text.splitlines() if "Wrap-up" in line]
        assert table == [f"{'Wrap-up':<16}0:03 of 5 min"], table
    assert ui.saved() == before


async def _open_section(pilot, key: str) -> SectionEditModal:  # type: ignore[no-untyped-def]
    await pilot.press(key)
    await wait_for_screen(pilot, SectionEditModal)
    modal = pilot.app.screen
    await wait_until(pilot, lambda: modal.query_one(TextArea).has_focus)
    return modal


def _heading_in_sight(modal: SectionEditModal, heading: str) -> bool:
    title = modal.query_one(".modal-title", Static)
    body = modal.query_one(".modal-body")
    return str(title.render()) == heading and body.content_region.contains_region(title.region)


async def test_meeting_summary_and_impact_dialogs_name_what_they_edit_at_80x24(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        await pilot.press("2")
        await wait_until(pilot, lambda: meeting.step == 1)
        modal = await _open_section(pilot, "e")
        assert _heading_in_sight(modal, "Summary")
        # The text box and the buttons are in sight too, and typing still goes on at the end.
        area = modal.query_one(TextArea)
        assert modal.query_one(".modal-body").content_region.contains_region(area.region)
        await pilot.press(*" Reviewed live.", "ctrl+s")
        await wait_for_screen(pilot, MeetingScreen)
        modal = await _open_section(pilot, "i")
        assert _heading_in_sight(modal, "Impact")
        await pilot.press("escape")
        await wait_for_screen(pilot, MeetingScreen)
    assert ui.saved().summary.endswith(" Reviewed live.")
