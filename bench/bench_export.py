"""Benchmarks the Markdown export of a 10,000-event post-mortem (target: 50 ms).

Baseline, measured in the same run: the JSON export of the same post-mortem.
"""

from __future__ import annotations

from common import big_postmortem, median_ms, report
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


if __name__ == "__main__":
    main()
