"""Pilot tests of the workspace over a team folder: typing reaches the post-mortem's own file,
and a post-mortem another pmtui is editing opens read-only while the others stay editable."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import TextArea

from pmtui.model.codec import postmortem_from_dict
from pmtui.service import PostMortemService
from pmtui.store import FolderStore, StoreLocked
from pmtui.store.layout import SETTINGS_NAME, TeamSettings, settings_bytes
from pmtui.ui.app import PmtuiApp, make_app
from pmtui.ui.screens.workspace import WorkspaceScreen
from tests.ui.support import (
    FIXED_NOW,
    SAMPLE_ID,
    RecordingClipboard,
    open_sample,
    sample_document,
    wait_until,
)

OTHER_ID = "pm-other"


@pytest.fixture
def team(tmp_path: Path) -> Path:
    root = tmp_path / "team"
    root.mkdir()
    (root / SETTINGS_NAME).write_bytes(settings_bytes(TeamSettings()))
    pm = postmortem_from_dict(sample_document(), now=FIXED_NOW)
    with FolderStore.open(root) as store:
        store.create(pm)
        store.create(replace(pm, id=OTHER_ID, title="Another incident"))
    return root


@pytest.fixture
def make_app_over(team: Path) -> Iterator[Callable[[], PmtuiApp]]:
    services: list[PostMortemService] = []

    def build() -> PmtuiApp:
        service = PostMortemService(FolderStore.open(team), clock=lambda: FIXED_NOW)
        services.append(service)
        return make_app(service, clipboard=RecordingClipboard())

    yield build
    for service in services:
        service.close()


def claimable(team: Path, pm_id: str) -> bool:
    with FolderStore.open(team) as store:
        try:
            store.claim(pm_id)
        except StoreLocked:
            return False
        return True


async def test_editing_in_a_team_folder_changes_that_post_mortems_file(
    team: Path, make_app_over: Callable[[], PmtuiApp]
) -> None:
    file = team / "postmortems" / f"{SAMPLE_ID}.pmtui"
    other = (team / "postmortems" / f"{OTHER_ID}.pmtui").read_bytes()
    async with make_app_over().run_test(size=(100, 30)) as pilot:
        await open_sample(pilot)
        assert not claimable(team, SAMPLE_ID)  # the workspace holds it while open
        assert claimable(team, OTHER_ID)
        area = pilot.app.screen.query_one("#field-summary", TextArea)
        area.focus()
        area.load_text("")
        await pilot.press(*"Edge cert expired.")
        await wait_until(pilot, lambda: '"Edge cert expired."' in file.read_text())
        pilot.app.screen.leave()
        await wait_until(pilot, lambda: claimable(team, SAMPLE_ID))  # released on leaving
    assert (team / "postmortems" / f"{OTHER_ID}.pmtui").read_bytes() == other


HOLDER = textwrap.dedent(
    """
    import sys
    from pmtui.store import FolderStore
    store = FolderStore.open(sys.argv[1])
    store.claim(sys.argv[2])
    print("held", flush=True)
    sys.stdin.readline()
    """
)


async def test_a_post_mortem_another_pmtui_edits_opens_read_only(
    team: Path, make_app_over: Callable[[], PmtuiApp]
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(team), SAMPLE_ID],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        before = (team / "postmortems" / f"{SAMPLE_ID}.pmtui").read_bytes()
        async with make_app_over().run_test(size=(100, 30)) as pilot:
            await open_sample(pilot)
            screen = pilot.app.screen
            banner = str(screen.query_one("#read-only-banner").render())
            assert "Read-only" in banner and f"pid {holder.pid}" in banner
            assert "Read-only" in str(screen.query_one("#save-state").render())
            assert screen.commit(lambda pm: screen.service.update(pm, title="Clash")) is None
            screen.leave()
            await wait_until(pilot, lambda: not isinstance(pilot.app.screen, WorkspaceScreen))
            pilot.app.screen.open_postmortem(OTHER_ID)
            await wait_until(
                pilot,
                lambda: (
                    isinstance(pilot.app.screen, WorkspaceScreen) and pilot.app.screen.panes_ready
                ),
            )
            other = pilot.app.screen
            assert not other.query("#read-only-banner")
            assert other.commit(lambda pm: other.service.update(pm, title="Edited")) is not None
        assert (team / "postmortems" / f"{SAMPLE_ID}.pmtui").read_bytes() == before
        assert '"title": "Edited"' in (team / "postmortems" / f"{OTHER_ID}.pmtui").read_text()
    finally:
        holder.communicate("\n", timeout=30)


async def test_a_damaged_file_is_named_once_and_the_others_are_listed(
    team: Path, make_app_over: Callable[[], PmtuiApp]
) -> None:
    from textual.widgets import DataTable

    damaged = team / "postmortems" / f"{OTHER_ID}.pmtui"
    damaged.write_text("{broken")
    async with make_app_over().run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        table = pilot.app.screen.query_one("#home-table", DataTable)
        assert [key.value for key in table.rows] == [SAMPLE_ID]
        (notice,) = [n for n in pilot.app._notifications if str(damaged) in n.message]
        assert notice.severity == "error" and "damaged" in notice.message
        # Back from the workspace the list is read again; the same file is not named again.
        await open_sample(pilot)
        pilot.app.screen.leave()
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, WorkspaceScreen))
        await pilot.pause()
        assert [key.value for key in table.rows] == [SAMPLE_ID]
        named = [n for n in pilot.app._notifications if str(damaged) in n.message]
        assert len(named) == 1
    assert damaged.read_text() == "{broken"


async def test_a_damaged_file_does_not_empty_the_actions_across_post_mortems(
    team: Path, make_app_over: Callable[[], PmtuiApp]
) -> None:
    from pmtui.ui.screens.actions_overview import ActionsOverviewScreen

    damaged = team / "postmortems" / f"{OTHER_ID}.pmtui"
    damaged.write_text("{broken")
    async with make_app_over().run_test(size=(120, 35), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ActionsOverviewScreen))
        screen = pilot.app.screen
        await wait_until(pilot, lambda: bool(screen.rows))
        assert {row.postmortem_id for row in screen.rows} == {SAMPLE_ID}
        assert any(str(damaged) in n.message for n in pilot.app._notifications)


async def test_meeting_mode_carries_over_actions_past_a_damaged_file(
    team: Path, make_app_over: Callable[[], PmtuiApp]
) -> None:
    from pmtui.ui.screens.meeting import MeetingScreen
    from pmtui.ui.widgets.big_title import BigTitle

    damaged = team / "postmortems" / f"{OTHER_ID}.pmtui"
    damaged.write_text("{broken")
    async with make_app_over().run_test(size=(120, 35), notifications=True) as pilot:
        await open_sample(pilot)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, MeetingScreen))
        screen = pilot.app.screen
        title = screen.query_one("#step-title", BigTitle)
        await wait_until(pilot, lambda: "earlier" in title.title.lower())
        await pilot.pause()
        assert screen.is_attached and pilot.app.screen is screen
    assert damaged.read_text() == "{broken"
