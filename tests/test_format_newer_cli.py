"""The CLI over a post-mortem a newer pmtui wrote: every command that would write it back
refuses in one line and leaves the file as it was; the commands that only read work; an
import, a convert and the merge driver refuse rather than drop what it holds."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from pmtui.store import pmfile
from tests.attachment_support import png_bytes
from tests.conftest import RunCli
from tests.format_support import SAMPLE_ID, make_newer_file, sample_document, team_folder
from tests.test_cli import assert_one_line_error

SAYS = "written by a newer pmtui (format 1.99; this one reads up to 1.2)"


@pytest.fixture
def newer(tmp_path: Path) -> tuple[Path, Path, bytes]:
    """A team folder whose sample file a pmtui of format 1.99 wrote: (folder, file, bytes)."""
    root = team_folder(tmp_path / "team")
    file = root / "postmortems" / f"{SAMPLE_ID}.pmtui"
    return root, file, make_newer_file(file)


def _write_commands(tmp_path: Path) -> dict[str, list[str | Path]]:
    log = tmp_path / "events.log"
    log.write_text("2025-03-19T07:10:00Z api-gateway: 5xx rate above 20%\n")
    image = tmp_path / "graph.png"
    image.write_bytes(png_bytes())
    return {
        "set": ["set", SAMPLE_ID, "title", "Renamed"],
        "delete": ["delete", SAMPLE_ID, "--yes"],
        "timeline import": ["timeline", "import", SAMPLE_ID, log, "--format", "log"],
        "attach": ["attach", SAMPLE_ID, image, "--alt", "Errors", "--section", "impact"],
    }


@pytest.mark.parametrize("command", ["set", "delete", "timeline import", "attach"])
def test_a_command_that_writes_refuses_in_one_line_and_the_file_stays(
    run_cli: RunCli, newer: tuple[Path, Path, bytes], tmp_path: Path, command: str
) -> None:
    root, file, before = newer
    result = run_cli("--db", root, *_write_commands(tmp_path)[command])
    line = assert_one_line_error(result, SAYS)
    assert "read-only here so nothing it holds is lost" in line
    assert file.read_bytes() == before
    assert not (root / "attachments").exists()  # the image was not copied for nothing


def test_the_commands_that_read_work(run_cli: RunCli, newer: tuple[Path, Path, bytes]) -> None:
    root, file, before = newer
    db = ("--db", root)
    listed = run_cli(*db, "list", "--json")
    assert listed.code == 0 and [row["id"] for row in orjson.loads(listed.out)] == [SAMPLE_ID]
    markdown = run_cli(*db, "export", SAMPLE_ID, "--format", "md")
    assert markdown.code == 0 and "certificate expired" in markdown.out
    exported = run_cli(*db, "export", SAMPLE_ID, "--format", "json")
    assert exported.code == 0 and orjson.loads(exported.out)["id"] == SAMPLE_ID
    checked = run_cli(*db, "check", SAMPLE_ID)
    assert checked.code in (0, 1) and "Traceback" not in checked.err
    assert run_cli(*db, "actions").code == 0
    assert file.read_bytes() == before


def test_importing_a_document_from_a_newer_pmtui_is_refused(
    run_pmtui: RunCli, tmp_path: Path, env_db: Path
) -> None:
    document = tmp_path / "newer.json"
    document.write_bytes(orjson.dumps({**sample_document(), "format_minor": 99, "extra": 1}))
    line = assert_one_line_error(run_pmtui("import", document), SAYS)
    assert "newer.json" in line and "importing it here would lose" in line
    assert not env_db.exists()


def test_convert_refuses_before_copying_anything(
    run_cli: RunCli, newer: tuple[Path, Path, bytes], tmp_path: Path
) -> None:
    root, _, _ = newer
    target = tmp_path / "copy.json"
    assert_one_line_error(run_cli("--db", root, "convert", "--to", target), SAYS)
    assert not target.exists()


@pytest.mark.parametrize("side", ["base", "ours", "theirs"])
def test_the_merge_driver_refuses_a_version_from_a_newer_pmtui(
    run_cli: RunCli, newer: tuple[Path, Path, bytes], tmp_path: Path, side: str
) -> None:
    _, file, newer_bytes = newer
    plain = file.read_bytes().replace(b'  "format_minor": 99,\n', b'  "format_minor": 2,\n')
    versions = {name: tmp_path / f".merge_file_{name}" for name in ("base", "ours", "theirs")}
    for name, path in versions.items():
        path.write_bytes(newer_bytes if name == side else plain)
    ours_before = versions["ours"].read_bytes()
    result = run_cli("merge-driver", *versions.values(), f"postmortems/{SAMPLE_ID}.pmtui")
    line = assert_one_line_error(result, SAYS)
    assert f"({side})" in line and "not merged" in line
    assert versions["ours"].read_bytes() == ours_before
    assert pmfile.loads_blocks(ours_before, file)  # still a readable file, never markers


def test_the_merge_driver_merges_an_older_version_and_writes_this_minor(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = team_folder(tmp_path / "team")
    current = (root / "postmortems" / f"{SAMPLE_ID}.pmtui").read_bytes()
    older = current.replace(b'  "format_minor": 2,\n', b'  "format_minor": 1,\n')
    renamed = current.replace(b'\n  "title": "', b'\n  "title": "Renamed: ', 1)
    versions = {name: tmp_path / f".merge_file_{name}" for name in ("base", "ours", "theirs")}
    for name, content in (("base", older), ("ours", older), ("theirs", renamed)):
        versions[name].write_bytes(content)
    result = run_cli("merge-driver", *versions.values(), f"postmortems/{SAMPLE_ID}.pmtui")
    assert (result.code, result.err) == (0, "")
    header = pmfile.loads_blocks(versions["ours"].read_bytes(), versions["ours"])[0]
    assert header["format_minor"] == 2 and header["title"].startswith("Renamed: ")
