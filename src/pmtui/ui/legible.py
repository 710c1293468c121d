"""Provides legible(): a theme's CSS variables nudged so every text reaches 4.5:1 contrast.

A shared screen is read from the back of the room through a projector or a video call. WCAG
2.x asks 4.5:1 between a text and its background; several of Textual's built-in themes fall
short for their accent texts ($text-warning on the light theme's surface is 3.0:1) and for
$text on $primary (3.8:1 in the dark theme). Rather than one colour per theme, each text
colour is darkened (light themes) or lightened (dark themes) in small steps until it passes
on every background pmtui puts it on, and each block background is darkened or lightened
until $text on it passes. Colours that already pass are left exactly as the theme has them.
"""

from __future__ import annotations

from textual.color import Color

#: WCAG 2.x AA for normal-size text, with a little room for the rounding of blended colours.
TARGET_RATIO = 4.6
#: Variables used as the colour of text.
TEXT_VARIABLES = (
    "text-primary",
    "text-secondary",
    "text-accent",
    "text-warning",
    "text-error",
    "text-success",
    "footer-key-foreground",
    "markdown-h1-color",
    "markdown-h2-color",
    "markdown-h3-color",
)
#: Variables used behind $text (which Textual draws as "auto 87%").
BLOCK_VARIABLES = ("block-cursor-background",)
_STEP = 0.04
_MAX_STEPS = 25


def relative_luminance(color: Color) -> float:
    """WCAG 2.x relative luminance."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def contrast_ratio(first: Color, second: Color) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def auto_text(background: Color) -> Color:
    """The colour Textual draws `$text` ("auto 87%") in on `background`."""
    white, black = Color(255, 255, 255), Color(0, 0, 0)
    best = max((white, black), key=lambda color: contrast_ratio(color, background))
    return background.blend(best, 0.87)


def _parse(value: str | None) -> Color | None:
    if not value or value.split()[0] in {"auto", "transparent"} or value.startswith("ansi"):
        return None
    try:
        return Color.parse(value)
    except Exception:  # Textual raises several kinds for values it cannot read as a colour.
        return None


def _backgrounds(variables: dict[str, str]) -> list[Color]:
    """The solid backgrounds text sits on: the screen, surfaces and panels, and a surface
    tinted by $primary 15% (the milestone rows of the timeline)."""
    found = [_parse(variables.get(name)) for name in ("background", "surface", "panel")]
    solid = [color for color in found if color is not None]
    surface, primary = _parse(variables.get("surface")), _parse(variables.get("primary"))
    if surface is not None and primary is not None:
        solid.append(surface.blend(primary, 0.15))
    return solid


def _nudge_text(color: Color, backgrounds: list[Color], dark: bool) -> Color:
    for _ in range(_MAX_STEPS):
        if all(contrast_ratio(color, back) >= TARGET_RATIO for back in backgrounds):
            break
        color = color.lighten(_STEP) if dark else color.darken(_STEP)
    return color


def _nudge_block(color: Color, dark: bool) -> Color:
    for _ in range(_MAX_STEPS):
        if contrast_ratio(auto_text(color), color) >= TARGET_RATIO:
            break
        # Away from the text: a dark theme's light text wants a darker block.
        color = color.darken(_STEP) if dark else color.lighten(_STEP)
    return color


def legible(variables: dict[str, str], dark: bool) -> dict[str, str]:
    """`variables` with each text colour and block background changed only as far as needed."""
    result = dict(variables)
    backgrounds = _backgrounds(variables)
    if backgrounds:
        for name in TEXT_VARIABLES:
            color = _parse(variables.get(name))
            if color is not None:
                result[name] = _nudge_text(color, backgrounds, dark).hex
    for name in BLOCK_VARIABLES:
        color = _parse(variables.get(name))
        if color is not None:
            result[name] = _nudge_block(color, dark).hex
    return result
