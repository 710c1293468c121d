"""Tests what the home screen loads before its first paint: only what the list shows.

In a fresh interpreter (a test process has long since imported everything), as
tests/test_import_hygiene.py does for the headless layers.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pmtui.store.layout import SETTINGS_NAME, TeamSettings, settings_bytes

#: Loaded only when asked for: a dialog, a multi-line text box, Rich's emoji table, undo's
#: history (the first edit loads it), time zones and calendars (the list shows dates only),
#: what reads or writes whole post-mortems (the list is read from the file's summary sidecar
#: or the team folder's summary cache), random ids (drawn when something is written), the
#: walk of every UI module (a keymap file or F1 asks for it), and filelock (the writer lock
#: is taken with flock; filelock only where flock is missing).
NOT_BEFORE_THE_FIRST_PAINT = (
    "pmtui.ui.modals.new_postmortem",
    "pmtui.ui.modals.confirm",
    "textual.widgets._text_area",
    "rich._emoji_codes",
    "pmtui.history",
    "zoneinfo",
    "calendar",
    "tinydb",
    "pmtui.store.records",
    "pmtui.store.handover",
    "pmtui.store.pmfile",
    "pmtui.store.checked_files",
    "secrets",
    "pkgutil",
    "filelock",
)

SAMPLE_STORED = """
import sys
from datetime import date

import orjson

from pmtui.model.codec import postmortem_from_dict
from pmtui.resources import sample_files
from pmtui.store import open_store

with open_store(sys.argv[1]) as store:
    store.create(postmortem_from_dict(orjson.loads(sample_files()[0].read_bytes())))
    store.listing(date.today())  # a team folder keeps its summaries from its first listing
"""

HOME_PAINTED = """
import sys
from pathlib import Path

from pmtui.service import open_service
from pmtui.ui.app import make_app

service, _ = open_service(Path(sys.argv[1]))
with service:
    app = make_app(service)

    async def painted(pilot):
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "HomeScreen"
        assert pilot.app.screen.query_one("#home-table").row_count == 1
        print(" ".join(sorted(sys.modules)))
        pilot.app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=painted)
"""


@pytest.mark.parametrize("kind", ["file", "team folder"])
def test_the_home_screen_paints_without_loading_dialogs_or_text_areas(
    tmp_path: Path, kind: str
) -> None:
    database = tmp_path / "postmortems.json"
    if kind == "team folder":
        database = tmp_path / "team"
        database.mkdir()
        (database / SETTINGS_NAME).write_bytes(settings_bytes(TeamSettings()))
    python = [sys.executable, "-c"]
    subprocess.run([*python, textwrap.dedent(SAMPLE_STORED), database], check=True, timeout=60)
    done = subprocess.run(
        [*python, textwrap.dedent(HOME_PAINTED), database],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert "textual.widgets._data_table" in loaded  # the check itself sees what loads
    assert sorted(loaded.intersection(NOT_BEFORE_THE_FIRST_PAINT)) == []
