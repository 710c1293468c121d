"""Tests that the TUI's launch keeps what lives on out of the cyclic collector's walks."""

from __future__ import annotations

import gc
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
