"""Provides compiling and rendering of Markdown templates in Jinja2's immutable sandbox, and
the one-line report ('my.md.j2:12: unexpected '}'') of a template that cannot be rendered.

The sandbox keeps a template away from the file system and from Python's internals: no
attribute starting with '_' (so no walk to __class__ or __globals__), no call that changes
a list or dict, no {% include %}, {% import %} or {% extends %} (a template is one file),
no '*' or '**' that would build a huge value, and no document past MAX_OUTPUT. Jinja2 is
imported on the first render, never when pmtui starts.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from pmtui.export.markdown_blocks import table_row
from pmtui.export.markdown_escape import anywhere

if TYPE_CHECKING:
    from jinja2 import Environment, Template

#: The built-in templates, in the order they are offered, with what each one is for.
BUILTIN_TEMPLATES: dict[str, str] = {
    "full": "the whole post-mortem, to publish internally",
    "light": "a short one for minor incidents: summary, detection, causes, actions",
    "customer": "for a status page: only the fields written for customers",
}
SUFFIX = ".md.j2"

#: The longest text a '*' may build, the largest exponent '**' takes, and the most text a
#: template may write (a 10,000-event timeline is about 1 MiB).
MAX_REPEATED = 1_000_000
MAX_EXPONENT = 256
MAX_OUTPUT = 64 * 2**20

_NOT_ONE_FILE = "a template is one file: {% include %}, {% import %} and {% extends %} are refused"


class TemplateProblem(ValueError):
    """A template that cannot be rendered; str() is 'name:line: problem', one line."""

    def __init__(self, name: str, line: int | None, problem: str) -> None:
        self.name, self.line, self.problem = name, line, problem
        where = f"{name}:{line}" if line is not None else name
        super().__init__(f"{where}: {' '.join(problem.split())}")


def builtin_source(name: str) -> str:
    """The text of a built-in template, as shipped in the package."""
    if name not in BUILTIN_TEMPLATES:
        allowed = ", ".join(BUILTIN_TEMPLATES)
        raise ValueError(f"unknown Markdown template {name!r}; use one of: {allowed}")
    return files(__package__).joinpath("templates", name + SUFFIX).read_text(encoding="utf-8")


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table of already-escaped cells."""
    return table_lines(header, [table_row(row) for row in rows])


def table_lines(header: Sequence[str], rows: Sequence[str]) -> str:
    """A Markdown table whose rows are ready '| ... |' lines (the timeline's rows)."""
    return "\n".join([table_row(header), table_row(["---"] * len(header)), *rows])


def _guarded_binop(operator_name: str, left: Any, right: Any) -> Any:
    from jinja2.exceptions import SecurityError

    if operator_name == "**":
        if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"an exponent above {MAX_EXPONENT} is refused")
        return operator.pow(left, right)
    for sized, count in ((left, right), (right, left)):
        sequence = isinstance(sized, str | list | tuple) and isinstance(count, int)
        if sequence and len(sized) * count > MAX_REPEATED:
            raise SecurityError(f"a value longer than {MAX_REPEATED:,} is refused")
    return operator.mul(left, right)


def _bounded_concat(chunks: Iterable[str]) -> str:
    """Jinja2's join of what a template (or a macro, or a set block) writes, stopped once it
    passes MAX_OUTPUT: a loop inside a loop must not fill the memory."""
    from jinja2.exceptions import SecurityError

    parts, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise SecurityError(f"the document would be larger than {MAX_OUTPUT // 2**20} MiB")
        parts.append(chunk)
    return "".join(parts)


def _printed(value: Any) -> Any:
    """What `{{ value }}` prints: a list or tuple as its items joined by ', ', not its Python
    repr, whose quotes and doubled backslashes would undo the items' escaping."""
    if isinstance(value, list | tuple):
        return ", ".join(str(_printed(item)) for item in value)
    return value


@cache
def _environment() -> Environment:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Sandbox(ImmutableSandboxedEnvironment):
        # Intercepted, these are also never folded at compile time ('x' * 10**10).
        intercepted_binops = frozenset({"*", "**"})
        concat = staticmethod(_bounded_concat)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            return _guarded_binop(operator, left, right)

    environment = Sandbox(
        # Markdown, not HTML: every value is escaped for Markdown before a template sees it.
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        finalize=_printed,
    )
    environment.filters["md"] = lambda value: anywhere(str(value))
    environment.globals.update(table=table, table_lines=table_lines)
    return environment


def compile_template(source: str, name: str) -> Template:
    """`source` compiled under `name` (the file name errors give); raises TemplateProblem."""
    from jinja2 import nodes
    from jinja2.exceptions import TemplateSyntaxError

    environment = _environment()
    try:
        tree = environment.parse(source, name, name)
    except TemplateSyntaxError as error:
        raise TemplateProblem(name, error.lineno, error.message or "syntax error") from None
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        raise TemplateProblem(name, node.lineno, _NOT_ONE_FILE)
    code = environment.compile(tree, name, name)
    return environment.template_class.from_code(environment, code, environment.make_globals(None))


@cache
def builtin_template(name: str) -> Template:
    """A built-in template, compiled once per process."""
    return compile_template(builtin_source(name), name + SUFFIX)


def _line(error: BaseException, name: str) -> int | None:
    # Jinja2 rewrites the traceback so a template's frames carry its file name and lines.
    line, trace = None, error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == name:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def render(
    template: Template,
    context: Mapping[str, object],
    *,
    passes: tuple[type[Exception], ...] = (),
) -> str:
    """The template's output; any failure but `passes` becomes a TemplateProblem."""
    name = template.name or "template"
    try:
        return template.render(context)
    except passes:
        raise
    except Exception as error:
        raise TemplateProblem(name, _line(error, name), _describe(error)) from None


# Jinja2 names a view object by its Python class; the author wrote 'pm' or 'whys[i]'.
_VIEW_OBJECT = re.compile(r"'pmtui\.export\.template_view\.(\w+) object'")


def _as_written(match: re.Match[str]) -> str:
    from pmtui.export import template_view

    kind = getattr(template_view, match.group(1), None)
    name = (getattr(kind, "__doc__", None) or "").partition(":")[0].strip()
    return f"'{name}'" if name and " " not in name else match.group()


def _describe(error: BaseException) -> str:
    kind = type(error).__name__
    if isinstance(error, RecursionError):
        return "too deep: a macro calls itself without end"
    text = _VIEW_OBJECT.sub(_as_written, str(error)) or kind
    # Jinja2's own errors say what went wrong; for a Python one the type names the problem.
    known = ("UndefinedError", "SecurityError", "TemplateRuntimeError", "TemplateError")
    return text if kind in known else f"{kind}: {text}"
