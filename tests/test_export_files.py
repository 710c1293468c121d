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


@pytest.mark.parametrize(
    "title",
    [
        "2026-12-06 API outage",
        "API outage 2026-12-06",
        "API outage (06.12.2026)",
        "API 20261206 outage",
        "API\u2011outage \u2013 2026\u201112\u201106",  # non-ASCII dashes separate words
        "  API -- outage!! ",
    ],
)
def test_suggested_filename_gives_the_date_once_and_only_safe_characters(title: str) -> None:
    assert suggested_filename(title, date(2026, 12, 6), "md") == "api-outage-2026-12-06.md"


def test_suggested_filename_of_a_title_that_is_only_the_date_or_a_path() -> None:
    assert suggested_filename("2026-12-06", date(2026, 12, 6), "md") == "postmortem-2026-12-06.md"
    assert suggested_filename("../../etc/passwd", None, "../json") == "etc-passwd.json"
    # Another day in the title is information, not a repeat.
    assert suggested_filename("Repeat of 2026-11-02", date(2026, 12, 6), "md") == (
        "repeat-of-2026-11-02-2026-12-06.md"
    )
