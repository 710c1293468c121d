"""Provides the measurement of pmtui's evidence importers on one incident seen six ways.

Reads each source of tests/data/evidence (PagerDuty, a Slack export with users.json and a
thread, Alertmanager, Grafana, Opsgenie, a CSV) and prints, per source: the records in the
file (counted here from the raw file, not by the importer), the events out, the rejected
records and the notes, then the combined timeline's metrics and their notes.

    .venv/bin/python bench/measure_evidence_sources.py
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pmtui.analysis.metrics import METRIC_LABELS, METRIC_NAMES, compute_metrics, metric_notes
from pmtui.importers import read_evidence
from pmtui.model.postmortem import TimelineEvent
from pmtui.model.times import parse_timezone

EVIDENCE = Path(__file__).resolve().parents[1] / "tests" / "data" / "evidence"
ZONE = "Europe/Lisbon"
SOURCES = (
    "pagerduty_log_entries.json",
    "slack_export",
    "alertmanager_webhook_deliveries.jsonl",
    "grafana_webhook_deliveries.json",
    "opsgenie_alert_logs.json",
    "timeline.csv",
)


def records_in(path: Path) -> int:
    """The records a source holds, counted from the raw file by its shape."""
    if path.is_dir():  # a Slack export: messages in every channel's day files
        return sum(len(json.loads(day.read_text())) for day in path.glob("*/*.json"))
    if path.suffix == ".csv":
        return sum(1 for _ in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    text = path.read_text()
    if path.suffix == ".jsonl":
        documents = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        documents = [json.loads(text)]
    count = 0
    for document in documents:
        for value in document if isinstance(document, list) else [document]:
            for key in ("log_entries", "alerts", "data"):
                count += len(value.get(key, []))
    return count


def main() -> None:
    print(f"{'source':<40} {'format':<13} {'in':>4} {'out':>4} {'rejected':>8}  notes")
    timeline: list[TimelineEvent] = []
    for name in SOURCES:
        result = read_evidence(EVIDENCE / name, tz=ZONE)
        timeline.extend(e.to_event(f"{name}-{i}") for i, e in enumerate(result.events))
        notes = "; ".join(note[:70] for note in result.notes) or "-"
        print(
            f"{name:<40} {result.format:<13} {records_in(EVIDENCE / name):>4} "
            f"{len(result.events):>4} {len(result.rejected):>8}  {notes}"
        )
    metrics = compute_metrics(timeline)
    shown = "  ".join(f"{METRIC_LABELS[n][0]} {metrics.formatted(n)}" for n in METRIC_NAMES)
    print(f"\ncombined timeline: {len(timeline)} events; {shown}")
    for note in metric_notes(metrics, parse_timezone(ZONE)):
        print(f"note: {note}")


if __name__ == "__main__":
    main()
