"""HTML export: one self-contained page per document, made from the Markdown export. Golden
pages for the sample and three public post-mortems; no tag, attribute or link outside an
allow-list, whatever the text; nothing the page would load; `pmtui export --format html`.

Regenerate the golden pages after an intended change with:
    PMTUI_UPDATE_GOLDEN=1 pytest tests/test_export_html.py
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmtui.export.html import CONTENT_SECURITY_POLICY, allowed_link, export_html, heading_anchor
from pmtui.export.html_style import PAGE_STYLE
from pmtui.export.markdown import TEMPLATES, export_markdown
from pmtui.model import (
    SECTIONS,
    ActionItem,
    ActionStatus,
    CauseCategory,
    ContributingFactor,
    EventKind,
    PostMortem,
    TimelineEvent,
    WhyChain,
)
from pmtui.model.codec import postmortem_from_dict
from pmtui.resources import sample_files
from tests.conftest import RunCli, examples

GOLDEN = Path(__file__).parent / "golden" / "html"
UPDATE_GOLDEN = os.environ.get("PMTUI_UPDATE_GOLDEN") == "1"
PUBLIC = Path(__file__).parent / "data" / "public"
#: The public post-mortems with golden pages: wide timelines, a regex full of pipes and
#: backticks, code spans and lists in the narrative.
FIXTURES = (
    "aws-2021-us-east-1-network",
    "cloudflare-2019-waf-regex",
    "gitlab-2017-database-deletion",
)
#: The day the sample's overdue actions are counted on (the morning after its incident).
TODAY = date(2025, 3, 20)

# What a page may hold. Everything else (script, img, link, iframe, form, svg, a style=
# or an on...= attribute) would be text turned into markup, or the page loading something.
ALLOWED_TAGS = {
    "html": {"lang"},
    "head": set(),
    "meta": {"charset", "http-equiv", "content", "name"},
    "title": set(),
    "style": set(),
    "body": set(),
    "main": set(),
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "p": set(),
    "br": set(),
    "hr": set(),
    "ul": set(),
    "ol": {"start"},
    "li": set(),
    "blockquote": set(),
    "pre": set(),
    "code": {"class"},
    "em": set(),
    "strong": set(),
    "s": set(),
    "a": {"href", "title"},
    "div": {"class"},
    "table": set(),
    "thead": set(),
    "tbody": set(),
    "tr": set(),
    "th": {"style"},
    "td": {"style", "class"},
}
ALLOWED_VALUES = {
    ("div", "class"): re.compile(r"table-wrap"),
    ("td", "class"): re.compile(r"nowrap|long|breaks|long breaks"),
    ("th", "style"): re.compile(r"text-align:(left|center|right)"),
    ("td", "style"): re.compile(r"text-align:(left|center|right)"),
    ("code", "class"): re.compile(r"language-\S*"),
    ("ol", "start"): re.compile(r"[0-9]+"),
    ("html", "lang"): re.compile(r"en"),
}
ANCHOR = re.compile(r"[\w-]+")
# What makes a browser fetch something as the page opens (or submit it somewhere).
FETCHING_TAGS = {"img", "link", "script", "iframe", "frame", "object", "embed", "video"}
FETCHING_TAGS |= {"audio", "source", "track", "picture", "svg", "base", "form", "input"}
FETCHING_ATTRIBUTES = {"src", "srcset", "poster", "background", "action", "formaction", "data"}
# The schemes a reader may follow a link to; anything else could run code or fetch.
LINK_SCHEMES = ("http", "https", "mailto")


class Page(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside title and style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self.styles: list[str] = []
        self.oddities: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.oddities.append(f"self-closing <{tag}/>")
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "title":
            self.title += data
        elif self._open and self._open[-1] == "style":
            self.styles.append(data)

    def handle_comment(self, data: str) -> None:
        self.oddities.append(f"comment {data!r}")

    def handle_decl(self, decl: str) -> None:
        if decl != "DOCTYPE html":
            self.oddities.append(f"declaration {decl!r}")

    def handle_pi(self, data: str) -> None:
        self.oddities.append(f"processing instruction {data!r}")

    def unknown_decl(self, data: str) -> None:
        self.oddities.append(f"unknown declaration {data!r}")


def parse(page: str) -> Page:
    parsed = Page()
    parsed.feed(page)
    parsed.close()
    return parsed


def link_scheme(href: str) -> str:
    """The scheme a browser reads in `href` ('' for none), after dropping what it drops."""
    seen = re.sub(r"[\t\n\r]", "", href).strip("".join(map(chr, range(0x21))))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", seen)
    return match.group(1).lower() if match else ""


def assert_safe(page: str) -> Page:
    """The page holds only allowed tags, attributes and links, and loads nothing."""
    parsed = parse(page)
    assert parsed.oddities == [], parsed.oddities
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_TAGS, (tag, attrs)
        assert set(attrs) <= ALLOWED_TAGS[tag], (tag, attrs)
        for name, value in attrs.items():
            pattern = ANCHOR if name == "id" else ALLOWED_VALUES.get((tag, name))
            if pattern is not None:
                assert pattern.fullmatch(value), (tag, name, value)
            if name == "href":
                assert link_scheme(value) in ("", *LINK_SCHEMES), value
    assert [tag for tag, _ in parsed.tags].count("style") == 1
    assert parsed.styles == [f"\n{PAGE_STYLE}"]
    metas = [attrs for tag, attrs in parsed.tags if tag == "meta"]
    assert {"http-equiv": "Content-Security-Policy", "content": CONTENT_SECURITY_POLICY} in metas
    assert_loads_nothing(parsed)
    return parsed


def assert_loads_nothing(parsed: Page) -> None:
    """No reference a browser would follow by itself: every URL left is a link to click."""
    for tag, attrs in parsed.tags:
        assert tag not in FETCHING_TAGS, tag
        assert not set(attrs) & FETCHING_ATTRIBUTES, (tag, attrs)
        assert tag == "a" or "href" not in attrs, (tag, attrs)
    for style in parsed.styles:
        for needle in ("url(", "@import", "@font-face", "image-set(", "src:"):
            assert needle not in style.lower(), needle
    for needed in ("default-src 'none'", "img-src 'none'", "base-uri 'none'"):
        assert needed in CONTENT_SECURITY_POLICY


# Documents ------------------------------------------------------------------------------------


@cache
def sample() -> PostMortem:
    return postmortem_from_dict(orjson.loads(sample_files()[0].read_bytes()))


@cache
def public(slug: str) -> PostMortem:
    return postmortem_from_dict(orjson.loads((PUBLIC / f"{slug}.json").read_bytes()))


def page_of(pm: PostMortem, template: str = "full") -> str:
    return export_html(export_markdown(pm, template, today=TODAY))


def utc(hour: int, minute: int) -> datetime:
    return datetime(2025, 1, 14, hour, minute, tzinfo=UTC)


def every_field(text: str, title: str | None = None) -> PostMortem:
    """A post-mortem with `text` in every field a document shows."""
    heading = text if title is None else title
    sections = {key: text for key, _ in SECTIONS if key != "customer_message"}
    return PostMortem(
        id="hostile",
        title=heading,
        owner=text,
        attendees=(text, text),
        services=(text,),
        timezone="Europe/Berlin",
        **sections,
        # Never blank, so the customer version is always made.
        customer_message=f"Message: {text}",
        customer_title=heading,
        created_at=utc(12, 0),
        updated_at=utc(12, 0),
        events=(
            TimelineEvent(id="e1", at=utc(14, 0), kind=EventKind.START, text=text, source=text),
            TimelineEvent(
                id="e2",
                at=utc(14, 9),
                kind=EventKind.MITIGATED,
                text=text,
                source=text,
                link=text,
            ),
        ),
        whys=(
            WhyChain(
                id="c1",
                problem=text,
                answers=(text, text),
                root_cause=True,
                category=CauseCategory.TOOLING,
            ),
        ),
        factors=(
            ContributingFactor(
                id="f1",
                title=text,
                category=CauseCategory.TOOLING,
                event_ids=("e1", "e2"),
                made_sense=text,
                chain_id="c1",
            ),
        ),
        actions=(
            ActionItem(
                id="a1",
                text=text,
                owner=text,
                due=date(2025, 1, 2),
                tracker=text,
                factor_id="f1",
                customer_text=text,
            ),
            ActionItem(id="a2", text=text, status=ActionStatus.DONE, tracker=text),
        ),
    )


HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> <b onclick=x>b</b> <!-- c -->\n"
    "<style>@import url(https://evil.example/x.css)</style> <link rel=stylesheet href=//e>\n"
    "[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [ent](javascript&colon;alert(1))\n"
    "[data](data:text/html;base64,PHNjcmlwdD4=) ![pixel](data:image/png;base64,iVBORw0K)\n"
    "[vb](vbscript:msgbox(1)) [file](file:///etc/passwd) <javascript:alert(1)>\n"
    "![tracker](https://evil.example/pixel.gif) [ok](https://ok.example/a?b=1&c=<2>)\n"
    "\"quotes\" 'single' `code` ```fence\n# heading\n| a | b |\n|---|---|\n"
    "</title></style></main><plaintext>&lt;&#60;&#x3c;&amp;"
)


def test_hostile_text_in_every_field_stays_text() -> None:
    pm = every_field(HOSTILE)
    for template in TEMPLATES:
        page = page_of(pm, template)
        parsed = assert_safe(page)
        hrefs = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
        # Bare URLs in the text become links to click; nothing else does.
        assert hrefs and all(href.startswith("https://") for href in hrefs), hrefs
    full = page_of(pm)
    # The image is a link to itself, which loads nothing until the reader asks.
    assert '<a href="https://evil.example/pixel.gif">image: tracker</a>' in full
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in full


# Hostile fragments a random text is built from, beside any character at all.
FRAGMENTS = st.sampled_from(
    [
        "<",
        ">",
        "&",
        '"',
        "'",
        "`",
        "|",
        "\n",
        "](",
        "![",
        "[",
        ")",
        "<script>",
        "</title>",
        "<img src=x onerror=alert(1)>",
        " onload=",
        "javascript:",
        "data:image/png;base64,AA",
        "vbscript:",
        "&#106;",
        "&colon;",
        "\t",
        "https://x.example/",
        "<https://a.example/>",
        '(https://t.example "title" onclick=x)',
        "# ",
        "* ",
        "1. ",
        "    ",
        "```",
        "\\",
    ]
)
HOSTILE_TEXT = st.lists(FRAGMENTS | st.text(max_size=4), max_size=12).map("".join)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=HOSTILE_TEXT, title=HOSTILE_TEXT)
def test_random_hostile_text_never_yields_markup_outside_the_allow_list(
    text: str, title: str
) -> None:
    pm = every_field(text, title or "x")
    for template in TEMPLATES:
        parsed = assert_safe(page_of(pm, template))
        assert [tag for tag, _ in parsed.tags].count("title") == 1


@settings(max_examples=examples(60), deadline=None)
@given(markdown=HOSTILE_TEXT)
def test_any_markdown_a_template_file_writes_gives_a_safe_page(markdown: str) -> None:
    # A user's template file may write any Markdown at all, unescaped.
    assert_safe(export_html(markdown))


# Links ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://grafana.example.com/d/x", True),
        ("http://x.example", True),
        ("HTTPS://X.EXAMPLE", True),
        ("mailto:oncall@example.com", True),
        ("#timeline", True),
        ("runbook.md#step-2", True),
        ("../wiki/page", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("\x01javascript:alert(1)", False),
        ("vbscript:msgbox(1)", False),
        ("data:image/png;base64,iVBORw0K", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("file:///etc/passwd", False),
        ("ftp://files.example", False),
        ("tel:+49", False),
        ("java%09script:alert(1)", False),
    ],
)
def test_links_may_only_use_http_https_mailto_or_no_scheme(url: str, allowed: bool) -> None:
    assert allowed_link(url) is allowed


def test_a_refused_link_shows_as_its_markdown_text() -> None:
    page = export_html("# T\n\n[run](javascript:alert(1)) and [ok](https://ok.example)\n")
    assert "<p>[run](javascript:alert(1)) and " in page
    assert '<a href="https://ok.example">ok</a>' in page


def test_an_image_becomes_a_link_and_nothing_is_loaded() -> None:
    page = export_html("# T\n\n![Error rate](https://grafana.example/r.png) ![](diagram.png)\n")
    assert '<a href="https://grafana.example/r.png">image: Error rate</a>' in page
    assert '<a href="diagram.png">image</a>' in page
    assert_safe(page)


# The page -------------------------------------------------------------------------------------


def test_title_is_the_documents_heading_escaped() -> None:
    pm = replace(sample(), title='Edge </title><script>alert("x")</script> & `certs`')
    page = page_of(pm)
    assert parse(page).title == 'Edge </title><script>alert("x")</script> & certs'
    assert "<title>Edge &lt;/title&gt;&lt;script&gt;alert(" in page
    assert_safe(page)


def test_a_document_without_a_heading_gets_a_plain_title() -> None:
    assert "<title>Post-mortem</title>" in export_html("Only a paragraph.\n")


def test_headings_get_unique_anchors() -> None:
    page = page_of(sample())
    ids = [attrs["id"] for tag, attrs in parse(page).tags if re.fullmatch(r"h[1-6]", tag)]
    assert len(ids) == len(set(ids))
    for anchor in ("summary", "timeline", "five-whys", "action-items", "supporting-links"):
        assert anchor in ids
    taken: set[str] = set()
    assert [heading_anchor(t, taken) for t in ("Notes", "Notes", "Notes 1", "¿Qué?", "!")] == [
        "notes",
        "notes-1",
        "notes-1-1",
        "qué",
        "section",
    ]


def table_rows(page: str, first_header: str) -> list[list[str]]:
    """The cells of the table whose first column is `first_header`, header row first."""
    for table in re.findall(r"<table>.*?</table>", page, re.S):
        rows = [
            re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
        ]
        if rows[0][0] == first_header:
            return rows
    raise AssertionError(f"no table starts with {first_header!r}")


def test_timeline_and_action_tables_keep_their_columns() -> None:
    page = page_of(sample())
    timeline = table_rows(page, "Time (CET)")
    assert timeline[0] == ["Time (CET)", "Kind", "Event", "Source"]
    assert len(timeline) == len(sample().events) + 1
    assert all(len(row) == 4 for row in timeline)
    actions = table_rows(page, "Action")
    assert actions[0] == ["Action", "Owner", "Due", "Priority", "Type", "Status", "Tracker"]
    assert all(len(row) == 7 for row in actions[1:])
    # Hostile text full of pipes still leaves every row its columns.
    hostile = page_of(every_field(HOSTILE))
    for first_header in ("Time (CET)", "Action"):
        rows = table_rows(hostile, first_header)
        assert len(rows) == 3 and {len(row) for row in rows} == {len(rows[0])}, rows


def test_times_and_tracker_references_are_not_broken_across_lines() -> None:
    page = page_of(sample())
    assert '<td class="nowrap">2025-03-19 08:41:12</td>' in page
    assert '<td class="nowrap">OPS-1423</td>' in page
    # An event's text keeps a readable width on a phone, where the table scrolls instead.
    assert '<td class="long">cert-manager starts renewing api-example-com-tls' in page
    assert "td.long { min-width: 12rem; }" in PAGE_STYLE
    assert ".table-wrap { overflow-x: auto; }" in PAGE_STYLE  # wide tables scroll on a phone


def test_a_long_unbroken_word_may_break_in_its_cell_and_only_there() -> None:
    """Mock 39c: a 300-letter word in an action widened the table past the printed page, and
    Owner, Due, Priority, Type, Status and Tracker were cut off."""
    word = "A" * 300
    pm = sample()
    first, second, *rest = pm.actions
    actions = [replace(first, text=f"Rotate {word} token"), replace(second, text="x" * 30)]
    page = page_of(replace(pm, actions=[*actions, *rest]))
    assert f'<td class="long breaks">Rotate {word} token</td>' in page
    assert f'<td class="breaks">{"x" * 30}</td>' in page
    # Short cells keep their words whole: a phone scrolls the table rather than squeeze them.
    assert '<td class="nowrap">OPS-1423</td>' in page
    assert '<td class="long">cert-manager starts renewing api-example-com-tls' in page
    # A URL is such a word too.
    assert '<td class="long breaks">Scheduled quarterly rotation of the DNS provider' in page
    assert "td.breaks { overflow-wrap: anywhere; }" in PAGE_STYLE


def test_style_is_inline_and_readable_in_dark_mode_and_print() -> None:
    page = page_of(sample())
    head = page.split("</head>")[0]
    assert "<style>" in head and '<meta charset="utf-8">' in head
    assert "@media (prefers-color-scheme: dark)" in PAGE_STYLE
    assert "@media print" in PAGE_STYLE
    # The page's text and background colours are always set together, never one alone.
    for block in re.findall(r"body \{[^}]*\}", PAGE_STYLE):
        assert ("color:" in block) == ("background:" in block), block


# Golden pages ---------------------------------------------------------------------------------

GOLDEN_PAGES = [
    *((f"sample_{template}", "sample", template) for template in TEMPLATES),
    *((slug, slug, "full") for slug in FIXTURES),
]


@pytest.mark.parametrize(("name", "source", "template"), GOLDEN_PAGES)
def test_golden_page(name: str, source: str, template: str) -> None:
    pm = sample() if source == "sample" else public(source)
    page = page_of(pm, template)
    path = GOLDEN / f"{name}.html"
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8", newline="\n")
    assert page == path.read_text(encoding="utf-8"), f"{path.name} differs; see the docstring"


def test_golden_pages_are_safe_and_load_nothing() -> None:
    paths = sorted(GOLDEN.glob("*.html"))
    assert [path.stem for path in paths] == sorted(name for name, _, _ in GOLDEN_PAGES)
    for path in paths:
        page = path.read_text(encoding="utf-8")
        assert_safe(page)
        lowered = page.lower()
        for needle in (" src=", "srcset=", "url(", "@import", "<link", "<img", "<script"):
            assert needle not in lowered, (path.name, needle)
        assert page.startswith("<!DOCTYPE html>\n") and page.endswith("</html>\n")


# The command line -----------------------------------------------------------------------------


def imported_sample(run_pmtui: RunCli) -> str:
    done = run_pmtui("import", sample_files()[0])
    assert done.code == 0, done.err
    return done.out.strip()


def test_cli_export_html_prints_the_page_of_the_markdown_export(run_cli: RunCli) -> None:
    pm_id = imported_sample(run_cli)
    for template in ("full", "customer"):
        markdown = run_cli("export", pm_id, "--template", template)
        page = run_cli("export", pm_id, "--format", "html", "--template", template)
        assert page.code == 0 and page.err == "", page.err
        assert page.out == export_html(markdown.out)
        assert_safe(page.out)


def test_cli_export_html_to_a_file_replaces_it_whole(run_pmtui: RunCli, tmp_path: Path) -> None:
    pm_id = imported_sample(run_pmtui)
    target = tmp_path / "tls.html"
    target.write_text("old page\n", encoding="utf-8")
    target.chmod(0o640)
    done = run_pmtui("export", pm_id, "--format", "html", "-o", target)
    assert done.code == 0 and done.out == "" and done.err == "", done.err
    printed = run_pmtui("export", pm_id, "--format", "html").out
    assert target.read_text(encoding="utf-8") == printed
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["tls.html"]  # no temp left


def test_cli_html_of_a_missing_customer_version_is_one_clear_error(
    run_cli: RunCli, tmp_path: Path
) -> None:
    done = run_cli("new", "Disk full on db-2")
    pm_id = done.out.strip()
    target = tmp_path / "status.html"
    done = run_cli("export", pm_id, "--format", "html", "--template", "customer", "-o", target)
    assert done.code == 1 and done.out == ""
    assert done.err.startswith("pmtui: error: ") and done.err.count("\n") == 1, done.err
    assert "Traceback" not in done.err
    assert not target.exists()


def test_cli_offers_html_among_the_formats(run_cli: RunCli) -> None:
    done = run_cli("export", "--help")
    assert "html" in done.out
    refused = run_cli("export", "x", "--format", "pdf")
    assert refused.code == 2 and "html" in refused.err


def test_html_export_loads_neither_textual_nor_rich() -> None:
    code = (
        "import sys; from pmtui.export.html import export_html; export_html('# T\\n'); "
        "print(sorted(m for m in ('textual', 'rich') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout) == (0, "[]\n"), done.stderr


def test_a_section_typed_one_item_a_line_keeps_its_lines_on_the_page() -> None:
    """Mock 36b: three lines typed in "What went poorly" were published as one run-on
    paragraph; each line now ends in a line break, in the Markdown and on the page."""
    lines = (
        "No check of provider capacity limits before the first working day",
        "The scale-up script reported success while instances failed",
        "The provisioning service could not keep up",
    )
    pm = replace(sample(), went_poorly="\n".join(lines))
    markdown = export_markdown(pm, "full", today=TODAY)
    assert "\\\n".join(lines) + "\n" in markdown
    page = export_html(markdown)
    assert "<br>\n".join(lines) in page
