"""Pilot tests of contributing factors in the Five Whys pane: describing a factor (category,
events picked from the timeline, how it made sense at the time), the blameless hint on its
words, answering the first why of a factor without a chain, the phase prompts, and delete."""

from __future__ import annotations

from textual.widgets import Input, ListView, SelectionList

from pmtui.model.enums import CauseCategory
from pmtui.ui.modals.factor_form import FactorModal
from pmtui.ui.panes.whys import WhysPane
from pmtui.ui.panes.whys_widgets import AnswerInput, FactorItem
from tests.ui.support import open_sample, wait_for_screen, wait_until

MADE_SENSE = "Renewals had never failed; the warnings looked like the usual noise"


def _pane(pilot) -> WhysPane:  # type: ignore[no-untyped-def]
    return pilot.app.screen.query_one(WhysPane)


def _text(widget) -> str:  # type: ignore[no-untyped-def]
    return str(widget.render())


async def _open_factor_form(pilot) -> FactorModal:  # type: ignore[no-untyped-def]
    _pane(pilot).query_one("#whys-ladder", ListView).focus()
    await pilot.press("f")
    await wait_for_screen(pilot, FactorModal)
    modal = pilot.app.screen
    assert isinstance(modal, FactorModal)
    return modal


async def test_a_factor_is_described_with_events_picked_from_the_timeline(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = _pane(pilot)
        # The sample's first factor, read from its why chain; its events are linked already.
        assert pane.selected_factor().id == "why-renewal"  # type: ignore[union-attr]
        modal = await _open_factor_form(pilot)
        made_sense = modal.query_one("#factor-made_sense", Input)
        made_sense.value = ""
        made_sense.focus()
        await pilot.press(*"It had always worked")
        events = modal.query_one("#factor-events", SelectionList)
        events.focus()
        await pilot.press("home", "space")  # the first event was linked: unlinked
        await pilot.press("end", "space")  # the last one was not: linked
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, FactorModal))
        saved = ui.saved().factor("why-renewal")
        assert saved.made_sense == "It had always worked"
        timeline = [event.id for event in ui.saved().events]
        assert timeline[0] not in saved.event_ids and timeline[-1] in saved.event_ids
        assert "Made sense: It had always worked" in _text(pane.query_one("#whys-factor"))


async def test_blame_in_a_factor_is_pointed_out_while_typed_and_after(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        modal = await _open_factor_form(pilot)
        box = modal.query_one("#factor-made_sense", Input)
        box.value = ""
        box.focus()
        await pilot.press(*"The on-call engineer failed to notice the warning")
        await pilot.pause()
        hint = modal.query_one("#factor-blame")
        assert hint.display and "failed to notice" in _text(hint)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, FactorModal))
        shown = _pane(pilot).query_one("#whys-factor")
        assert shown.has_class("-blame") and "failed to notice" in _text(shown)
        # Nothing is refused: the words are saved and the guide points at them.
        assert ui.saved().factor("why-renewal").made_sense.startswith("The on-call engineer")


async def test_a_factor_without_a_chain_takes_its_first_why_from_the_answer_box(make_ui) -> None:
    ui = make_ui()
    pm = ui.service.get("pm-2025-03-19-api-tls")
    pm, factor = ui.service.add_factor(pm, title="Expiry warnings paged nobody")
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = _pane(pilot)
        pane.select_factor(factor.id)
        await pilot.pause()
        assert pane.query_one("#whys-empty").display
        question = _text(pane.query_one("#whys-question"))
        assert "Expiry warnings paged nobody" in question
        prompts = pane.query_one("#whys-prompts")
        assert prompts.display and "how did we find out?" in _text(prompts)
        placeholder = pane.query_one("#whys-answer", Input).placeholder
        assert placeholder == "Because … (prompts: detection · diagnosis · repair)"
        pane.focus_default()
        await wait_until(pilot, lambda: isinstance(pilot.app.focused, AnswerInput))
        await pilot.press(*"Warnings go to a low-severity channel", "enter")
        await wait_until(pilot, lambda: pane.selected_chain() is not None)
        saved = ui.saved()
        chain = saved.why_chain(saved.factor(factor.id).chain_id)
        assert chain.problem == "Expiry warnings paged nobody"
        assert chain.answers == ("Warnings go to a low-severity channel",)
        # The next question offers the same prompts: they are the facilitator's, not what
        # the next answer must be about.
        assert "what slowed the fix?" in _text(pane.query_one("#whys-prompts"))
        await pilot.press("ctrl+z")  # one undo takes the chain and its answer back
        await wait_until(pilot, lambda: pane.selected_chain() is None)
        assert ui.saved().factor(factor.id).chain_id == ""


