"""Pilot tests of what opening a post-mortem and saving a change cost: only the pane in front
is composed, each other pane is built when first shown and fills itself once, fields and hints
are not laid out again for nothing, and the footer looks at its keys at most once between two
refreshes."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey

from pmtui.ui.panes import findings
from pmtui.ui.panes.actions import ActionsPane
from pmtui.ui.panes.findings import FindingsPane
from pmtui.ui.panes.overview import OverviewPane
from pmtui.ui.panes.timeline import TimelinePane
from pmtui.ui.panes.whys import WhysPane
from pmtui.ui.widgets.footer import PmtuiFooter
from pmtui.ui.widgets.form_field import FormField
from pmtui.ui.widgets.hint_line import BlameHintLine
from tests.ui.support import open_sample, wait_until


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: type, name: str, calls: Counter) -> None:  # type: ignore[type-arg]
    """Count calls of `owner.name` by the class of the object called, then run it."""
    method = getattr(owner, name)

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls[type(self).__name__] += 1
        return method(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, counted)


def updates_inside(monkeypatch: pytest.MonkeyPatch, kinds: tuple[type, ...]) -> list[str]:
    """The ids (or classes) of the `kinds` whose Statics are given new content from now on."""
    updated: list[str] = []
    update = Static.update

    def counted(static: Static, *args: Any, **kwargs: Any) -> None:
        for node in static.ancestors_with_self:
            if isinstance(node, kinds):
                updated.append(f"{node.id} {static.id or static.classes}")
        update(static, *args, **kwargs)

    monkeypatch.setattr(Static, "update", counted)
    return updated


async def test_opening_fills_each_pane_once(make_ui, monkeypatch) -> None:
    # Binding a pane to its screen handed it the post-mortem it was mounted with once more:
    # the Timeline, Five Whys and Actions filled themselves twice, the Checks ran twice.
    monkeypatch.setattr(findings, "RECHECK_DELAY_SECONDS", 0.01)
    shows: Counter[str] = Counter()
    for pane in (TimelinePane, WhysPane, ActionsPane):
        count_calls(monkeypatch, pane, "_show", shows)
    count_calls(monkeypatch, FindingsPane, "_check", shows)
    builds: Counter[str] = Counter()
    for pane in (OverviewPane, TimelinePane, WhysPane, ActionsPane, FindingsPane):
        count_calls(monkeypatch, pane, "compose", builds)
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        workspace = pilot.app.screen
        await wait_until(pilot, lambda: workspace.checks_counted)
        await pilot.pause()
        # Opening composes the pane in front alone: no other pane is built or filled.
        assert [pane.TAB_ID for pane in workspace.panes()] == ["overview"]
        assert shows == {} and builds == {"OverviewPane": 1}
        # Each pane is built when its tab is first shown, and only then; showing it again
        # builds nothing more.
        for tab in ("timeline", "whys", "actions", "checks", "timeline", "checks"):
            workspace.action_show_tab(tab)
        await wait_until(pilot, lambda: len(workspace.panes()) == 5 and workspace.panes_ready)
        checks = workspace.query_one(FindingsPane)
        await wait_until(pilot, lambda: checks.up_to_date and shows["ActionsPane"] > 0)
        await pilot.pause()
        assert shows == {"TimelinePane": 1, "WhysPane": 1, "ActionsPane": 1, "FindingsPane": 1}
        assert set(builds.values()) == {1} and len(builds) == 5
        # A saved change reaches every pane, once.
        workspace.commit(lambda pm: ui.service.update(pm, owner="Dana Kim"))
        await wait_until(pilot, lambda: shows["FindingsPane"] == 2 and checks.up_to_date)
        assert shows == {"TimelinePane": 2, "WhysPane": 2, "ActionsPane": 2, "FindingsPane": 2}


async def test_opening_hides_field_errors_without_laying_the_form_out_again(
    make_ui, monkeypatch
) -> None:
    # Each of the 25 fields cleared an error it never showed as it was mounted.
    updated = updates_inside(monkeypatch, (FormField,))
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        workspace = pilot.app.screen
        # Only the customer fields' hints, which say what their defaults are.
        cleared = [name for name in updated if "field-error" in name or "field-hint" in name]
        assert [name for name in cleared if not name.startswith("ff-customer_")] == []
        owner = workspace.query_one("#ff-owner", FormField)
        assert owner.query_one(".field-label").display
        assert not owner.query_one(".field-error").display
        assert not owner.query_one(".field-hint").display  # it has none
        assert workspace.query_one("#ff-timezone .field-hint").display
        assert not workspace.query_one("#ff-summary .field-label").display
        # An error is shown, then cleared once the field is valid again.
        timezone = workspace.query_one("#ff-timezone", FormField)
        timezone.set_error("Unknown timezone 'Mars/Base'")
        await pilot.pause()
        assert timezone.query_one(".field-error").display
        assert not timezone.query_one(".field-hint").display
        timezone.set_error("")
        await pilot.pause()
        assert not timezone.query_one(".field-error").display
        assert timezone.query_one(".field-hint").display
        assert not timezone.has_class("-invalid")


async def test_a_header_save_updates_no_hint_line_and_no_whys_step(make_ui, monkeypatch) -> None:
    # Every save gave all 11 blame-hint lines, the customer fields' hints and every factor
    # and step of the Five Whys their same words again, laying out panes the user was not
    # even looking at.
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        workspace = pilot.app.screen
        updated = updates_inside(monkeypatch, (BlameHintLine, WhysPane, FormField))
        workspace.commit(lambda pm: ui.service.update(pm, owner="Dana Kim"))
        await pilot.pause()
        assert workspace.query_one("#field-owner", Input).value == "Dana Kim"
        assert updated == []
        # A narrative that now blames someone still gets its hint.
        workspace.commit(lambda pm: ui.service.update(pm, impact="Dana forgot the renewal."))
        await pilot.pause()
        hint = workspace.query_one("#blame-impact", BlameHintLine)
        assert hint.display and "forgot" in hint.text
        assert updated == ["blame-impact blame-impact"]


async def test_the_footer_looks_at_its_keys_once_between_two_refreshes(
    make_ui, monkeypatch
) -> None:
    # Opening a post-mortem updates the bindings a dozen times between two refreshes; the
    # footer compared its keys after each of them.
    happened: dict[Screen, list[str]] = {}  # type: ignore[type-arg]
    refresh = Screen._compositor_refresh
    recompose = PmtuiFooter.recompose

    def refreshed(screen: Screen) -> None:  # type: ignore[type-arg]
        happened.setdefault(screen, []).append(".")
        refresh(screen)

    async def looked(footer: PmtuiFooter) -> None:
        happened.setdefault(footer.screen, []).append("L")
        await recompose(footer)

    monkeypatch.setattr(Screen, "_compositor_refresh", refreshed)
    monkeypatch.setattr(PmtuiFooter, "recompose", looked)
    ui = make_ui()
    async with ui.app.run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        await pilot.pause()
        workspace = pilot.app.screen
        looks = "".join(happened[workspace])
        assert "L" in looks and "LL" not in looks, looks
        footer = workspace.query_one(PmtuiFooter)
        assert "Home" in [key.description for key in footer.query(FooterKey)]
