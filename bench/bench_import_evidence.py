"""Benchmarks importing evidence end to end (target: 100,000 rows in <= 2 s).

Two inputs of 100,000 rows each: log lines with RFC 3339 times in mixed offsets, and
Alertmanager webhook bodies as JSON Lines (100,000 alert objects, re-sent ones among them).
Each run reads and parses the file, de-duplicates against a timeline that already holds the
first tenth of it, and saves the rest in one atomic write to a fresh database.

Baseline, measured in the same run: reading the same file and splitting it into lines.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

from common import median_ms, report
from pmtui.importers import paused_gc, read_evidence
from pmtui.service import PostMortemService
from pmtui.store import PostMortemStore

ROWS = 100_000
REPEAT = 5
START = datetime(2025, 3, 11, 13, 0, tzinfo=UTC)
OFFSETS = ("Z", "+01:00", "-04:00", "+05:30")


def write_log(path: Path) -> None:
    lines = []
    for i in range(ROWS):
        moment = START + timedelta(milliseconds=37 * i)
        offset = OFFSETS[i % len(OFFSETS)]
        zone = datetime.fromisoformat("2025-01-01T00:00:00" + offset.replace("Z", "+00:00"))
        local = moment.astimezone(zone.tzinfo).replace(tzinfo=None)
        local = local.isoformat(timespec="milliseconds")
        lines.append(
            f"{local}{offset} level=error svc=edge-proxy-{i % 40} "
            f'msg="TLS handshake failed" peer=10.0.{i % 256}.{i % 97} attempt={i}'
        )
    path.write_text("\n".join(lines) + "\n")


def write_alerts(path: Path) -> None:
    """Bodies of 5 alerts; each group notification re-sends the previous body's alerts."""
    bodies = []
    alerts_per_body = 5
    for b in range(ROWS // alerts_per_body):
        alerts = []
        for a in range(alerts_per_body):
            n = (b // 2) * alerts_per_body + a  # every body is sent twice: half are repeats
            starts = START + timedelta(seconds=3 * n)
            resolved = b % 2 == 1 and a % 2 == 0
            alerts.append(
                {
                    "status": "resolved" if resolved else "firing",
                    "labels": {
                        "alertname": "EdgeTLSHandshakeErrors",
                        "instance": f"edge-proxy-{n}:9100",
                        "severity": "critical",
                        "team": "edge",
                    },
                    "annotations": {"summary": f"TLS handshake errors on edge-proxy-{n}"},
                    "startsAt": starts.isoformat().replace("+00:00", ".22Z"),
                    "endsAt": (starts + timedelta(minutes=4)).isoformat().replace("+00:00", "Z"),
                    "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=x",
                    "fingerprint": f"{n:016x}",
                }
            )
        bodies.append(
            {
                "version": "4",
                "groupKey": '{}/{team="edge"}:{alertname="EdgeTLSHandshakeErrors"}',
                "status": "firing",
                "receiver": "edge-pager",
                "groupLabels": {"alertname": "EdgeTLSHandshakeErrors"},
                "commonLabels": {"alertname": "EdgeTLSHandshakeErrors", "team": "edge"},
                "commonAnnotations": {},
                "externalURL": "http://alertmanager.example.com:9093",
                "alerts": alerts,
            }
        )
    path.write_bytes(b"\n".join(orjson.dumps(body) for body in bodies) + b"\n")


def import_once(database: Path, source: Path) -> tuple[int, int, float, float]:
    """One import into a fresh database: (added, duplicates, wall ms, CPU ms).

    CPU time is printed beside wall time: on a shared machine it shows what the import
    itself costs when other processes compete for the cores."""
    with PostMortemStore.open(database) as store:
        service = PostMortemService(store)
        pm = service.create("Edge TLS outage", timezone="Europe/Berlin")
        # A timeline that already holds the first tenth of the evidence (a previous import).
        head = read_evidence(source, tz="UTC").events[: ROWS // 10]
        pm, _, _ = service.import_events(pm, head)
        began, began_cpu = time.perf_counter(), time.process_time()
        # As `pmtui timeline import` does it.
        events = read_evidence(source, tz="UTC").events
        with paused_gc():
            pm, added, duplicates = service.import_events(pm, events)
        elapsed_ms = (time.perf_counter() - began) * 1000
        cpu_ms = (time.process_time() - began_cpu) * 1000
    return added, duplicates, elapsed_ms, cpu_ms


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for label, writer, file_name in (
            ("100,000 log lines", write_log, "app.log"),
            ("100,000 Alertmanager alert rows", write_alerts, "deliveries.jsonl"),
        ):
            source = folder / file_name
            writer(source)
            runs = [
                import_once(folder / f"{file_name}.{n}.db.json", source) for n in range(REPEAT + 1)
            ]
            added, duplicates, _, _ = runs[0]  # the first run also warms the caches up
            import_ms = statistics.median(run[2] for run in runs[1:])
            cpu_ms = statistics.median(run[3] for run in runs[1:])
            baseline_ms = median_ms(lambda s=source: s.read_bytes().split(b"\n"), 15)
            report(
                f"import {label} ({added} added, {duplicates} duplicates, "
                f"{source.stat().st_size / 1e6:.1f} MB): parse, de-duplicate, save",
                import_ms,
                "read + split lines",
                baseline_ms,
                "<= 2000 ms",
            )
            print(f"  of which CPU time: {cpu_ms:.2f} ms median")


if __name__ == "__main__":
    main()
