"""Pilot tests of traps mock live reviews 28a (80x24) and 28b (120x35) found: a vague action
item is pointed out while it is typed, in the form and on meeting step 5; `1` pressed alone
right after creating is the Overview's key, not the Summary's first character."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from textual.widgets import Input, TextArea

from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.screens.meeting import MeetingScreen
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets import type_select
from pmtui.ui.widgets.form_field import FormField
from pmtui.ui.widgets.meeting_steps import actions_content, carry_over_content, timeline_content
from tests.ui.support import (
    SAMPLE_ID,
    UI,
    nothing_pending,
    open_sample,
    recorded_notifications,
    wait_for_palette_hit,
    wait_for_screen,
    wait_until,
)
from tests.ui.test_traps7b import open_action_form
from tests.ui.test_traps7c import start_meeting


@pytest.fixture(autouse=True)
def one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # One type-ahead run however slowly a loaded machine hands the keys over.
    monkeypatch.setattr(type_select, "TYPE_AHEAD_PAUSE", 60.0)


async def actions_table(pilot) -> ActionsPane:  # type: ignore[no-untyped-def]
    """The sample on its Actions pane, the table focused."""
    await open_sample(pilot, tab="actions")
    pane = pilot.app.screen.query_one(ActionsPane)
    pane.table.focus()
    return pane


async def meeting_quick_add(pilot) -> tuple[MeetingScreen, Input]:  # type: ignore[no-untyped-def]
    """Meeting mode on the sample, on its timeline step, the quick-add line focused."""
    meeting = await start_meeting(pilot)
    await pilot.press("3", "slash")
    capture = meeting.query_one("#meeting-capture", Input)
    await wait_until(pilot, lambda: capture.has_focus)
    return meeting, capture


# A vague action is pointed out while it is typed ------------------------------------------


async def test_the_action_form_points_out_a_vague_action_as_it_is_typed(
    make_ui: Callable[..., UI],
) -> None:
    # Both mocks typed "Look into alerting" and heard nothing until wrap-up or Checks.
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        form = await open_action_form(pilot)
        field = form.query_one("#ff-text", FormField)
        await pilot.press(*"Look into alerting")
        await wait_until(pilot, lambda: "“Look into”" in field.hint)
        assert "deliverable" in field.hint
        for _ in "Look into alerting":
            await pilot.press("backspace")
        await pilot.press(*"Page on-call when 5xx passes 2% for 5 min")
        await wait_until(pilot, lambda: field.hint == "")
        # The hint is advice: the item saves as typed.
        await pilot.press("ctrl+a")
        await pilot.press(*"Look into alerting", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
    assert any(a.text == "Look into alerting" for a in ui.saved().actions)


async def test_meeting_step_five_marks_a_vague_action_under_its_text(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot)
    pm = ui.saved()
    pm, _ = ui.service.add_action(pm, text="Look into alerting", owner="Dana", due="+2w")
    pm, _ = ui.service.add_action(
        pm, text="Page on-call when 5xx passes 2% for 5 min", owner="Dana", due="+2w"
    )
    lines = actions_content(pm, ui.service.today(pm), 76).plain.splitlines()
    vague = lines.index("    Look into alerting")
    assert lines[vague + 1].startswith("    ⚠ “Look into”")
    concrete = lines.index("    Page on-call when 5xx passes 2% for 5 min")
    assert "⚠" not in "".join(lines[concrete + 1 : concrete + 2])
    assert all(len(line) <= 76 for line in lines)


# `1` right after creating -----------------------------------------------------------------


async def create_postmortem(pilot, title: str) -> tuple[WorkspaceScreen, TextArea]:  # type: ignore[no-untyped-def]
    """From the list: `n`, the title, enter; returns the workspace once it has put the
    cursor in the new Summary and settled."""
    await pilot.pause()
    await pilot.press("n")
    await wait_for_screen(pilot, NewPostMortemModal)
    await pilot.press(*title, "enter")
    await wait_for_screen(pilot, WorkspaceScreen)
    workspace = pilot.app.screen
    assert isinstance(workspace, WorkspaceScreen)
    area = workspace.query_one("#field-summary", TextArea)
    await wait_until(pilot, lambda: workspace.focused is area)
    await wait_until(pilot, lambda: nothing_pending(pilot.app))
    return workspace, area


async def test_one_pressed_alone_after_creating_stays_out_of_the_summary(
    make_ui: Callable[..., UI],
) -> None:
    """Mock review 28b pressed 1 "to go to the Overview", then typed the summary: it was
    saved as "1A valid customer configuration change…"."""
    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        workspace, area = await create_postmortem(pilot, "Global edge errors after a push")
        notices = recorded_notifications(workspace)
        await pilot.press("1")
        await wait_until(pilot, lambda: any("“1”" in note for note in notices))
        assert "the Overview is shown; the cursor is in Summary" in " ".join(notices)
        assert workspace.focused is area and area.text == ""
        await pilot.press(*"A valid customer change hit a latent bug.")
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        workspace.flush_pending()
    [created] = ui.saved_ids()
    assert ui.saved(created).summary == "A valid customer change hit a latent bug."


# Meeting steps say a thing once, and only what is true --------------------------------------


def test_an_event_before_the_start_names_its_place_once(make_ui: Callable[..., UI]) -> None:
    ui = make_ui()
    pm = ui.service.get(SAMPLE_ID)
    pm, _ = ui.service.add_event(pm, at="2025-02-20T10:00:00Z", kind="deploy", text="Old deploy")
    line = timeline_content(pm, 0, 10, 100).plain.splitlines()[-1]
    assert line.startswith("Event 1 of") and line.endswith("before the start")
    assert line.count("before the start") == 1
    after = next(i for i, e in enumerate(pm.events) if e.kind.value == "detected")
    later = timeline_content(pm, after, 10, 100).plain.splitlines()[-1]
    assert later.count(" · ") == 2  # after the start: its phase is still named
    resolved = next(i for i, e in enumerate(pm.events) if e.kind.value == "resolved")
    # The milestone itself is at its phase, not after it (mock review 29b).
    assert timeline_content(pm, resolved, 10, 100).plain.endswith("· at resolution")


def test_nothing_carried_over_claims_no_done_items() -> None:
    text = carry_over_content([], date(2026, 12, 7), 76).plain
    assert "No earlier post-mortem has an open action item." in text
    assert "done or dropped" not in text


# The quick-add key pressed again in its line ---------------------------------------------


@pytest.mark.parametrize("key", ["slash", "colon"])
async def test_the_line_key_pressed_again_in_the_line_is_not_typed(
    make_ui: Callable[..., UI], key: str
) -> None:
    """Mock review 28a: after a line was added the focus stayed in it, and the `/` then
    pressed "to add" began the next line: "/1:45pm detected …" was refused."""
    ui = make_ui()
    before = len(ui.saved().events)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        _, capture = await meeting_quick_add(pilot)
        await pilot.press(*"09:10 detected Pager fired", "enter")
        await wait_until(pilot, lambda: capture.value == "")
        await pilot.press(key, *"09:12 note Checked the dashboard", "enter")
        await wait_until(pilot, lambda: capture.value == "")
    texts = [e.text for e in ui.saved().events]
    assert len(texts) == before + 2 and "Checked the dashboard" in texts


async def test_l_on_a_later_meeting_step_says_where_seen_before_is(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        meeting = await start_meeting(pilot)
        notices = recorded_notifications(meeting)
        await pilot.press("4")
        await wait_until(pilot, lambda: meeting.step == 3)
        await pilot.press("l")
        await wait_until(pilot, lambda: any("Seen before? is on step 1" in n for n in notices))
        assert meeting.step == 3
    assert not [link for link in ui.saved().related if link.repeat]


# A cause planted days earlier does not pull the next lines to its day ---------------------


async def test_in_the_meeting_a_line_days_earlier_leaves_the_next_bare_times_on_the_day(
    make_ui: Callable[..., UI],
) -> None:
    """Mock review 28b typed the deploy of 27 days before; the next four bare times landed
    on its day and the metrics read "TTM ⚠-26d"."""
    ui = make_ui()
    async with ui.app.run_test(size=(80, 24)) as pilot:
        meeting, capture = await meeting_quick_add(pilot)
        notices = recorded_notifications(meeting)
        await pilot.press(*"2025-02-20 10:00 deploy Latent bug shipped", "enter")
        await wait_until(pilot, lambda: capture.value == "")
        await pilot.press(*"09:12 note Dashboard checked", "enter")
        await wait_until(pilot, lambda: capture.value == "")
        assert any("days before the selected event" in note for note in notices)
    pm = ui.saved()
    checked = next(e for e in pm.events if e.text == "Dashboard checked")
    assert checked.at.astimezone(pm.zone).date().isoformat() == "2025-03-19"
    shipped = next(e for e in pm.events if e.text == "Latent bug shipped")
    assert shipped.at.astimezone(pm.zone).date().isoformat() == "2025-02-20"


async def test_on_the_timeline_a_line_days_earlier_leaves_the_selection(
    make_ui: Callable[..., UI],
) -> None:
    from pmtui.ui.panes.timeline import TimelinePane

    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="timeline")
        pane = pilot.app.screen.query_one(TimelinePane)
        pane.table.focus()
        selected = pane.table.cursor_event
        assert selected is not None
        await pilot.press("colon")
        await wait_until(pilot, lambda: pane.quick_line.input.has_focus)
        await pilot.press(*"2025-02-20 10:00 deploy Latent bug shipped", "enter")
        await wait_until(
            pilot, lambda: any(e.text == "Latent bug shipped" for e in ui.saved().events)
        )
        await wait_until(pilot, lambda: pane.table.cursor_event is not None)
        assert pane.table.cursor_event.id == selected.id


def test_the_short_vague_hints_fit_one_line_of_the_form_at_80_columns() -> None:
    from pmtui.analysis.vague_actions import SHORT_HINTS, vague_note

    assert all(len(f"⚠ “Investigate” {hint}") <= 72 for hint in SHORT_HINTS.values())
    assert vague_note("Page on-call when 5xx passes 2% for 5 min") == ""


# `v` records how we know a done item worked -------------------------------------------------


async def test_v_on_a_done_item_opens_its_form_at_verified_and_saves_it(
    make_ui: Callable[..., UI],
) -> None:
    """Mock review 28b: at 120x35 the Verified field was below the fold of the form, and
    neither F1 nor the palette named a way to it."""
    from pmtui.ui.modals.action_form import ActionItemModal

    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        pane = await actions_table(pilot)
        notices = recorded_notifications(pane)
        pane.select("act-rotation-check")  # open: first it must be done
        await pilot.press("v")
        await wait_until(pilot, lambda: any("Verified is for done items" in n for n in notices))
        pane.select("act-renewal-alert")
        await pilot.press("v")
        await wait_for_screen(pilot, ActionItemModal)
        box = pilot.app.screen.query_one("#action-verified_how", Input)
        await wait_until(pilot, lambda: box.has_focus)
        status = pane.table.get_cell("act-renewal-alert", "status")
        assert status.text == "✓ done"  # done, nobody has said how we know it worked
        await pilot.press(*"A failed renewal in staging paged on-call in 2 min", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
        # Mock 35b: verified and unverified items both read "✓ done" in the pane.
        await wait_until(
            pilot, lambda: pane.table.get_cell("act-renewal-alert", "status").text == "✓ verified"
        )
    saved = ui.saved().action("act-renewal-alert")
    assert saved.verified_how == "A failed renewal in staging paged on-call in 2 min"
    assert saved.verified_on is not None


# The palette right after creating -----------------------------------------------------------


async def test_the_palette_starts_meeting_mode_right_after_creating(
    make_ui: Callable[..., UI],
) -> None:
    """Mock review 29a: ctrl+p, "meeting", enter with the cursor in the new Summary closed
    the palette and did nothing, four times out of four."""

    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await create_postmortem(pilot, "Sites deleted by a cleanup script")
        await pilot.press("ctrl+p")
        await pilot.press(*"meeting")
        await wait_for_palette_hit(pilot, "meeting")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, MeetingScreen))


async def test_home_selects_the_first_item_and_done_names_the_item_marked(
    make_ui: Callable[..., UI],
) -> None:
    """Mock review 29a: home then x marked the item already selected, and the notice did
    not say which."""
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        pane = await actions_table(pilot)
        notices = recorded_notifications(pane)
        first = pane.table.ordered_rows[0].key.value
        last = pane.table.ordered_rows[-1].key.value
        await pilot.press("end")
        await wait_until(pilot, lambda: pane.selected_id() == last)
        await pilot.press("home")
        await wait_until(pilot, lambda: pane.selected_id() == first)
        await pilot.press("end")
        await wait_until(pilot, lambda: pane.selected_id() == last)
        item = pane.selected_action()
        assert item is not None and item.is_open
        await pilot.press("x")
        await wait_until(pilot, lambda: any(n.startswith("Marked done on") for n in notices))
        assert item.text[:20] in notices[-1]
    assert ui.saved().action(last).status.value == "done"


# A pane's digit right after a sentence's end -------------------------------------------------


async def summary_at_its_end(pilot) -> tuple[WorkspaceScreen, TextArea]:  # type: ignore[no-untyped-def]
    """The sample open on the Overview, the cursor at the end of its Summary."""
    await open_sample(pilot)
    workspace = pilot.app.screen
    assert isinstance(workspace, WorkspaceScreen)
    area = workspace.query_one("#field-summary", TextArea)
    area.focus()
    area.move_cursor(area.document.end)
    return workspace, area


@pytest.mark.parametrize(
    ("typed", "after", "kept", "pane"),
    [
        ("took every edge CPU to 100%.", "2", "took every edge CPU to 100%.", "timeline"),
        ("took every edge CPU to 100%.", "2FA", "took every edge CPU to 100%.2FA", "overview"),
        ("upgraded to v1.", "2", "upgraded to v1.2", "overview"),
        ("it failed.", " 2 regions", "it failed. 2 regions", "overview"),
    ],
)
async def test_a_pane_digit_after_a_sentence_and_a_pause_shows_its_pane(
    make_ui: Callable[..., UI], typed: str, after: str, kept: str, pane: str
) -> None:
    """Tried in tmux: a Summary typed, then 2 for the Timeline, saved "…100%.2". Typed on at
    typing pace ("…2FA") or after a version's digit ("v1.2") a digit is text."""
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        workspace, area = await summary_at_its_end(pilot)
        before = area.text
        await pilot.press(*f" {typed}")
        await wait_until(pilot, lambda: area.text == f"{before} {typed}")
        await pilot.pause(0.7)  # the pause a person makes before a pane's key
        await pilot.press(*after)
        await wait_until(pilot, lambda: workspace.query_one("#tabs").active == pane)
        await wait_until(pilot, lambda: area.text == f"{before} {kept}")
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        workspace.flush_pending()
    assert ui.saved().summary == f"{before} {kept}".strip()


