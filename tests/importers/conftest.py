"""Fixtures for the evidence importer tests: the fixture folder and Slack export zips."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SLACK_EXPORT = FIXTURES / "slack_export"


def zip_folder(folder: Path, target: Path, *, wrapper: str = "", macos_junk: bool = False) -> Path:
    """Zip `folder` the way Slack does (files at the top), or inside a `wrapper` folder as a
    hand-made zip of the unpacked export would be, optionally with macOS's __MACOSX files."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                name = path.relative_to(folder).as_posix()
                archive.write(path, f"{wrapper}/{name}" if wrapper else name)
                if macos_junk:
                    junk = f"__MACOSX/{wrapper}/{path.parent.relative_to(folder).as_posix()}"
                    archive.writestr(f"{junk}/._{path.name}", b"\x00\x05\x16\x07junk")
    return target


@pytest.fixture
def slack_zip(tmp_path: Path) -> Path:
    return zip_folder(SLACK_EXPORT, tmp_path / "Acme Slack export Mar 11 2025.zip")


@pytest.fixture
def fixture_path() -> Path:
    return FIXTURES
