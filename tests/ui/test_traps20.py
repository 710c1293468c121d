"""Pilot tests of traps first-time facilitators hit in mock meeting 20b (120x35): after a redo
the cursor stayed before the words put back, so the next words typed landed in the middle of
the section; `1` from the tab bar put the cursor in Summary, and the 4 then pressed for
Actions (and the `a` after it) was typed there. Every test checks the screen and what reached
the file."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, Tabs, TextArea

from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.typed_words import TYPING_SECONDS
from pmtui.ui.widgets.narrative_area import NarrativeArea
from tests.ui.support import (
    UI,
    nothing_pending,
    open_sample,
    recorded_notifications,
    screen_lines,
    type_at_end,
    wait_for_screen,
    wait_until,
)

WIDE = (120, 35)

# 1. After undo or redo the cursor is just after what changed ---------------------------------


class _OneArea(App[None]):
    AUTO_FOCUS = None  # focused by each test, or not

    def compose(self) -> ComposeResult:
        yield NarrativeArea("", id="area")


@pytest.mark.parametrize(
    ("shown", "loaded", "cursor"),
    [
        ("Edge down.", "Edge down. It was given back.", (0, 29)),  # a redo of words added
        ("Edge down. It was given back.", "Edge down.", (0, 10)),  # an undo of them
        ("A.\nC.", "A.\nB. C.", (1, 3)),  # words put back in the middle: after them
        ("A. B. C.", "A. C.", (0, 3)),  # words taken from the middle: where they were
        ("Same.", "Same. Same.", (0, 11)),  # a repeat: after the new copy, not the old
        ("One", "Two", (0, 3)),  # nothing in common: all of it changed, its end
        ("", "Treat OS updates like code.", (0, 27)),  # a redo into an empty section
    ],
)
async def test_loading_at_change_puts_the_cursor_after_what_changed(
    shown: str, loaded: str, cursor: tuple[int, int]
) -> None:
    async with _OneArea().run_test() as pilot:
        area = pilot.app.query_one(NarrativeArea)
        area.focus()  # being typed in, as where the undo or redo was pressed
        await pilot.pause()
        area.load_text(shown)
        area.load_text_at_change(loaded)
        assert area.text == loaded
        assert area.cursor_location == cursor


async def test_a_first_fill_out_of_focus_shows_the_text_from_its_start() -> None:
    """A section filled as the post-mortem opens shows its start, not its end."""
    async with _OneArea().run_test() as pilot:
        area = pilot.app.query_one(NarrativeArea)
        area.load_text_at_change("Line one.\nLine two.")
        assert area.cursor_location == (0, 0)
        area.focus()  # the first focus goes to the end, to add to it
        await pilot.pause()
        assert area.cursor_location == (1, 9)


async def test_words_typed_after_a_redo_follow_the_words_it_put_back(
    make_ui: Callable[..., UI],
) -> None:
    """Redo put " More." back with the cursor before it: "Next." typed then read
    "… edge. Next. More."."""
    ui = make_ui()
    old = ui.saved().summary
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot, tab="overview")
        area = await type_at_end(pilot, ui, "summary", " More.")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved().summary == old)
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: ui.saved().summary == old + " More.")
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        assert pilot.app.focused is area
        await pilot.press(*" Next.")
        await wait_until(pilot, lambda: ui.saved().summary != old + " More.")
        assert area.text == old + " More. Next."
    assert ui.saved().summary == old + " More. Next."


async def test_words_typed_after_an_undo_go_where_the_words_were_taken_back(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    old = ui.saved().summary
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot, tab="overview")
        area = await type_at_end(pilot, ui, "summary", " Wrong.")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved().summary == old)
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        await pilot.press(*" Right.")
        await wait_until(pilot, lambda: ui.saved().summary != old)
        assert area.text == old + " Right."
    assert ui.saved().summary == old + " Right."


async def test_an_undo_keeps_the_space_typed_before_the_words_it_takes_back(
    make_ui: Callable[..., UI],
) -> None:
    """Mock meeting 24a: "…enforced. " typed and saved (as "…enforced."), then "3 regions were
    hit", ctrl+z, and "5xx errors rose" read "…enforced.5xx errors rose"."""
    ui = make_ui()
    old = ui.saved().summary
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot, tab="overview")
        area = await type_at_end(pilot, ui, "summary", " Enforced.")
        await pilot.press("space")  # saved with the sentence's end, as "… Enforced."
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        await pilot.press(*"Hit.")
        await wait_until(pilot, lambda: ui.saved().summary == old + " Enforced. Hit.")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved().summary == old + " Enforced.")
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        await pilot.press(*"Rose.")
        await wait_until(pilot, lambda: ui.saved().summary.endswith("Rose."))
        assert area.text == old + " Enforced. Rose."
    assert ui.saved().summary == old + " Enforced. Rose."


