"""Tests of reading keymap.toml: what applies, and what is named and skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmtui.ui.keymap import load_keymap

IDS = {"timeline.stamp", "timeline.add"}


def _load(tmp_path: Path, text: str) -> tuple[dict[str, str], list[str]]:
    path = tmp_path / "keymap.toml"
    path.write_text(text, encoding="utf-8")
    keymap = load_keymap(path, lambda: IDS)
    return keymap.keys, keymap.problems


@pytest.mark.parametrize(
    "text",
    [
        '"timeline.stamp" = "ctrl+s"\n',
        'timeline.stamp = "ctrl+s"\n',
        '[timeline]\nstamp = "ctrl+s"',
    ],
)
def test_quoted_dotted_or_table_ids_all_apply(tmp_path: Path, text: str) -> None:
    assert _load(tmp_path, text) == ({"timeline.stamp": "ctrl+s"}, [])


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('"timeline.stamp" = "ctrl+s\\u001b[31m"\n', "'timeline.stamp' needs a key"),
        ('"timeline.stamp" = ""\n', "'timeline.stamp' needs a key"),
        ('"timeline.stamp" = 5\n', "'timeline.stamp' needs a key"),
        ('"timeline.stamp" = "a"\n"timeline.stamp" = "b"\n', "Cannot overwrite a value"),
        ('"nope.x" = "a"\n', "unknown binding id 'nope.x'"),
        ("what\n", "line 1"),
    ],
)
def test_a_bad_line_is_named_and_the_rest_applies(tmp_path: Path, text: str, named: str) -> None:
    keys, problems = _load(tmp_path, text + '"timeline.add" = "ctrl+t"\n')
    assert keys.get("timeline.add") == "ctrl+t"
    assert len(problems) == 1 and named in problems[0]


def test_no_file_is_no_keymap_unless_the_environment_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "keymap.toml"
    monkeypatch.delenv("PMTUI_KEYMAP", raising=False)
    assert load_keymap(missing, lambda: IDS).problems == []
    monkeypatch.setenv("PMTUI_KEYMAP", str(missing))
    assert "no such file" in load_keymap(missing, lambda: IDS).problems[0]


def test_a_folder_is_not_read(tmp_path: Path) -> None:
    assert "not a regular file" in load_keymap(tmp_path, lambda: IDS).problems[0]
