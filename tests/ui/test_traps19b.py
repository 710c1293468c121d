"""Pilot tests of the traps first-time facilitators found in the action item form and its
neighbours (mock meetings 18a-18c): the form behaves the same however it was reached, and
keeps what is typed.

1. ctrl+a pressed on "Discard …?" (to retype what was there) went back to the form as "keep
   editing" and selected nothing, so the retyped text was appended to the old. It now also
   selects all in the box, in every form that asks the question.
2. The form opened from a Checks finding says which field the finding is about, and marks
   that field; opened by `e` it focuses the title as before.
3. An owner suggested from an earlier action item ("Tom Okafor (SRE)") is taken whole.
4. An edited Five Whys answer opens showing its first character.

Every test checks the screen and what reached the file, at the 80x24 of the shared screen.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input, ListView, Static, TextArea

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.discard import DiscardTypingModal
from pmtui.ui.modals.form_modal import FormModal
from pmtui.ui.modals.section_edit import SectionEditModal
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.panes.whys import WhysPane
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import (
    SAMPLE_ID,
    UI,
    open_sample,
    screen_lines,
    wait_for_screen,
    wait_until,
)
from tests.ui.test_findings_pane import _change, _settled
from tests.ui.test_key_order import burst, typed

SMALL = (80, 24)
#: The action item the tests edit, and the why chain.
ACTION = "act-edge-probe"
CHAIN = "why-renewal"


async def _edit_action(pilot) -> ActionItemModal:  # type: ignore[no-untyped-def]
    """The Actions pane's `e` on ACTION: its form, the title focused."""
    await open_sample(pilot, tab="actions")
    pane = pilot.app.screen.query_one(ActionsPane)
    pane.select(ACTION)
    pane.table.focus()
    await pilot.press("e")
    await wait_for_screen(pilot, ActionItemModal)
    form = pilot.app.screen
    await wait_until(pilot, lambda: pilot.app.focused is form.query_one("#action-text"))
    return form


async def _edit_answer(pilot, step: int = 1) -> WhyTextModal:  # type: ignore[no-untyped-def]
    """The Five Whys ladder's `e` on answer `step` of the first chain."""
    await open_sample(pilot, tab="whys")
    ladder = pilot.app.screen.query_one(WhysPane).query_one("#whys-ladder", ListView)
    ladder.focus()
    ladder.index = step
    await pilot.pause()
    await pilot.press("e")
    await wait_for_screen(pilot, WhyTextModal)
    form = pilot.app.screen
    await wait_until(pilot, lambda: pilot.app.focused is form.query_one("#why-text"))
    return form


async def _edit_summary(pilot) -> SectionEditModal:  # type: ignore[no-untyped-def]
    """Meeting mode, step 2: `e` edits the summary."""
    await open_sample(pilot, tab="timeline")
    await pilot.press("m")
    await wait_for_screen(pilot, MeetingScreen)
    await pilot.press("2")
    await wait_until(pilot, lambda: pilot.app.screen.step == 1)
    await pilot.press("e")
    await wait_for_screen(pilot, SectionEditModal)
    return pilot.app.screen


# 1. ctrl+a on the discard question -------------------------------------------------------


async def _ctrl_a_on_the_question(pilot, form: FormModal[object]) -> None:  # type: ignore[no-untyped-def]
    """Escape with typing in `form`; on the question, ctrl+a, the facilitator's way to
    retype the box; the question goes and the form is back in front."""
    await pilot.press("escape")
    await wait_for_screen(pilot, DiscardTypingModal)
    await pilot.press("ctrl+a")
    await wait_until(pilot, lambda: pilot.app.screen is form)


