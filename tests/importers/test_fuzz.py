"""Fuzzing every importer: whatever the input, only ImporterError or per-row rejections come out.

Random bytes test the reading and detection; random JSON shaped like each format (the right
keys, wrong values of every type) and random text built from time-like pieces reach deep into
each parser, where a stray TypeError or OverflowError would otherwise hide.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmtui.importers import FORMATS, ImporterError, ImportResult, read_evidence
from pmtui.model.enums import EventKind
from tests.conftest import examples

# PMTUI_FUZZ_EXAMPLES=5000 digs deeper than the default run in CI.
SETTINGS = settings(
    max_examples=int(os.environ.get("PMTUI_FUZZ_EXAMPLES") or examples(150)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

TIMES = st.sampled_from(
    [
        "2025-03-11T14:02:17Z",
        "2025-03-11T10:02:17-04:00",
        "2025-03-30T03:10:00+02:00",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59-12:00",
        "0001-01-01T00:00:00+14:00",
        "2025-02-29T00:00:00Z",
        "2025-03-11T14:02:17.123456789Z",
        "2025-03-11 14:02",
        "1741702125.900001",
        "1741702125",
        "99999999999999999999",
        "999999999999",
        "253402300800.5",
        "9999999999999",
        "-1",
        "Mar 11 14:02:17",
        "Feb 29 00:00:00",
        "",
        "T",
        "2025-13-45T99:99:99Z",
    ]
)
KEYS = st.sampled_from(
    [
        "log_entries",
        "log_entry",
        "type",
        "summary",
        "created_at",
        "note",
        "agent",
        "channel",
        "notification",
        "user",
        "incident",
        "html_url",
        "id",
        "alerts",
        "status",
        "labels",
        "annotations",
        "startsAt",
        "endsAt",
        "fingerprint",
        "commonLabels",
        "values",
        "orgId",
        "generatorURL",
        "ts",
        "text",
        "subtype",
        "thread_ts",
        "attachments",
        "blocks",
        "files",
        "reactions",
        "name",
        "elements",
        "bot_profile",
        "user_profile",
        "profile",
        "pins",
        "pinned_to",
        "username",
        "receiver",
        "data",
        "log",
        "owner",
        "createdAt",
        "offset",
        "parent_user_id",
        "reply_count",
        "incident_number",
        "title",
    ]
)
WORDS = st.sampled_from(
    [
        "firing",
        "resolved",
        "trigger_log_entry",
        "acknowledgement_log_entry",
        "annotate_log_entry",
        "notify_log_entry",
        "message",
        "bot_message",
        "channel_join",
        "channel_topic",
        "note",
        "rich_text",
        "text",
        "user",
        "link",
        "emoji",
        "<@U1>",
        "<#C1|x>",
        "<!here>",
        "[FIRING:1]",
        "<https://x.example/a?b=1&amp;c|*label*>",
        "*bold* _it_ ~no~ :fire: :+1::skin-tone-2: `*code*`",
        "line one\nline two",
        "Alert closed via API",
        "Alert acknowledged",
        "slack-alerts-low",
        "[#12] Title",
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | TIMES
    | WORDS
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS | st.text(max_size=5), inner),
    max_leaves=30,
)


def check(result: ImportResult) -> None:
    for event in result.events:
        assert event.at.utcoffset() is not None and event.at.utcoffset().total_seconds() == 0
        assert isinstance(event.kind, EventKind)
        assert event.text and event.text == event.text.strip()
        assert "\n" not in event.text
        assert event.source
    for where, reason in result.rejected:
        assert isinstance(where, str) and reason


def run(data: bytes, fmt: str) -> None:
    try:
        result = read_evidence(
            data,
            format=fmt,
            tz="Europe/Berlin",
            reference_date=date(2025, 3, 11),
            keep_values=fmt == "grafana",
        )
    except ImporterError as error:
        assert str(error)
    else:
        check(result)


@SETTINGS
@given(data=st.binary(max_size=300), fmt=st.sampled_from(("auto", *FORMATS)))
def test_random_bytes(data: bytes, fmt: str) -> None:
    run(data, fmt)


JSON_FORMATS = ("auto", "pagerduty", "alertmanager", "grafana", "opsgenie")


@SETTINGS
@given(document=JSON, fmt=st.sampled_from(JSON_FORMATS))
def test_random_json_shapes(document: object, fmt: str) -> None:
    run(json.dumps(document).encode(), fmt)


@SETTINGS
@given(
    documents=st.lists(JSON, min_size=1, max_size=4),
    fmt=st.sampled_from(JSON_FORMATS),
)
def test_random_json_lines(documents: list[object], fmt: str) -> None:
    run(b"\n".join(json.dumps(d).encode() for d in documents), fmt)


def _body(alerts: list[object], top: dict[str, object]) -> dict[str, object]:
    return {"version": "4", "status": "firing", **top, "alerts": alerts}


ALERT = st.fixed_dictionaries(
    {},
    optional={
        "status": st.sampled_from(["firing", "resolved", "FIRING", ""]) | SCALARS,
        "labels": st.dictionaries(st.text(max_size=8), SCALARS) | SCALARS,
        "annotations": st.dictionaries(st.sampled_from(["summary", "description"]), SCALARS),
        "startsAt": TIMES | SCALARS,
        "endsAt": TIMES | SCALARS,
        "fingerprint": st.text(max_size=16) | SCALARS,
        "values": st.dictionaries(st.text(max_size=3), SCALARS) | SCALARS,
        "generatorURL": SCALARS,
    },
)


@SETTINGS
@given(
    alerts=st.lists(ALERT | SCALARS, max_size=5),
    top=st.dictionaries(
        st.sampled_from(["commonLabels", "status", "orgId", "receiver"]), JSON | WORDS, max_size=3
    ),
    fmt=st.sampled_from(("alertmanager", "grafana")),
)
def test_webhook_bodies_with_wrong_values(alerts: list[object], top: dict, fmt: str) -> None:
    run(json.dumps([_body(alerts, top), _body(alerts, top)]).encode(), fmt)


ENTRY = st.fixed_dictionaries(
    {},
    optional={
        "id": st.text(max_size=5) | SCALARS,
        "type": st.sampled_from(["trigger_log_entry", "notify_log_entry", "annotate_log_entry"])
        | SCALARS,
        "summary": SCALARS,
        "created_at": TIMES | SCALARS,
        "note": SCALARS | st.dictionaries(st.just("content"), SCALARS),
        "channel": JSON,
        "agent": JSON,
        "incident": JSON | st.fixed_dictionaries({"summary": WORDS | SCALARS}),
    },
)


@SETTINGS
@given(entries=st.lists(ENTRY | SCALARS, max_size=6))
def test_pagerduty_entries_with_wrong_values(entries: list[object]) -> None:
    run(json.dumps([{"log_entries": entries}, {"log_entries": entries[::-1]}]).encode(), "auto")


RECORD = st.fixed_dictionaries(
    {},
    optional={
        "log": WORDS | SCALARS,
        "type": st.sampled_from(["system", "alertRecipient"]) | SCALARS,
        "owner": st.sampled_from(["ana@example.com", "System"]) | SCALARS,
        "createdAt": TIMES | SCALARS,
        "offset": st.sampled_from(["1", "2"]) | SCALARS,
    },
)


@SETTINGS
@given(records=st.lists(RECORD | SCALARS, max_size=6), bare=st.booleans())
def test_opsgenie_logs_with_wrong_values(records: list[object], bare: bool) -> None:
    pages = records if bare else [{"data": records}, {"data": records[::-1]}]
    run(json.dumps(pages).encode(), "auto")
    run(json.dumps(pages).encode(), "opsgenie")


MESSAGE = st.fixed_dictionaries(
    {},
    optional={
        "type": st.just("message") | SCALARS,
        "subtype": WORDS | SCALARS,
        "ts": TIMES | SCALARS,
        "user": st.sampled_from(["U1", "U2"]) | SCALARS,
        "text": WORDS | SCALARS,
        "thread_ts": TIMES | SCALARS,
        "parent_user_id": st.sampled_from(["U1", "U2"]) | SCALARS,
        "reply_count": SCALARS,
        "attachments": JSON,
        "blocks": JSON,
        "files": JSON,
        "reactions": JSON,
        "pinned_to": JSON,
        "bot_profile": JSON,
        "user_profile": JSON,
        "hidden": SCALARS,
    },
)


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@SETTINGS
@given(
    messages=st.lists(MESSAGE | SCALARS, max_size=6),
    users=JSON,
    channels=JSON,
    channel=st.none() | st.sampled_from(["inc", "other"]),
    key_reaction=st.none() | WORDS,
)
def test_slack_exports_with_wrong_values(
    messages: list[object], users: object, channels: object, channel: str | None, key_reaction
) -> None:
    archive = _zip(
        {
            "users.json": json.dumps(users).encode(),
            "channels.json": json.dumps(channels).encode(),
            "inc/2025-03-11.json": json.dumps(messages).encode(),
            "ops/2025-03-11.json": json.dumps(messages[::-1]).encode(),
        }
    )
    try:
        result = read_evidence(archive, channel=channel, key_reaction=key_reaction)
    except ImporterError as error:
        assert str(error)
    else:
        check(result)


@SETTINGS
@given(
    files=st.dictionaries(
        st.text(alphabet="abcjson./-_0123456789 ", min_size=1, max_size=12)
        | st.sampled_from(
            ["users.json", "channels.json", "c/2025-03-11.json", "w/c/2025-03-11.json"]
        ),
        st.binary(max_size=40) | JSON.map(lambda value: json.dumps(value).encode()),
        max_size=4,
    )
)
def test_random_zip_files(files: dict[str, bytes]) -> None:
    run(_zip(files), "auto")


LINE_START = TIMES | st.sampled_from(["[", "<34>", "<165>1 ", " ", "\t", "Mar  1 ", ""])
LINE = st.builds(
    lambda start, rest: start + rest,
    LINE_START,
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30),
)


@SETTINGS
@given(lines=st.lists(LINE, max_size=8), fmt=st.sampled_from(("auto", "log", "csv")))
def test_log_like_text(lines: list[str], fmt: str) -> None:
    run("\n".join(lines).encode(), fmt)


CELL = TIMES | WORDS | st.text(max_size=10) | st.sampled_from(['"', '""', '"a,b"', "\r", "\n"])


@SETTINGS
@given(
    header=st.lists(
        st.sampled_from(["time", "event", "kind", "source", "date", "link", "x"]),
        min_size=1,
        max_size=5,
    ),
    rows=st.lists(st.lists(CELL, max_size=6), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
)
def test_csv_like_text(header: list[str], rows: list[list[str]], delimiter: str) -> None:
    text = "\r\n".join(delimiter.join(row) for row in [header, *rows])
    run(("\ufeff" + text).encode(), "auto")
    run(text.encode(), "csv")
