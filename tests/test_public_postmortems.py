"""Provides the checks that real public post-mortems survive pmtui from import to every export.

The fixtures in tests/data/public/ were entered by hand from the companies' own public
write-ups (each names its source and the date it was read in its supporting links). They hold
what real documents hold: Markdown lists and code spans in the narrative, `pg_basebackup`,
`infrastructure#1094`, `>99.999%`, `->`, `~`, a regex full of pipes and backticks, incidents
spanning days and weeks, display zones other than UTC.

Every fixture is imported once per module through `pmtui import` and exported through
`pmtui export`, all in this process (`main(argv)`): the process boundary is not what is tested
here, and tests/test_cli.py runs `import` in real processes.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pymarkdown.api import PyMarkdownApi

from pmtui.analysis.customer import customer_window
from pmtui.cli import main
from pmtui.cli.templates_parser import BUILTIN_NAMES as TEMPLATES
from pmtui.model.codec import postmortem_from_dict, postmortem_to_dict

DATA = Path(__file__).parent / "data" / "public"
FIXTURES = {path.stem: path for path in sorted(DATA.glob("*.json"))}
SLUGS = list(FIXTURES)
# Fixed, so a relative or date-less value in a fixture could never read differently tomorrow.
NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
# Minted on every import, so never the same between two imports of one document.
PER_IMPORT = ("id", "created_at", "updated_at")
# Read-only figures an export adds for other tools; an import ignores them.
EXPORT_ONLY = ("metrics",)


@dataclass(frozen=True)
class Corpus:
    """The fixtures after `pmtui import`, with every export made from them."""

    ids: dict[str, str]
    exported: dict[str, dict[str, Any]]  # slug -> export --format json, parsed
    reexported: dict[str, dict[str, Any]]  # slug -> that export imported and exported again
    markdown: dict[tuple[str, str], str]  # (slug, template) -> export --template
    folder: Path


# The corpus is imported and exported once per worker that runs these tests: one worker.
pytestmark = pytest.mark.xdist_group("public-postmortems")


def _cli(*argv: str | Path, quiet: bool = False) -> str:
    """Run pmtui's entry point in this process; its stdout, or a failure naming the call.

    `quiet`: the run must also print nothing on stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(arg) for arg in argv])
    assert code == 0, f"pmtui {' '.join(map(str, argv))} -> {code}: {err.getvalue()}"
    assert not (quiet and err.getvalue()), f"pmtui {' '.join(map(str, argv))}: {err.getvalue()}"
    return out.getvalue()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    root = tmp_path_factory.mktemp("public")
    # One database per fixture: each import is the first in its file.
    databases = {slug: root / "db" / f"{slug}.json" for slug in FIXTURES}
    (root / "db").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        # Module scope runs before the per-test isolation, so it isolates itself the same way.
        home = root / "home"
        patch.setenv("HOME", str(home))
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            patch.setenv(name, str(home / name.lower()))
        patch.delenv("PMTUI_DB", raising=False)
        patch.delenv("PMTUI_DEBUG", raising=False)
        ids = {
            slug: _cli("--db", databases[slug], "import", path, quiet=True).strip()
            for slug, path in FIXTURES.items()
        }
        exported, reexported, markdown = {}, {}, {}
        for slug, pm_id in ids.items():
            db = ("--db", databases[slug])
            first = root / f"{slug}.json"
            _cli(*db, "export", pm_id, "--format", "json", "-o", first)
            exported[slug] = json.loads(first.read_text(encoding="utf-8"))
            again_id = _cli(*db, "import", first).strip()
            reexported[slug] = json.loads(_cli(*db, "export", again_id, "--format", "json"))
            for template in TEMPLATES:
                target = root / f"{slug}.{template}.md"
                _cli(*db, "export", pm_id, "--template", template, "-o", target)
                markdown[(slug, template)] = target.read_text(encoding="utf-8")
        yield Corpus(ids, exported, reexported, markdown, root)