@pytest.mark.parametrize("name", ["lessons", "services"])
async def test_words_typed_after_a_redo_into_an_empty_field_follow_it(
    make_ui: Callable[..., UI], name: str
) -> None:
    """Mock meeting 21a: in an empty "Lessons" (and the one-line Services / tags) the redo
    left the cursor at the start, and "Stage every fleet-wide change." went in front."""

    ui = make_ui()
    pm = ui.saved()
    ui.service.update(pm, lessons="", services=())
    first, then = ("Treat OS updates like code.", " Stage every change.")
    if name == "services":
        first, then = ("kubernetes", ", networking")
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        box = workspace.query_one(f"#field-{name}")
        box.focus()
        await wait_until(pilot, lambda: workspace.focused is box)
        await pilot.press(*first)
        await wait_until(pilot, lambda: _field_text(box) == first and nothing_pending(pilot.app))
        await wait_until(pilot, lambda: _saved_text(ui, name) == first)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: _saved_text(ui, name) == "")
        await pilot.press("ctrl+y")
        await wait_until(pilot, lambda: _saved_text(ui, name) == first)
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        assert pilot.app.focused is box
        await pilot.press(*then)
        await wait_until(pilot, lambda: _field_text(box) == first + then)
    expected = "Treat OS updates like code. Stage every change."
    assert _saved_text(ui, name) == (expected if name == "lessons" else "kubernetes, networking")


def _saved_text(ui: UI, name: str) -> str:
    value = getattr(ui.saved(), name)
    return ", ".join(value) if isinstance(value, tuple) else str(value)


# 2. A pane digit pressed where a pane key had just put the cursor ---------------------------


async def _overview_from_the_tab_bar(pilot) -> TextArea | Input:  # type: ignore[no-untyped-def]
    """On the Timeline, the tab bar focused, press 1: the Overview shows, a field focused."""
    await open_sample(pilot, tab="timeline")
    workspace = pilot.app.screen
    workspace.query_one(Tabs).focus()
    await pilot.press("1")
    await wait_until(pilot, lambda: isinstance(workspace.focused, TextArea | Input))
    await wait_until(pilot, lambda: nothing_pending(pilot.app))
    field = workspace.focused
    assert isinstance(field, TextArea | Input)
    return field


def _field_text(field: TextArea | Input) -> str:
    return field.text if isinstance(field, TextArea) else field.value


async def test_1_then_4_from_the_tab_bar_shows_actions_and_a_adds_an_action(
    make_ui: Callable[..., UI],
) -> None:
    """Summary read "4a": the 4 was meant for Actions, the `a` to add an action there. No
    clock is involved: in mock meeting 21b the 4 came after five seconds of talk."""
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=WIDE) as pilot:
        field = await _overview_from_the_tab_bar(pilot)
        workspace = pilot.app.screen
        told = recorded_notifications(workspace)
        text = _field_text(field)
        await pilot.press("4")
        await wait_until(pilot, lambda: workspace.current_pane().TAB_ID == "actions")
        assert _field_text(field) == text
        assert told[-1].startswith("“4” showed Actions, the cursor was in ")
        assert "nothing was typed since the cursor was put there" in told[-1]
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        await pilot.press("escape")
    assert ui.saved() == before  # nothing typed into any field


async def test_4_and_a_typed_together_show_actions_and_a_new_action_form(
    make_ui: Callable[..., UI],
) -> None:
    """Mock meetings 22a, 22b: `4`, then `a` half a second later, typed "4a" into Summary.
    A pane digit followed by one letter and a pause is the pane's key and that letter."""
    ui = make_ui()
    before = ui.saved()
    async with ui.app.run_test(size=WIDE) as pilot:
        pilot.app.word_lookahead = 0.05  # at a typist's pace, not Pilot's
        field = await _overview_from_the_tab_bar(pilot)
        text = _field_text(field)
        await asyncio.sleep(TYPING_SECONDS)  # a look at the Overview first
        await pilot.press("4")
        await asyncio.sleep(0.3)
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        assert _field_text(field) == text
        await pilot.press("escape")
    assert ui.saved() == before


