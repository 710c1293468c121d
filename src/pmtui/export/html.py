"""Provides the HTML export: one self-contained page made from a Markdown export, for wikis
and e-mail.

The page is the Markdown document rendered by markdown-it-py (CommonMark, GitHub's tables and
strikethrough) with raw HTML off, so whatever Markdown a template writes shows as it would on
a forge, and no text can become a tag. On top of that the page loads, runs and submits
nothing: the only style is inline, links may only be http, https or mailto (or point inside
the page or beside it), images become links to themselves (except attached images, embedded
as data: URIs), and a Content-Security-Policy says so again to the browser.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from html import escape
from typing import TYPE_CHECKING, Any

from pmtui.export.html_style import PAGE_STYLE

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from markdown_it import MarkdownIt
    from markdown_it.renderer import RendererHTML
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token
    from markdown_it.utils import OptionsDict

#: Nothing may load from anywhere (no script, font, frame, image or connection); only the
#: page's own <style> applies. base-uri and form-action are not covered by default-src.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)
#: The same, for a page that embeds attached images: data: URIs only, still nothing fetched.
CONTENT_SECURITY_POLICY_IMAGES = CONTENT_SECURITY_POLICY.replace("img-src 'none'", "img-src data:")

#: What an embedded image's URI starts with (see store.attachments.attachment_data_uri).
_IMAGE_DATA = ("data:image/png;base64,", "data:image/jpeg;base64,", "data:image/svg+xml;base64,")

#: The URL schemes a link may use; a URL without one points inside the page or beside it.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

#: The <title> of a document whose Markdown has no top-level heading.
UNTITLED = "Post-mortem"

# Browsers drop these anywhere in a URL before reading its scheme ("java\tscript:").
_URL_IGNORED = re.compile(r"[\t\n\r]")
# ... and these around it.
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
# A colon before any "/", "?" or "#": the URL names a scheme ("foo:bar" does too).
_SCHEME_PART = re.compile(r"^[^/?#]*:")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# What a heading id keeps, as GitHub's anchors do: letters, digits, "_", "-" and spaces.
_NOT_ANCHOR = re.compile(r"[^\w\- ]", re.UNICODE)


def export_html(markdown: str, images: Mapping[str, str] | None = None) -> str:
    """The page for a Markdown document (any template's): a whole HTML5 file, ending in a
    newline. Its <title> is the document's first top-level heading.

    `images` maps an image's path in the Markdown (an attachment's `attachments/<sha256>.png`)
    to the data: URI it is shown from; every other image stays a link. An SVG shown through
    <img> runs no script and loads nothing, so embedding one is safe; it is never inlined."""
    md = _parser()
    env: dict[str, Any] = {"pmtui_images": dict(images or {})}
    tokens = md.parse(markdown, env)
    body = md.renderer.render(tokens, md.options, env)
    title = env.get("pmtui_title") or UNTITLED
    policy = (
        CONTENT_SECURITY_POLICY_IMAGES if env.get("pmtui_embedded") else CONTENT_SECURITY_POLICY
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{escape(title, quote=False)}</title>\n"
        f"<style>\n{PAGE_STYLE}</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"{body}"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )


def allowed_link(url: str) -> bool:
    """Whether a link or image URL may appear in the page: http, https, mailto, or none.

    markdown-it's own check lets data:image URLs through and knows nothing of other schemes
    a mail client or wiki may act on; this one lets through only what it knows.
    """
    seen = _URL_IGNORED.sub("", url).strip(_C0_AND_SPACE)
    if not _SCHEME_PART.match(seen):
        return True  # "#impact", "runbook.md", "//host" are read without a scheme of their own
    scheme = _SCHEME.match(seen)
    return scheme is not None and scheme.group(1).lower() in LINK_SCHEMES


def heading_anchor(text: str, taken: set[str]) -> str:
    """The id for a heading, GitHub's way ("Five whys" -> "five-whys", then "five-whys-1"),
    different from every id in `taken`, to which it is added."""
    slug = _NOT_ANCHOR.sub("", unicodedata.normalize("NFC", text).strip().lower())
    slug = slug.replace(" ", "-") or "section"
    anchor, number = slug, 0
    while anchor in taken:
        number += 1
        anchor = f"{slug}-{number}"
    taken.add(anchor)
    return anchor


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    from pmtui.export.html_table import TABLE, render_table, table

    # Raw HTML off: "<b>" in any text is shown as "<b>", never parsed as a tag.
    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False, "linkify": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = allowed_link  # type: ignore[method-assign]
    # The same alternatives as markdown-it's rule: a table may interrupt a paragraph.
    md.block.ruler.at("table", table, {"alt": ["paragraph", "reference"]})
    md.core.ruler.at("inline", _parse_inlines)
    md.core.ruler.push("pmtui_page", _mark_up)
    md.add_render_rule("image", _image_as_link)
    md.add_render_rule(TABLE, render_table)
    return md


def _parse_inlines(state: StateCore) -> None:
    """markdown-it's inline pass, with plain text read without running every inline rule
    over it (see html_table.plain_text), and a table's cells read where html_table keeps
    them: a 10,000-event timeline spent most of its time there."""
    from markdown_it.token import Token

    from pmtui.export.html_table import TABLE, plain_text, read_cells

    md = state.md
    for token in state.tokens:
        if token.type == TABLE:
            read_cells(token, md, state.env)
        elif token.type == "inline":
            if token.children is None:
                token.children = []
            text = plain_text(token.content) if token.content else None
            if text is None:
                md.inline.parse(token.content, md, state.env, token.children)
            else:
                token.children.append(Token("text", "", 0, content=text))


def _mark_up(state: StateCore) -> None:
    """Give headings their anchors and note the title (html_table marks the table cells)."""
    taken: set[str] = set()
    tokens = state.tokens
    for index, token in enumerate(tokens[:-1]):
        inline = tokens[index + 1]
        if token.type == "heading_open":
            text = _plain_text(inline.children or [])
            token.attrSet("id", heading_anchor(text, taken))
            if token.tag == "h1" and "pmtui_title" not in state.env:
                state.env["pmtui_title"] = " ".join(text.split())


def _plain_text(children: Sequence[Token]) -> str:
    """What a heading reads as: its text and code, without the Markdown around them."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.children:
            parts.append(_plain_text(child.children))
    return "".join(parts)


def _image_as_link(
    renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: Any
) -> str:
    # An image would be fetched as the page opens (and tell the server who read it); a link
    # to it loads only when the reader asks. The CSP would block it anyway.
    token = tokens[index]
    source = str(token.attrGet("src") or "")
    described = renderer.renderInlineAsText(token.children or [], options, env).strip()
    embedded = env.get("pmtui_images", {}).get(source)
    if embedded is not None and embedded.startswith(_IMAGE_DATA):
        # An attachment pmtui read from its own folder: shown from its bytes in the page.
        env["pmtui_embedded"] = True
        return f'<img src="{escape(embedded)}" alt="{escape(described)}">'

    label = escape(f"image: {described}" if described else "image", quote=False)
    return f'<a href="{escape(source)}">{label}</a>'
