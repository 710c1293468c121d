"""Tests that the TUI's launch keeps what lives on out of the cyclic collector's walks."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from pmtui.ui import app as app_module
from pmtui.ui import launch


class _AppThatRecords:
    """Stands in for PmtuiApp: records how many objects were frozen when it ran."""

    def __init__(self) -> None:
        self.frozen_when_run = -1
        self.return_code = 0

    def run(self) -> None:
        self.frozen_when_run = gc.get_freeze_count()


def test_objects_built_before_the_app_runs_are_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder = _AppThatRecords()
    monkeypatch.setattr(app_module, "make_app", lambda *args, **kwargs: recorder)
    gc.unfreeze()
    try:
        assert launch.run_workspace(tmp_path / "pm.json") == 0
    finally:
        gc.unfreeze()
    # Every module and class loaded by then: far more than a handful of objects.
    assert recorder.frozen_when_run > 10_000


def test_the_collector_waits_until_the_start_up_is_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Start-up builds thousands of objects (Textual's modules, the app, the listing) and no
    # garbage worth a walk: the collector runs again once they are frozen, while the app runs.
    collections: list[str] = []
    recorder = _AppThatRecords()

    def make_app(*args: object, **kwargs: object) -> _AppThatRecords:
        kept = [[n] for n in range(50_000)]  # far past the collector's first threshold
        recorder.kept = kept  # type: ignore[attr-defined]
        return recorder

    def noted(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append("during start-up" if recorder.frozen_when_run < 0 else "later")

    monkeypatch.setattr(app_module, "make_app", make_app)
    gc.unfreeze()
    gc.callbacks.append(noted)
    try:
        assert launch.run_workspace(tmp_path / "pm.json") == 0
        assert gc.isenabled()  # and running again once the app runs
    finally:
        gc.callbacks.remove(noted)
        gc.unfreeze()
    assert "during start-up" not in collections


#: `pmtui --db FILE` up to the workspace's launch: which of pmtui's heavy modules are loaded.
BEFORE_THE_LAUNCH = """
import sys
from pmtui.cli.main import main
from pmtui.ui import launch

def launched(path, *, confine_to=None):
    heavy = ("pmtui.cli.commands", "pmtui.model.postmortem", "pmtui.service")
    heavy += ("pmtui.store.database", "pmtui.store.folder")
    print(" ".join(name for name in heavy if name in sys.modules))
    return 0

launch.run_workspace = launched
sys.exit(main(["--db", sys.argv[1]]))
"""


def test_the_model_service_and_store_load_inside_the_held_start_up(tmp_path: Path) -> None:
    # Loaded before the launch, their objects were walked by the collections meanwhile; the
    # launch loads them while the collector waits (the test above).
    done = subprocess.run(
        [sys.executable, "-c", BEFORE_THE_LAUNCH, str(tmp_path / "pm.json")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "\n"
