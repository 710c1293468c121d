"""Provides the shapes a record of a moment has, whoever made it: Record and Evidence.

An importer's ImportedEvent, a TimelineEvent and a SeenRecord all have them, so grouping
(in the importers) and the import into a timeline (in the service) take any of the three as
it is, without copying 100,000 records into one class first.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from pmtui.model.enums import EventKind


class Record(Protocol):
    """A record of a moment: what grouping compares."""

    @property
    def at(self) -> datetime: ...
    @property
    def kind(self) -> EventKind: ...
    @property
    def text(self) -> str: ...
    @property
    def source(self) -> str: ...


class Evidence(Record, Protocol):
    """A record to import into a timeline: also its link and the evidence verbatim."""

    @property
    def link(self) -> str: ...
    @property
    def original(self) -> str: ...