async def test_a_digit_typed_on_right_after_a_sentence_is_text(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        workspace, area = await summary_at_its_end(pilot)
        before = area.text
        await pilot.press(*" Section 4.2")  # no pause: "4." then "2" is one number
        await wait_until(pilot, lambda: area.text == f"{before} Section 4.2")
        assert workspace.query_one("#tabs").active == "overview"


# A letter on "Discard …?" answers nothing -----------------------------------------------------


async def test_a_reflex_key_on_the_discard_question_keeps_the_old_draft_out(
    make_ui: Callable[..., UI],
) -> None:
    """Mock review 30a: escape on a why being typed, then `w` for the next answer by reflex:
    `w` kept editing, and the next answer was typed onto the end of the dropped one."""
    from pmtui.ui.modals.discard import DiscardTypingModal
    from pmtui.ui.modals.why_forms import WhyTextModal

    async def nothing_pending_then(pilot) -> None:  # type: ignore[no-untyped-def]
        await wait_until(pilot, lambda: nothing_pending(pilot.app))

    ui = make_ui()
    before = [chain.answers for chain in ui.saved().whys]
    async with ui.app.run_test(size=(80, 24)) as pilot:
        meeting = await start_meeting(pilot)
        await pilot.press("4")
        await wait_until(pilot, lambda: meeting.step == 3)
        await pilot.press("w")
        await wait_for_screen(pilot, WhyTextModal)
        await pilot.press(*"draft test", "escape")
        await wait_for_screen(pilot, DiscardTypingModal)
        question = pilot.app.screen
        await pilot.press("w")
        await nothing_pending_then(pilot)
        assert pilot.app.screen is question
        told = " ".join(str(n.message) for n in pilot.app._notifications)
        assert "“w”" in told
        # The next answer typed on: its "n" and "y" are letters of words, not answers.
        await pilot.press(*"The sensor driver loads at boot, so nobody can fix it remotely")
        await nothing_pending_then(pilot)
        assert pilot.app.screen is question
        await pilot.pause(0.8)  # a pause: y now is an answer, not a word's letter
        await pilot.press("y")
        await wait_until(pilot, lambda: pilot.app.screen is meeting)
    assert [chain.answers for chain in ui.saved().whys] == before


async def test_in_the_meeting_the_first_line_days_earlier_leaves_bare_times_on_the_date(
    make_ui: Callable[..., UI],
) -> None:
    """Mock review 31a: in an empty timeline the deploy of 27 days before was the only
    event, so the next bare time, the start, went to its day."""
    ui = make_ui()
    pm = ui.service.get(SAMPLE_ID)
    for event in pm.events:
        pm, _ = ui.service.delete_event(pm, event.id)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        _, capture = await meeting_quick_add(pilot)
        await pilot.press(*"2025-02-20 10:00 deploy Latent bug shipped", "enter")
        await wait_until(pilot, lambda: capture.value == "")
        await pilot.press(*"09:12")
        await wait_until(pilot, lambda: "2025-03-19" in str(capture.border_subtitle))
        await pilot.press(*" start Errors began", "enter")
        await wait_until(pilot, lambda: capture.value == "")
    saved = ui.saved()
    began = next(e for e in saved.events if e.text == "Errors began")
    assert began.at.astimezone(saved.zone).date().isoformat() == "2025-03-19"


async def test_a_panes_key_hint_leaves_with_the_workspace(make_ui: Callable[..., UI]) -> None:
    """Mock review 31a: "Once you know it worked, v records how" was still up on All action
    items, where `v` lists the overdue items, and the facilitator pressed it."""
    from pmtui.ui.screens.home import HomeScreen

    def hint_shown() -> bool:
        return any("v records how" in str(n.message) for n in pilot.app._notifications)

    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await actions_table(pilot)
        await pilot.press("end", "x")  # the last item is open
        await wait_until(pilot, hint_shown)
        await pilot.press("ctrl+l")
        await wait_for_screen(pilot, HomeScreen)
        await wait_until(pilot, lambda: not hint_shown(), timeout=3.0)  # it lasts 6 s


async def test_a_refused_save_says_not_saved_and_names_the_field(
    make_ui: Callable[..., UI],
) -> None:
    """Mock 34a: ctrl+s with the deadline "+1m" changed nothing on screen but the hint
    already there; the keys typed next for another item replaced the deadline."""
    ui = make_ui()
    before = len(ui.saved().actions)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        form = await open_action_form(pilot)
        told = recorded_notifications(form)
        await pilot.press(*"Stage network config rollouts", "tab", *"Dana", "tab", *"+1m")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any(n.startswith("Not saved: Deadline") for n in told))
        assert pilot.app.screen is form
    assert len(ui.saved().actions) == before


async def test_a_save_fixed_after_a_refusal_takes_the_not_saved_notice_away(
    make_ui: Callable[..., UI],
) -> None:
    """Mock 35b: after a refused date was fixed, the created post-mortem's workspace still
    showed "Not saved: Incident date is refused" beside "✓ Saved"."""
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        form = await open_action_form(pilot)
        await pilot.press(*"Stage network config rollouts", "tab", *"Dana", "tab", *"+1m")
        await pilot.press("ctrl+s")

        def shown() -> list[str]:
            return [n.message for n in pilot.app._notifications]

        await wait_until(pilot, lambda: any(m.startswith("Not saved: Deadline") for m in shown()))
        await pilot.press(*["backspace"] * 3, *"+2w", "ctrl+s")
        await wait_until(pilot, lambda: pilot.app.screen is not form)
        assert not [m for m in shown() if m.startswith("Not saved")]
    assert ui.saved().actions[-1].text == "Stage network config rollouts"
