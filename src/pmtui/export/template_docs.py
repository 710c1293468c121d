"""Provides the description of every name a Markdown template sees (`pmtui templates vars`,
the README's Templates section), derived from the view model's own docstrings, so the two
cannot drift apart."""

from __future__ import annotations

import inspect
from dataclasses import fields, is_dataclass
from functools import cached_property

from pmtui.export import template_view as view

_INTRO = """\
Names a pmtui Markdown template sees (Jinja2, in a sandbox). Every text is already escaped
for Markdown and safe where its description says; only raw.* is not. After rendering, pmtui
leaves one blank line between blocks, makes every heading unique and ends with one newline."""

#: Names whose value is not a view class: (name, description).
_PLAIN: dict[str, str] = {
    "headings": "each narrative section's heading by field name: headings.summary is 'Summary'",
    "causes": "one line per contributing factor ('**Monitoring:** <factor>. Root cause: ..."
    " Seen at ... How it made sense at the time: ...'), then what each chain no factor drills"
    " into concluded, for list items",
    "related": "'<incident>: <address>' for each related incident, for list items",
    "waivers": "'<check> at <where>: <reason> (waived by ... on ...)', for list items",
    "today": "the date overdue deadlines are counted from, YYYY-MM-DD",
}

_HELPERS = """\
Filters and functions:
  value|md                  escape a text for Markdown (use it on raw.* values); a filter
                            that changes an escaped value (slicing, |truncate, |replace)
                            may undo its escaping: apply it to raw.* and then |md
  table(header, rows)       a Markdown table of already-escaped cells
  table_lines(header, rows) a Markdown table whose rows are ready '| ... |' lines
  and Jinja2's own (if, for, set, macro, loop.index, |join, |length, ...); a list printed
  whole reads as its items joined by ', '; a template is one file: {% include %},
  {% import %} and {% extends %} are refused."""

_ORDER: tuple[tuple[str, object], ...] = (
    ("pm", view.PostMortemView),
    ("document", view.DocumentView),
    ("sections", view.Sections),
    ("headings", None),
    ("metrics", view.MetricsView),
    ("timeline", view.TimelineView),
    ("timeline.events[i]", view.EventView),
    ("factors[i]", view.FactorView),
    ("whys[i]", view.ChainView),
    ("causes", None),
    ("actions", view.ActionsView),
    ("actions.items[i]", view.ActionView),
    ("related", None),
    ("waivers", None),
    ("today", None),
    ("customer_version()", view.CustomerView),
    ("raw", view.RawView),
)


def _first_paragraph(text: str | None) -> str:
    return " ".join((inspect.cleandoc(text or "").split("\n\n")[0]).split())


def _members(kind: object) -> list[tuple[str, str]]:
    if is_dataclass(kind):
        return [(f.name, str(f.metadata.get("doc", ""))) for f in fields(kind)]
    return [
        (name, _first_paragraph(member.__doc__))
        for name, member in vars(kind).items()
        if isinstance(member, cached_property) and not name.startswith("_")
    ]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _wrap(label: str, text: str, width: int = 92) -> list[str]:
    lines, line = [], f"  {label:<26}"
    if len(line) > 28:
        lines, line = [line.rstrip()], " " * 28
    for word in _sentence(text).split():
        if len(line) + len(word) + 1 > width and line.strip():
            lines.append(line.rstrip())
            line = " " * 28
        line += word + " "
    lines.append(line.rstrip())
    return lines


def template_vars() -> str:
    """The reference text, as `pmtui templates vars` prints it."""
    out = [_INTRO]
    for name, kind in _ORDER:
        if kind is None:
            out.extend(_wrap(name, _PLAIN[name]))
            continue
        summary = _first_paragraph(kind.__doc__)
        # A class's docstring starts 'name: ...', the name templates write.
        out.append("")
        out.extend(_wrap(name, summary.removeprefix(f"{name}: ")))
        for member, text in _members(kind):
            out.extend(_wrap(f"{name}.{member}", text))
        if kind is view.Sections:
            out.extend(_wrap("", f"keys: {', '.join(view.SECTION_KEYS)}"))
        out.append("")
    out.append(_HELPERS)
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"
