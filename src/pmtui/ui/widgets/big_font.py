"""Provides a three-row block font for step titles, drawn like Textual's Digits clock.

Digits draws only numbers; a meeting's step title beside it should read as large. Each
glyph is three rows of box-drawing characters, most three cells wide, with one blank cell
between glyphs. Lower case is drawn as upper case.
"""

from __future__ import annotations

#: Rows of each glyph; every row of one glyph has the same width.
GLYPHS: dict[str, tuple[str, str, str]] = {
    "A": ("┏━┓", "┣━┫", "╹ ╹"),
    "B": ("┳━┓", "┣━┫", "┻━┛"),
    "C": ("┏━╸", "┃  ", "┗━╸"),
    "D": ("┳━┓", "┃ ┃", "┻━┛"),
    "E": ("┏━╸", "┣━ ", "┗━╸"),
    "F": ("┏━╸", "┣━ ", "╹  "),
    "G": ("┏━╸", "┃╺┓", "┗━┛"),
    "H": ("╻ ╻", "┣━┫", "╹ ╹"),
    "I": ("╺┳╸", " ┃ ", "╺┻╸"),
    "J": ("  ╻", "  ┃", "┗━┛"),
    "K": ("╻ ╻", "┣┳┛", "╹┗╸"),
    "L": ("╻  ", "┃  ", "┗━╸"),
    "M": ("┏┳┓", "┃┃┃", "╹╹╹"),
    "N": ("┏━┓", "┃ ┃", "╹ ╹"),
    "O": ("┏━┓", "┃ ┃", "┗━┛"),
    "P": ("┏━┓", "┣━┛", "╹  "),
    "Q": ("┏━┓", "┃ ┃", "┗━╋"),
    "R": ("┏━┓", "┣┳┛", "╹┗╸"),
    "S": ("┏━╸", "┗━┓", "╺━┛"),
    "T": ("╺┳╸", " ┃ ", " ╹ "),
    "U": ("╻ ╻", "┃ ┃", "┗━┛"),
    "V": ("╻  ╻", "┗┓┏┛", " ┗┛ "),
    "W": ("╻╻╻", "┃┃┃", "┗┻┛"),
    "X": ("┓ ┏", " ╋ ", "┛ ┗"),
    "Y": ("╻ ╻", "┗┳┛", " ╹ "),
    "Z": ("╺━┓", " ┏┛", "┗━╸"),
    "0": ("┏━┓", "┃╱┃", "┗━┛"),
    "1": ("╺┓ ", " ┃ ", "╺┻╸"),
    "2": ("╺━┓", "┏━┛", "┗━╸"),
    "3": ("╺━┓", " ━┫", "╺━┛"),
    "4": ("╻ ╻", "┗━┫", "  ╹"),
    "5": ("┏━╸", "┗━┓", "╺━┛"),
    "6": ("┏━╸", "┣━┓", "┗━┛"),
    "7": ("╺━┓", "  ┃", "  ╹"),
    "8": ("┏━┓", "┣━┫", "┗━┛"),
    "9": ("┏━┓", "┗━┫", "╺━┛"),
    " ": ("  ", "  ", "  "),
    "-": ("   ", "╺━╸", "   "),
    ".": (" ", " ", "╹"),
    ",": (" ", " ", "┛"),
    ":": (" ", "╹", "╹"),
    "'": ("╻", " ", " "),
    "!": ("╻", "┃", "╹"),
    "?": ("╺━┓", " ┏┛", " ╹ "),
    "/": ("  ┏", " ┏┛", "┏┛ "),
    "(": ("┏╸", "┃ ", "┗╸"),
    ")": ("╺┓", " ┃", "╺┛"),
    "&": ("┏┓ ", "┣╋┛", "┗┛╸"),
}
#: Rows a title takes in the block font.
HEIGHT = 3


def can_draw(text: str) -> bool:
    return all(char.upper() in GLYPHS for char in text)


def width_of(text: str) -> int:
    """Cells `text` takes in the block font (0 when it has a character the font lacks)."""
    if not text or not can_draw(text):
        return 0
    return sum(len(GLYPHS[char.upper()][0]) for char in text) + len(text) - 1


def render_big(text: str) -> list[str]:
    """`text` as HEIGHT rows of the block font; every character must be drawable."""
    glyphs = [GLYPHS[char.upper()] for char in text]
    return [" ".join(glyph[row] for glyph in glyphs) for row in range(HEIGHT)]
