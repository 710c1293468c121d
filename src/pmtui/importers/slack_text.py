"""Provides Slack message text as a person reads it: names, links, formatting and emoji.

Slack stores `<@U024BE7LH>` for a mention, `<#C024BE7LR|ops-alerts>` for a channel,
`<!here>`, `<!subteam^S012|@oncall>`, `<https://example.com|label>`, and escapes `&`, `<`, `>`.
Its mrkdwn marks `*bold*`, `_italic_`, `~strike~` and `:emoji:` codes. A timeline row is one
plain line that an export escapes where Markdown needs it, so the marks are dropped rather
than kept (they would read as `\\*bold\\*`), struck text says it was struck, known emoji
codes become the emoji, and the lines of a message are joined with " / ". Links keep their
URL: the first becomes the event's link, later ones stay in the text after their label.
Webhook and app messages often leave `text` empty and say everything in `attachments` or
`blocks`; those are flattened to their plain text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# Code is shown as typed: a `*` inside it is not bold, a `:x:` inside it not an emoji.
_TOKEN = re.compile(r"```.*?```|`[^`\n]+`|<([^<>]*)>", re.DOTALL)
_BOLD = re.compile(r"(?<![\w*])\*(?![\s*])([^*\n]*?[^\s*])\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(?![\s_])([^_\n]*?[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"(?<![\w~])~(?![\s~])([^~\n]*?[^\s~])~(?![\w~])")
_EMOJI = re.compile(r"(?<![\w:]):([a-z0-9_+'-]{1,60}):(?![\w:])")
_SKIN_TONE = re.compile(r"::skin-tone-\d:")
_URL_SCHEMES = ("http://", "https://")
_MAX_PIECES = 200  # a block tree larger than this is cut short, never walked forever

#: The emoji codes seen most in incident channels; any other code is kept as typed.
EMOJI: dict[str, str] = {
    "+1": "👍",
    "thumbsup": "👍",
    "-1": "👎",
    "thumbsdown": "👎",
    "white_check_mark": "✅",
    "heavy_check_mark": "✔",
    "ballot_box_with_check": "☑",
    "x": "❌",
    "negative_squared_cross_mark": "❎",
    "warning": "⚠",
    "rotating_light": "🚨",
    "fire": "🔥",
    "boom": "💥",
    "zap": "⚡",
    "eyes": "👀",
    "mag": "🔍",
    "tada": "🎉",
    "pray": "🙏",
    "raised_hands": "🙌",
    "ok_hand": "👌",
    "muscle": "💪",
    "rocket": "🚀",
    "bug": "🐛",
    "red_circle": "🔴",
    "large_green_circle": "🟢",
    "large_yellow_circle": "🟡",
    "large_orange_circle": "🟠",
    "large_blue_circle": "🔵",
    "green_heart": "💚",
    "heart": "❤",
    "hourglass": "⌛",
    "hourglass_flowing_sand": "⏳",
    "stopwatch": "⏱",
    "construction": "🚧",
    "no_entry": "⛔",
    "no_entry_sign": "🚫",
    "sos": "🆘",
    "bell": "🔔",
    "mega": "📣",
    "loudspeaker": "📢",
    "pushpin": "📌",
    "memo": "📝",
    "chart_with_upwards_trend": "📈",
    "chart_with_downwards_trend": "📉",
    "wrench": "🔧",
    "hammer_and_wrench": "🛠",
    "lock": "🔒",
    "key": "🔑",
    "arrows_counterclockwise": "🔄",
    "arrow_right": "➡",
    "point_right": "👉",
    "point_up": "☝",
    "checkered_flag": "🏁",
    "thinking_face": "🤔",
    "slightly_smiling_face": "🙂",
    "smile": "😄",
    "sweat_smile": "😅",
    "joy": "😂",
    "scream": "😱",
    "sob": "😭",
    "face_palm": "🤦",
    "facepalm": "🤦",
}


def render(
    text: str,
    users: Mapping[str, str],
    channels: Mapping[str, str],
    links: list[str] | None = None,
) -> str:
    """`text` as a person reads it. Each http(s) URL is appended to `links` (when given):
    the first is shown by its label alone (it becomes the event's link), later ones as
    "label (URL)" so that none is lost."""
    found = links if links is not None else []

    def one(inner: str) -> str:
        target, _, label = inner.partition("|")
        label = _unescape(_marks(label))
        if target.startswith("@"):
            return "@" + (users.get(target[1:]) or label.lstrip("@") or target[1:])
        if target.startswith("#"):
            return "#" + (label or channels.get(target[1:]) or target[1:])
        if target.startswith("!"):
            # <!here>, <!subteam^S012|@oncall>, <!date^1741701737^{date}|fallback text>
            return label or "@" + target[1:].split("^")[0]
        url = _unescape(target)
        if url.lower().startswith(_URL_SCHEMES):
            found.append(url)
            if label and label != url and len(found) > 1:
                return f"{label} ({url})"
        return label or url.removeprefix("mailto:")

    pieces = []
    start = 0
    for match in _TOKEN.finditer(text):
        pieces.append(_unescape(_marks(text[start : match.start()])))
        inner = match.group(1)
        pieces.append(_unescape(match.group(0)) if inner is None else one(inner))
        start = match.end()
    pieces.append(_unescape(_marks(text[start:])))
    return "".join(pieces)


def one_line(text: str) -> str:
    """A message's lines joined with " / ", blank lines dropped: a timeline row is one line."""
    if "\n" not in text and "\r" not in text:
        return text
    return " / ".join(line.strip() for line in text.splitlines() if line.strip())


def _marks(text: str) -> str:
    """mrkdwn's bold and italic marks dropped, struck text said so, emoji codes shown."""
    if "*" in text:
        text = _BOLD.sub(r"\1", text)
    if "_" in text:
        text = _ITALIC.sub(r"\1", text)
    if "~" in text:
        text = _STRIKE.sub(r"(struck out: \1)", text)
    if ":" in text:
        text = _EMOJI.sub(_emoji, _SKIN_TONE.sub(":", text))
    return text


def _emoji(match: re.Match[str]) -> str:
    return EMOJI.get(match.group(1), match.group(0))


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def attachment_text(attachments: object, links: list[str] | None = None) -> str:
    """The readable text of legacy attachments (what Alertmanager's Slack receiver sends);
    a title's link is added to `links`."""
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
            title_link = _str(attachment.get("title_link"))
            if links is not None and title_link.lower().startswith(_URL_SCHEMES):
                links.append(title_link)
        elif _str(attachment.get("fallback")):
            pieces.append(_str(attachment.get("fallback")))
    return " | ".join(pieces)


def block_text(blocks: object) -> str:
    """The text of Block Kit blocks (rich_text, section, header, context), simplified, in
    Slack's own markup (`<@U…>`, `<url|text>`) for `render` to read."""
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
                label = _str(node.get("text")).replace(">", "&gt;")
                url = node["url"].replace(">", "%3E").replace("|", "%7C")
                pieces.append(f"<{url}|{label}>" if label else f"<{url}>")
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
