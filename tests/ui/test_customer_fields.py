"""Pilot tests of the customer version's fields: the author writes the customer title and
impact window in the Overview pane (the defaults shown), an action's customer line in the
action form, and the Document pane and checklist say when there is no customer version."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Input, TextArea

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.readiness import ReadinessModal
from pmtui.ui.panes import overview
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.panes.document import DocumentPane, DocumentPreview
from pmtui.ui.panes.findings import FindingsPane
from tests.ui.support import open_sample, pane_of, wait_until
from tests.ui.test_document_pane import preview_text, wait_for_render


def _hint(screen, name: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(f"#ff-{name} .field-hint").render())


async def _retype(pilot, field: Input, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replace what `field` holds with `text` from the keyboard, then press enter."""
    field.focus()
    await pilot.press("home", "ctrl+k", *text, "enter")  # ctrl+k: delete to the end
    await pilot.pause()


async def test_customer_title_and_window_are_typed_with_the_defaults_shown(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        screen = pilot.app.screen
        title = screen.query_one("#field-customer_title", Input)
        start = screen.query_one("#field-customer_impact_start", Input)
        end = screen.query_one("#field-customer_impact_end", Input)
        assert title.value == "Connection errors on the public API and dashboard"
        assert (start.value, end.value) == ("2025-03-19 08:41:12", "2025-03-19 09:52:40")
        # Emptied, a field falls back to its default, which is shown where it is typed.
        await _retype(pilot, start, "")
        await _retype(pilot, title, "")
        assert start.placeholder == "2025-03-19 08:41:12"
        assert _hint(screen, "customer_impact_start") == "default: 2025-03-19 08:41:12 (start)"
        assert _hint(screen, "customer_title") == "default: Incident report: 2025-03-19"
        assert title.placeholder == "Incident report: 2025-03-19"
        await _retype(pilot, end, "09:58")  # a clock time: on the incident's day, local
        await wait_until(pilot, lambda: ui.saved().customer_impact_end.minute == 58)
    saved = ui.saved()
    assert saved.customer_title == "" and saved.customer_impact_start is None
    assert saved.customer_impact_end == datetime(2025, 3, 19, 8, 58, tzinfo=UTC)


async def test_a_window_end_before_its_start_is_refused_inline(make_ui, monkeypatch) -> None:
    # Only enter saves here: on a busy machine the debounce could fire between ctrl+k and the
    # first typed key and save the emptied field, which falls back to its default.
    monkeypatch.setattr(overview, "DEBOUNCE_SECONDS", 60.0)
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        screen = pilot.app.screen
        end = screen.query_one("#field-customer_impact_end", Input)
        await _retype(pilot, end, "08:00")
        error = str(screen.query_one("#ff-customer_impact_end .field-error").render())
        assert "ends before it starts" in error
        assert end.value == "08:00"  # what was typed stays
        await _retype(pilot, end, "yesterday-ish")
        error = str(screen.query_one("#ff-customer_impact_end .field-error").render())
        assert "is not a time" in error
    assert ui.saved().customer_impact_end == datetime(2025, 3, 19, 8, 52, 40, tzinfo=UTC)


async def test_an_actions_customer_line_is_written_in_the_form(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="actions")
        pane = pilot.app.screen.query_one(ActionsPane)
        pane.select("act-breakglass")
        await pilot.pause()
        pane.table.focus()
        await pilot.press("enter")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, ActionItemModal)
        line = form.query_one("#action-customer_text", Input)
        assert line.value == ""  # opt-in: this one is not in the customer version
        line.focus()
        await pilot.press(*"We rehearse emergency certificate renewal.", "enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ActionItemModal)
        pilot.app.screen.action_show_tab("document")
        await pilot.pause()
        preview = pilot.app.screen.query_one("#document-preview", DocumentPreview)
        renders = preview.renders
        pilot.app.screen.query_one(DocumentPane).focus_default()
        await pilot.press("c")
        await wait_for_render(pilot, preview, renders)
        assert "We rehearse emergency certificate renewal." in preview_text(preview)
        assert "break-glass" not in preview_text(preview)  # the internal text stays out
    action = ui.saved().action("act-breakglass")
    assert action.customer_text == "We rehearse emergency certificate renewal."


async def test_without_a_customer_message_the_document_pane_and_checklist_say_so(
    make_ui,
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        message = pilot.app.screen.query_one("#field-customer_message", TextArea)
        message.focus()
        message.select_all()
        await pilot.press("backspace")
        await wait_until(pilot, lambda: ui.saved().customer_message == "")
        pilot.app.screen.action_show_tab("document")
        await pilot.pause()
        preview = pilot.app.screen.query_one("#document-preview", DocumentPreview)
        renders = preview.renders
        pilot.app.screen.query_one(DocumentPane).focus_default()
        await pilot.press("c")
        await wait_for_render(pilot, preview, renders)
        shown = preview_text(preview)
        assert "No customer version yet" in shown and "customer-facing message" in shown
        assert "Summary" not in shown and "certificate" not in shown.lower()
        await pilot.press("y")  # copy: refused, the clipboard stays empty
        await pilot.pause()
        said = [note.message for note in pilot.app._notifications]
        assert any(text.startswith("No customer version yet") for text in said), said
        assert ui.clipboard.copied == []
        findings = await pane_of(pilot, "checks")  # p there, or Publish in the palette
        assert isinstance(findings, FindingsPane)
        findings.publish("published", lambda _published: None)
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, ReadinessModal)
        options = modal.query_one("#readiness-list").options
        lines = [str(option.prompt) for option in options]
        [item] = [i for i, line in enumerate(lines) if "has its own message" in line]
        assert lines[item].startswith("! The customer version has its own message")
        assert "warning" in lines[item]
        assert "Customer-facing message" in lines[item + 1]