async def test_4_a_and_a_title_typed_on_make_one_action_item(make_ui: Callable[..., UI]) -> None:
    """Mock meeting 23a: `4`, `a` and "Audit old scripts" typed on went into Detection."""
    ui = make_ui()
    before = len(ui.saved().actions)
    async with ui.app.run_test(size=WIDE) as pilot:
        field = await _overview_from_the_tab_bar(pilot)
        text = _field_text(field)
        await pilot.press(*"4aAudit old scripts")
        await wait_for_screen(pilot, ActionItemModal)
        box = pilot.app.screen.query_one("#action-text", Input)
        await wait_until(pilot, lambda: box.value == "Audit old scripts")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(ui.saved().actions) == before + 1)
        assert _field_text(field) == text
    assert ui.saved().actions[-1].text == "Audit old scripts"


@pytest.mark.parametrize("typed", ["4aa", "4aaAdd regional canary"])
async def test_4_and_a_pressed_twice_open_one_action_form(
    make_ui: Callable[..., UI], typed: str
) -> None:
    """Mock meetings 24a, 24b: nothing showed at once after `4` and `a`, so `a` was pressed
    again: the form opened and closed, "“aa” was typed here", and the title was dropped."""
    ui = make_ui()
    before = ui.saved()
    title = typed[3:]
    async with ui.app.run_test(size=WIDE) as pilot:
        field = await _overview_from_the_tab_bar(pilot)
        text = _field_text(field)
        await pilot.press(*typed)
        await wait_for_screen(pilot, ActionItemModal)
        box = pilot.app.screen.query_one("#action-text", Input)
        await wait_until(pilot, lambda: box.value == title and nothing_pending(pilot.app))
        assert isinstance(pilot.app.screen, ActionItemModal)  # still open
        assert _field_text(field) == text
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActionItemModal))
    assert ui.saved() == before


def test_what_follows_a_pane_digit_says_whether_it_was_the_key() -> None:
    from pmtui.ui.typed_words import pane_key_verdict

    for after in ("", "a", "aa", "aaa"):
        assert pane_key_verdict(after) is None, after  # the key once a pause follows
    for after in ("aAudit old scripts", "aaAudit"):
        assert pane_key_verdict(after) is True, after
    for after in ("FA was", "am", "rd party", " regions", ":44", "xx errors", "a audit", "2"):
        assert pane_key_verdict(after) is False, after


async def test_1_pressed_again_where_1_put_the_cursor_types_nothing(
    make_ui: Callable[..., UI],
) -> None:
    """`1` pressed again is the Overview's key said twice, not a "1" for the field: mock
    review 28b's summary began "1A valid…". Typed on with words ("1 region …") it is text."""
    ui = make_ui()
    async with ui.app.run_test(size=WIDE) as pilot:
        field = await _overview_from_the_tab_bar(pilot)
        text = _field_text(field)
        notices = recorded_notifications(pilot.app.screen)
        await pilot.press("1")
        await wait_until(pilot, lambda: any("the Overview is shown" in n for n in notices))
        assert _field_text(field) == text and pilot.app.screen.focused is field
        await pilot.press(*"1 region")
        await wait_until(pilot, lambda: _field_text(field) == text + "1 region")


@pytest.mark.parametrize("typed", ["2FA", "4am", "3 regions", "12:44", "5xx errors"])
async def test_a_digit_typed_on_with_more_than_one_letter_is_text(
    make_ui: Callable[..., UI], typed: str
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=WIDE) as pilot:
        field = await _overview_from_the_tab_bar(pilot)
        text = _field_text(field)
        await pilot.press(*typed)
        await wait_until(pilot, lambda: _field_text(field) == text + typed)
        assert pilot.app.screen.current_pane().TAB_ID == "overview"


async def test_a_digit_typed_on_with_words_stays_text(make_ui: Callable[..., UI]) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=WIDE) as pilot:
        field = await _overview_from_the_tab_bar(pilot)
        name = (field.id or "").removeprefix("field-")
        text = _field_text(field)
        await pilot.press(*"12 regions")
        await wait_until(pilot, lambda: _field_text(field) == text + "12 regions")
        assert pilot.app.screen.current_pane().TAB_ID == "overview"
        assert pilot.app.focused is field
    assert str(getattr(ui.saved(), name)).endswith("12 regions")


async def test_a_digit_typed_after_another_key_is_text(make_ui: Callable[..., UI]) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=WIDE) as pilot:
        field = await _overview_from_the_tab_bar(pilot)
        text = _field_text(field)
        await pilot.press("end", "4")
        await wait_until(pilot, lambda: _field_text(field) == text + "4")
        assert pilot.app.screen.current_pane().TAB_ID == "overview"


