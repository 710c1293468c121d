"""Tests of the default timezone for a new post-mortem."""

from __future__ import annotations

import pytest

from pmtui import localzone


def test_tz_variable_wins_when_it_names_a_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", ":Europe/Berlin")
    assert localzone.local_timezone_name() == "Europe/Berlin"


def test_nonsense_tz_falls_back_to_the_system_zone_or_utc(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    monkeypatch.setenv("TZ", "Mars/Olympus")
    monkeypatch.setattr(localzone, "Path", lambda _p: tmp_path / "missing")
    assert localzone.local_timezone_name() == "UTC"


def test_etc_localtime_link_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.delenv("TZ", raising=False)
    zone_file = tmp_path / "usr/share/zoneinfo/America/New_York"
    zone_file.parent.mkdir(parents=True)
    zone_file.write_bytes(b"TZif")
    link = tmp_path / "localtime"
    link.symlink_to(zone_file)
    monkeypatch.setattr(
        localzone, "Path", lambda p: link if p == "/etc/localtime" else tmp_path / "none"
    )
    assert localzone.local_timezone_name() == "America/New_York"
