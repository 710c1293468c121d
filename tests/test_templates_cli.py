"""`pmtui templates` and `pmtui export ID --template FILE`, through the real command: the
built-ins listed, copied to an editable file that renders byte-identical, a team's file
rendered, and every bad template or file refused in one line with exit 1 and nothing lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pmtui.cli.templates import MAX_TEMPLATE_BYTES
from pmtui.cli.templates_parser import BUILTIN_NAMES
from pmtui.export.template_engine import BUILTIN_TEMPLATES, builtin_source
from tests.conftest import CliResult, RunCli


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "pm.json"


@pytest.fixture
def pm_id(run_cli: RunCli, db: Path, sample_path: Path) -> str:
    done = run_cli("--db", db, "import", sample_path)
    assert done.code == 0, done.err
    return done.out.strip()


def one_line_error(result: CliResult, starts: str) -> None:
    assert result.code == 1, result
    assert result.out == ""
    assert result.err.startswith(f"pmtui: error: {starts}"), result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err


def test_templates_lists_the_built_ins_with_one_line_each(run_cli: RunCli) -> None:
    assert tuple(BUILTIN_TEMPLATES) == BUILTIN_NAMES
    for argv in (["templates"], ["templates", "list"]):
        result = run_cli(*argv)
        assert result.code == 0 and result.err == ""
        lines = result.out.splitlines()
        assert [line.split()[0] for line in lines] == ["full", "light", "customer"]
        assert all(len(line.split()) > 3 for line in lines)


def test_a_copied_template_renders_what_the_built_in_renders(
    run_cli: RunCli, db: Path, pm_id: str, tmp_path: Path
) -> None:
    for name in BUILTIN_NAMES:
        copy = tmp_path / f"ours-{name}.md.j2"
        copied = run_cli("templates", "copy", name, copy)
        assert copied.code == 0, copied.err
        assert copy.read_text(encoding="utf-8") == builtin_source(name)
        by_name = run_cli("--db", db, "export", pm_id, "--template", name)
        by_file = run_cli("--db", db, "export", pm_id, "--template", copy)
        assert by_name.code == by_file.code == 0, by_file.err
        assert by_file.out == by_name.out and by_file.err == ""


def test_an_edited_template_renders_and_can_write_to_a_file(
    run_cli: RunCli, db: Path, pm_id: str, tmp_path: Path
) -> None:
    template = tmp_path / "status.md.j2"
    template.write_text(
        "# {{ pm.title }}\n\n{% for a in actions.items if a.overdue %}- {{ a.text }}\n"
        "{% endfor %}\n{{ actions.items|length }} actions\n",
        encoding="utf-8",
    )
    out = tmp_path / "status.md"
    result = run_cli("--db", db, "export", pm_id, "--template", template, "-o", out)
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Public API unreachable") and text.endswith(" actions\n")


def test_copy_never_replaces_a_file_without_force(run_cli: RunCli, tmp_path: Path) -> None:
    edited = tmp_path / "ours.md.j2"
    edited.write_text("our edits\n", encoding="utf-8")
    refused = run_cli("templates", "copy", "light", edited)
    one_line_error(refused, f"{edited} exists")
    assert edited.read_text(encoding="utf-8") == "our edits\n"
    assert run_cli("templates", "copy", "light", edited, "--force").code == 0
    assert edited.read_text(encoding="utf-8") == builtin_source("light")
    printed = run_cli("templates", "copy", "customer", "-")
    assert printed.code == 0 and printed.out == builtin_source("customer")


def test_copy_with_force_onto_a_folder_or_a_pipe_is_refused_in_one_line(
    run_pmtui: RunCli, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.md.j2"
    os.mkfifo(fifo)
    for path, expected in (
        (tmp_path, f"{tmp_path} is a folder; give a file name\n"),
        (fifo, f"{fifo} is a named pipe (FIFO), not a regular file; give a file name\n"),
    ):
        result = run_pmtui("templates", "copy", "light", path, "--force", timeout=20)
        one_line_error(result, expected)
    assert fifo.is_fifo() and not (tmp_path / "light").exists()


def test_copy_of_an_unknown_template_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("templates", "copy", "fancy", tmp_path / "x.md.j2")
    assert result.code == 2 and "invalid choice: 'fancy'" in result.err
    assert not (tmp_path / "x.md.j2").exists()


def test_a_broken_template_is_one_line_and_the_output_file_is_kept(
    run_cli: RunCli, db: Path, pm_id: str, tmp_path: Path
) -> None:
    template = tmp_path / "my.md.j2"
    out = tmp_path / "published.md"
    out.write_text("the last good export\n", encoding="utf-8")
    for source, expected in (
        ("# T\n\n{{ pm.title }\n", "my.md.j2:3: unexpected '}'"),
        ("# T\n{{ pm.nope }}\n", "my.md.j2:2: "),
        ("{{ ''.__class__ }}", "my.md.j2:1: access to attribute '__class__'"),
        ("{% include 'x' %}", "my.md.j2:1: a template is one file"),
    ):
        template.write_text(source, encoding="utf-8")
        result = run_cli(
            "--db", db, "export", pm_id, "--template", "my.md.j2", "-o", out, cwd=tmp_path
        )
        one_line_error(result, expected)
        assert out.read_text(encoding="utf-8") == "the last good export\n"


def test_a_template_file_that_is_not_one_is_refused(
    run_pmtui: RunCli, db: Path, pm_id: str, tmp_path: Path
) -> None:
    binary = tmp_path / "logo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    huge = tmp_path / "huge.md.j2"
    huge.write_bytes(b"x" * (MAX_TEMPLATE_BYTES + 1))
    fifo = tmp_path / "pipe.md.j2"
    os.mkfifo(fifo)
    for path, expected in (
        (binary, f"{binary}: not a template"),
        (huge, f"{huge}: larger than 1 MiB"),
        (tmp_path, f"{tmp_path}: is a folder"),
        (fifo, f"{fifo}: is a named pipe"),
    ):
        # A pipe is refused without waiting for a writer.
        one_line_error(
            run_pmtui("--db", db, "export", pm_id, "--template", path, timeout=20), expected
        )


def test_a_missing_template_is_a_usage_error(run_cli: RunCli, db: Path, pm_id: str) -> None:
    result = run_cli("--db", db, "export", pm_id, "--template", "fancy")
    assert result.code == 2
    assert "'fancy' is neither a built-in template (full, light, customer) nor a file" in result.err


def test_a_customer_template_refuses_a_postmortem_without_a_customer_message(
    run_cli: RunCli, db: Path, tmp_path: Path
) -> None:
    pm_id = run_cli("--db", db, "new", "Quiet night").out.strip()
    copy = tmp_path / "ours.md.j2"
    assert run_cli("templates", "copy", "customer", copy).code == 0
    for template in ("customer", copy):
        result = run_cli("--db", db, "export", pm_id, "--template", template)
        one_line_error(result, f"post-mortem {pm_id}: there is no customer version")


def test_templates_vars_describes_the_names(run_cli: RunCli) -> None:
    result = run_cli("templates", "vars")
    assert result.code == 0 and result.err == ""
    for name in ("pm.title", "sections", "timeline.rows", "actions.items[i].owner", "raw"):
        assert f"  {name} " in result.out
    assert "UNSAFE" in result.out
