"""Provides a POSIX shell script of `gh issue create` commands, one per action item.

Every value is one shell word quoted by shlex.quote and passed as `--flag=value`, so no
action text, owner or title can run a command, expand a variable or pass for an option of
`gh`. An owner that is not a GitHub login is named in the body instead of `--assignee`,
which `gh` would refuse and stop the script on.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable

from pmtui.analysis.action_quality import names_no_owner
from pmtui.analysis.followup import ActionRow
from pmtui.export.trackers import issue_description, issue_title
from pmtui.model.text import visible

# GitHub logins: letters, digits and single hyphens, at most 39 characters.
_LOGIN = re.compile(r"@?([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})")

PREAMBLE = """#!/bin/sh
# Written by `pmtui actions --format github-script`: one GitHub issue per action item.
# Run it in a clone of the repository the issues belong in (or set GH_REPO=owner/name).
set -eu
"""


def github_login(owner: str) -> str:
    """The owner as a GitHub login ("@dana" or "dana"), or "" when it cannot be one."""
    match = _LOGIN.fullmatch(owner.strip())
    return match.group(1) if match and not names_no_owner(owner) else ""


def _word(flag: str, value: str) -> str:
    return shlex.quote(f"--{flag}={visible(value)}")


def github_script(rows: Iterable[ActionRow], link_base: str = "") -> str:
    rows = list(rows)
    labels = sorted({"postmortem"} | {row.action.kind.value for row in rows if row.action.kind})
    lines = [PREAMBLE]
    # `gh issue create --label` fails on a label the repository lacks; --force keeps an
    # existing label as the team set it up, apart from colour and description.
    lines += [f"gh label create {shlex.quote(label)} --force >/dev/null" for label in labels]
    for row in rows:
        action = row.action
        words = ["gh", "issue", "create", _word("title", issue_title(action.text))]
        words.append(_word("body", issue_description(row, link_base)))
        login = github_login(action.owner)
        if login:
            words.append(_word("assignee", login))
        words.append(_word("label", "postmortem"))
        if action.kind:
            words.append(_word("label", action.kind.value))
        lines.append(" ".join(words))
    return "\n".join(lines) + "\n"
