"""Pilot tests of panes asking the workspace instead of driving each other: a pane posts what
it wants (pmtui.ui.messages) and the workspace screen shows it in the pane concerned."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TypeVar

from textual.message import Message
from textual.widgets import ListView, Select, TabbedContent, TextArea

from pmtui.model.enums import Status
from pmtui.model.postmortem import Waiver
from pmtui.ui.messages import PublishRequested, ShowPlace, TemplateChosen
from pmtui.ui.modals.readiness import ReadinessModal
from pmtui.ui.panes.document import DocumentPreview
from pmtui.ui.panes.findings import FindingsPane
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.panes.whys import WhysPane
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import SAMPLE_ID, pane_of, wait_until

M = TypeVar("M", bound=Message)

BLAME = " The on-call engineer should have noticed the warnings."


async def _open_sample(pilot, tab_key: str = "") -> None:  # type: ignore[no-untyped-def]
    """Open the sample with enter on the home screen, then press `tab_key`. By keys, not by
    calling the screen: widgets started from the test's own task would be out of reach of
    run_test's message_hook."""
    await pilot.pause()
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
    # The panes not shown are composed a few refreshes after the first paint; on a busy
    # machine a test querying the Checks pane at once found none.
    await wait_until(pilot, lambda: pilot.app.screen.panes_ready)
    if tab_key:
        await pilot.press(tab_key)
        await pilot.pause()


async def _checks_after(pilot, change) -> FindingsPane:  # type: ignore[no-untyped-def]
    """Save `change` through the screen, then wait for the guides to read the result."""
    screen = pilot.app.screen
    screen.commit(change)
    pane = await pane_of(pilot, "checks")
    await wait_until(pilot, lambda: pane.up_to_date and pane.checked is screen.pm)
    return pane


def _posted(messages: list[Message], kind: type[M]) -> list[M]:
    """Each message of `kind`, once: the hook sees a message again at every widget it
    bubbles through on its way up to the screen."""
    unique = {id(message): message for message in messages if isinstance(message, kind)}
    return list(unique.values())


def _places(messages: list[Message]) -> list[str]:
    return [message.where for message in _posted(messages, ShowPlace)]


async def test_enter_on_a_timeline_finding_selects_and_focuses_the_event(make_ui) -> None:
    ui = make_ui()
    messages: list[Message] = []
    async with ui.app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await _open_sample(pilot, "f7")
        checks = await _checks_after(
            pilot, lambda pm: ui.service.edit_event(pm, "ev-ack", text="Sam forgot the page")
        )
        checks.focus_default()
        checks.select("blame-language", "timeline[ev-ack].text")
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        timeline = screen.query_one(TimelinePane)
        assert screen.query_one(TabbedContent).active == "timeline"
        assert timeline.table.cursor_event is not None
        assert timeline.table.cursor_event.id == "ev-ack"
        assert pilot.app.focused is timeline.table
        assert _places(messages) == ["timeline[ev-ack].text"]


async def test_enter_on_a_why_chain_finding_selects_the_chain(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await _open_sample(pilot, "f7")
        checks = await _checks_after(
            pilot,
            lambda pm: ui.service.edit_why(
                pm, "why-expiry-check", problem="Sam forgot to renew the certificate."
            ),
        )
        checks.focus_default()
        checks.select("blame-language", "whys[why-expiry-check].problem")
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        whys = screen.query_one(WhysPane)
        assert screen.query_one(TabbedContent).active == "whys"
        chain = whys.selected_chain()
        assert chain is not None and chain.id == "why-expiry-check"
        # The chain ends at its root cause: its ladder, not the answer box, has the focus.
        assert pilot.app.focused is whys.query_one("#whys-ladder", ListView)


async def test_marking_published_in_overview_opens_the_checklist_and_fixing_goes_there(
    make_ui,
) -> None:
    ui = make_ui()
    messages: list[Message] = []
    async with ui.app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        await _open_sample(pilot)
        await _checks_after(pilot, lambda pm: ui.service.update(pm, impact=pm.impact + BLAME))
        select = pilot.app.screen.query_one("#field-status", Select)
        select.focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")  # in review -> published
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReadinessModal))
        assert [m.status for m in _posted(messages, PublishRequested)] == ["published"]

        await pilot.press("enter")  # the blocking finding: close the checklist on it
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.query_one(TabbedContent).active == "overview"
        assert pilot.app.focused is screen.query_one("#field-impact", TextArea)
        assert _places(messages) == ["impact"]
        # Not published, and the select is back on the status that is saved.
        assert str(screen.query_one("#field-status", Select).value) == "in-review"
    assert ui.saved().status is Status.IN_REVIEW


async def test_a_template_chosen_in_document_is_the_one_beside_the_other_panes(make_ui) -> None:
    ui = make_ui()
    messages: list[Message] = []
    async with ui.app.run_test(size=(200, 60), message_hook=messages.append) as pilot:
        await _open_sample(pilot, "f6")
        await pilot.press("c")
        await pilot.press("f2")  # Timeline: the side preview shows again
        await pilot.pause()
        side = pilot.app.screen.query_one("#side-preview", DocumentPreview)
        assert side.display
        assert side.template == "customer"
        assert [m.template for m in _posted(messages, TemplateChosen)] == ["customer"]


async def test_enter_on_a_waiver_with_an_odd_place_from_the_file_keeps_pmtui_running(
    make_ui,
) -> None:
    # A waiver's place is any text in an imported or merged file; it names no field here.
    ui = make_ui()
    pm = ui.service.get(SAMPLE_ID)
    odd = Waiver("blame-language", "x y]", "Imported", "Eve", date(2025, 3, 20))
    ui.service.store.save(replace(pm, waivers=(odd,)), pm)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await _open_sample(pilot, "f7")
        checks = pilot.app.screen.query_one(FindingsPane)
        await wait_until(pilot, lambda: checks.up_to_date)
        checks.focus_default()
        checks.select("blame-language", "x y]")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.is_running
        assert pilot.app.screen.query_one(TabbedContent).active == "overview"
    assert ui.saved().waivers == (odd,)
