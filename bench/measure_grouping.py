"""Provides the measurement of pmtui's evidence grouping against hand-labelled moments.

Reads every source of tests/data/evidence, groups the records as importing them one after
another would, and compares the moments with tests/data/evidence/moments.json (labelled by
hand before the grouping rules were tuned). A merge is a pair of records put in one moment:
correct when the labels put them together, wrong when not; a missed merge is a labelled
pair left apart.

    .venv/bin/python bench/measure_grouping.py [--together]
"""

from __future__ import annotations

import json
import sys
from itertools import combinations
from pathlib import Path

from pmtui.importers import read_evidence
from pmtui.importers.grouping import group_moments

EVIDENCE = Path(__file__).resolve().parents[1] / "tests" / "data" / "evidence"
SOURCES = (
    "pagerduty_log_entries.json",
    "slack_export",
    "alertmanager_webhook_deliveries.jsonl",
    "grafana_webhook_deliveries.json",
    "opsgenie_alert_logs.json",
    "timeline.csv",
)


def measure(together: bool) -> dict[str, int]:
    """Rows in, moments out, and merges correct, wrong and missed."""
    labels = json.loads((EVIDENCE / "moments.json").read_text())["moments"]
    truth = {name: number for number, m in enumerate(labels) for name in m["records"]}
    records, names = [], []
    for source in SOURCES:
        for index, event in enumerate(read_evidence(EVIDENCE / source, tz="Europe/Lisbon").events):
            records.append(event)
            names.append(f"{source}:{index}")
    moments: list[list[int]] = []
    if together:
        grouping = group_moments([], records)
        moments = [list(m) for m in grouping.moments]
    else:  # one file after another, as an author imports them
        start = 0
        for source in SOURCES:
            batch = [i for i, name in enumerate(names) if name.startswith(f"{source}:")]
            held = [[records[i] for i in moment] for moment in moments]
            grouping = group_moments(held, [records[i] for i in batch])
            for held_index, joined in grouping.joins.items():
                moments[held_index].extend(batch[i] for i in joined)
            moments.extend([batch[i] for i in m] for m in grouping.moments)
            start += len(batch)
    predicted = {frozenset(p) for m in moments for p in combinations(m, 2)}
    actual = {
        frozenset((a, b))
        for a, b in combinations(range(len(names)), 2)
        if truth[names[a]] == truth[names[b]]
    }
    for pair in sorted(predicted - actual, key=sorted):
        print("wrong :", " + ".join(names[i] for i in sorted(pair)))
    for pair in sorted(actual - predicted, key=sorted):
        print("missed:", " + ".join(names[i] for i in sorted(pair)))
    return {
        "rows in": len(records),
        "moments out": len(moments),
        "true moments": len(labels),
        "correct merges": len(predicted & actual),
        "wrong merges": len(predicted - actual),
        "missed merges": len(actual - predicted),
    }


def main() -> None:
    figures = measure("--together" in sys.argv)
    print("  ".join(f"{name}: {value}" for name, value in figures.items()))


if __name__ == "__main__":
    main()
