"""Provides Slack message text as a person reads it: mentions named, links shown, HTML unescaped.

Slack stores `<@U024BE7LH>` for a mention, `<#C024BE7LR|ops-alerts>` for a channel,
`<!here>`, `<!subteam^S012|@oncall>`, `<https://example.com|label>`, and escapes `&`, `<`, `>`.
Webhook and app messages often leave `text` empty and say everything in `attachments` or
`blocks`; those are flattened to their plain text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_ANGLE = re.compile(r"<([^<>]*)>")
_MAX_PIECES = 200  # a block tree larger than this is cut short, never walked forever


def render(text: str, users: Mapping[str, str], channels: Mapping[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + (users.get(target[1:]) or label or target[1:])
        if target.startswith("#"):
            return "#" + (label or channels.get(target[1:]) or target[1:])
        if target.startswith("!"):
            # <!here>, <!subteam^S012|@oncall>, <!date^1741701737^{date}|fallback text>
            return label or "@" + target[1:].split("^")[0]
        return label or target.removeprefix("mailto:")

    rendered = _ANGLE.sub(one, text)
    return rendered.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def attachment_text(attachments: object) -> str:
    """The readable text of legacy attachments (what Alertmanager's Slack receiver sends)."""
    if not isinstance(attachments, list):
        return ""
    pieces = []
    for attachment in attachments[:20]:
        if not isinstance(attachment, dict):
            continue
        title = _str(attachment.get("title")) or _str(attachment.get("pretext"))
        body = _str(attachment.get("text"))
        if title or body:
            pieces.append(" — ".join(part for part in (title, body) if part))
        elif _str(attachment.get("fallback")):
            pieces.append(_str(attachment.get("fallback")))
    return " | ".join(pieces)


def block_text(blocks: object) -> str:
    """The plain text of Block Kit blocks (rich_text, section, header, context), simplified."""
    pieces: list[str] = []
    stack: list[object] = [blocks]
    steps = 0
    while stack and steps < _MAX_PIECES * 10 and len(pieces) < _MAX_PIECES:
        steps += 1
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            kind = node.get("type")
            if kind in ("text", "plain_text", "mrkdwn") and isinstance(node.get("text"), str):
                pieces.append(node["text"])
            elif kind == "user" and isinstance(node.get("user_id"), str):
                pieces.append(f"<@{node['user_id']}>")
            elif kind == "link" and isinstance(node.get("url"), str):
                pieces.append(_str(node.get("text")) or node["url"])
            elif kind == "emoji" and isinstance(node.get("name"), str):
                pieces.append(f":{node['name']}:")
            else:
                stack.extend(
                    value
                    for key in ("text", "elements", "fields")
                    if isinstance(value := node.get(key), list | dict)
                )
    return "".join(pieces)


def file_text(files: object) -> str:
    if not isinstance(files, list):
        return ""
    names = [_str(f.get("title")) or _str(f.get("name")) for f in files[:20] if isinstance(f, dict)]
    names = [name for name in names if name]
    return f"shared {', '.join(names)}" if names else ""


def _str(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
