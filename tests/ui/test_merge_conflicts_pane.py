"""Pilot tests of merge conflicts in the Checks tab: both values side by side, one key
settles it, the file changes at once, and ctrl+z reopens it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Static

from pmtui.model.codec import postmortem_from_dict
from pmtui.model.postmortem import MergeConflict
from pmtui.store import PostMortemStore
from pmtui.ui.modals.help import _binding_rows
from pmtui.ui.panes.findings import FindingsPane
from tests.ui.support import (
    FIXED_NOW,
    SAMPLE_ID,
    database_path,
    open_sample,
    sample_document,
    wait_until,
)

WHERE = "action_items[act-renewal-alert].owner"
CONFLICT = MergeConflict(WHERE, "Jonas Weber", "Priya Raman", "Sam Okafor")


def seed_conflict(tmp_path: Path) -> None:
    """The sample as a merge left it: Jonas kept as owner, Priya from the other side."""
    pm = postmortem_from_dict(sample_document(), now=FIXED_NOW)
    with PostMortemStore.open(database_path(tmp_path)) as store:
        store.create(replace(pm, conflicts=(CONFLICT,)))


async def _conflict_selected(pilot) -> FindingsPane:  # type: ignore[no-untyped-def]
    pane = pilot.app.screen.query_one(FindingsPane)
    await wait_until(pilot, lambda: pane.up_to_date)
    assert pane.up_to_date
    pane.select("merge-conflict", WHERE)
    pane.focus_default()
    await pilot.pause()
    return pane


def _text(pane: FindingsPane, selector: str) -> str:
    return str(pane.query_one(selector, Static).render())


async def test_both_values_show_side_by_side_and_o_takes_the_other(make_ui, tmp_path) -> None:
    seed_conflict(tmp_path)
    ui = make_ui()
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await open_sample(pilot, tab="checks")
        pane = await _conflict_selected(pilot)
        assert pane.query_one("#conflict-sides").display
        kept, other = _text(pane, "#conflict-kept"), _text(pane, "#conflict-other")
        assert "Kept" in kept and "Jonas Weber" in kept
        assert "other side" in other and "Priya Raman" in other
        active = pilot.app.active_bindings.values()
        footer_keys = {b.binding.key for b in active if b.binding.show and b.enabled}
        assert {"k", "o"} <= footer_keys
        help_rows = {(key, does) for _, key, does, _ in _binding_rows(pilot.app.screen)}
        assert {("k", "Keep this"), ("o", "Take other")} <= help_rows
        palette = {c.title for c in pane.palette_commands()}
        assert "Checks: take the other value for the selected merge conflict" in palette
        await pilot.press("o")
        await pilot.pause()
        saved = ui.saved()
        assert saved.action("act-renewal-alert").owner == "Priya Raman"
        assert saved.conflicts == ()
        await wait_until(
            pilot, lambda: pane.up_to_date and not pane.query_one("#conflict-sides").display
        )
        assert all(entry.rule != "merge-conflict" for entry in pane.entries())
        await pilot.press("ctrl+z")
        await pilot.pause()
        again = ui.saved()
        assert again.conflicts == (CONFLICT,)
        assert again.action("act-renewal-alert").owner == "Jonas Weber"


async def test_k_keeps_the_value_in_place(make_ui, tmp_path) -> None:
    seed_conflict(tmp_path)
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="checks")
        await _conflict_selected(pilot)
        await pilot.press("k")
        await pilot.pause()
        saved = ui.saved(SAMPLE_ID)
        assert saved.conflicts == ()
        assert saved.action("act-renewal-alert").owner == "Jonas Weber"


async def test_the_keys_are_hidden_without_conflicts(make_ui) -> None:
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="checks")
        pane = pilot.app.screen.query_one(FindingsPane)
        assert pane.check_action("take_other", ()) is False
        assert pane.check_action("keep_kept", ()) is False
        assert not pane.query_one("#conflict-sides").display


async def test_the_keys_are_grey_on_a_finding_that_is_no_conflict(make_ui, tmp_path) -> None:
    seed_conflict(tmp_path)
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot, tab="checks")
        vague = "Look into it"
        pilot.app.screen.commit(lambda pm: ui.service.edit_action(pm, "act-edge-probe", text=vague))
        pane = pilot.app.screen.query_one(FindingsPane)
        pane.recheck()
        await _conflict_selected(pilot)
        assert pane.check_action("take_other", ()) is True
        pane.select("vague-action", "action_items[act-edge-probe].text")
        await pilot.pause()
        assert pane.check_action("take_other", ()) is None
        assert not pane.query_one("#conflict-sides").display
        await pilot.press("o")
        await pilot.pause()
        assert ui.saved().conflicts == (CONFLICT,)  # nothing settled from another row
