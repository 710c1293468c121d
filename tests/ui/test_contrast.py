"""Every text in every snapshot is readable on a shared screen: WCAG 2.x contrast of at
least 4.5:1 against the background it sits on, in the dark and in the light theme.

Textual's SVG export draws one background rect per run of cells, then the text of each run
with a CSS class that names its fill colour. This test pairs each text with the rect under
its first cell and measures the two colours.

What is measured: a text that holds at least one letter or digit. Whitespace, box-drawing
and block glyphs (borders, scrollbars, tab underlines, the bars of a chart, the segments of
the Digits clock) are decoration or drawn shapes, not text to read, and are left out.

A dialog dims the screen behind it on purpose: the room should read the dialog. In snapshots
of a dialog (DIALOG_SNAPSHOTS) only the texts inside the dialog's frame are measured; the
frame is the box between the longest runs of its top (▀) and bottom (▄) border glyphs. The
screen behind is measured in its own snapshots.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.color import Color

from pmtui.ui.legible import TEXT_VARIABLES
from pmtui.ui.legible import contrast_ratio as color_ratio

SNAPSHOTS = Path(__file__).parent / "__snapshots__"
#: WCAG 2.x AA for normal-size text.
MINIMUM_RATIO = 4.5

_CLASS = re.compile(r"\.(terminal-[\w-]*r\d+) \{ fill: (#[0-9a-fA-F]{6})")
_RECT = re.compile(
    r'<rect fill="(#[0-9a-fA-F]{6})" x="([\d.]+)" y="([\d.]+)" '
    r'width="([\d.]+)" height="([\d.]+)"'
)
_TEXT = re.compile(r'<text class="([\w-]+)" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>')
_READABLE = re.compile(r"[^\W_]")
_FRAME_TEXT = re.compile(
    r'<text class="[\w-]+" x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>([^<]*)</text>'
)
#: Snapshot folders whose pictures show a dialog over a dimmed screen.
DIALOG_SNAPSHOTS = frozenset(
    {"test_import_dialog", "test_action_form_snapshots", "test_new_dialog_snapshots"}
)


@dataclass(frozen=True)
class Pair:
    """One text of a snapshot, its colour and the colour behind it."""

    text: str
    foreground: str
    background: str

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.foreground, self.background)


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a #rrggbb colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def dialog_frame(svg: str) -> tuple[float, float, float, float]:
    """Left, top, right and bottom of a dialog's frame in a snapshot, in SVG units."""
    edges = {}
    for glyph in "▀▄":
        runs = [
            (len(text), float(x), float(y), float(length))
            for x, y, length, text in _FRAME_TEXT.findall(svg)
            if text.count(glyph) >= 10
        ]
        assert runs, f"no dialog frame ({glyph}) in the snapshot"
        edges[glyph] = max(runs)
    _, left, top, width = edges["▀"]
    _, _, bottom, _ = edges["▄"]
    return left, top, left + width, bottom


def text_pairs(svg: str, inside: tuple[float, float, float, float] | None = None) -> list[Pair]:
    """Each readable text of a Textual SVG snapshot with the background under its first cell;
    with `inside` (left, top, right, bottom), only the texts that start in that box."""
    fills = dict(_CLASS.findall(svg))
    rects = [
        (float(x), float(y), float(width), float(height), fill)
        for fill, x, y, width, height in _RECT.findall(svg)
    ]
    pairs = []
    for css_class, x_text, y_text, raw in _TEXT.findall(svg):
        text = html.unescape(raw).replace("\xa0", " ")
        foreground = fills.get(css_class)
        if foreground is None or not _READABLE.search(text):
            continue
        # The text's baseline sits low in its row; a point just inside the first cell and a
        # little above the baseline is within that row's background rect.
        x, y = float(x_text) + 1, float(y_text) - 5
        if inside is not None:
            left, top, right, bottom = inside
            if not (left <= x < right and top < float(y_text) < bottom):
                continue
        background = None
        for left, top, width, height, fill in rects:
            if left <= x < left + width and top <= y < top + height:
                background = fill
        if background is not None:
            pairs.append(Pair(text.strip(), foreground, background))
    return pairs


def test_the_ratio_is_the_wcag_one() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_a_text_is_paired_with_the_rect_beneath_it() -> None:
    svg = (
        "<style>.terminal-r1 { fill: #777777 }\n.terminal-r2 { fill: #000000 }</style>"
        '<rect fill="#ffffff" x="0" y="1.5" width="24.4" height="24.65" shape-rendering="x"/>'
        '<rect fill="#ffffff" x="24.4" y="1.5" width="24.4" height="24.65" shape-rendering="x"/>'
        '<text class="terminal-r1" x="0" y="20" textLength="24.4">ok</text>'
        '<text class="terminal-r2" x="24.4" y="20" textLength="24.4">━━</text>'
    )
    assert text_pairs(svg) == [Pair("ok", "#777777", "#ffffff")]


SNAPSHOT_FILES = sorted(SNAPSHOTS.rglob("*.svg"))


@pytest.mark.parametrize(
    "path", SNAPSHOT_FILES, ids=[f"{p.parent.name}/{p.stem}" for p in SNAPSHOT_FILES]
)
def test_every_text_of_a_snapshot_reaches_4_5_to_1(path: Path) -> None:
    svg = path.read_text(encoding="utf-8")
    inside = dialog_frame(svg) if path.parent.name in DIALOG_SNAPSHOTS else None
    low: dict[tuple[str, str], Pair] = {}
    for pair in text_pairs(svg, inside):
        if pair.ratio < MINIMUM_RATIO:
            low.setdefault((pair.foreground, pair.background), pair)
    report = [
        f"{path.parent.name}/{path.name}: {pair.text[:40]!r} {pair.foreground} on "
        f"{pair.background} is {pair.ratio:.2f}:1"
        for pair in low.values()
    ]
    assert not report, "\n".join(report)


def test_there_are_snapshots_in_both_themes() -> None:
    names = [path.name for path in SNAPSHOT_FILES]
    assert len(names) >= 20
    assert any("light" in name for name in names)


def test_every_builtin_theme_gets_text_colours_that_reach_4_5_to_1(make_ui) -> None:
    app = make_ui().app
    short = []
    for name in sorted(app.available_themes):
        if "ansi" in name:
            continue  # The terminal's own palette: its colours are not known to anyone.
        app.theme = name
        variables = app.get_css_variables()
        background = Color.parse(variables["background"])
        for variable in TEXT_VARIABLES:
            ratio = color_ratio(Color.parse(variables[variable]), background)
            if ratio < MINIMUM_RATIO:
                short.append(f"{name} ${variable}: {ratio:.2f}:1")
    assert not short, "\n".join(short)
