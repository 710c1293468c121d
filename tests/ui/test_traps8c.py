"""Pilot tests of what new users met in mock meetings (issue 12, part 8c): an edit form that
appended to the answer it was opened to reword, Overview fields out of reach of the palette,
and due dates without their year. Each presses the keys a user would and checks the screen
and what reached the file."""

from __future__ import annotations

from datetime import date

from textual.command import Command, CommandList
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, ListView

from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.panes.whys import WhysPane
from pmtui.ui.panes.whys_widgets import WhyStep
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import (
    SAMPLE_ID,
    open_sample,
    wait_for_palette_hit,
    wait_for_screen,
    wait_until,
)

SMALL = (80, 24)

BLAMING = "the on-call engineer failed to notice the alert"
REWORDED = "The topology alert fired into a channel nobody watched at night"


def _step_text(meeting: MeetingScreen) -> str:
    """The step's text with its wrapping undone."""
    return " ".join(meeting.step_widget.text.split())


def _drawn_lines(widget: Widget) -> list[str]:
    """The lines `widget` draws on the screen, as wrapped there."""
    width, height = widget.size
    return [strip.text for strip in widget.render_lines(Region(0, 0, width, height))]


async def _edit_form(pilot) -> Input:  # type: ignore[no-untyped-def]
    await wait_for_screen(pilot, WhyTextModal)
    box = pilot.app.screen.query_one("#why-text", Input)
    await wait_until(pilot, lambda: box.has_focus)
    return box


async def test_e_on_a_why_answer_in_the_meeting_selects_it_so_typing_replaces_it(
    make_ui,
) -> None:
    ui = make_ui()
    service = ui.service
    pm, chain = service.add_why_chain(service.get(SAMPLE_ID), "Writes were split across coasts")
    service.answer_why(pm, chain.id, BLAMING)
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        await pilot.press("4")
        await wait_until(pilot, lambda: meeting.step == 3)
        for _ in range(len(ui.saved().whys)):  # the new chain is the last one
            await pilot.press("down")
        await wait_until(pilot, lambda: meeting.current_chain().id == chain.id)
        await pilot.press("e")
        box = await _edit_form(pilot)
        # The whole answer is selected: what the room sees is what the next key replaces.
        assert box.selected_text == BLAMING
        await pilot.press(*REWORDED, "enter")
        await wait_for_screen(pilot, MeetingScreen)
        assert ui.saved().why_chain(chain.id).answers == (REWORDED,)
        # → keeps the words and goes on after them.
        await pilot.press("e")
        box = await _edit_form(pilot)
        await pilot.press("right", *" after midnight", "enter")
        await wait_for_screen(pilot, MeetingScreen)
        assert ui.saved().why_chain(chain.id).answers == (REWORDED + " after midnight",)
        await wait_until(pilot, lambda: "night after midnight" in _step_text(meeting))
        assert "notice the alert" not in _step_text(meeting)


async def test_m_in_the_meeting_opens_what_made_sense_selected(make_ui) -> None:
    ui = make_ui()
    factor = ui.saved().factors[0]
    async with ui.app.run_test(size=SMALL) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        await pilot.press("4")
        await wait_until(pilot, lambda: meeting.step == 3)
        await wait_until(pilot, lambda: meeting.current_factor().id == factor.id)
        await pilot.press("m")
        box = await _edit_form(pilot)
        assert box.selected_text == factor.made_sense
        await pilot.press(*"The warning looked like the channel's usual noise", "enter")
        await wait_for_screen(pilot, MeetingScreen)
    assert ui.saved().factors[0].made_sense == "The warning looked like the channel's usual noise"


async def test_e_on_a_why_in_the_five_whys_pane_selects_it_and_end_keeps_it(make_ui) -> None:
    ui = make_ui()
    before = ui.saved().why_chain("why-renewal").answers[0]
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = pilot.app.screen.query_one(WhysPane)
        ladder = pane.query_one("#whys-ladder", ListView)
        ladder.focus()
        ladder.index = 1
        await pilot.press("e")
        box = await _edit_form(pilot)
        assert box.selected_text == before
        await pilot.press(*"Failed ACME orders raised no alert", "enter")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, WhyTextModal))
        steps = list(ladder.query(WhyStep))
        await wait_until(pilot, lambda: steps[1].text == "Failed ACME orders raised no alert")
        assert ui.saved().why_chain("why-renewal").answers[0] == (
            "Failed ACME orders raised no alert"
        )
        await pilot.press("e")
        box = await _edit_form(pilot)
        await pilot.press("end", *" for a week", "enter")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, WhyTextModal))
    assert ui.saved().why_chain("why-renewal").answers[0] == (
        "Failed ACME orders raised no alert for a week"
    )


async def test_an_empty_why_form_and_a_refused_answer_select_nothing(make_ui) -> None:
    """A new answer has nothing to select; after a refusal the typed text stays as typed."""
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="whys")
        pane = pilot.app.screen.query_one(WhysPane)
        ladder = pane.query_one("#whys-ladder", ListView)
        ladder.focus()
        await pilot.press("n")
        box = await _edit_form(pilot)
        assert box.value == "" and box.selected_text == ""
        await pilot.press(*"Certificates expired", "enter")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, WhyTextModal))
    assert ui.saved().whys[-1].problem == "Certificates expired"


OLD_DUE = date(2019, 1, 29)