async def test_delete_takes_the_factor_and_its_chain_and_undo_brings_them_back(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = _pane(pilot)
        pane.query_one("#whys-chains", ListView).focus()  # d on the ladder deletes a why
        await pilot.press("d")
        await wait_until(pilot, lambda: len(pane.query(FactorItem)) == 1)
        saved = ui.saved()
        assert [f.id for f in saved.factors] == ["why-expiry-check"]
        assert [c.id for c in saved.whys] == ["why-expiry-check"]
        assert all(a.factor_id != "why-renewal" for a in saved.actions)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: len(pane.query(FactorItem)) == 2)
        assert ui.saved().action("act-renewal-alert").factor_id == "why-renewal"


async def test_the_category_is_chosen_in_the_factor_form(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="whys")
        modal = await _open_factor_form(pilot)
        modal.query_one("#factor-category").value = "communication"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, FactorModal))
        assert ui.saved().factor("why-renewal").category is CauseCategory.COMMUNICATION


async def test_a_done_action_is_verified_in_its_form(make_ui) -> None:
    from pmtui.ui.modals.action_form import ActionItemModal, open_action_form

    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="actions")
        open_action_form(pilot.app.screen, action_id="act-renewal-alert")
        await wait_for_screen(pilot, ActionItemModal)
        box = pilot.app.screen.query_one("#action-verified_how", Input)
        box.focus()
        await pilot.press(*"A failed renewal in staging paged on-call", "enter")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActionItemModal))
        action = ui.saved().action("act-renewal-alert")
        assert action.verified_how == "A failed renewal in staging paged on-call"
        assert action.verified_on is not None  # today, when no date was typed


async def test_a_finding_about_a_factor_leads_to_it(make_ui) -> None:
    from textual.widgets import TabbedContent

    from pmtui.ui.place_labels import place_label

    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="overview")
        screen = pilot.app.screen
        where = "factors[why-expiry-check].made_sense"
        assert place_label(screen.pm, where).startswith("Factor “The expired certificate")
        # The Five Whys pane is built by this jump (never shown before).
        screen.show_place(where)
        await wait_until(pilot, lambda: screen.query_one(TabbedContent).active == "whys")
        pane = _pane(pilot)
        await wait_until(pilot, lambda: pane.selected_factor() is not None)
        assert pane.selected_factor().id == "why-expiry-check"  # type: ignore[union-attr]


async def test_the_phase_prompts_stay_whole_under_a_long_why_at_80_columns(make_ui) -> None:
    """Mock 36a: at 80x24 a why question that wrapped to two lines pushed the prompts out of
    the pane, and the first one's own line was cut after "diagnosis"."""
    ui = make_ui()
    pm = ui.service.get("pm-2025-03-19-api-tls")
    long_title = (
        "The engineer could not fail back because the tooling had no way to reconcile the "
        "writes that had landed on both coasts"
    )
    pm, factor = ui.service.add_factor(pm, title=long_title)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = _pane(pilot)
        pane.select_factor(factor.id)
        await pilot.pause()
        prompts = pane.query_one("#whys-prompts")
        await wait_until(pilot, lambda: prompts.size.width > 0)
        shown = _text(prompts)
        assert shown.startswith("Also ask: how did we find out?")
        assert shown.endswith("what slowed the fix?")
        assert prompts.size.width >= len(shown)  # nothing cut off
        region = prompts.region
        assert region.height == 1 and pane.region.contains_region(region)  # on screen
        question = pane.query_one("#whys-question")
        assert question.region.height == 1 and question.region.bottom <= region.y
