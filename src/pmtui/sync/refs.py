"""Provides tracker references in one comparable form: an action's `tracker` field
("OPS-123", "ops-123", "https://acme.atlassian.net/browse/OPS-123", "#17",
"https://github.com/acme/api/issues/17") and an issue's own key or address."""

from __future__ import annotations

import re

# Jira and Linear keys: a project or team key, a hyphen, a number.
KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,31}-[0-9]{1,12}")
_KEY_IN_URL = re.compile(r"/(?:browse|issue|issues)/([A-Za-z][A-Za-z0-9_]{0,31}-[0-9]{1,12})\b")
_GITHUB_URL = re.compile(
    r"https?://[^/\s]+/([A-Za-z0-9_.-]{1,100})/([A-Za-z0-9_.-]{1,100})/(?:issues|pull)/([0-9]{1,12})/?"
)
_GITHUB_SHORT = re.compile(r"(?:([A-Za-z0-9_.-]{1,100})/([A-Za-z0-9_.-]{1,100}))?#([0-9]{1,12})")


def ref_keys(text: str) -> frozenset[str]:
    """The forms `text` may be compared by; empty when it names no issue."""
    text = text.strip()
    if KEY.fullmatch(text):
        return frozenset({text.upper()})
    github = _GITHUB_URL.fullmatch(text)
    if github:
        owner, repo, number = github.groups()
        return frozenset({f"{owner}/{repo}#{int(number)}".casefold()})
    short = _GITHUB_SHORT.fullmatch(text)
    if short:
        owner, repo, number = short.groups()
        if owner:
            return frozenset({f"{owner}/{repo}#{int(number)}".casefold()})
        return frozenset({f"#{int(number)}"})
    in_url = _KEY_IN_URL.search(text) if text.startswith(("http://", "https://")) else None
    if in_url:
        return frozenset({in_url.group(1).upper()})
    return frozenset()


def github_keys(number: int, url: str) -> frozenset[str]:
    """Every form an action may name GitHub issue `number` by ("#17" and "acme/api#17")."""
    return frozenset({f"#{number}"}) | ref_keys(url)
