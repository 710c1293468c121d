"""Provides DocumentPreview: a post-mortem's exported Markdown, rendered live and cheaply.

Textual's Markdown widget builds a widget per block and per table cell, so rendering a whole
document costs far more than exporting it (a 100-row table takes seconds). The preview
therefore
- renders only while it is on screen, and at most once per PREVIEW_DELAY after a change, so
  typing in another pane never re-renders Markdown per keystroke;
- keeps one Markdown widget per "## " section and re-renders only sections whose text changed
  (typing a summary leaves the timeline alone);
- shows at most PREVIEW_TABLE_ROWS rows of a table, with a note saying so. Export and copy
  always use the complete document; only the preview is shortened.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

from pmtui.model.postmortem import PostMortem

if TYPE_CHECKING:
    from pmtui.ui.app import PmtuiApp

#: Seconds between a change of the post-mortem and the preview showing it.
PREVIEW_DELAY = 0.4
#: A preview shown but not yet placed on the screen looks again this often, this many times
#: (5 s in all): waiting only for the Show event once left the Document tab blank on a first
#: visit until another tab and back (mock meetings 15 and 16, under load).
PLACED_POLL_SECONDS = 0.05
PLACED_TRIES = 100
#: Rows of one table the preview renders; a 10,000-event timeline would take minutes.
PREVIEW_TABLE_ROWS = 50
#: Refreshes a held scroll waits for the rendered document to be laid out (see _scroll_held).
LAYOUT_WAITS = 5


def split_sections(markdown: str) -> list[str]:
    """The document cut before each "## " heading.

    User text cannot start such a line (the exporter escapes "#"), so every cut is one the
    template made.
    """
    sections: list[list[str]] = [[]]
    for line in markdown.splitlines():
        if line.startswith("## ") and sections[-1]:
            sections.append([])
        sections[-1].append(line)
    return ["\n".join(lines).strip("\n") + "\n" for lines in sections if any(lines)]


def shorten_tables(section: str, max_rows: int) -> str:
    """`section` with every table cut to its first `max_rows` rows and a note after it.

    Table lines are the ones starting with "|": the exporter escapes "|" in user text.
    """
    lines = section.splitlines()
    if sum(line.startswith("|") for line in lines) <= max_rows + 2:
        return section  # the common case: nothing to cut, no second pass
    kept: list[str] = []
    index = 0
    while index < len(lines):
        if not lines[index].startswith("|"):
            kept.append(lines[index])
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end].startswith("|"):
            end += 1
        table = lines[index:end]
        rows = len(table) - 2  # header and delimiter
        if rows > max_rows:
            kept.extend(table[: max_rows + 2])
            kept.append("")
            kept.append(
                f"*This preview shows the first {max_rows:,} of {rows:,} rows; "
                "the exported and copied document has them all.*"
            )
        else:
            kept.extend(table)
        index = end
    return "\n".join(kept) + "\n"


def preview_sections(markdown: str, max_rows: int = PREVIEW_TABLE_ROWS) -> list[str]:
    return [shorten_tables(section, max_rows) for section in split_sections(markdown)]


def no_customer_version(missing: list[str]) -> str:
    """What the customer preview shows instead of a document that must not exist yet."""
    return (
        "# No customer version yet\n\n"
        f"The customer version is built only from what was written for customers, and it "
        f"needs {' and '.join(missing)}. Write it in the Overview pane, under "
        "*Customer-facing message*; nothing internal is used in its place.\n"
    )


def build_preview(pm: PostMortem, template: str, today: date) -> list[str]:
    """Export and cut; pure, so it runs in a thread and a big timeline never blocks typing."""
    # Imported on the first render, not with the workspace: the preview is composed in
    # every workspace but shown only on wide terminals and the Document tab, and the
    # exporter and Markdown widget cost about as much as the rest of the workspace's imports.
    from pmtui.export.markdown import export_markdown
    from pmtui.export.markdown_customer import CustomerVersionMissing

    try:
        return preview_sections(export_markdown(pm, template, today=today))
    except CustomerVersionMissing as refused:
        return [no_customer_version(refused.missing)]


class DocumentPreview(VerticalScroll):
    """The Markdown `template` of `pm`, scrollable; bound to the workspace's post-mortem."""

    DEFAULT_CSS = """
    DocumentPreview:focus {
        background-tint: $foreground 3%;
    }
    DocumentPreview .preview-caption {
        dock: top;
        height: 1;
        padding: 0 1;
        color: $text-muted;
        background: $panel;
    }
    DocumentPreview Markdown {
        padding: 0 1;
        margin: 0;
    }
    /* Each section is its own Markdown widget, so margins no longer collapse between them:
       the block above already leaves one line. */
    DocumentPreview Markdown > MarkdownH2:first-child {
        margin: 1 0 1 0;
    }
    DocumentPreview Markdown > MarkdownH1 {
        margin: 1 0 1 0;
    }
    /* Textual sizes a third-level heading to its text, so a long factor or chain title ran
       past the right edge and was cut there (mock meeting 17): it wraps as a paragraph does. */
    DocumentPreview Markdown > MarkdownH3 {
        max-width: 100%;
    }
    """

    pm: reactive[PostMortem | None] = reactive(None)
    template: reactive[str] = reactive("full")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._stale = True
        self._timer: Timer | None = None
        self._rendering = False
        self._placing_tries = 0
        self._shown: list[str] = []
        #: Scroll keys read before the first render, run once it is laid out (_scroll_held).
        self._held_scrolls: list[str] = []
        #: Increases after every finished render; tests and callers can wait for it.
        self.renders = 0

    def compose(self) -> ComposeResult:
        yield Static("", classes="preview-caption")

    def on_mount(self) -> None:
        self._caption()

    def watch_pm(self) -> None:
        self._stale = True
        self._schedule(PREVIEW_DELAY)

    def watch_template(self) -> None:
        self._caption()
        self._stale = True
        self._schedule(0)  # the user asked for it: show it at once

    def on_show(self) -> None:
        # Hidden previews skip renders; catch up when shown (tab switched, terminal widened).
        self.catch_up()

    def catch_up(self) -> None:
        """Render now if what is shown is not current, or nothing is shown yet, looking
        again for a while if the preview is not placed on the screen yet."""
        if not self._shown:
            self._stale = True
        if self._stale:
            self._placing_tries = PLACED_TRIES
            self._schedule(0)

    def on_resize(self) -> None:
        # Laid out at last (its first size comes after the Show event): catch up as well.
        if self._stale:
            self._schedule(0)

    def _caption(self) -> None:
        for caption in self.query_children(".preview-caption").results(Static):
            caption.update(f"Preview · {self.template} template")

    def _visible(self) -> bool:
        return self.is_mounted and self.display and self.is_on_screen

    def _schedule(self, delay: float) -> None:
        """Render within `delay` seconds; changes meanwhile are picked up by that render."""
        if not self.is_mounted:
            return
        if self._timer is not None:
            if delay > 0:
                return
            self._timer.stop()
        self._timer = self.set_timer(delay, self._start) if delay > 0 else None
        if delay <= 0:
            self._start()

    def _start(self) -> None:
        self._timer = None
        if self._rendering:
            return  # a running render loops again
        if not self._visible():
            # A hidden preview waits for on_show; one just shown may not be placed yet.
            if self._placing_tries > 0 and self.is_mounted and self.display:
                self._placing_tries -= 1
                self._timer = self.set_timer(PLACED_POLL_SECONDS, self._start)
            return
        self._placing_tries = 0
        self._rendering = True
        self.run_worker(self._render_until_current(), group="document-preview")

    async def _render_until_current(self) -> None:
        try:
            while self._stale and self._visible() and self.pm is not None:
                self._stale = False
                pm, template = self.pm, self.template
                today = cast("PmtuiApp", self.app).service.today(pm)
                sections = await asyncio.to_thread(build_preview, pm, template, today)
                await self._show(sections)
                self.renders += 1
                if self._held_scrolls:
                    self.call_after_refresh(self._scroll_held, LAYOUT_WAITS)
        finally:
            self._rendering = False

    # Scrolling ---------------------------------------------------------------------------

    def action_page_down(self) -> None:
        self._scroll("page_down")

    def action_page_up(self) -> None:
        self._scroll("page_up")

    def action_scroll_down(self) -> None:
        self._scroll("scroll_down")

    def action_scroll_up(self) -> None:
        self._scroll("scroll_up")

    def action_scroll_home(self) -> None:
        self._scroll("scroll_home")

    def action_scroll_end(self) -> None:
        self._scroll("scroll_end")

    def _scroll(self, how: str) -> None:
        """Scroll as `how` says; before the first render, once the document is there.

        `5` then PgDn at once: the key arrived while the export was still being rendered in
        its thread, with nothing to scroll, and the first PgDn did nothing (mock meeting
        18c, one time in five). The keys are kept, in order, for the document they were
        pressed to read."""
        if not self._shown and self._will_render():
            self._held_scrolls.append(how)
            return
        if self._shown and self._held_scrolls:
            self._held_scrolls.append(how)  # behind the ones waiting for the first layout
            return
        self._held_scrolls.clear()  # kept for a render that never came
        getattr(super(), f"action_{how}")()

    def _will_render(self) -> bool:
        """Whether a render is under way or waits for its timer (the first one is asked
        for as the preview is bound and again as it is shown)."""
        return self._rendering or self._timer is not None

    def _scroll_held(self, waits: int) -> None:
        """Run the scroll keys read before the first render, once its widgets are laid out:
        their height is known only after a refresh, Markdown blocks mounting meanwhile."""
        if not self.is_mounted:
            self._held_scrolls.clear()
            return
        if self.virtual_size.height <= self.scrollable_content_region.height and waits > 0:
            self.call_after_refresh(self._scroll_held, waits - 1)
            return
        held, self._held_scrolls = self._held_scrolls, []
        # One scroll to where the keys lead, each from where the one before it led: a scroll
        # is made after the next refresh, so each key's own would start from the same place.
        page, end = self.scrollable_content_region.height, self.max_scroll_y
        y = round(self.scroll_target_y)
        for how in held:
            moved = {"page_down": y + page, "page_up": y - page}
            moved |= {"scroll_down": y + 1, "scroll_up": y - 1, "scroll_home": 0}
            y = max(0, min(end, moved.get(how, end)))
        self.scroll_to(y=y, animate=False, immediate=True)

    async def _show(self, sections: list[str]) -> None:
        """Update only the sections whose text changed; add or drop widgets at the end."""
        from pmtui.ui.widgets.preview_markdown import PreviewMarkdown

        widgets = list(self.query_children(PreviewMarkdown))
        for index, text in enumerate(sections):
            if index < len(widgets):
                if index >= len(self._shown) or self._shown[index] != text:
                    await widgets[index].update(text)
            else:
                await self.mount(PreviewMarkdown(text, classes="preview-section"))
        for extra in widgets[len(sections) :]:
            await extra.remove()
        self._shown = sections
