"""HTML export tables: the page says exactly what markdown-it-py's own table and inline rules
and renderer say for any Markdown (the export reads tables and plain text its faster way),
and a 10,000-event timeline costs a proportionate fraction of what it did.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from pmtui.export.html import (
    _image_as_link,
    _plain_text,
    allowed_link,
    export_html,
    heading_anchor,
)
from pmtui.export.html_table import split_cells
from tests.conftest import examples

# The page's table marks, as they were set on markdown-it's own tokens.
_ONE_LINE = re.compile(r"^(?:\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?|\S{1,24})$")
_LONG_CELL = 40
_LONG_WORD = re.compile(r"\S{25,}")


def _reference_mark_up(state: StateCore) -> None:
    taken: set[str] = set()
    tokens = state.tokens
    for index, token in enumerate(tokens[:-1]):
        inline = tokens[index + 1]
        if token.type == "heading_open":
            text = _plain_text(inline.children or [])
            token.attrSet("id", heading_anchor(text, taken))
        elif token.type == "td_open":
            cell = inline.content.strip()
            if _ONE_LINE.match(cell):
                token.attrSet("class", "nowrap")
                continue
            marks = ["long"] if len(cell) > _LONG_CELL else []
            marks += ["breaks"] if _LONG_WORD.search(cell) else []
            if marks:
                token.attrSet("class", " ".join(marks))


def _wrap_open(
    renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: Any
) -> str:
    return '<div class="table-wrap">\n' + renderer.renderToken(tokens, index, options, env)


def _wrap_close(
    renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: Any
) -> str:
    return renderer.renderToken(tokens, index, options, env) + "</div>\n"


def reference_body(markdown: str) -> str:
    """The body markdown-it-py renders with its own rules, configured as the export's."""
    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False, "linkify": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = allowed_link  # type: ignore[method-assign]
    md.core.ruler.push("marks", _reference_mark_up)
    md.add_render_rule("image", _image_as_link)
    md.add_render_rule("table_open", _wrap_open)
    md.add_render_rule("table_close", _wrap_close)
    return md.render(markdown)


def body(page: str) -> str:
    return page.split("<main>\n", 1)[1].rsplit("</main>\n", 1)[0]


LINE_STARTS = ["", "", "", "|", "| ", "> ", "- ", "1. ", "    ", "  ", "```", "***", "<div>", "# "]
LINE_TEXT = st.lists(
    st.sampled_from([*"ab1 |-:\\`*_~[]()<>&!#.\t\u00a0é", "2025-03-19", "&amp;", "<b>", "\\|"]),
    max_size=16,
).map("".join)
LINES = st.lists(
    st.tuples(st.sampled_from(LINE_STARTS), LINE_TEXT).map("".join), min_size=1, max_size=8
)
TABLES = st.lists(
    st.lists(LINE_TEXT, min_size=1, max_size=4).map(lambda cells: "| " + " | ".join(cells)),
    min_size=1,
    max_size=5,
)


@st.composite
def table_documents(draw: st.DrawFn) -> str:
    """Markdown around a table or two: delimiter rows, escapes, ragged rows, markup in cells,
    lists, quotes and code that may or may not end a table."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        header = draw(TABLES)[0]
        width = draw(st.integers(1, 4))
        delimiter = (
            "|"
            + "|".join(
                draw(st.sampled_from(["---", ":--", "--:", ":-:", " - ", "-x"]))
                for _ in range(width)
            )
            + "|"
        )
        parts += [header, delimiter, *draw(TABLES), *draw(LINES)]
        parts.append(draw(st.sampled_from(["", "\n", "text"])))
    return "\n".join(parts)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table_documents())
def test_any_table_renders_as_markdown_its_own_rules_render_it(markdown: str) -> None:
    assert body(export_html(markdown)) == reference_body(markdown)


# A table inside a quote or a list item, its later lines with or without the marker.
NESTED_TABLES = st.tuples(
    st.sampled_from(["> ", "- ", "1. ", "  ", ">> ", "- > "]),
    st.sampled_from(["", "  ", "> ", "   "]),
    table_documents(),
).map(
    lambda parts: "\n".join(
        (parts[0] if number == 0 else parts[1]) + line
        for number, line in enumerate(parts[2].split("\n"))
    )
)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NESTED_TABLES)
def test_a_table_in_a_quote_or_list_renders_as_markdown_its_own_rules_render_it(
    markdown: str,
) -> None:
    assert body(export_html(markdown)) == reference_body(markdown)


@settings(max_examples=examples(300), deadline=None)
@given(LINES.map("\n".join))
def test_any_text_renders_as_markdown_its_own_rules_render_it(markdown: str) -> None:
    assert body(export_html(markdown)) == reference_body(markdown)


def test_a_timeline_table_renders_as_markdown_its_own_rules_render_it() -> None:
    markdown = (
        "| Time (CET) | Kind | Event | Source |\n| --- | --- | --- | --- |\n"
        "| 2025-03-19 08:41:12 | **start** | Certificate expired \\| 94% failed "
        "(<https://grafana.example.com/d/x>) | monitoring |\n"
        "| 2025-03-19 09:03:10 | alert | `grep a\\|b` says \\`no\\` & <b>x</b> | pager |\n"
        "- a list ends it\n"
    )
    assert body(export_html(markdown)) == reference_body(markdown)


def test_cells_split_as_markdown_it_splits_them() -> None:
    assert split_cells("| a \\| b | c |") == ["", " a | b ", " c ", ""]
    assert split_cells("a \\\\| b") == ["a \\| b"]


def test_plain_cells_of_a_long_timeline_skip_the_inline_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What made a 10,000-event page take 1.35 s: markdown-it's own table rule runs its inline
    # parser on every cell. Counted, not timed: a busy CI machine makes timings noise.
    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    from markdown_it.parser_inline import ParserInline

    from common import big_postmortem  # type: ignore[import-not-found]
    from pmtui.export.markdown import export_markdown

    parsed: list[int] = []
    original = ParserInline.parse

    def counting(self: ParserInline, *args: object, **kwargs: object) -> object:
        parsed.append(1)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ParserInline, "parse", counting)
    events = 1_000
    export_html(export_markdown(big_postmortem(events), "full"))
    # Four cells per event; markdown-it alone parses every one of them.
    assert len(parsed) < events, len(parsed)
