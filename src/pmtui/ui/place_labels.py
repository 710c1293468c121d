"""Provides place_label: a finding's `where` in the words of the panes, shared by the
Checks tab and the readiness checklist (built in pmtui.analysis.places, where the CLI and
the service reach it too)."""

from __future__ import annotations

from pmtui.analysis.places import place_label

__all__ = ["place_label"]
