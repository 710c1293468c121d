"""Golden documents for every public fixture and the bundled sample in every built-in template,
and the promise that a copied template (`pmtui templates copy`) renders them byte-identical.

The golden files were first written by the Python renderers the templates replaced, so they
also pin that the move to template files changed no byte. Regenerate after an intended change:
    PMTUI_UPDATE_GOLDEN=1 pytest tests/test_templates_golden.py
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from pmtui.export.markdown import TEMPLATES, export_markdown, export_markdown_with
from pmtui.model.codec import postmortem_from_dict
from pmtui.model.postmortem import PostMortem
from pmtui.resources import sample_files
from tests.conftest import pmtui_command

# The copies are written once for the module, into one shared folder.
pytestmark = pytest.mark.xdist_group("templates-golden")

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("PMTUI_UPDATE_GOLDEN") == "1"
PUBLIC = sorted((Path(__file__).parent / "data" / "public").glob("*.json"))
DOCUMENTS = {path.stem: path for path in [*PUBLIC, *sample_files()]}
# Fixed, so the overdue marks and the tally never change with the day the tests run.
TODAY = date(2026, 12, 6)
CASES = [(slug, template) for slug in DOCUMENTS for template in TEMPLATES]


@cache
def postmortem(slug: str) -> PostMortem:
    return postmortem_from_dict(json.loads(DOCUMENTS[slug].read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each built-in template copied by the real `pmtui templates copy`."""
    folder = tmp_path_factory.mktemp("copies")
    paths = {}
    for template in TEMPLATES:
        path = folder / f"my-{template}.md.j2"
        done = subprocess.run(
            [*pmtui_command(), "templates", "copy", template, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        paths[template] = path
    return paths


def test_every_fixture_and_the_sample_is_covered() -> None:
    assert len(DOCUMENTS) == len(PUBLIC) + len(sample_files()) >= 10
    assert {path.stem for path in GOLDEN.glob("*_*.md")} >= {
        f"{slug}_{template}" for slug, template in CASES
    }


@pytest.mark.parametrize(("slug", "template"), CASES)
def test_golden_document(slug: str, template: str) -> None:
    markdown = export_markdown(postmortem(slug), template, today=TODAY)
    path = GOLDEN / f"{slug}_{template}.md"
    if UPDATE_GOLDEN:
        path.write_text(markdown, encoding="utf-8", newline="\n")
    assert markdown == path.read_text(encoding="utf-8"), f"{path.name} differs; see the docstring"


@pytest.mark.parametrize(("slug", "template"), CASES)
def test_a_copied_template_renders_byte_identical(
    copies: dict[str, Path], slug: str, template: str
) -> None:
    copy = copies[template]
    source = copy.read_text(encoding="utf-8")
    pm = postmortem(slug)
    assert export_markdown_with(pm, source, copy.name, today=TODAY) == export_markdown(
        pm, template, today=TODAY
    )
