"""The Insights screen: the charts show the figures insights.py computes over the file."""

from __future__ import annotations

from pmtui.ui.screens.insights import InsightsScreen
from pmtui.ui.widgets.bar_chart import BarChart, bar_text
from tests.ui.test_actions_overview import build


def bars(app, chart_id: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    chart = app.screen.query_one(f"#{chart_id}", BarChart)
    return [(bar.label, bar.shown) for bar in chart.bars]


async def test_charts_over_two_postmortems(make_ui) -> None:
    ui = build(make_ui)
    async with ui.app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        assert isinstance(ui.app.screen, InsightsScreen)
        figures = str(ui.app.screen.query_one("#insights-figures").render())
        assert figures == "2 incidents · 29% of actions done"
        assert bars(ui.app, "chart-severity") == [
            ("SEV1", "1"),
            ("SEV2", "1"),
            ("SEV3", "0"),
            ("SEV4", "0"),
            ("SEV5", "0"),
        ]
        assert bars(ui.app, "chart-category") == [
            ("monitoring", "2"),
            ("process", "1"),
            ("testing", "1"),
        ]
        assert bars(ui.app, "chart-ttd") == [("2025-03", "22m"), ("2025-04", "10m")]
        assert bars(ui.app, "chart-ttr") == [("2025-03", "1h54m"), ("2025-04", "2h00m")]
        note = str(ui.app.screen.query_one("#completion-note").render())
        assert note == "2 of 7 done · 5 open · 1 overdue · 1 won't do (not counted)"
        await pilot.press("A")
        await pilot.pause()
        assert type(ui.app.screen).__name__ == "ActionsOverviewScreen"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert not isinstance(ui.app.screen, InsightsScreen)


async def test_an_empty_file(make_ui) -> None:
    ui = make_ui(with_sample=False)
    async with ui.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        assert bars(ui.app, "chart-severity") == []
        note = str(ui.app.screen.query_one("#completion-note").render())
        assert note == "No action items yet."


def test_bar_text_scales_to_an_eighth() -> None:
    assert bar_text(2, 2, 10) == "█" * 10
    assert bar_text(1, 2, 5) == "██▌"
    assert bar_text(0, 2, 10) == ""
    assert bar_text(0.001, 2, 10) == "▏"  # a small value is never drawn as none
