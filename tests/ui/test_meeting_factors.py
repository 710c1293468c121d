"""Pilot tests of meeting mode's Five Whys step with contributing factors: the factor the
current chain drills into, the phase prompts, "how did it make sense at the time?" written
down with m, and the blameless hint on what the room said."""

from __future__ import annotations

from pmtui.model.prompts import PHASE_PROMPTS_LINE
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.screens.meeting import MeetingScreen
from tests.ui.support import open_sample, wait_for_screen, wait_until


def _content(pilot) -> str:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    assert isinstance(screen, MeetingScreen)
    return screen.step_widget.text


async def _whys_step(pilot) -> None:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="timeline")
    await pilot.press("m")
    await wait_for_screen(pilot, MeetingScreen)
    await pilot.press("4")
    await pilot.pause()


async def test_the_whys_step_shows_the_factor_and_asks_by_phase(make_ui) -> None:
    ui = make_ui()
    pm = ui.service.get("pm-2025-03-19-api-tls")
    ui.service.reopen_why_chain(pm, "why-expiry-check")
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await _whys_step(pilot)
        shown = _content(pilot)
        assert "Contributing factor" in shown and "Factor 1 of 2" in shown
        assert "seen in 5 events: 2025-03-03 10:05 … 2025-03-18 08:45" in shown
        assert "Made sense" in shown and "hundreds of" in shown
        await pilot.press("down")
        await pilot.pause()
        # The reopened chain asks its next why with the phase prompts on one line.
        assert " ".join(PHASE_PROMPTS_LINE.split()) in " ".join(_content(pilot).split())


async def test_m_writes_down_how_it_made_sense_through_the_blame_guide(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await _whys_step(pilot)
        await pilot.press("m")
        await wait_for_screen(pilot, WhyTextModal)
        box = pilot.app.screen.query_one("#why-text")
        box.value = ""
        await pilot.press(*"Dana should have read the channel")
        await pilot.pause()
        hint = pilot.app.screen.query_one("#why-text-blame")
        assert hint.display
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, MeetingScreen))
        factor = ui.saved().factor("why-renewal")
        assert factor.made_sense == "Dana should have read the channel"
        # Saved as said, and the room sees the hint until it is reworded.
        assert "⚠" in _content(pilot) and "should have" in _content(pilot)


async def test_a_factor_without_a_chain_gets_its_first_why_in_the_meeting(make_ui) -> None:
    ui = make_ui()
    pm = ui.service.get("pm-2025-03-19-api-tls")
    pm, factor = ui.service.add_factor(pm, title="Expiry warnings paged nobody")
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await _whys_step(pilot)
        await pilot.press("down", "down")
        await pilot.pause()
        shown = _content(pilot)
        assert "Factor 3 of 3 · no whys yet" in shown and "Expiry warnings paged nobody" in shown
        assert "Prompts: detection – how did we find out?" in " ".join(shown.split())
        await pilot.press("w")
        await wait_for_screen(pilot, WhyTextModal)
        await pilot.press(*"Warnings go to a channel nobody is paged from", "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, MeetingScreen))
        saved = ui.saved()
        chain = saved.why_chain(saved.factor(factor.id).chain_id)
        assert chain.answers == ("Warnings go to a channel nobody is paged from",)
        assert "Prompts: detection – how did we find out?" in " ".join(_content(pilot).split())
