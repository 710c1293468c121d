"""Markdown templates: the built-ins are files shipped in the package, rendered in a sandbox
that keeps a team's template away from files and Python internals; every value a template
prints is already safe for Markdown (raw.* only under its own name); a broken template is
reported in one line naming the file, the line and the problem.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import UTC, date, datetime
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pymarkdown.api import PyMarkdownApi

from pmtui.export.markdown import TEMPLATES, export_markdown, export_markdown_with
from pmtui.export.markdown_customer import CustomerVersionMissing
from pmtui.export.markdown_finish import Fences
from pmtui.export.template_docs import template_vars
from pmtui.export.template_engine import BUILTIN_TEMPLATES, TemplateProblem, builtin_source
from pmtui.export.template_view import template_context
from pmtui.model import (
    ActionItem,
    EventKind,
    PostMortem,
    TimelineEvent,
    WhyChain,
)
from pmtui.model.codec import postmortem_from_dict
from pmtui.model.postmortem import SECTION_KEYS
from pmtui.resources import sample_files
from tests.conftest import examples

TODAY = date(2025, 2, 1)
HOSTILE = "a | b <script>alert(1)</script>\n```\n# not a heading `tick` *star* [x](y) \\"


def sample() -> PostMortem:
    return postmortem_from_dict(json.loads(sample_files()[0].read_text(encoding="utf-8")))


def render(source: str, pm: PostMortem | None = None, name: str = "team.md.j2") -> str:
    return export_markdown_with(pm or sample(), source, name, today=TODAY)


def problem(source: str, name: str = "team.md.j2") -> str:
    with pytest.raises(TemplateProblem) as raised:
        render(source, name=name)
    return str(raised.value)


def lint(markdown: str, *also_allowed: str) -> list[str]:
    # Long lines are the author's prose; every other rule must pass.
    api = PyMarkdownApi().disable_rule_by_identifier("md013")
    for rule in also_allowed:
        api = api.disable_rule_by_identifier(rule)
    result = api.scan_string(markdown)
    return [f"{failure.rule_id} {failure.rule_description}" for failure in result.scan_failures]


def hostile() -> PostMortem:
    at = datetime(2025, 1, 14, 14, 2, tzinfo=UTC)
    return PostMortem(
        id="hostile1",
        title=HOSTILE,
        owner=HOSTILE,
        attendees=(HOSTILE, "- Lee"),
        services=("# svc",),
        summary="Fine.\n\n```sh\n# again\necho hi\n\n# again\n```",
        customer_message=HOSTILE,
        events=(TimelineEvent("e1", at, EventKind.START, HOSTILE, source=HOSTILE, link=HOSTILE),),
        whys=(WhyChain("w1", HOSTILE, answers=(HOSTILE,), root_cause=True),),
        actions=(ActionItem("a1", HOSTILE, owner=HOSTILE, tracker=HOSTILE),),
    )


# The built-ins are template files -------------------------------------------------------------


def test_the_built_in_templates_are_files_shipped_in_the_package() -> None:
    assert tuple(BUILTIN_TEMPLATES) == TEMPLATES == ("full", "light", "customer")
    folder = files("pmtui.export").joinpath("templates")
    for name in TEMPLATES:
        shipped = folder.joinpath(f"{name}.md.j2").read_text(encoding="utf-8")
        assert builtin_source(name) == shipped
        # Rendering the file's text is the built-in export, by construction.
        assert render(shipped) == export_markdown(sample(), name, today=TODAY)


def test_the_full_template_places_every_narrative_section() -> None:
    # A section added to the model must be placed in the full template, or it is lost.
    source = builtin_source("full")
    for key in SECTION_KEYS:
        assert f'section("{key}")' in source, key


def test_every_copied_template_says_where_its_names_are_described() -> None:
    for name in TEMPLATES:
        head = builtin_source(name).split("#}", 1)[0]
        assert "pmtui templates vars" in head and "raw.*" in head


# What a template prints is safe ---------------------------------------------------------------


def test_a_value_is_safe_wherever_a_template_prints_it() -> None:
    source = textwrap.dedent(
        """\
        # {{ pm.title }}

        {{ pm.title }}

        Owner {{ pm.owner }} and {{ pm.attendees|join(", ") }}

        ## {{ pm.owner }}

        | Title | Owner |
        | --- | --- |
        | {{ pm.title }} | {{ pm.owner }} |
        {% for event in timeline.events %}
        | {{ event.text }} | {{ event.source }} {{ event.link }} |
        {% endfor %}
        {% for action in actions.items %}
        | {{ action.text }} | {{ action.owner }} {{ action.tracker }} |
        {% endfor %}

        {% for chain in whys %}
        - {{ chain.problem }}: {{ chain.answers|join(" / ") }} ({{ chain.cause }})
        {% endfor %}
        """
    )
    markdown = render(source, hostile())
    assert "<script>" not in markdown and "```" not in markdown
    lines = markdown.splitlines()
    # One H1 and one H2, each one line; every table row has exactly its two cells.
    assert [line[:3] for line in lines if line.startswith("#")] == ["# P", "## "]
    rows = [line for line in lines if line.startswith("|")]
    assert len(rows) == 5
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 3 for row in rows)
    assert lint(markdown) == []


EVERY_PLACE = textwrap.dedent(
    """\
    # {{ pm.title }}

    {{ pm.owner }} {{ pm.title }}

    ## {{ pm.owner }}

    | A | B |
    | --- | --- |
    {% for event in timeline.events %}
    | {{ event.text }} | {{ event.source }} |
    {% endfor %}
    {% for action in actions.items %}
    | {{ action.text }} | {{ action.owner }} |
    {% endfor %}

    {% for chain in whys %}
    - {{ chain.problem }} {{ chain.answers }}
    {% endfor %}
    """
)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(), owner=st.text(), text=st.text(), answer=st.text())
def test_random_text_cannot_change_a_templates_structure(
    title: str, owner: str, text: str, answer: str
) -> None:
    # Never empty (an empty heading is the template's problem, not the text's); the random
    # part stays at a line's start (owner) and at a heading's end (title).
    title, owner, text, answer = "x" + title, owner + "x", text + "x", "x" + answer
    at = datetime(2025, 1, 14, 14, 2, tzinfo=UTC)
    pm = replace(
        sample(),
        title=title,
        owner=owner,
        events=(TimelineEvent("e1", at, EventKind.START, text, source=answer),),
        whys=(WhyChain("w1", text, answers=(answer, title)),),
        actions=(ActionItem("a1", text, owner=owner),),
    )
    markdown = render(EVERY_PLACE, pm)
    # A heading ending in '.' is a matter of style (document.title trims it), not structure.
    assert lint(markdown, "md026") == [], markdown
    lines = markdown.splitlines()
    assert sum(line.startswith("#") for line in lines) == 2, markdown
    rows = [line for line in lines if line.startswith("|")]
    assert len(rows) == 4 and all(len(re.findall(r"(?<!\\)\|", row)) == 3 for row in rows)
    assert not re.search(r"<(?!https?://|ftps?://)[A-Za-z/!?]", markdown), markdown


def test_raw_values_are_only_under_their_own_name_and_md_escapes_them() -> None:
    pm = replace(sample(), title="a | <b>")
    assert render("{{ raw.title }}", pm) == "a | <b>\n"
    assert render("{{ raw.title|md }}", pm) == render("{{ pm.title }}", pm) == "a \\| &lt;b>\n"


def test_narrative_code_keeps_its_blank_lines_and_its_hash_lines() -> None:
    markdown = render("# T\n\n## Summary\n\n{{ sections.summary }}\n", hostile())
    # Read as headings, the second '# again' would become '# again (2)'.
    assert "```sh\n# again\necho hi\n\n# again\n```" in markdown


def test_headings_are_unique_across_the_template_and_the_authors_markdown() -> None:
    pm = replace(sample(), title="Summary", summary="## Timeline\n\nText.")
    markdown = render(
        "# {{ document.title }}\n## Summary\n{{ sections.summary }}\n## Timeline\n\n\n\nEnd.\n", pm
    )
    assert markdown == (
        "# Post-mortem: Summary\n\n## Summary\n\n### Timeline\n\nText.\n\n## Timeline (2)\n\nEnd.\n"
    )


def test_the_customer_version_is_refused_without_a_customer_message() -> None:
    pm = replace(sample(), customer_message="")
    with pytest.raises(CustomerVersionMissing):
        render("{% set c = customer_version() %}{{ c.title }}", pm)
    # A template that never asks for it renders.
    assert render("{{ pm.severity }}", pm) == "SEV2\n"


# The sandbox ----------------------------------------------------------------------------------

ESCAPES = [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
    ("{{ pm.__init__.__globals__ }}", "unsafe"),
    ("{{ pm._pm.title }}", "unsafe"),
    ("{{ sections._pm }}", "unsafe"),
    ("{{ raw._document }}", "unsafe"),
    ("{{ customer_version.__globals__ }}", "unsafe"),
    ("{{ customer_version.__closure__ }}", "unsafe"),
    ("{{ customer_version.args }}", "no attribute"),
    ("{{ cycler.__init__.__globals__.os }}", "unsafe"),
    ("{{ lipsum.__globals__['os'] }}", "unsafe"),
    ("{{ self.__init__.__globals__ }}", "unsafe"),
    ("{{ '{0.__class__}'.format(pm) }}", "unsafe"),
    ("{{ pm|attr('__class__') }}", "unsafe"),
    ("{{ headings.update({'summary': 'x'}) }}", "unsafe"),
    ("{{ raw.timeline.append(1) }}", "unsafe"),
    ("{{ raw.timeline.clear() }}", "unsafe"),
    ("{% include '/etc/passwd' %}", "one file"),
    ("{% import 'macros.j2' as m %}", "one file"),
    ("{% from 'macros.j2' import m %}", "one file"),
    ("{% extends '/etc/passwd' %}", "one file"),
    ("{{ 'x' * 100000000 }}", "longer than"),
    ("{{ [1] * 100000000 }}", "longer than"),
    ("{{ 2 ** 100000000 }}", "exponent"),
    ("{{ range(10**9)|list }}", "Range too big"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "too deep"),
]


@pytest.mark.parametrize(("source", "refusal"), ESCAPES)
def test_the_sandbox_refuses(source: str, refusal: str, tmp_path: Path) -> None:
    report = problem(f"# Title\n\n{source}\n")
    assert report.startswith("team.md.j2:3: "), report
    assert refusal in report and "\n" not in report


def test_a_template_cannot_run_a_command(tmp_path: Path) -> None:
    witness = tmp_path / "ran"
    for source in (
        f"{{{{ cycler.__init__.__globals__.os.system('touch {witness}') }}}}",
        f"{{{{ ''.__class__.__mro__[1].__subclasses__()[0]('touch {witness}') }}}}",
    ):
        with pytest.raises(TemplateProblem):
            render(source)
    assert not witness.exists()


# A broken template is one line: file, line, problem --------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# T\n\n{{ pm.title }\n", "my.md.j2:3: unexpected '}'"),
        ("# T\n{% if pm.title %}\nx\n", "my.md.j2:3: Unexpected end of template."),
        ("# T\n\n\n{{ nope }}\n", "my.md.j2:4: 'nope' is undefined"),
        (
            "# T\n{% for a in actions.items %}\n{{ a.nope }}\n{% endfor %}\n",
            "my.md.j2:3: 'actions.items[i]' has no attribute 'nope'",
        ),
        ("# T\n{{ pm.nope }}\n", "my.md.j2:2: 'pm' has no attribute 'nope'"),
        ("# T\n\n{{ 1 / 0 }}\n", "my.md.j2:3: ZeroDivisionError: division by zero"),
        ("{{ sections.nope }}", "my.md.j2:1: "),
    ],
)
def test_a_template_error_names_file_line_and_problem(source: str, expected: str) -> None:
    report = problem(source, name="my.md.j2")
    assert report.startswith(expected), report
    assert "\n" not in report and "Traceback" not in report


# The names are described once -----------------------------------------------------------------


def test_every_name_a_template_sees_is_described() -> None:
    described = template_vars()
    context = template_context(sample(), TODAY, Fences())
    for name in context:
        shown = "customer_version()" if name == "customer_version" else name
        assert re.search(rf"^  {re.escape(shown)}[\s\[]", described, re.MULTILINE), name
    # Every public attribute of every view object, e.g. pm.owner, timeline.rows.
    for name in ("pm", "document", "metrics", "timeline", "actions"):
        for attribute in dir(context[name]):
            if not attribute.startswith("_"):
                assert f"  {name}.{attribute} " in described, f"{name}.{attribute}"


# Jinja2 is paid for only by a render ----------------------------------------------------------


def _loaded_after(code: str) -> bool:
    probe = code + "\nimport sys\nprint('jinja2' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=True,
    )
    return done.stdout.strip().splitlines()[-1] == "True"


def test_jinja2_is_not_imported_at_start_up_nor_by_listing_or_copying(tmp_path: Path) -> None:
    copy = tmp_path / "x.md.j2"
    code = textwrap.dedent(
        f"""
        import contextlib, io
        import pmtui.export.markdown, pmtui.export.template_view
        from pmtui.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            for argv in (["--help"], ["templates"], ["templates", "vars"],
                         ["templates", "copy", "light", {str(copy)!r}]):
                try:
                    main(argv)
                except SystemExit:
                    pass
        """
    )
    assert not _loaded_after(code)
    assert copy.read_text(encoding="utf-8") == builtin_source("light")
    # The check sees an import when there is one.
    assert _loaded_after(
        code + "\nimport pmtui.export.template_engine as e; e.builtin_template('full')"
    )


def test_the_readme_names_every_top_level_name() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Templates\n", 1)[1].split("\n## ", 1)[0]
    for name in template_context(sample(), TODAY, Fences()):
        shown = "customer_version()" if name == "customer_version" else name
        assert f"`{shown}`" in section, name


def test_a_list_printed_whole_reads_as_its_items_not_as_python() -> None:
    pm = replace(sample(), attendees=("a|b", "c"))
    assert render("| {{ pm.attendees }} | {{ metrics.rows[0] }} |", pm) == (
        "| a\\|b, c | Time to detect (TTD), 21m 58s |\n"
    )


def test_a_template_cannot_write_without_end() -> None:
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxx{% endfor %}"
    report = problem(f"# T\n{loops}{{% endfor %}}\n")
    assert report == "team.md.j2: the document would be larger than 64 MiB"


def test_a_section_printed_inside_a_line_leaves_no_marker_behind() -> None:
    pm = replace(sample(), summary="Short.", lessons="## Mind\n\nIt.")
    for source in ("# {{ sections.summary }}\n", "- {{ sections.lessons }}\n{{ pm.id }}"):
        markdown = render(source, pm)
        assert "\\u000" not in markdown, markdown
        assert "Short." in markdown or "It." in markdown
