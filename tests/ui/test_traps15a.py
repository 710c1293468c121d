"""Pilot tests of traps the fifteenth new-user mock meeting found (issue 12, Square 2023-09-07/08):
typing refused on a form's drop-down keeps the first save, which says so; every form that
saves on enter says it does beside its buttons; and a run every choice starts with ("s" on
Severity) changes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from pmtui.model.enums import Severity
from pmtui.ui.modals.action_form import ActionItemModal
from pmtui.ui.modals.event_form import EventFormModal
from pmtui.ui.modals.new_postmortem import NewPostMortemModal
from pmtui.ui.screens.workspace import WorkspaceScreen
from pmtui.ui.widgets import type_select
from pmtui.ui.widgets.type_select import TypeSelect, starts_every
from tests.ui.support import (
    SAMPLE_ID,
    UI,
    open_sample,
    recorded_notifications,
    wait_for_screen,
    wait_until,
)

SEVERITIES = [severity.value for severity in Severity]


@pytest.fixture(autouse=True)
def one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # One type-ahead run however slowly a loaded machine hands the keys over.
    monkeypatch.setattr(type_select, "TYPE_AHEAD_PAUSE", 60.0)


# 1. A save with typing refused on a drop-down stays once -------------------------------------


async def _action_form_with_refused_priority(pilot) -> ActionItemModal:  # type: ignore[no-untyped-def]
    """The action form filled in, then a deadline typed on Priority (a shift+tab too many)."""
    await open_sample(pilot, "actions")
    await pilot.press("a")
    await wait_for_screen(pilot, ActionItemModal)
    form = pilot.app.screen
    assert isinstance(form, ActionItemModal)
    await pilot.press(*"Rotate the pager secret", "tab", *"Priya", "tab", *"2023-12-15")
    priority = form.query_one("#action-priority", TypeSelect)
    await pilot.press("tab")
    await wait_until(pilot, lambda: form.focused is priority)
    await pilot.press(*"2027-01-15")
    await wait_until(pilot, lambda: priority.refused_run)
    return form


async def test_ctrl_s_with_typing_refused_on_a_drop_down_stays_once_and_says_so(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        form = await _action_form_with_refused_priority(pilot)
        before = len(ui.saved().actions)
        told = recorded_notifications(form)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form
        assert form.focused is form.query_one("#action-priority")
        assert len(ui.saved().actions) == before
        assert told == [
            "“2027-01-15” typed on Priority is not a choice, so it was not kept: "
            "ctrl+s again saves without it"
        ]
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
    saved = ui.saved().actions
    assert len(saved) == before + 1
    assert saved[-1].text == "Rotate the pager secret"
    assert saved[-1].owner.startswith("Priya")
    assert saved[-1].priority is None
    assert str(saved[-1].due) == "2023-12-15"


async def test_a_refused_run_left_behind_does_not_keep_the_save(
    make_ui: Callable[..., UI],
) -> None:
    """Tab away from the drop-down and the refusal is told and gone: ctrl+s saves at once."""
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        form = await _action_form_with_refused_priority(pilot)
        before = len(ui.saved().actions)
        await pilot.press("tab", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
        assert form.is_attached is False
    assert len(ui.saved().actions) == before + 1


# 2. Every form that saves on enter says so beside its buttons --------------------------------

KEYS_LINE = "enter or ctrl+s saves · escape cancels"


def _keys_line(form) -> str:  # type: ignore[no-untyped-def]
    return str(form.query_one(".modal-buttons .modal-keys", Static).render())


async def test_the_action_form_says_enter_saves_as_the_event_form_does(
    make_ui: Callable[..., UI],
) -> None:
    """Enter in the Tracker box saved the whole action item, and nothing on the form said it
    would: the event form's line beside the buttons now stands on every such form."""
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, "actions")
        await pilot.press("a")
        await wait_for_screen(pilot, ActionItemModal)
        assert _keys_line(pilot.app.screen) == KEYS_LINE
        await pilot.press("escape")
        await wait_for_screen(pilot, WorkspaceScreen)
        pilot.app.screen.action_show_tab("timeline")
        await wait_until(pilot, lambda: pilot.app.screen.panes_ready)
        await pilot.press("a")
        await wait_for_screen(pilot, EventFormModal)
        assert _keys_line(pilot.app.screen) == KEYS_LINE


# 3. A run every choice starts with changes nothing -------------------------------------------


def test_a_run_every_choice_starts_with_names_no_choice() -> None:
    assert starts_every(SEVERITIES, "s")
    assert starts_every(SEVERITIES, "Sev")
    assert not starts_every(SEVERITIES, "sev2")
    assert not starts_every(SEVERITIES, "2")
    assert not starts_every(["SEV3"], "s")  # one choice: typing it picks it


class _Severity(App[None]):
    def compose(self) -> ComposeResult:
        yield TypeSelect(
            [(severity, severity) for severity in SEVERITIES], value="SEV3", allow_blank=False
        )


@pytest.mark.parametrize(
    ("typed", "shown", "refused"),
    [
        ("s", "SEV3", False),  # moved on to SEV4 by the same-letter rule
        ("se", "SEV3", False),  # picked SEV1
        ("sev", "SEV3", False),
        ("sev2", "SEV2", False),  # the run goes on
        ("2", "SEV2", False),
        ("sex", "SEV3", True),
    ],
)
async def test_a_common_prefix_typed_on_a_drop_down_keeps_its_value(
    typed: str, shown: str, refused: bool
) -> None:
    app = _Severity()
    async with app.run_test(size=(80, 24)) as pilot:
        select = app.query_one(TypeSelect)
        select.focus()
        await pilot.press(*typed)
        await pilot.pause()
        assert (select.value, select.refused_run) == (shown, refused)


async def test_s_typed_on_the_new_post_mortems_severity_keeps_sev3(
    make_ui: Callable[..., UI],
) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await wait_for_screen(pilot, NewPostMortemModal)
        form = pilot.app.screen
        severity = form.query_one("#severity", TypeSelect)
        await pilot.press(*"Checkout latency spike", "tab")
        await wait_until(pilot, lambda: form.focused is severity)
        await pilot.press("s")
        await pilot.pause()
        assert severity.value == "SEV3"
        assert not severity.refused_run
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen))
    (pm_id,) = set(ui.saved_ids()) - {SAMPLE_ID}
    assert ui.saved(pm_id).severity is Severity.SEV3
