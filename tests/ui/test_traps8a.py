"""Pilot tests of four traps two new users met on the Overview in mock meetings (issue 12,
part 8a): a type-ahead run on a drop-down saved at every key, ctrl+z after a refused run
undid a change out of sight, the footer named another undo than ctrl+z made, and tab into a
filled box appended to its text. Each presses the keys a user would and checks the screen
and the file."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input, Select, Static, TextArea

from tests.ui.support import open_sample, recorded_notifications, wait_until

SIZE = (120, 35)


def screen_lines(app: App) -> list[str]:  # type: ignore[type-arg]
    """The screen as drawn, one string per row."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def _shown(select: Select) -> str:  # type: ignore[type-arg]
    return str(select.value)


def _run_over(overview, select) -> bool:  # type: ignore[no-untyped-def]
    """The drop-down's type-ahead run has ended and the pane has settled it."""
    return select.seconds_until_run_ends() == 0 and not getattr(overview, "_runs", {})


async def _sample_on_sev1(pilot):  # type: ignore[no-untyped-def]
    """The sample (SEV2) set to SEV1 as a saved change, the Overview's Severity focused."""
    await open_sample(pilot, tab="overview")
    workspace = pilot.app.screen
    service = workspace.service
    workspace.commit(lambda pm: service.update(pm, severity="SEV1"))
    severity = workspace.query_one("#field-severity", Select)
    await wait_until(pilot, lambda: _shown(severity) == "SEV1")
    severity.focus()
    await pilot.pause()
    return workspace, severity


# 1. A type-ahead run saves once, when it ends ------------------------------------------------


async def test_a_run_that_ends_on_no_choice_saves_nothing_and_adds_no_undo(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        workspace, severity = await _sample_on_sev1(pilot)
        overview = workspace.query_one("#overview-pane")
        history_before = workspace.history.labels()
        await pilot.press(*"2018")  # "2" shows SEV2; "20" matches nothing: back to SEV1
        await wait_until(pilot, lambda: _run_over(overview, severity))
        assert _shown(severity) == "SEV1"
        assert workspace.history.labels() == history_before  # no save, no undo entry
        # ctrl+z once set SEV2, a step of the run nobody chose; now it keeps SEV1.
        assert "Undo typing on Severity" in screen_lines(pilot.app)[-1]
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: "Undo edit severity" in screen_lines(pilot.app)[-1])
        assert _shown(severity) == "SEV1" and workspace.history.labels() == history_before
    assert ui.saved().severity.value == "SEV1"


