"""Provides evidence import: pager, chat, monitoring and log exports read into timeline events.

`read_evidence(path_or_bytes, ...)` reads one input (file, Slack export folder or zip, or the
bytes of a file) in the format named or detected, and returns an ImportResult: the events in
time order (all UTC), the records it had to reject with the reason for each, and notes. It
changes nothing: adding the events to a post-mortem, with de-duplication against what is
already there, is `PostMortemService.import_events`. Only ImporterError escapes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, tzinfo

from pmtui.importers.alertmanager import read_alertmanager
from pmtui.importers.base import (
    FORMATS,
    MAX_BYTES,
    Collector,
    ImportedEvent,
    ImporterError,
    ImportResult,
    Options,
    TimelineFull,
    paused_gc,
)
from pmtui.importers.csv_events import read_csv
from pmtui.importers.detect import LABELS, detect_format
from pmtui.importers.early_alerts import early_alert_notes
from pmtui.importers.grafana import read_grafana
from pmtui.importers.log_lines import read_log
from pmtui.importers.opsgenie import read_opsgenie
from pmtui.importers.pagerduty import read_pagerduty
from pmtui.importers.slack import read_slack
from pmtui.importers.source import Input, open_input
from pmtui.model.errors import ValidationError
from pmtui.model.timeline_size import too_many_events
from pmtui.model.times import parse_timezone

__all__ = [
    "FORMATS",
    "LABELS",
    "MAX_BYTES",
    "ImportResult",
    "ImportedEvent",
    "ImporterError",
    "detect",
    "paused_gc",
    "read_evidence",
]

Source = str | os.PathLike[str] | bytes
_JSON_FORMATS = ("pagerduty", "alertmanager", "grafana", "opsgenie")

READERS: dict[str, Callable[[Input, Collector], None]] = {
    "pagerduty": read_pagerduty,
    "slack": read_slack,
    "alertmanager": read_alertmanager,
    "grafana": read_grafana,
    "opsgenie": read_opsgenie,
    "csv": read_csv,
    "log": read_log,
}


def detect(source: Source, *, name: str | None = None) -> str:
    """The format of `source` (one of FORMATS), or ImporterError saying why it cannot tell."""
    return detect_format(open_input(source, name))


def read_evidence(
    source: Source,
    *,
    format: str = "auto",
    tz: str | tzinfo | None = None,
    channel: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    key_reaction: str | None = None,
    key_only: bool = False,
    joins: bool = False,
    reference_date: date | None = None,
    name: str | None = None,
    held: int = 0,
    keep_values: bool = False,
    zone_advice: str | None = None,
) -> ImportResult:
    """Read `source` into timeline events.

    `format`: "auto" or one of FORMATS. `tz`: the zone for times written without an offset
    (CSV, logs, syslog); without it such rows are rejected. `since`/`until` (aware) keep
    only events in that window, inclusive. Slack only: `channel` picks one channel (default
    all), `key_reaction` marks messages with that reaction as key moments (pinned ones always
    are), `key_only` keeps only key moments, `joins` keeps joins and leaves. `reference_date`
    (the incident's date) gives yearless syslog times their year, else today's is used.
    `keep_values` (Grafana only) keeps the query values that fired a rule in the text.
    `zone_advice` ends the reason a time is not read, after "with an offset, ": how the
    caller's user names the zone of a time without one ("or give --tz"); without it, neutral.
    `name` names a bytes `source` in messages. `held` (the events the timeline holds) goes
    into the message that refuses an input with more events than any timeline may hold.
    """
    options = _options(tz, channel, since, until, key_reaction, key_only, joins, reference_date)
    options = replace(options, keep_values=keep_values)
    if zone_advice is not None:
        options = replace(options, zone_advice=zone_advice)
    with paused_gc():  # parsing builds every object at once, detection included
        inp = open_input(source, name)
        fmt = detect_format(inp) if format == "auto" else _known(format)
        slack_only = {
            "--channel": channel,
            "--key-reaction": key_reaction,
            "--key-only": key_only,
            "--joins": joins,
        }
        used = [flag for flag, value in slack_only.items() if value]
        if fmt != "slack" and used:
            raise ImporterError(
                f"{used[0]} only applies to a Slack export; {inp.name} is {LABELS[fmt]}"
            )
        if fmt != "grafana" and keep_values:
            raise ImporterError(
                f"--keep-values only applies to Grafana webhook bodies; {inp.name} is {LABELS[fmt]}"
            )
        if fmt in _JSON_FORMATS and not inp.is_folder and not inp.looks_like_json:
            raise ImporterError(f"{inp.name} is not {LABELS[fmt]}: it is not JSON")
        collector = Collector(options)
        try:
            READERS[fmt](inp, collector)
        except TimelineFull:
            raise ImporterError(too_many_events(held, None, inp.name)) from None
        result = collector.result(fmt)
        early = early_alert_notes(result.events, options.tz)
        return replace(result, notes=(*result.notes, *early)) if early else result


def _known(fmt: str) -> str:
    if fmt not in READERS:
        raise ImporterError(f"{fmt!r} is not a format; use auto or one of: {', '.join(FORMATS)}")
    return fmt


def _options(
    tz: str | tzinfo | None,
    channel: str | None,
    since: datetime | None,
    until: datetime | None,
    key_reaction: str | None,
    key_only: bool,
    joins: bool,
    reference_date: date | None,
) -> Options:
    zone: tzinfo | None
    if isinstance(tz, str):
        try:
            zone = parse_timezone(tz)
        except ValidationError as error:
            raise ImporterError(error.message) from None
        zone_name = tz.strip()
    else:
        zone, zone_name = tz, str(tz) if tz is not None else ""
    for label, moment in (("since", since), ("until", until)):
        if moment is not None and moment.tzinfo is None:
            raise ImporterError(f"{label} needs a time with a UTC offset")
    if since is not None and until is not None and until < since:
        raise ImporterError("until is before since: nothing could be imported")
    return Options(
        tz=zone,
        tz_name=zone_name,
        channel=channel or None,
        since=since,
        until=until,
        key_reaction=key_reaction or None,
        key_only=key_only,
        joins=joins,
        reference_date=reference_date,
    )