def fixture_document(slug: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(FIXTURES[slug].read_text(encoding="utf-8"))
    return document


def without(document: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key not in keys}


# The corpus itself --------------------------------------------------------------------------


def test_at_least_eight_real_postmortems_with_multi_day_ones_among_them() -> None:
    assert len(FIXTURES) >= 8
    long_ones = []
    for slug in SLUGS:
        pm = postmortem_from_dict(fixture_document(slug), now=NOW)
        start = min(e.at for e in pm.events if e.kind == "start")
        resolved = max(e.at for e in pm.events if e.kind == "resolved")
        if resolved - start >= timedelta(days=1):
            long_ones.append(slug)
    assert len(long_ones) >= 2, long_ones


@pytest.mark.parametrize("slug", SLUGS)
def test_fixture_names_its_public_source_and_when_it_was_read(slug: str) -> None:
    links = fixture_document(slug)["links"]
    assert re.search(r"Source \(read \d{4}-\d{2}-\d{2}\): \[[^\]]+\]\(https://[^)\s]+\)", links)


@pytest.mark.parametrize("slug", SLUGS)
def test_fixture_holds_what_a_publishable_postmortem_needs(slug: str) -> None:
    document = fixture_document(slug)
    for section in ("summary", "impact", "detection", "response", "lessons", "customer_message"):
        assert document[section].strip(), section
    kinds = {event["kind"] for event in document["timeline"]}
    assert {"start", "resolved"} <= kinds
    assert any(chain["root_cause"] for chain in document["whys"])
    assert document["action_items"]


@pytest.mark.parametrize("slug", SLUGS)
def test_fixture_invents_no_priority_type_or_deadline(slug: str) -> None:
    # The write-ups name none of these; whatever an export shows for them came from pmtui.
    for action in fixture_document(slug)["action_items"]:
        assert not {"priority", "kind", "type", "due"} & set(action), action["id"]


# Import and JSON round trip -----------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_import_keeps_everything_the_fixture_says(corpus: Corpus, slug: str) -> None:
    expected = postmortem_to_dict(postmortem_from_dict(fixture_document(slug), now=NOW))
    exported = without(corpus.exported[slug], PER_IMPORT + EXPORT_ONLY)
    assert exported == without(expected, PER_IMPORT)


@pytest.mark.parametrize("slug", SLUGS)
def test_json_export_imports_back_unchanged(corpus: Corpus, slug: str) -> None:
    assert corpus.reexported[slug]["id"] != corpus.exported[slug]["id"]
    assert without(corpus.reexported[slug], ("id",)) == without(corpus.exported[slug], ("id",))


# Markdown in every template -----------------------------------------------------------------


@cache
def table_linter() -> PyMarkdownApi:
    # The command line default does not parse GFM tables (the test below runs it as is); with
    # the extension on, the table rules check every row as GitHub would read it.
    api = PyMarkdownApi().disable_rule_by_identifier("md013")
    return api.enable_extension_by_identifier("markdown-tables")


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("slug", SLUGS)
def test_markdown_lints_clean_with_tables_parsed(corpus: Corpus, slug: str, template: str) -> None:
    result = table_linter().scan_string(corpus.markdown[(slug, template)])
    findings = [
        f"{failure.rule_id} line {failure.line_number}: {failure.rule_description}"
        for failure in result.scan_failures
    ]
    assert findings == []


def test_every_export_passes_the_pymarkdown_command_line(corpus: Corpus) -> None:
    paths = sorted(str(path) for path in corpus.folder.glob("*.md"))
    assert len(paths) == len(SLUGS) * len(TEMPLATES)
    command = [sys.executable, "-m", "pymarkdown", "--disable-rules", "md013", "scan", *paths]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_MARKUP = re.compile(r"[\\`*_~#<>|\[\]]")


def plain(text: str) -> str:
    """What a reader sees of `text`, give or take Markdown: entities and escapes resolved,
    markup characters dropped, spaces collapsed. Applied to both sides of a comparison, so
    it holds whether an exporter escapes a character or keeps it as markup."""
    text = _ESCAPED.sub(r"\1", html.unescape(text))
    return " ".join(_MARKUP.sub("", text).split())


@pytest.mark.parametrize("slug", SLUGS)
def test_full_document_keeps_every_event_and_action_text(corpus: Corpus, slug: str) -> None:
    shown = plain(corpus.markdown[(slug, "full")])
    document = fixture_document(slug)
    texts = [e["text"] for e in document["timeline"]] + [
        a["text"] for a in document["action_items"]
    ]
    missing = [text for text in texts if plain(text) not in shown]
    assert missing == []


@pytest.mark.parametrize("slug", SLUGS)
def test_light_document_keeps_every_action_text(corpus: Corpus, slug: str) -> None:
    shown = plain(corpus.markdown[(slug, "light")])
    missing = [
        action["text"]
        for action in fixture_document(slug)["action_items"]
        if plain(action["text"]) not in shown
    ]
    assert missing == []


@pytest.mark.parametrize("slug", SLUGS)
def test_customer_document_carries_the_customer_message(corpus: Corpus, slug: str) -> None:
    message = fixture_document(slug)["customer_message"]
    assert plain(message) in plain(corpus.markdown[(slug, "customer")])


# The customer version ------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_customer_document_shows_nothing_internal(corpus: Corpus, slug: str) -> None:
    shown = plain(corpus.markdown[(slug, "customer")])
    document = fixture_document(slug)
    internal = [document["title"], document["owner"], *document["attendees"]]
    for action in document["action_items"]:
        internal += [action["text"], action.get("owner", ""), action.get("tracker", "")]
    leaked = [text for text in internal if text.strip() and plain(text) in shown]
    assert leaked == []
    # Only the lines written for customers say what is being done.
    lines = [a["customer_text"] for a in document["action_items"] if a.get("customer_text")]
    if not lines:  # an empty section is left out, as in every template
        assert "What we are doing" not in shown
        return
    doing = shown.split("What we are doing", 1)[1]
    assert [line for line in lines if plain(line) not in doing] == []


#: The impact each write-up states (its own words), and what the customer version must say.
STATED_IMPACT = {
    # "For 27 minutes ... between 13:42 and 14:09 UTC"
    "cloudflare-2019-waf-regex": (
        "2019-07-02 13:42 UTC",
        "2019-07-02 14:09 UTC",
        timedelta(minutes=27),
    ),
    # "degraded service for 24 hours and 11 minutes", 22:52 UTC Oct 21 to 23:03 UTC Oct 22;
    # the timeline's 'mitigated' (16:24, replicas in sync) would say 17h 32m.
    "github-2018-network-partition": (
        "2018-10-21 22:52 UTC",
        "2018-10-22 23:03 UTC",
        timedelta(hours=24, minutes=11),
    ),
}


@pytest.mark.parametrize("slug", sorted(STATED_IMPACT))
def test_customer_window_matches_the_write_ups_stated_impact(corpus: Corpus, slug: str) -> None:
    started, ended, length = STATED_IMPACT[slug]
    markdown = corpus.markdown[(slug, "customer")]
    assert f"- Started: {started}\n- Ended: {ended}\n" in markdown
    pm = postmortem_from_dict(corpus.exported[slug], now=NOW)
    window = customer_window(pm)
    assert window.duration == length.total_seconds()
    assert not window.start_is_default and not window.end_is_default
    assert markdown.startswith(f"# {fixture_document(slug)['customer_title']}\n")
