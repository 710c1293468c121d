"""Provides the names of the evidence formats pmtui imports, as `--format` spells them.

Kept free of imports so the argument parser offers them without loading the importers.
"""

from __future__ import annotations

#: Every format an importer reads; "auto" (detect it) is offered beside them, not among them.
FORMATS: tuple[str, ...] = (
    "pagerduty",
    "slack",
    "alertmanager",
    "grafana",
    "opsgenie",
    "csv",
    "log",
)
