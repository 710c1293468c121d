"""Pilot tests of the workspace shell and the Overview pane: typing is saved to the file."""

from __future__ import annotations

from textual.widgets import Input, Select, TextArea

from pmtui.model.enums import Severity, Status
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets.hint_line import BlameHintLine
from tests.ui.support import SAMPLE_ID, open_sample, wait_until


async def test_opening_keeps_severity_and_status_as_saved(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        await pilot.pause(0.2)
        assert pilot.app.screen.query_one("#field-severity", Select).value == "SEV2"
    saved = ui.saved()
    assert saved.severity is Severity.SEV2
    assert saved.status is Status.IN_REVIEW


async def test_opening_fills_the_overview_once(make_ui, monkeypatch) -> None:
    # The pane is filled when mounted; binding it to the screen a moment later hands it the
    # same post-mortem, which must not restyle every field a second time.
    shown: list[str] = []
    show_matches = BlameHintLine.show_matches

    def counted(hint: BlameHintLine, matches: list) -> None:  # type: ignore[type-arg]
        shown.append(hint.where)
        show_matches(hint, matches)

    monkeypatch.setattr(BlameHintLine, "show_matches", counted)
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        hints = pilot.app.screen.query(BlameHintLine)
        assert sorted(shown) == sorted(hint.where for hint in hints)
        # A saved change still reaches the form.
        pilot.app.screen.commit(lambda pm: ui.service.update(pm, owner="Dana Kim"))
        await pilot.pause()
        assert pilot.app.screen.query_one("#field-owner", Input).value == "Dana Kim"
        assert len(shown) == 2 * len(hints)


async def test_typing_a_summary_is_saved_after_the_debounce(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        area = pilot.app.screen.query_one("#field-summary", TextArea)
        area.focus()
        area.load_text("")
        await pilot.press(*"Edge cert expired.")
        assert "Unsaved" in str(pilot.app.screen.query_one("#save-state").render())
        state = pilot.app.screen.query_one("#save-state")
        await wait_until(pilot, lambda: "Saved" in str(state.render()))
    assert ui.saved().summary == "Edge cert expired."


async def test_tabbing_into_a_written_section_adds_to_its_end(make_ui) -> None:
    ui = make_ui()
    before = ui.saved().summary
    assert before
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        screen = pilot.app.screen
        area = screen.query_one("#field-summary", TextArea)
        area.focus()
        await pilot.press(*" Added.")
        # Back later, after putting the cursor at the start: it stays where it was left.
        await pilot.press("ctrl+home", "shift+tab")
        await wait_until(pilot, lambda: not area.has_focus)
        area.focus()
        await pilot.press(*"Note: ")
        await pilot.press("ctrl+q")
    assert ui.saved().summary == "Note: " + before + " Added."


async def test_quitting_saves_typing_still_waiting_for_the_debounce(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        area = pilot.app.screen.query_one("#field-lucky", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.press(*" Lucky!")
        await pilot.press("ctrl+q")
    assert ui.saved().lucky.endswith("Lucky!")


async def test_invalid_timezone_shows_inline_error_and_keeps_text(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        screen = pilot.app.screen
        field = screen.query_one("#field-timezone", Input)
        field.focus()
        field.value = ""
        await pilot.press(*"Mars/Olympus", "enter")
        await pilot.pause()
        error = screen.query_one("#ff-timezone .field-error")
        assert "not a known timezone" in str(error.render())
        assert field.value == "Mars/Olympus"
    assert ui.saved().timezone == "Europe/Berlin"


async def test_choosing_a_severity_saves_it(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        select = pilot.app.screen.query_one("#field-severity", Select)
        select.focus()
        await pilot.press("enter")
        await pilot.press("up", "enter")
        await pilot.pause()
    assert ui.saved().severity is Severity.SEV1


async def test_ctrl_l_returns_home(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, WorkspaceScreen)
        assert SAMPLE_ID in ui.saved_ids()


async def test_enter_saves_a_field_and_moves_to_the_next(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        owner = pilot.app.screen.query_one("#field-owner", Input)
        owner.focus()
        owner.value = ""
        await pilot.press(*"Dana Kim", "enter")
        await pilot.pause()
        assert pilot.app.focused is pilot.app.screen.query_one("#field-incident_date", Input)
    assert ui.saved().owner == "Dana Kim"


async def test_function_keys_switch_tabs_even_while_typing(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        owner = pilot.app.screen.query_one("#field-owner", Input)
        owner.focus()
        await pilot.pause()  # focus lands first, as it would for a person typing there
        assert pilot.app.focused is owner
        await pilot.press("f3")
        await pilot.pause()
        assert pilot.app.screen.query_one("#tabs").active == "timeline"
        assert owner.value == "Priya Raman"


async def test_related_incidents_are_typed_one_a_line_and_saved(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        area = pilot.app.screen.query_one("#field-related_incidents", TextArea)
        assert area.text.startswith("INC-2024-11-02 Expired certificate")
        area.focus()
        area.load_text("")
        await pilot.press(*"INC-7 DB failover https://wiki.example/7")
        state = pilot.app.screen.query_one("#save-state")
        await wait_until(pilot, lambda: "Saved" in str(state.render()))
        trigger = pilot.app.screen.query_one("#field-trigger", TextArea)
        assert "CHG-2291" in trigger.text
    saved = ui.saved()
    assert [(r.title, r.url) for r in saved.related] == [
        ("INC-7 DB failover", "https://wiki.example/7")
    ]
