"""Provides SimilarIncidents: "Seen before?", the three earlier post-mortems most like the one
being analysed, each with its date and the terms they share; `l` on one links this post-mortem
as a repeat of it.

The team's post-mortems are read and counted once, in a worker thread, when the widget is
first on screen (after the first paint; never for a tab nobody looks at), so it never slows
opening a post-mortem; each change to this one is ranked again in a worker against those
counts (analysis.similar), while the widget is on screen. The widget changes nothing itself:
it posts `RepeatChosen` and its host saves the link through the service.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from pmtui.analysis.similar import SimilarIncident, SimilarIndex
from pmtui.model.postmortem import PostMortem
from pmtui.model.related import repeated_ids
from pmtui.ui.widgets.meeting_steps import clip

#: Reads every readable post-mortem and names the unreadable ones; called in a worker thread.
TeamReader = Callable[[], tuple[list[PostMortem], list[str]]]

#: How many earlier incidents the widget shows.
SHOWN = 3
#: Typing settles before the ranking runs again.
RERANK_DELAY_SECONDS = 0.6


#: The least of a title "Seen before?" shows beside the shared terms.
TITLE_ROOM = 10


def shared_terms(terms: list[str], room: int) -> str:
    """As many whole terms as fit in `room`, then "…" for the rest; a lone term wider than
    the room shortened with "…". A term (a service tag such as "roblox-game-servers") is never
    left for the line to wrap mid-word."""
    whole = ", ".join(terms)
    if len(whole) <= room:
        return whole
    shown: list[str] = []
    for term in terms:
        if len(", ".join([*shown, term, "…"])) > room:
            break
        shown.append(term)
    return ", ".join([*shown, "…"]) if shown else clip(terms[0], room)


def match_prompt(match: SimilarIncident, repeat: bool, width: int) -> Content:
    """One line: the date, the shared terms that made the match, then as much of the title
    as fits (the terms say why it is here; the title is one key away in the CLI)."""
    day = match.day.isoformat() if match.day else "undated  "
    flag = "repeat · " if repeat else ""
    fixed = len(day) + len(flag) + 5  # the spaces and the " · " before the terms
    terms = shared_terms(
        [term.term for term in match.shared[:3]], max(8, width - fixed - TITLE_ROOM)
    )
    title = clip(match.title, max(TITLE_ROOM, width - fixed - len(terms)))
    return Content.assemble(
        (f"{day} ", "$text-muted"),
        (flag, "bold $text-warning"),
        title,
        (f" · {terms}", "$text-accent"),
    )


HEADING = "Seen before? Earlier incidents like this one · l: this one repeats it"
HEADING_FOCUSED = "▶ Seen before? (here: l marks this one a repeat of it · tab leaves)"


class SimilarIncidents(Vertical):
    """The top earlier post-mortems like `pm`, computed off the UI thread."""

    DEFAULT_CSS = """
    SimilarIncidents {
        height: auto;
        max-height: 5;
    }
    SimilarIncidents .similar-heading {
        color: $text-muted;
        text-style: bold;
        height: 1;
    }
    SimilarIncidents #similar-note {
        color: $text-muted;
        height: 1;
    }
    SimilarIncidents OptionList {
        height: auto;
        max-height: 3;
        border: none;
        padding: 0;
        background: $surface;
    }
    """

    BINDINGS = [
        # Not "m": that starts meeting mode everywhere else in the workspace.
        Binding(
            "l",
            "mark_repeat",
            "Repeat of",
            id="similar.repeat",
            tooltip="Link this post-mortem as a repeat of the highlighted earlier incident",
        ),
    ]

    pm: reactive[PostMortem | None] = reactive(None, init=False)

    class RepeatChosen(Message):
        """The user chose the earlier post-mortem this one repeats."""

        def __init__(self, pm_id: str, title: str) -> None:
            super().__init__()
            self.pm_id = pm_id
            self.title = title

    def __init__(self, read_team: TeamReader, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._read_team = read_team
        self._index: SimilarIndex | None = None
        self._unreadable: list[str] = []
        self._timer: Timer | None = None
        self.matches: list[SimilarIncident] = []
        # With no earlier match: the later post-mortems that share terms, best first (mock
        # 27a's "earlier" incident was dated after this one, and the pane looked empty).
        self.later_alike: list[SimilarIncident] = []
        self.ranked: PostMortem | None = None  # the version the matches were ranked for
        self._drawn_width = 0
        self._on_screen = False

    def compose(self) -> ComposeResult:
        yield Static(HEADING, classes="similar-heading")
        # Compact: a focus border would take two of its three lines.
        yield OptionList(id="similar-list", compact=True)
        yield Static("Looking for earlier incidents like this one…", id="similar-note")

    def on_mount(self) -> None:
        self.query_one(OptionList).display = False

    # The list's focus said only in colour: a tab from the ladder landed here unseen, and
    # the why typed next met single-key commands, `l` among them (mock 39b).
    def on_descendant_focus(self) -> None:
        self.query_one(".similar-heading", Static).update(HEADING_FOCUSED)

    def on_descendant_blur(self) -> None:
        self.query_one(".similar-heading", Static).update(HEADING)

    def on_show(self) -> None:
        # Textual sends Show once the widget is laid out on screen: after the first paint.
        self._on_screen = True
        if not self.up_to_date:
            self._rank_now()

    def on_hide(self) -> None:
        self._on_screen = False

    def watch_pm(self, pm: PostMortem | None) -> None:
        if pm is None or not self.is_mounted or not self._on_screen:
            return  # ranked when shown
        if self._timer is not None:
            self._timer.stop()
        if self.ranked is None:
            self._rank_now()  # the first ranking: nothing shown yet to keep steady
        else:
            self._timer = self.set_timer(RERANK_DELAY_SECONDS, self._rank_now)

    @property
    def up_to_date(self) -> bool:
        """Nothing is left to arrive: the matches are for the post-mortem bound now, or the
        widget is off screen and ranks nothing until it is shown."""
        return self.pm is None or self.ranked is self.pm or not self._on_screen

    def _rank_now(self) -> None:
        if self.pm is not None and self._on_screen:
            self._rank(self.pm)

    # Textual names a worker by its arguments' repr otherwise: a big post-mortem's is slow.
    @work(thread=True, exclusive=True, group="similar", description="similar incidents")
    def _rank(self, pm: PostMortem) -> None:
        if self._index is None:
            try:
                postmortems, self._unreadable = self._read_team()
            except Exception as error:  # a hint beside the analysis must never stop the app
                postmortems, self._unreadable = [], [str(error)]
            self._index = SimilarIndex(postmortems)
        matches = self._index.rank(pm, limit=SHOWN)
        later = [] if matches else [m for m in self._index.rank(pm, later=True) if m.later]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, pm, matches, later)

    def on_resize(self, event: Resize) -> None:
        if self.ranked is not None and event.size.width != self._drawn_width:
            self._show_matches(self.ranked)

    def _show(
        self, pm: PostMortem, matches: list[SimilarIncident], later: list[SimilarIncident]
    ) -> None:
        if pm is not self.pm or not self.is_attached:
            return  # a newer version is on its way
        self.matches, self.ranked, self.later_alike = matches, pm, later
        self._show_matches(pm)

    def _show_matches(self, pm: PostMortem) -> None:
        matches = self.matches
        options = self.query_one(OptionList)
        repeats = repeated_ids(pm.related)
        highlighted = options.highlighted
        self._drawn_width = self.size.width
        width = max(30, self.size.width - 2)
        options.set_options(
            Option(match_prompt(m, m.pm_id in repeats, width), id=m.pm_id) for m in matches
        )
        if matches:
            options.highlighted = min(highlighted or 0, len(matches) - 1)
        options.display = bool(matches)
        text = "" if matches else self._no_match_note(width)
        count = len(self._unreadable)
        if count:
            # One line: the matches keep their room; the tooltip and `pmtui list` name them.
            files = "file" if count == 1 else "files"
            text = f"{text} {count} {files} could not be read (see pmtui list).".strip()
        note = self.query_one("#similar-note", Static)
        note.update(text)
        note.tooltip = "\n".join(self._unreadable) or None
        note.display = bool(text)

    def _no_match_note(self, width: int) -> str:
        """One line, `width` wide at most, naming the nearest later look-alike: "1 later one
        shares terms: pmtui similar --all" named none, and that command needs an id (31a)."""
        if not self.later_alike:
            return "No earlier post-mortem shares its causes or terms yet."
        first, more = self.later_alike[0], len(self.later_alike) - 1
        day = first.day.isoformat() if first.day else "undated"
        lead = f"No earlier incident alike; later: {day} "
        tail = f" (+{more} more)" if more else ""
        return lead + clip(first.title, max(TITLE_ROOM, width - len(lead) - len(tail))) + tail

    def action_mark_repeat(self) -> None:
        if self.ranked is None:
            self.notify("Still looking for earlier incidents like this one.", severity="warning")
            return
        options = self.query_one(OptionList)
        # Nothing highlighted yet (the list never had the focus): the top match, the one
        # the heading's "this one" reads as.
        index = options.highlighted if options.highlighted is not None else 0
        if not 0 <= index < len(self.matches):
            self.notify(self._nothing_to_mark(), severity="warning")
            return
        match = self.matches[index]
        self.post_message(self.RepeatChosen(match.pm_id, match.title))

    def _nothing_to_mark(self) -> str:
        """Why `l` marked nothing, and, with a later look-alike, where the link is made."""
        if not self.later_alike:
            return "No earlier incident to mark."
        later = self.later_alike[0]
        day = f" ({later.day.isoformat()})" if later.day else ""
        return (
            f"No earlier incident to mark. The later “{clip(later.title, 40)}”{day} can be "
            "marked as a repeat of this one: open it and press l."
        )
