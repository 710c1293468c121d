"""Tests of writing exports to files: exact text, crash-safe replacement, clear error sentences
and the file name an export is offered under."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from pmtui.export import files
from pmtui.export.files import describe_write_error, slugify, suggested_filename, write_document


def test_writes_exactly_the_text_as_utf8_without_newline_translation(tmp_path: Path) -> None:
    target = tmp_path / "pm.md"
    text = "# Überlast\r\n\nline\n"
    write_document(target, text)
    assert target.read_bytes() == text.encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["pm.md"]  # no temporary file left


def test_replacing_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "pm.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_document(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "pm.md"
    target.write_text("old", encoding="utf-8")

    def broken_replace(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_document(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["pm.md"]


def test_missing_folder_and_folder_targets_raise_and_are_described(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "pm.md"
    with pytest.raises(FileNotFoundError) as error:
        write_document(missing, "x")
    assert (
        describe_write_error(missing, error.value) == f"The folder {missing.parent} does not exist."
    )
    with pytest.raises(IsADirectoryError) as folder_error:
        write_document(tmp_path, "x")
    assert "is a folder" in describe_write_error(tmp_path, folder_error.value)


def test_permission_errors_name_the_target_not_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "pm.md"
    error = PermissionError(13, "Permission denied", str(tmp_path / ".pm.md.1.ab.tmp"))
    assert describe_write_error(target, error) == f"No permission to write {target}."


def test_a_refused_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root here, which a read-only folder does not stop: refuse the rename.
    target = tmp_path / "pm.md"
    target.write_text("old document")

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("pmtui.atomicfile.os.replace", refuse)
    with pytest.raises(PermissionError):
        write_document(target, "new document")
    assert target.read_text() == "old document"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pm.md"]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Public API unreachable (TLS)", "public-api-unreachable-tls"),
        ("Überlast im Rechenzentrum", "uberlast-im-rechenzentrum"),
        ("  !!! ", "postmortem"),
        ("a" * 59 + " bcd", "a" * 59),
        ("x" * 100, "x" * 60),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_suggested_filename_has_the_incident_date_when_there_is_one() -> None:
    assert suggested_filename("Edge down", date(2025, 3, 19), "md") == "edge-down-2025-03-19.md"
    assert suggested_filename("Edge down", None, ".json") == "edge-down.json"
