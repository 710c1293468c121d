"""Provides the paths of files shipped with pmtui (styles, sample data), installed or not."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """`name` inside the installed package (wheel), else at the top of a source checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"pmtui's {name} folder is missing from this installation")


def sample_files() -> list[Path]:
    return sorted(resource_dir("sample_data").glob("*.json"))