async def test_a_pane_digit_after_an_undo_on_the_tab_bar_shows_its_pane(
    make_ui: Callable[..., UI],
) -> None:
    """Mock meeting 21b: typing in Summary, escape, ctrl+z: the undo put the cursor back in
    Summary, and the 2 then pressed for the Timeline was typed there and saved."""
    ui = make_ui()
    old = ui.saved().summary
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot, tab="overview")
        workspace = pilot.app.screen
        await type_at_end(pilot, ui, "summary", " More.")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(workspace.focused, Tabs))
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved().summary == old)
        summary = workspace.query_one("#field-summary", TextArea)
        await wait_until(pilot, lambda: workspace.focused is summary)
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        await pilot.press("2")
        await wait_until(pilot, lambda: workspace.current_pane().TAB_ID == "timeline")
        assert summary.text == old
    assert ui.saved().summary == old


async def test_a_pane_digit_typed_slowly_alone_is_the_pane_key_and_with_words_text(
    make_ui: Callable[..., UI],
) -> None:
    """At a typist's pace: a digit with nothing after it switches; "3 regions" stays text."""
    ui = make_ui()
    async with ui.app.run_test(size=WIDE) as pilot:
        pilot.app.word_lookahead = 0.25  # 0.05 s split "3 regions" on a loaded machine
        field = await _overview_from_the_tab_bar(pilot)
        text = _field_text(field)
        await pilot.press(*"3 regions")
        await wait_until(pilot, lambda: _field_text(field) == text + "3 regions")
        await pilot.press("ctrl+z")  # the typing taken back: the field as it was
        await wait_until(pilot, lambda: _field_text(field) == text)
        workspace = pilot.app.screen
        workspace.action_show_tab("timeline")
        workspace.query_one(Tabs).focus()
        await asyncio.sleep(TYPING_SECONDS)  # the 1 below begins no word with the keys above
        await pilot.press("1")
        await wait_until(pilot, lambda: workspace.focused is field)
        await asyncio.sleep(TYPING_SECONDS)  # a look at the Overview: "15" is no number typed
        await pilot.press("5")
        await wait_until(pilot, lambda: workspace.current_pane().TAB_ID == "document")
        assert _field_text(field) == text


# 3. The quick-add border tells the rule of the line typed, not the bare-time rule -----------


async def test_the_quick_add_border_speaks_of_the_offset_or_date_typed(
    make_ui: Callable[..., UI],
) -> None:
    """At 120 columns "+5m" typed still showed "· 14:32 → the first 14:32 after …", and a
    dated line showed only that bare-time rule."""
    from pmtui.ui.panes.timeline import TimelinePane

    ui = make_ui()
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot, tab="timeline")
        pane = pilot.app.screen.query_one(TimelinePane)
        await pilot.press(":")
        line = pane.quick_line
        await wait_until(pilot, lambda: line.input.has_focus)
        assert "14:32 → the first 14:32 after" in str(line.input.border_subtitle)
        await pilot.press(*"+5m restarted")
        await wait_until(pilot, lambda: str(line.input.border_subtitle).startswith("+5m from "))
        assert "14:32" not in str(line.input.border_subtitle)
        await pilot.press("ctrl+a", *"2025-03-20 07:00 resolved")
        await wait_until(pilot, lambda: line.input.value.startswith("2025-03-20 07:00"))
        assert str(line.input.border_subtitle) == "a date typed: that date and time, in CET"
    assert not [event for event in ui.saved().events if "restarted" in event.text]


# 4. A refused deadline is selected, so the date typed next replaces it ----------------------


async def test_a_refused_deadline_is_replaced_by_the_next_date_typed(
    make_ui: Callable[..., UI],
) -> None:
    """Mock meeting 21a: "+1m" refused, then "+1mo" typed made "+1m+1mo", refused again."""
    ui = make_ui()
    before = len(ui.saved().actions)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, tab="actions")
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        form = pilot.app.screen
        await pilot.press(*"Stage fleet-wide OS updates", "tab", *"Tom Okafor", "tab")
        due = form.query_one("#action-due", Input)
        await wait_until(pilot, lambda: form.focused is due)
        await pilot.press(*"+1m", "ctrl+s")
        await wait_until(pilot, lambda: due.selection.start == 0 and due.selection.end == 3)
        assert pilot.app.screen is form and form.focused is due
        await pilot.press(*"+1mo")
        await wait_until(pilot, lambda: due.value == "+1mo")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(ui.saved().actions) == before + 1)
    assert ui.saved().actions[-1].due is not None


# 5. The first action item gets the Action column's whole width -------------------------------


