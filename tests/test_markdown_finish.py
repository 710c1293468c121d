"""Tests the finishing pass (export.markdown_finish): the document it gives, and that it
reads a long rendered template in place instead of copying it again and again."""

from __future__ import annotations

import re
import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

from pmtui.export.markdown_blocks import MarkdownDocument
from pmtui.export.markdown_finish import Fences, finish

FENCES = Fences(token="0123456789ab")

# The finishing pass as it was written first (slices, strips and splits of the text), kept
# as the oracle: reading in place must give the very same document.
_HEADING = re.compile(r"(#{1,6})(?:[ \t]+([^\n]*?))?[ \t]*(?=\n|\Z)")
_SPACE_ONLY = re.compile(r"^[ \t]+$", re.MULTILINE)
_BLANK_RUN = re.compile(r"\n{2,}")


def _reference_blocks(text: str, document: MarkdownDocument, blocks: list[str]) -> None:
    cursor = 0
    starts = [0] if text.startswith("#") else []
    starts += [found.start() + 1 for found in re.finditer("\n#", text)]
    for match in filter(None, (_HEADING.match(text, start) for start in starts)):
        _reference_paragraphs(text[cursor : match.start()], blocks)
        hashes, title = match.group(1), match.group(2) or ""
        blocks.append(f"{hashes} {document.claim(title)}" if title else hashes)
        cursor = match.end()
    _reference_paragraphs(text[cursor:], blocks)


def _reference_paragraphs(text: str, blocks: list[str]) -> None:
    if text[:1] in (" ", "\t") or "\n " in text or "\n\t" in text:
        text = _SPACE_ONLY.sub("", text)
    text = text.strip("\n")
    if text:
        blocks.extend(_BLANK_RUN.split(text))


def _reference_finish(text: str, fences: Fences) -> str:
    title = None
    first, _, rest = text.lstrip("\n").partition("\n")
    if first.startswith("# ") and fences.open not in first:
        title, text = first[2:].strip(), rest
    document = MarkdownDocument(title or "")
    blocks: list[str] = []
    heading = re.compile(re.escape(fences.heading_open) + "(.*?)" + re.escape(fences.heading_close))
    parts = text.split(fences.open)
    _reference_blocks(parts[0], document, blocks)
    for part in parts[1:]:
        inside, _, outside = part.partition(fences.close)
        blocks.append(heading.sub(lambda found: document.claim(found.group(1)), inside))
        _reference_blocks(outside, document, blocks)
    if title is None:
        finished = "\n\n".join(blocks) + "\n"
    else:
        document.paragraphs(blocks)
        finished = document.render()
    for marker in (fences.open, fences.close, fences.heading_open, fences.heading_close):
        finished = finished.replace(marker, "")
    return finished


PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        "\n\n\n",
        " ",
        "\t",
        "  \n",
        "#",
        "# ",
        "## Timeline",
        "# Title\n",
        "text",
        "| a | b |",
        "`code`",
        FENCES.open,
        FENCES.close,
        FENCES.heading("Notes"),
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
def test_the_finished_document_is_the_one_the_first_finishing_pass_gave(text: str) -> None:
    assert finish(text, FENCES) == _reference_finish(text, FENCES)


def test_a_long_document_is_finished_with_one_copy_of_it() -> None:
    """Each copy of a 10,000-event document (a slice, a strip, a split, a join) took a
    megabyte of fresh pages from the system; now the blocks and the document are the only."""
    rows = "\n".join(
        f"| 2025-03-11 09:{n % 60:02d} | alert | edge-proxy-{n} TLS failures | monitoring |"
        for n in range(10_000)
    )
    narrative = FENCES.narrative(["Some *notes*."])
    for title in ("# A long timeline\n\n", ""):
        table = f"| When | Kind | Event | Source |\n|---|---|---|---|\n{rows}"
        text = f"{title}## Timeline\n\n{table}\n\n\n## Notes\n\n{narrative}\n"
        tracemalloc.start()
        try:
            finished = finish(text, FENCES)
            held, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert finished == _reference_finish(text, FENCES)
        assert peak - held < 1.25 * len(text), f"{(peak - held) / len(text):.1f} copies"
