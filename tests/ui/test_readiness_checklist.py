"""Pilot tests of the readiness checklist: publishing waits until nothing blocks, waivers are
given right there with a reason, and the saved status says what happened."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Select, TabbedContent, TextArea

from pmtui.model.enums import Status
from pmtui.ui.modals.readiness import ReadinessModal
from pmtui.ui.modals.waive import WaiveModal
from tests.ui.support import open_sample, screen_lines, wait_for_palette_hit

BLAME = " The on-call engineer should have noticed the warnings."


async def _with_blame_in_impact(pilot, ui) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.commit(lambda pm: ui.service.update(pm, impact=pm.impact + BLAME))
    await pilot.pause()


async def _choose_status(pilot, status: str) -> None:  # type: ignore[no-untyped-def]
    """Pick `status` in the Overview's status select, as a user would."""
    select = pilot.app.screen.query_one("#field-status", Select)
    select.focus()
    await pilot.press("enter")
    await pilot.pause()
    order = [s.value for s in Status]
    steps = order.index(status) - order.index(str(select.value))
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")
    await pilot.pause()


def _checklist_lines(modal: ReadinessModal) -> list[str]:
    options = modal.query_one("#readiness-list").options
    return [str(option.prompt) for option in options]


async def test_marking_published_with_a_blocking_finding_opens_the_checklist(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        await _with_blame_in_impact(pilot, ui)
        await _choose_status(pilot, "published")
        modal = pilot.app.screen
        assert isinstance(modal, ReadinessModal)
        lines = _checklist_lines(modal)
        assert lines[0].startswith("✗ The wording is blameless") and "blocking" in lines[0]
        assert "Impact" in lines[1] and "'should have'" in lines[1]
        assert lines[2].startswith("✓ Required sections are written")
        assert modal.query_one("#publish", Button).disabled
        assert "1 blocking finding left" in str(modal.query_one("#readiness-summary").render())
        await pilot.press("ctrl+s")  # refused: nothing happens while something blocks
        await pilot.pause()
        assert pilot.app.screen is modal
        await pilot.press("escape")
        await pilot.pause()
        assert str(pilot.app.screen.query_one("#field-status", Select).value) == "in-review"
        assert "in-review" in str(pilot.app.screen.query_one("#pm-title").render())
    saved = ui.saved()
    assert saved.status is Status.IN_REVIEW
    assert saved.waivers == ()


async def test_waiving_in_the_checklist_then_publishing_saves_both(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        await _with_blame_in_impact(pilot, ui)
        await _choose_status(pilot, "published")
        modal = pilot.app.screen
        assert isinstance(modal, ReadinessModal)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WaiveModal)
        await pilot.press(*"The customer's own words, quoted", "enter")
        await pilot.pause()
        assert pilot.app.screen is modal
        lines = _checklist_lines(modal)
        assert lines[0].startswith("✓ The wording is blameless") and "waived" in lines[0]
        assert "waived Impact" in lines[1]
        assert not modal.query_one("#publish", Button).disabled
        await pilot.click("#publish")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ReadinessModal)
        assert str(pilot.app.screen.query_one("#field-status", Select).value) == "published"
        assert "published" in str(pilot.app.screen.query_one("#pm-title").render())
    saved = ui.saved()
    assert saved.status is Status.PUBLISHED
    assert [(w.rule, w.where, w.reason) for w in saved.waivers] == [
        ("blame-language", "impact", "The customer's own words, quoted")
    ]


async def test_fixing_from_the_checklist_then_publishing_from_the_palette(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        await _with_blame_in_impact(pilot, ui)
        await _choose_status(pilot, "published")
        await pilot.press("enter")  # fix it: the checklist closes on the Impact field
        await pilot.pause()
        screen = pilot.app.screen
        assert not isinstance(screen, ReadinessModal)
        area = screen.query_one("#field-impact", TextArea)
        assert screen.query_one(TabbedContent).active == "overview"
        assert pilot.app.focused is area
        assert ui.saved().status is Status.IN_REVIEW
        area.load_text(area.text.replace(BLAME.strip(), "The warnings reached no one."))
        await pilot.press("f7")  # leaving the field saves it
        await pilot.pause()

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Publish post-mortem")
        await wait_for_palette_hit(pilot, "Publish post-mortem")
        await pilot.press("enter")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, ReadinessModal)
        assert all(line.startswith("✓") for line in _checklist_lines(modal))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ReadinessModal)
    saved = ui.saved()
    assert saved.status is Status.PUBLISHED
    assert saved.impact.endswith("The warnings reached no one.")
    assert saved.waivers == ()


@pytest.mark.parametrize("key", ["ctrl+s", "enter"])
async def test_a_ready_post_mortem_publishes_from_the_checks_tab(make_ui, key: str) -> None:
    """Enter too (mock 31b: the footer said "⏎ Fix it" with nothing to fix, and enter did
    nothing)."""
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="checks")
        await pilot.press("p")
        await pilot.pause()
        modal = pilot.app.screen
        assert isinstance(modal, ReadinessModal)
        assert "Nothing blocks" in str(modal.query_one("#readiness-summary").render())
        assert "Fix it" not in screen_lines(pilot.app)[-1]
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ReadinessModal)
        await pilot.press("p")  # already published: nothing to walk again
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ReadinessModal)
    assert ui.saved().status is Status.PUBLISHED


async def test_moving_back_to_draft_needs_no_checklist(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        await _with_blame_in_impact(pilot, ui)
        await _choose_status(pilot, "draft")
        assert not isinstance(pilot.app.screen, ReadinessModal)
    assert ui.saved().status is Status.DRAFT


async def test_a_sentence_typed_on_the_status_never_opens_the_checklist(
    make_ui, monkeypatch
) -> None:
    """The "p" of "please" picks published for a moment; the checklist waits for the run to end,
    and by then the next letters matched nothing and put the status back. A "p" alone,
    once the run is over, is a choice and opens it."""
    monkeypatch.setattr("pmtui.ui.widgets.type_select.TYPE_AHEAD_PAUSE", 0.3)
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        select = pilot.app.screen.query_one("#field-status", Select)
        select.focus()
        await pilot.press(*"please")
        await pilot.pause(0.5)
        assert not isinstance(pilot.app.screen, ReadinessModal)
        assert str(select.value) == "in-review"
        await pilot.press("p")
        await pilot.pause(0.5)
        assert isinstance(pilot.app.screen, ReadinessModal)
        await pilot.press("escape")
        await pilot.pause()
        assert str(pilot.app.screen.query_one("#field-status", Select).value) == "in-review"
    assert ui.saved().status is Status.IN_REVIEW


async def test_enter_on_no_finding_says_what_blocks(make_ui) -> None:
    from tests.ui.support import recorded_notifications, wait_until

    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        await _with_blame_in_impact(pilot, ui)
        await pilot.press("f7", "p")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReadinessModal))
        modal = pilot.app.screen
        told = recorded_notifications(modal)
        modal.query_one("#readiness-list").highlighted = None  # on no finding
        await pilot.press("enter")
        await wait_until(pilot, lambda: any("Nothing to fix on this line" in n for n in told))
        assert isinstance(pilot.app.screen, ReadinessModal)
    assert ui.saved().status is not Status.PUBLISHED
