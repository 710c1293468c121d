"""Provides BlameHintLine: a gentle line under a narrative section that uses blame language,
with the systemic way to say it. It points; it never stops typing or saving."""

from __future__ import annotations

from textual.widgets import Static

from pmtui.analysis.person_blame import PersonBlame


class BlameHintLine(Static):
    DEFAULT_CSS = """
    BlameHintLine {
        height: auto;
        color: $text-warning;
        padding: 0 1;
    }
    """

    def __init__(self, where: str, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="blame-hint-line", markup=False)
        self.where = where
        self._shown = ""
        self.display = False

    def show_matches(self, matches: list[PersonBlame]) -> None:
        """Show the hint for `matches` (the blame found in the saved text); none hides it."""
        text = ""
        if matches:
            # Short enough for two lines at 80 columns; the Checks tab has the example rewording.
            phrases = ", ".join(dict.fromkeys(f"'{match.phrase}'" for match in matches))
            text = f"⚠ {phrases}: {matches[0].hint}"
        if text == self._shown:
            # Every save asks each line again; the same words would only lay the hidden
            # Overview out anew.
            return
        self._shown = text
        self.update(text)
        self.display = bool(text)

    @property
    def text(self) -> str:
        return str(self.render()) if self.display else ""
