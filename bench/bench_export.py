"""Benchmarks the Markdown export of a 10,000-event post-mortem (target: 50 ms), and its
HTML export.

Baselines, measured in the same run: the JSON export of the same post-mortem for Markdown;
the Markdown export it is made from for HTML (1.35 s before tables skipped markdown-it's own
table rule and renderer, 0.37 s after, on the same machine).
"""

from __future__ import annotations

from common import big_postmortem, median_ms, report
from pmtui.export.html import export_html
from pmtui.export.json_export import export_json
from pmtui.export.markdown import export_markdown

REPEAT = 20


def main() -> None:
    pm = big_postmortem()
    for template in ("full", "light", "customer"):
        markdown_ms = median_ms(lambda t=template: export_markdown(pm, t), REPEAT)
        json_ms = median_ms(lambda: export_json(pm), REPEAT)
        report(
            f"Markdown export ({template}), 10,000 events",
            markdown_ms,
            "JSON export",
            json_ms,
            "<= 50 ms",
        )
    markdown = export_markdown(pm, "full")
    html_ms = median_ms(lambda: export_html(markdown), 5)
    markdown_ms = median_ms(lambda: export_markdown(pm, "full"), 5)
    report(
        "HTML export (full), 10,000 events",
        html_ms,
        "Markdown export",
        markdown_ms,
        "none; was 36x",
    )


if __name__ == "__main__":
    main()
