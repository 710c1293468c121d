"""Traps found by mock sessions 36a (a live review in meeting mode at 80x24) and 36b (drafting
alone in a team folder at 100x30), each pinned by pressing the keys the mock pressed."""

from __future__ import annotations

from textual.widgets import Input

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.discard import DiscardTypingModal
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import open_sample, screen_lines, wait_for_screen, wait_until

SMALL = (80, 24)


async def test_a_refused_check_date_is_read_whole_at_80_columns(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock 36a: at 80x24 the refusal of "12/05" showed only "'12/05' is not a date; use", the
    rest below the form's visible part under a column 16 wide; and it offered deadline forms
    ("+3d", "next friday") for a day in the past."""
    ui = make_ui()
    before = ui.saved().actions
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, "actions")
        await pilot.press("e")  # the sample's first item is done
        await wait_for_screen(pilot, ActionItemModal)
        form = pilot.app.screen
        form.query_one("#action-verified_how", Input).focus()
        await pilot.pause()
        await pilot.press(*"Drill paged", "tab", *"12/05", "ctrl+s")
        await wait_until(pilot, lambda: "last friday" in " ".join(screen_lines(pilot.app)))
        shown = " ".join(" ".join(screen_lines(pilot.app)).split())
        assert "'12/05' is not a date; use YYYY-MM-DD, yesterday, -3d, -2w or last friday" in shown
        assert "next friday" not in shown
        assert isinstance(pilot.app.screen, ActionItemModal)  # nothing saved, nothing lost
        assert form.query_one("#action-verified_on", Input).value == "12/05"
        await pilot.press("ctrl+a", *"yesterday", "ctrl+s")
        await wait_for_screen(pilot, WorkspaceScreen)
    after = ui.saved().actions
    assert after[0].verified_how == "Drill paged" and after[0].verified_on is not None
    assert after[1:] == before[1:]


async def test_escape_in_the_new_factor_box_asks_to_discard_the_factor(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock 36a: escape in "New contributing factor" asked "Discard this answer?"."""
    ui = make_ui()
    before = ui.saved().factors
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, "whys")
        await pilot.press("ctrl+p")
        await pilot.press(*"New contributing factor", "enter")
        await wait_for_screen(pilot, WhyTextModal)
        await pilot.press(*"Gateways did not scale", "escape")
        await wait_for_screen(pilot, DiscardTypingModal)
        shown = " ".join(screen_lines(pilot.app))
        assert "Discard this contributing factor?" in shown and "answer" not in shown
        await pilot.press("y")
        await wait_for_screen(pilot, WorkspaceScreen)
    assert ui.saved().factors == before


async def factor_choices(pilot) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    """The room on one line of the sample's first action item's "Addresses" drop-down, and
    the factors it offers, as labelled."""
    from textual.widgets import Select

    await open_sample(pilot, "actions")
    await pilot.press("e")
    await wait_for_screen(pilot, ActionItemModal)
    select = pilot.app.screen.query_one("#action-factor_id", Select)
    await wait_until(pilot, lambda: select.region.width > 0)
    room = select.region.width - 4  # the borders, the padding and the arrow
    return room, [str(prompt) for prompt, value in select._options if value != Select.NULL]


async def test_each_factor_takes_one_line_in_the_action_forms_drop_down_at_80_columns(
    make_ui,  # type: ignore[no-untyped-def]
) -> None:
    """Mock 37a: at 80x24 each factor's title and "(category)" wrapped onto two lines of the
    "Addresses the contributing factor" drop-down, the category reading as another option."""

    ui = make_ui()
    async with ui.app.run_test(size=SMALL) as pilot:
        room, labels = await factor_choices(pilot)
        assert len(labels) == len(ui.saved().factors) > 0
        assert all(len(label) <= room for label in labels), (room, labels)
        assert all(label.endswith(")") for label in labels)  # the category is still there


async def test_a_waived_blame_finding_shows_as_waived_on_the_ladder(make_ui) -> None:  # type: ignore[no-untyped-def]
    """Mock 38a: after the team waived "Nobody thought …" in Checks, the Five Whys ladder still
    warned about it as if nobody had decided."""
    from pmtui.ui.panes.whys import WhysPane
    from pmtui.ui.panes.whys_widgets import WhyStep

    ui = make_ui()
    pm = ui.service.get("pm-2025-03-19-api-tls")
    pm, chain = ui.service.add_why_chain(pm, "Nodes lost their routes")
    pm = ui.service.answer_why(pm, chain.id, "Nobody thought OS updates were deploys")
    pm = ui.service.answer_why(pm, chain.id, "The on-call engineer forgot the runbook step")
    where = f"whys[{chain.id}].answers[0]"
    ui.service.waive(pm, "blame-language", where, "It names the gap: no change control")
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, "whys")
        pane = pilot.app.screen.query_one(WhysPane)
        pane.select_chain(chain.id)
        await wait_until(pilot, lambda: len(pane.query(WhyStep)) == 3)
        waived, blaming = list(pane.query(WhyStep))[1:]
        assert waived.blame_hint == (
            "✓ “Nobody thought” waived: It names the gap: no change control"
        )
        assert not waived.has_class("-blame")
        assert blaming.blame_hint.startswith("⚠ ") and blaming.has_class("-blame")


async def test_a_waiver_on_a_factors_title_covers_its_chains_problem_on_the_ladder(make_ui) -> None:  # type: ignore[no-untyped-def]
    """A chain drilling into a factor starts from the factor's words, and their blame finding
    is the factor title's: waiving it there marks the ladder's problem step waived too."""
    from pmtui.ui.panes.whys import WhysPane
    from pmtui.ui.panes.whys_widgets import WhyStep

    ui = make_ui()
    pm = ui.service.get("pm-2025-03-19-api-tls")
    pm, chain = ui.service.add_why_chain(pm, "The on-call engineer forgot the runbook step")
    pm = ui.service.answer_why(pm, chain.id, "The runbook step is manual")
    (factor,) = [f for f in pm.factors if f.chain_id == chain.id]
    ui.service.waive(pm, "blame-language", f"factors[{factor.id}].title", "Quoted from the log")
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, "whys")
        pane = pilot.app.screen.query_one(WhysPane)
        pane.select_chain(chain.id)
        await wait_until(pilot, lambda: len(pane.query(WhyStep)) == 2)
        problem = pane.query(WhyStep).first()
        assert problem.blame_hint == "✓ “forgot” waived: Quoted from the log"
        assert not problem.has_class("-blame")
