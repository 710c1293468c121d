"""`pmtui attach` and the exports of attachments, through the real CLI."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from pmtui.export.html import export_html
from pmtui.export.markdown_attachments import alt_text
from tests.attachment_support import HOSTILE_SVG, png_bytes
from tests.conftest import RunCli


def _new(run_pmtui: RunCli, tmp_path: Path) -> tuple[str, str]:
    """A post-mortem with one event; its id and the event's id."""
    document = {
        "format": "pmtui/1",
        "title": "Checkout outage",
        "timezone": "UTC",
        "timeline": [{"id": "ev1", "at": "2026-03-01T09:14:00Z", "kind": "alert", "text": "Pager"}],
    }
    source = tmp_path / "pm.json"
    source.write_text(json.dumps(document))
    created = run_pmtui("import", source)
    assert created.code == 0, created.err
    return created.out.strip(), "ev1"


def _one_line_error(result) -> None:  # type: ignore[no-untyped-def]
    assert result.code == 1
    assert result.err.startswith("pmtui: error: ")
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err


def test_attach_list_and_remove(run_pmtui: RunCli, tmp_path: Path, env_db: Path) -> None:
    pm_id, event_id = _new(run_pmtui, tmp_path)
    (tmp_path / "graph.png").write_bytes(png_bytes())
    added = run_pmtui(
        "attach", pm_id, tmp_path / "graph.png", "--alt", "Error rate", "--event", event_id
    )
    assert added.code == 0, added.err
    attachment_id, path = added.out.split()
    digest = hashlib.sha256(png_bytes()).hexdigest()
    assert Path(path) == env_db.parent / f"{env_db.name}.attachments" / f"{digest}.png"
    listed = run_pmtui("attach", pm_id, "--list", "--json")
    assert [(a["id"], a["event"], a["alt"]) for a in json.loads(listed.out)] == [
        (attachment_id, event_id, "Error rate")
    ]
    exported = json.loads(run_pmtui("export", pm_id, "--format", "json").out)
    assert exported["attachments"][0]["sha256"] == digest
    removed = run_pmtui("attach", pm_id, "--remove", attachment_id)
    assert removed.code == 0, removed.err
    assert "no attachments" in run_pmtui("attach", pm_id, "--list").out


def test_bad_input_gets_one_line_and_changes_nothing(
    run_cli: RunCli, tmp_path: Path, env_db: Path
) -> None:
    pm_id, _event_id = _new(run_cli, tmp_path)
    (tmp_path / "script.png").write_text("#!/bin/sh\necho pwned\n")
    (tmp_path / "graph.png").write_bytes(png_bytes())
    (tmp_path / "link.png").symlink_to(tmp_path / "graph.png")
    attempts = [
        ("attach", pm_id, tmp_path / "script.png", "--alt", "x", "--section", "impact"),
        ("attach", pm_id, tmp_path / "link.png", "--alt", "x", "--section", "impact"),
        ("attach", pm_id, "/dev/zero", "--alt", "x", "--section", "impact"),
        ("attach", pm_id, tmp_path / "graph.png", "--section", "impact"),  # no alt, no tty
        ("attach", pm_id, tmp_path / "graph.png", "--alt", "x", "--event", "nope"),
        ("attach", pm_id, tmp_path / "graph.png", "--alt", "x", "--section", "../etc"),
        ("attach", pm_id, tmp_path / "graph.png", "--alt", "x"),
        ("attach", pm_id, "--remove", "nope"),
    ]
    for argv in attempts:
        _one_line_error(run_cli(*argv))
    assert "no attachments" in run_cli("attach", pm_id, "--list").out
    assert not (env_db.parent / f"{env_db.name}.attachments").exists()


def test_markdown_export_links_images_and_copies_them_beside_the_file(
    run_cli: RunCli, tmp_path: Path
) -> None:
    pm_id, event_id = _new(run_cli, tmp_path)
    (tmp_path / "graph.png").write_bytes(png_bytes())
    (tmp_path / "latency.svg").write_bytes(HOSTILE_SVG)
    run_cli(
        "attach", pm_id, tmp_path / "graph.png", "--alt", "Error [5xx] rate", "--event", event_id
    )
    run_cli(
        "attach", pm_id, tmp_path / "latency.svg", "--alt", "p99 latency", "--section", "impact"
    )
    out = tmp_path / "out" / "doc.md"
    out.parent.mkdir()
    assert run_cli("export", pm_id, "-o", out).code == 0
    text = out.read_text()
    png = f"{hashlib.sha256(png_bytes()).hexdigest()}.png"
    svg = f"{hashlib.sha256(HOSTILE_SVG).hexdigest()}.svg"
    assert f"![Error \\[5xx\\] rate](attachments/{png})" in text
    assert f"## Impact\n\n![p99 latency](attachments/{svg})" in text
    assert (out.parent / "attachments" / png).read_bytes() == png_bytes()
    assert (out.parent / "attachments" / svg).read_bytes() == HOSTILE_SVG


