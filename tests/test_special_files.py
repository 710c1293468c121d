"""Files that are not plain files: pipes and devices are refused at once and left as they
are, `-o -` and `-o /dev/stdout` print, and a symlinked database is used through its target.

Every run that meets a pipe or a device is a real pmtui process with a timeout: a pmtui that
opens a named pipe or /dev/zero to read it waits for ever, and the test must say so instead of
waiting with it; `-o /dev/stdout` is the process's own output. The rest runs in-process.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmtui.store import PostMortemStore, StoreError, StoreLocked
from tests.importers.conftest import SLACK_EXPORT

#: Seconds a refusal may take: pmtui's start-up on a busy machine, never a wait on a pipe.
PROMPTLY = 20
DEVICES = {"null": (1, 3), "zero": (1, 5)}


def one_line_error(result) -> str:
    assert result.code == 1, result
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pmtui: error: "), result.err
    assert "Traceback" not in result.err and "unexpected" not in result.err
    return lines[0]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "evidence.json"
    os.mkfifo(path)
    return path


@pytest.fixture(params=sorted(DEVICES))
def char_device(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """/dev/null or /dev/zero: a node of the test's own where it may make one (as root), so a
    pmtui that replaces the node with a file cannot damage the machine's; else the real one."""
    name = request.param
    node = tmp_path / name
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(*DEVICES[name]))
    except OSError:
        node = Path("/dev") / name
    yield node
    assert stat.S_ISCHR(node.lstat().st_mode), f"{node} is no longer a character device"


@pytest.fixture
def pm_id(run_cli) -> str:
    created = run_cli("new", "Checkout errors after deploy", "--date", "2025-03-11")
    assert created.code == 0, created
    return created.out.strip()


# Named pipes ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["list"], ["new", "Title"]])
def test_a_fifo_as_the_database_is_refused_at_once(run_pmtui, fifo: Path, command) -> None:
    result = run_pmtui("--db", fifo, *command, timeout=PROMPTLY)
    assert "is a named pipe (FIFO), not a regular file" in one_line_error(result)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert not fifo.with_name(fifo.name + ".lock").exists()


def test_a_fifo_as_the_json_to_import_is_refused_at_once(run_pmtui, fifo: Path) -> None:
    result = run_pmtui("import", fifo, timeout=PROMPTLY)
    assert one_line_error(result) == (
        f"pmtui: error: {fifo}: is a named pipe (FIFO), not a regular file"
    )


def test_a_fifo_as_timeline_evidence_is_refused_at_once(run_pmtui, fifo: Path, pm_id) -> None:
    result = run_pmtui("timeline", "import", pm_id, fifo, timeout=PROMPTLY)
    assert one_line_error(result) == (
        f"pmtui: error: {fifo}: is a named pipe (FIFO), not a regular file"
    )


def test_a_fifo_inside_a_slack_export_folder_is_refused_at_once(
    run_pmtui, tmp_path: Path, pm_id
) -> None:
    export = shutil.copytree(SLACK_EXPORT, tmp_path / "slack")
    day = export / "inc-auth-outage" / "2025-03-12.json"
    day.unlink()
    os.mkfifo(day)
    result = run_pmtui("timeline", "import", pm_id, export, timeout=PROMPTLY)
    message = one_line_error(result)
    assert "inc-auth-outage/2025-03-12.json" in message
    assert "is a named pipe (FIFO), not a regular file" in message


# Devices ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["list"], ["new", "Title"]])
def test_a_character_device_as_the_database_is_refused_and_left_alone(
    run_pmtui, char_device: Path, command
) -> None:
    result = run_pmtui("--db", char_device, *command, timeout=PROMPTLY)
    assert one_line_error(result) == (
        f"pmtui: error: {char_device} is a character device, not a regular file; "
        "pmtui left it untouched"
    )


def test_export_to_a_character_device_is_refused_and_leaves_it_alone(
    run_pmtui, char_device: Path, pm_id
) -> None:
    result = run_pmtui("export", pm_id, "--format", "md", "-o", char_device, timeout=PROMPTLY)
    assert one_line_error(result) == (
        f"pmtui: error: {char_device} is a character device, not a regular file; "
        "give -o a file name"
    )


@pytest.mark.parametrize("output", ["-", "/dev/stdout"])
def test_export_to_standard_output_prints_the_document(run_pmtui, pm_id, output: str) -> None:
    before = os.lstat("/dev/stdout").st_mode
    printed = run_pmtui("export", pm_id, "--format", "md", timeout=PROMPTLY)
    result = run_pmtui("export", pm_id, "--format", "md", "-o", output, timeout=PROMPTLY)
    assert result.code == 0, result
    assert result.out == printed.out
    assert result.out.startswith("# Checkout errors after deploy\n")
    assert os.lstat("/dev/stdout").st_mode == before  # never replaced by a regular file


# A symlinked database ---------------------------------------------------------------------


def test_a_symlinked_database_is_written_through_to_its_target(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "data" / "postmortems.json"
    target.parent.mkdir()
    link = tmp_path / "pm.json"
    link.symlink_to(target)
    for title in ("First incident", "Second incident"):
        assert run_cli("--db", link, "new", title).code == 0

    assert link.is_symlink() and os.readlink(link) == str(target)
    assert b"Second incident" in target.read_bytes()
    listed = run_cli("--db", link, "list", "--json")
    assert "First incident" in listed.out and "Second incident" in listed.out
    # The lock is the target's: nothing pmtui made sits beside the link.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "pm.json"]
    assert target.with_name("postmortems.json.lock").exists()


@pytest.mark.parametrize("first_through", ["link", "target"])
def test_writers_through_the_link_and_the_target_exclude_each_other(
    tmp_path: Path, first_through: str
) -> None:
    target = tmp_path / "postmortems.json"
    link = tmp_path / "shortcut.json"
    link.symlink_to(target)
    first, second = (link, target) if first_through == "link" else (target, link)
    with PostMortemStore.open(first) as holder:
        with pytest.raises(StoreLocked) as refused:
            PostMortemStore.open(second)
        assert refused.value.pid == os.getpid()
        assert not holder.read_only


def test_a_lock_file_planted_as_a_symlink_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "notes.txt"
    victim.write_text("keep me\n")
    database = tmp_path / "postmortems.json"
    database.with_name("postmortems.json.lock").symlink_to(victim)
    with pytest.raises(StoreError) as refused:
        PostMortemStore.open(database)
    assert "postmortems.json.lock is a symlink" in str(refused.value)
    assert victim.read_text() == "keep me\n"
    assert not database.exists()
