"""A post-mortem a newer pmtui wrote opens read-only in the workspace: the reason in the
banner and the status bar, an edit refused with it, its file never written or locked."""

from __future__ import annotations

from pathlib import Path

from pmtui.service import PostMortemService
from pmtui.store import FolderStore, StoreLocked
from pmtui.ui.app import make_app
from tests.format_support import FIXED_NOW, SAMPLE_ID, make_newer_file, team_folder
from tests.ui.support import RecordingClipboard, open_sample, wait_until

SAYS = "written by a newer pmtui (format 1.99; this one reads up to 1.2)"


def claimable(team: Path, pm_id: str) -> bool:
    with FolderStore.open(team) as store:
        try:
            store.claim(pm_id)
        except StoreLocked:
            return False
        return True


async def test_a_post_mortem_from_a_newer_pmtui_opens_read_only(tmp_path: Path) -> None:
    team = team_folder(tmp_path / "team")
    file = team / "postmortems" / f"{SAMPLE_ID}.pmtui"
    before = make_newer_file(file)
    with PostMortemService(FolderStore.open(team), clock=lambda: FIXED_NOW) as service:
        app = make_app(service, clipboard=RecordingClipboard())
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await open_sample(pilot, tab="timeline")
            screen = pilot.app.screen
            assert SAYS in str(screen.query_one("#read-only-banner").render())
            assert "Read-only" in str(screen.query_one("#save-state").render())
            assert claimable(team, SAMPLE_ID)  # no lock: the newer pmtui may go on writing
            assert screen.commit(lambda pm: screen.service.update(pm, title="Renamed")) is None
            await wait_until(pilot, lambda: any(SAYS in n.message for n in app._notifications))
            await pilot.press("d")  # the timeline's delete key: refused, nothing asked
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert pilot.app.screen is screen
    assert file.read_bytes() == before