def test_html_export_embeds_images_as_data_uris_and_never_inlines_an_svg(
    run_cli: RunCli, tmp_path: Path
) -> None:
    pm_id, _event_id = _new(run_cli, tmp_path)
    (tmp_path / "latency.svg").write_bytes(HOSTILE_SVG)
    run_cli(
        "attach", pm_id, tmp_path / "latency.svg", "--alt", "p99 latency", "--section", "impact"
    )
    page = run_cli("export", pm_id, "--format", "html").out
    encoded = base64.b64encode(HOSTILE_SVG).decode()
    assert f'<img src="data:image/svg+xml;base64,{encoded}" alt="p99 latency">' in page
    assert "img-src data:;" in page
    assert "<svg" not in page and "<script" not in page and "attacker.example" not in page


def test_an_export_whose_image_file_is_missing_says_so_and_still_writes(
    run_cli: RunCli, tmp_path: Path, env_db: Path
) -> None:
    """Mock 39c: in a database without the attachments folder, the page held a dead link and
    `export` said nothing; only `pmtui check` named the missing file."""
    pm_id, event_id = _new(run_cli, tmp_path)
    (tmp_path / "graph.png").write_bytes(png_bytes())
    added = run_cli(
        "attach", pm_id, tmp_path / "graph.png", "--alt", "Error rate", "--event", event_id
    )
    Path(added.out.split()[1]).unlink()
    for fmt in ("html", "md"):
        exported = run_cli("export", pm_id, "--format", fmt)
        assert exported.code == 0 and "Checkout outage" in exported.out
        assert exported.err.startswith("pmtui: warning: the image 'Error rate' cannot be shown: ")
        assert exported.err.rstrip().endswith("is missing; the document only links to it")
        assert exported.err.count("\n") == 1
    assert run_cli("export", pm_id, "--format", "json").err == ""


def test_html_without_attachments_keeps_images_blocked() -> None:
    page = export_html("# T\n\n![x](attachments/" + "ab" * 32 + ".png)\n")
    assert "img-src 'none'" in page
    assert "<img" not in page
    # A path that is not an attachment pmtui read stays a link even when asked to embed.
    hostile = {"attachments/x.png": "javascript:alert(1)"}
    page = export_html("# T\n\n![x](attachments/x.png)\n", images=hostile)
    assert "<img" not in page and "javascript" not in page and "img-src 'none'" in page


def test_alt_text_cannot_break_out_of_the_image() -> None:
    assert re.fullmatch(r"a \\\[b\\\]\(c\)", alt_text("a [b](c)"))
    assert alt_text("Error [5xx] rate") == "Error \\[5xx\\] rate"
    page = export_html("![" + alt_text("x] ![y](javascript:alert(1)) [") + "](a.png)")
    assert page.count("<a ") == 1 and 'href="javascript' not in page


def test_convert_takes_the_attached_files_along(
    run_cli: RunCli, tmp_path: Path, env_db: Path
) -> None:
    pm_id, event_id = _new(run_cli, tmp_path)
    (tmp_path / "graph.png").write_bytes(png_bytes())
    added = run_cli(
        "attach", pm_id, tmp_path / "graph.png", "--alt", "Error rate", "--event", event_id
    )
    assert added.code == 0, added.err
    digest = hashlib.sha256(png_bytes()).hexdigest()
    team = tmp_path / "team"
    converted = run_cli("convert", "--to", team)
    assert converted.code == 0, converted.err
    assert "copied 1 attachment files" in converted.out
    assert (team / "attachments" / f"{digest}.png").read_bytes() == png_bytes()
    checked = run_cli("--db", team, "check", pm_id, "--json")
    rules = {finding["rule"] for finding in json.loads(checked.out)["findings"]}
    assert "attachment-missing" not in rules
    back = tmp_path / "back.json"
    assert run_cli("--db", team, "convert", "--to", back).code == 0
    assert (tmp_path / "back.json.attachments" / f"{digest}.png").read_bytes() == png_bytes()
