"""Provides the JSON export: the pmtui/1 interchange document plus read-only metrics."""

from __future__ import annotations

from typing import Any

import orjson

from pmtui.analysis.metrics import compute_metrics
from pmtui.model.codec import postmortem_to_dict
from pmtui.model.postmortem import PostMortem
from pmtui.model.text import visible


def export_dict(pm: PostMortem) -> dict[str, Any]:
    document = postmortem_to_dict(pm)
    # Metrics are derived, so import ignores them; they are here for readers and dashboards.
    document["metrics"] = compute_metrics(pm.events).as_dict()
    return document


def export_json(pm: PostMortem) -> str:
    """The document as JSON text. A character the model refuses today (held by a file an older
    pmtui wrote) is written as its \\uXXXX escape: the same value, but inert in a terminal."""
    return visible(orjson.dumps(export_dict(pm), option=orjson.OPT_INDENT_2).decode() + "\n")
