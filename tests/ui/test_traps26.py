"""Pilot tests of traps the session-26 review of mock meetings 20 to 25 left open: the word a
priority means, typed on the action form's Priority, picks it; a finding that wraps on Checks
keeps its lines under its place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input, TextArea

from pmtui.model.enums import Priority, parse_enum
from pmtui.ui.modals.action_form import DUE_HINT, ActionItemModal, describe_due
from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.panes.findings import hanging
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets import type_select
from pmtui.ui.widgets.type_select import TypeSelect
from tests.ui.support import (
    UI,
    nothing_pending,
    open_sample,
    recorded_notifications,
    screen_lines,
    wait_for_screen,
    wait_until,
)
from tests.ui.test_traps7b import open_action_form


@pytest.fixture(autouse=True)
def one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # One type-ahead run however slowly a loaded machine hands the keys over.
    monkeypatch.setattr(type_select, "TYPE_AHEAD_PAUSE", 60.0)


def test_the_words_a_file_or_command_takes_for_a_priority_still_mean_it() -> None:
    assert [parse_enum(Priority, word) for word in ("critical", "high", "medium", "low")] == [
        Priority.P1,
        Priority.P2,
        Priority.P3,
        Priority.P4,
    ]


@pytest.mark.parametrize(("typed", "saved"), [("high", "P2"), ("low", "P4"), ("3", "P3")])
async def test_a_priority_word_typed_on_priority_picks_it(
    make_ui: Callable[..., UI], typed: str, saved: str
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        form = await open_action_form(pilot)
        await pilot.press(*"Alert on cert expiry", "tab", *"Priya", "tab", *"2027-01-15")
        priority = form.query_one("#action-priority", TypeSelect)
        await pilot.press("tab")
        await wait_until(pilot, lambda: form.focused is priority)
        await pilot.press(*typed)
        await wait_until(pilot, lambda: priority.value == saved)
        label = f"{saved} · {dict(P1='critical', P2='high', P3='medium', P4='low')[saved]}"
        assert any(label in line for line in screen_lines(pilot.app))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
    added = [a for a in ui.saved().actions if a.text == "Alert on cert expiry"]
    assert [a.priority for a in added] == [Priority(saved)]


# A finding that wraps keeps its lines under the place --------------------------------------


def test_hanging_wraps_below_the_width_and_indents_every_later_line() -> None:
    text = "'Route alerts by an impact label' was due 2025-04-30 (586 days ago) and is still open"
    wrapped = hanging(text, 40).split("\n")
    assert len(wrapped) == 3
    assert all(line.startswith("\u00a0\u00a0") for line in wrapped[1:])
    assert all(len(line) <= 38 for line in wrapped[:1]) and all(len(x) <= 40 for x in wrapped)
    assert " ".join(line.strip("\u00a0") for line in wrapped) == text
    assert hanging(text, 0) == text  # the width is not known yet


def _list_rows(app: App[Any]) -> list[str]:
    """The finding list's lines as drawn, leading spaces kept."""
    listing = app.screen.query_one("#checks-list")
    region = listing.region
    strips = app.screen._compositor.render_strips()
    return [
        "".join(s.text for s in strips[y]).replace("\u00a0", " ")[region.x : region.right].rstrip()
        for y in range(region.y, region.bottom)
    ]


@pytest.mark.parametrize("width", [80, 60])
async def test_a_finding_that_wraps_keeps_its_lines_under_its_place(
    make_ui: Callable[..., UI], width: int
) -> None:
    ui = make_ui()
    long_text = (
        "Improve monitoring of every public edge hostname across all of the regions and "
        "providers we run today"
    )
    ui.service.add_action(ui.saved(), text=long_text, assign_later=True)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await open_sample(pilot, "checks")
        await wait_until(
            pilot, lambda: any("Improve monitoring" in x for x in _list_rows(pilot.app))
        )
        if width != 80:
            await pilot.resize_terminal(width, 24)
            await wait_until(pilot, lambda: pilot.app.screen.size.width == width)
            await pilot.pause(0.2)
        rows = [row for row in _list_rows(pilot.app) if row.strip()]
        marked = [row for row in rows if row.startswith(("! ", "✗ ", "· ", "✓ "))]
        assert marked, rows
        headings = [row for row in rows if row.endswith(")") and row[0].isalpha()]
        # Every other line (a wrapped place, the message and its wrapped lines) starts under
        # the place, two columns in.
        rest = [row for row in rows if row not in marked and row not in headings]
        assert len(rest) > len(marked), rows
        assert all(row.startswith("  ") and not row.startswith("   ") for row in rest), rows
        assert all(len(row) <= width for row in rows)