async def test_meeting_dates_of_another_year_carry_their_year_at_80x24(make_ui) -> None:
    ui = make_ui()
    service = ui.service
    pm, old = service.add_action(
        service.get(SAMPLE_ID),
        text="Page on replication lag",
        owner="Sam Okafor",
        due=OLD_DUE.isoformat(),
    )
    _, this_year = service.add_action(
        pm, text="Add a certificate expiry probe", owner="Lena Hoffmann", due="2025-04-02"
    )
    async with ui.app.run_test(size=SMALL, notifications=True) as pilot:
        await open_sample(pilot, tab="timeline")
        await pilot.press("m")
        await wait_for_screen(pilot, MeetingScreen)
        meeting = pilot.app.screen
        await pilot.press("5")
        await wait_until(pilot, lambda: meeting.step == 4)
        shown = meeting.step_widget.text
        # The old deadline names its year; this year's stays short, as the room reads it.
        assert "due Tue 29 Jan 2019 (" in shown, shown
        assert "due Wed 02 Apr (in 13 days)" in shown, shown
        # At 80 columns the longer deadline still reads whole on one line of the screen.
        drawn = _drawn_lines(meeting.step_widget)
        assert any("Sam Okafor  due Tue 29 Jan 2019 (" in line for line in drawn), drawn
        await pilot.press("6")
        await wait_until(pilot, lambda: meeting.step == 5)
        assert "due Tue 29 Jan 2019 (" in meeting.step_widget.text
        # An event captured on a day of another year is named with that year.
        await pilot.press("3")
        await wait_until(pilot, lambda: meeting.step == 2)
        await pilot.press("slash", *"2019-01-29 08:41 note Old pager test", "enter")
        await wait_until(pilot, lambda: any(e.text == "Old pager test" for e in ui.saved().events))
        said = [n.message for n in pilot.app._notifications]
        assert any("on Tue 29 Jan 2019 at 08:41" in message for message in said), said
    saved = ui.saved()
    assert saved.action(old.id).due == OLD_DUE
    assert saved.action(this_year.id).due == date(2025, 4, 2)


def _in_view(widget: Widget, scroll: Widget) -> bool:
    """Whether all of `widget` (a field with its label) lies inside `scroll`'s window."""
    window = scroll.content_region
    return window.y <= widget.region.y and widget.region.bottom <= window.bottom


def _palette_hits(pilot) -> list[Command]:  # type: ignore[no-untyped-def]
    hits = pilot.app.screen.query_one(CommandList)
    return [
        option
        for index in range(hits.option_count)
        if isinstance(option := hits.get_option_at_index(index), Command)
    ]


def _palette_titles(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(command.hit.text) for command in _palette_hits(pilot)]


def _palette_helps(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(command.hit.help) for command in _palette_hits(pilot)]


async def _palette_run(pilot, typed: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p", *typed)
    await wait_for_palette_hit(pilot, typed)
    await pilot.press("enter")
    await wait_for_screen(pilot, WorkspaceScreen)


async def test_palette_edit_owner_reaches_the_header_of_a_new_postmortem(make_ui) -> None:
    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        await pilot.press(*"Checkout returned 500s", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        workspace = pilot.app.screen
        summary = workspace.query_one("#field-summary")
        await wait_until(pilot, lambda: summary.has_focus)
        scroll = workspace.query_one("#overview-scroll")
        owner_field = workspace.query_one("#ff-owner")
        # The Header scrolled out of view, as after writing a long summary (a new post-mortem
        # now opens with the Header above Summary in view where it fits).
        scroll.scroll_end(animate=False)
        await wait_until(pilot, lambda: not _in_view(owner_field, scroll))
        # ctrl+p "owner" offers the field, told apart from sorting the action items by owner.
        await pilot.press("ctrl+p", *"owner")
        await wait_until(pilot, lambda: _palette_titles(pilot)[:1] == ["Edit owner / facilitator"])
        assert any("on the Overview" in help for help in _palette_helps(pilot))
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
        await _palette_run(pilot, "Edit owner")
        owner = workspace.query_one("#field-owner", Input)
        await wait_until(pilot, lambda: owner.has_focus and _in_view(owner_field, scroll))
        await pilot.press(*"Sam Okafor", "tab")
        await wait_until(pilot, lambda: ui.saved(ui.saved_ids()[0]).owner == "Sam Okafor")


async def test_palette_edit_severity_shows_the_overview_from_another_tab(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="timeline")
        workspace = pilot.app.screen
        await _palette_run(pilot, "Edit severity")
        await wait_until(pilot, lambda: workspace.query_one("#tabs").active == "overview")
        severity = workspace.query_one("#field-severity")
        scroll = workspace.query_one("#overview-scroll")
        await wait_until(pilot, lambda: severity.has_focus)
        await wait_until(pilot, lambda: _in_view(workspace.query_one("#ff-severity"), scroll))
        # A section is shown under its heading.
        await _palette_run(pilot, "Edit lessons learned")
        lessons = workspace.query_one("#field-lessons")
        await wait_until(pilot, lambda: lessons.has_focus)
        heading = workspace.query_one("#heading-lessons")
        await wait_until(pilot, lambda: _in_view(heading, scroll))
        await pilot.press(*"Renewals need an owner.")
        await wait_until(pilot, lambda: "Renewals need an owner." in ui.saved().lessons)
