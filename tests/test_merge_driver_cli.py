"""`pmtui merge-driver` as git runs it (a child process), and `pmtui check` on its result."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from pmtui.model.codec import postmortem_to_dict
from pmtui.model.postmortem import MergeConflict
from pmtui.store import pmfile
from tests.conftest import RunCli
from tests.merge_support import base_postmortem
from tests.test_cli import assert_one_line_error

PATH = "postmortems/pm1.pmtui"


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path, Path]:
    base = base_postmortem()
    files = []
    for name, pm in (
        ("base", base),
        ("ours", replace(base, title="Ours")),
        ("theirs", replace(base, owner="Theirs")),
    ):
        path = tmp_path / f".merge_file_{name}"
        path.write_bytes(pmfile.dumps(pm))
        files.append(path)
    return files[0], files[1], files[2]


def test_the_merge_is_written_into_ours_and_exits_0(
    run_pmtui: RunCli, versions: tuple[Path, Path, Path]
) -> None:
    base, ours, theirs = versions
    result = run_pmtui("merge-driver", base, ours, theirs, PATH)
    assert (result.code, result.out, result.err) == (0, "", "")
    merged = pmfile.loads(ours.read_bytes(), ours)
    assert (merged.title, merged.owner, merged.conflicts) == ("Ours", "Theirs", ())


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"<<<<<<< HEAD\n", "does not start with '{'"),
        (b'{"_block": "postmortem"\n', "not a sequence of JSON blocks"),
        (b"\x00\xff\xfe binary", "does not start with '{'"),
        (b'{"_block": "event"}\n', "no post-mortem block first"),
    ],
)
def test_an_unreadable_version_is_refused_naming_the_path_and_ours_is_untouched(
    run_cli: RunCli, versions: tuple[Path, Path, Path], content: bytes, says: str
) -> None:
    base, ours, theirs = versions
    theirs.write_bytes(content)
    before = ours.read_bytes()
    result = run_cli("merge-driver", base, ours, theirs, PATH)
    line = assert_one_line_error(result, f"{PATH} (their version)", says)
    assert ".merge_file" not in line  # git's temporary names mean nothing to the user
    assert ours.read_bytes() == before


def test_a_missing_version_file_is_refused(
    run_cli: RunCli, versions: tuple[Path, Path, Path]
) -> None:
    base, ours, theirs = versions
    theirs.unlink()
    before = ours.read_bytes()
    assert_one_line_error(run_cli("merge-driver", base, ours, theirs, PATH), PATH)
    assert ours.read_bytes() == before


def test_check_reports_each_merge_conflict_as_blocking(run_cli: RunCli, tmp_path: Path) -> None:
    pm = replace(
        base_postmortem(),
        conflicts=(MergeConflict("action_items[a1].owner", "Mateo", "Lena", "Jonas"),),
    )
    source = tmp_path / "merged.json"
    source.write_bytes(orjson.dumps(postmortem_to_dict(pm)))
    imported = run_cli("import", source)
    assert imported.code == 0, imported.err
    pm_id = imported.out.strip()
    result = run_cli("check", pm_id)
    assert result.code == 1
    assert (
        "blocking merge-conflict at action_items[a1].owner: two edits clashed: "
        "kept 'Mateo', the other was 'Lena'"
    ) in result.out
    assert "Not ready to publish." in result.out
    document = orjson.loads(run_cli("check", pm_id, "--json").out)
    assert document["findings"][0]["rule"] == "merge-conflict"
    assert document["findings"][0]["severity"] == "blocking"


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_check_shows_as_kept_the_value_pmtui_set_put_in_place(
    run_cli: RunCli, tmp_path: Path, kind: str
) -> None:
    db = tmp_path / ("pm.json" if kind == "file" else "team")
    if kind == "folder":
        assert run_cli("init", db).code == 0
    pm = replace(
        base_postmortem(),
        conflicts=(
            MergeConflict("title", "Ours", "Theirs", "Base"),
            MergeConflict("action_items[a1].owner", "Mateo", "Lena", "Jonas"),
        ),
    )
    source = tmp_path / "merged.json"
    source.write_bytes(orjson.dumps(postmortem_to_dict(pm)))
    imported = run_cli("--db", db, "import", source)
    assert imported.code == 0, imported.err
    pm_id = imported.out.strip()
    changed = run_cli("--db", db, "set", pm_id, "title", "Typed after the merge")
    assert changed.code == 0, changed.err
    result = run_cli("--db", db, "check", pm_id)
    assert (
        "blocking merge-conflict at title: two edits clashed: "
        "kept 'Typed after the merge', the other was 'Theirs'"
    ) in result.out
    # A conflict elsewhere keeps its own kept value.
    assert "kept 'Mateo', the other was 'Lena'" in result.out
    document = orjson.loads(run_cli("--db", db, "export", pm_id, "--format", "json").out)
    kept = {conflict["where"]: conflict["kept"] for conflict in document["conflicts"]}
    assert kept == {"title": "Typed after the merge", "action_items[a1].owner": "Mateo"}


def test_a_crafted_path_stays_one_visible_line(
    run_cli: RunCli, versions: tuple[Path, Path, Path]
) -> None:
    base, ours, theirs = versions
    theirs.write_bytes(b"not a post-mortem")
    result = run_cli("merge-driver", base, ours, theirs, "p\x1b[31mred\nsecond line")
    line = assert_one_line_error(result, "p\\u001b[31mred\\u000asecond line (their version)")
    assert "\x1b" not in line


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_special_file_as_a_version_is_refused_without_waiting(
    run_pmtui: RunCli, versions: tuple[Path, Path, Path], kind: str
) -> None:
    base, ours, theirs = versions
    theirs.unlink()
    if kind == "fifo":
        os.mkfifo(theirs)
    else:
        theirs.mkdir()
    result = run_pmtui("merge-driver", base, ours, theirs, PATH, timeout=30)
    assert_one_line_error(result, f"{PATH} (their version)")


def test_a_conflict_value_nested_too_deeply_is_refused(
    run_cli: RunCli, versions: tuple[Path, Path, Path]
) -> None:
    base, ours, theirs = versions
    deep = "[" * 300 + "]" * 300
    raw = theirs.read_bytes().replace(
        b'"_block": "postmortem",',
        b'"_block": "postmortem", "conflicts": [{"where": "title", "kept": '
        + deep.encode()
        + b', "other": 1}],',
        1,
    )
    theirs.write_bytes(raw)
    result = run_cli("merge-driver", base, ours, theirs, PATH)
    assert_one_line_error(result, "conflicts[0].kept nests too deeply")


def test_a_symlinked_ours_is_written_through_and_stays_a_link(
    run_cli: RunCli, versions: tuple[Path, Path, Path]
) -> None:
    base, ours, theirs = versions
    link = ours.with_name("link")
    link.symlink_to(ours)
    assert run_cli("merge-driver", base, link, theirs, PATH).code == 0
    assert link.is_symlink()
    assert pmfile.loads(ours.read_bytes(), ours).owner == "Theirs"
