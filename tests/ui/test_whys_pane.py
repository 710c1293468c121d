"""Pilot tests of the Five Whys pane: each keystroke's effect on the screen and in the file."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, ListView, OptionList

from pmtui.model.enums import CauseCategory
from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.why_forms import CauseCategoryModal, WhyTextModal
from pmtui.ui.panes.whys import WhysPane
from pmtui.ui.panes.whys_widgets import AnswerInput, FactorItem, WhyStep
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import open_sample, recorded_notifications, wait_for_screen, wait_until

PROBLEM = "Checkout returned 500s for 40 minutes"


def _pane(pilot) -> WhysPane:  # type: ignore[no-untyped-def]
    return pilot.app.screen.query_one(WhysPane)


def _steps(pilot) -> list[WhyStep]:  # type: ignore[no-untyped-def]
    return list(_pane(pilot).query_one("#whys-ladder", ListView).query(WhyStep))


def _text(widget) -> str:  # type: ignore[no-untyped-def]
    return str(widget.render())


async def _new_chain(pilot, problem: str = PROBLEM) -> None:  # type: ignore[no-untyped-def]
    """Press n on the ladder, type the problem, enter: the answer box has the focus after."""
    _pane(pilot).query_one("#whys-ladder", ListView).focus()
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, WhyTextModal)
    await pilot.press(*problem, "enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.focused, AnswerInput))


async def _answer(pilot, *answers: str) -> None:  # type: ignore[no-untyped-def]
    for answer in answers:
        await pilot.press(*answer, "enter")
        await pilot.pause()


async def test_chain_answered_three_times_then_marked_root_cause(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        await _new_chain(pilot)
        pane = _pane(pilot)
        assert isinstance(pilot.app.focused, AnswerInput)
        question = pane.query_one("#whys-question")
        assert PROBLEM in _text(question)

        await _answer(pilot, "The payment pool ran out", "Its size was fixed at 10")
        assert "Its size was fixed at 10" in _text(question)
        assert "Why #3?" in _text(question)
        await _answer(pilot, "Pool sizes are not load tested")
        # The answer box kept the focus through all three answers, and is empty again.
        assert isinstance(pilot.app.focused, AnswerInput)
        assert pilot.app.focused.value == ""
        assert [step.text for step in _steps(pilot)] == [
            PROBLEM,
            "The payment pool ran out",
            "Its size was fixed at 10",
            "Pool sizes are not load tested",
        ]

        await pilot.press("up")  # to the ladder, where letters are commands
        await pilot.press("r")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, CauseCategoryModal)
        options = modal.query_one(OptionList)
        options.highlighted = options.get_option_index("testing")
        await pilot.press("enter")
        await pilot.pause()
        assert "Root cause found" in _text(pane.query_one("#whys-question"))
        assert "✓ Root cause · testing" in _text(_steps(pilot)[-1].query_one(".step-note"))
        item = pane.query(FactorItem).last()
        assert "testing · 3 whys" in _text(item.query_one(".chain-meta"))

    chain = ui.saved().whys[-1]
    assert chain.problem == PROBLEM
    assert chain.answers == (
        "The payment pool ran out",
        "Its size was fixed at 10",
        "Pool sizes are not load tested",
    )
    assert chain.root_cause is True
    assert chain.category is CauseCategory.TESTING


async def test_answer_that_stops_at_a_person_gets_a_hint_and_is_still_saved(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        await _new_chain(pilot)
        await _answer(pilot, "The engineer forgot to scale the pool")
        steps = _steps(pilot)
        assert steps[-1].has_class("-blame")
        hint = steps[-1].query_one(".step-hint")
        assert hint.display
        assert "Forgetting is normal" in _text(hint)
        # The problem step is blameless: no hint there.
        assert not steps[0].query_one(".step-hint").display
    assert ui.saved().whys[-1].answers == ("The engineer forgot to scale the pool",)


async def test_branch_from_an_answer_starts_a_chain_with_that_problem(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = _pane(pilot)
        source = pane.selected_chain()
        assert source is not None and source.id == "why-renewal"
        ladder = pane.query_one("#whys-ladder", ListView)
        ladder.focus()
        ladder.index = 2  # the answer to why 2
        await pilot.pause()
        # b asks for the new chain's first answer; nothing is made until enter, so esc (or a
        # word typed on the ladder, "because", whose b opened it) leaves nothing behind.
        await pilot.press("b")
        await wait_for_screen(pilot, WhyTextModal)
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
        assert len(ui.saved().whys) == 2
        await pilot.press("b", *"Renewal ran in a job nobody owned", "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.focused, AnswerInput))
        branch = pane.selected_chain()
        assert branch is not None and branch.id != source.id
        assert branch.problem == source.answers[1]
        assert branch.answers == ("Renewal ran in a job nobody owned",)
        assert "branched from factor 1, why 2" in _text(_steps(pilot)[0].query_one(".step-note"))
        assert len(pane.query(FactorItem)) == 3

    saved = ui.saved().whys
    assert len(saved) == 3
    assert saved[-1].problem == source.answers[1]
    assert saved[-1].answers == ("Renewal ran in a job nobody owned",)
    assert saved[-1].branched_from == "why-renewal:1"


async def test_add_action_for_this_cause_links_the_chain(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = _pane(pilot)
        factors = pane.query_one("#whys-chains", ListView)
        factors.focus()  # the user moves the selection in the list they are in
        factors.index = 1
        await pilot.pause()
        assert pane.selected_chain().id == "why-expiry-check"  # type: ignore[union-attr]
        pane.query_one("#whys-ladder", ListView).focus()
        await pilot.press("a")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ActionItemModal)
        assert form.values()["factor_id"] == "why-expiry-check"
        await pilot.press(*"Add an external expiry probe for every edge hostname", "tab")
        await pilot.press(*"Lena Hoffmann", "tab")
        await pilot.press(*"+2w", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen.query_one(WhysPane), WhysPane)
        assert not isinstance(pilot.app.screen, ActionItemModal)

    added = ui.saved().actions[-1]
    assert added.text == "Add an external expiry probe for every edge hostname"
    assert added.factor_id == "why-expiry-check"
    assert added.owner == "Lena Hoffmann"
    assert added.due is not None and added.due.isoformat() == "2025-04-03"


async def test_delete_chain_and_undo_brings_it_back_with_its_actions(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = _pane(pilot)
        pane.query_one("#whys-chains", ListView).focus()
        await pilot.press("d")
        await pilot.pause()
        assert [item.factor.id for item in pane.query(FactorItem)] == ["why-expiry-check"]
        deleted = ui.saved()
        assert [c.id for c in deleted.whys] == ["why-expiry-check"]
        assert not any(a.factor_id == "why-renewal" for a in deleted.actions)

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert sorted(item.factor.id for item in pane.query(FactorItem)) == [
            "why-expiry-check",
            "why-renewal",
        ]

    restored = ui.saved()
    chain = restored.why_chain("why-renewal")
    assert chain.root_cause and len(chain.answers) == 5
    linked = {a.id for a in restored.actions if a.factor_id == "why-renewal"}
    assert linked == {"act-renewal-alert", "act-alert-routing", "act-rotation-check"}


async def test_d_on_a_why_of_the_ladder_deletes_that_why_and_undo_brings_it_back(
    make_ui,
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = _pane(pilot)
        before = ui.saved().why_chain("why-renewal").answers
        told = recorded_notifications(pilot.app.screen)
        ladder = pane.query_one("#whys-ladder", ListView)
        ladder.focus()
        ladder.index = 2
        await pilot.pause()
        await pilot.press("d")
        await wait_until(pilot, lambda: len(_steps(pilot)) == len(before))
        assert [step.text for step in _steps(pilot)[1:]] == [*before[:1], *before[2:]]
        assert len(list(pane.query(FactorItem))) == 2  # the factor stays
        assert len(told) == 1
        assert told[0].startswith(f"Deleted why 2 '{before[1][:40]}")
        assert told[0].endswith("…'. Press ctrl+z to undo.")
        saved = ui.saved().why_chain("why-renewal")
        assert saved.answers == (*before[:1], *before[2:])
        assert saved.root_cause  # the root cause was the last answer, which stays

        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: len(_steps(pilot)) == len(before) + 1)
    assert ui.saved().why_chain("why-renewal").answers == before


async def test_deleting_the_root_cause_why_reopens_the_chain_and_says_so(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = _pane(pilot)
        told = recorded_notifications(pane)
        ladder = pane.query_one("#whys-ladder", ListView)
        ladder.focus()
        ladder.index = 5
        await pilot.pause()
        await pilot.press("d")
        await wait_until(pilot, lambda: len(_steps(pilot)) == 5)
        assert told == ["The chain is open again: its root cause was the deleted answer."]
        assert "Root cause" not in " ".join(step.text for step in _steps(pilot))
    chain = ui.saved().why_chain("why-renewal")
    assert (len(chain.answers), chain.root_cause) == (4, False)


async def test_d_on_the_problem_of_the_ladder_deletes_the_factor(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = _pane(pilot)
        ladder = pane.query_one("#whys-ladder", ListView)
        ladder.focus()
        ladder.index = 0
        await pilot.pause()
        await pilot.press("d")
        await wait_until(pilot, lambda: len(list(pane.query(FactorItem))) == 1)
    assert [c.id for c in ui.saved().whys] == ["why-expiry-check"]


async def test_answering_a_concluded_chain_is_refused_politely(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = _pane(pilot)
        box = pane.query_one("#whys-answer", Input)
        box.focus()
        await pilot.press(*"One more why", "enter")
        await pilot.pause()
        error = pane.query_one("#ff-whys-answer .field-error")
        assert error.display
        assert "already ends at its root cause (monitoring)" in _text(error)
        assert "reopen" in _text(error)
        assert box.value == "One more why"  # what was typed stays
        # Reopening the chain lets the same text through.
        pane.query_one("#whys-ladder", ListView).focus()
        await pilot.press("o")
        await pilot.pause()
        assert pilot.app.focused is box
        await pilot.press("enter")
        await pilot.pause()
        assert not error.display

    chain = ui.saved().why_chain("why-renewal")
    assert chain.answers[-1] == "One more why"
    assert chain.root_cause is False


async def test_edit_an_answer_through_the_dialog(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = _pane(pilot)
        ladder = pane.query_one("#whys-ladder", ListView)
        ladder.focus()
        ladder.index = 1
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, WhyTextModal)
        field = modal.query_one("#why-text", Input)
        field.value = ""
        await pilot.press("enter")  # empty is refused inline
        await pilot.pause()
        assert "an answer is required" in _text(modal.query_one(".field-error"))
        await pilot.press(*"Failed ACME orders raised no alert", "enter")
        await pilot.pause()
        assert _steps(pilot)[1].text == "Failed ACME orders raised no alert"
    assert ui.saved().why_chain("why-renewal").answers[0] == "Failed ACME orders raised no alert"


async def test_palette_has_the_whys_commands(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="overview")
        await pilot.app.screen.compose_all_panes()  # as ctrl+p does before it lists
        titles = {command.title for command in pilot.app.screen.palette_commands()}
        for title in (
            "Add why",
            "New contributing factor",
            "Edit contributing factor",
            "Branch why chain from answer",
            "Add action for this factor",
            "Delete contributing factor",
        ):
            assert title in titles
        # The selected chain is concluded: it can be reopened, not marked again.
        assert "Reopen why chain" in titles and "Mark root cause" not in titles
        # Chosen from another tab, a command brings the Five Whys forward first.
        add_why = next(c for c in pilot.app.screen.palette_commands() if c.title == "Add why")
        add_why.callback()
        # The chain is concluded: its answer form offers a deeper why in a new chain.
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WhyTextModal))
        assert pilot.app.screen_stack[-2].query_one("#tabs").active == "whys"
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, WhyTextModal))


async def test_first_chain_from_an_empty_post_mortem(make_ui) -> None:
    ui = make_ui(with_sample=False)
    pm = ui.service.create("Queue backlog", timezone="Europe/Berlin")
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        pilot.app.screen.open_postmortem(pm.id)
        await pilot.pause()
        pilot.app.screen.action_show_tab("whys")
        await pilot.pause()
        pane = _pane(pilot)
        assert pane.query_one("#whys-empty").display
        assert isinstance(pilot.app.focused, AnswerInput)
        await _answer(pilot, "Orders queued for 2 hours", "The consumer crashed on one message")
        assert [step.text for step in _steps(pilot)] == [
            "Orders queued for 2 hours",
            "The consumer crashed on one message",
        ]
    chain = ui.saved(pm.id).whys[0]
    assert chain.problem == "Orders queued for 2 hours"
    assert chain.answers == ("The consumer crashed on one message",)


async def test_small_terminal_stacks_list_above_ladder(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="whys")
        await pilot.pause(0.2)
        pane = _pane(pilot)
        assert pane.has_class("-stacked")
        screen_region = pilot.app.screen.region
        for selector in ("#whys-chains", "#whys-ladder", "#whys-question"):
            widget = pane.query_one(selector)
            assert widget.region.height > 0, selector
            assert screen_region.contains_region(widget.region), selector
        # The sample's chain is concluded: no answer box that looks like a place to type.
        answer = pane.query_one("#ff-whys-answer")
        assert not answer.display
        workspace = pilot.app.screen
        workspace.commit(lambda pm: ui.service.reopen_why_chain(pm, pane.selected_chain().id))
        await wait_until(pilot, lambda: answer.display and answer.region.height > 0)
        assert screen_region.contains_region(answer.region)
        chains = pane.query_one("#whys-chains")
        ladder = pane.query_one("#whys-ladder")
        assert chains.region.bottom <= ladder.region.y
        assert ladder.region.height >= 5


async def _burst(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    """Deliver `keys` all at once, as a fast typist or a paste does."""
    for key in keys:
        pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))


async def _until(pilot, condition, seconds: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    await wait_until(pilot, condition, timeout=seconds)
    return True


async def test_fast_typing_keeps_answers_apart(make_ui) -> None:
    """Keys that arrive together (a fast typist, a paste) land where they were meant to:
    each enter saves what came before it, and ↑ r marks the root cause instead of typing r."""
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        await _new_chain(pilot)
        await _burst(pilot, *"Pool ran out", "enter", *"Size was fixed", "enter")
        assert await _until(pilot, lambda: len(_steps(pilot)) == 3)
        assert [step.text for step in _steps(pilot)][1:] == ["Pool ran out", "Size was fixed"]
        await _burst(pilot, "up", "r")
        assert await _until(pilot, lambda: isinstance(pilot.app.screen, CauseCategoryModal))
        await pilot.press("escape")
        await pilot.pause()
        assert _pane(pilot).query_one("#whys-answer", Input).value == ""
    assert ui.saved().whys[-1].answers == ("Pool ran out", "Size was fixed")


async def test_read_only_workspace_changes_nothing(make_ui) -> None:
    ui = make_ui(read_only_reason="Another pmtui has this file open; changes are not saved.")
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = _pane(pilot)
        ladder = pane.query_one("#whys-ladder", ListView)
        ladder.focus()
        await pilot.pause()
        assert pane.check_action("delete", ()) is None  # greyed out in the footer
        assert pane.check_action("delete_why", ()) is None
        pane.action_delete_chain()  # as from the palette: refused with a notice
        await pilot.press("d")
        pane.action_delete_why()
        await pilot.pause()
        assert len(pane.query(FactorItem)) == 2
    assert len(ui.saved().whys) == 2
    assert len(ui.saved().why_chain("why-renewal").answers) == 5
