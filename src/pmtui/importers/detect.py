"""Provides format auto-detection: which importer an input belongs to, or a clear refusal.

Detection looks at shape, not file names: a zip or folder is a Slack export; JSON is told
apart by its keys (PagerDuty's "log_entries", a webhook body's "alerts", Grafana's "orgId",
Opsgenie's "data" of records with "log" and "createdAt", a Slack day file's "ts"); text is
CSV when its header names a time and a text column, and log lines when most of its first
lines start with a time.
"""

from __future__ import annotations

from collections.abc import Iterator

from pmtui.importers.base import ImporterError
from pmtui.importers.csv_events import looks_like_csv
from pmtui.importers.log_lines import looks_like_log
from pmtui.importers.opsgenie import is_log_page, is_log_record
from pmtui.importers.slack_export import looks_like_slack_folder
from pmtui.importers.source import Input

#: What each format is called in messages.
LABELS = {
    "pagerduty": "PagerDuty log entries",
    "slack": "a Slack export",
    "alertmanager": "Alertmanager webhook bodies",
    "grafana": "Grafana alerting webhook bodies",
    "opsgenie": "Opsgenie alert logs",
    "csv": "CSV with a time and a text column",
    "log": "log lines starting with a time",
}
_GRAFANA_BODY_KEYS = ("orgId", "state", "title", "message")
_GRAFANA_ALERT_KEYS = ("values", "silenceURL", "dashboardURL", "panelURL", "valueString")
_SAMPLE = 50  # records looked at; enough to decide, cheap for 100,000-row files


def detect_format(inp: Input) -> str:
    if inp.is_folder:
        if inp.path is not None and looks_like_slack_folder(inp.path):
            return "slack"
        raise ImporterError(
            f"{inp.name} is a folder but not a Slack export (no channels.json, users.json or "
            "channel folders of YYYY-MM-DD.json files)"
        )
    if inp.is_zip:
        return "slack"
    if inp.looks_like_json:
        found = json_format(inp)
        if found:
            return found
        raise ImporterError(
            f"could not tell the format of {inp.name}: it looks like JSON but matches none of "
            "PagerDuty log entries, Opsgenie alert logs, Alertmanager or Grafana webhook "
            "bodies, or a Slack day file; use --format"
        )
    text = inp.text
    if looks_like_csv(text):
        return "csv"
    if looks_like_log(text):
        return "log"
    raise ImporterError(
        f"could not tell the format of {inp.name}: it is text, but neither CSV with a header "
        "naming a time and a text column nor log lines that start with a time; use --format"
    )


def json_format(inp: Input) -> str | None:
    """The JSON format of `inp`, or None when no importer recognises its shape."""
    votes: dict[str, int] = {}
    for record in _records(value for _, value in inp.documents.values[:_SAMPLE]):
        kind = _record_format(record)
        if kind:
            votes[kind] = votes.get(kind, 0) + 1
    if not votes:
        return None
    if "grafana" in votes and "alertmanager" in votes:
        return "grafana"  # one Grafana marker is enough: both share the Alertmanager shape
    return max(votes, key=lambda kind: votes[kind])


def _records(values: Iterator[object]) -> Iterator[dict[str, object]]:
    """The objects at the top, or one level down (a JSON array of pages, bodies, messages)."""
    for value in values:
        if isinstance(value, dict):
            yield value
        elif isinstance(value, list):
            yield from (item for item in value[:_SAMPLE] if isinstance(item, dict))


def _record_format(record: dict[str, object]) -> str | None:
    if "log_entries" in record or isinstance(record.get("log_entry"), dict):
        return "pagerduty"
    kind = record.get("type")
    if isinstance(kind, str) and kind.endswith("_log_entry"):
        return "pagerduty"
    if is_log_page(record) or is_log_record(record):
        return "opsgenie"
    alerts = record.get("alerts")
    if isinstance(alerts, list):
        if any(key in record for key in _GRAFANA_BODY_KEYS) or record.get("version") == "1":
            return "grafana"
        sample = [a for a in alerts[:_SAMPLE] if isinstance(a, dict)]
        if any(key in alert for alert in sample for key in _GRAFANA_ALERT_KEYS):
            return "grafana"
        return "alertmanager"
    if "ts" in record and (kind == "message" or "subtype" in record or "user" in record):
        return "slack"
    return None