async def test_the_first_action_item_shows_its_text_at_the_width_there_is(
    make_ui: Callable[..., UI],
) -> None:
    """Mock meeting 21b: on an empty Actions pane the first item read "Add content…" at 120
    columns until a second one was added."""
    from dataclasses import replace

    from pmtui.ui.panes.actions import ActionsPane

    ui = make_ui()
    ui.service.store.save(replace(ui.saved(), actions=()), ui.saved())
    text = "Add content validation to the channel file deploy pipeline"
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot, tab="actions")
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        await pilot.press(*text, "ctrl+s")
        await wait_until(pilot, lambda: len(ui.saved().actions) == 1)
        pane = pilot.app.screen.query_one(ActionsPane)
        await wait_until(pilot, lambda: pane.table.display and nothing_pending(pilot.app))
        region = pane.table.region
        rows = screen_lines(pilot.app)[region.y : region.bottom]
        assert any(text in row for row in rows), rows  # in the table, not only its detail


# 6. Metrics that wait for a start event say so ---------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), WIDE])
async def test_the_status_bar_says_the_metrics_wait_for_a_start_event(
    make_ui: Callable[..., UI], size: tuple[int, int]
) -> None:
    """Mock meeting 23a: with detected, mitigated and resolved events but none of kind start
    every metric read "—", and the facilitator found the cause by opening Kind lists."""
    from dataclasses import replace

    from pmtui.model.enums import EventKind
    from pmtui.ui.widgets.status_bar import MetricsLine

    ui = make_ui()
    pm = ui.saved()
    events = tuple(
        replace(e, kind=EventKind.NOTE) if e.kind is EventKind.START else e for e in pm.events
    )
    ui.service.store.save(replace(pm, events=events), pm)
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot, tab="timeline")
        line = pilot.app.screen.query_one(MetricsLine)
        await wait_until(pilot, lambda: "no start event" in str(line.render()))
        assert str(line.render()).startswith("no start event (kind start)")
        start = next(e for e in pm.events if e.kind is EventKind.START)
        pilot.app.screen.commit(
            lambda now: ui.service.edit_event(now, start.id, kind=EventKind.START)
        )
        await wait_until(pilot, lambda: "no start event" not in str(line.render()))
        assert str(line.render()).startswith("TTD ")


# 7. A long stretch of typing is cut into undo steps at words' ends -------------------------


async def test_typing_without_a_pause_is_cut_into_undo_steps_at_words_ends(
    make_ui: Callable[..., UI], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mock meeting 25a: after typing steadily for more than five seconds, ctrl+z left
    "4xx and 5xx synthetic checks page" of "paged"."""
    from pmtui.ui.panes import overview

    monkeypatch.setattr(overview, "BATCH_SECONDS", 0.0)  # every key is past the five seconds
    ui = make_ui()
    old = ui.saved().summary
    async with ui.app.run_test(size=WIDE) as pilot:
        await open_sample(pilot, tab="overview")
        area = pilot.app.screen.query_one("#field-summary", TextArea)
        area.focus()
        await wait_until(pilot, lambda: pilot.app.focused is area)
        await pilot.press("ctrl+end")
        for key in " checks paged on-call":  # each key on its own, as typed at a pace
            await pilot.press(key)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved().summary == old + " checks paged")
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        assert area.text == old + " checks paged "
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: ui.saved().summary == old + " checks")
    assert ui.saved().summary == old + " checks"


# 8. A name typed on the roll call's list finds its row -------------------------------------


async def test_a_name_typed_on_the_roll_call_list_highlights_that_person(
    make_ui: Callable[..., UI],
) -> None:
    """Mock meetings 25a, 25b: "Priya" typed on the list did nothing, and the space after it
    unticked the owner, who was still highlighted."""
    from tests.ui.test_traps10 import _on_the_roll_call_list

    ui = make_ui()
    async with ui.app.run_test(size=WIDE) as pilot:
        names = await _on_the_roll_call_list(pilot)
        ticked = set(names.selected)
        for typed, person in (("jonas", "Jonas Weber"), ("sam o", "Sam Okafor")):
            await asyncio.sleep(TYPING_SECONDS)  # each name typed on its own
            await pilot.press(*typed)
            highlighted = names.get_option_at_index(names.highlighted or 0)
            assert str(highlighted.prompt) == person
        assert set(names.selected) == ticked  # finding ticks nothing
        await asyncio.sleep(TYPING_SECONDS)
        await pilot.press("space")  # on its own: the person found
        await wait_until(pilot, lambda: set(names.selected) == ticked ^ {"Sam Okafor"})