async def test_ctrl_a_on_the_discard_question_selects_the_action_title_to_retype(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        form = await _edit_action(pilot)
        text = form.query_one("#action-text", Input)
        await pilot.press(*"Probe the edge", "escape")
        await wait_for_screen(pilot, DiscardTypingModal)
        await pilot.press("ctrl+a")
        await wait_until(pilot, lambda: pilot.app.screen is form)
        assert pilot.app.focused is text
        assert text.selected_text == "Probe the edge"
        await pilot.press(*"Page on an expiring edge certificate")
        assert text.value == "Page on an expiring edge certificate"
        assert any(
            line.startswith("Page on an expiring edge certificate")
            for line in screen_lines(pilot.app)
        )
        assert not any("Probe the edge" in line for line in screen_lines(pilot.app))
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert ui.saved().action(ACTION).text == "Page on an expiring edge certificate"


async def test_ctrl_a_on_the_discard_question_selects_a_five_whys_answer_to_retype(
    make_ui: Callable[..., UI],
) -> None:
    # The question is FormModal's: every form takes ctrl+a from it as the action form does.
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        form = await _edit_answer(pilot)
        box = form.query_one("#why-text", Input)
        await pilot.press("end", *" unnoticed")
        await _ctrl_a_on_the_question(pilot, form)
        assert box.selected_text == box.value
        await pilot.press(*"Renewal failures paged nobody", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        assert any("Renewal failures paged nobody" in line for line in screen_lines(pilot.app))
    assert ui.saved().why_chain(CHAIN).answers[0] == "Renewal failures paged nobody"


async def test_ctrl_a_on_the_discard_question_selects_a_whole_section_to_retype(
    make_ui: Callable[..., UI],
) -> None:
    # A multi-line box too: the meeting's summary.
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        section = await _edit_summary(pilot)
        area = section.query_one(TextArea)
        await pilot.press(*" More.")
        await _ctrl_a_on_the_question(pilot, section)
        assert area.selected_text == area.text
        await pilot.press(*"Rewritten summary.", "ctrl+s")
        await wait_for_screen(pilot, MeetingScreen)
        assert "Rewritten summary." in pilot.app.screen.step_widget.text
    assert ui.saved().summary == "Rewritten summary."


# 2. The form opened from a Checks finding ----------------------------------------------------


async def _missing_owner_from_checks(pilot, ui: UI) -> ActionItemModal:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="checks")
    await _change(pilot, ui, lambda pm: ui.service.edit_action(pm, ACTION, owner="TBD"))
    pane = await _settled(pilot)
    pane.focus_default()
    pane.select("missing-owner", f"action_items[{ACTION}].owner")
    await pilot.press("enter")
    await wait_for_screen(pilot, ActionItemModal)
    form = pilot.app.screen
    await wait_until(pilot, lambda: pilot.app.focused is form.query_one("#action-owner"))
    return form


async def test_the_form_opened_from_a_finding_says_which_field_it_is_about(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        form = await _missing_owner_from_checks(pilot, ui)
        lines = screen_lines(pilot.app)
        # The finding, in the form: what it said and the field it is about.
        shown = " ".join(lines)
        assert "From Checks: 'Probe the certificate" in shown
        assert "has no owner ('TBD' names nobody)" in shown
        assert any(line.startswith("Owner ◀ Checks") for line in lines), lines
        owner_field = form.query_one("#ff-owner")
        assert owner_field.has_class("-pointed-out")
        assert "◀ Checks" in str(owner_field.query_one(".field-label", Static).render())
        # The title's field is not marked.
        assert not form.query_one("#ff-text").has_class("-pointed-out")
        await pilot.press(*"Lena Hoffmann", "ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert ui.saved().action(ACTION).owner == "Lena Hoffmann"


async def test_the_form_opened_by_e_focuses_the_title_and_names_no_finding(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    before = ui.saved().action(ACTION)
    async with ui.app.run_test(size=SMALL) as pilot:
        form = await _edit_action(pilot)
        assert not any("Checks" in line for line in screen_lines(pilot.app))
        assert not form.query(".-pointed-out")
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert ui.saved().action(ACTION) == before


# 3. Owner suggestions: an earlier owner is taken whole ------------------------------------


@pytest.mark.parametrize("accept", ["tab", "right"])
async def test_a_known_owner_with_a_role_is_taken_whole(
    make_ui: Callable[..., UI], accept: str
) -> None:
    ui = make_ui()
    ui.service.edit_action(ui.service.get(SAMPLE_ID), ACTION, owner="Tom Okafor (SRE)")
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="actions")
        pilot.app.screen.query_one(ActionsPane).table.focus()
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        form = pilot.app.screen
        owner = form.query_one("#action-owner", Input)
        burst(pilot, *typed("Rotate the edge certificate"), "tab", *typed("Tom"))
        await wait_until(pilot, lambda: owner.value == "Tom")
        hint = str(form.query_one("#ff-owner .field-hint", Static).render())
        assert "“Tom Okafor (SRE)”" in hint
        burst(pilot, accept)
        await wait_until(pilot, lambda: owner.value != "Tom")
        assert owner.value == "Tom Okafor (SRE)"
        assert any("Tom Okafor (SRE)" in line for line in screen_lines(pilot.app))
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    added = ui.saved().actions[-1]
    assert (added.text, added.owner) == ("Rotate the edge certificate", "Tom Okafor (SRE)")


# 4. A Five Whys answer opens on its first character -----------------------------------------

#: The answer box's width at 80x24: a text this long fills it, the cursor's cell left over.
BOX_WIDTH = 60


def _answer_of(length: int) -> str:
    """An answer `length` characters long, ending in a full stop."""
    words = "Renewal failures were logged at warning level and paged nobody " * 3
    return words[: length - 1] + "."


def _set_first_answer(ui: UI, answer: str) -> None:
    pm = ui.service.get(SAMPLE_ID)
    answers = (answer, *pm.why_chain(CHAIN).answers[1:])
    ui.service.edit_why(pm, CHAIN, answers=answers)


@pytest.mark.parametrize("length", [BOX_WIDTH, BOX_WIDTH + 30])
async def test_an_edited_answer_too_long_for_its_box_opens_on_its_first_character(
    make_ui: Callable[..., UI], length: int
) -> None:
    ui = make_ui()
    answer = _answer_of(length)
    _set_first_answer(ui, answer)
    async with ui.app.run_test(size=SMALL) as pilot:
        form = await _edit_answer(pilot)
        box = form.query_one("#why-text", Input)
        await pilot.pause()
        assert box.content_region.width == BOX_WIDTH
        assert box.scroll_offset.x == 0
        assert any(answer[: BOX_WIDTH - 2] in line for line in screen_lines(pilot.app))
        # Still all selected: typing replaces it; → keeps it, the cursor at its end.
        assert box.selected_text == answer
        await pilot.press("right", *" again")
        assert box.value == answer + " again"
        await pilot.press("enter")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert ui.saved().why_chain(CHAIN).answers[0] == answer + " again"


async def test_an_edited_answer_that_fits_opens_with_the_cursor_at_its_end(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    answer = _answer_of(BOX_WIDTH - 1)
    _set_first_answer(ui, answer)
    async with ui.app.run_test(size=SMALL) as pilot:
        form = await _edit_answer(pilot)
        box = form.query_one("#why-text", Input)
        await pilot.pause()
        assert box.scroll_offset.x == 0 and box.cursor_position == len(answer)
        assert any(answer in line for line in screen_lines(pilot.app))
        await pilot.press(*"Renewals paged nobody", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert ui.saved().why_chain(CHAIN).answers[0] == "Renewals paged nobody"


async def test_a_long_action_opened_by_e_shows_its_first_words(make_ui: Callable[..., UI]) -> None:
    """As an edited why answer: `e` on a 167-character action showed its end."""
    ui = make_ui()
    text = ui.saved().action(ACTION).text
    async with ui.app.run_test(size=SMALL) as pilot:
        form = await _edit_action(pilot)
        box = form.query_one("#action-text", Input)
        await wait_until(pilot, lambda: box.has_focus and box.selected_text == text)
        await pilot.pause()
        assert box.scroll_offset.x == 0
        assert any(text[:40] in line for line in screen_lines(pilot.app))
        await pilot.press("right", *" weekly", "ctrl+s")  # → keeps it: the cursor at its end
        await wait_for_screen(pilot, WorkspaceScreen)
    assert ui.saved().action(ACTION).text == text + " weekly"
