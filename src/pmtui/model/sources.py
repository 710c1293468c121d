"""Provides the names people read for an event's sources ("seen in PagerDuty, Slack")."""

from __future__ import annotations

from pmtui.model.postmortem import TimelineEvent

# The importers' source names, as each product spells itself; any other source (a CSV's own
# column, "manual") is shown as written.
_NAMES = {
    "pagerduty": "PagerDuty",
    "slack": "Slack",
    "alertmanager": "Alertmanager",
    "grafana": "Grafana",
    "opsgenie": "Opsgenie",
}


def source_label(source: str) -> str:
    return _NAMES.get(source.strip().lower(), source)


def seen_in_label(event: TimelineEvent) -> str:
    """'seen in PagerDuty, Slack, Alertmanager' for a grouped row, '' for an event seen once."""
    if len(event.seen_in) < 2:
        return ""
    return "seen in " + ", ".join(dict.fromkeys(source_label(s) for s in event.sources))
