"""Pilot tests of the meeting-mode and notice traps a first-time facilitator met in a mock
review of a multi-day outage at 80x24 (issue 12, part 6a): each presses the keys a user would
and checks the screen and what reached the file."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Input

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.why_forms import WhyTextModal
from pmtui.ui.screens.meeting import MeetingScreen
from tests.ui.support import SAMPLE_ID, open_sample, wait_for_screen, wait_until

SMALL = (80, 24)


def _toasts(pilot) -> list:  # type: ignore[no-untyped-def]
    """The notices drawn now, on the screen on top and on those it lies over."""
    return [toast for screen in pilot.app.screen_stack for toast in screen.query("Toast")]


def _shown(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(toast.render()) for toast in _toasts(pilot)]


async def _meeting_at(pilot, step: str) -> MeetingScreen:  # type: ignore[no-untyped-def]
    await open_sample(pilot, tab="timeline")
    await pilot.press("m")
    await wait_for_screen(pilot, MeetingScreen)
    await pilot.press(step)
    meeting = pilot.app.screen
    await wait_until(pilot, lambda: meeting.step == int(step) - 1)
    return meeting


async def _quick_add(pilot, line: str) -> None:  # type: ignore[no-untyped-def]
    """Type `line` in the quick-add line (it keeps the focus after an add) and add it."""
    capture = pilot.app.screen.query_one("#meeting-capture", Input)
    if not capture.has_focus:
        await pilot.press("slash")
    await pilot.press(*line, "enter")
    await wait_until(pilot, lambda: capture.value == "")


async def test_undo_and_redo_show_one_notice_that_is_true_and_none_covers_a_form(
    make_ui,
) -> None:
    ui = make_ui()
    before = len(ui.saved().events)
    async with ui.app.run_test(size=SMALL, notifications=True) as pilot:
        await _meeting_at(pilot, "3")
        await _quick_add(pilot, "09:10 detected Pager fired")
        await _quick_add(pilot, "09:12 note Second page")
        await pilot.press("escape")
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+y", "ctrl+z", "ctrl+y")
        await wait_until(pilot, lambda: len(ui.saved().events) == before + 1)
        await wait_until(pilot, lambda: any("Redid" in text for text in _shown(pilot)))
        # One notice, the last key's; the adds and undos before it are no longer true.
        shown = _shown(pilot)
        assert len(shown) == 1, shown
        assert "Redid: add event 'Pager fired'" in shown[0]
        assert "Pager fired" in pilot.app.screen.step_widget.text
        assert "Second page" not in pilot.app.screen.step_widget.text
        # Undo/redo notices are short-lived.
        assert all(n.timeout <= 3 for n in pilot.app._notifications)
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")  # the third has nothing to undo
        await wait_until(pilot, lambda: any("Nothing to undo" in t for t in _shown(pilot)))
        assert len(_shown(pilot)) == 1
        assert len(ui.saved().events) == before
        # A form opened now: no notice lies over its buttons, not even one raised after.
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        form = pilot.app.screen
        await pilot.pause()
        assert _shown(pilot) == []  # what was said before the form is done with
        pilot.app.notify("Exported full Markdown to /tmp/review/github-2018.md")
        await wait_until(pilot, lambda: bool(_toasts(pilot)))
        buttons = [button.region for button in form.query(Button)]
        assert buttons
        for toast in _toasts(pilot):
            assert not any(toast.region.overlaps(button) for button in buttons), _shown(pilot)
        form.query_one("#action-text", Input).value = "Page on a partition longer than 30 s"
        form.query_one("#action-owner", Input).value = "Sam Okafor"
        form.query_one("#action-due", Input).value = "+2w"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, MeetingScreen)
    assert ui.saved().actions[-1].text == "Page on a partition longer than 30 s"


def _seen(meeting: MeetingScreen) -> str:
    return "\n".join(_visible_step_lines(meeting))


def _visible_step_lines(meeting: MeetingScreen) -> list[str]:
    """The lines of the step's text the room sees now: those inside the body's window."""
    body = meeting.query_one("#meeting-body")
    step = meeting.step_widget
    window = body.scrollable_content_region
    return [
        line
        for number, line in enumerate(step.text.splitlines())
        if window.y <= step.region.y + number < window.bottom
    ]


LONG_ANSWERS = (
    "Orchestrator ran its Raft-based failover during the partition and promoted the "
    "West Coast primaries while the East Coast still took writes.",
    "Its configuration allowed primaries to be promoted across regions without a check of "
    "the replication lag or of the latency the applications would see afterwards.",
)
BLAMING = "The on-call engineer forgot to check the replication lag before the promotion"


async def test_a_blaming_why_answer_shows_its_marker_with_it_at_80x24(make_ui) -> None:
    ui = make_ui()
    service = ui.service
    pm, chain = service.add_why_chain(service.get(SAMPLE_ID), "Writes were split across coasts")
    for answer in LONG_ANSWERS:
        pm = service.answer_why(pm, chain.id, answer)
    async with ui.app.run_test(size=SMALL) as pilot:
        meeting = await _meeting_at(pilot, "4")
        for _ in range(len(ui.saved().whys)):  # the new chain is the last one
            await pilot.press("down")
        await pilot.press("w")
        await wait_for_screen(pilot, WhyTextModal)
        await pilot.press(*BLAMING, "enter")
        await wait_for_screen(pilot, MeetingScreen)
        await wait_until(pilot, lambda: BLAMING[:30] in _seen(meeting))
        seen = _seen(meeting)
        # The new answer, and with it the marker the room must see, without scrolling.
        assert "3. Why?" in seen
        assert "⚠ “forgot”: Forgetting is normal." in seen, seen
        assert ui.saved().why_chain(chain.id).answers[-1] == BLAMING
        # Marking an earlier answer brings it into view; back to the blaming one, its marker too.
        await pilot.press("shift+up", "shift+up")
        await wait_until(pilot, lambda: "Orchestrator ran" in _seen(meeting))
        await pilot.press("shift+down", "shift+down")
        await wait_until(pilot, lambda: "⚠ “forgot”" in _seen(meeting))
        assert BLAMING[:30] in _seen(meeting)
        # However the body is scrolled, a line of the answer in view carries the ⚠.
        body = meeting.query_one("#meeting-body")
        words = set(BLAMING.split())
        for y in range(int(body.max_scroll_y) + 1):
            body.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            for line in _visible_step_lines(meeting):
                text = line.replace("⚠", "").split()
                if text and set(text) <= words and len(text) > 2:
                    assert "⚠" in line, (y, line)


def test_snapshot_five_whys_with_a_blaming_answer_at_80x24(snap_compare, snapshot_ui) -> None:
    ui = snapshot_ui()
    pm, chain = ui.service.add_why_chain(ui.service.get(SAMPLE_ID), "Writes split across coasts")
    for answer in (*LONG_ANSWERS, BLAMING):
        pm = ui.service.answer_why(pm, chain.id, answer)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _meeting_at(pilot, "4")
        for _ in range(len(pm.factors)):  # the new chain is the last one
            await pilot.press("down")
        # Marking the answer before and back scrolls the blaming one into view.
        await pilot.press("shift+up", "shift+down")
        await pilot.pause(0.3)

    assert snap_compare(ui.app, terminal_size=SMALL, run_before=run_before)


def _keys_line(meeting: MeetingScreen) -> str:
    return str(meeting.query_one("#meeting-keys").render())


async def test_arrows_step_from_the_empty_quick_add_line_and_edit_its_text(make_ui) -> None:
    ui = make_ui()
    before = len(ui.saved().events)
    async with ui.app.run_test(size=SMALL) as pilot:
        meeting = await _meeting_at(pilot, "3")
        capture = meeting.query_one("#meeting-capture", Input)
        await _quick_add(pilot, "09:10 detected Pager fired")
        assert capture.has_focus and capture.value == ""
        await wait_until(pilot, lambda: "←/→ step" in _keys_line(meeting))
        assert "esc gives the keys back" in _keys_line(meeting)
        await pilot.press("right")
        # Step 4 gives the keys back to the agenda (issue 12, 7a): `w` must answer a why.
        await wait_until(pilot, lambda: meeting.step == 3)
        assert not capture.has_focus
        await pilot.press("left", "left")
        await wait_until(pilot, lambda: meeting.step == 1)
        # With text in the line the arrows move in it and the agenda stays.
        await pilot.press("slash", *"09:1", "left", "5")
        await wait_until(pilot, lambda: capture.value == "09:51")
        assert meeting.step == 1
        assert "←/→ move in the text" in _keys_line(meeting)
        await pilot.press("right", *"2 note Second page")
        await wait_until(pilot, lambda: capture.value == "09:512 note Second page")
        await pilot.press("ctrl+a", *"09:12 note Second page", "enter")
        await wait_until(pilot, lambda: capture.value == "")
        assert meeting.step == 1
        # From the empty line the arrows walk the agenda, then as the agenda's own keys.
        for step in range(2, 6):
            await pilot.press("right")
            await wait_until(pilot, lambda step=step: meeting.step == step)
        await pilot.press("right")  # past the last step: nothing happens, nothing typed
        await pilot.pause()
        assert meeting.step == 5 and capture.value == ""
        for step in range(4, -1, -1):
            await pilot.press("left")
            await wait_until(pilot, lambda step=step: meeting.step == step)
        assert not capture.has_focus
    texts = [event.text for event in ui.saved().events]
    assert len(texts) == before + 2
    assert "Pager fired" in texts and "Second page" in texts


#: An answer with three blaming phrases: the finding naming them is longer than 80 columns.
BLAMING_THRICE = (
    "The on-call engineer forgot the replication lag and should have waited; human error."
)


@pytest.mark.parametrize("size", [SMALL, (120, 35)], ids=["80x24", "120x35"])
async def test_the_wrap_up_blame_line_is_read_whole(make_ui, size: tuple[int, int]) -> None:
    ui = make_ui()
    service = ui.service
    pm, chain = service.add_why_chain(service.get(SAMPLE_ID), "Writes were split across coasts")
    pm = service.answer_why(pm, chain.id, BLAMING_THRICE)
    number = len(pm.whys)
    async with ui.app.run_test(size=size) as pilot:
        meeting = await _meeting_at(pilot, "6")
        await wait_until(pilot, lambda: "Still missing" in meeting.step_widget.text)
        lines = meeting.step_widget.text.splitlines()
        first = next(n for n, line in enumerate(lines) if "'forgot'" in line)
        body = meeting.query_one("#meeting-body")
        body.scroll_to(y=first, animate=False, immediate=True)
        await pilot.pause()
        seen = " ".join(" ".join(line.split()) for line in _visible_step_lines(meeting))
        # What is wrong to the last word, nothing cut at the edge; and where it is.
        said = "'forgot', 'should have', 'human error' put a person at the centre of the failure"
        assert said in seen, seen
        assert f"• Why chain {number}, answer 1: “The on-call engineer forgot the" in seen
    assert ui.saved().why_chain(chain.id).answers == (BLAMING_THRICE,)


def test_snapshot_wrap_up_blame_line_at_80x24(snap_compare, snapshot_ui) -> None:
    ui = snapshot_ui()
    pm, chain = ui.service.add_why_chain(ui.service.get(SAMPLE_ID), "Writes split across coasts")
    ui.service.answer_why(pm, chain.id, BLAMING_THRICE)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        meeting = await _meeting_at(pilot, "6")
        await wait_until(pilot, lambda: "Still missing" in meeting.step_widget.text)
        lines = meeting.step_widget.text.splitlines()
        first = next(n for n, line in enumerate(lines) if line == "Still missing")
        meeting.query_one("#meeting-body").scroll_to(y=first, animate=False, immediate=True)
        await pilot.pause(0.3)

    assert snap_compare(ui.app, terminal_size=SMALL, run_before=run_before)


def test_snapshot_timeline_step_with_the_empty_quick_add_line_at_80x24(
    snap_compare, snapshot_ui
) -> None:
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _meeting_at(pilot, "3")
        await _quick_add(pilot, "09:10 detected Pager fired")
        pilot.app.clear_notifications()  # "Added …" lasts seconds: the picture must not race it
        pilot.app.screen.query_one("#meeting-capture", Input).cursor_blink = False
        await pilot.pause(0.3)

    assert snap_compare(snapshot_ui().app, terminal_size=SMALL, run_before=run_before)