# Words typed on a form's button are said to go nowhere ------------------------------------


async def test_words_typed_on_a_forms_button_are_quoted_in_a_notice(
    make_ui: Callable[..., UI],
) -> None:
    """Mock meeting 26a: a tab too many put the focus on a button, and a sentence typed
    there went nowhere without a word."""
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        form = await open_action_form(pilot)
        told = recorded_notifications(form)
        form.query_one("#cancel").focus()
        await pilot.pause()
        await pilot.press("space")  # a space alone says nothing
        await pilot.press(*"Renewal never failed")
        await pilot.pause()
        assert told[-1] == (
            "“Renewal never failed” was typed on the Cancel button, where it goes nowhere: "
            "shift+tab goes back to the fields."
        )
        assert len(told) == len("Renewal never failed")  # one notice, replaced per key
        assert pilot.app.screen is form  # the space inside the words pressed nothing


# Tab reaches every field of a form before its buttons ------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 35), (160, 45)])
async def test_tab_from_the_customer_words_reaches_the_verification_before_the_buttons(
    make_ui: Callable[..., UI], size: tuple[int, int]
) -> None:
    """Mock meeting 26b: at 120x35 the docked buttons came before the verification fields
    scrolled below them; the verification typed after two tabs went onto the buttons, and
    ctrl+s saved the item without it."""
    ui = make_ui()
    async with ui.app.run_test(size=size) as pilot:
        await open_sample(pilot, "actions")
        await pilot.press("e")
        await wait_for_screen(pilot, ActionItemModal)
        form = pilot.app.screen
        assert isinstance(form, ActionItemModal)
        edited = form.query_one("#action-text", Input).value
        form.query_one("#action-customer_text").focus()
        await pilot.pause()
        await pilot.press("tab", *"Staging drill paged on-call in 2 min", "tab", *"today")
        await pilot.pause()
        verified = form.query_one("#action-verified_how", Input)
        assert pilot.app.focused is form.query_one("#action-verified_on")
        assert verified.region.height > 0  # scrolled into sight
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
    (saved,) = [a for a in ui.saved().actions if a.text == edited]
    assert saved.verified_how == "Staging drill paged on-call in 2 min"
    assert saved.verified_on is not None


# Words typed on a tick list that find nothing are said to --------------------------------


async def test_words_typed_on_a_tick_list_that_find_no_row_say_so(
    make_ui: Callable[..., UI],
) -> None:
    """Mock meeting 26b: the factor form opens on its events list; "The" typed there (meant
    for a box) vanished without a word."""
    from tests.ui.test_traps10 import _on_the_roll_call_list

    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        names = await _on_the_roll_call_list(pilot)
        told = recorded_notifications(names)
        ticked = set(names.selected)
        await pilot.press(*"Qz")
        await pilot.pause()
        assert told and told[-1].startswith("No row here has a word starting with “Qz”")
        assert set(names.selected) == ticked


def test_a_deadline_typed_in_minutes_says_so_while_typing() -> None:
    """Mock meeting 27b: "+1m" (the timeline's minutes) showed only the format help until
    save refused it."""
    today = date(2026, 12, 7)
    assert describe_due("+1m", today) == "+1m is minutes; a deadline in months is +1mo"
    assert describe_due("+1mo", today).startswith("→ Thu 07 Jan 2027")
    assert describe_due("+1", today) == DUE_HINT  # still being typed


# A pane digit alone right after creating shows its pane ----------------------------------


@pytest.mark.parametrize(
    ("typed", "summary", "pane"), [("2", "", "timeline"), ("2FA", "2FA", "overview")]
)
async def test_a_pane_digit_alone_right_after_creating_shows_its_pane(
    make_ui: Callable[..., UI], typed: str, summary: str, pane: str
) -> None:
    """Tried in tmux: after creating, `2` pressed alone (for the Timeline) went into the
    Summary, where pmtui had put the cursor; "2FA …" typed there stays text."""
    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        await pilot.press(*"Checkout errors after cache flush", "enter")
        await wait_for_screen(pilot, WorkspaceScreen)
        workspace = pilot.app.screen
        area = workspace.query_one("#field-summary", TextArea)
        await wait_until(pilot, lambda: workspace.focused is area)
        await wait_until(pilot, lambda: nothing_pending(pilot.app))
        await pilot.press(*typed)
        await wait_until(pilot, lambda: workspace.query_one("#tabs").active == pane)
        await wait_until(pilot, lambda: area.text == summary)
