"""Provides what every tracker export shares: the link back to the post-mortem and the
marker a later `pmtui actions sync` finds the action item by.

One module per tracker writes the file that tracker's own importer takes: jira.py (Jira's
CSV importer), linear.py (Linear's CSV importer) and github.py (a shell script of
`gh issue create` commands).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from pmtui.analysis.action_quality import names_no_owner
from pmtui.analysis.followup import ActionRow

#: The line in each issue's description that names the action item it came from. A tracker's
#: export carries the description back, so a sync matches an issue nobody linked by hand
#: (pmtui.sync.readers reads it).
MARKER = "pmtui-action:"

TRACKER_FORMATS = ("jira-csv", "linear-csv", "github-script")


class LinkBaseError(ValueError):
    """A --link-base or base_url setting that is not an http(s) address."""


def check_link_base(base: str) -> str:
    """`base` if it can start a link in a tracker (http or https, no spaces), else
    LinkBaseError; "" stays "" (no link)."""
    base = base.strip()
    if not base:
        return ""
    if not re.fullmatch(r"https?://[^\s\"'<>\\]+", base) or not base.isprintable():
        raise LinkBaseError(f"link base {base!r} is not an http:// or https:// address")
    return base


def document_url(base: str, pm_id: str) -> str:
    """The exported document's address: `{id}` in `base` is replaced by the post-mortem's
    id, else `<base>/<id>.md` (the Markdown a team folder with `markdown: true` writes)."""
    if not base:
        return ""
    if "{id}" in base:
        return base.replace("{id}", pm_id)
    return f"{base.rstrip('/')}/{pm_id}.md"


#: Jira refuses a summary over 255 characters; GitHub a title over 256. The whole text is
#: the description's first line.
TITLE_LIMIT = 250


def issue_title(text: str) -> str:
    """The action's text as an issue title: one line, cut to TITLE_LIMIT with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= TITLE_LIMIT else line[: TITLE_LIMIT - 1].rstrip() + "…"


def assignee(owner: str) -> str:
    """The owner as a tracker's assignee: '' for one that names nobody ("TBD", "?"), which a
    tracker would take for a person's name (mock 40c), and a handle without its '@'."""
    if names_no_owner(owner):
        return ""
    return owner.strip().removeprefix("@").strip()


def needs_an_issue(row: ActionRow) -> bool:
    """Whether an item goes into a tracker file: work still to do that no tracker holds yet.
    A done item went in as a new To Do issue, and the next sync reopened it, its completion
    date lost; an item with a reference went in a second time (mock 40c)."""
    return row.action.is_open and not row.action.tracker.strip()


def label_word(text: str) -> str:
    """`text` as one label word (Jira labels hold no spaces)."""
    return re.sub(r"\s+", "-", text.strip())


def issue_description(row: ActionRow, link_base: str) -> str:
    """The issue's body: the action, the post-mortem it came from and the marker line."""
    action = row.action
    origin = f'From the post-mortem "{row.postmortem_title}" (id {row.postmortem_id}).'
    lines = [action.text, "", origin]
    url = document_url(link_base, row.postmortem_id)
    if url:
        lines.append(f"Post-mortem document: {url}")
    if action.owner:
        lines.append(f"Owner: {action.owner}")
    if action.due:
        lines.append(f"Due: {action.due.isoformat()}")
    lines += ["", f"{MARKER} {row.postmortem_id}/{action.id}"]
    return "\n".join(lines)


def tracker_export(kind: str) -> Callable[[Iterable[ActionRow], str], str]:
    """The writer of one of TRACKER_FORMATS: (rows, link base) -> the file's text."""
    if kind == "jira-csv":
        from pmtui.export.trackers.jira import jira_csv

        return jira_csv
    if kind == "linear-csv":
        from pmtui.export.trackers.linear import linear_csv

        return linear_csv
    if kind == "github-script":
        from pmtui.export.trackers.github import github_script

        return github_script
    raise ValueError(f"unknown tracker format {kind!r}")
