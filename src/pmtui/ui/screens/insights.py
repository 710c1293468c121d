"""Provides InsightsScreen: incidents by severity and root-cause category, median time to
detect and to resolve per month, and how many action items got done, as small charts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import ProgressBar, Static

from pmtui.analysis.insights import Insights, compute_insights
from pmtui.model.times import format_duration_short
from pmtui.service import PostMortemService, StoreError
from pmtui.ui.stylesheets import MODAL_SHEETS, stylesheet_paths
from pmtui.ui.widgets.bar_chart import Bar, BarChart
from pmtui.ui.widgets.footer import PmtuiFooter

#: Below this width the charts stack in one column.
TWO_COLUMNS_MIN_WIDTH = 110


def _chart(title: str, chart_id: str) -> Vertical:
    return Vertical(
        Static(title, classes="insights-chart-title"),
        BarChart(id=chart_id, classes="insights-bars"),
        classes="insights-chart",
    )


def month_bars(insights: Insights, metric: str) -> tuple[Bar, ...]:
    bars = []
    for month in insights.months:
        value = getattr(month, metric)
        if value is not None:
            bars.append(Bar(month.month, max(0.0, value), format_duration_short(value)))
    return tuple(bars)


class InsightsScreen(Screen[None]):
    #: Its letters are commands, and a word typed here as if into a box runs none of them
    #: (pmtui.ui.typed_words): "really" read the file again with its `r`.
    LETTERS_MAY_BE_WORDS = True
    #: Opening it changes nothing: a word's first letter that opened it (`I` of "I think"
    #: on the home list) closes it again.
    SHOWS_ONLY = True
    # The dialogs' sheet first, so it is read before any screen's, whatever came first.
    CSS_PATH = stylesheet_paths(*MODAL_SHEETS, "overview_screens.tcss")
    BINDINGS = [
        Binding("escape", "back", "Back", id="insights.back", tooltip="Back to the list"),
        Binding("r", "reload", "Refresh", id="insights.reload", tooltip="Read the file again"),
        Binding(
            "A",
            "show_actions",
            "Actions",
            id="insights.actions",
            tooltip="Every action item, with filters",
        ),
    ]

    def __init__(self, service: PostMortemService, read_only_reason: str = "") -> None:
        super().__init__()
        self.service = service
        self.read_only_reason = read_only_reason

    def compose(self) -> ComposeResult:
        with Horizontal(id="overview-header"):
            yield Static("Insights", id="overview-title")
            yield Static(id="insights-figures")
        with VerticalScroll(id="insights-body"):
            with Grid(id="insights-grid"):
                yield _chart("Incidents by severity", "chart-severity")
                yield _chart("Incidents by root-cause category", "chart-category")
                yield _chart("Median time to detect, by month", "chart-ttd")
                yield _chart("Median time to resolve, by month", "chart-ttr")
            with Vertical(classes="insights-chart", id="insights-completion"):
                yield Static("Action items done", classes="insights-chart-title")
                yield ProgressBar(show_eta=False, id="completion-bar")
                yield Static(id="completion-note", classes="insights-note")
        yield PmtuiFooter()

    def on_mount(self) -> None:
        self._layout(self.size.width)
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_resize(self, event: Resize) -> None:
        self._layout(event.size.width)

    def _layout(self, width: int) -> None:
        self.set_class(width < TWO_COLUMNS_MIN_WIDTH, "-narrow")

    def reload(self) -> None:
        try:
            postmortems, unreadable = self.service.readable_postmortems()
        except StoreError as error:
            postmortems, unreadable = [], [str(error)]
        # A damaged file is named; the others are still counted.
        for problem in unreadable:
            self.notify(problem, severity="error", timeout=10)
        self.show(compute_insights(postmortems, self.service.today()))

    def show(self, insights: Insights) -> None:
        stats = insights.actions
        plural = "" if insights.incidents == 1 else "s"
        self.query_one("#insights-figures", Static).update(
            f"{insights.incidents} incident{plural} · {stats.completion_label()} of actions done"
        )
        severity = tuple(Bar(name, count, str(count)) for name, count in insights.by_severity)
        category = tuple(Bar(name, count, str(count)) for name, count in insights.by_category)
        none = "no incidents yet"
        self.query_one("#chart-severity", BarChart).show(
            severity if insights.incidents else (), none
        )
        self.query_one("#chart-category", BarChart).show(category, none)
        missing = "no incident has both milestones yet"
        self.query_one("#chart-ttd", BarChart).show(month_bars(insights, "time_to_detect"), missing)
        self.query_one("#chart-ttr", BarChart).show(
            month_bars(insights, "time_to_resolve"), missing
        )
        bar = self.query_one("#completion-bar", ProgressBar)
        counted = stats.total - stats.wont_do
        bar.update(total=counted or None, progress=stats.done)
        note = (
            f"{stats.done} of {counted} done · {stats.open} open · {stats.overdue} overdue"
            + (f" · {stats.wont_do} won't do (not counted)" if stats.wont_do else "")
            if stats.total
            else "No action items yet."
        )
        self.query_one("#completion-note", Static).update(note)

    def where_to_type(self) -> str:
        """Where words typed here belong (pmtui.ui.typed_words): nowhere on this screen."""
        return "Nothing here takes typing: escape goes back to the list of post-mortems."

    def action_back(self) -> None:
        self.dismiss()

    def action_reload(self) -> None:
        self.reload()
        self.notify("Insights read again from the file.")

    def action_show_actions(self) -> None:
        from pmtui.ui.screens.actions_overview import ActionsOverviewScreen

        self.app.push_screen(ActionsOverviewScreen(self.service, self.read_only_reason))