async def test_a_digit_then_a_pause_saves_that_severity_once(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        workspace, severity = await _sample_on_sev1(pilot)
        await pilot.press("3")
        assert _shown(severity) == "SEV3"
        # Shown at once, saved only once the run is over.
        assert workspace.pm.severity.value == "SEV1"
        await wait_until(pilot, lambda: workspace.pm.severity.value == "SEV3")
        undo, _ = workspace.history.labels()
        assert undo[:2] == ["edit severity", "edit severity"] and len(undo) == 2
        assert ui.saved().severity.value == "SEV3"
        await pilot.press("ctrl+z")  # back to the SEV1 the user had, not to a step of a run
        await wait_until(pilot, lambda: workspace.pm.severity.value == "SEV1")
        assert _shown(severity) == "SEV1"
    assert ui.saved().severity.value == "SEV1"


async def test_leaving_the_drop_down_ends_the_run_and_saves_it(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        workspace, severity = await _sample_on_sev1(pilot)
        await pilot.press("4", "tab")
        await wait_until(pilot, lambda: ui.saved().severity.value == "SEV4")
        assert _shown(severity) == "SEV4"
        assert len(workspace.history.labels()[0]) == 2


# 2. ctrl+z after a refused run says nothing was kept, then undoes as usual -----------------


async def test_the_first_undo_after_a_refused_run_changes_nothing_and_says_so(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        service = workspace.service
        workspace.commit(lambda pm: service.update(pm, trigger="Cert renewal job disabled"))
        severity = workspace.query_one("#field-severity", Select)
        severity.focus()
        told = recorded_notifications(workspace)
        await pilot.press(*"Priya")  # a name typed on the wrong field: no severity
        await wait_until(pilot, lambda: "Undo typing on Severity" in screen_lines(pilot.app)[-1])
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: bool(told))
        assert told == ["Nothing typed on Severity was kept · ctrl+z again undoes: edit trigger"]
        assert severity.has_focus and _shown(severity) == "SEV2"  # stayed, jumped nowhere
        assert workspace.pm.trigger == "Cert renewal job disabled"
        assert ui.saved().trigger == "Cert renewal job disabled"
        await wait_until(pilot, lambda: "Undo edit trigger" in screen_lines(pilot.app)[-1])
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: workspace.pm.trigger != "Cert renewal job disabled")
        assert told[-1].startswith("Undid: trigger → “Cert renewal job disabled” (back to “")
    assert ui.saved().trigger != "Cert renewal job disabled"
    assert ui.saved().severity.value == "SEV2"


async def test_a_save_after_the_refused_run_is_what_ctrl_z_undoes(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        severity = workspace.query_one("#field-severity", Select)
        severity.focus()
        await pilot.press(*"Priya")
        hint = workspace.query_one("#ff-severity .field-hint", Static)
        await wait_until(pilot, lambda: "is not a choice" in str(hint.render()))
        service = workspace.service
        workspace.commit(lambda pm: service.update(pm, trigger="Cert renewal job disabled"))
        await pilot.press("ctrl+z")  # the save came after the run: it is undone at once
        await wait_until(pilot, lambda: workspace.pm.trigger != "Cert renewal job disabled")
    assert ui.saved().trigger != "Cert renewal job disabled"


# 3. The footer names what ctrl+z does -------------------------------------------------------


async def test_the_footer_names_refused_typing_that_ctrl_z_takes_back_first(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        service = workspace.service
        workspace.commit(lambda pm: service.update(pm, summary="Clients saw TLS errors."))
        await wait_until(pilot, lambda: "Undo edit summary" in screen_lines(pilot.app)[-1])
        date = workspace.query_one("#field-incident_date", Input)
        date.focus()
        await pilot.press("ctrl+a", *"2025-13-45")  # no 13th month: refused, kept in its box
        await wait_until(pilot, lambda: workspace.query_one("#ff-incident_date").holds_refused)
        await wait_until(
            pilot, lambda: "Undo typing in Incident date" in screen_lines(pilot.app)[-1]
        )
        told = recorded_notifications(workspace)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: bool(told))
        assert told == ["Undid: typing in Incident date"]
        assert date.value == "2025-03-19"
        await wait_until(pilot, lambda: "Undo edit summary" in screen_lines(pilot.app)[-1])
    assert ui.saved().summary == "Clients saw TLS errors."
    assert str(ui.saved().incident_date) == "2025-03-19"


# 4. Tab into a filled box of the Overview selects its text -------------------------------


async def test_shift_tab_and_tab_into_a_filled_box_select_it_so_typing_replaces(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        owner = workspace.query_one("#field-owner", Input)
        date = workspace.query_one("#field-incident_date", Input)
        workspace.query_one("#field-timezone", Input).focus()
        await pilot.pause()
        await pilot.press("shift+tab")
        await wait_until(pilot, lambda: date.has_focus)
        assert date.selected_text == "2025-03-19"  # shown selected: the next key replaces it
        await pilot.press(*"2025-03-18")
        assert date.value == "2025-03-18"  # was "2025-03-192025-03-18"
        await pilot.press("shift+tab", "end", *" (lead)")  # end keeps the text
        await wait_until(pilot, lambda: owner.value == "Priya Raman (lead)")
        await pilot.press("tab")
        await wait_until(pilot, lambda: date.has_focus and date.selected_text == "2025-03-18")
        await wait_until(pilot, lambda: ui.saved().owner == "Priya Raman (lead)")
        assert any("Priya Raman (lead)" in line for line in screen_lines(pilot.app))
    saved = ui.saved()
    assert (str(saved.incident_date), saved.owner) == ("2025-03-18", "Priya Raman (lead)")


async def test_tab_into_a_section_selects_nothing_of_its_text(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        summary = workspace.query_one("#field-summary", TextArea)
        before = summary.text
        assert before
        workspace.query_one("#field-services", Input).focus()
        await pilot.pause()
        await pilot.press("tab")
        await wait_until(pilot, lambda: summary.has_focus)
        assert summary.selected_text == ""
        await pilot.press(*" More.")
        await wait_until(pilot, lambda: ui.saved().summary != before)
    assert ui.saved().summary.startswith(before.rstrip()[:20])


async def test_enter_moves_on_into_the_next_box_with_its_text_selected(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=SIZE) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        date = workspace.query_one("#field-incident_date", Input)
        workspace.query_one("#field-owner", Input).focus()
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: date.has_focus)
        assert date.selected_text == "2025-03-19"
        await pilot.press(*"2025-03-18", "enter")
        await wait_until(pilot, lambda: str(ui.saved().incident_date) == "2025-03-18")
